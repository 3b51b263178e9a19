/// What a grid of two keys shows in each cell of its heat map, over the cell's seeds.
public enum GridMeasure: String, CaseIterable, Sendable {
    case accuracy = "median validation accuracy"
    case loss = "median final validation loss"

    /// The measure a grid starts with: accuracy where the runs classify.
    public static func first(classification: Bool) -> GridMeasure { classification ? .accuracy : .loss }

    /// A variant's value: the median of its seeds' final validation accuracy, or of
    /// their final validation loss (the training loss without a validation split).
    public func value(_ s: SeededComparison.Summary) -> Double? {
        switch self {
        case .accuracy: s.validationAccuracy?.median
        case .loss: (s.validationLoss ?? s.trainLoss)?.median
        }
    }

    public var higherIsBetter: Bool { self == .accuracy }

    /// The other measure (a key switches), or this one where the runs do not classify.
    public func next(classification: Bool) -> GridMeasure {
        classification ? (self == .accuracy ? .loss : .accuracy) : .loss
    }
}
