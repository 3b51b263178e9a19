import Foundation
import NNEngine
import Yams

/// Reading lessons: the built-in ones (`BuiltinLessons`, compiled in from `Lessons/`)
/// and a teacher's own file. Every problem is one sentence naming
/// the file, the line and the key.
extension Lesson {
    /// The largest lesson file read (a lesson is a page of text).
    public static let largestFile = 256 * 1024
    public static let mostSteps = 8

    /// The built-in lessons, in the lecture's order.
    public static func builtIn() throws -> [Lesson] {
        try BuiltinLessons.ids.map { try parse(yaml: BuiltinLessons.yaml[$0]!, id: $0, file: "lessons/\($0).yaml") }
    }

    /// Lesson `n` (1-based) of the built-in ones, or the lesson file at `path`.
    public static func load(_ which: String) throws -> Lesson {
        if let n = Int(which) {
            let ids = BuiltinLessons.ids
            guard (1...ids.count).contains(n) else {
                throw NNError.input(
                    "there is no lesson \(n): the lessons are 1 to \(ids.count) (nntui learn lists them).")
            }
            return try parse(yaml: BuiltinLessons.yaml[ids[n - 1]]!, id: ids[n - 1], file: "lessons/\(ids[n - 1]).yaml")
        }
        let path = which
        guard FileManager.default.fileExists(atPath: path) else {
            throw NNError.input(
                "\(path): no such lesson file (give a lesson number, 1 to \(BuiltinLessons.ids.count), or a path to "
                    + "a .yaml file)."
            )
        }
        // a folder, a FIFO or a device is refused before it is read, as a preset file is
        let text = try InputFile.text(path, what: "lesson file", largest: largestFile)
        // a file's progress is its own, whatever its name (a teacher's
        // 04-zero-weights.yaml is not built-in lesson 4)
        let absolute = path.hasPrefix("/") ? path : PathText.join(FileManager.default.currentDirectoryPath, path)
        return try parse(yaml: text, id: "file:" + absolute, file: path)
    }

    /// The keys a lesson file has at its top level.
    static let keys = [
        "title", "goal", "minutes", "point", "equation", "setup", "steps", "saw", "question", "answer", "claims",
    ]

    /// Parses a lesson; `file` names it in errors (`file:line: key: problem.`).
    public static func parse(yaml: String, id: String, file: String) throws -> Lesson {
        let root = try Preset.compose(yaml, file: file, kind: "lessons")
        guard let root, case .mapping(let mapping) = root else {
            throw NNError.input(
                "\(file):\(root?.mark?.line ?? 1): a lesson is a mapping of keys (title:, setup:, steps:, ...).")
        }
        var values: [String: Node] = [:]
        for (k, v) in mapping {
            guard let key = k.scalar?.string, keys.contains(key) else {
                throw NNError.input(
                    "\(file):\(k.mark?.line ?? 1): \(k.scalar?.string ?? "?"): not a lesson key (the keys are "
                        + "\(keys.joined(separator: ", ")))."
                )
            }
            values[key] = v
        }
        let reader = Reader(file: file, values: values, line: root.mark?.line ?? 1)
        let setup = try reader.setup()
        let steps = try reader.steps(setup.preset)
        return Lesson(
            id: id, title: try reader.line("title"), goal: try reader.line("goal"),
            minutes: try reader.int("minutes", 1...240), point: try reader.text("point"),
            equation: try reader.line("equation"), preset: setup.preset, view: setup.view, steps: steps,
            saw: try reader.text("saw"), question: try reader.text("question"), answer: try reader.text("answer"),
            claims: try values["claims"].map { try LessonClaim.parse($0, base: setup.preset, file: file) } ?? [])
    }

    /// Reads the values of one lesson file, each problem naming its line and key.
    private struct Reader {
        var file: String
        var values: [String: Node]
        var line: Int

        func fail(_ node: Node?, _ key: String, _ problem: String) -> NNError {
            NNError.input("\(file):\(node?.mark?.line ?? line): \(key): \(problem).")
        }

        func node(_ key: String) throws -> Node {
            guard let n = values[key] else {
                throw NNError.input(
                    "\(file):\(line): \(key): missing (every lesson has "
                        + "\(Lesson.keys.filter { $0 != "claims" }.joined(separator: ", ")))."
                )
            }
            return n
        }

        /// Text of any length: a scalar, not empty; control characters other than line breaks refused.
        func text(_ key: String) throws -> String { try Self.text(try node(key), key, self) }

        static func text(_ n: Node, _ key: String, _ r: Reader) throws -> String {
            guard let s = n.scalar?.string.trimmingCharacters(in: .whitespacesAndNewlines), !s.isEmpty else {
                throw r.fail(n, key, "expected text")
            }
            // the control characters a name refuses (C0, DEL, C1, U+2028/2029), line breaks allowed
            if let c = s.unicodeScalars.first(where: { $0 != "\n" && $0.isLineOrControl }) {
                throw r.fail(n, key, "holds the control character U+\(String(format: "%04X", c.value))")
            }
            return s
        }

        /// Text on one line.
        func line(_ key: String) throws -> String {
            let s = try text(key)
            guard !s.contains("\n") else { throw fail(values[key], key, "expected one line of text") }
            return s
        }

        func int(_ key: String, _ range: ClosedRange<Int>) throws -> Int {
            let n = try node(key)
            guard let v = n.scalar.flatMap({ Int($0.string) }), range.contains(v) else {
                throw fail(n, key, "expected a whole number from \(range.lowerBound) to \(range.upperBound)")
            }
            return v
        }

        /// `setup:`: `preset:` (a built-in name), `view:`, and preset sections as a preset file writes them.
        func setup() throws -> (preset: Preset, view: ViewKind?) {
            let n = try node("setup")
            guard case .mapping(let m) = n else {
                throw fail(n, "setup", "expected a mapping with preset: and the keys to change")
            }
            var name: String?, view: ViewKind?
            for (k, v) in m {
                switch k.scalar?.string {
                case "preset"?:
                    guard let s = v.scalar?.string, BuiltinPresets.names.contains(s) else {
                        throw fail(
                            v, "setup.preset",
                            "expected a built-in preset (\(BuiltinPresets.names.joined(separator: ", ")))")
                    }
                    name = s
                case "view"?:
                    guard let s = v.scalar?.string, let kind = ViewKind(name: s) else {
                        throw fail(v, "setup.view", "expected a view (\(Self.viewNames))")
                    }
                    view = kind
                default: break
                }
            }
            guard let name else { throw fail(n, "setup.preset", "missing (the preset the lesson starts from)") }
            var preset = try Preset.load(name)
            try preset.merge(m, file: file, skipping: ["preset", "view"])
            if let problem = Self.dataProblem(preset) { throw fail(n, "setup.data", problem) }
            if let view, let offered = Lesson.views(offeredBy: preset), !offered.contains(view) {
                throw fail(
                    m.first { $0.key.scalar?.string == "view" }?.value, "setup.view", Self.notOffered(view, preset))
            }
            return (preset, view)
        }

        /// Why the set-up's data cannot be read, found before the lesson opens: a file
        /// source without its path, a path that is not a regular file, a drawn set
        /// without points.
        static func dataProblem(_ p: Preset) -> String? {
            switch p.data.source {
            case .csv, .idx:
                guard let path = p.data.path else { return "data.source \(p.data.source) needs data.path" }
                if p.data.source == .csv {
                    do { try InputFile.checkRegular(path) } catch {
                        let sentence = "\(error)"
                        return "data.path " + (sentence.hasSuffix(".") ? String(sentence.dropLast()) : sentence)
                    }
                }
            case .drawn where p.data.points.isEmpty:
                return "data.source drawn needs data.points (a list of [x1, x2, class])"
            default: break
            }
            return nil
        }

        /// The views' names, for a message.
        static let viewNames = ViewKind.allCases.map(\.name).joined(separator: ", ")

        /// The condition `view: name` can never hold on `p`'s data.
        static func notOffered(_ view: ViewKind, _ p: Preset) -> String {
            "the \(view.name) view is not offered for \(p.data.source) with "
                + "a\(p.network.output == .identity ? "n identity" : " \(p.network.output.rawValue)") output, so "
                + "this can never hold"
        }

        func steps(_ preset: Preset) throws -> [Lesson.Step] {
            var reachable = [preset]
            let n = try node("steps")
            guard case .sequence(let seq) = n, (1...Lesson.mostSteps).contains(seq.count) else {
                throw fail(
                    n, "steps", "expected a list of 1 to \(Lesson.mostSteps) steps (- do: ..., keys: ..., until: {...})"
                )
            }
            return try seq.enumerated().map { (i, item) in
                let at = "steps[\(i + 1)]"
                guard case .mapping(let m) = item else { throw fail(item, at, "expected do:, keys: and until:") }
                var fields: [String: Node] = [:]
                for (k, v) in m {
                    guard let key = k.scalar?.string, ["do", "keys", "until"].contains(key) else {
                        throw fail(k, at, "\(k.scalar?.string ?? "?") is not a step key (do, keys, until)")
                    }
                    fields[key] = v
                }
                guard let instruction = fields["do"] else {
                    throw fail(item, "\(at).do", "missing (what to press and where to look)")
                }
                guard let keysNode = fields["keys"] else {
                    throw fail(item, "\(at).keys", "missing (the keys the step names, like 'n*5 v')")
                }
                guard let untilNode = fields["until"] else {
                    throw fail(item, "\(at).until", "missing (what the dashboard checks)")
                }
                let keyText = keysNode.scalar?.string ?? ""
                let keys: [String]
                switch LessonKeys.parse(keyText) {
                case .success(let k): keys = k
                case .failure(let p): throw fail(keysNode, "\(at).keys", "'\(p.word)': \(p.why)")
                }
                return Lesson.Step(
                    instruction: try Self.text(instruction, "\(at).do", self), keys: keys,
                    until: try conditions(untilNode, at: "\(at).until", preset: preset, reachable: &reachable))
            }
        }

        /// A step's conditions; `reachable` holds the set-up's preset and each one a
        /// `setting` condition so far makes, so a `view` can be checked against the data
        /// the learner may have by then (a step's own settings hold with its view).
        func conditions(_ n: Node, at: String, preset: Preset, reachable: inout [Preset]) throws -> [LessonCondition] {
            guard case .mapping(let m) = n, !m.isEmpty else {
                throw fail(n, at, "expected a mapping of conditions (like {epoch: 20})")
            }
            // the step's settings first: its view is checked against the data they make
            let settings = m.filter { $0.key.scalar?.string == "setting" }
            var made: [(Int, LessonCondition)] = []
            var step: [Preset] = []
            for (k, v) in settings {
                made.append(
                    (
                        m.firstIndex { $0.key == k } ?? 0,
                        try condition(k, v, at: at, preset: step.last ?? preset, views: [], made: &step)
                    ))
            }
            reachable += step
            // with settings of its own, the step's view must be offered by the data they make
            let views = step.isEmpty ? reachable : [step.last!]
            for (k, v) in m where k.scalar?.string != "setting" {
                made.append(
                    (
                        m.firstIndex { $0.key == k } ?? 0,
                        try condition(k, v, at: at, preset: preset, views: views, made: &step)
                    ))
            }
            return made.sorted { $0.0 < $1.0 }.map(\.1)
        }

        /// One condition; a `view` must be offered by one of `views`' data, a `setting`
        /// adds the preset it makes to `made`.
        func condition(_ k: Node, _ v: Node, at: String, preset: Preset, views: [Preset], made: inout [Preset]) throws
            -> LessonCondition
        {
            let key = k.scalar?.string ?? "?", s = v.scalar?.string ?? "", where_ = "\(at).\(key)"
            func number(_ range: ClosedRange<Double>) throws -> Double {
                guard let x = Double(s), x.isFinite, range.contains(x) else {
                    throw fail(v, where_, "expected a number from \(range.lowerBound) to \(range.upperBound)")
                }
                return x
            }
            func whole(_ range: ClosedRange<Int>) throws -> Int {
                guard let x = Int(s), range.contains(x) else {
                    throw fail(v, where_, "expected a whole number from \(range.lowerBound) to \(range.upperBound)")
                }
                return x
            }
            func yes() throws {
                guard ["true", "yes", "passed"].contains(s) else { throw fail(v, where_, "expected true") }
            }
            switch key {
            case "view":
                guard let kind = ViewKind(name: s) else { throw fail(v, where_, "expected a view (\(Self.viewNames))") }
                let offered = views.map { Lesson.views(offeredBy: $0) }
                guard offered.contains(where: { $0 == nil || $0!.contains(kind) }) else {
                    throw fail(v, where_, Self.notOffered(kind, views.last!))
                }
                return .view(kind)
            case "epoch": return .epoch(try whole(1...Preset.big))
            case "step": return .step(try whole(1...Preset.big))
            case "identical-units": return .identicalUnits(layer: try whole(1...64), true)
            case "distinct-units": return .identicalUnits(layer: try whole(1...64), false)
            case "accuracy": return .accuracy(try number(0...1))
            case "loss-below":
                // a loss is never below 0: the bound must be above it
                let x = try number(0...1e30)
                guard x > 0 else { throw fail(v, where_, "expected a number above 0 (a loss is never below 0)") }
                return .lossBelow(x)
            case "gradient-ratio-above": return .gradientRatio(try number(0...1e30), atLeast: true)
            case "gradient-ratio-below": return .gradientRatio(try number(0...1e30), atLeast: false)
            case "setting":
                let parts = s.split(separator: "=", maxSplits: 1).map(String.init)
                guard parts.count == 2 else { throw fail(v, where_, "expected key=value, as --set takes it") }
                var probe = preset
                try probe.assign(parts[0], parts[1], at: "\(file):\(v.mark?.line ?? line): \(where_)")
                made.append(probe)
                return .setting(key: parts[0], value: probe.text(parts[0]))
            case "layers":
                let sizes = s.split(separator: "/", omittingEmptySubsequences: false).map { Int($0) }
                guard sizes.count >= 2, sizes.allSatisfy({ ($0 ?? 0) >= 1 }) else {
                    throw fail(v, where_, "expected sizes like 2/16/3")
                }
                return .layers(sizes.map { $0! })
            case "comparing": return .comparing(try whole(2...64))
            case "comparison-finished": try yes(); return .comparisonFinished
            case "finder-suggests": try yes(); return .finderSuggests
            case "gradient-check": try yes(); return .gradientCheckPassed
            case "diverged": try yes(); return .diverged
            default:
                throw fail(
                    k, where_,
                    "not a condition (view, epoch, step, identical-units, distinct-units, accuracy, loss-below, "
                        + "gradient-ratio-above, gradient-ratio-below, setting, layers, comparing, "
                        + "comparison-finished, finder-suggests, gradient-check, diverged)"
                )
            }
        }
    }
}
