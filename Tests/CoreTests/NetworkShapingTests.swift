import Foundation
import Testing

@testable import NNEngine
@testable import NNFiles
@testable import NNSession

/// The learning-rate range test.
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

    /// A loss flat at the smallest rates and rising after (trained weights): its lowest
    /// point is noise under 1e-4, so nothing is suggested.
    @Test func suggestsNothingWhenTheLossOnlyRises() {
        let points = (0..<200).map { i -> LearningRateFinder.Point in
            let lr = Float(1e-7 * pow(1e8, Double(i) / 199)), x = Double(log10(lr))
            let loss = 0.1 + 0.01 * sin(Double(i)) + (x > -3 ? pow(10, x + 3) / 100 : 0)
            return .init(lr: lr, loss: loss, smoothed: loss)
        }
        let r = LearningRateFinder.suggest(points)
        #expect(!r.descended && r.suggested == nil)
    }

    /// In the session: a copy is tested, the run keeps its weights; enter's intent sets the rate.
    @Test func theRunIsUntouchedUntilTheSuggestionIsApplied() throws {
        let p = try Preset.load("spiral-tanh")
        let e = try SessionEngine(
            preset: p, data: try DataLoader.load(p.data, output: p.network.output), paused: true, outputFolder: ".")
        _ = e.advance(applying: [.stepEpoch])
        let before = e.snapshot().runs[0]
        e.settle([.findLearningRate(run: 0)])
        let s = e.snapshot()
        let test = try #require(s.learningRateTest)
        #expect(test.run == 0 && test.result.points.count >= 50)
        #expect(s.runs[0].epoch == before.epoch && s.runs[0].step == before.step && s.runs[0].preset == before.preset)
        let suggested = try #require(test.result.suggested)
        _ = e.advance(applying: [.setLearningRate(suggested, run: 0)])
        #expect(e.snapshot().runs[0].preset.optimizer.lr == suggested)
    }
}

/// `data.features`: inputs computed from a 2-D set's points.
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

/// The network view's picture.
@Suite struct NetworkPictureTests {
    @Test func tilesStatisticsAndTheSelectedUnit() throws {
        var p = try Preset.load("spiral-tanh")
        p.network.layers = [nil, 12, 6, nil]
        p.network.activation = .relu
        let t = try Experiment.trainer(p)
        // unit 4 of layer 1 is dead: no weight in, a very negative bias
        let first = t.network.layers[0]
        for k in 0..<first.inputs { first.W[4, k] = 0 }
        first.b.data[4] = -5
        let picture = ViewComputations.networkPicture(t, columns: 6, rows: 4, layer: 2, unit: 3)
        #expect(picture.sizes == [2, 12, 6, 3] && picture.isPlane && picture.layers.count == 3)
        #expect(
            picture.layers[0].units.count == 12 && picture.layers[1].units.count == 6, "every unit, up to 64 a layer")
        // the inputs drawn over the plane: x1 grows to the right along a row, x2 upward (row 0 at the top)
        #expect(picture.inputs.count == 2)
        // each input on a scale symmetric about 0 (0.5, white), its largest |x| at an end
        #expect(
            picture.inputs[0][0] < 0.5 && picture.inputs[0][5] > 0.5 && picture.inputs[0][6] == picture.inputs[0][0])
        #expect(picture.inputs[1][0] > 0.5 && picture.inputs[1][18] < 0.5)
        #expect(picture.inputs.allSatisfy { tile in tile.contains { $0 == 0 || $0 == 1 } })
        #expect(
            picture.layers.allSatisfy {
                $0.units.allSatisfy { $0.tile.count == 24 && $0.tile.allSatisfy { (0...1).contains($0) } }
            })
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

/// The data rows of the settings panel: noise, samples, validation share,
/// input features; each restarts the run, and says why when the data cannot change.
@Suite struct DataSettingTests {
    @Test func dataRowsStepAndRestart() throws {
        let p = try Preset.load("spiral-tanh")
        let data = try DataLoader.load(p.data, output: p.network.output)
        let e = try SessionEngine(preset: p, data: data, paused: true, outputFolder: ".")
        _ = e.advance(applying: [.stepEpoch])
        _ = e.advance(applying: [
            .step(.noise, by: 1, run: 0), .step(.samples, by: 1, run: 0), .step(.validation, by: 1, run: 0),
            .toggleFeature(.x1Squared), .toggleFeature(.x1TimesX2),
        ])
        var s = e.snapshot()
        var run = s.runs[0]
        #expect(run.preset.data.noise == 0.1 && run.preset.data.samples == 1000 && run.preset.data.validation == 0.3)
        #expect(
            run.preset.data.features == [.x1, .x2, .x1Squared, .x1TimesX2] && run.sizes == [4, 16, 16, 3]
                && run.epoch == 0)
        #expect(s.data?.trainCount == 700 && s.data?.validationCount == 300)
        #expect(s.outcome == .restarted(.inputs([.x1, .x2, .x1Squared, .x1TimesX2])))
        // each toggles alone, kept in Playground's order; the last input cannot go
        _ = e.advance(applying: [
            .toggleFeature(.x1), .toggleFeature(.x2), .toggleFeature(.x1TimesX2), .toggleFeature(.x2Squared),
        ])
        #expect(
            e.snapshot().runs[0].preset.data.features == [.x1Squared, .x2Squared]
                && e.snapshot().runs[0].sizes == [2, 16, 16, 3])
        _ = e.advance(applying: [.toggleFeature(.x1Squared), .toggleFeature(.x2Squared)])
        s = e.snapshot()
        run = s.runs[0]
        #expect(run.preset.data.features == [.x2Squared] && s.outcome == .onlyInputLeft(.x2Squared))
        let fm = try Preset.load("fashion-mnist")
        #expect(Setting.noise.fixedReason(fm, data: nil) != nil && Setting.features.fixedReason(fm, data: nil) != nil)
        #expect(Setting.validation.fixedReason(fm, data: nil) == nil)
        #expect(
            InputFeature.sinX2.toggled(in: [.x1]) == [.x1, .sinX2]
                && InputFeature.x1.toggled(in: [.x1, .sinX2]) == [.sinX2])
    }
}
