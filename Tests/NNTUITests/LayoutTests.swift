import Foundation
import NNDrawing
import Testing

@testable import NNEngine
@testable import NNFiles
@testable import NNSession
@testable import NNTUI

/// Every view and mode at 80x24, 100x30, 120x40 and 200x60: panels keep their
/// borders (nothing draws over them), the footer keeps help and quit, and values
/// the panel shows are whole.
@Suite struct LayoutTests {
    static let sizes = [(80, 24), (100, 30), (120, 40), (200, 60)]

    /// A state with data for every view: ten classes of 2-D points (boundary,
    /// confusion), seven layers (gradients), a long layer list.
    static func state(width: Int, height: Int, view: ViewKind, compare: Bool = false) -> AppState {
        let names = ["T-shirt", "Trouser", "Pullover", "Dress", "Coat", "Sandal", "Shirt", "Sneaker", "Bag", "Boot"]
        let layers = (0..<7).map {
            LayerStatistics(
                deltaNorm: 1e-3 * Double($0 + 1), gradientNorm: 1e-4 * pow(10, Double($0)),
                weightNorm: 3)
        }
        var run = ViewFixtures.run(sizes: [2, 32, 32, 32, 32, 32, 32, 10])
        run.history = EpochHistory(
            run.history.map {
                var r = $0; r.layers = layers; return r
            })
        let runs =
            compare
            ? ["sgd", "momentum", "nesterov", "adagrad", "rmsprop", "adam"].map { l -> RunSnapshot in
                var r = run
                r.label = l
                return r
            } : [run]
        var s = ViewFixtures.state(runs, width: width, height: height, data: ViewFixtures.data(classes: names))
        s.snapshot.compareMode = compare
        s.view = view
        s.snapshot.boundary = BoundaryGrid(
            columns: 20, rows: 20, xRange: (-1, 1), yRange: (-1, 1), predicted: (0..<400).map { $0 % 10 },
            confidence: Array(repeating: 0.8, count: 400), pointPredictions: [0, 0])
        s.snapshot.layerUnits = Array(repeating: LayerUnits(deadShare: 0.1, spread: 0.5, size: 1), count: 7)
        s.snapshot.confusion = ConfusionData(
            split: "test", counts: (0..<10).map { i in (0..<10).map { $0 == i ? 950 : 5 } }, images: [])
        return s
    }

    /// The rectangle's border cells are all box-drawing characters.
    static func borderIntact(_ c: Canvas, _ r: Rect) -> Bool {
        guard r.width >= 2 && r.height >= 2 else { return true }
        let box: Set<Unicode.Scalar> = ["─", "│", "┌", "┐", "└", "┘"]
        // the top row carries the title: only its corners
        if !box.contains(c[r.x, r.y].char) || !box.contains(c[r.maxX - 1, r.y].char) { return false }
        for x in r.x..<r.maxX where !box.contains(c[x, r.maxY - 1].char) { return false }
        for y in r.y..<r.maxY where !box.contains(c[r.x, y].char) || !box.contains(c[r.maxX - 1, y].char) {
            return false
        }
        return true
    }

    @Test(arguments: sizes)
    func everyViewFitsItsPanel(size: (Int, Int)) {
        let (w, h) = size
        for view in ViewKind.allCases where view != .fit {
            let s = Self.state(width: w, height: h, view: view)
            let c = render(s)
            let layout = s.layout
            #expect(Self.borderIntact(c, layout.view), "\(view) at \(w)x\(h) draws over its border:\n\(c.text)")
            #expect(Self.borderIntact(c, layout.settings), "settings at \(w)x\(h), \(view):\n\(c.text)")
            let footer = c.row(h - 1)
            #expect(footer.contains("? help") && footer.contains("q quit"), "\(view) at \(w)x\(h): \(footer)")
            // the layers value is whole: compressed when long, never cut
            #expect(
                c.text.contains("2/32×6/10 · ") || c.text.contains("2/32/32/32/32/32/32/10 · "), "\(w)x\(h):\n\(c.text)"
            )
        }
    }

    @Test(arguments: sizes)
    func compareModeAndOverlaysFit(size: (Int, Int)) {
        let (w, h) = size
        var s = Self.state(width: w, height: h, view: .curves, compare: true)
        var c = render(s)
        #expect(c.row(h - 1).contains("? help") && c.row(h - 1).contains("q quit"), "\(c.row(h - 1))")
        // the panels span the width: nothing is drawn over their right border
        let box: Set<Unicode.Scalar> = ["│", "┐", "┘"]
        for y in 1..<(h - 3) { #expect(box.contains(c[w - 1, y].char), "compare at \(w)x\(h), row \(y): \(c.row(y))") }
        // every run's name is in the table, whole
        for name in ["sgd", "momentum", "nesterov", "adagrad", "rmsprop", "adam"] {
            #expect(c.text.contains("━ \(name)"), "\(name) at \(w)x\(h)")
        }
        // every line of the key map's help shows, whole, on some page as ↓ scrolls
        s.mode = .help(scroll: 0)
        var seen = Set<String>()
        for _ in 0..<HelpOverlay.lines.count {
            let text = render(s).text
            for line in HelpOverlay.lines where text.contains(line) { seen.insert(line) }
            _ = update(&s, .key(.down))
        }
        #expect(
            seen == Set(HelpOverlay.lines), "help at \(w)x\(h) never shows \(Set(HelpOverlay.lines).subtracting(seen))")
        #expect(render(s).text.contains("↑ back") || h >= 60)
        var single = Self.state(width: w, height: h, view: .curves)
        single.mode = .picker(ComparePicker(preset: single.run!.preset, sizes: single.run!.sizes, trainCount: 480))
        c = render(single)
        #expect(
            c.text.contains("compare: choose the runs") && c.text.contains("↵: start"),
            "picker at \(w)x\(h):\n\(c.text)")
        // every setting the picker can vary is named whole, on as many rows as it takes
        if case .picker(let picker) = single.mode {
            for dim in picker.dimensions { #expect(c.text.contains(" \(dim.title) "), "\(dim.title) at \(w)x\(h)") }
        }
        // the finder's title and a missing suggestion's reason and remedy are whole
        single.mode = .finder(run: 0)
        single.snapshot.learningRateTest = LearningRateTest(
            run: 0,
            result: LearningRateFinder.Result(
                points: [.init(lr: 1e-3, loss: 1, smoothed: 1)], steepest: 0, minimumOverTen: 0, descended: false))
        c = render(single)
        #expect(c.text.contains("↵ apply · esc close"), "finder at \(w)x\(h):\n\(c.text)")
        // the overlay alone, in the view's rectangle: its lines read as one text
        let alone = Canvas(width: single.layout.view.width, height: single.layout.view.height)
        FinderOverlay.draw(
            single.snapshot.learningRateTest?.result, alone,
            Rect(x: 0, y: 0, width: alone.width, height: alone.height))
        let finderText = alone.text.replacingOccurrences(of: "│", with: " ").split(whereSeparator: \.isWhitespace)
            .joined(separator: " ")
        #expect(finderText.contains("i tests the initial weights"), "finder at \(w)x\(h):\n\(c.text)")
    }

    @Test func hidingTheSettingsGivesTheViewTheWidth() {
        var s = Self.state(width: 80, height: 24, view: .gradients)
        #expect(s.layout.view.width == 44)
        #expect(update(&s, .key(.char("H"))) == [.showView(.gradients, run: 0)])
        #expect(s.layout.view.width == 80 && !render(s).text.contains("settings"))
        #expect(Self.borderIntact(render(s), s.layout.view))
    }
}
