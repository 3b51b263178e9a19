import CKernels
import Foundation
import Testing

@testable import NNEngine
@testable import NNFiles
@testable import NNSession

/// Many runs trained as one computation (`RunStack`) against the same runs trained one
/// by one, and the small products and tanh they are built on.
@Suite struct RunStackTests {
    static func spiral(epochs: Int) throws -> (Preset, LoadedData) {
        var p = try Preset.load("spiral-tanh")
        p.training.epochs = epochs
        return (p, try DataLoader.load(p.data, output: p.network.output))
    }

    /// `base` at each of `seeds`.
    static func seeds(_ seeds: ClosedRange<UInt64>, of base: Preset) -> [Preset] {
        seeds.map { seed in
            var p = base
            p.training.seed = seed
            return p
        }
    }

    /// `preset` trained alone on one thread to its end (or divergence).
    static func alone(_ preset: Preset, data: LoadedData) throws -> Trainer {
        let t = try Experiment.trainer(preset, data: data)
        t.threads = 1
        while !t.isFinished && t.divergence == nil { t.trainEpoch() }
        return t
    }

    /// Every epoch's losses of `stacked` within 1e-5 relative of `alone`'s (the issue's
    /// bound); they are in fact equal, as the same products run in the same order.
    static func expectSame(_ stacked: Trainer, _ alone: Trainer, _ label: String) {
        #expect(stacked.history.count == alone.history.count, "\(label)")
        for (a, b) in zip(stacked.history, alone.history) {
            for (x, y) in [(a.trainLoss, b.trainLoss), (a.validationLoss ?? 0, b.validationLoss ?? 0)] {
                #expect(abs(x - y) <= 1e-5 * abs(y), "\(label) epoch \(b.epoch): \(x) against \(y)")
            }
        }
        #expect(stacked.history.map(\.trainLoss) == alone.history.map(\.trainLoss), "\(label): not bit-identical")
        #expect(stacked.network.layers.map(\.W.values) == alone.network.layers.map(\.W.values), "\(label)")
    }

    /// The test: 8 seeds stacked against 8 separate runs, every epoch.
    @Test func eightSeedsStackedMatchEightSeparateRuns() throws {
        let (base, data) = try Self.spiral(epochs: 25)
        let presets = Self.seeds(1...8, of: base)
        let stacked = try presets.map { try Experiment.trainer($0, data: data) }
        let stack = try #require(RunStack(stacked))
        let start = Date()
        stack.trainToEnd()
        // each run is timed as its share of the stack's batches: together, the wall time
        let wall = Date().timeIntervalSince(start), total = stacked.map(\.seconds).reduce(0, +)
        #expect(stacked.allSatisfy { $0.seconds > 0 } && total <= wall, "\(total) s of \(wall) s")
        for (p, t) in zip(presets, stacked) {
            #expect(t.isFinished && t.history.count == 25)
            Self.expectSame(t, try Self.alone(p, data: data), "seed \(p.training.seed)")
        }
        // the seeds really differ: eight different starting points, eight different ends
        #expect(Set(stacked.map { $0.history.last!.trainLoss }).count == 8)
    }

    /// Runs differing in every numeric setting (optimizer, rate, momentum, betas, weight
    /// decay, regularization, schedule) share a stack and each keeps its own.
    @Test func numericSettingsStayEachRunsOwn() throws {
        let (base, data) = try Self.spiral(epochs: 8)
        var presets: [Preset] = []
        for (k, kind) in OptimizerKind.allCases.enumerated() {
            var p = base
            p.optimizer.kind = kind
            p.optimizer.lr = kind.suggestedLearningRate * (1 + Float(k) / 10)
            p.optimizer.momentum = 0.8 + Float(k) / 100
            p.optimizer.beta1 = 0.85
            p.training.weightDecay = k.isMultiple(of: 2) ? 1e-3 : 0
            p.training.regularization = Regularization(kind: k.isMultiple(of: 3) ? .l2 : .l1, rate: 1e-4)
            p.schedule.kind = k.isMultiple(of: 2) ? .step : .constant
            p.schedule.step = 3
            p.training.seed = UInt64(k + 1)
            presets.append(p)
        }
        let stacked = try presets.map { try Experiment.trainer($0, data: data) }
        try #require(RunStack(stacked)).trainToEnd()
        for (p, t) in zip(presets, stacked) {
            Self.expectSame(t, try Self.alone(p, data: data), p.optimizer.kind.rawValue)
        }
    }

    /// A run that diverges stops alone, back at its last sound weights; the others go on
    /// exactly as they would alone.
    @Test func aDivergingRunDoesNotDisturbTheOthers() throws {
        let (base, data) = try Self.spiral(epochs: 10)
        var wild = base
        wild.optimizer.kind = .sgd
        wild.optimizer.lr = 1e4
        var calm = base
        calm.training.seed = 2
        let runs = try [base, wild, calm].map { try Experiment.trainer($0, data: data) }
        try #require(RunStack(runs)).trainToEnd()
        let wildAlone = try Self.alone(wild, data: data)
        #expect(runs[1].divergence != nil && runs[1].divergence == wildAlone.divergence)
        #expect(runs[1].network.layers.map(\.W.values) == wildAlone.network.layers.map(\.W.values))
        Self.expectSame(runs[0], try Self.alone(base, data: data), "first")
        Self.expectSame(runs[2], try Self.alone(calm, data: data), "third")
    }

    /// Training part of a stack (a paused run, single steps of another) changes nothing
    /// in any run's own course.
    @Test func partOfAStackTrainsWhileTheRestWaits() throws {
        let (base, data) = try Self.spiral(epochs: 6)
        let presets = Self.seeds(1...3, of: base)
        let runs = try presets.map { try Experiment.trainer($0, data: data) }
        let stack = try #require(RunStack(runs))
        for _ in 0..<40 { stack.trainMiniBatch { $0 !== runs[1] } }  // the second run paused
        #expect(runs[1].step == 0 && runs[0].step == 40 && runs[2].step == 40)
        for _ in 0..<7 { stack.trainMiniBatch { $0 === runs[1] } }  // stepped alone
        #expect(runs[1].step == 7 && runs[0].step == 40)
        stack.trainToEnd()
        for (p, t) in zip(presets, runs) {
            Self.expectSame(t, try Self.alone(p, data: data), "seed \(p.training.seed)")
        }
    }

    /// Runs of other shapes or activations, or with large layers, never share a stack.
    @Test func onlyRunsOfOneSmallShapeStack() throws {
        let (base, data) = try Self.spiral(epochs: 1)
        var relu = base
        relu.network.activation = .relu
        var wide = base
        wide.network.layers = [nil, 100, 100, nil]
        let runs = try [base, relu, base, wide].map { try Experiment.trainer($0, data: data) }
        let (stacks, single) = RunStack.group(runs)
        #expect(stacks.map(\.trainers.count) == [2, 1] && stacks[0].trainers[1] === runs[2])
        #expect(single.count == 1 && single[0] === runs[3])
        #expect(RunStack([runs[0], runs[1]]) == nil && RunStack([]) == nil)
    }

    /// The small products against BLAS's on shapes that take every path (sixteen rows at a
    /// time, sixteen columns at a time, and the remainders), within 1e-5 relative.
    @Test(arguments: [(16, 2, 32), (16, 16, 32), (3, 16, 32), (17, 5, 33), (1, 100, 7), (64, 64, 1), (5, 3, 40)])
    func smallProductsMatchBLAS(shape: (Int, Int, Int)) {
        let (outputs, inputs, m) = shape
        var rng = RandomSource(seed: UInt64(outputs * 1000 + inputs))
        func random(_ r: Int, _ c: Int) -> Matrix {
            Matrix(rows: r, cols: c, values: (0..<(r * c)).map { _ in Float(rng.uniform() * 2 - 1) })
        }
        let W = random(outputs, inputs), b = random(outputs, 1), A = random(inputs, m), E = random(outputs, m)
        func expectClose(_ x: Matrix, _ y: Matrix, _ what: String) {
            let scale = max(y.values.map { abs($0) }.max() ?? 1, 1)
            let worst = zip(x.values, y.values).map { abs($0 - $1) }.max() ?? 0
            #expect(worst <= 1e-5 * scale, "\(what) \(shape): \(worst)")
        }
        let z = Matrix(rows: outputs, cols: m), reference = Matrix(rows: outputs, cols: m)
        SmallProducts.affine(W, b, A, into: z)
        for j in 0..<m { reference.column(j).update(from: b.data, count: outputs) }
        GEMM.multiply(W, A, into: reference, beta: 1)
        expectClose(z, reference, "affine")
        let d = Matrix(rows: inputs, cols: m), dRef = Matrix(rows: inputs, cols: m)
        SmallProducts.backprop(W, E, into: d)
        GEMM.multiply(W, transposeA: true, E, into: dRef)
        expectClose(d, dRef, "backprop")
        let g = Matrix(rows: outputs, cols: inputs), gRef = Matrix(rows: outputs, cols: inputs)
        SmallProducts.outer(E, A, columns: 0..<inputs, into: g)
        GEMM.multiplyTransposed(E, A, columns: 0..<inputs, into: gRef, alpha: 1 / Float(m))
        expectClose(g, gRef, "outer")
        // a block of columns alone (a thread's part) is the same block of the whole
        let part = Matrix(rows: outputs, cols: inputs)
        let block = (inputs / 3)..<inputs
        SmallProducts.outer(E, A, columns: block, into: part)
        #expect(Array(part.values[(block.lowerBound * outputs)...]) == Array(g.values[(block.lowerBound * outputs)...]))
    }

    /// `nn_tanh` within 2 units in the last place of the true tanh from -20 to 20; NaN
    /// stays NaN, the infinities give ±1.
    @Test func tanhIsAccurate() {
        let n = 400_001
        let z = (0..<n).map { Float(-20 + 40 * Double($0) / Double(n - 1)) }
        var a = [Float](repeating: 0, count: n)
        nn_tanh(z, &a, n)
        var worst = 0.0
        for (x, y) in zip(z, a) {
            let truth = Foundation.tanh(Double(x))
            let ulp = Double(Float(abs(truth)).ulp)
            worst = max(worst, abs(Double(y) - truth) / ulp)
        }
        #expect(worst <= 2, "largest error \(worst) ulp")
        let inputs: [Float] = [.nan, .infinity, -.infinity, 0]
        var special = [Float](repeating: 9, count: 4)
        nn_tanh(inputs, &special, 4)
        #expect(special[0].isNaN && special[1] == 1 && special[2] == -1 && special[3] == 0)
    }
}
