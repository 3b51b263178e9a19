import Dispatch
import NNEngine
import NNFiles

/// Immutable pictures of the training session that the UI renders. The engine
/// publishes a new one whenever something visible changed (at most ~30 a second).
public enum RunState: String, Sendable {
    case running, paused, finished, diverged
}

/// One run (the only one, or one of a comparison).
public struct RunSnapshot: Sendable {
    public var label: String
    public var setting: String
    public var preset: Preset
    public var sizes: [Int]
    public var state: RunState
    public var divergence: Divergence?
    public var history: EpochHistory
    public var epoch: Int
    public var totalEpochs: Int
    public var step: Int
    public var batchInEpoch: Int
    public var batchesInEpoch: Int
    public var batchSize: Int
    public var seconds: Double
    public var samplesPerSecond: Double
    public var learningRate: Float
    /// The schedule's planned learning rate over the run (a bounded sample of epochs).
    public var plannedLearningRates: LearningRatePlan
    /// The losses of the last mini-batches, oldest first (the last is the latest batch's).
    public var recentBatchLosses: [Double] = []
    /// Seconds since the run was built, pauses included (`seconds` counts training only).
    public var wallSeconds: Double = 0
    /// Threads training: a run's data-parallel slices, or the runs of a comparison trained at once.
    public var threads: Int = 1

    public var isClassification: Bool { preset.network.output.isClassification }
    /// Best epoch by the monitored (validation, else training) loss.
    public var bestEpoch: Int? { history.min { $0.monitoredLoss < $1.monitoredLoss }?.epoch }
    /// The first epoch whose accuracy (validation, else training) reached `share`.
    public func epochReaching(_ share: Double) -> Int? {
        history.first { ($0.validationAccuracy ?? $0.trainAccuracy ?? 0) >= share }?.epoch
    }
}

/// Facts about the loaded data the views need.
public struct DataSummary: Sendable {
    public var source: DataSource
    public var trainCount: Int
    public var validationCount: Int
    public var testCount: Int?
    public var featureCount: Int
    public var classNames: [String]
    public var imageShape: (rows: Int, cols: Int)?
    /// Raw 2-D points for drawing over a decision boundary.
    public var points: [PlanePoint]
    /// The plane the boundary view spans, the ranges its grid is computed on: known
    /// with the data, before any grid (so points drawn at once land where they should).
    public var planeExtent: (x: (Float, Float), y: (Float, Float))? = nil
}

/// A sample of a 2-D set where the boundary view draws it: its raw inputs, its class
/// and its split.
public struct PlanePoint: Sendable, Equatable {
    public var x: Float
    public var y: Float
    public var label: Int
    public var isValidation: Bool
    /// A regression set's target at the point (0 for classes).
    public var value: Float
    public init(x: Float, y: Float, label: Int, isValidation: Bool, value: Float = 0) {
        self.x = x; self.y = y; self.label = label; self.isValidation = isValidation; self.value = value
    }
}

/// A decision boundary: the predicted class on a grid over the input plane (row 0
/// is the top, the largest `y`).
public struct BoundaryGrid: Sendable {
    public var columns: Int
    public var rows: Int
    public var xRange: (Float, Float)
    public var yRange: (Float, Float)
    public var predicted: [Int]
    /// The predicted class's probability in each cell (how sure the network is).
    public var confidence: [Float]
    /// The predicted class of each of `DataSummary.points`, in the same order.
    public var pointPredictions: [Int]
    /// A regression set's: the network's output in each cell (then `predicted` and
    /// `confidence` say nothing).
    public var values: [Float]? = nil
}

/// One fitted curve of the fit view (a network's or the polynomial's) on the grid
/// `FitCurves.x`, and its errors: RMSE against the training points and against the
/// true curve on its grid.
public struct FittedCurve: Sendable {
    public var label: String
    public var y: [Double]
    public var pointsRMSE: Double
    public var truthRMSE: Double?
    public init(label: String, y: [Double], pointsRMSE: Double, truthRMSE: Double?) {
        self.label = label; self.y = y; self.pointsRMSE = pointsRMSE; self.truthRMSE = truthRMSE
    }
}

/// The homework's plot: the training points, the true curve, the least-squares
/// polynomial and one curve per network, on `x` (the input range, and the true
/// curve's where there is one).
public struct FitCurves: Sendable {
    public var x: [Double]
    public var points: (x: [Double], y: [Double])
    public var truth: [Double]?
    public var polynomial: FittedCurve
    public var degree: Int
    public var networks: [FittedCurve]
    public init(
        x: [Double], points: (x: [Double], y: [Double]), truth: [Double]?, polynomial: FittedCurve, degree: Int,
        networks: [FittedCurve]
    ) {
        self.x = x; self.points = points; self.truth = truth; self.polynomial = polynomial; self.degree = degree;
        self.networks = networks
    }
}

/// Confusion counts `counts[truth][predicted]` on the evaluated split, and a few images.
public struct ConfusionData: Sendable {
    public var split: String
    public var counts: [[Int]]
    public var images: [(pixels: [UInt8], truth: Int, predicted: Int)]
}

/// What the focused view needs computed on the engine thread.
public enum ViewRequest: Equatable, Sendable {
    case none
    case boundary(columns: Int, rows: Int)
    case fit(points: Int)
    case confusion
    case gradients
    /// The network view: tiles of `columns x rows`, unit `unit` of layer `layer` selected.
    case network(columns: Int, rows: Int, layer: Int, unit: Int)
}

public struct Snapshot: Sendable {
    public var sequence = 0
    public var runs: [RunSnapshot] = []
    public var compareMode = false
    /// A comparison over seeds: its variants, each `seedsPerVariant` runs in a row
    /// (seeds 1, 2, …); empty for a single run and a one-seed comparison.
    public var variants: [String] = []
    /// A grid of two keys: its axes, the runs (or variants) row by row of the first
    /// key's values; empty otherwise.
    public var grid: [Variation.Axis] = []
    /// The runs of each variant (1 without seeds).
    public var seedsPerVariant: Int { variants.isEmpty ? 1 : max(runs.count / variants.count, 1) }
    public var paused = false
    /// Index into `TrainingSession.speeds`.
    public var speedIndex = 0
    public var data: DataSummary?
    public var boundary: BoundaryGrid?
    public var fit: FitCurves?
    public var confusion: ConfusionData?
    /// The gradients view's dead shares and unit spreads, one per layer.
    public var layerUnits: [LayerUnits]?
    /// What the last intent did, for the bottom line (the dashboard words it).
    public var outcome: Outcome?
    /// The network view's picture, when it is shown.
    public var network: NetworkPicture?
    /// The last learning-rate range test (`f`).
    public var learningRateTest: LearningRateTest?
    /// The last gradient check (`G`).
    public var gradientCheck: GradientCheckResult?
    public var polynomialDegree = 15
    public init() {}
}

/// A learning-rate range test of one run, for the finder overlay.
public struct LearningRateTest: Sendable, Equatable {
    public var run: Int
    public var result: LearningRateFinder.Result
    public init(run: Int, result: LearningRateFinder.Result) { self.run = run; self.result = result }
}

extension RunSnapshot {
    /// A run as the dashboard shows it: its settings and the trainer's state now.
    init(_ spec: RunSpec, _ t: Trainer, paused: Bool, threads: Int) {
        let state: RunState =
            t.divergence != nil ? .diverged : (t.isFinished ? .finished : (paused ? .paused : .running))
        self.init(
            label: spec.label, setting: spec.setting, preset: spec.preset, sizes: t.network.sizes,
            state: state, divergence: t.divergence, history: t.history, epoch: t.epoch,
            totalEpochs: t.epochs, step: t.step, batchInEpoch: t.batchInEpoch,
            batchesInEpoch: t.batchesInEpoch, batchSize: t.batch.resolved(count: t.data.train.count),
            seconds: t.seconds, samplesPerSecond: t.samplesPerSecond, learningRate: t.currentLearningRate,
            plannedLearningRates: t.plannedLearningRates, recentBatchLosses: t.recentBatchLosses,
            wallSeconds: Double(DispatchTime.now().uptimeNanoseconds - t.createdAt) / 1e9,
            threads: threads)
    }
}

extension DataSummary {
    /// The data as the dashboard shows it: counts, classes, and a 2-D set's points.
    init(_ d: LoadedData) {
        let s = d.store
        var points: [PlanePoint] = []
        if d.isPlane {
            func point(_ i: Int, validation: Bool) -> PlanePoint {
                let (x, y) = d.planePoint(i)
                return s.isClassification
                    ? PlanePoint(x: x, y: y, label: s.label(i), isValidation: validation)
                    : PlanePoint(x: x, y: y, label: 0, isValidation: validation, value: s.value(i))
            }
            points =
                d.train.indices.map { point($0, validation: false) }
                + d.validation.indices.map { point($0, validation: true) }
        }
        self.init(
            source: d.source, trainCount: d.train.count, validationCount: d.validation.count,
            testCount: d.test?.count, featureCount: s.featureCount, classNames: s.classNames,
            imageShape: s.imageShape, points: points,
            planeExtent: d.isPlane ? ViewComputations.planeExtent(d, margin: ViewComputations.boundaryMargin) : nil)
    }
}

/// A gradient check of a run's current weights: the worst relative error between
/// backprop and central finite differences over the derivatives checked.
public struct GradientCheckResult: Sendable, Equatable {
    public var run: Int
    public var epoch: Int
    public var worstError: Double
    public var checked: Int
    public var passed: Bool { worstError < GradientCheck.tolerance }
}
