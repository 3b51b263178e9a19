import Foundation
import Testing

@testable import NNEngine
@testable import NNFiles
@testable import NNSession

/// The session applies intents in order, each to its current settings.
@Suite struct SessionTests {
    static func engine(_ preset: String = "spiral-tanh") throws -> SessionEngine {
        let p = try Preset.load(preset)
        return try SessionEngine(
            preset: p, data: try DataLoader.load(p.data, output: p.network.output), paused: true, outputFolder: ".")
    }
    static func run(_ e: SessionEngine, _ intents: [Intent]) -> RunSnapshot {
        _ = e.advance(applying: intents)
        return e.snapshot().runs[0]
    }

    /// On trained weights the range test may find no descent; `i` tests the run's
    /// initial weights instead, which have one.
    @Test func theFinderTestsTheInitialWeights() throws {
        let e = try Self.engine()
        e.settle([.findLearningRate(run: 0, fromStart: true)])
        let test = try #require(e.snapshot().learningRateTest)
        #expect(test.run == 0 && test.result.suggested != nil, "\(test.result.suggested as Any)")
    }

    /// The network view's shape keys typed in one burst all count: each is applied to
    /// the sizes the one before it made, not to the snapshot the dashboard had.
    @Test func aBurstOfShapeKeysAllCount() throws {
        let e = try Self.engine()
        #expect(Self.run(e, Array(repeating: .reshape(.addUnit(layer: 2)), count: 4)).sizes == [2, 16, 20, 3])
        #expect(Self.run(e, Array(repeating: .reshape(.addUnit(layer: 1)), count: 200)).sizes == [2, 216, 20, 3])
        #expect(Self.run(e, [.reshape(.deleteLayer(at: 1)), .reshape(.removeUnit(layer: 1))]).sizes == [2, 19, 3])
        #expect(
            Self.run(e, Array(repeating: .reshape(.insertLayer(at: 1)), count: 10)).sizes == [2]
                + Array(repeating: 19, count: 6) + [3])
        #expect(e.snapshot().runs[0].preset.network.layers.first == .some(nil), "the input size stays auto")
    }

    /// The schedule's parameters are settings rows: each steps live, says what it
    /// changed, and moves the rate the trainer plans.
    @Test func theScheduleParametersStepLive() throws {
        let e = try Self.engine()
        var run = Self.run(e, [.step(.schedule, by: 1, run: 0)])  // constant → step
        #expect(run.preset.schedule.kind == .step)
        #expect(Setting.scheduleDecay.fixedReason(run.preset, data: e.snapshot().data) == nil)
        // γ left to its default is changed from the value in use, never from nothing
        _ = Self.run(e, [.step(.scheduleDecay, by: 1, run: 0)])
        #expect(e.outcome == .changedLive(run: nil, key: "schedule.gamma", from: "0.5", to: "0.55"))
        _ = Self.run(e, [.step(.scheduleDecay, by: -1, run: 0)])
        run = Self.run(
            e,
            [
                .step(.scheduleDecay, by: 2, run: 0), .step(.schedulePeriod, by: -1, run: 0),
                .step(.warmup, by: 1, run: 0),
            ])
        #expect(
            abs(run.preset.schedule.effectiveGamma - 0.6) < 1e-6 && run.preset.schedule.step == 5
                && run.preset.schedule.warmup == 1)
        #expect(
            e.outcome == .changedLive(run: nil, key: "schedule.warmup", from: "0", to: "1"),
            "\(String(describing: e.outcome))")
        // epoch 10 of step 5 with γ 0.6: lr0 · 0.6²
        #expect(
            abs(run.plannedLearningRates.rates[10] - 0.003 * 0.36) < 1e-7,
            "\(run.plannedLearningRates.rates.prefix(12))")
        // a constant schedule has no decay or period: the rows cannot change
        let constant = try Preset.load("spiral-tanh")
        #expect(
            Setting.scheduleDecay.fixedReason(constant, data: nil) != nil
                && Setting.schedulePeriod.fixedReason(constant, data: nil) != nil)
    }

    /// The reported bug: `+` then `o` arriving together kept only the optimizer.
    @Test func learningRateThenOptimizerKeepsBoth() throws {
        let e = try Self.engine()
        let before = e.snapshot().runs[0].preset
        #expect(before.optimizer.kind == .adam && before.optimizer.lr == 0.003)
        let r = Self.run(e, [.step(.learningRate, by: 1, run: 0), .step(.optimizer, by: 1, run: 0)])
        #expect(r.preset.optimizer.kind == .adamw)
        #expect(r.preset.optimizer.lr == 0.006)
        // -, then s, then a: all three
        let r2 = Self.run(
            e,
            [.step(.learningRate, by: -1, run: 0), .step(.schedule, by: 1, run: 0), .step(.activation, by: 1, run: 0)])
        #expect(r2.preset.optimizer.lr == 0.003)
        #expect(r2.preset.schedule.kind == .step)
        #expect(r2.preset.network.activation == .relu)
        #expect(r2.sizes == [2, 16, 16, 3])
    }

    @Test func twoLayerStepsDoubleTwice() throws {
        let e = try Self.engine()
        var r = Self.run(e, [.step(.layers, by: 1, run: 0), .step(.layers, by: 1, run: 0)])
        #expect(r.sizes == [2, 64, 64, 3])
        r = Self.run(e, [.step(.layers, by: -1, run: 0)])
        #expect(r.sizes == [2, 32, 32, 3])
        r = Self.run(e, [.addHiddenLayer, .addHiddenLayer])
        #expect(r.sizes == [2, 32, 32, 32, 32, 3])
        r = Self.run(e, [.addHiddenLayer, .addHiddenLayer, .addHiddenLayer])
        #expect(r.sizes == [2, 32, 3], "after six hidden layers, back to one")
    }

    /// Live settings keep the weights and the progress; the others rebuild the run.
    @Test func liveChangesKeepProgressAndResettingChangesRestart() throws {
        let e = try Self.engine()
        var r = Self.run(e, [.stepEpoch])
        r = Self.run(e, [.stepEpoch])
        #expect(r.epoch == 2)
        r = Self.run(
            e,
            [
                .step(.optimizer, by: 1, run: 0), .step(.batch, by: 1, run: 0), .step(.weightDecay, by: 1, run: 0),
                .step(.epochs, by: 1, run: 0), .step(.hyper, by: -1, run: 0),
            ])
        #expect(r.epoch == 2)
        #expect(r.preset.training.batch == .size(64) && r.preset.training.weightDecay == 1e-5)
        #expect(r.preset.training.epochs == 600 && r.totalEpochs == 600)
        #expect(abs(r.preset.optimizer.beta1 - 0.85) < 1e-6)
        r = Self.run(e, [.step(.seed, by: 1, run: 0)])
        #expect(r.epoch == 0 && r.preset.training.seed == 2)
        r = Self.run(e, [.step(.data, by: 1, run: 0)])
        #expect(r.preset.data.source == .circle && r.sizes == [2, 16, 16, 2])
        #expect(e.snapshot().outcome == .restarted(.settings))
    }

    /// Two classes: the output row steps through softmax + cross-entropy, sigmoid +
    /// binary cross-entropy and sigmoid + squared error (the lecture's broken pattern).
    @Test func outputRowStepsThroughTheOutputsAndCostsOfTwoClasses() throws {
        let e = try Self.engine("circle-relu")
        var r = e.snapshot().runs[0]
        #expect(r.preset.network.output == .sigmoid && r.preset.network.shownCost == .bce)
        r = Self.run(e, [.step(.output, by: 1, run: 0)])
        #expect(r.preset.network.output == .sigmoid && r.preset.network.cost == .mse && r.sizes.last == 1)
        r = Self.run(e, [.step(.output, by: 1, run: 0)])
        #expect(r.preset.network.output == .softmax && r.preset.network.cost == nil && r.sizes.last == 2)
        r = Self.run(e, [.step(.output, by: -1, run: 0)])
        #expect(r.preset.network.output == .sigmoid && r.preset.network.cost == .mse)
    }

    /// The gradients view's dead units and spreads are computed only while it is shown.
    @Test func layerUnitsComeWithTheGradientsView() throws {
        let e = try Self.engine()
        _ = e.advance(applying: [.stepEpoch])
        #expect(e.snapshot().layerUnits == nil)
        _ = e.advance(applying: [.showView(.gradients, run: 0)])
        let units = try #require(e.publication()?.layerUnits)
        #expect(units.count == 3 && units.allSatisfy { $0.spread > 0 } && units[2].deadShare == 0)
    }

    /// A saved preset says how it differs from the one the session started from.
    @Test func savedPresetDescribesItsChanges() throws {
        var p = try Preset.load("spiral-tanh")
        #expect(SessionEngine.description(of: p, from: p) == p.description)
        let original = p
        p.network.layers = [nil, 32, 32, nil]
        p.optimizer.lr = 0.006
        #expect(
            SessionEngine.description(of: p, from: original)
                == "spiral-tanh with network.layers=auto,32,32,auto, optimizer.lr=0.006")
    }

    /// `P`'s figure is written where `w` and `p` write.
    @Test func saveFigureWritesTheFile() throws {
        let dir = NSTemporaryDirectory() + "nntui-figure-\(UUID().uuidString)"
        try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
        let p = try Preset.load("spiral-tanh")
        let e = try SessionEngine(
            preset: p, data: try DataLoader.load(p.data, output: p.network.output), paused: true, outputFolder: dir)
        _ = e.advance(applying: [.saveFigure(svg: "<svg/>", name: "spiral tanh")])
        // the engine asks (an effect); the file is written off its queue, and the outcome comes back
        let effects = e.takeEffects()
        #expect(
            effects.count == 1 && effects.first?.kind == .file
                && !FileManager.default.fileExists(atPath: dir + "/spiral_tanh.svg"))
        _ = e.advance(applying: effects.compactMap { $0.perform(Cancellation()) })
        #expect(try String(contentsOfFile: dir + "/spiral_tanh.svg", encoding: .utf8) == "<svg/>")
        #expect(e.snapshot().outcome == .saved(.figure, path: "\(dir)/spiral_tanh.svg"))
        // a write cancelled before it begins writes nothing and reports nothing
        _ = e.advance(applying: [.saveFigure(svg: "<svg/>", name: "cancelled")])
        let cancelled = Cancellation()
        cancelled.cancel()
        #expect(e.takeEffects().compactMap { $0.perform(cancelled) }.isEmpty)
        #expect(!FileManager.default.fileExists(atPath: dir + "/cancelled.svg"))
    }

    @Test func aSettingThatCannotChangeSaysWhy() throws {
        let e = try Self.engine("lawrence-giles")
        let r = Self.run(e, [.step(.data, by: 1, run: 0), .step(.output, by: 1, run: 0)])
        #expect(r.preset.data.source == .lawrenceGiles)
        #expect(e.snapshot().outcome == .fixed(.output, .outputFollowsData))
    }

    /// In compare mode `+` changes the selected run only; settings that rebuild a run wait for leaving it.
    @Test func compareModeStepsOneRun() throws {
        let e = try Self.engine()
        _ = e.advance(applying: [.compare(.optimizers([.sgd, .adam]))])
        var s = e.snapshot()
        #expect(s.compareMode && s.runs.map(\.label) == ["sgd", "adam"])
        _ = e.advance(applying: [.step(.learningRate, by: 1, run: 1), .step(.learningRate, by: 1, run: 1)])
        s = e.snapshot()
        #expect(s.runs[0].preset.optimizer.lr == 0.1)
        #expect(s.runs[1].preset.optimizer.lr == 0.012)
        _ = e.advance(applying: [.step(.activation, by: 1, run: 0)])
        s = e.snapshot()
        #expect(s.runs[0].preset.network.activation == .tanh)
        #expect(s.outcome == .fixedInComparison(.setting(.activation)))
    }

    /// A comparison over seeds: every variant at seeds 1 to N, variant by variant, the
    /// variants paired by their seed's initial weights; promoting or leaving ends it.
    @Test func aComparisonOverSeedsRunsEveryVariantAtEverySeed() throws {
        let e = try Self.engine()
        _ = e.advance(applying: [.compare(.optimizers([.sgd, .adam]), seeds: 3)])
        var s = e.snapshot()
        #expect(s.variants == ["sgd", "adam"] && s.seedsPerVariant == 3)
        #expect(
            s.runs.map(\.label) == [
                "sgd seed 1", "sgd seed 2", "sgd seed 3", "adam seed 1", "adam seed 2", "adam seed 3",
            ])
        #expect(s.runs.map(\.preset.training.seed) == [1, 2, 3, 1, 2, 3])
        func w(_ run: Int) -> [Float] {
            let W = e.runs[run].trainer.network.layers[0].W; return (0..<W.count).map { W.data[$0] }
        }
        #expect(w(0) == w(3) && w(2) == w(5) && w(0) != w(1))
        _ = e.advance(applying: [.promote(4)])
        s = e.snapshot()
        #expect(!s.compareMode && s.variants.isEmpty && s.runs.count == 1 && s.runs[0].preset.training.seed == 2)
        _ = e.advance(applying: [.compare(.presetList)])
        #expect(e.snapshot().variants.isEmpty && e.snapshot().seedsPerVariant == 1)
    }

    /// The threaded session: intents sent one after another while it trains all count.
    @Test func threadedSessionAppliesEveryIntentSentInQuickSuccession() throws {
        let p = try Preset.load("spiral-tanh")
        let session = try TrainingSession(preset: p, data: try DataLoader.load(p.data, output: p.network.output))
        session.start()
        defer { session.stop() }
        session.send([.changeSpeed(by: -10)])
        session.send([.step(.learningRate, by: 1, run: 0)])
        session.send([.step(.optimizer, by: 1, run: 0)])
        session.send([.step(.layers, by: 1, run: 0)])
        session.send([.step(.layers, by: 1, run: 0)])
        let deadline = Date().addingTimeInterval(10)
        var r = session.snapshot.runs[0]
        while Date() < deadline && !(r.sizes == [2, 64, 64, 3] && r.epoch > 2) {
            usleep(10_000)
            r = session.snapshot.runs[0]
        }
        #expect(r.sizes == [2, 64, 64, 3])
        #expect(r.preset.optimizer.kind == .adamw && r.preset.optimizer.lr == 0.006)
        #expect(r.epoch > 2, "training goes on after the changes")
    }
}

/// Every change says what it did, and the panel shows the rate in effect.
@Suite struct NoticeTests {
    @Test func liveChangesSayWhatTheyDid() throws {
        let e = try SessionTests.engine()
        _ = e.advance(applying: [.step(.learningRate, by: 1, run: 0)])
        #expect(e.snapshot().outcome == .changedLive(run: nil, key: "optimizer.lr", from: "0.003", to: "0.006"))
        _ = e.advance(applying: [.step(.optimizer, by: 1, run: 0)])
        #expect(e.snapshot().outcome == .changedLive(run: nil, key: "optimizer.name", from: "adam", to: "adamw"))
        _ = e.advance(applying: [.changeSpeed(by: -5)])
        #expect(e.snapshot().outcome == .speed(limit: 0))
    }
}
