import Foundation
import Testing

@testable import NNDrawing
@testable import NNEngine
@testable import NNFiles
@testable import NNSession
@testable import NNTUI

/// Views over data and weights at the edge of Float: every colour and place is
/// computed from finite-checked numbers, so nothing traps.
@Suite struct ExtremeDataViewTests {
    /// Weights of 1e30 with identity units overflow the activations to ±infinity and
    /// NaN: the network view draws them (as the neutral colour) in colour.
    @Test func hugeWeightsDrawInTheNetworkView() throws {
        var p = try Preset.load("spiral-tanh")
        try p.apply(sets: ["network.activation=identity", "network.layers=auto,8,8,8,auto"])
        let t = try Experiment.trainer(p)
        for layer in t.network.layers { layer.W.fill(1e30) }
        var s = ViewFixtures.state([ViewFixtures.run(preset: p, sizes: t.network.sizes)])
        s.colors = true
        s.view = .network
        s.snapshot.network = ViewComputations.networkPicture(t, columns: 6, rows: 4, layer: 2, unit: 0)
        #expect(render(s).text.contains("N1=8"))
    }

    /// Points at ±3e38 (the edge of Float) on the decision-boundary view.
    @Test func pointsAtTheEdgeOfFloatOnTheBoundary() throws {
        let t = try Experiment.trainer(try Preset.load("spiral-tanh"))
        var s = ViewFixtures.state([ViewFixtures.run()])
        s.colors = true
        s.view = .boundary
        var data = ViewFixtures.data()
        data.points = [
            (3e38, -3e38, 0, false), (-3e38, 3e38, 1, true), (.nan, 0, 2, false), (.infinity, 1, 0, false),
            (0, 0, 1, false),
        ]
        .map { PlanePoint(x: $0.0, y: $0.1, label: $0.2, isValidation: $0.3) }
        s.snapshot.data = data
        var grid = try #require(ViewComputations.boundary(t, columns: 40, rows: 20))
        grid.confidence[0] = .nan
        grid.xRange = (-3e38, 3e38)
        s.snapshot.boundary = grid
        #expect(render(s).text.contains("misclassified"))
    }
}
