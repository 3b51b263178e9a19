import Foundation
import Testing

@testable import NNEngine
@testable import NNFiles
@testable import NNSession

/// A set drawn by hand: `data.points` as text and YAML, its store, the limits, and the
/// session's rebuild on each drawn set.
@Suite struct DrawnSetTests {
    static let points = [
        DrawnPoint(x1: 0.1, x2: -0.25, target: 0), DrawnPoint(x1: -0.5, x2: 0.75, target: 1),
        DrawnPoint(x1: 0.3, x2: 0.3, target: 2), DrawnPoint(x1: -0.9, x2: -0.9, target: 1),
    ]

    @Test func pointsGoThroughTextAndYAMLUnchanged() throws {
        var p = try Preset.load("spiral-tanh")
        p.data.source = .drawn
        p.data.points = Self.points
        let back = try Preset.parse(yaml: try p.yaml(), file: "drawn.yaml")
        #expect(back.data.points == Self.points && back.data.source == .drawn)
        #expect(try p.yaml().contains("  - [-0.5, 0.75, 1]"))
        var q = try Preset.load("spiral-tanh")
        try q.apply(sets: ["data.source=drawn", "data.points=" + DrawnPoint.text(Self.points)])
        #expect(q.data.points == Self.points)
    }

    @Test func theStoreHasTheDrawnClasses() throws {
        var p = try Preset.load("spiral-tanh")
        try p.apply(sets: [
            "data.source=drawn", "data.points=" + DrawnPoint.text(Self.points), "data.validation=0",
            "training.batch=full",
        ])
        let t = try Experiment.trainer(p)
        #expect(t.network.sizes == [2, 16, 16, 3] && t.data.train.count == 4 && t.data.classNames == ["0", "1", "2"])
        #expect(t.data.planePoint(1) == (-0.5, 0.75) && t.data.store.label(2) == 2)
        #expect(t.trainEpoch() != nil)
        // regression: the third number is the value
        try p.apply(sets: ["network.output=identity"])
        #expect(!(try Experiment.trainer(p)).data.isClassification)
    }

    /// Hostile drawn presets: one sentence each.
    @Test(arguments: [
        (
            "data.points=" + Array(repeating: "0,0,0", count: 10_001).joined(separator: ";"),
            "holds 10001 points; a drawn set holds at most 10000"
        ),
        ("data.points=0,nan,1;1,1,0", "point 1 has a value that is not a finite number"),
        ("data.points=0,0,1;1,1", "point 2 is '1,1', not three numbers"),
        ("data.points=0,0,0;1,1,7", "the last size is 3 but drawn with a softmax output needs 8"),
        ("data.points=0,0,0;1,1,0.5", "point 2 has the class 0.5; classes are whole numbers from 0 to 63."),
        ("data.points=", "the drawn set is empty"),
        ("data.points=0,0,0;3e38,-3e38,1", "point 2 (3e+38, -3e+38) lies beyond ±1e9"),
        ("data.points=0,0,0;1,1,inf", "point 2 has a value that is not a finite number"),
    ])
    func aHostileDrawnSetIsRefused(set: (String, String)) throws {
        var p = try Preset.load("spiral-tanh")
        do {
            try p.apply(sets: [
                "data.source=drawn", "network.layers=auto,16,3", "training.batch=full", "data.validation=0", set.0,
            ])
            _ = try Experiment.trainer(p)
            Issue.record("accepted \(set.0.prefix(60))")
        } catch let NNError.input(message) {
            #expect(message.contains(set.1) && !message.contains("\n"), "\(message)")
        }
    }

    /// `data.points` in a preset file is a list of rows of three numbers: a row that is
    /// one string, a value holding more points, a flat list are each refused.
    @Test(arguments: [
        "[\"1,2,0\"]", "[[0, 0, \"0;5,5,1;6,6,1\"]]", "[0, 0, 1]", "[[0, 0]]", "[[0, 0, 1, 1]]", "[[0, 0, [1]]]",
        "\"0,0,1;1,1,0\"",
    ])
    func pointsInAFileAreRowsOfNumbers(points: String) throws {
        let yaml = "name: d\ndata:\n  source: drawn\n  points: \(points)\n"
        #expect { _ = try Preset.parse(yaml: yaml, file: "d.yaml") } throws: { error in
            "\(error)".contains(
                "d.yaml:4: data.points: expected a list of [x1, x2, class] lists, each of three numbers.")
        }
        #expect(
            try Preset.parse(
                yaml: "name: d\ndata:\n  source: drawn\n  points: [[0, 0, 1], [1.5, -2, 0]]\n", file: "d.yaml"
            ).data.points.count == 2)
    }

    /// An edit that would take the drawn set over 10,000 points, or beyond its range, is
    /// refused whole with a notice; the run goes on, its set as it was (a 20,000-point
    /// set's first edit kept 10,000 of them).
    @Test func theSessionRefusesASetItCannotDraw() throws {
        let e = try SessionTests.engine()
        _ = e.advance(applying: [.setDrawnPoints(Self.points)])
        let far = Self.points + [DrawnPoint(x1: .infinity, x2: -.nan, target: 0)]
        let many = Array(repeating: Self.points[0], count: DrawnPoint.most + 1)
        for refused in [many, far] {
            _ = e.advance(applying: [.setDrawnPoints(refused)])
            let s = e.snapshot()
            guard case .drawnSetRefused(let problem)? = s.outcome else {
                Issue.record("no outcome: \(String(describing: s.outcome))"); continue
            }
            #expect(problem.tooMany == (refused.count > DrawnPoint.most))
            #expect(s.runs[0].preset.data.points == Self.points)
        }
    }

    /// The session takes each drawn set whole and restarts the run on it.
    @Test func theSessionRetrainsOnEachDrawnSet() throws {
        let e = try SessionTests.engine()
        _ = e.advance(applying: [.setDrawnPoints(Array(Self.points.prefix(2))), .setDrawnPoints(Self.points)])
        let s = e.snapshot()
        #expect(s.runs[0].preset.data.source == .drawn && s.runs[0].preset.data.points == Self.points)
        #expect(s.data?.points.count == 4 && s.runs[0].sizes == [2, 16, 16, 3])
        #expect(s.outcome == .restarted(.drawnSet(points: 4)))
        let saved = SessionEngine.description(of: s.runs[0].preset, from: try Preset.load("spiral-tanh"))
        #expect(saved.contains("4 drawn points") && !saved.contains("0.75"), "\(saved)")
    }

    /// A third class drawn behind a sigmoid output (xor-sigmoid, class key 5) switches the
    /// run to softmax with cross-entropy and says so, instead of six sigmoid units under BCE.
    @Test func aThirdClassSwitchesASigmoidOutputToSoftmax() throws {
        let e = try SessionTests.engine("xor-sigmoid")
        let two = [DrawnPoint(x1: 0, x2: 0, target: 0), DrawnPoint(x1: 1, x2: 1, target: 1)]
        _ = e.advance(applying: [.setDrawnPoints(two)])
        #expect(e.snapshot().outcome == .restarted(.drawnSet(points: 2)))
        #expect(e.snapshot().runs[0].preset.network.output == .sigmoid)
        _ = e.advance(applying: [.setDrawnPoints(two + [DrawnPoint(x1: 0.5, x2: -0.5, target: 5)])])
        let s = e.snapshot()
        #expect(s.outcome == .restarted(.drawnSetToSoftmax(points: 3, classes: 6)))
        let p = s.runs[0].preset
        #expect(p.network.output == .softmax && p.network.shownCost == .crossEntropy && s.runs[0].sizes.last == 6)
    }
}

/// Playground's 2-D regression sets: a value over the plane, its heat map's grid.
@Suite struct PlaneRegressionTests {
    @Test func theSetsAreTheirFormulas() {
        let plane = Synthetic.make(.regressionPlane, samples: 200, noise: 0, seed: 3)
        #expect(!plane.isClassification && plane.featureCount == 2)
        for i in 0..<200 { #expect(abs(plane.value(i) - (plane.raw(i, 0) + plane.raw(i, 1)) / 2) < 1e-6) }
        let gauss = Synthetic.make(.multiGauss, samples: 2000, noise: 0, seed: 3)
        // near the bump at (-0.67, 0.42) the value is close to +1, near (0, 0.42) to -1
        for i in 0..<2000 {
            let a = gauss.raw(i, 0), b = gauss.raw(i, 1)
            if (a + 0.67) * (a + 0.67) + (b - 0.42) * (b - 0.42) < 0.0025 { #expect(gauss.value(i) > 0.9) }
            if a * a + (b - 0.42) * (b - 0.42) < 0.0025 { #expect(gauss.value(i) < -0.9) }
            #expect(abs(gauss.value(i)) <= 1)
        }
    }

    /// The boundary view's grid holds the output over the plane; the data row steps
    /// onto the regression sets with an identity output, and back with softmax.
    @Test func theBoundaryIsAHeatMapOfTheOutput() throws {
        var p = try Preset.load("spiral-tanh")
        try p.apply(sets: ["data.source=plane", "network.output=identity"])
        let t = try Experiment.trainer(p)
        let grid = try #require(ViewComputations.boundary(t, columns: 8, rows: 6))
        #expect(grid.values?.count == 48 && grid.pointPredictions.isEmpty)
        #expect(
            try #require(grid.values)
                == t.predict(
                    raw: ViewComputations.gridInputs(t.data, x: grid.xRange, y: grid.yRange, columns: 8, rows: 6)
                ).map { $0[0] })
        let data = DataSummary(t.data)
        #expect(data.points.count == 600 && data.points.contains { $0.value != 0 })
        var q = try Preset.load("spiral-tanh")
        // from spiral back to multi-gauss, the last
        q = Setting.data.stepped(q, by: -1, sizes: [2, 16, 16, 3], data: data)
        #expect(q.data.source == .multiGauss && q.network.output == .identity)
        q = Setting.data.stepped(q, by: 1, sizes: [2, 16, 16, 1], data: data)
        #expect(q.data.source == .spiral && q.network.output == .softmax)
    }
}

/// The network view's weight edit: the weight is set exactly, and the next forward
/// pass changes by exactly what that weight contributes.
@Suite struct WeightEditTests {
    @Test func anEditedWeightChangesTheNextForwardPass() throws {
        let e = try SessionTests.engine()
        let before = e.snapshot().runs[0]
        // forward one sample before and after W[1][3, 2] = 1.5 (unit 3 of layer 1, from input 2)
        let t = try Experiment.trainer(before.preset)
        let x = t.data.train.indices.prefix(1).map { $0 }
        let ws = Workspace(sizes: t.network.sizes, capacity: 1)
        ws.setBatch(1)
        t.data.store.gather(x, into: ws.X, targets: ws.T)
        t.network.forward(ws)
        let z = ws.Z[1][2, 0], w = t.network.layers[0].W[2, 1], input = ws.X[1, 0]
        t.network.layers[0].W[2, 1] = 1.5
        t.network.forward(ws)
        #expect(abs(ws.Z[1][2, 0] - (z + (1.5 - w) * input)) < 1e-5, "Z[1] moves by Δw · x")
        // the session's edit: the weight itself, exactly, and an outcome that says so (1-based)
        _ = e.advance(applying: [.setWeight(layer: 1, unit: 2, from: 1, value: 1.5)])
        let said = e.snapshot().outcome
        guard case .weightEdited(1, 3, 2, _, 1.5)? = said else { Issue.record("\(String(describing: said))"); return }
        _ = e.advance(applying: [.showView(.network(columns: 6, rows: 4, layer: 1, unit: 2), run: 0)])
        #expect(e.publication()?.network?.incoming.first { $0.from == 1 }?.weight == 1.5)
        func weight() -> Float? { e.publication()?.network?.incoming.first { $0.from == 1 }?.weight }
        // out of range or not finite: nothing changes
        _ = e.advance(applying: [
            .setWeight(layer: 9, unit: 0, from: 0, value: 1), .setWeight(layer: 1, unit: 2, from: 1, value: .nan),
            .showView(.network(columns: 6, rows: 4, layer: 1, unit: 2), run: 0),
        ])
        #expect(weight() == 1.5)
    }
}
