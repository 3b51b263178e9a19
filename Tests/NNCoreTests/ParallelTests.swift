import Foundation
import Testing
@testable import NNCore

/// Both cores: data-parallel mini-batches and comparisons trained at once (issue 18).
@Suite struct ParallelTests {
    static func data() -> LoadedData {
        Fixtures.classification(count: 1_000, classes: 3, seed: 7) { a, b in a * a + b > 0.3 ? 0 : (a > 0 ? 1 : 2) }
    }

    /// A batch split across two threads gives the one-thread step up to summation
    /// order: within 1e-5 relative after 10 steps (adam; 2/32/32/3 relu; batch 200).
    @Test func splitBatchesMatchOneThread() throws {
        guard Trainer.allowedCPUs >= 2 else { return }
        let d = Self.data()
        let one = Fixtures.trainer(d, sizes: [2, 32, 32, 3], hidden: .relu, output: .softmax, optimizer: .adam, lr: 0.01, batch: .size(200))
        let two = Fixtures.trainer(d, sizes: [2, 32, 32, 3], hidden: .relu, output: .softmax, optimizer: .adam, lr: 0.01, batch: .size(200))
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
        #expect(abs(r1.trainLoss - r2.trainLoss) <= 1e-4 * r1.trainLoss && abs((r1.trainAccuracy ?? 0) - (r2.trainAccuracy ?? 0)) <= 0.002)
    }

    /// Runs trained at once on a pool are bit-identical to each trained alone.
    @Test func parallelRunsAreBitIdentical() throws {
        var base = try Preset.load("spiral-tanh")
        base.training.epochs = 15
        let data = try DataLoader.load(base.data, output: base.network.output)
        let specs = try Comparison.specs(base: base, optimizers: ["sgd", "momentum", "adam"])
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
        _ = e.advance(applying: [.compare(key: "optimizer.name", values: ["sgd", "momentum", "adam"]), .changeSpeed(by: -10), .togglePause])
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

/// The learning-rate range test (issue 16).
@Suite struct LearningRateFinderTests {
    /// A loss that falls fastest at lr 1e-2 and is lowest at 1e-1, then explodes.
    @Test func suggestsTheSteepestDescentBeforeTheMinimum() {
        let lrs = (0..<100).map { Float(1e-7 * pow(1e8, Double($0) / 99)) }
        let points = lrs.map { lr -> LearningRateFinder.Point in
            let x = Double(log10(lr))
            let loss = 2 - 1.5 / (1 + exp(-3 * (x + 2))) + (x > -1 ? pow(10, 2 * (x + 1)) - 1 : 0)
            return .init(lr: lr, loss: loss, smoothed: loss)
        }
        let r = LearningRateFinder.suggest(points)
        #expect(abs(log10(r.steepest) + 2) < 0.1, "steepest \(r.steepest)")
        #expect(abs(log10(r.minimumOverTen) + 2) < 0.15, "minimum/10 \(r.minimumOverTen)")
        #expect(r.suggested == r.steepest)
    }

    /// In the session: a copy is tested, the run keeps its weights; enter's intent sets the rate.
    @Test func theRunIsUntouchedUntilTheSuggestionIsApplied() throws {
        let p = try Preset.load("spiral-tanh")
        let e = try SessionEngine(preset: p, data: try DataLoader.load(p.data, output: p.network.output), paused: true, outputFolder: ".")
        _ = e.advance(applying: [.stepEpoch])
        let before = e.snapshot().runs[0]
        _ = e.advance(applying: [.findLearningRate(run: 0)])
        let s = e.snapshot()
        let test = try #require(s.learningRateTest)
        #expect(test.run == 0 && test.result.points.count >= 50)
        #expect(s.runs[0].epoch == before.epoch && s.runs[0].step == before.step && s.runs[0].preset == before.preset)
        _ = e.advance(applying: [.setLearningRate(test.result.suggested, run: 0)])
        #expect(e.snapshot().runs[0].preset.optimizer.lr == test.result.suggested)
    }
}

/// `data.features`: inputs computed from a 2-D set's points (issue 16).
@Suite struct InputFeatureTests {
    /// The classic demonstration: the circle, x1^2 and x2^2, no hidden layer.
    @Test func squaresSolveTheCircleWithALinearModel() throws {
        var p = try Preset.load("circle-relu")
        try p.apply(sets: ["data.features=x1^2,x2^2", "network.layers=auto,auto", "training.epochs=60"])
        let t = try Experiment.trainer(p)
        #expect(t.network.sizes == [2, 1])
        while !t.isFinished { t.trainEpoch() }
        #expect((t.history.last?.validationAccuracy ?? 0) >= 0.98)
        // the same model on the plain coordinates cannot
        try p.apply(sets: ["data.features=x1,x2"])
        let plain = try Experiment.trainer(p)
        while !plain.isFinished { plain.trainEpoch() }
        #expect((plain.history.last?.validationAccuracy ?? 1) < 0.75)
        // the boundary is drawn on the plane, through the same features
        let grid = try #require(ViewComputations.boundary(t, columns: 20, rows: 10))
        #expect(Set(grid.predicted).count == 2)
    }

    @Test func featuresKey() throws {
        var p = Preset()
        try p.apply(sets: ["data.features=x1, x2, x1*x2, sin(x1)"])
        #expect(p.data.features == [.x1, .x2, .x1TimesX2, .sinX1] && p.text("data.features") == "x1,x2,x1*x2,sin(x1)")
        #expect(throws: NNError.self) { try p.apply(sets: ["data.features=x3"]) }
        #expect(throws: NNError.self) { try p.apply(sets: ["data.features=x1,x1"]) }
        let d = try DataLoader.load(p.data, output: .softmax)
        #expect(d.featureCount == 4 && d.isPlane && d.inputs(x1: 2, x2: 3) == [2, 3, 6, sin(2)])
        #expect(d.planePoint(0).0 == d.store.raw(0, 0) && d.planePoint(0).1 == d.store.raw(0, 1))
        let back = try Preset.parse(yaml: try p.yaml(), file: "x.yaml")
        #expect(back.data.features == p.data.features)
    }
}

/// The network view's picture (issue 16).
@Suite struct NetworkPictureTests {
    @Test func tilesStatisticsAndTheSelectedUnit() throws {
        var p = try Preset.load("spiral-tanh")
        p.network.layers = [nil, 12, 6, nil]
        p.network.activation = "relu"
        let t = try Experiment.trainer(p)
        // unit 4 of layer 1 is dead: no weight in, a very negative bias
        let first = t.network.layers[0]
        for k in 0..<first.inputs { first.W[4, k] = 0 }
        first.b.data[4] = -5
        let picture = ViewComputations.networkPicture(t, columns: 6, rows: 4, layer: 2, unit: 3)
        #expect(picture.sizes == [2, 12, 6, 3] && picture.isPlane && picture.layers.count == 3)
        #expect(picture.layers[0].units.count == 8 && picture.layers[1].units.count == 6)
        #expect(picture.layers.allSatisfy { $0.units.allSatisfy { $0.tile.count == 24 && $0.tile.allSatisfy { (0...1).contains($0) } } })
        #expect(picture.layers[0].units[4].dead && picture.layers[0].units[4].activeShare == 0)
        #expect(!picture.layers[0].units[0].dead)
        #expect(picture.selected == (2, 3) || (picture.selected.layer == 2 && picture.selected.unit == 3))
        #expect(picture.incoming.count == 12 && abs(picture.incoming[0].weight) >= abs(picture.incoming[11].weight))
        #expect(picture.incoming.contains { $0.from == 0 && $0.weight == t.network.layers[1].W[3, 0] })
        // a unit past the eighth, selected, is shown too; histograms for data off the plane
        let wide = ViewComputations.networkPicture(t, columns: 6, rows: 4, layer: 1, unit: 10)
        #expect(wide.layers[0].units.map(\.index).contains(10))
        let regression = try Experiment.trainer(try Preset.load("sine-regression"))
        let curve = ViewComputations.networkPicture(regression, columns: 6, rows: 4, layer: 1, unit: 0)
        #expect(!curve.isPlane && curve.layers[0].units[0].tile.count == 6 && curve.layers[0].units[0].tile.max() == 1)
    }
}
