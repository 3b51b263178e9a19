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
    public init(deadShare: Double, spread: Double) { self.deadShare = deadShare; self.spread = spread }
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
}

/// Loss and accuracy of a network on a data set.
public struct Evaluation: Sendable, Equatable {
    public var loss: Double
    public var accuracy: Double?
}
