import CKernels

/// The output function `y = g(z[L])`; `Cost` is the cost paired with it.
public enum OutputLayer: String, CaseIterable, Sendable {
    /// `y = z` (regression).
    case identity
    /// `y = sigma(z)` (two classes, one unit).
    case sigmoid
    /// `y = softmax(z)` (several classes).
    case softmax

    public var isClassification: Bool { self != .identity }

    /// `Y = g(Z)` column by column (softmax with the max subtracted first).
    public func apply(_ z: Matrix, into y: Matrix) {
        let n = z.count
        switch self {
        case .identity: if y !== z { y.data.update(from: z.data, count: n) }
        case .sigmoid: for i in 0..<n { y.data[i] = Activation.sigma(z.data[i]) }
        case .softmax: nn_softmax(z.data, y.data, z.rows, z.cols)
        }
    }

    /// Number of correct predictions in the batch: argmax for several outputs,
    /// `y > 0.5` against `t > 0.5` for a single sigmoid output.
    public func correctCount(y: Matrix, t: Matrix) -> Int {
        guard isClassification else { return 0 }
        let r = y.rows
        guard r == 1 else { return nn_argmax_agreements(y.data, t.data, r, y.cols) }
        var correct = 0
        for j in 0..<y.cols where (y.data[j] > 0.5) == (t.data[j] > 0.5) { correct += 1 }
        return correct
    }
}
