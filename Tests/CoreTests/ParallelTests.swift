import Foundation
import Testing

@testable import NNEngine
@testable import NNFiles
@testable import NNSession

/// Both cores: data-parallel mini-batches and comparisons trained at once.
@Suite struct ParallelTests {
    static func data() -> LoadedData {
        Fixtures.classification(count: 1_000, classes: 3, seed: 7) { a, b in a * a + b > 0.3 ? 0 : (a > 0 ? 1 : 2) }
    }

    /// A batch split across two threads gives the one-thread step up to summation
    /// order: within 1e-5 relative after 10 steps (adam; 2/32/32/3 relu; batch 200).
    @Test(.enabled(if: Trainer.allowedCPUs >= 2, "needs two CPUs in the process's affinity mask"))
    func splitBatchesMatchOneThread() throws {
        let d = Self.data()
        let one = Fixtures.trainer(
            d, sizes: [2, 32, 32, 3], hidden: .relu, output: .softmax, optimizer: .adam, lr: 0.01, batch: .size(200))
        let two = Fixtures.trainer(
            d, sizes: [2, 32, 32, 3], hidden: .relu, output: .softmax, optimizer: .adam, lr: 0.01, batch: .size(200))
        two.threads = 2
        #expect(one.sliceCount(200) == 1 && two.sliceCount(200) == 2 && two.sliceCount(12) == 1)
        for _ in 0..<10 { one.trainMiniBatch(); two.trainMiniBatch() }
        for (a, b) in zip(one.network.layers, two.network.layers) {
            let scale = a.W.values.map { abs($0) }.max() ?? 1
            let worst = zip(a.W.values + a.b.values, b.W.values + b.b.values).map { abs($0 - $1) }.max() ?? 0
            #expect(worst <= 1e-5 * scale, "largest difference \(worst) of \(scale)")
        }
        #expect(abs(one.recentBatchLosses.last! - two.recentBatchLosses.last!) <= 1e-5 * one.recentBatchLosses.last!)
        // a whole epoch: the same record, accuracy counted over both slices
        let r1 = try #require(one.trainEpoch()), r2 = try #require(two.trainEpoch())
        #expect(
            abs(r1.trainLoss - r2.trainLoss) <= 1e-4 * r1.trainLoss
                && abs((r1.trainAccuracy ?? 0) - (r2.trainAccuracy ?? 0)) <= 0.002)
    }

    /// Runs trained at once on a pool are bit-identical to each trained alone.
    @Test func parallelRunsAreBitIdentical() throws {
        var base = try Preset.load("spiral-tanh")
        base.training.epochs = 15
        let data = try DataLoader.load(base.data, output: base.network.output)
        let specs = try Comparison.specs(base: base, variation: .optimizers([.sgd, .momentum, .adam]))
        let together = try Comparison.trainers(specs, base: base, data: data)
        Comparison.trainInParallel(together, threads: 2, interrupt: Interrupt())
        for (spec, t) in zip(specs, together) {
            let alone = try Experiment.trainer(spec.preset, data: data)
            alone.threads = 1
            while !alone.isFinished { alone.trainEpoch() }
            #expect(t.history.map(\.trainLoss) == alone.history.map(\.trainLoss), "\(spec.label)")
            #expect(t.network.layers.map(\.W.values) == alone.network.layers.map(\.W.values))
        }
    }

    /// The dashboard's comparison trains two runs at once at full speed: no run ever
    /// gets an epoch ahead of another, and each ends as it would alone.
    @Test func sessionComparisonIsFairAndExact() throws {
        var p = try Preset.load("spiral-tanh")
        p.training.epochs = 12
        let data = try DataLoader.load(p.data, output: p.network.output)
        let e = try SessionEngine(preset: p, data: data, paused: true, outputFolder: ".")
        _ = e.advance(applying: [.compare(.optimizers([.sgd, .momentum, .adam])), .changeSpeed(by: -10), .togglePause])
        var spread = 0.0
        for _ in 0..<10_000 {
            _ = e.advance(applying: [])
            let runs = e.snapshot().runs
            let progress = runs.map { Double($0.epoch) + Double($0.batchInEpoch) / Double(max($0.batchesInEpoch, 1)) }
            spread = max(spread, (progress.max() ?? 0) - (progress.min() ?? 0))
            if runs.allSatisfy({ $0.state == .finished }) { break }
        }
        let runs = e.snapshot().runs
        #expect(runs.count == 3 && runs.allSatisfy { $0.state == .finished })
        #expect(spread <= 1, "a run got \(spread) epochs ahead")
        if Trainer.allowedCPUs >= 2 { #expect(runs.allSatisfy { $0.threads == 2 }) }
        for run in runs {
            let alone = try Experiment.trainer(run.preset, data: data)
            alone.threads = 1
            while !alone.isFinished { alone.trainEpoch() }
            #expect(run.history.map(\.trainLoss) == alone.history.map(\.trainLoss), "\(run.label)")
        }
    }

    @Test func threadsKey() throws {
        var p = Preset()
        #expect(p.training.threads == nil && p.text("training.threads") == "auto")
        try p.apply(sets: ["training.threads=1"])
        #expect(p.training.resolvedThreads == 1)
        #expect(throws: NNError.self) { try p.apply(sets: ["training.threads=0"]) }
        try p.apply(sets: ["training.threads=auto"])
        #expect(p.training.resolvedThreads == Trainer.allowedCPUs)
    }
}
