import Foundation
import NNEngine
import NNFiles

/// The learning-rate range test (Smith 2017; fastai's `lr_find`): from a copy of the
/// weights, `steps` mini-batches with the rate growing exponentially,
/// `lr_i = lr_start (lr_end / lr_start)^(i / (steps - 1))`, recording each batch's loss
/// (before its step), smoothed by an exponential moving average with bias correction
/// (`beta = 0.98`), until the smoothed loss exceeds 4 times its minimum (it exploded)
/// or the rate reaches `lr_end`. The run it copies is never touched.
public struct LearningRateFinder {
    public struct Point: Sendable, Equatable {
        public var lr: Float
        public var loss: Double
        /// The smoothed loss the suggestion is read from.
        public var smoothed: Double
    }
    public struct Result: Sendable, Equatable {
        /// The loss range worth plotting, as fastai's plot clips it: from the lowest
        /// smoothed loss up to a little above the loss at the start (at least half
        /// the lowest loss above it, when the start is no higher), so the descent the
        /// suggestion rests on fills the chart and the explosion at the end is cut.
        public var usefulLossRange: (Double, Double)? {
            let losses = points.map(\.smoothed).filter(\.isFinite)
            guard let lo = losses.min(), let start = losses.first else { return nil }
            let hi = max(start + 0.1 * (start - lo), lo + 0.5 * abs(lo))
            return hi > lo ? (lo - 0.05 * (hi - lo), hi) : nil
        }

        public var points: [Point]
        /// Where the smoothed loss falls fastest against `log lr` (the steepest descent).
        public var steepest: Float
        /// The rate of the lowest smoothed loss, divided by 10.
        public var minimumOverTen: Float
        /// Whether the loss fell at all: its lowest smoothed value lies at a rate of at
        /// least `LearningRateFinder.descentFloor` (below it the weights barely move)
        /// and under the start's level, the mean of the losses of the first fifth of
        /// the sweep, by 0.3 of their standard deviation (more than the batches' noise
        /// moves the smoothed curve). Otherwise the lowest loss is noise around the
        /// starting loss: the weights are already trained (or the network cannot
        /// learn), and nothing is suggested. Measured: untrained presets fall by 0.45
        /// (xor) to 21 (Fashion-MNIST) deviations, trained spiral/circle by 0.22/0.25.
        public var descended: Bool
        /// What nntui suggests: the steepest descent where it lies within a decade
        /// either side of minimum/10, else minimum/10 (a flat or noisy curve); nil
        /// when the loss did not descend.
        public var suggested: Float? {
            guard descended else { return nil }
            return steepest >= minimumOverTen / 10 && steepest <= minimumOverTen * 10 ? steepest : minimumOverTen
        }
    }

    public var start: Float = 1e-7
    public var end: Float = 10
    /// Mini-batches in the test, whatever the data's size (fastai uses 100; epochs
    /// repeat when the data have fewer). Measured: a whole Fashion-MNIST epoch (422)
    /// lets the loss fall at rates too small to train well (plain SGD was suggested
    /// 0.052: 83.9% after 3 epochs; with 200, 0.118: 85.0%).
    public var steps = 200
    /// The rate below which a lowest loss is not a descent (see `Result.descended`).
    public static let descentFloor: Float = 1e-4
    /// What is said when the loss did not descend.
    public static let noDescent =
        "no suggestion: the loss did not fall below its starting level by more than the "
        + "batches' noise; the weights are already trained (test from the initial weights) or the network does not "
        + "learn."

    public init() {}

    /// Runs the test for `preset` on `data`, starting from `weights` (the seeded
    /// initial weights when nil); `interrupt` is polled between mini-batches.
    public func run(_ preset: Preset, data: LoadedData, weights: Network? = nil, interrupt: Interrupt? = nil) throws
        -> Result
    {
        var p = preset
        p.schedule = Schedule()
        p.training.epochs = Preset.big
        let trainer = try Experiment.trainer(p, data: data)
        if let weights {
            for (mine, theirs) in zip(trainer.network.layers, weights.layers) {
                mine.W.copy(from: theirs.W)
                mine.b.copy(from: theirs.b)
            }
        }
        var points: [Point] = []
        var average = 0.0, best = Double.infinity
        for i in 0..<steps {
            if let interrupt, interrupt.isRequested {
                throw NNError.interrupted(interrupt.received, while: "finding the learning rate")
            }
            let lr = start * Float(pow(Double(end / start), Double(i) / Double(steps - 1)))
            trainer.optimizer.lr = lr
            trainer.trainMiniBatch()
            guard trainer.divergence == nil, let loss = trainer.lastBatchLoss, loss.isFinite else { break }
            average = 0.98 * average + 0.02 * loss
            let smoothed = average / (1 - pow(0.98, Double(i + 1)))
            points.append(Point(lr: lr, loss: loss, smoothed: smoothed))
            // the first tenth still settles: a tiny loss's noise is no explosion
            guard i >= steps / 10 else { continue }
            best = min(best, smoothed)
            if smoothed > 4 * best { break }
        }
        guard points.count >= 5 else {
            throw NNError.runtime(
                "the learning-rate test stopped after \(points.count) mini-batches: the loss exploded at once; check "
                    + "the data and the network."
            )
        }
        return Self.suggest(points)
    }

    /// The suggestions from the recorded points, the first tenth skipped (still
    /// settling): the steepest descent of the smoothed loss up to its minimum (the
    /// least-squares slope against `log10 lr` over 0.4 decades either side: a
    /// two-point slope over a few points moved the Fashion-MNIST SGD suggestion
    /// between 0.074 and 0.129 with the summation order), and the minimum's rate / 10.
    static func suggest(_ points: [Point]) -> Result {
        let from = points.count / 10
        let lowest = points.indices.dropFirst(from).min { points[$0].smoothed < points[$1].smoothed }!
        let x = points.map { Double(log10($0.lr)) }
        let spacing = points.count > 1 ? max(x[1] - x[0], 1e-9) : 1
        let k = max(2, Int((0.4 / spacing).rounded()))
        var steepest = points[lowest].lr, slope = Double.infinity
        for i in from...lowest {
            let window = max(i - k, from)...min(i + k, lowest)
            guard window.count >= 3 else { continue }
            let mx = window.map { x[$0] }.reduce(0, +) / Double(window.count)
            let my = window.map { points[$0].smoothed }.reduce(0, +) / Double(window.count)
            let sxx = window.map { (x[$0] - mx) * (x[$0] - mx) }.reduce(0, +)
            let sxy = window.map { (x[$0] - mx) * (points[$0].smoothed - my) }.reduce(0, +)
            guard sxx > 0 else { continue }
            if sxy / sxx < slope { slope = sxy / sxx; steepest = points[i].lr }
        }
        let start = points[from..<max(from + points.count / 5, from + 1)].map(\.loss)
        let level = start.reduce(0, +) / Double(start.count)
        let deviation = (start.map { ($0 - level) * ($0 - level) }.reduce(0, +) / Double(start.count)).squareRoot()
        return Result(
            points: points, steepest: steepest, minimumOverTen: points[lowest].lr / 10,
            descended: points[lowest].lr >= descentFloor && level - points[lowest].smoothed >= 0.3 * deviation)
    }
}
