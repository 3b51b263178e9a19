import CKernels

/// The cost of one sample `C(y, t)`; a batch's cost is the mean over its samples.
/// With its matched output (identity + squared error, sigmoid + binary
/// cross-entropy, softmax + cross-entropy) the lecture's simplification holds,
/// `delta[L] = dC/dz[L] = y - t`. Squared error behind a sigmoid breaks it (the
/// lecture says so): `delta[L] = (y - t) (.) sigma'(z[L]) = (y - t) (.) y (.) (1 - y)`.
public enum Cost: String, CaseIterable, Sendable {
    /// `1/2 ||y - t||^2`.
    case mse
    /// `-sum t log y + (1 - t) log(1 - y)`.
    case bce
    /// `-sum t log y`.
    case crossEntropy = "cross-entropy"

    /// The cost that makes `delta[L] = y - t` for `output`.
    public static func matched(to output: OutputLayer) -> Cost {
        switch output {
        case .identity: .mse
        case .sigmoid: .bce
        case .softmax: .crossEntropy
        }
    }

    /// The costs that can follow `output`.
    public static func allowed(after output: OutputLayer) -> [Cost] {
        switch output {
        case .identity: [.mse]
        case .sigmoid: [.mse, .bce]
        case .softmax: [.crossEntropy]
        }
    }

    public var name: String {
        switch self {
        case .mse: "1/2 squared error"
        case .bce: "binary cross-entropy"
        case .crossEntropy: "cross-entropy"
        }
    }

    /// The name in three letters or fewer, for narrow places.
    public var shortName: String {
        switch self {
        case .mse: "MSE"
        case .bce: "BCE"
        case .crossEntropy: "CE"
        }
    }

    /// `delta[L]` as the equations view writes it, behind `output`.
    public func outputDelta(after output: OutputLayer) -> String {
        self == .mse && output == .sigmoid ? "δ[L] = (Y - T) ⊙ σ'(Z[L])" : "δ[L] = Y - T"
    }

    /// Sum over the batch's samples of the per-sample cost, from `Z[L]` and `Y = g(Z[L])`
    /// (numerically stable: log-sum-exp for cross-entropy, `max(z,0) - z t +
    /// log(1 + e^-|z|)` for binary cross-entropy, so `log(0)` never occurs).
    public func sum(z: Matrix, y: Matrix, t: Matrix) -> Double {
        var total = 0.0
        switch self {
        case .mse:
            for i in 0..<z.count { let d = Double(y.data[i] - t.data[i]); total += 0.5 * d * d }
        case .bce:
            for i in 0..<z.count {
                let v = Double(z.data[i]), tt = Double(t.data[i])
                total += max(v, 0) - v * tt + _log(1 + _exp(-abs(v)))
            }
        case .crossEntropy:
            total = nn_cross_entropy_sum(z.data, t.data, z.rows, z.cols)
        }
        return total
    }

    /// One sample's cost in Double from its pre-activations `z` behind `output` (the
    /// gradient check's reference).
    public func reference(z: [Double], t: [Double], output: OutputLayer) -> Double {
        switch self {
        case .mse:
            let y = output == .sigmoid ? z.map { 1 / (1 + _exp(-$0)) } : z
            return zip(y, t).reduce(0) { $0 + 0.5 * ($1.0 - $1.1) * ($1.0 - $1.1) }
        case .bce:
            return zip(z, t).reduce(0) { $0 + max($1.0, 0) - $1.0 * $1.1 + _log(1 + _exp(-abs($1.0))) }
        case .crossEntropy:
            let mx = z.max() ?? 0
            let lse = mx + _log(z.reduce(0) { $0 + _exp($1 - mx) })
            return zip(z, t).reduce(0) { $0 - $1.1 * ($1.0 - lse) }
        }
    }

    /// `delta[L] = dC/dz[L]` per sample: `y - t`, times `y (1 - y)` for squared error
    /// behind a sigmoid.
    public func outputDelta(y: Matrix, t: Matrix, output: OutputLayer, into delta: Matrix) {
        for i in 0..<delta.count { delta.data[i] = y.data[i] - t.data[i] }
        if self == .mse && output == .sigmoid {
            for i in 0..<delta.count { delta.data[i] *= y.data[i] * (1 - y.data[i]) }
        }
    }
}
