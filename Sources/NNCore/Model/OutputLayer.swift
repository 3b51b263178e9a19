/// The output function `y = g(z[L])` and the cost matched to it. For all three pairs
/// the lecture's simplification holds: `dC/dz[L] = y - t` per sample.
public enum OutputLayer: String, CaseIterable, Sendable {
    /// `y = z`, cost `1/2 ||y - t||^2` (regression).
    case identity
    /// `y = sigma(z)`, binary cross-entropy `-sum t log y + (1-t) log(1-y)`.
    case sigmoid
    /// `y = softmax(z)`, categorical cross-entropy `-sum t log y`.
    case softmax

    public var costName: String {
        switch self {
        case .identity: "1/2 squared error"
        case .sigmoid: "binary cross-entropy"
        case .softmax: "cross-entropy"
        }
    }
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

    /// Sum over the batch's samples of the per-sample cost, from the pre-activations
    /// `Z[L]` (numerically stable: log-sum-exp for softmax, `max(z,0) - z t +
    /// log(1 + e^-|z|)` for sigmoid, so `log(0)` never occurs).
    public func costSum(z: Matrix, y: Matrix, t: Matrix) -> Double {
        var total = 0.0
        let r = z.rows
        switch self {
        case .identity:
            for i in 0..<z.count { let d = Double(y.data[i] - t.data[i]); total += 0.5 * d * d }
        case .sigmoid:
            for i in 0..<z.count {
                let v = Double(z.data[i]), tt = Double(t.data[i])
                total += max(v, 0) - v * tt + _log(1 + _exp(-abs(v)))
            }
        case .softmax:
            for j in 0..<z.cols {
                let zc = z.column(j), tc = t.column(j)
                var mx = -Double.infinity
                for i in 0..<r { mx = max(mx, Double(zc[i])) }
                var s = 0.0
                for i in 0..<r { s += _exp(Double(zc[i]) - mx) }
                let lse = mx + _log(s)
                for i in 0..<r where tc[i] != 0 { total -= Double(tc[i]) * (Double(zc[i]) - lse) }
            }
        }
        return total
    }

    /// Per-sample cost in Double for a Double pre-activation column (gradient-check reference).
    public func cost(z: [Double], t: [Double]) -> Double {
        switch self {
        case .identity:
            return zip(z, t).reduce(0) { $0 + 0.5 * ($1.0 - $1.1) * ($1.0 - $1.1) }
        case .sigmoid:
            return zip(z, t).reduce(0) { $0 + max($1.0, 0) - $1.0 * $1.1 + _log(1 + _exp(-abs($1.0))) }
        case .softmax:
            let mx = z.max() ?? 0
            let lse = mx + _log(z.reduce(0) { $0 + _exp($1 - mx) })
            return zip(z, t).reduce(0) { $0 - $1.1 * ($1.0 - lse) }
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
