/// Initial weights; biases always start at zero. Never start W at zero (the
/// lecture's observation): `zeros` exists to show why. Every unit of a layer then
/// computes the same thing and gets the same gradient, so the units stay identical.
public enum Initializer: String, CaseIterable, Sendable {
    /// Glorot normal: `W ~ N(0, 2 / (n_in + n_out))`.
    case xavier
    /// Kaiming normal: `W ~ N(0, 2 / n_in)` (for ReLU-like units).
    case he
    /// Glorot uniform: `W ~ U(-r, r)`, `r = sqrt(6 / (n_in + n_out))`.
    case xavierUniform = "xavier-uniform"
    /// Kaiming uniform: `W ~ U(-r, r)`, `r = sqrt(6 / n_in)`.
    case heUniform = "he-uniform"
    /// `normal` picks the normal variant matched to the activation (he for ReLU-like, xavier otherwise).
    case normal
    /// `uniform` picks the uniform variant matched to the activation.
    case uniform
    /// `W = 0`: what not to do.
    case zeros

    /// The concrete scheme for a layer with this hidden activation.
    func resolved(for activation: Activation) -> Initializer {
        let reluLike: Bool
        switch activation {
        case .relu, .leakyRelu, .swish, .softplus: reluLike = true
        default: reluLike = false
        }
        switch self {
        case .normal: return reluLike ? .he : .xavier
        case .uniform: return reluLike ? .heUniform : .xavierUniform
        default: return self
        }
    }

    /// Fills `W` (`n_out x n_in`) from `rng`.
    public func fill(_ w: Matrix, activation: Activation, rng: inout RandomSource) {
        let nIn = Double(w.cols), nOut = Double(w.rows)
        switch resolved(for: activation) {
        case .xavier:
            let sd = (2 / (nIn + nOut)).squareRoot()
            for i in 0..<w.count { w.data[i] = Float(sd * rng.normal()) }
        case .he:
            let sd = (2 / nIn).squareRoot()
            for i in 0..<w.count { w.data[i] = Float(sd * rng.normal()) }
        case .xavierUniform:
            let r = (6 / (nIn + nOut)).squareRoot()
            for i in 0..<w.count { w.data[i] = Float(rng.uniform(-r, r)) }
        case .zeros:
            w.fill(0)
        case .heUniform, .normal, .uniform:
            let r = (6 / nIn).squareRoot()
            for i in 0..<w.count { w.data[i] = Float(rng.uniform(-r, r)) }
        }
    }
}
