import Foundation
import Testing

@testable import NNDrawing
@testable import NNEngine
@testable import NNFiles
@testable import NNSession
@testable import NNTUI

/// The network view's colours are on one fixed scale per layer, from its activation's
/// range: a unit whose activation barely moves is drawn flat, not stretched to vivid.
@Suite struct NetworkColourScaleTests {
    @Test func aFlatUnitRendersFlat() throws {
        let t = try Experiment.trainer(try Preset.load("vanishing-sigmoid"))
        let p = ViewComputations.networkPicture(t, columns: 6, rows: 4, layer: 6, unit: 0)
        let deep = p.layers[5]
        #expect(deep.activation == "sigmoid" && deep.scale == (0, 1))
        for unit in deep.units {
            let spread = (unit.tile.max() ?? 0) - (unit.tile.min() ?? 0)
            // its activation moves by about a thousandth: so does its colour
            #expect(
                spread <= Float(unit.maximum - unit.minimum) + 0.01,
                "unit \(unit.index): tile spread \(spread), range \(unit.minimum)…\(unit.maximum)")
            #expect(spread < 0.1)
        }
        // tanh layers span −1…1; the legend names each scale
        let spiral = ViewComputations.networkPicture(
            try Experiment.trainer(try Preset.load("spiral-tanh")), columns: 6, rows: 4, layer: 1, unit: 0)
        #expect(spiral.layers[0].scale == (-1, 1) && spiral.layers[2].scale == (0, 1))
        var s = ViewFixtures.state([ViewFixtures.run()])
        s.view = .network
        s.snapshot.network = spiral
        let text = render(s).text
        #expect(text.contains("colour:") && text.contains("tanh -1") && text.contains("softmax 0"), "\(text)")
    }
}

/// A deep network's every layer is drawn, the output's included: the details give way.
@Suite struct DeepNetworkViewTests {
    @Test func everyLayerIsDrawnAt120x40() throws {
        let t = try Experiment.trainer(try Preset.load("vanishing-sigmoid"))
        #expect(t.network.sizes == [2, 32, 32, 32, 32, 32, 32, 3])
        var s = ViewFixtures.state(
            [ViewFixtures.run(preset: try Preset.load("vanishing-sigmoid"), sizes: t.network.sizes)], width: 120,
            height: 40)
        s.view = .network
        s.snapshot.network = ViewComputations.networkPicture(t, columns: 6, rows: 4, layer: 7, unit: 0)
        let text = render(s).text
        for l in 1...7 { #expect(text.contains("N\(l)="), "layer \(l) not drawn:\n\(text)") }
        #expect(text.contains("softmax") && text.contains("sigmoid"), "\(text)")
    }

    /// The confusion header fits 80x24 whole.
    @Test func theConfusionHeaderFits() {
        var s = ViewFixtures.state(
            [ViewFixtures.run()], width: 80, height: 24, data: ViewFixtures.data(classes: (0..<10).map(String.init)))
        s.view = .confusion
        s.snapshot.confusion = ConfusionData(
            split: "test", counts: (0..<10).map { i in (0..<10).map { $0 == i ? 892 : 12 } }, images: [])
        let text = render(s).text
        #expect(text.contains("correct of 10,000"), "\(text)")
    }
}

/// A deep or wide network in the network view: every layer drawn at every size, the
/// selected unit and the units its details name always in sight, tiles that grow with
/// the room, and a first-layer unit of an image set shown as its weight image.
@Suite struct NetworkViewLayoutTests {
    static func deep(layer: Int, unit: Int, width: Int, height: Int) throws -> (AppState, NetworkPicture) {
        var p = try Preset.load("spiral-tanh")
        try p.apply(sets: ["network.layers=2/32/32/32/32/32/32/3"])
        let t = try Experiment.trainer(p)
        var s = ViewFixtures.state([ViewFixtures.run(preset: p, sizes: t.network.sizes)], width: width, height: height)
        s.view = .network
        let g = NetworkView.Geometry(s.layout.view.inset(1), sizes: t.network.sizes)
        let picture = ViewComputations.networkPicture(
            t, columns: g.grid.columns, rows: g.grid.rows, layer: layer, unit: unit)
        s.snapshot.network = picture
        return (s, picture)
    }

    @Test(arguments: [(80, 24), (120, 40), (200, 60)])
    func everyLayerIsDrawn(size: (Int, Int)) throws {
        let (s, p) = try Self.deep(layer: 7, unit: 2, width: size.0, height: size.1)
        let g = NetworkView.Geometry(s.layout.view.inset(1), sizes: p.sizes)
        let places = NetworkView.places(p, g)
        #expect(Set(places.map(\.layer)) == Set(1...7), "layers drawn: \(Set(places.map(\.layer)))")
        #expect(places.allSatisfy { $0.x + g.tileWidth < g.area.maxX }, "a tile leaves the area")
        let text = render(s).text
        for label in ["N0=2", "N7=3"] where size.0 >= 120 {
            #expect(text.contains(label), "\(label) missing:\n\(text)")
        }
        #expect(text.contains("softmax") || text.contains("smax"))
        // the selected output unit is marked
        #expect(text.contains("▶"))
    }

    @Test func theSelectedUnitScrollsIntoSightAndIsNumbered() throws {
        let (s, p) = try Self.deep(layer: 2, unit: 29, width: 120, height: 40)
        let g = NetworkView.Geometry(s.layout.view.inset(1), sizes: p.sizes)
        #expect(g.fits < 30)
        let shown = NetworkView.shownUnits(p, layer: 2, fits: g.fits)
        #expect(shown.contains(29) && shown.count == g.fits && shown == Array(shown.first!...29))
        #expect(render(s).text.contains("#30"))
    }

    @Test func theUnitsTheDetailsNameAreInSight() throws {
        let (s, p) = try Self.deep(layer: 3, unit: 0, width: 120, height: 40)
        let g = NetworkView.Geometry(s.layout.view.inset(1), sizes: p.sizes)
        let named = p.incoming.prefix(NetworkView.detailsWeights).map(\.from)
        #expect(Set(named).isSubset(of: NetworkView.shownUnits(p, layer: 2, fits: g.fits)))
        let text = render(s).text
        for k in named where k >= g.fits { #expect(text.contains("#\(k + 1)"), "unit \(k + 1) not numbered:\n\(text)") }
    }

    /// Few units in a tall view: tiles larger than the smallest (6 x 2).
    @Test func tilesGrowWithTheRoom() throws {
        var p = try Preset.load("spiral-tanh")
        try p.apply(sets: ["network.layers=2/4/3"])
        let roomy = NetworkView.Geometry(Rect(x: 0, y: 0, width: 160, height: 56), sizes: [2, 4, 3])
        #expect(roomy.tileWidth > 6 && roomy.tileHeight > 2, "\(roomy)")
        let tight = NetworkView.Geometry(
            Rect(x: 0, y: 0, width: 42, height: 18), sizes: [2, 32, 32, 32, 32, 32, 32, 3])
        #expect(tight.tileWidth >= 2 && tight.columnWidth * 8 <= 42)
    }

    @Test func anImageUnitShowsItsWeightsAsTheImage() throws {
        // a 4x4 image: the top half's pixels weigh −1, the bottom half's 0
        let incoming = (0..<16).map { (from: $0, weight: Float($0 < 8 ? -1 : 0)) }.sorted {
            abs($0.weight) > abs($1.weight)
        }
        let canvas = Canvas(width: 10, height: 4)
        let used = NetworkView.drawWeightImage(
            incoming, (rows: 4, cols: 4), canvas, Rect(x: 0, y: 0, width: 10, height: 4), colors: false)
        #expect(used == 2)
        #expect(canvas.row(0).hasPrefix("████") && canvas.row(1).hasPrefix("    "), "\(canvas.text)")
    }
}
