import Foundation

/// The data of a run: training, validation and (where the source has an official
/// one) test splits, scaled by a map fitted on the training split.
public struct LoadedData {
    public let source: DataSource
    public let train: Dataset
    public let validation: Dataset
    public let test: Dataset?
    /// For 1-D regression: the true curve, where known.
    public let truth: TrueCurve?

    public var store: SampleStore { train.store }
    public var featureCount: Int { store.featureCount }
    public var isClassification: Bool { store.isClassification }
    public var classNames: [String] { store.classNames }
    /// One input and one regression target: the fit view, `polyfit` and the homework plot apply.
    public var isCurve: Bool { featureCount == 1 && !isClassification && store.targetWidth == 1 }

    /// Every sample's `(x, y)` in double precision, for sets made in double (the
    /// store holds Float32): the lecture's residuals need them.
    let exactPoints: (x: [Double], y: [Double])?
    /// The inputs computed from a 2-D set's points, and the points themselves
    /// (`x1, x2` per sample) when the store holds the computed inputs instead.
    public let features: [InputFeature]
    let planePoints: [Float]?

    /// A 2-D set, classes or a value over the plane: its points can be drawn there
    /// (the boundary view, a heat map for a value).
    public var isPlane: Bool {
        planePoints != nil
            || (featureCount == 2
                && (isClassification || DataSource.planeRegression.contains(source) || source == .drawn))
    }
    /// Sample `i`'s point on the plane.
    public func planePoint(_ i: Int) -> (Float, Float) {
        if let p = planePoints { return (p[2 * i], p[2 * i + 1]) }
        return (store.raw(i, 0), store.raw(i, 1))
    }
    /// The network's raw inputs (before scaling) at the point `(x1, x2)`.
    public func inputs(x1: Float, x2: Float) -> [Float] { features.map { $0.value(x1, x2) } }

    /// The training split's raw `(x, y)` points of a 1-D regression set, in double
    /// precision where the set was made so.
    public var curvePoints: (x: [Double], y: [Double]) {
        if let e = exactPoints { return (train.indices.map { e.x[$0] }, train.indices.map { e.y[$0] }) }
        return (train.indices.map { Double(store.raw($0, 0)) }, train.indices.map { Double(store.value($0)) })
    }

    public init(
        source: DataSource, train: Dataset, validation: Dataset, test: Dataset?, truth: TrueCurve?,
        exactPoints: (x: [Double], y: [Double])? = nil, features: [InputFeature] = InputFeature.plain,
        planePoints: [Float]? = nil
    ) {
        self.source = source; self.train = train; self.validation = validation; self.test = test; self.truth = truth
        self.exactPoints = exactPoints
        self.features = features
        self.planePoints = planePoints
    }

    /// `N_L` for this data and output: 1 for two classes under a sigmoid output,
    /// else the class count, or the regression width.
    public func outputWidth(for output: OutputLayer) -> Int {
        if isClassification && output == .sigmoid && classNames.count == 2 { return 1 }
        return store.targetWidth
    }
}
