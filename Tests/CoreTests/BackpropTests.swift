import Testing

@testable import NNEngine
@testable import NNFiles
@testable import NNSession

@Suite struct BackpropTests {
    static let hidden: [Activation] = [.sigmoid, .tanh, .relu, .leakyRelu(slope: 0.01), .softplus, .swish, .identity]

    /// Every output with every cost that may follow it: the three matched pairs and
    /// squared error behind a sigmoid.
    static let heads: [(OutputLayer, Cost)] = [
        (.identity, .mse), (.sigmoid, .bce), (.sigmoid, .mse), (.softmax, .crossEntropy),
    ]

    /// Every hidden activation x every output/cost, on a 3/5/4/k network (two hidden
    /// layers) and a batch of 6: backprop agrees with central differences of a cost
    /// computed in Double. Float32 rounding gives relative errors ~1e-5; a wrong
    /// derivative (a missing factor, a transposed product) gives O(1), so
    /// `GradientCheck.tolerance` (2e-3) separates them.
    @Test(arguments: hidden, heads)
    func gradientsMatchFiniteDifferences(activation: Activation, head: (OutputLayer, Cost)) {
        let (output, cost) = head
        let data: LoadedData
        let k: Int
        switch output {
        case .identity: data = Fixtures.regression(count: 6, inputs: 3, outputs: 2, seed: 3); k = 2
        case .sigmoid: data = Fixtures.classification(count: 6, classes: 2, seed: 3) { a, _ in a > 0 ? 1 : 0 }; k = 1
        case .softmax:
            data = Fixtures.classification(count: 6, classes: 4, seed: 3) { a, b in (a > 0 ? 1 : 0) + (b > 0 ? 2 : 0) };
            k = 4
        }
        let inputs = data.featureCount
        let net = Network(sizes: [inputs, 5, 4, k], hidden: activation, output: output, cost: cost)
        var rng = RandomSource(seed: 11)
        net.initialize(.xavier, rng: &rng)
        // push biases off zero so relu kinks are not sampled exactly
        for layer in net.layers { for i in 0..<layer.b.count { layer.b.data[i] = Float(rng.uniform(-0.3, 0.3)) } }
        #expect(GradientCheck.tolerance <= 2e-3)
        let results = GradientCheck.run(network: net, data: data.train, indices: Array(0..<6), perLayer: 1000)
        #expect(results.count == 3)
        for r in results {
            #expect(
                r.worstWeightError < GradientCheck.tolerance,
                "layer \(r.layer) W: \(r.worstWeightError) for \(activation)/\(output)/\(cost)")
            #expect(
                r.worstBiasError < GradientCheck.tolerance,
                "layer \(r.layer) b: \(r.worstBiasError) for \(activation)/\(output)/\(cost)")
        }
    }

    /// Squared error behind a sigmoid: `delta[L] = (y - t) y (1 - y)`, not `y - t`.
    @Test func squaredErrorBehindASigmoidBreaksThePattern() {
        let y = Matrix(rows: 1, cols: 3, values: [0.9, 0.5, 0.2]), t = Matrix(rows: 1, cols: 3, values: [0, 1, 0])
        let delta = Matrix(rows: 1, cols: 3)
        Cost.mse.outputDelta(y: y, t: t, output: .sigmoid, into: delta)
        let want: [Float] = [0.9 * 0.9 * 0.1, -0.5 * 0.5 * 0.5, 0.2 * 0.2 * 0.8]
        for i in 0..<3 { #expect(abs(delta.data[i] - want[i]) < 1e-6) }
        Cost.bce.outputDelta(y: y, t: t, output: .sigmoid, into: delta)
        #expect(delta.values == [0.9, -0.5, 0.2])
        Cost.mse.outputDelta(y: y, t: t, output: .identity, into: delta)
        #expect(delta.values == [0.9, -0.5, 0.2])
    }

    /// `W = 0` (the lecture's observation): every unit of a hidden layer computes the
    /// same and gets the same gradient, so the units stay identical (spread 0, up to rounding), and
    /// with tanh (f(0) = 0) only the output bias moves at first.
    @Test func zeroWeightsKeepTheUnitsOfALayerIdentical() {
        let data = Fixtures.classification(count: 64, classes: 3, seed: 2) { a, b in a > 0 ? (b > 0 ? 2 : 1) : 0 }
        for hidden in [Activation.tanh, .sigmoid] {
            let t = Fixtures.trainer(
                data, sizes: [2, 6, 5, 3], hidden: hidden, output: .softmax, lr: 0.5, batch: .size(16), epochs: 20)
            for layer in t.network.layers { layer.W.fill(0) }
            t.trainMiniBatch()
            if hidden == .tanh {
                for (l, layer) in t.network.layers.enumerated() {
                    #expect(layer.W.values.allSatisfy { $0 == 0 }, "W[\(l + 1)] moved")
                    #expect(layer.b.values.allSatisfy { $0 == 0 } == (l < 2), "only the output bias moves")
                }
            }
            while !t.isFinished { t.trainEpoch() }
            // identical up to rounding: the algebra keeps the units equal, but a BLAS kernel
            // may round a GEMM's rows differently (seen: 3e-9 under AVX-512), so the spread
            // is compared with the units' size, not with 0
            for s in ViewComputations.layerUnits(t).dropLast() {
                #expect(s.identical, "\(hidden): hidden units differ: spread \(s.spread) of size \(s.size)")
            }
        }
        // from xavier the units differ
        let x = Fixtures.trainer(data, sizes: [2, 6, 5, 3], hidden: .tanh, output: .softmax, lr: 0.5, epochs: 1)
        x.trainEpoch()
        let start = ViewComputations.layerUnits(x)[0]
        #expect(start.spread > 0.1 && !start.identical)
    }

    /// The check itself can fail: a deliberately wrong gradient is caught.
    @Test func gradientCheckDetectsAWrongGradient() {
        let data = Fixtures.classification(count: 4, classes: 3, seed: 5) { a, _ in a > 0.3 ? 2 : (a > -0.3 ? 1 : 0) }
        let net = Network(sizes: [2, 4, 3], hidden: .tanh, output: .softmax)
        var rng = RandomSource(seed: 1)
        net.initialize(.xavier, rng: &rng)
        let ws = Workspace(sizes: net.sizes, capacity: 4)
        ws.setBatch(4)
        data.store.gather(0..<4, into: ws.X, targets: ws.T)
        net.forward(ws)
        net.backward(ws)
        let analytic = Double(net.layers[0].dW.data[0])
        let x = (0..<4).map { j in (0..<2).map { Double(ws.X[$0, j]) } }
        let t = (0..<4).map { j in (0..<3).map { Double(ws.T[$0, j]) } }
        let w = Double(net.layers[0].W.data[0]), h = 1e-5
        let numeric =
            (net.referenceCost(x: x, t: t, override: (0, true, 0, w + h))
                - net.referenceCost(x: x, t: t, override: (0, true, 0, w - h))) / (2 * h)
        #expect(GradientCheck.relativeError(analytic, numeric) < 1e-3)
        #expect(GradientCheck.relativeError(analytic * 2, numeric) > 0.3)
    }

    @Test func parameterCount() {
        let count = Network(sizes: [784, 100, 10], hidden: .relu, output: .softmax).parameterCount
        #expect(count.biases == 110)
        #expect(count.weights == 79_400)
        #expect(count.total == 79_510)
    }

    @Test func forwardMatchesTheLectureEquations() {
        // z = b + W a by hand for a 2/2/1 identity network
        let net = Network(sizes: [2, 2, 1], hidden: .identity, output: .identity)
        net.layers[0].W.copy(from: Matrix(rows: 2, cols: 2, values: [1, 3, 2, 4]))  // [[1,2],[3,4]]
        net.layers[0].b.copy(from: Matrix(rows: 2, cols: 1, values: [0.5, -1]))
        net.layers[1].W.copy(from: Matrix(rows: 1, cols: 2, values: [1, -1]))
        let ws = Workspace(sizes: net.sizes, capacity: 1)
        ws.setBatch(1)
        ws.X.copy(from: Matrix(rows: 2, cols: 1, values: [1, 1]))
        net.forward(ws)
        #expect(ws.Z[1].values == [3.5, 6])
        #expect(ws.Y.values == [-2.5])
    }

    @Test func initialWeightsAreNeverZeroAndBiasesAre() {
        for scheme in Initializer.allCases where scheme != .zeros {
            let net = Network(sizes: [10, 20, 5], hidden: .relu, output: .softmax)
            var rng = RandomSource(seed: 2)
            net.initialize(scheme, rng: &rng)
            for layer in net.layers {
                #expect(layer.W.values.filter { $0 == 0 }.count == 0, "\(scheme)")
                #expect(layer.b.values.allSatisfy { $0 == 0 })
            }
        }
        // except `zeros`, which exists to show why not
        let zero = Network(sizes: [10, 20, 5], hidden: .relu, output: .softmax)
        var r = RandomSource(seed: 2)
        zero.initialize(.zeros, rng: &r)
        #expect(zero.layers.allSatisfy { $0.W.values.allSatisfy { $0 == 0 } })
        // xavier normal: sd = sqrt(2 / (n_in + n_out)) within sampling error
        let w = Matrix(rows: 200, cols: 300)
        var rng = RandomSource(seed: 3)
        Initializer.xavier.fill(w, activation: .tanh, rng: &rng)
        let sd = (w.values.reduce(0.0) { $0 + Double($1 * $1) } / Double(w.count)).squareRoot()
        #expect(abs(sd - (2.0 / 500).squareRoot()) < 0.002)
    }

    @Test func stableCostsNeverTakeLogOfZero() {
        let z = Matrix(rows: 3, cols: 1, values: [1000, -1000, 0])
        let y = Matrix(rows: 3, cols: 1)
        OutputLayer.softmax.apply(z, into: y)
        #expect(y.values == [1, 0, 0])
        let t = Matrix(rows: 3, cols: 1, values: [0, 1, 0])
        let c = Cost.crossEntropy.sum(z: z, y: y, t: t)
        #expect(c.isFinite && abs(c - 2000) < 1e-6)
        let zs = Matrix(rows: 1, cols: 1, values: [-500])
        let ys = Matrix(rows: 1, cols: 1)
        OutputLayer.sigmoid.apply(zs, into: ys)
        let cs = Cost.bce.sum(z: zs, y: ys, t: Matrix(rows: 1, cols: 1, values: [1]))
        #expect(cs.isFinite && abs(cs - 500) < 1e-6)
    }
}
