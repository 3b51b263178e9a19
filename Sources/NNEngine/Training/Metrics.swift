/// Per-layer health after the last mini-batch of an epoch: the norms the lecture's
/// vanishing-gradient observation is about.
public struct LayerStatistics: Sendable, Equatable {
    /// `||delta[l]||` over the batch (Frobenius), divided by `sqrt(m)`.
    public var deltaNorm: Double
    /// `||dC/dW[l]||`.
    public var gradientNorm: Double
    /// `||W[l]||`.
    public var weightNorm: Double
}

/// A layer's units now, for the gradients view (computed when it is shown, not every epoch).
public struct LayerUnits: Sendable, Equatable {
    /// Share of the layer's units that are dead over the first 1,024 training
    /// samples: stuck on every one of them (a ReLU never active, a sigmoid/tanh
    /// always saturated); 0 for the output layer.
    public var deadShare: Double
    /// How different the layer's units are: the RMS distance of each unit's incoming
    /// weights and bias `(W[l][i,:], b[l][i])` from the layer's mean unit. 0 when
    /// every unit is the same, as after starting from `W = 0`.
    public var spread: Double
    /// How large the layer's units are: `sqrt((1/N) sum_i ||u_i||^2)`, the RMS length
    /// of `(W[l][i,:], b[l][i])`. The scale `spread` is rounding against.
    public var size: Double
    public init(deadShare: Double, spread: Double, size: Double) {
        self.deadShare = deadShare; self.spread = spread; self.size = size
    }

    /// Spreads below this share of the units' size are rounding, not difference: a
    /// GEMM's rows are not rounded alike by every BLAS kernel (AVX2 and AVX-512 split
    /// the sums differently), so units that the lecture's algebra keeps identical
    /// drift apart by a few ulps of Float on some CPUs. Float's ulp is 1.2e-7; this
    /// allows about a hundred of them.
    public static let roundingShare = 1e-5

    /// The units are the same up to rounding: `spread <= roundingShare * size`.
    public var identical: Bool { spread <= Self.roundingShare * size }
}

/// One epoch's figures, as the metrics CSV columns name them.
public struct EpochRecord: Sendable, Equatable {
    /// Completed epochs (1 for the first).
    public var epoch: Int
    /// Mini-batches done in the whole run.
    public var step: Int
    public var lr: Float
    /// Mean training cost over the epoch's mini-batches (weighted by batch size).
    public var trainLoss: Double
    public var trainAccuracy: Double?
    public var validationLoss: Double?
    public var validationAccuracy: Double?
    /// Seconds the run has trained so far.
    public var seconds: Double
    public var layers: [LayerStatistics] = []

    /// The loss a schedule or a "best epoch" watches: validation, else training.
    public var monitoredLoss: Double { validationLoss ?? trainLoss }

    public init(
        epoch: Int, step: Int, lr: Float, trainLoss: Double, trainAccuracy: Double? = nil,
        validationLoss: Double? = nil, validationAccuracy: Double? = nil, seconds: Double,
        layers: [LayerStatistics] = []
    ) {
        self.epoch = epoch; self.step = step; self.lr = lr; self.trainLoss = trainLoss
        self.trainAccuracy = trainAccuracy; self.validationLoss = validationLoss
        self.validationAccuracy = validationAccuracy; self.seconds = seconds; self.layers = layers
    }
}

/// Loss and accuracy of a network on a data set.
public struct Evaluation: Sendable, Equatable {
    public var loss: Double
    public var accuracy: Double?
}
