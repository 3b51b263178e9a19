import Foundation
import Yams

/// Reading and writing presets as YAML.
extension Preset {
    /// Parses preset YAML; `file` names the source in errors (`file:line: key: problem`).
    public static func parse(yaml: String, file: String) throws -> Preset {
        let root: Node?
        do {
            root = try Yams.compose(yaml: yaml)
        } catch let error as YamlError {
            throw NNError.input("\(file): \(Self.describe(error)).")
        } catch {
            throw NNError.input("\(file): not valid YAML.")
        }
        var preset = Preset()
        guard let root else { return preset }
        guard case .mapping(let mapping) = root else {
            throw NNError.input("\(file):\(root.mark?.line ?? 1): a preset must be a mapping of keys (like 'network:'), not a single value.")
        }
        var compareNode: Node?
        for (k, v) in mapping {
            guard let key = k.scalar?.string else {
                throw NNError.input("\(file):\(k.mark?.line ?? 0): keys must be plain names.")
            }
            if key == "compare" { compareNode = v; continue }
            for (path, text, line) in try flatten(v, prefix: key, file: file) {
                try preset.assign(path, text, at: "\(file):\(line)")
            }
        }
        if let compareNode {
            guard case .sequence(let seq) = compareNode else {
                throw NNError.input("\(file):\(compareNode.mark?.line ?? 0): compare: expected a list of overrides, like '- optimizer: {name: sgd}'.")
            }
            for entry in seq {
                guard case .mapping = entry else {
                    throw NNError.input("\(file):\(entry.mark?.line ?? 0): compare: each entry must be a mapping of preset keys.")
                }
                var overrides: [Override] = []
                var probe = preset
                for (path, text, line) in try flatten(entry, prefix: "", file: file) {
                    try probe.assign(path, text, at: "\(file):\(line) (compare)")
                    overrides.append(Override(key: path, value: text))
                }
                preset.compare.append(overrides)
            }
        }
        return preset
    }

    /// Leaves of a YAML subtree as `(dotted key, text, line)`; sequences of scalars become `a,b,c`.
    static func flatten(_ node: Node, prefix: String, file: String) throws -> [(String, String, Int)] {
        let line = node.mark?.line ?? 0
        switch node {
        case .scalar(let s):
            return [(prefix, s.string == "~" || s.string == "null" ? "" : s.string, line)]
        case .sequence(let seq):
            var items: [String] = []
            for item in seq {
                guard let s = item.scalar?.string else {
                    throw NNError.input("\(file):\(item.mark?.line ?? line): \(prefix): expected a list of plain values.")
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

    static func describe(_ error: YamlError) -> String {
        switch error {
        case .scanner(_, let problem, let mark, _), .parser(_, let problem, let mark, _), .composer(_, let problem, let mark, _):
            return "line \(mark.line): YAML syntax error: \(problem)"
        case .reader(let problem, _, _, _):
            return "cannot read the YAML: \(problem)"
        default:
            return "not valid YAML"
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
            guard let data = FileManager.default.contents(atPath: path), let text = String(data: data, encoding: .utf8) else {
                throw NNError.input("\(path): cannot read the file as UTF-8 text.")
            }
            return try parse(yaml: text, file: path)
        }
        throw NNError.input("preset '\(nameOrPath)' is neither a built-in preset (\(BuiltinPresets.names.joined(separator: ", "))) nor a file.")
    }

    /// The preset as YAML with every key set (what `p` in the dashboard saves),
    /// emitted by Yams so any name or description reads back as written.
    public func yaml() throws -> String {
        var root: [(Node, Node)] = []
        var sections: [String: [(Node, Node)]] = [:]
        for key in Self.table {
            let value = key.text(self)
            if value.isEmpty && key.name.contains(".") { continue }
            let node = key.isList
                ? Node.sequence(Node.Sequence(value.split(separator: ",").map { Node(String($0)) }, .implicit, .flow))
                : Node(value)
            guard let dot = key.name.firstIndex(of: ".") else {
                root.append((Node(key.name), node))
                continue
            }
            sections[String(key.name[..<dot]), default: []].append((Node(String(key.name[key.name.index(after: dot)...])), node))
        }
        for section in Self.sections {
            root.append((Node(section), Node.mapping(Node.Mapping(sections[section] ?? []))))
        }
        if !compare.isEmpty {
            let entries = compare.map { entry in Node.mapping(Node.Mapping(entry.map { (Node($0.key), Node($0.value)) })) }
            root.append((Node("compare"), Node.sequence(Node.Sequence(entries))))
        }
        return try Yams.serialize(node: Node.mapping(Node.Mapping(root)), sortKeys: false)
    }

    /// The preset as one JSON object of dotted keys (checkpoint metadata).
    public func json() -> String {
        var dict: [String: String] = [:]
        for key in Self.table { dict[key.name] = key.text(self) }
        let data = (try? JSONSerialization.data(withJSONObject: dict, options: [.sortedKeys])) ?? Data("{}".utf8)
        return String(decoding: data, as: UTF8.self)
    }
}
