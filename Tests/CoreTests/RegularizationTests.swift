import Testing

@testable import NNEngine
@testable import NNFiles
@testable import NNSession

/// L1 and L2 regularization: the penalty's gradient against finite differences of the
/// penalized cost, the penalty in the reported loss, and a weight-only, live setting.
@Suite struct RegularizationTests {
    static func network() -> (Network, LoadedData) {
        let data = Fixtures.classification(count: 6, classes: 2, seed: 5) { a, _ in a > 0 ? 1 : 0 }
        let net = Network(sizes: [data.featureCount, 5, 1], hidden: .tanh, output: .sigmoid, cost: .bce)
        var rng = RandomSource(seed: 9)
        net.initialize(.xavier, rng: &rng)
        return (net, data)
    }

    /// `∂(C + penalty)/∂w` from backprop plus `Regularization.addGradient` agrees with
    /// central differences of the cost and the penalty, for every weight of every layer.
    @Test(arguments: [Regularization(kind: .l1, rate: 0.03), Regularization(kind: .l2, rate: 0.3)])
    func theGradientMatchesFiniteDifferences(r: Regularization) {
        let (net, data) = Self.network()
        let ws = Workspace(sizes: net.sizes, capacity: 6)
        ws.setBatch(6)
        data.train.store.gather(Array(0..<6), into: ws.X, targets: ws.T)
        net.forward(ws)
        net.backward(ws)
        let x = (0..<6).map { j in (0..<ws.X.rows).map { Double(ws.X[$0, j]) } }
        let t = (0..<6).map { j in (0..<ws.T.rows).map { Double(ws.T[$0, j]) } }
        let h = 1e-4
        for (li, layer) in net.layers.enumerated() {
            let grad = Matrix(rows: layer.dW.rows, cols: layer.dW.cols)
            for i in 0..<grad.count { grad.data[i] = layer.dW.data[i] }
            r.addGradient(weights: layer.W.data, grad: grad.data, count: grad.count)
            for i in 0..<layer.W.count {
                let w = layer.W.data[i]
                func total(_ v: Double) -> Double {
                    layer.W.data[i] = Float(v)
                    defer { layer.W.data[i] = w }
                    return net.referenceCost(x: x, t: t, override: (li, true, i, v)) + r.penalty(net)
                }
                let numeric = (total(Double(w) + h) - total(Double(w) - h)) / (2 * h)
                #expect(
                    GradientCheck.relativeError(Double(grad.data[i]), numeric) < 5e-3,
                    "\(r.kind) layer \(li + 1) weight \(i): \(grad.data[i]) against \(numeric)")
            }
        }
    }

    /// The rate row's arrows climb Playground's ladder and stop at its ends: a rate
    /// set off the ladder (7) goes to the next rung (10, not 0.001), and 0 does not
    /// wrap around to 10.
    @Test func theRateRowIsALadder() throws {
        var p = try Preset.load("spiral-tanh")
        try p.apply(sets: ["training.regularization=l2", "training.regularization-rate=7"])
        let data = DataSummary(
            source: .spiral, trainCount: 10, validationCount: 0, testCount: nil, featureCount: 2,
            classNames: ["a", "b"],
            imageShape: nil, points: [])
        func step(_ p: Preset, _ k: Int) -> Float {
            Setting.regularizationRate.stepped(p, by: k, sizes: [2, 16, 3], data: data).training.regularization.rate
        }
        #expect(step(p, 1) == 10 && step(p, -1) == 3 && step(p, 5) == 10 && step(p, -2) == 1)
        p.training.regularization.rate = 0
        #expect(step(p, -1) == 0 && step(p, 1) == 0.001)
        p.training.regularization.rate = 10
        #expect(step(p, 1) == 10 && step(p, -1) == 3)
        #expect(ladder([1, 2, 3], 2, 0) == 2 && ladder([1, 2, 3], 2.5, -1) == 2 && ladder([1, 2, 3], 9, -1) == 3)
    }

    @Test func thePenaltyIsOnTheWeightsOnly() {
        let (net, _) = Self.network()
        let l1 = Regularization(kind: .l1, rate: 0.5), l2 = Regularization(kind: .l2, rate: 0.5)
        var abs = 0.0, squares = 0.0
        for layer in net.layers {
            for i in 0..<layer.W.count {
                abs += Double(Swift.abs(layer.W.data[i])); squares += Double(layer.W.data[i]) * Double(layer.W.data[i])
            }
        }
        #expect(Swift.abs(l1.penalty(net) - 0.5 * abs) < 1e-9 && Swift.abs(l2.penalty(net) - 0.25 * squares) < 1e-9)
        for layer in net.layers { for i in 0..<layer.b.count { layer.b.data[i] = 100 } }
        #expect(Swift.abs(l2.penalty(net) - 0.25 * squares) < 1e-9, "biases are not penalized")
        #expect(
            Regularization(kind: .l2, rate: 0).penalty(net) == 0
                && Regularization(kind: .none, rate: 3).penalty(net) == 0)
    }

    /// One plain gradient step by hand: `w ← w − η (∂C/∂w + λ w)` (L2); the bias has no penalty.
    @Test func anSGDStepIncludesThePenaltyOnWeightsOnly() {
        let w = Matrix(rows: 1, cols: 2, values: [1, -2]), g = Matrix(rows: 1, cols: 2, values: [0.5, 0.5])
        let b = Matrix(rows: 1, cols: 2, values: [1, -2]), gb = Matrix(rows: 1, cols: 2, values: [0.5, 0.5])
        var s = OptimizerSettings()
        s.kind = .sgd
        let rule = Optimizer(s, regularization: Regularization(kind: .l2, rate: 0.1))
        rule.step(Parameter(value: w, grad: g, isWeight: true), lr: 0.5, weightDecay: 0, t: 1)
        rule.step(Parameter(value: b, grad: gb, isWeight: false), lr: 0.5, weightDecay: 0, t: 1)
        #expect(abs(w.data[0] - (1 - 0.5 * (0.5 + 0.1))) < 1e-6 && abs(w.data[1] - (-2 - 0.5 * (0.5 - 0.2))) < 1e-6)
        #expect(b.data[0] == 0.75 && b.data[1] == -2.25)
        let l1 = Optimizer(s, regularization: Regularization(kind: .l1, rate: 0.1))
        let w1 = Matrix(rows: 1, cols: 3, values: [1, -2, 0]), g1 = Matrix(rows: 1, cols: 3, values: [0, 0, 0])
        l1.step(Parameter(value: w1, grad: g1, isWeight: true), lr: 1, weightDecay: 0, t: 1)
        #expect(w1.data[0] == 0.9 && w1.data[1] == -1.9 && w1.data[2] == 0)
    }

    /// The reported training loss is the penalized cost; the setting is a preset key.
    @Test func theLossIncludesThePenalty() throws {
        var p = try Preset.load("xor-sigmoid")
        try p.apply(sets: ["training.batch=full", "optimizer.name=sgd", "optimizer.lr=0"])
        let plain = try Experiment.trainer(p).trainEpoch()!.trainLoss
        try p.apply(sets: ["training.regularization=l2", "training.regularization-rate=0.1"])
        let t = try Experiment.trainer(p)
        let penalty = t.regularization.penalty(t.network)
        let regularized = t.trainEpoch()!.trainLoss
        #expect(penalty > 0 && abs(regularized - (plain + penalty)) < 1e-6, "\(regularized) vs \(plain) + \(penalty)")
        #expect(p.text("training.regularization") == "l2" && p.text("training.regularization-rate") == "0.1")
        #expect(throws: NNError.self) { try p.apply(sets: ["training.regularization=l3"]) }
    }
}
