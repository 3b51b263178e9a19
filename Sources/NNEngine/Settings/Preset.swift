import CKernels
import Foundation

/// Everything a run is made of, as the preset keys of docs/presets.md name it.
public struct Preset: Equatable, Sendable {
    public struct DataSettings: Equatable, Sendable {
        public var source = DataSource.spiral
        public var samples = 600
        public var noise = 0.1
        public var path: String? = nil
        public var target: String? = nil
        public var validation = 0.2
        public var scale = Scaling.standardize
        public var seed: UInt64 = 1
        /// Degree of the polynomial fitted beside the network (lawrence-giles).
        public var degree = 15
        /// The inputs computed from a 2-D set's points (`x1, x2` as they are).
        public var features = InputFeature.plain
        /// The points of a drawn set (`source: drawn`).
        public var points: [DrawnPoint] = []
    }
    public struct NetworkSettings: Equatable, Sendable {
        /// `N0/.../NL`; `nil` is `auto` (first and last only: from the data).
        public var layers: [Int?] = [nil, 16, 16, nil]
        public var activation = ActivationKind.tanh
        public var leakySlope: Float = Activation.defaultLeakySlope
        public var output = OutputLayer.softmax
        public var initializer = Initializer.xavier
        /// `nil` is `auto`: the cost matched to the output.
        public var cost: Cost? = nil
        public var hidden: Activation { activation.activation(leakySlope: leakySlope) }

        /// The cost to show: the one in use, or the matched one while the choice is invalid.
        public var shownCost: Cost { (try? resolvedCost()) ?? Cost.matched(to: output) }

        /// The cost in use: the one chosen, if it can follow the output, else the matched one.
        public func resolvedCost() throws -> Cost {
            guard let cost else { return Cost.matched(to: output) }
            let allowed = Cost.allowed(after: output)
            guard allowed.contains(cost) else {
                throw NNError.input(
                    "network.cost: \(cost.rawValue) cannot follow a \(output.rawValue) output (allowed: auto, "
                        + "\(allowed.map(\.rawValue).joined(separator: ", ")))."
                )
            }
            return cost
        }
    }
    public enum BatchSize: Equatable, Sendable, CustomStringConvertible {
        case size(Int), full
        public var description: String { if case .size(let n) = self { "\(n)" } else { "full" } }
        /// The batch size for `count` training samples.
        public func resolved(count: Int) -> Int {
            if case .size(let n) = self { min(n, max(count, 1)) } else { max(count, 1) }
        }
    }
    public struct TrainingSettings: Equatable, Sendable {
        public var epochs = 300
        public var batch = BatchSize.size(32)
        public var seed: UInt64 = 1
        public var weightDecay: Float = 0
        /// L1 or L2 regularization: a penalty on the weights in the cost.
        public var regularization = Regularization()
        /// Threads a mini-batch is split across; nil is `auto`: every core the process may use.
        public var threads: Int? = nil
        /// The thread count in use: `threads`, or `auto`'s choice, the cores in the
        /// process's affinity mask (1 under `taskset -c 0`).
        public var resolvedThreads: Int { threads ?? Int(nn_allowed_cpus()) }
    }
    /// One `key = value` override of a `compare:` entry.
    public struct Override: Equatable, Sendable {
        public var key: String
        public var value: String
        public init(key: String, value: String) { self.key = key; self.value = value }
        /// `lr=0.1` for `optimizer.lr = 0.1`: the key's last part, for tables and labels.
        public var short: String { "\(key.split(separator: ".").last.map(String.init) ?? key)=\(value)" }
    }

    public var name = "custom"
    public var description = ""
    public var data = DataSettings()
    public var network = NetworkSettings()
    public var training = TrainingSettings()
    public var optimizer = OptimizerSettings()
    public var schedule = Schedule()
    public var compare: [[Override]] = []
    /// The seeds (1 to N) a comparison of this preset runs each variant over (`compare-seeds`);
    /// see `comparisonSeeds`.
    public var compareSeeds = 1
    /// The most seeds one comparison takes.
    public static let mostSeeds = 1000

    public init() {}
}

extension Preset {
    /// An epoch count that stands for "no limit".
    public static let big = 1_000_000_000
    /// The largest seed, `Int64.max`: what every consumer (the dashboard's steps,
    /// torch's `manual_seed`, JSON readers) holds exactly.
    public static let largestSeed = UInt64(Int64.max)

    /// A value as short text: whole numbers without a point, others with 6
    /// significant digits (`0.03`, not `0.030000001`).
    public static func format(_ x: Double) -> String {
        if x == x.rounded(), abs(x) < 1e9 { return String(Int(x)) }
        return String(format: "%g", x)
    }

    /// The seeds a comparison of this preset runs each variant over when none are named:
    /// 1 to `compare-seeds`, else the run's own seed alone.
    public var comparisonSeeds: [UInt64] { compareSeeds > 1 ? Array(1...UInt64(compareSeeds)) : [training.seed] }
}
