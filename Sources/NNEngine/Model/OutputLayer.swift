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
        case .softmax:
            let r = z.rows
            for j in 0..<z.cols {
                let zc = z.column(j), yc = y.column(j)
                var mx = -Float.infinity
                for i in 0..<r { mx = max(mx, zc[i]) }
                var s: Float = 0
                for i in 0..<r { let e = _exp(zc[i] - mx); yc[i] = e; s += e }
                let inv = 1 / s
                for i in 0..<r { yc[i] *= inv }
            }
        }
    }

    /// Number of correct predictions in the batch: argmax for several outputs,
    /// `y > 0.5` against `t > 0.5` for a single sigmoid output.
    public func correctCount(y: Matrix, t: Matrix) -> Int {
        guard isClassification else { return 0 }
        var correct = 0
        let r = y.rows
        for j in 0..<y.cols {
            let yc = y.column(j), tc = t.column(j)
            if r == 1 {
                if (yc[0] > 0.5) == (tc[0] > 0.5) { correct += 1 }
            } else if Self.argmax(yc, r) == Self.argmax(tc, r) {
                correct += 1
            }
        }
        return correct
    }

    @inline(__always) static func argmax(_ p: UnsafeMutablePointer<Float>, _ n: Int) -> Int {
        var best = 0
        for i in 1..<max(n, 1) where p[i] > p[best] { best = i }
        return best
    }
}
