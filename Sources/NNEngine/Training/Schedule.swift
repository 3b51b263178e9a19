/// Learning-rate schedules as values: `rate(epoch:)` answers the learning rate for
/// epoch `e` (0-based), so the whole planned curve can be drawn in advance.
/// `plateau` reacts to the validation loss and is applied by `PlateauMonitor`.
public enum ScheduleKind: String, CaseIterable, Sendable {
    case constant, step, exponential, inverseTime = "inverse-time", cosine, plateau, oneCycle = "one-cycle"
}

public struct Schedule: Equatable, Sendable {
    public var kind: ScheduleKind = .constant
    /// Linear warmup epochs: the rate is multiplied by `(e + 1) / warmup` while `e < warmup`.
    public var warmup: Int = 0
    public var step: Int = 10
    /// The decay factor of `step` and `exponential`; nil uses the kind's default
    /// (0.5 per `step` epochs, 0.95 per epoch), the values Keras and PyTorch examples use.
    public var gamma: Float? = nil
    public var effectiveGamma: Float { gamma ?? (kind == .exponential ? 0.95 : 0.5) }
    public var decay: Float = 0.01
    public var minLR: Float = 0
    public var factor: Float = 0.5
    public var patience: Int = 5
    public init() {}

    /// The learning rate at epoch `e` for base rate `lr0` over a run of `epochs` epochs:
    /// - constant: `lr0`
    /// - step: `lr0 gamma^floor(e / step)`
    /// - exponential: `lr0 gamma^e`
    /// - inverse-time: `lr0 / (1 + decay e)`
    /// - cosine: `min + (lr0 - min) (1 + cos(pi e / epochs)) / 2`
    /// - one-cycle (PyTorch's `OneCycleLR`, cosine, per epoch): from `lr0/25` up to `lr0`
    ///   over the first 30% of the run, then down to `lr0/25/1e4` at the last epoch
    /// - plateau: `lr0` (the monitor multiplies in its reductions)
    /// then times the warmup factor.
    public func rate(epoch e: Int, base lr0: Float, epochs: Int) -> Float {
        let E = Double(max(epochs, 1))
        let x = Double(e), l0 = Double(lr0)
        var lr: Double
        switch kind {
        case .constant, .plateau: lr = l0
        case .step: lr = l0 * _pow(Double(effectiveGamma), Double(e / max(step, 1)))
        case .exponential: lr = l0 * _pow(Double(effectiveGamma), x)
        case .inverseTime: lr = l0 / (1 + Double(decay) * x)
        case .cosine:
            let m = Double(minLR)
            lr = m + (l0 - m) * (1 + _cos(Double.pi * min(x, E) / E)) / 2
        case .oneCycle:
            let initial = l0 / 25, final = initial / 1e4
            let up = max(0.3 * E - 1, 1), total = max(E - 1, 1)
            func anneal(_ a: Double, _ b: Double, _ p: Double) -> Double { b + (a - b) * (1 + _cos(Double.pi * p)) / 2 }
            lr = x <= up ? anneal(initial, l0, x / up) : anneal(l0, final, min((x - up) / max(total - up, 1), 1))
        }
        if warmup > 0 && e < warmup { lr *= Double(e + 1) / Double(warmup) }
        return Float(lr)
    }
}

/// `ReduceLROnPlateau` (PyTorch defaults: mode min, relative threshold 1e-4): after
/// more than `patience` epochs without improvement the multiplier is scaled by `factor`.
public struct PlateauMonitor: Sendable {
    public private(set) var multiplier: Float = 1
    private var best = Double.infinity
    private var badEpochs = 0
    public init() {}

    /// Records the monitored loss at the end of an epoch.
    public mutating func record(_ loss: Double, schedule: Schedule) {
        guard schedule.kind == .plateau, loss.isFinite else { return }
        if loss < best * (1 - 1e-4) {
            best = loss
            badEpochs = 0
        } else {
            badEpochs += 1
            if badEpochs > schedule.patience {
                multiplier *= schedule.factor
                badEpochs = 0
            }
        }
    }
}

/// A schedule's planned learning rates at a bounded sample of epochs: every epoch of
/// a run of at most `maxPoints`, else `maxPoints` evenly spaced ones (a chart has
/// fewer columns; a billion-epoch run must not build a billion rates).
public struct LearningRatePlan: Equatable, Sendable {
    public static let maxPoints = 2000
    /// 0-based epochs, increasing, the first 0 and the last the run's last.
    public var epochs: [Int]
    public var rates: [Float]

    public init(epochs: [Int], rates: [Float]) { self.epochs = epochs; self.rates = rates }

    /// The epochs sampled from a run of `count`.
    public static func sample(_ count: Int) -> [Int] {
        guard count > maxPoints else { return Array(0..<max(count, 1)) }
        return (0..<maxPoints).map { Int(Double($0) * Double(count - 1) / Double(maxPoints - 1)) }
    }

    /// The planned rate at `epoch`: the last sample at or before it.
    public func rate(at epoch: Int) -> Float? {
        var lo = 0, hi = epochs.count
        while lo < hi {
            let mid = (lo + hi) / 2
            if epochs[mid] <= epoch { lo = mid + 1 } else { hi = mid }
        }
        return lo > 0 ? rates[lo - 1] : rates.first
    }
}
