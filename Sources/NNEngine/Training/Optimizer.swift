import CKernels

/// The optimizers, with `torch.optim`'s documented update rules and defaults.
public enum OptimizerKind: String, CaseIterable, Sendable {
    case sgd, momentum, nesterov, adagrad, rmsprop, adam, adamw

    /// The learning rate each starts with when a comparison does not name one.
    public var suggestedLearningRate: Float {
        switch self {
        case .sgd: 0.1
        case .momentum, .nesterov: 0.05
        case .adagrad: 0.05
        case .rmsprop: 0.005
        case .adam, .adamw: 0.01
        }
    }
    /// PyTorch's default `eps` for this optimizer.
    public var defaultEpsilon: Float {
        self == .adagrad ? 1e-10 : 1e-8
    }
}

/// Hyperparameters of an optimizer; `eps == nil` uses PyTorch's default for the kind.
public struct OptimizerSettings: Equatable, Sendable {
    public var kind: OptimizerKind = .adam
    public var lr: Float = 0.01
    public var momentum: Float = 0.9
    public var beta1: Float = 0.9
    public var beta2: Float = 0.999
    public var eps: Float? = nil
    public var alpha: Float = 0.99
    public init() {}
    public var epsilon: Float { eps ?? kind.defaultEpsilon }
}

/// A zero-initialised buffer of floats, one per element of a parameter.
public final class StateBuffer {
    public let data: UnsafeMutablePointer<Float>
    init(count: Int) {
        data = .allocate(capacity: max(1, count))
        data.initialize(repeating: 0, count: max(1, count))
    }
    deinit { data.deallocate() }
}

/// What an optimizer remembers of one parameter between steps, as its rule names it.
public enum OptimizerState {
    /// Plain SGD remembers nothing.
    case none
    /// Momentum and Nesterov: the velocity `u` (the lecture's `b` is the bias).
    case velocity(StateBuffer)
    /// AdaGrad's sum of squared gradients `S`, or RMSProp's running mean of them `v`.
    case squares(StateBuffer)
    /// Adam's and AdamW's first and second moments `m` and `v`.
    case moments(m: StateBuffer, v: StateBuffer)
}

/// One trainable tensor (a `W[l]` or `b[l]`) with its gradient and the optimizer's
/// state for it, created on the first step.
public final class Parameter {
    public let value: Matrix
    public let grad: Matrix
    /// Weight decay applies to weights only, never to biases.
    public let isWeight: Bool
    public fileprivate(set) var state = OptimizerState.none

    public init(value: Matrix, grad: Matrix, isWeight: Bool) {
        self.value = value
        self.grad = grad
        self.isWeight = isWeight
    }

    public var count: Int { value.count }

    /// Forgets the optimizer state (on a switch of optimizer or a reset).
    public func resetState() { state = .none }
    /// Whether the optimizer remembers anything of this parameter yet.
    public var hasState: Bool { if case .none = state { false } else { true } }
}

/// Applies one optimizer step to one parameter. `t` is the 1-based step count.
/// `g` below is the gradient after coupled weight decay: `g = dC/dtheta + lambda theta`
/// for weights (not for adamw, which decays decoupled, and never for biases); the
/// decay is added into the gradient buffer itself.
public struct Optimizer: Sendable {
    public var settings: OptimizerSettings
    /// The cost's penalty on the weights, whose gradient is added first.
    public var regularization: Regularization
    public init(_ settings: OptimizerSettings, regularization: Regularization = Regularization()) {
        self.settings = settings
        self.regularization = regularization
    }

    /// Creates `p`'s state for this rule if it has none yet, so threads stepping parts
    /// of it never race to create it.
    public func prepareState(_ p: Parameter) {
        switch (settings.kind, p.state) {
        case (.sgd, _), (.momentum, .velocity), (.nesterov, .velocity), (.adagrad, .squares), (.rmsprop, .squares),
            (.adam, .moments), (.adamw, .moments):
            return
        case (.momentum, _), (.nesterov, _): p.state = .velocity(StateBuffer(count: p.count))
        case (.adagrad, _), (.rmsprop, _): p.state = .squares(StateBuffer(count: p.count))
        case (.adam, _), (.adamw, _): p.state = .moments(m: StateBuffer(count: p.count), v: StateBuffer(count: p.count))
        }
    }

    /// Steps the elements `range` of `p` (all of them by default); every rule is
    /// elementwise, so disjoint ranges may be stepped on different threads once the
    /// state exists (`prepareState`).
    public func step(_ p: Parameter, lr: Float, weightDecay: Float, t: Int, range: Range<Int>? = nil) {
        let range = range ?? 0..<p.count
        let n = range.count, o = range.lowerBound
        let theta = p.value.data + o, grad = p.grad.data + o
        let s = settings
        // the cost's penalty (L1/L2 regularization) first: its gradient belongs to dC/dtheta
        if p.isWeight && regularization.isActive { regularization.addGradient(weights: theta, grad: grad, count: n) }
        // coupled weight decay folds into the gradient in place: g = dC/dtheta + lambda theta
        let wd: Float = p.isWeight && s.kind != .adamw ? weightDecay : 0
        if wd != 0 { for i in 0..<n { grad[i] += wd * theta[i] } }
        let g = UnsafePointer(grad)
        prepareState(p)
        switch (s.kind, p.state) {
        case (.momentum, .velocity(let velocity)):
            // u = mu u + g;  theta -= lr u
            let u = velocity.data + o, mu = s.momentum
            for i in 0..<n { let ui = mu * u[i] + g[i]; u[i] = ui; theta[i] -= lr * ui }
        case (.nesterov, .velocity(let velocity)):
            // u = mu u + g;  theta -= lr (g + mu u)
            let u = velocity.data + o, mu = s.momentum
            for i in 0..<n { let ui = mu * u[i] + g[i]; u[i] = ui; theta[i] -= lr * (g[i] + mu * ui) }
        case (.adagrad, .squares(let sum)):
            // S += g^2;  theta -= lr g / (sqrt(S) + eps)
            nn_adagrad(theta, g, sum.data + o, n, lr, s.epsilon)
        case (.rmsprop, .squares(let mean)):
            // v = alpha v + (1 - alpha) g^2;  theta -= lr g / (sqrt(v) + eps)
            nn_rmsprop(theta, g, mean.data + o, n, lr, s.alpha, s.epsilon)
        case (.adam, .moments(let m, let v)), (.adamw, .moments(let m, let v)):
            // adamw first: theta *= 1 - lr lambda (weights only)
            if s.kind == .adamw && p.isWeight && weightDecay != 0 {
                let k = 1 - lr * weightDecay
                for i in 0..<n { theta[i] *= k }
            }
            // m = b1 m + (1-b1) g;  v = b2 v + (1-b2) g^2
            // theta -= lr (m / (1-b1^t)) / (sqrt(v / (1-b2^t)) + eps)
            // (the bias corrections folded into a step size and a factor on sqrt(v))
            let c1 = 1 - Float(_pow(Double(s.beta1), Double(t)))
            let c2 = 1 - Float(_pow(Double(s.beta2), Double(t)))
            nn_adam(theta, g, m.data + o, v.data + o, n, s.beta1, s.beta2, lr / c1, 1 / c2.squareRoot(), s.epsilon)
        case (.sgd, _):
            // theta -= lr g
            for i in 0..<n { theta[i] -= lr * g[i] }
        default:
            preconditionFailure("prepareState gives \(s.kind) its state")
        }
    }
}
