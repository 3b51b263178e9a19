import CKernels

/// The activations a preset names (`network.activation`), a closed set: parsed once,
/// with `linear` taken as `identity` and stored as its canonical name.
public enum ActivationKind: String, CaseIterable, Sendable, CustomStringConvertible {
    case sigmoid, tanh, relu
    case leakyRelu = "leaky-relu"
    case softplus, swish, identity

    /// Other names a preset may use for an activation.
    public static let aliases: [String: ActivationKind] = ["linear": .identity]

    /// The kind a preset's name (or alias) means, or nil.
    public init?(name: String) {
        guard let kind = ActivationKind(rawValue: name) ?? Self.aliases[name] else { return nil }
        self = kind
    }

    public var description: String { rawValue }

    /// The activation itself; `leakySlope` is used for `leaky-relu`.
    public func activation(leakySlope: Float) -> Activation {
        switch self {
        case .sigmoid: .sigmoid
        case .tanh: .tanh
        case .relu: .relu
        case .leakyRelu: .leakyRelu(slope: leakySlope)
        case .softplus: .softplus
        case .swish: .swish
        case .identity: .identity
        }
    }
}

/// A hidden-layer activation `a = f(z)` and its derivative `f'(z)`.
public enum Activation: Equatable, Sendable, CustomStringConvertible {
    case sigmoid, tanh, relu, softplus, swish, identity
    /// `f(z) = z` for `z > 0`, `slope z` otherwise.
    case leakyRelu(slope: Float)

    public static let defaultLeakySlope: Float = 0.01
    /// The names a preset accepts, in menu order.
    public static let names = ActivationKind.allCases.map(\.rawValue)

    /// Parses a preset name (or alias); `leakySlope` is used for `leaky-relu`.
    public init?(name: String, leakySlope: Float = Activation.defaultLeakySlope) {
        guard let kind = ActivationKind(name: name) else { return nil }
        self = kind.activation(leakySlope: leakySlope)
    }

    /// The kind, without the leaky slope.
    public var kind: ActivationKind {
        switch self {
        case .sigmoid: .sigmoid
        case .tanh: .tanh
        case .relu: .relu
        case .leakyRelu: .leakyRelu
        case .softplus: .softplus
        case .swish: .swish
        case .identity: .identity
        }
    }

    public var name: String { kind.rawValue }
    public var description: String { name }

    /// `sigma(z) = 1 / (1 + e^-z)`, evaluated without overflow for large `|z|`.
    @inline(__always) static func sigma(_ z: Float) -> Float {
        if z >= 0 { return 1 / (1 + _exp(-z)) }
        let e = _exp(z)
        return e / (1 + e)
    }

    /// `a = f(z)` elementwise over `n` values.
    public func apply(_ z: UnsafePointer<Float>, _ a: UnsafeMutablePointer<Float>, count n: Int) {
        switch self {
        case .sigmoid: for i in 0..<n { a[i] = Self.sigma(z[i]) }
        case .tanh: nn_tanh(z, a, n)
        case .relu: for i in 0..<n { a[i] = max(z[i], 0) }
        case .leakyRelu(let s): for i in 0..<n { let v = z[i]; a[i] = v > 0 ? v : s * v }
        // softplus(z) = log(1 + e^z) = max(z, 0) + log1p(e^-|z|)
        case .softplus: for i in 0..<n { let v = z[i]; a[i] = max(v, 0) + _log1p(_exp(-abs(v))) }
        case .swish: for i in 0..<n { let v = z[i]; a[i] = v * Self.sigma(v) }
        case .identity: if UnsafePointer(a) != z { a.update(from: z, count: n) }
        }
    }

    /// `delta = f'(z) (.) delta` elementwise, with `a = f(z)` from the forward pass
    /// (sigmoid' = a(1-a), tanh' = 1-a^2, relu' = [z>0], softplus' = sigma(z),
    /// swish' = sigma(z) + z sigma(z)(1 - sigma(z))).
    public func multiplyDerivative(
        z: UnsafePointer<Float>, a: UnsafePointer<Float>,
        into delta: UnsafeMutablePointer<Float>, count n: Int
    ) {
        switch self {
        case .sigmoid: for i in 0..<n { let y = a[i]; delta[i] *= y * (1 - y) }
        case .tanh: for i in 0..<n { let y = a[i]; delta[i] *= 1 - y * y }
        case .relu: nn_relu_backward(delta, z, n, 0)
        case .leakyRelu(let s): nn_relu_backward(delta, z, n, s)
        case .softplus: for i in 0..<n { delta[i] *= Self.sigma(z[i]) }
        case .swish:
            for i in 0..<n { let v = z[i]; let s = Self.sigma(v); delta[i] *= s + v * s * (1 - s) }
        case .identity: break
        }
    }

    /// `f(z)` for one Double value: the reference used by gradient checks.
    public func value(_ z: Double) -> Double {
        switch self {
        case .sigmoid: 1 / (1 + _exp(-z))
        case .tanh: (_exp(2 * z) - 1) / (_exp(2 * z) + 1)
        case .relu: max(z, 0)
        case .leakyRelu(let s): z > 0 ? z : Double(s) * z
        case .softplus: max(z, 0) + _log(1 + _exp(-abs(z)))
        case .swish: z / (1 + _exp(-z))
        case .identity: z
        }
    }

    /// True where the unit is "stuck": a dead ReLU (`z <= 0`) or a saturated
    /// sigmoid/tanh (`|f'(z)|` below 1% of its maximum).
    @inline(__always) public func isStuck(z: Float, a: Float) -> Bool {
        switch self {
        case .relu: z <= 0
        case .sigmoid: a * (1 - a) < 0.0025
        case .tanh: 1 - a * a < 0.01
        default: false
        }
    }
}
