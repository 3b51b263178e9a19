import Foundation
import NNEngine
import NNFiles

/// A comparison: runs that share data, split, architecture, initial weights and
/// mini-batch order (the same seeds), differing only in what is varied.
public struct RunSpec: Sendable {
    public var label: String
    /// What differs from the base preset, as text for tables ("lr=0.1").
    public var setting: String
    public var preset: Preset

    public init(label: String, setting: String, preset: Preset) {
        self.label = label
        self.setting = setting
        self.preset = preset
    }
}

/// What a comparison varies: one value per run.
public enum Variation: Equatable, Sendable {
    /// The preset's own `compare:` list (the six classic optimizers when it has none).
    case presetList
    /// These optimizers, each at its suggested rate unless it is the preset's own.
    case optimizers([OptimizerKind])
    /// One preset key and its values.
    case values(key: String, [String])
    /// The product of several keys' values (`--vary` given more than once): the first
    /// key varies slowest.
    case grid([Axis])

    /// One varied key and its values.
    public struct Axis: Equatable, Sendable {
        public var key: String
        public var values: [String]
        public init(key: String, values: [String]) {
            self.key = key
            self.values = values
        }
    }

    /// The most variants a grid makes.
    public static let mostVariants = 1000

    /// `--vary KEY=V1,V2,...` as typed on the command line, or a range of numbers:
    /// `KEY=A..B:log:N` (N values from A to B, evenly spaced in log A ... log B) or
    /// `KEY=A..B:lin:N` (evenly spaced).
    public static func parse(vary: String) throws -> Variation {
        let axis = try Self.axis(vary)
        return .values(key: axis.key, axis.values)
    }

    /// The comparison a command names: `--optimizers`, else every `--vary`, else the
    /// preset's own list.
    public static func named(optimizers: [OptimizerKind]?, vary: [String]) throws -> Variation {
        if let optimizers { return .optimizers(optimizers) }
        return vary.isEmpty ? .presetList : try parse(vary: vary)
    }

    /// Every `--vary`: one is a list of runs, more are a grid of their product.
    public static func parse(vary: [String]) throws -> Variation {
        guard vary.count > 1 else { return try parse(vary: vary[0]) }
        let axes = try vary.map(axis)
        if let twice = Comparison.repeated(axes.map(\.key)) {
            throw NNError.input("--vary \(twice) is given twice; vary each key once.")
        }
        let count = axes.reduce(1) { $0.multipliedReportingOverflow(by: $1.values.count).partialValue }
        guard count <= mostVariants else {
            throw NNError.input(
                "--vary: the grid of \(axes.map { "\($0.values.count)" }.joined(separator: " x ")) = \(count) variants "
                    + "is larger than the \(mostVariants) one comparison takes; vary fewer values.")
        }
        return .grid(axes)
    }

    static func axis(_ vary: String) throws -> Axis {
        guard let eq = vary.firstIndex(of: "=") else {
            throw NNError.input("--vary \(vary): expected KEY=V1,V2,..., like optimizer.lr=0.1,0.01.")
        }
        let key = String(vary[..<eq]).trimmingCharacters(in: .whitespaces)
        let text = String(vary[vary.index(after: eq)...])
        if text.contains("..") { return Axis(key: key, values: try range(text, in: vary)) }
        let values = text.split(separator: ",", omittingEmptySubsequences: false)
            .map { $0.trimmingCharacters(in: .whitespaces) }
        guard !values.contains("") else {
            throw NNError.input("--vary \(vary): expected values after '=' separated by commas, none empty.")
        }
        return Axis(key: key, values: values)
    }

    /// `A..B:log:N` or `A..B:lin:N` as N numbers (4 significant digits), A and B included.
    static func range(_ text: String, in vary: String) throws -> [String] {
        let fail = NNError.input(
            "--vary \(vary): a range is A..B:log:N or A..B:lin:N (N from 2 to 100 values; log needs 0 < A < B).")
        let parts = text.split(separator: ":").map { $0.trimmingCharacters(in: .whitespaces) }
        let ends = parts.first?.components(separatedBy: "..") ?? []
        guard parts.count == 3, ends.count == 2, let a = Double(ends[0]), let b = Double(ends[1]), a.isFinite,
            b.isFinite, a < b, let n = Int(parts[2]), (2...100).contains(n), ["log", "lin"].contains(parts[1]),
            parts[1] == "lin" || a > 0
        else { throw fail }
        return (0..<n).map { i in
            let t = Double(i) / Double(n - 1)
            let v = parts[1] == "log" ? a * pow(b / a, t) : a + (b - a) * t
            return String(format: "%.4g", v)
        }
    }
}

public enum Comparison {
    public static let defaultOptimizers: [OptimizerKind] = [.sgd, .momentum, .nesterov, .adagrad, .rmsprop, .adam]

    /// The runs `variation` makes of `base`.
    public static func specs(base: Preset, variation: Variation) throws -> [RunSpec] {
        switch variation {
        case .optimizers(let kinds):
            guard !kinds.isEmpty else {
                throw NNError.input(
                    "--optimizers: no optimizer named (choices: "
                        + "\(OptimizerKind.allCases.map(\.rawValue).joined(separator: ", ")))."
                )
            }
            if let twice = repeated(kinds.map(\.rawValue)) {
                throw NNError.input("--optimizers: '\(twice)' is named twice; each run needs its own.")
            }
            return optimizerSpecs(base: base, kinds: kinds)
        case .values(let key, let values):
            let vary = "\(key)=\(values.joined(separator: ","))"
            let specs = try values.map { v in
                var p = base
                try p.assign(key, v, at: "--vary")
                // a run is named by its value where the value says what it is (tanh,
                // 1/100/1), by `key=value` where it is a bare number (lr=0.1)
                let short = Preset.Override(key: key, value: v).short
                return RunSpec(label: Double(v) == nil ? v : short, setting: short, preset: p)
            }
            // the values as the preset holds them: 0.1 and 0.10 are one run
            if let twice = repeated(specs.map { $0.preset.text(key) }) {
                throw NNError.input(
                    "--vary \(vary): the value \(twice) is given twice (as written or once assigned); each run needs "
                        + "its own."
                )
            }
            return specs
        case .grid(let axes): return try gridSpecs(base: base, axes)
        case .presetList where !base.compare.isEmpty:
            // a run is named by the values that differ between the entries (bce, mse)
            let varying = Set(
                base.compare.flatMap { $0 }.map(\.key).filter { key in
                    Set(base.compare.map { entry in entry.first { $0.key == key }?.value ?? "" }).count > 1
                })
            var specs: [RunSpec] = []
            for entry in base.compare {
                var p = base
                for o in entry { try p.assign(o.key, o.value, at: "compare") }
                let optimizerOnly = entry.allSatisfy { $0.key.hasPrefix("optimizer.") }
                let shown = optimizerOnly ? entry.filter { $0.key != "optimizer.name" } : entry
                let setting = shown.map(\.short).joined(separator: " ")
                let named = entry.filter { varying.contains($0.key) }
                let label =
                    optimizerOnly
                    ? p.optimizer.kind.rawValue
                    : (named.isEmpty ? entry : named).map { "\($0.value)" }.joined(separator: "/")
                specs.append(RunSpec(label: label, setting: setting, preset: p))
            }
            return uniqueLabels(specs)
        case .presetList:
            return optimizerSpecs(base: base, kinds: defaultOptimizers)
        }
    }

    /// A grid's runs: every combination of the axes' values, the first axis slowest,
    /// each named by its settings (`lr=0.1 activation=relu`); each axis's values are
    /// checked as a single `--vary` checks them.
    static func gridSpecs(base: Preset, _ axes: [Variation.Axis]) throws -> [RunSpec] {
        var specs = [RunSpec(label: "", setting: "", preset: base)]
        for axis in axes {
            let one = try Comparison.specs(base: base, variation: .values(key: axis.key, axis.values))
            specs = try specs.flatMap { s in
                try zip(axis.values, one).map { v, o in
                    var p = s.preset
                    try p.assign(axis.key, v, at: "--vary")
                    let joined = s.setting.isEmpty ? o.setting : s.setting + " " + o.setting
                    return RunSpec(label: joined, setting: joined, preset: p)
                }
            }
        }
        return specs
    }

    static func optimizerSpecs(base: Preset, kinds: [OptimizerKind]) -> [RunSpec] {
        kinds.map { k in
            var p = base
            if k != base.optimizer.kind {
                p.optimizer.kind = k
                p.optimizer.lr = k.suggestedLearningRate
                p.optimizer.eps = nil
            }
            return RunSpec(label: k.rawValue, setting: "lr=\(Preset.format(Double(p.optimizer.lr)))", preset: p)
        }
    }

    /// The first value that appears twice.
    static func repeated(_ values: [String]) -> String? {
        var seen = Set<String>()
        return values.first { !seen.insert($0).inserted }
    }

    /// Appends `#2`, `#3` to repeated labels.
    static func uniqueLabels(_ specs: [RunSpec]) -> [RunSpec] {
        var seen: [String: Int] = [:]
        return specs.map { s in
            var s = s
            seen[s.label, default: 0] += 1
            if seen[s.label]! > 1 { s.label += "#\(seen[s.label]!)" }
            return s
        }
    }

    /// One trainer per run. Runs whose data settings equal the base share its loaded
    /// data; every run draws its initial weights and mini-batch order from the same
    /// seeds, so runs with the same architecture start bit-identical.
    public static func trainers(_ specs: [RunSpec], base: Preset, data: LoadedData) throws -> [Trainer] {
        // a file is read once: runs whose samples are the base's share them, and
        // each further read is counted against memory before it happens
        let baseKey = DataLoader.samplesKey(base.data)
        var others: [Preset.DataSettings] = []
        for key in specs.map({ DataLoader.samplesKey($0.preset.data) }) where key != baseKey && !others.contains(key) {
            others.append(key)
        }
        let reads = others.count
        try Memory.check(
            Memory.product([reads, data.store.bytes + (data.test?.store.bytes ?? 0)]),
            for: "\(reads) more data sets for the comparison's runs")
        // the runs' networks on the base's samples, checked before any split is made
        try Experiment.checkMemory(
            specs.filter { DataLoader.samplesKey($0.preset.data) == baseKey }.map { ($0.preset, data) })
        let runs = try specs.map { s in
            let sameSamples = DataLoader.samplesKey(s.preset.data) == baseKey
            let d =
                s.preset.data == base.data && s.preset.network.output == base.network.output
                ? data
                : try DataLoader.load(
                    s.preset.data, output: s.preset.network.output, samplesOf: sameSamples ? data : nil)
            try Experiment.validate(s.preset, data: d)
            return (preset: s.preset, data: d)
        }
        // one memory check for all the runs together, each on its own data
        try Experiment.checkMemory(runs)
        return try runs.map { try Experiment.build($0.preset, data: $0.data) }
    }

    /// Trains every run to its end (or divergence, or `interrupt`) on `threads`
    /// threads: thread `k` takes runs `k`, `k + threads`, …, trains those of one
    /// small network shape as one computation (`RunStack`) and the others one after
    /// another, each on one thread (no data-parallel slices), so every result is
    /// bit-identical to the run trained alone. Returns when all are done.
    public static func trainInParallel(_ trainers: [Trainer], threads: Int, interrupt: Interrupt) {
        for t in trainers { t.threads = 1 }
        // each trainer is touched by one thread only until concurrentPerform returns
        nonisolated(unsafe) let shares = RunStack.shares(trainers, pool: min(threads, Trainer.allowedCPUs))
        DispatchQueue.concurrentPerform(iterations: shares.count) { k in
            for stack in shares[k].stacks { stack.trainToEnd { interrupt.isRequested } }
            for t in shares[k].single { t.trainToEnd { interrupt.isRequested } }
        }
    }
}
