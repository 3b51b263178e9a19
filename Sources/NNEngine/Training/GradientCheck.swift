/// Backprop against central finite differences, for every layer's `W` and `b`.
///
/// The analytic gradient comes from the Float32 engine; the numerical one is
/// `(C(theta + h) - C(theta - h)) / 2h` with the cost evaluated entirely in Double
/// (`Network.referenceCost`) at `h = 1e-5`, so its own error is ~1e-10 and the
/// comparison measures the engine: a correct derivation agrees to Float32 rounding
/// (relative error ~1e-5), a wrong one is off by O(1).
public enum GradientCheck {
    /// The largest relative error a correct Float32 backprop shows (see above).
    public static let tolerance = 2e-3

    public struct LayerResult: Sendable {
        public var layer: Int
        public var worstWeightError: Double
        public var worstBiasError: Double
        public var checked: Int
    }

    /// Relative error `|a - n| / max(|a|, |n|, floor)`; the floor keeps gradients that
    /// are zero up to rounding from dividing by nothing.
    public static func relativeError(_ a: Double, _ n: Double, floor: Double = 1e-4) -> Double {
        abs(a - n) / max(abs(a), abs(n), floor)
    }

    /// Checks up to `perLayer` entries of each `W[l]` and `b[l]` (all when smaller) on
    /// the batch `indices` of `data`.
    public static func run(
        network: Network, data: Dataset, indices: [Int], perLayer: Int = 40,
        seed: UInt64 = 7
    ) -> [LayerResult] {
        let ws = Workspace(sizes: network.sizes, capacity: indices.count)
        ws.setBatch(indices.count)
        data.store.gather(indices, into: ws.X, targets: ws.T)
        network.forward(ws)
        network.backward(ws)
        let x = (0..<indices.count).map { j in (0..<ws.X.rows).map { Double(ws.X[$0, j]) } }
        let t = (0..<indices.count).map { j in (0..<ws.T.rows).map { Double(ws.T[$0, j]) } }
        var rng = RandomSource(seed: seed)
        let h = 1e-5
        return network.layers.enumerated().map { (li, layer) in
            func check(_ value: Matrix, _ grad: Matrix, isWeight: Bool) -> (Double, Int) {
                var picks = Array(0..<value.count)
                if picks.count > perLayer { rng.shuffle(&picks); picks = Array(picks.prefix(perLayer)) }
                var worst = 0.0
                for i in picks {
                    let v = Double(value.data[i])
                    let plus = network.referenceCost(x: x, t: t, override: (li, isWeight, i, v + h))
                    let minus = network.referenceCost(x: x, t: t, override: (li, isWeight, i, v - h))
                    worst = max(worst, relativeError(Double(grad.data[i]), (plus - minus) / (2 * h)))
                }
                return (worst, picks.count)
            }
            let (we, wn) = check(layer.W, layer.dW, isWeight: true)
            let (be, bn) = check(layer.b, layer.db, isWeight: false)
            return LayerResult(layer: li + 1, worstWeightError: we, worstBiasError: be, checked: wn + bn)
        }
    }
}
