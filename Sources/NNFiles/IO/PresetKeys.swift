import Foundation
import NNEngine

extension Unicode.Scalar {
    /// C0 (tab and line breaks included), DEL, C1, U+2028 and U+2029: what may not
    /// stand in a one-line name.
    var isLineOrControl: Bool { value < 0x20 || (0x7F...0x9F).contains(value) || value == 0x2028 || value == 0x2029 }
}

/// One dotted preset key: how its text is checked and assigned, and how the value
/// is written back. `Preset.table` lists every key once; assigning, `text`, YAML,
/// JSON, the key list and the error messages all come from it.
public struct PresetKey: Sendable {
    public let name: String
    /// Sets the key from trimmed text; throws a reason ("'x' is not a number").
    let assign: @Sendable (inout Preset, String) throws(KeyProblem) -> Void
    /// The value as text, the inverse of `assign`; empty for an unset optional.
    let text: @Sendable (Preset) -> String
    /// Written as a YAML sequence (`[2, 16, 3]`), not a scalar.
    var isList = false
    /// Free text (name, description) is taken as written; values are trimmed.
    var isText = false
    /// Written as a YAML list of lists (`[[x1, x2, t], ...]`), its text `a,b,c;d,e,f`.
    var isTable = false
    /// The values a closed key takes (its choices), for shell completion; nil for an open one.
    var choices: [String]? = nil

    /// Why a value was refused, without the location and key (added by `Preset.assign`).
    public struct KeyProblem: Error {
        public let reason: String
    }
}

extension PresetKey {
    typealias Path<T> = WritableKeyPath<Preset, T> & Sendable

    static func string(_ name: String, _ path: Path<String>) -> PresetKey {
        PresetKey(name: name, assign: { $0[keyPath: path] = $1 }, text: { $0[keyPath: path] }, isText: true)
    }
    /// A name: free text on one line. It heads tables, fills a CSV's run column and
    /// a title bar, so a line break or another control character (C0, DEL, C1,
    /// U+2028/2029) is refused, naming the character.
    static func oneLine(_ name: String, _ path: Path<String>) -> PresetKey {
        PresetKey(
            name: name,
            assign: { p, raw throws(KeyProblem) in
                if let bad = raw.unicodeScalars.first(where: \.isLineOrControl) {
                    throw KeyProblem(
                        reason:
                            "holds the control character U+\(String(format: "%04X", bad.value)); a name is one line "
                            + "of printable text"
                    )
                }
                p[keyPath: path] = raw
            }, text: { $0[keyPath: path] }, isText: true)
    }
    static func optionalString(_ name: String, _ path: Path<String?>) -> PresetKey {
        PresetKey(name: name, assign: { $0[keyPath: path] = $1.isEmpty ? nil : $1 }, text: { $0[keyPath: path] ?? "" })
    }
    /// One of a closed set, by its raw name.
    static func choice<T: RawRepresentable & CaseIterable & Sendable>(_ name: String, _ path: Path<T>) -> PresetKey
    where T.RawValue == String {
        PresetKey(
            name: name,
            assign: { p, raw throws(KeyProblem) in
                guard let v = T(rawValue: raw) else {
                    throw KeyProblem(
                        reason:
                            "unknown value '\(raw)' (choices: \(T.allCases.map(\.rawValue).joined(separator: ", ")))")
                }
                p[keyPath: path] = v
            }, text: { $0[keyPath: path].rawValue }, choices: T.allCases.map(\.rawValue))
    }
    static func int(_ name: String, _ path: Path<Int>, _ range: ClosedRange<Int>) -> PresetKey {
        PresetKey(
            name: name,
            assign: { p, raw throws(KeyProblem) in
                guard let v = Int(raw) else { throw KeyProblem(reason: "'\(raw)' is not a whole number") }
                guard range.contains(v) else {
                    throw KeyProblem(reason: "\(v) is out of range (\(range.lowerBound)...\(range.upperBound))")
                }
                p[keyPath: path] = v
            }, text: { "\($0[keyPath: path])" })
    }
    /// A seed: a whole number from 0 to `Preset.largestSeed`.
    static func seed(_ name: String, _ path: Path<UInt64>) -> PresetKey {
        PresetKey(
            name: name,
            assign: { p, raw throws(KeyProblem) in
                guard let v = UInt64(raw), v <= Preset.largestSeed else {
                    throw KeyProblem(reason: "'\(raw)' is not a whole number from 0 to \(Preset.largestSeed)")
                }
                p[keyPath: path] = v
            }, text: { "\($0[keyPath: path])" })
    }
    /// A finite number that `ok` accepts; `rule` says which in the error.
    static func number(_ raw: String, _ ok: (Double) -> Bool, _ rule: String) throws(KeyProblem) -> Double {
        guard let v = Double(raw), v.isFinite else { throw KeyProblem(reason: "'\(raw)' is not a number") }
        guard ok(v) else { throw KeyProblem(reason: "\(raw) is out of range (\(rule))") }
        return v
    }
    static func double(_ name: String, _ path: Path<Double>, _ rule: String, _ ok: @escaping @Sendable (Double) -> Bool)
        -> PresetKey
    {
        PresetKey(
            name: name, assign: { p, raw throws(KeyProblem) in p[keyPath: path] = try number(raw, ok, rule) },
            text: { Preset.format($0[keyPath: path]) })
    }
    /// A number the engine holds in 32 bits: `ok` must accept the Float it becomes
    /// (0.99999999999 is 1 in a Float), which must be finite and, unless 0, normal
    /// (the engine flushes subnormal floats to zero).
    static func single(_ raw: String, _ ok: (Double) -> Bool, _ rule: String) throws(KeyProblem) -> Float {
        let v = try number(raw, ok, rule)
        let f = Float(v)
        guard f.isFinite else { throw KeyProblem(reason: "\(raw) is too large for the engine's 32-bit floats") }
        guard v == 0 || f.isNormal else { throw KeyProblem(reason: "\(raw) is 0 in the engine's 32-bit floats") }
        guard ok(Double(f)) else {
            throw KeyProblem(reason: "\(raw) is \(f) in the engine's 32-bit floats, out of range (\(rule))")
        }
        return f
    }
    static func float(_ name: String, _ path: Path<Float>, _ rule: String, _ ok: @escaping @Sendable (Double) -> Bool)
        -> PresetKey
    {
        PresetKey(
            name: name, assign: { p, raw throws(KeyProblem) in p[keyPath: path] = try single(raw, ok, rule) },
            text: { Preset.format(Double($0[keyPath: path])) })
    }
}

extension Preset {

    /// Every key a preset accepts, in the order files are written.
    public static let table: [PresetKey] = [
        .oneLine("name", \.name),
        .string("description", \.description),
        .int("compare-seeds", \.compareSeeds, 1...Preset.mostSeeds),
        .choice("data.source", \.data.source),
        .int("data.samples", \.data.samples, 1...10_000_000),
        .double("data.noise", \.data.noise, "0 <= noise <= 100") { $0 >= 0 && $0 <= 100 },
        .optionalString("data.path", \.data.path),
        .optionalString("data.target", \.data.target),
        .double("data.validation", \.data.validation, "0 <= validation < 1") { $0 >= 0 && $0 < 1 },
        .choice("data.scale", \.data.scale),
        .seed("data.seed", \.data.seed),
        .int("data.degree", \.data.degree, 0...30),
        PresetKey(
            name: "data.points",
            assign: { p, raw throws(PresetKey.KeyProblem) in
                switch DrawnPoint.parse(raw) {
                case .success(let points): p.data.points = points
                case .failure(let problem): throw PresetKey.KeyProblem(reason: problem.reason)
                }
            }, text: { DrawnPoint.text($0.data.points) }, isTable: true),
        PresetKey(
            name: "data.features",
            assign: { p, raw throws(PresetKey.KeyProblem) in p.data.features = try InputFeature.parse(raw) },
            text: { $0.data.features.map(\.rawValue).joined(separator: ",") }, isList: true),
        PresetKey(
            name: "network.layers",
            assign: { p, raw throws(PresetKey.KeyProblem) in p.network.layers = try parseLayers(raw) },
            text: { $0.network.layers.map { $0.map(String.init) ?? "auto" }.joined(separator: ",") }, isList: true),
        PresetKey(
            name: "network.activation",
            assign: { p, raw throws(PresetKey.KeyProblem) in
                guard let kind = ActivationKind(name: raw) else {
                    throw PresetKey.KeyProblem(
                        reason: "unknown value '\(raw)' (choices: \(Activation.names.joined(separator: ", ")))")
                }
                p.network.activation = kind
            }, text: { $0.network.activation.rawValue }),
        .float("network.leaky-slope", \.network.leakySlope, "0 <= slope < 1") { $0 >= 0 && $0 < 1 },
        .choice("network.output", \.network.output),
        .choice("network.init", \.network.initializer),
        PresetKey(
            name: "network.cost",
            assign: { p, raw throws(PresetKey.KeyProblem) in
                if raw == "auto" { p.network.cost = nil; return }
                guard let c = Cost(rawValue: raw) else {
                    throw PresetKey.KeyProblem(
                        reason:
                            "unknown value '\(raw)' (choices: auto, "
                            + "\(Cost.allCases.map(\.rawValue).joined(separator: ", ")))"
                    )
                }
                p.network.cost = c
            }, text: { $0.network.cost?.rawValue ?? "auto" }),
        .int("training.epochs", \.training.epochs, 1...big),
        PresetKey(
            name: "training.batch",
            assign: { p, raw throws(PresetKey.KeyProblem) in
                if raw == "full" { p.training.batch = .full; return }
                guard let n = Int(raw) else {
                    throw PresetKey.KeyProblem(reason: "'\(raw)' is neither a whole number nor 'full'")
                }
                guard n >= 1 else { throw PresetKey.KeyProblem(reason: "batch size \(n) must be at least 1") }
                p.training.batch = .size(n)
            }, text: { $0.training.batch.description }),
        .seed("training.seed", \.training.seed),
        PresetKey(
            name: "training.threads",
            assign: { p, raw throws(PresetKey.KeyProblem) in
                if raw == "auto" { p.training.threads = nil; return }
                guard let n = Int(raw), (1...256).contains(n) else {
                    throw PresetKey.KeyProblem(reason: "'\(raw)' is neither auto nor a whole number from 1 to 256")
                }
                p.training.threads = n
            }, text: { $0.training.threads.map(String.init) ?? "auto" }),
        .float("training.weight-decay", \.training.weightDecay, "0 <= weight-decay <= 10") { $0 >= 0 && $0 <= 10 },
        .choice("training.regularization", \.training.regularization.kind),
        .float("training.regularization-rate", \.training.regularization.rate, "0 <= regularization-rate <= 10") {
            $0 >= 0 && $0 <= 10
        },
        .choice("optimizer.name", \.optimizer.kind),
        .float("optimizer.lr", \.optimizer.lr, "0 <= lr <= 1000") { $0 >= 0 && $0 <= 1000 },
        .float("optimizer.momentum", \.optimizer.momentum, "0 <= momentum < 1") { $0 >= 0 && $0 < 1 },
        .float("optimizer.beta1", \.optimizer.beta1, "0 <= beta1 < 1") { $0 >= 0 && $0 < 1 },
        .float("optimizer.beta2", \.optimizer.beta2, "0 <= beta2 < 1") { $0 >= 0 && $0 < 1 },
        PresetKey(
            name: "optimizer.eps",
            assign: { p, raw throws(PresetKey.KeyProblem) in
                p.optimizer.eps = try PresetKey.single(raw, { $0 > 0 && $0 < 1 }, "0 < eps < 1")
            }, text: { $0.optimizer.eps.map { Preset.format(Double($0)) } ?? "" }),
        .float("optimizer.alpha", \.optimizer.alpha, "0 <= alpha < 1") { $0 >= 0 && $0 < 1 },
        .choice("schedule.name", \.schedule.kind),
        .int("schedule.warmup", \.schedule.warmup, 0...big),
        .int("schedule.step", \.schedule.step, 1...big),
        PresetKey(
            name: "schedule.gamma",
            assign: { p, raw throws(PresetKey.KeyProblem) in
                p.schedule.gamma =
                    raw.isEmpty ? nil : try PresetKey.single(raw, { $0 > 0 && $0 <= 1 }, "0 < gamma <= 1")
            }, text: { $0.schedule.gamma.map { Preset.format(Double($0)) } ?? "" }),
        .float("schedule.decay", \.schedule.decay, "0 or more") { $0 >= 0 },
        .float("schedule.min-lr", \.schedule.minLR, "0 <= min-lr <= 1000") { $0 >= 0 && $0 <= 1000 },
        .float("schedule.factor", \.schedule.factor, "0 < factor < 1") { $0 > 0 && $0 < 1 },
        .int("schedule.patience", \.schedule.patience, 0...big),
    ]

    /// Every key's name.
    public static let keys = table.map(\.name)

    /// The values the closed key `name` takes, or nil (an open key, or no such key).
    public static func choices(for name: String) -> [String]? { byName[name]?.choices }
    private static let byName = Dictionary(uniqueKeysWithValues: table.map { ($0.name, $0) })

    /// The sections keys are grouped in (and `compare`).
    static let sections = ["data", "network", "training", "optimizer", "schedule"]

    /// `N0/.../NL` from `2,16,3` or the lecture's `2/16/3` (brackets allowed); only the
    /// first and last may be `auto`.
    static func parseLayers(_ raw: String) throws(PresetKey.KeyProblem) -> [Int?] {
        let parts = raw.trimmingCharacters(in: CharacterSet(charactersIn: "[]"))
            .split(omittingEmptySubsequences: false, whereSeparator: { $0 == "," || $0 == "/" })
            .map { $0.trimmingCharacters(in: .whitespaces) }
        if parts.contains(where: \.isEmpty) {
            throw PresetKey.KeyProblem(
                reason:
                    "'\(raw)' has an empty size (two separators together, or one at an end); write sizes like 2/16/3")
        }
        guard parts.count >= 2 else {
            throw PresetKey.KeyProblem(reason: "'\(raw)' needs at least an input and an output size, like 2/16/3")
        }
        var sizes: [Int?] = []
        for (i, p) in parts.enumerated() {
            if p == "auto" {
                guard i == 0 || i == parts.count - 1 else {
                    throw PresetKey.KeyProblem(reason: "only the first and last sizes may be 'auto'")
                }
                sizes.append(nil)
            } else {
                guard let n = Int(p), n >= 1, n <= 100_000 else {
                    throw PresetKey.KeyProblem(reason: "size '\(p)' is not a whole number from 1 to 100000")
                }
                sizes.append(n)
            }
        }
        return sizes
    }

    /// Sets `key` from `text`; `location` (e.g. `file.yaml:7` or `--set`) prefixes errors.
    public mutating func assign(_ key: String, _ text: String, at location: String) throws {
        guard let descriptor = Self.byName[key] else {
            // name the keys of the same section, or the sections
            let section = key.split(separator: ".").first.map { String($0) + "." } ?? ""
            let near = Self.keys.filter { $0.hasPrefix(section) }
            let choices =
                near.isEmpty
                ? "sections: " + (["name", "description"] + Self.sections + ["compare"]).joined(separator: ", ")
                : "keys: " + near.joined(separator: ", ")
            throw NNError.input("\(location): unknown key '\(key)' (\(choices)).")
        }
        do {
            try descriptor.assign(&self, descriptor.isText ? text : text.trimmingCharacters(in: .whitespaces))
        } catch {
            throw NNError.input("\(location): \(key): \(error.reason).")
        }
    }

    /// Applies `KEY=VALUE` overrides from the command line.
    public mutating func apply(sets: [String]) throws {
        for s in sets {
            guard let eq = s.firstIndex(of: "=") else {
                throw NNError.input("--set \(s): expected KEY=VALUE, like optimizer.lr=0.01.")
            }
            try assign(
                String(s[..<eq]).trimmingCharacters(in: .whitespaces), String(s[s.index(after: eq)...]), at: "--set")
        }
    }

    /// The value of `key` as text, the inverse of `assign`; empty for an unknown key.
    public func text(_ key: String) -> String {
        Self.byName[key]?.text(self) ?? ""
    }

}

extension InputFeature {
    /// Parses `x1, x2, x1^2` (in any order, each once, at least one).
    public static func parse(_ text: String) throws(PresetKey.KeyProblem) -> [InputFeature] {
        var out: [InputFeature] = []
        for name in text.trimmingCharacters(in: CharacterSet(charactersIn: "[]")).split(separator: ",").map({
            $0.trimmingCharacters(in: .whitespaces)
        }) {
            guard let f = InputFeature(rawValue: name) else {
                throw PresetKey.KeyProblem(
                    reason: "unknown feature '\(name)' (choices: \(allCases.map(\.rawValue).joined(separator: ", ")))")
            }
            guard !out.contains(f) else { throw PresetKey.KeyProblem(reason: "'\(name)' is named twice") }
            out.append(f)
        }
        guard !out.isEmpty else { throw PresetKey.KeyProblem(reason: "name at least one feature, like x1,x2") }
        return out
    }
}
