import Testing

@testable import NNEngine
@testable import NNFiles
@testable import NNSession

/// Three steps on theta = [1, -2] with gradients [0.5, -1], [-0.25, 2], [1, 0.5] and
/// lr 0.1, against values worked out from torch.optim's documented rules, e.g.
/// momentum: b1 = g1 = 0.5, theta = 1 - 0.05 = 0.95; b2 = 0.9*0.5 - 0.25 = 0.2,
/// theta = 0.95 - 0.02 = 0.93; b3 = 0.18 + 1 = 1.18, theta = 0.93 - 0.118 = 0.812.
@Suite struct OptimizerTests {
    static let gradients: [[Float]] = [[0.5, -1], [-0.25, 2], [1, 0.5]]

    static func run(_ kind: OptimizerKind, weightDecay: Float = 0, isWeight: Bool = true) -> [[Float]] {
        let p = Parameter(
            value: Matrix(rows: 2, cols: 1, values: [1, -2]), grad: Matrix(rows: 2, cols: 1), isWeight: isWeight)
        var s = OptimizerSettings()
        s.kind = kind
        s.lr = 0.1
        let rule = Optimizer(s)
        return gradients.enumerated().map { (t, g) in
            p.grad.copy(from: Matrix(rows: 2, cols: 1, values: g))
            rule.step(p, lr: 0.1, weightDecay: weightDecay, t: t + 1)
            return p.value.values
        }
    }

    static let expected: [(OptimizerKind, [[Float]])] = [
        (.sgd, [[0.95, -1.9], [0.975, -2.1], [0.875, -2.15]]),
        (.momentum, [[0.95, -1.9], [0.93, -2.01], [0.812, -2.159]]),
        (.nesterov, [[0.905, -1.81], [0.912, -2.109], [0.7058, -2.2931]]),
        (.adagrad, [[0.9, -1.9], [0.944721, -1.989443], [0.857434, -2.011265]]),
        (.rmsprop, [[0.0, -1.0], [0.449013, -1.895323], [-0.425726, -2.114797]]),
        (.adam, [[0.9, -1.9], [0.873366, -1.93661], [0.807555, -1.978175]]),
        (.adamw, [[0.9, -1.9], [0.873366, -1.93661], [0.807555, -1.978175]]),
    ]

    static func close(_ a: [[Float]], _ b: [[Float]]) -> Bool {
        zip(a, b).allSatisfy { zip($0, $1).allSatisfy { abs($0 - $1) < 2e-5 } }
    }

    @Test(arguments: expected.map(\.0))
    func threeStepsMatchHandComputedValues(kind: OptimizerKind) {
        let want = Self.expected.first { $0.0 == kind }!.1
        let got = Self.run(kind)
        #expect(Self.close(got, want), "\(kind): \(got) vs \(want)")
    }

    @Test func weightDecayIsCoupledForSGDAndAdamDecoupledForAdamW() {
        // sgd: g = g + 0.1 theta -> theta1 = 1 - 0.1 (0.5 + 0.1) = 0.94
        #expect(
            Self.close(Self.run(.sgd, weightDecay: 0.1), [[0.94, -1.88], [0.9556, -2.0612], [0.846044, -2.090588]]))
        #expect(
            Self.close(
                Self.run(.adam, weightDecay: 0.1), [[0.9, -1.9], [0.854441, -1.925018], [0.781504, -1.953127]]))
        // adamw: theta *= 1 - lr lambda first -> 0.99, then the adam step -0.1 -> 0.89
        #expect(
            Self.close(
                Self.run(.adamw, weightDecay: 0.1), [[0.89, -1.88], [0.854466, -1.89781], [0.78011, -1.920397]]))
        // never on biases
        for kind in [OptimizerKind.sgd, .adam, .adamw] {
            #expect(Self.close(Self.run(kind, weightDecay: 0.1, isWeight: false), Self.run(kind)))
        }
    }

    @Test func defaultsFollowPyTorch() {
        #expect(OptimizerKind.adagrad.defaultEpsilon == 1e-10)
        #expect(OptimizerKind.rmsprop.defaultEpsilon == 1e-8)
        let s = OptimizerSettings()
        #expect(s.beta1 == 0.9 && s.beta2 == 0.999 && s.alpha == 0.99)
    }

    @Test func switchingOptimizerResetsStateButKeepsWeights() {
        let data = Fixtures.classification(count: 64, classes: 2, seed: 1) { a, _ in a > 0 ? 1 : 0 }
        let t = Fixtures.trainer(data, sizes: [2, 4, 1], hidden: .tanh, output: .sigmoid, optimizer: .adam, lr: 0.01)
        t.trainEpoch()
        #expect(t.parameters.allSatisfy { $0.hasState })
        let w = t.network.layers[0].W.values
        t.optimizer.kind = .momentum
        #expect(t.parameters.allSatisfy { !$0.hasState })
        #expect(t.network.layers[0].W.values == w)
        t.optimizer.lr = 0.05
        t.batch = .size(5)
        t.weightDecay = 0.001
        t.trainMiniBatch()
        #expect(t.network.layers[0].W.values != w)
        t.trainEpoch()
        #expect(t.divergence == nil)
        #expect(t.samplesTrained == 2 * 64)  // two whole epochs, the second cut differently after the switch
    }

    @Test func plannedCurveFollowsScheduleRateAndEpochs() throws {
        let data = Fixtures.classification(count: 16, classes: 2, seed: 1) { a, _ in a > 0 ? 1 : 0 }
        let t = Fixtures.trainer(data, sizes: [2, 3, 1], hidden: .tanh, output: .sigmoid, lr: 0.1, epochs: 50)
        #expect(t.plannedLearningRates.rates == Array(repeating: 0.1, count: 50))
        t.schedule.kind = .cosine
        #expect(t.plannedLearningRates.rates == (0..<50).map { t.schedule.rate(epoch: $0, base: 0.1, epochs: 50) })
        t.optimizer.lr = 0.2
        t.epochs = 20
        #expect(t.plannedLearningRates.rates == (0..<20).map { t.schedule.rate(epoch: $0, base: 0.2, epochs: 20) })
    }

    /// On the same problem, seed and small learning rate, adam and momentum end with
    /// a lower training loss than plain sgd.
    @Test func adamAndMomentumBeatPlainSGDAtASmallLearningRate() {
        let data = Fixtures.classification(count: 200, classes: 3, seed: 7) { a, b in
            a + b > 0.5 ? 2 : (a - b > 0 ? 1 : 0)
        }
        func loss(_ kind: OptimizerKind) -> Double {
            let t = Fixtures.trainer(
                data, sizes: [2, 16, 3], hidden: .tanh, output: .softmax, optimizer: kind, lr: 0.005)
            for _ in 0..<30 { t.trainEpoch() }
            return t.evaluate(data.train).loss
        }
        let sgd = loss(.sgd)
        #expect(loss(.adam) < sgd)
        #expect(loss(.momentum) < sgd)
    }

    @Test func fullBatchTrajectoryIgnoresTheBatchSeed() {
        let data = Fixtures.classification(count: 50, classes: 2, seed: 3) { a, b in a * b > 0 ? 1 : 0 }
        let a = Fixtures.trainer(
            data, sizes: [2, 6, 1], hidden: .tanh, output: .sigmoid, optimizer: .adam, lr: 0.01, batch: .full, seed: 1)
        let b = Fixtures.trainer(
            data, sizes: [2, 6, 1], hidden: .tanh, output: .sigmoid, optimizer: .adam, lr: 0.01, batch: .full, seed: 1)
        // same initial weights (seed 1), different mini-batch generators
        let c = Trainer(
            network: b.network, data: data, optimizer: b.optimizer, schedule: Schedule(), batch: .full,
            weightDecay: 0, epochs: 100, seed: 999)
        for _ in 0..<20 { a.trainEpoch(); c.trainEpoch() }
        for (x, y) in zip(a.network.layers, c.network.layers) {
            #expect(x.W.values == y.W.values)
            #expect(x.b.values == y.b.values)
        }
        #expect(a.history.map(\.trainLoss) == c.history.map(\.trainLoss))
    }
}

@Suite struct ScheduleTests {
    func make(_ kind: ScheduleKind, _ edit: (inout Schedule) -> Void = { _ in }) -> Schedule {
        var s = Schedule()
        s.kind = kind
        edit(&s)
        return s
    }
    func close(_ a: Float, _ b: Double) -> Bool { abs(Double(a) - b) < 1e-6 * max(1, abs(b)) }

    @Test func formulasAtChosenEpochs() {
        let step = make(.step) {
            $0.step = 10; $0.gamma = 0.5
        }
        #expect(close(step.rate(epoch: 0, base: 0.1, epochs: 100), 0.1))
        #expect(close(step.rate(epoch: 9, base: 0.1, epochs: 100), 0.1))
        #expect(close(step.rate(epoch: 10, base: 0.1, epochs: 100), 0.05))
        #expect(close(step.rate(epoch: 25, base: 0.1, epochs: 100), 0.025))
        let exp = make(.exponential) { $0.gamma = 0.9 }
        #expect(close(exp.rate(epoch: 2, base: 0.1, epochs: 100), 0.081))
        let inv = make(.inverseTime) { $0.decay = 0.5 }
        #expect(close(inv.rate(epoch: 2, base: 0.1, epochs: 100), 0.05))
        let cos = make(.cosine) { $0.minLR = 0.001 }
        #expect(close(cos.rate(epoch: 0, base: 0.1, epochs: 100), 0.1))
        #expect(close(cos.rate(epoch: 50, base: 0.1, epochs: 100), 0.0505))
        #expect(close(cos.rate(epoch: 25, base: 0.1, epochs: 100), 0.001 + 0.099 * (1 + 0.5.squareRoot()) / 2))
        #expect(close(cos.rate(epoch: 100, base: 0.1, epochs: 100), 0.001))
        #expect(close(make(.constant).rate(epoch: 77, base: 0.1, epochs: 100), 0.1))
    }

    @Test func oneCycleRisesThenAnneals() {
        let s = make(.oneCycle)
        // 10 epochs: up over epochs 0...2 from lr/25 to lr, then down to lr/25/1e4 at epoch 9
        #expect(close(s.rate(epoch: 0, base: 0.1, epochs: 10), 0.004))
        #expect(close(s.rate(epoch: 2, base: 0.1, epochs: 10), 0.1))
        #expect(close(s.rate(epoch: 9, base: 0.1, epochs: 10), 4e-7))
        let c = (0..<10).map { s.rate(epoch: $0, base: 0.1, epochs: 10) }
        #expect(c[1] > c[0] && c[3] < c[2] && c[8] > c[9])
    }

    @Test func warmupRampsLinearly() {
        let s = make(.constant) { $0.warmup = 4 }
        #expect(close(s.rate(epoch: 0, base: 0.1, epochs: 100), 0.025))
        #expect(close(s.rate(epoch: 1, base: 0.1, epochs: 100), 0.05))
        #expect(close(s.rate(epoch: 3, base: 0.1, epochs: 100), 0.1))
        #expect(close(s.rate(epoch: 4, base: 0.1, epochs: 100), 0.1))
        let st = make(.step) {
            $0.warmup = 2; $0.step = 1; $0.gamma = 0.5
        }
        #expect(close(st.rate(epoch: 1, base: 0.1, epochs: 100), 0.05 * 1.0))
        #expect(close(st.rate(epoch: 0, base: 0.1, epochs: 100), 0.1 * 0.5))
    }

    @Test func plateauReducesAfterPatience() {
        let s = make(.plateau) {
            $0.patience = 2; $0.factor = 0.5
        }
        var m = PlateauMonitor()
        for loss in [1.0, 0.9, 0.9, 0.9] { m.record(loss, schedule: s) }
        #expect(m.multiplier == 1)
        m.record(0.95, schedule: s)
        #expect(m.multiplier == 0.5)
        m.record(0.5, schedule: s)
        #expect(m.multiplier == 0.5)
    }
}
