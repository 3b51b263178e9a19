import Foundation
import NNEngine
import NNFiles

/// The settings the dashboard's panel steps through with `←`/`→`, and the one rule
/// for each: what one step does, whether it resets the run, and when it cannot change.
public enum Setting: String, CaseIterable, Sendable {
    case data, noise, samples, validation, features, layers, activation, output, initializer = "init", optimizer, hyper,
        learningRate = "lr", schedule, scheduleDecay = "schedule decay", schedulePeriod = "schedule period", warmup,
        batch, weightDecay = "decay",
        regularization, regularizationRate = "regularization rate", epochs, seed

    /// The preset key a notice names a change to `p`'s setting by (nil: the setting is
    /// several keys).
    public func key(for p: Preset) -> String? {
        switch self {
        case .optimizer: "optimizer.name"
        case .learningRate: "optimizer.lr"
        case .schedule: "schedule.name"
        case .scheduleDecay:
            switch p.schedule.kind {
            case .step, .exponential: "schedule.gamma"
            case .plateau: "schedule.factor"
            case .inverseTime: "schedule.decay"
            case .constant, .cosine, .oneCycle: nil
            }
        case .schedulePeriod: p.schedule.kind == .plateau ? "schedule.patience" : "schedule.step"
        case .warmup: "schedule.warmup"
        case .batch: "training.batch"
        case .weightDecay: "training.weight-decay"
        case .regularization: "training.regularization"
        case .regularizationRate: "training.regularization-rate"
        case .epochs: "training.epochs"
        default: nil
        }
    }

    /// Changing these rebuilds the network (docs/presets.md); the others apply at the next mini-batch.
    public var resetsRun: Bool {
        switch self {
        case .data, .noise, .samples, .validation, .features, .layers, .activation, .output, .initializer, .seed: true
        default: false
        }
    }

    /// Why a setting cannot change (the dashboard words it).
    public enum Fixed: Sendable, Equatable {
        /// The run trains on a drawn set: it is edited in the boundary view.
        case drawnSet
        /// The data set is the preset's, not one of the 2-D sets the row cycles through.
        case dataFromPreset
        /// A set read from files has no noise or size to set.
        case readNotMade(DataSource)
        /// Input features are for the 2-D sets.
        case featuresOnPlaneOnly
        /// The output layer follows the data (only two classes offer a choice).
        case outputFollowsData
        /// The optimizer has no hyperparameter beyond the rate.
        case nothingToTune(OptimizerKind)
        /// The schedule has no decay.
        case noDecay(ScheduleKind)
        /// No regularization is chosen, so it has no rate.
        case noRegularization
        /// Only step and plateau schedules wait a number of epochs.
        case noPeriod
    }

    /// Why this setting cannot change for `p` on `data`, or nil when it can.
    public func fixedReason(_ p: Preset, data: DataSummary?) -> Fixed? {
        switch self {
        case .data where p.data.source == .drawn: .drawnSet
        case .data where !DataSource.onPlane.contains(p.data.source): .dataFromPreset
        case .noise where !p.data.source.isSynthetic, .samples where !p.data.source.isSynthetic:
            .readNotMade(p.data.source)
        case .features where !DataSource.onPlane.contains(p.data.source): .featuresOnPlaneOnly
        case .output where data?.classNames.count != 2: .outputFollowsData
        case .hyper where [.sgd, .adagrad].contains(p.optimizer.kind): .nothingToTune(p.optimizer.kind)
        case .scheduleDecay where [.constant, .cosine, .oneCycle].contains(p.schedule.kind): .noDecay(p.schedule.kind)
        case .regularizationRate where p.training.regularization.kind == .none: .noRegularization
        case .schedulePeriod where ![.step, .plateau].contains(p.schedule.kind): .noPeriod
        default: nil
        }
    }

    static let noiseChoices: [Double] = [0, 0.05, 0.1, 0.2, 0.3, 0.5]
    static let sampleChoices = [100, 200, 300, 600, 1000, 2000, 5000]
    static let validationChoices = [0, 0.1, 0.2, 0.3, 0.5]
    static let batchChoices: [Preset.BatchSize] = [
        .size(1), .size(8), .size(16), .size(32), .size(64), .size(128), .size(256), .full,
    ]
    static let weightDecayChoices: [Float] = [0, 1e-5, 1e-4, 1e-3, 1e-2]
    static let warmupChoices = [0, 1, 2, 5, 10, 20, 50]
    /// Playground's regularization rates.
    static let regularizationRates: [Float] = [0, 0.001, 0.003, 0.01, 0.03, 0.1, 0.3, 1, 3, 10]
    static let learningRateRange: ClosedRange<Float> = 1e-6...1000

    /// `p` with this setting moved `step` places: the next (or previous) choice of a
    /// list, hidden widths, learning rate and epochs doubled per step (halved when
    /// negative), momentum/β1 ±0.05 and α ±0.01 per step, the seed ±1. `sizes` are the
    /// run's resolved `N0/.../NL`. Unchanged when `fixedReason` says it cannot change,
    /// and for the input features, which are toggled one by one (`Intent.toggleFeature`).
    public func stepped(_ p: Preset, by step: Int, sizes: [Int], data: DataSummary) -> Preset {
        guard fixedReason(p, data: data) == nil, step != 0 else { return p }
        var p = p
        switch self {
        case .data, .noise, .samples, .validation, .features: steppedData(&p, step)
        case .layers, .activation, .output, .initializer: steppedNetwork(&p, step, sizes: sizes)
        case .optimizer, .hyper, .learningRate: steppedOptimizer(&p, step)
        case .schedule, .scheduleDecay, .schedulePeriod, .warmup: steppedSchedule(&p, step)
        case .batch, .weightDecay, .regularization, .regularizationRate, .epochs, .seed:
            steppedTraining(&p, step, data: data)
        }
        return p
    }

    /// `x · 2^step` (step within ±30), rounded down, saturating at `Int.max`.
    static func doubled(_ x: Int, _ step: Int) -> Int {
        let k = min(max(step, -30), 30)
        guard k > 0 else { return x >> -k }
        let (product, overflow) = x.multipliedReportingOverflow(by: 1 << k)
        return overflow ? Int.max : product
    }

    /// The data rows (the features row toggles instead: `Intent.toggleFeature`).
    private func steppedData(_ p: inout Preset, _ step: Int) {
        switch self {
        case .data:
            p.data.source = cycle(DataSource.onPlane, p.data.source, step)
            // a value over the plane takes an identity output; classes take softmax
            if DataSource.planeRegression.contains(p.data.source) {
                p.network.output = .identity
                p.network.cost = nil
            } else if p.network.output == .identity {
                p.network.output = .softmax
                p.network.cost = nil
            }
            p.network.layers[0] = nil
            p.network.layers[p.network.layers.count - 1] = nil
            if p.data.source == .spiral && p.network.output == .sigmoid { p.network.output = .softmax }
        case .noise: p.data.noise = ladder(Self.noiseChoices, p.data.noise, step)
        case .samples: p.data.samples = ladder(Self.sampleChoices, p.data.samples, step)
        case .validation: p.data.validation = ladder(Self.validationChoices, p.data.validation, step)
        default: break
        }
    }

    /// The network's rows: hidden widths doubled a step, the activation, the output
    /// with its cost, the initialization.
    private func steppedNetwork(_ p: inout Preset, _ step: Int, sizes: [Int]) {
        switch self {
        case .layers:
            let hidden = sizes.dropFirst().dropLast()
            p.network.layers = Self.layers(
                sizes, hidden: hidden.isEmpty ? [16] : hidden.map { min(max(Self.doubled($0, step), 1), 1024) })
        case .activation: p.network.activation = cycle(ActivationKind.allCases, p.network.activation, step)
        case .output:
            // two classes: softmax + cross-entropy, sigmoid + binary cross-entropy,
            // sigmoid + squared error (the lecture's broken pattern)
            let heads: [(OutputLayer, Cost)] = [(.softmax, .crossEntropy), (.sigmoid, .bce), (.sigmoid, .mse)]
            let next = cycle(
                heads.indices.map { $0 }, heads.firstIndex { $0 == (p.network.output, p.network.shownCost) } ?? 0, step)
            p.network.output = heads[next].0
            p.network.cost = heads[next].1 == Cost.matched(to: heads[next].0) ? nil : heads[next].1
            p.network.layers[p.network.layers.count - 1] = nil
        case .initializer: p.network.initializer = cycle(Initializer.allCases, p.network.initializer, step)
        default: break
        }
    }

    /// The optimizer's rows: its kind, its hyperparameter (momentum/β1 ±0.05, α ±0.01 a
    /// step), the rate doubled a step.
    private func steppedOptimizer(_ p: inout Preset, _ step: Int) {
        let o = p.optimizer, s = Float(step)
        switch self {
        case .optimizer:
            p.optimizer.kind = cycle(OptimizerKind.allCases, p.optimizer.kind, step)
            p.optimizer.eps = nil
        case .hyper:
            switch o.kind {
            case .momentum, .nesterov: p.optimizer.momentum = min(max(o.momentum + 0.05 * s, 0), 0.99)
            case .adam, .adamw: p.optimizer.beta1 = min(max(o.beta1 + 0.05 * s, 0), 0.99)
            case .rmsprop: p.optimizer.alpha = min(max(o.alpha + 0.01 * s, 0.5), 0.999)
            case .sgd, .adagrad: break
            }
        case .learningRate:
            p.optimizer.lr = Self.clampedLearningRate(p.optimizer.lr * Float(pow(2, Double(min(max(step, -30), 30)))))
        default: break
        }
    }

    /// The schedule's rows: its kind, its decay (the factor ±0.05 or ±0.01 a step, or
    /// inverse-time's decay doubled), its period and its warm-up.
    private func steppedSchedule(_ p: inout Preset, _ step: Int) {
        let s = Float(step)
        switch self {
        case .schedule: p.schedule.kind = cycle(ScheduleKind.allCases, p.schedule.kind, step)
        case .scheduleDecay:
            switch p.schedule.kind {
            case .step: p.schedule.gamma = min(max(p.schedule.effectiveGamma + 0.05 * s, 0.05), 0.95)
            case .exponential: p.schedule.gamma = min(max(p.schedule.effectiveGamma + 0.01 * s, 0.5), 0.999)
            case .plateau: p.schedule.factor = min(max(p.schedule.factor + 0.05 * s, 0.05), 0.95)
            case .inverseTime:
                p.schedule.decay = min(
                    max(p.schedule.decay * Float(pow(2, Double(min(max(step, -30), 30)))), 1e-6), 100)
            case .constant, .cosine, .oneCycle: break
            }
        case .schedulePeriod:
            if p.schedule.kind == .step {
                p.schedule.step = min(max(Self.doubled(p.schedule.step, step), 1), Preset.big)
            }
            if p.schedule.kind == .plateau {
                p.schedule.patience = min(max(p.schedule.patience + min(max(step, -30), 30), 0), Preset.big)
            }
        case .warmup: p.schedule.warmup = ladder(Self.warmupChoices, p.schedule.warmup, step)
        default: break
        }
    }

    /// The training rows: batch, weight decay, regularization and its rate, epochs
    /// (doubled a step), the seed (±1, saturating at 0 and at the largest seed).
    private func steppedTraining(_ p: inout Preset, _ step: Int, data: DataSummary) {
        switch self {
        case .batch:
            let valid = Self.batchChoices.filter { if case .size(let n) = $0 { n <= data.trainCount } else { true } }
            p.training.batch = cycle(valid, p.training.batch, step)
        case .weightDecay: p.training.weightDecay = ladder(Self.weightDecayChoices, p.training.weightDecay, step)
        case .regularization:
            p.training.regularization.kind = cycle(Regularization.Kind.allCases, p.training.regularization.kind, step)
        case .regularizationRate:
            p.training.regularization.rate = ladder(Self.regularizationRates, p.training.regularization.rate, step)
        case .epochs: p.training.epochs = min(max(Self.doubled(p.training.epochs, step), 1), Preset.big)
        case .seed:
            let (sum, overflow) = Int64(clamping: p.training.seed).addingReportingOverflow(Int64(step))
            p.training.seed = overflow ? (step > 0 ? Preset.largestSeed : 0) : UInt64(max(sum, 0))
        default: break
        }
    }

    /// A learning rate kept within what the engine accepts from the keyboard.
    static func clampedLearningRate(_ lr: Float) -> Float {
        min(max(lr, learningRateRange.lowerBound), learningRateRange.upperBound)
    }

    /// The most hidden layers the dashboard builds (enter on the layers row, `i` in
    /// the network view).
    public static let mostHiddenLayers = 6

    /// `p` with one more hidden layer, a copy of the last (16 when there is none);
    /// a network with `mostHiddenLayers` goes back to one.
    public static func addingHiddenLayer(_ p: Preset, sizes: [Int]) -> Preset {
        var p = p
        let hidden = Array(sizes.dropFirst().dropLast())
        p.network.layers = layers(
            sizes, hidden: hidden.count >= mostHiddenLayers ? [hidden.first ?? 16] : hidden + [hidden.last ?? 16])
        return p
    }

    /// `network.layers` with the input and output sizes of `sizes` and these hidden widths.
    static func layers(_ sizes: [Int], hidden: [Int]) -> [Int?] {
        [sizes.first] + hidden.map { Optional($0) } + [sizes.last]
    }
}

/// The value `step` places above (below, when negative) `current` on the ascending
/// ladder `values`, stopping at its ends: a number between two rungs (set with `--set`)
/// goes to the next rung in the step's direction, never around to the other end.
public func ladder<T: Comparable>(_ values: [T], _ current: T, _ step: Int) -> T {
    if step > 0 {
        guard let above = values.firstIndex(where: { $0 > current }) else { return values.last! }
        return values[min(above + step - 1, values.count - 1)]
    }
    guard step < 0, let below = values.lastIndex(where: { $0 < current }) else {
        return step < 0 ? values.first! : current
    }
    return values[max(below + step + 1, 0)]
}

/// The value `step` places after `current` in `values`, wrapping around.
public func cycle<T: Equatable>(_ values: [T], _ current: T, _ step: Int) -> T {
    let i = values.firstIndex(of: current) ?? 0
    return values[((i + step) % values.count + values.count) % values.count]
}
