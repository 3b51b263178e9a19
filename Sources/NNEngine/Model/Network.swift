/// A fully-connected network `N0/N1/.../NL`: hidden layers `a[l] = f(z[l])`,
/// output `a[L] = g(z[L])`, and the cost `C` (the one matched to `g` unless chosen).
public final class Network {
    public let sizes: [Int]
    /// `layers[l - 1]` is the lecture's layer `l`.
    public let layers: [DenseLayer]
    public let hidden: Activation
    public let output: OutputLayer
    public let cost: Cost

    public init(sizes: [Int], hidden: Activation, output: OutputLayer, cost: Cost? = nil) {
        precondition(sizes.count >= 2 && sizes.allSatisfy { $0 > 0 })
        self.sizes = sizes
        self.hidden = hidden
        self.output = output
        self.cost = cost ?? Cost.matched(to: output)
        layers = (1..<sizes.count).map { DenseLayer(inputs: sizes[$0 - 1], outputs: sizes[$0]) }
    }

    /// A network of the same shape holding a copy of these weights and biases.
    public func copy() -> Network {
        let twin = Network(sizes: sizes, hidden: hidden, output: output, cost: cost)
        for (mine, theirs) in zip(twin.layers, layers) {
            mine.W.copy(from: theirs.W)
            mine.b.copy(from: theirs.b)
        }
        return twin
    }

    /// Every layer small enough for `SmallProducts` (what a `RunStack` takes).
    public var isSmall: Bool { layers.allSatisfy(\.isSmall) }

    /// Number of layers `L` (weights matrices).
    public var depth: Int { layers.count }
    /// `N_b`, `N_w` and their sum.
    public var parameterCount: ParameterCount { ParameterCount(sizes: sizes) }

    /// Fresh weights from `initializer`, biases zero.
    public func initialize(_ initializer: Initializer, rng: inout RandomSource) {
        for layer in layers {
            initializer.fill(layer.W, activation: hidden, rng: &rng)
            layer.b.fill(0)
        }
    }

    /// Forward pass over the batch in `ws.A[0]` (`m` columns), keeping every
    /// `Z[l] = b[l] + W[l] A[l-1]` and `A[l] = f(Z[l])`, and `A[L] = g(Z[L])`.
    public func forward(_ ws: Workspace) {
        let L = depth
        for l in 1...L {
            let z = ws.Z[l], a = ws.A[l]
            layers[l - 1].forward(ws.A[l - 1], into: z)
            if l < L {
                hidden.apply(z.data, a.data, count: z.count)
            } else {
                output.apply(z, into: a)
            }
        }
    }

    /// Backward pass after `forward`, with targets in `ws.T`:
    /// `delta[L] = dC/dZ[L]` (`Y - T` for a matched cost, see `Cost`); for `l = L...1`:
    /// `dC/dW[l] = (1/m) delta[l] A[l-1]^T`,
    /// `dC/db[l] = (1/m) delta[l] 1`, and `delta[l-1] = f'(Z[l-1]) (.) (W[l]^T delta[l])`.
    ///
    /// (A data-parallel step runs `propagateDeltas` on each slice and then the
    /// layers' `weightGradient`/`biasGradient` over all slices, a block per thread.)
    public func backward(_ ws: Workspace) {
        propagateDeltas(ws)
        for l in 1...depth { layers[l - 1].gradients(delta: ws.delta[l], input: ws.A[l - 1]) }
    }

    /// The deltas of the backward pass, no gradients: `delta[L] = dC/dZ[L]`, then
    /// `delta[l-1] = f'(Z[l-1]) (.) (W[l]^T delta[l])` for `l = L...2`.
    public func propagateDeltas(_ ws: Workspace) {
        let L = depth
        cost.outputDelta(y: ws.Y, t: ws.T, output: output, into: ws.delta[L])
        for l in stride(from: L, through: 2, by: -1) {
            let below = ws.delta[l - 1]
            layers[l - 1].backprop(ws.delta[l], into: below)
            hidden.multiplyDerivative(z: ws.Z[l - 1].data, a: ws.A[l - 1].data, into: below.data, count: below.count)
        }
    }

    /// Sum of the per-sample costs of the batch in the workspace, after `forward`.
    public func costSum(_ ws: Workspace) -> Double {
        ws.T.cols > 0 ? cost.sum(z: ws.Z[depth], y: ws.Y, t: ws.T) : 0
    }

    /// Mean cost over `m` samples computed entirely in Double from the current
    /// weights: the reference that finite differences are taken on.
    public func referenceCost(
        x: [[Double]], t: [[Double]],
        override: (layer: Int, isWeight: Bool, index: Int, value: Double)? = nil
    ) -> Double {
        var total = 0.0
        for (xs, ts) in zip(x, t) {
            var a = xs
            for (li, layer) in layers.enumerated() {
                var z = [Double](repeating: 0, count: layer.outputs)
                for i in 0..<layer.outputs {
                    var s = Double(layer.b.data[i])
                    if let o = override, o.layer == li, !o.isWeight, o.index == i { s = o.value }
                    for k in 0..<layer.inputs {
                        var w = Double(layer.W.data[i + k * layer.outputs])
                        if let o = override, o.layer == li, o.isWeight, o.index == i + k * layer.outputs { w = o.value }
                        s += w * a[k]
                    }
                    z[i] = s
                }
                if li == layers.count - 1 {
                    total += cost.reference(z: z, t: ts, output: output)
                } else {
                    a = z.map { hidden.value($0) }
                }
            }
        }
        return total / Double(x.count)
    }
}
