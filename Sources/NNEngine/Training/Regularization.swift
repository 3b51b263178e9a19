/// Playground's regularization: a penalty on the weights (never the biases) added to
/// the cost the optimizer minimizes,
/// - L1: `C + λ Σ|w|`, whose gradient adds `λ sign(w)` to `∂C/∂w`
/// - L2: `C + (λ/2) Σ w²`, whose gradient adds `λ w`.
/// Unlike `training.weight-decay` (PyTorch's optimizer option: coupled into the
/// gradient for SGD and Adam, decoupled for AdamW), it is part of the cost for every
/// optimizer, and the training loss nntui reports includes it.
public struct Regularization: Equatable, Sendable {
    public enum Kind: String, CaseIterable, Sendable {
        case none, l1, l2
    }
    public var kind: Kind = .none
    /// λ.
    public var rate: Float = 0

    public init(kind: Kind = .none, rate: Float = 0) {
        self.kind = kind
        self.rate = rate
    }

    public var isActive: Bool { kind != .none && rate != 0 }

    /// The penalty of `network`'s weights: `λ Σ|w|` or `(λ/2) Σ w²`, in Double.
    public func penalty(_ network: Network) -> Double {
        guard isActive else { return 0 }
        var sum = 0.0
        for layer in network.layers {
            let w = layer.W.data
            for i in 0..<layer.W.count {
                let x = Double(w[i])
                sum += kind == .l1 ? abs(x) : x * x
            }
        }
        return kind == .l1 ? Double(rate) * sum : Double(rate) / 2 * sum
    }

    /// Adds the penalty's gradient to `n` weights' gradients `grad` in place:
    /// `λ sign(w)` (0 at w = 0) or `λ w`.
    func addGradient(weights theta: UnsafeMutablePointer<Float>, grad: UnsafeMutablePointer<Float>, count n: Int) {
        let λ = rate
        switch kind {
        case .none: return
        case .l1: for i in 0..<n { grad[i] += theta[i] > 0 ? λ : (theta[i] < 0 ? -λ : 0) }
        case .l2: for i in 0..<n { grad[i] += λ * theta[i] }
        }
    }
}
