import Foundation
import NNEngine
import Yams

/// Reading and writing presets as YAML.
extension Preset {
    /// Parses preset YAML; `file` names the source in errors (`file:line: key: problem`).
    public static func parse(yaml: String, file: String) throws -> Preset {
        let root = try compose(yaml, file: file, kind: "presets")
        var preset = Preset()
        guard let root else { return preset }
        guard case .mapping(let mapping) = root else {
            throw NNError.input(
                "\(file):\(root.mark?.line ?? 1): a preset must be a mapping of keys (like 'network:'), not a single "
                    + "value."
            )
        }
        try preset.merge(mapping, file: file)
        return preset
    }

    /// The YAML tree of `yaml` (nil when empty), for presets and lessons (`kind`):
    /// anchors and aliases refused, a syntax error one sentence naming `file`.
    static func compose(_ yaml: String, file: String, kind: String) throws -> Node? {
        if let line = firstAnchorLine(yaml) {
            throw NNError.input(
                "\(file):\(line): YAML anchors and aliases (&name, *name) are not supported in \(kind); write the "
                    + "values out."
            )
        }
        do {
            return try Yams.compose(yaml: yaml)
        } catch let error as YamlError {
            throw NNError.input("\(file)\(Self.describe(error)).")
        } catch {
            throw NNError.input("\(file): not valid YAML.")
        }
    }

    /// Assigns every key of a YAML mapping of preset sections (`network: {...}`), as
    /// a preset file writes them; a `compare:` list replaces the preset's own.
    /// `skipping` names top-level keys the caller reads itself.
    mutating func merge(_ mapping: Node.Mapping, file: String, skipping: Set<String> = []) throws {
        var compareNode: Node?
        for (k, v) in mapping {
            guard let key = k.scalar?.string else {
                throw NNError.input("\(file):\(k.mark?.line ?? 0): keys must be plain names.")
            }
            if skipping.contains(key) { continue }
            if key == "compare" { compareNode = v; continue }
            for (path, text, line) in try Self.flatten(v, prefix: key, file: file) {
                try assign(path, text, at: "\(file):\(line)")
            }
        }
        if let compareNode {
            guard case .sequence(let seq) = compareNode else {
                throw NNError.input(
                    "\(file):\(compareNode.mark?.line ?? 0): compare: expected a list of overrides, like '- "
                        + "optimizer: {name: sgd}'."
                )
            }
            compare = []
            for entry in seq {
                guard case .mapping = entry else {
                    throw NNError.input(
                        "\(file):\(entry.mark?.line ?? 0): compare: each entry must be a mapping of preset keys.")
                }
                var overrides: [Override] = []
                var probe = self
                for (path, text, line) in try Self.flatten(entry, prefix: "", file: file) {
                    try probe.assign(path, text, at: "\(file):\(line) (compare)")
                    overrides.append(Override(key: path, value: text))
                }
                compare.append(overrides)
            }
        }
    }

    /// Plain scalars YAML reads as null.
    static let nullWords: Set<String> = ["~", "null", "Null", "NULL", ""]

    /// The one key whose value is a table: a list of `[x1, x2, class]` rows.
    static let tableKey = "data.points"

    /// Leaves of a YAML subtree as `(dotted key, text, line)`; sequences of scalars become `a,b,c`.
    static func flatten(_ node: Node, prefix: String, file: String) throws -> [(String, String, Int)] {
        let line = node.mark?.line ?? 0
        switch node {
        case .scalar(let s) where prefix == tableKey && !(s.style == .plain && nullWords.contains(s.string)):
            throw NNError.input(
                "\(file):\(line): \(prefix): expected a list of [x1, x2, class] lists, each of three numbers.")
        case .scalar(let s):
            let isNull = s.style == .plain && nullWords.contains(s.string)
            return [(prefix, isNull ? "" : s.string, line)]
        case .sequence(let seq)
        where prefix == tableKey || seq.contains(where: { if case .sequence = $0 { true } else { false } }):
            // a list of lists (data.points): rows of three numbers, joined by ";", values by ","
            var rows: [String] = []
            for item in seq {
                guard case .sequence(let row) = item, row.count == 3,
                    let values = Optional(row.compactMap { $0.scalar?.string }), values.count == 3,
                    values.allSatisfy({ Double($0) != nil })
                else {
                    throw NNError.input(
                        "\(file):\(item.mark?.line ?? line): \(prefix): expected a list of [x1, x2, class] lists, "
                            + "each of three numbers."
                    )
                }
                rows.append(values.joined(separator: ","))
            }
            return [(prefix, rows.joined(separator: ";"), line)]
        case .sequence(let seq):
            var items: [String] = []
            for item in seq {
                guard let s = item.scalar?.string else {
                    throw NNError.input(
                        "\(file):\(item.mark?.line ?? line): \(prefix): expected a list of plain values.")
                }
                items.append(s)
            }
            return [(prefix, items.joined(separator: ","), line)]
        case .mapping(let m):
            var out: [(String, String, Int)] = []
            for (k, v) in m {
                guard let key = k.scalar?.string else {
                    throw NNError.input("\(file):\(k.mark?.line ?? line): keys must be plain names.")
                }
                out += try flatten(v, prefix: prefix.isEmpty ? key : "\(prefix).\(key)", file: file)
            }
            return out
        case .alias:
            throw NNError.input("\(file):\(line): YAML aliases are not supported in presets.")
        }
    }

    /// The line of the first anchor (`&a`) or alias (`*a`) in YAML text, found before
    /// the text is composed: Yams expands aliases while composing, and a few hundred
    /// bytes of nested aliases expand to billions of nodes. A token counts only where
    /// a node may start: a line's start, after `- `, `: `, `? `, a tag, and inside a
    /// flow collection after `[`, `{` or `,`. Quoted scalars (over several lines
    /// too), plain text (where `[`, `,` and `*` are just characters, as in
    /// `see [a, *b]` or `alpha, &beta`), comments and block scalars are skipped.
    static func firstAnchorLine(_ yaml: String) -> Int? {
        var blockIndent: Int? = nil  // inside a block scalar: lines indented more than this
        var quote: UInt8? = nil  // inside a quoted scalar, which may span lines
        var flowDepth = 0  // inside [ ] or { }
        for (number, line) in yaml.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            let chars = Array(line.utf8)
            let indent = chars.prefix { $0 == 0x20 }.count
            if let b = blockIndent {
                if indent > b || chars.allSatisfy({ $0 == 0x20 || $0 == 0x0D }) { continue }
                blockIndent = nil
            }
            var i = 0, nodeStart = quote == nil, plain = false
            while i < chars.count {
                let c = chars[i]
                if let q = quote {
                    if c == q {
                        if q == 0x27 && i + 1 < chars.count && chars[i + 1] == 0x27 { i += 2; continue }
                        quote = nil
                    } else if c == 0x5C && q == 0x22 {
                        i += 1
                    }
                    i += 1
                    continue
                }
                let next = i + 1 < chars.count ? chars[i + 1] : 0x20
                let spaceAfter = next == 0x20 || next == 0x09 || next == 0x0D
                if c == 0x20 || c == 0x09 {
                    // blanks change nothing
                } else if c == 0x23 && (i == 0 || chars[i - 1] == 0x20 || chars[i - 1] == 0x09) {
                    break  // a comment
                } else if (c == 0x2D || c == 0x3F) && spaceAfter && nodeStart {
                    nodeStart = true  // "- ", "? "
                } else if c == 0x3A && spaceAfter {
                    nodeStart = true; plain = false  // ": " ends a key, in plain text too
                } else if flowDepth > 0 && (c == 0x2C || c == 0x5D || c == 0x7D) {
                    // , ] } end a flow entry, in plain text too
                    if c != 0x2C { flowDepth -= 1 }
                    nodeStart = c == 0x2C; plain = false
                } else if plain {
                    // a character of plain text
                } else if nodeStart && (c == 0x26 || c == 0x2A) && !spaceAfter {
                    return number + 1  // &anchor or *alias
                } else if nodeStart && (c == 0x22 || c == 0x27) {
                    quote = c; nodeStart = false
                } else if nodeStart && (c == 0x7C || c == 0x3E) {
                    blockIndent = indent  // | or >: the lines below are text
                    break
                } else if nodeStart && c == 0x21 {
                    while i < chars.count && chars[i] != 0x20 { i += 1 }  // a tag; a node still starts after it
                    continue
                } else if nodeStart && (c == 0x5B || c == 0x7B) {
                    flowDepth += 1  // [ {: a node starts inside
                } else {
                    nodeStart = false; plain = true
                }
                i += 1
            }
        }
        return nil
    }

    /// A YAML error after the file's name, in the `file:line:` form of every other
    /// complaint, with the usual cause of a syntax error: a value holding `: ` or `#`, or
    /// starting with a quote, `-` or `*`, that is not quoted.
    static func describe(_ error: YamlError) -> String {
        switch error {
        case .scanner(_, let problem, let mark, _), .parser(_, let problem, let mark, _),
            .composer(_, let problem, let mark, _):
            return ":\(mark.line): YAML syntax error: \(problem) (a value with ': ' or ' #' in it, or starting "
                + "with a quote, '-' or '*', must be quoted: \"...\", or written as a block after >)"
        case .reader(let problem, _, _, _):
            return ": cannot read the YAML: \(problem)"
        default:
            return ": not valid YAML"
        }
    }

    /// A built-in preset's name, or a path to a YAML file (also `presets/NAME.yaml`).
    public static func load(_ nameOrPath: String) throws -> Preset {
        if let text = BuiltinPresets.yaml[nameOrPath] {
            return try parse(yaml: text, file: "built-in preset \(nameOrPath)")
        }
        var candidates = [nameOrPath]
        if !nameOrPath.hasSuffix(".yaml") && !nameOrPath.hasSuffix(".yml") {
            candidates.append("presets/\(nameOrPath).yaml")
        }
        for path in candidates where FileManager.default.fileExists(atPath: path) {
            return try parse(yaml: try InputFile.text(path, what: "preset file", largest: 1 << 20), file: path)
        }
        throw NNError.input(
            "preset '\(nameOrPath)' is neither a built-in preset (\(BuiltinPresets.names.joined(separator: ", "))) "
                + "nor a file."
        )
    }

    /// The preset as YAML with every key set (what `p` in the dashboard saves),
    /// emitted by Yams so any name or description reads back as written.
    public func yaml() throws -> String {
        var root: [(Node, Node)] = []
        var sections: [String: [(Node, Node)]] = [:]
        for key in Self.table {
            let value = key.text(self)
            if value.isEmpty && key.name.contains(".") { continue }
            // free text that reads as null when plain ("null", "~") is quoted
            func list(_ text: Substring) -> Node {
                Node.sequence(Node.Sequence(text.split(separator: ",").map { Node(String($0)) }, .implicit, .flow))
            }
            let node =
                key.isTable
                ? Node.sequence(Node.Sequence(value.split(separator: ";").map(list)))
                : key.isList
                    ? list(Substring(value))
                    : Node(value, .implicit, key.isText && Self.nullWords.contains(value) ? .singleQuoted : .any)
            guard let dot = key.name.firstIndex(of: ".") else {
                root.append((Node(key.name), node))
                continue
            }
            sections[String(key.name[..<dot]), default: []].append(
                (Node(String(key.name[key.name.index(after: dot)...])), node))
        }
        for section in Self.sections {
            root.append((Node(section), Node.mapping(Node.Mapping(sections[section] ?? []))))
        }
        if !compare.isEmpty {
            let entries = compare.map { entry in
                Node.mapping(Node.Mapping(entry.map { (Node($0.key), Node($0.value)) }))
            }
            root.append((Node("compare"), Node.sequence(Node.Sequence(entries))))
        }
        // one line per value (width -1): a long name is never folded onto a line of its own
        return try Yams.serialize(
            node: Node.mapping(Node.Mapping(root)), width: -1, allowUnicode: true, sortKeys: false)
    }

    /// The preset as one JSON object of dotted keys (checkpoint metadata).
    public func json() -> String {
        var dict: [String: String] = [:]
        for key in Self.table { dict[key.name] = key.text(self) }
        return JSONLine.encode(dict)
    }
}
