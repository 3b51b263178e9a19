import Foundation

/// The learning-rate range test (Smith 2017; fastai's `lr_find`): from a copy of the
/// weights, mini-batches with the rate growing exponentially,
/// `lr_i = lr_start (lr_end / lr_start)^(i / (n - 1))`, recording each batch's loss
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
        public var points: [Point]
        /// Where the smoothed loss falls fastest against `log lr` (the steepest descent).
        public var steepest: Float
        /// The rate of the lowest smoothed loss, divided by 10.
        public var minimumOverTen: Float
        /// What nntui suggests: the steepest descent where it lies within a decade
        /// either side of minimum/10, else minimum/10 (a flat or noisy curve).
        public var suggested: Float { steepest >= minimumOverTen / 10 && steepest <= minimumOverTen * 10 ? steepest : minimumOverTen }
    }

    public var start: Float = 1e-7
    public var end: Float = 10
    /// Mini-batches in the test: one epoch's, at least 100 (an epoch is repeated
    /// when it has fewer), at most 1000.
    public var minimumSteps = 100, maximumSteps = 1000

    public init() {}

    /// Runs the test for `preset` on `data`, starting from `weights` (the seeded
    /// initial weights when nil); `interrupt` is polled between mini-batches.
    public func run(_ preset: Preset, data: LoadedData, weights: Network? = nil, interrupt: Interrupt? = nil) throws -> Result {
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
        let steps = min(max(trainer.batchesInEpoch, minimumSteps), maximumSteps)
        var points: [Point] = []
        var average = 0.0, best = Double.infinity
        for i in 0..<steps {
            if let interrupt, interrupt.isRequested { throw NNError.interrupted(interrupt.received, while: "finding the learning rate") }
            let lr = start * Float(pow(Double(end / start), Double(i) / Double(steps - 1)))
            trainer.optimizer.lr = lr
            trainer.trainMiniBatch()
            guard trainer.divergence == nil, let loss = trainer.recentBatchLosses.last, loss.isFinite else { break }
            average = 0.98 * average + 0.02 * loss
            let smoothed = average / (1 - pow(0.98, Double(i + 1)))
            points.append(Point(lr: lr, loss: loss, smoothed: smoothed))
            best = min(best, smoothed)
            if smoothed > 4 * best { break }
        }
        guard points.count >= 5 else {
            throw NNError.runtime("the learning-rate test stopped after \(points.count) mini-batches: the loss exploded at once; check the data and the network.")
        }
        return Self.suggest(points)
    }

    /// The suggestions from the recorded points, the first tenth skipped (still
    /// settling): the steepest descent of the smoothed loss up to its minimum (the
    /// slope over a window either side), and the minimum's rate / 10.
    static func suggest(_ points: [Point]) -> Result {
        // the first tenth is skipped: a few batches' average still settles there
        let from = points.count / 10
        let lowest = points.indices.dropFirst(from).min { points[$0].smoothed < points[$1].smoothed }!
        // slopes over a window of a 25th of the points either side
        let k = max(1, points.count / 25)
        var steepest = points[lowest].lr, slope = Double.infinity
        for i in from...lowest {
            let a = points[max(i - k, from)], b = points[min(i + k, lowest)]
            guard b.lr > a.lr else { continue }
            let s = (b.smoothed - a.smoothed) / Double(log(b.lr) - log(a.lr))
            if s < slope { slope = s; steepest = points[i].lr }
        }
        return Result(points: points, steepest: steepest, minimumOverTen: points[lowest].lr / 10)
    }
}
