import NNDrawing
import Testing

@testable import NNEngine
@testable import NNFiles
@testable import NNSession
@testable import NNTUI

@Suite struct ViewSnapshotTests {
    @Test func dashboardAt120x40ShowsEveryPart() {
        var s = ViewFixtures.state([ViewFixtures.run()])
        s.view = .curves
        let c = render(s)
        let t = c.text
        for text in [
            "nntui │ spiral-tanh │ ● running │ epoch 5/300", "settings", "2/16/16/3 · 371 params", "adam",
            "loss (cross-entropy)",
            "accuracy", "epoch 5/300  batch 3/15  12.3k samples/s", "? help · q quit", "≤ 10 epochs/s",
        ] {
            #expect(t.contains(text), "missing \(text)")
        }
        #expect(
            c.row(1)
                == "┌─ settings ───────────────────────────┐┌─ training curves   (v: next view) "
                + "───────────────────────────────────────────┐"
        )
        #expect(c.row(3).hasPrefix("│  noise       0.05                   ↺│"))
        #expect(
            c.row(2 + SettingRow.all.firstIndex(of: .setting(.layers))!).hasPrefix(
                "│layers        2/16/16/3 · 371 params ↺│"))
    }

    @Test func settingsHintSaysWhatAChangeDoes() {
        var s = ViewFixtures.state([ViewFixtures.run()])
        s.focus = .setting(.activation)
        #expect(render(s).text.contains("↺ changing this resets the run"))
        s.focus = .setting(.learningRate)
        #expect(render(s).text.contains("applies at the next mini-batch"))
        s.focus = .setting(.output)  // three classes: softmax only
        #expect(render(s).text.contains("the output follows the data"))
        #expect(
            render(s).row(2 + SettingRow.all.firstIndex(of: .setting(.output))!).contains(
                "│output        softmax · cross-entropy"))
    }

    /// A set that is read (Fashion-MNIST) has no noise, size or input features to set:
    /// those rows show a dash, and focused they say why.
    @Test func dataKnobsOfAReadSetShowADash() throws {
        var s = ViewFixtures.state([ViewFixtures.run(preset: try Preset.load("fashion-mnist"))])
        let c = render(s)
        for setting in [Setting.noise, .samples, .features] {
            #expect(c.row(2 + SettingRow.all.firstIndex(of: .setting(setting))!).contains(" — "), "\(setting)")
        }
        #expect(c.row(2 + SettingRow.all.firstIndex(of: .setting(.validation))!).contains("20.0%") == false)
        s.focus = .setting(.noise)
        #expect(render(s).text.contains("fashion-mnist is read, not made"))
    }

    /// The network view from a real network: the inputs with their names, the
    /// selected unit's details, and its incoming weights as bars between the columns
    /// (the largest as long as the gap, its sign as the character without colour).
    @Test func networkViewDrawsInputsUnitsAndConnections() throws {
        let t = try Experiment.trainer(try Preset.load("spiral-tanh"))
        var s = ViewFixtures.state([ViewFixtures.run()])
        s.view = .network
        s.snapshot.network = ViewComputations.networkPicture(t, columns: 6, rows: 4, layer: 2, unit: 0)
        let text = render(s).text, g = NetworkView.Geometry(s.layout.view.inset(1), sizes: [2, 16, 16, 3])
        for part in [
            "N0=2", "N1=16", "N3=3", "x1", "x2", "unit 1 of layer 2", "largest incoming weights",
            "+\(16 - g.fits) more",
        ] {
            #expect(text.contains(part), "missing \(part)")
        }
        let strongest = try #require(s.snapshot.network?.incoming.first)
        let gap = NetworkView.connectionGap(g)
        #expect(text.contains(String(repeating: strongest.weight > 0 ? "+" : "-", count: gap)), "\(text)")
    }

    @Test func tooSmallTerminalSaysSo() {
        let t = render(ViewFixtures.state([ViewFixtures.run()], width: 70, height: 20)).text
        #expect(t.contains("Enlarge the terminal to at least 80x24."))
        #expect(t.contains("The terminal is 70x20."))
    }

    @Test func at80x24EverythingStillFits() {
        let c = render(ViewFixtures.state([ViewFixtures.run()], width: 80, height: 24))
        #expect(c.text.contains("settings") && c.text.contains("loss") && c.text.contains("epoch 5/300"))
        #expect(c.row(23).contains("space pause"))
    }

    @Test func helpOverlay() {
        var s = ViewFixtures.state([ViewFixtures.run()])
        s.mode = .help(scroll: 0)
        #expect(render(s).text.contains("┌─ keys"))
        // every line, on the first screen or scrolled to with ↓
        var seen = ""
        for _ in HelpOverlay.lines {
            seen += render(s).text
            _ = update(&s, .key(.down))
        }
        for line in HelpOverlay.lines { #expect(seen.contains(line), "\(line)") }
    }

    @Test func equationsSubstituteTheRealSizes() {
        var run = ViewFixtures.run(sizes: [784, 100, 10])
        run.batchSize = 128
        let lines = EquationsView.lines(run)
        #expect(lines.contains("  Z[1] = b[1] + W[1] A[0]      100x128 = 100x1 + 100x784 · 784x128"))
        #expect(lines.contains("  dC/dW[2] = (1/m) δ[2] A[1]ᵀ      10x100 = 10x128 · 128x100"))
        #expect(lines.contains("  δ[1] = tanh'(Z[1]) ⊙ (W[2]ᵀ δ[2])      100x128 = 100x128 ⊙ (100x10 · 10x128)"))
        #expect(lines.last == "N_b = 110   N_w = 79,400   parameters = 79,510")
    }

    /// The boundary view on an 8x4 grid: the left half class 0, the right half class 1,
    /// every cell at `confidence`.
    static func halves(confidence: Float) -> AppState {
        var s = ViewFixtures.state([ViewFixtures.run()])
        s.view = .boundary
        let cols = 8, rows = 4
        s.snapshot.boundary = BoundaryGrid(
            columns: cols, rows: rows, xRange: (-1, 1), yRange: (-1, 1),
            predicted: (0..<(cols * rows)).map { $0 % cols < cols / 2 ? 0 : 1 },
            confidence: Array(repeating: confidence, count: cols * rows), pointPredictions: [0, 0])
        return s
    }

    @Test func decisionBoundaryMonochromeShadesByClass() {
        let s = Self.halves(confidence: 0.9)
        let c = Canvas(width: 40, height: 4)
        BoundaryView.draw(s, c, Rect(x: 0, y: 0, width: 40, height: 4))
        // the train point of class 0 at (-0.5, 0.5), right; the validation point of
        // class 1 at (0.5, -0.5), predicted 0: marked as misclassified
        #expect(c.row(0) == "          ●         ░░░░░░░░░░░░░░░░░░░░")
        #expect(c.row(2) == "                    ░░░░░░░░░░✕░░░░░░░░░")
        // a legend of whole items that fit
        #expect(c.row(3).hasPrefix("● 0  ▲ 1  ■ 2  ✕ 1 misclassified"))
    }

    /// Playground's toggles: `T` hides the validation points, `.` every point, `B`
    /// draws each region in its full class colour whatever the confidence.
    @Test func boundaryTogglesHidePointsAndDiscretize() {
        var s = Self.halves(confidence: 0.55)
        func draw() -> Canvas {
            let c = Canvas(width: 100, height: 4)
            BoundaryView.draw(s, c, Rect(x: 0, y: 0, width: 100, height: 4))
            return c
        }
        #expect(update(&s, .key(.char("T"))) == [] && !s.showValidationPoints)
        #expect(s.note == "validation points hidden", "each toggle says what it did")
        #expect(draw().row(0).contains("●") && !draw().row(2).contains("✕"), "the validation point is hidden")
        _ = update(&s, .key(.char(".")))
        #expect(!draw().row(0).contains("●") && draw().row(3).contains("points hidden"))
        // colours: unsure cells are dimmed, discretized ones are the full class colour
        s.colors = true
        #expect(draw()[0, 0].style.bg != BoundaryView.shade(0, 1, classes: 3))
        _ = update(&s, .key(.char("B")))
        #expect(s.note == "output drawn as classes (discretized)")
        #expect(
            s.discretize && draw()[0, 0].style.bg == BoundaryView.shade(0, 1, classes: 3)
                && draw().row(3).contains("discretized"))
        s.view = .curves
        _ = update(&s, .key(.char("B")))
        #expect(s.discretize, "B acts in the boundary view only")
    }

    /// A value over the plane: each cell in the output's colour on one scale (orange
    /// −m, white 0, blue +m), the points in their target's colour, the scale named.
    @Test func aRegressionSetIsAHeatMap() {
        var s = ViewFixtures.state([ViewFixtures.run(classification: false)])
        s.view = .boundary
        s.colors = true
        s.snapshot.data = DataSummary(
            source: .regressionPlane, trainCount: 1, validationCount: 0, testCount: nil, featureCount: 2,
            classNames: [],
            imageShape: nil, points: [PlanePoint(x: 0.5, y: 0.5, label: 0, isValidation: false, value: 1)])
        // left half -1, right half +1
        s.snapshot.boundary = BoundaryGrid(
            columns: 4, rows: 2, xRange: (-1, 1), yRange: (-1, 1), predicted: Array(repeating: 0, count: 8),
            confidence: Array(repeating: 1, count: 8), pointPredictions: [], values: [-1, -1, 1, 1, -1, -1, 1, 1])
        let c = Canvas(width: 60, height: 5)
        BoundaryView.draw(s, c, Rect(x: 0, y: 0, width: 60, height: 5))
        #expect(c[0, 0].style.fg == NetworkView.color(0) && c[59, 3].style.fg == NetworkView.color(1))
        #expect(c.row(4).hasPrefix("value -1 █████ 1") && !c.text.contains("misclassified"), "\(c.text)")
        #expect(c.text.contains("●"))
    }

    /// With colours, a region fades toward black where the network is unsure.
    @Test func decisionBoundaryShadesByConfidence() {
        #expect(BoundaryView.shade(0, 1, classes: 3) == .cube(0, 5, 5, fallback: .cyan))
        #expect(BoundaryView.shade(0, 1.0 / 3, classes: 3) == .cube(0, 2, 2, fallback: .cyan))
        #expect(BoundaryView.shade(1, 0.5, classes: 2).basic == Color.yellow.basic)
    }

    @Test func confusionMatrixCountsAndAccuracy() {
        var s = ViewFixtures.state([ViewFixtures.run()], data: ViewFixtures.data(classes: ["cat", "dog"]))
        s.snapshot.confusion = ConfusionData(split: "validation", counts: [[8, 2], [1, 9]], images: [])
        let c = Canvas(width: 60, height: 6)
        ConfusionView.draw(s, c, Rect(x: 0, y: 0, width: 60, height: 6))
        #expect(
            c.text == """
                on the validation split: 85.0% correct of 20
                            cat    dog    acc
                cat           8      2  80.0%
                dog           1      9  90.0%
                rows: true class · columns: predicted

                """)
        // a count that ends in 0 beside 100%: each keeps its blank (it read 0100.0%)
        s.snapshot.confusion = ConfusionData(split: "validation", counts: [[10, 0], [0, 30]], images: [])
        ConfusionView.draw(s, c, Rect(x: 0, y: 0, width: 60, height: 6))
        #expect(c.row(3).hasPrefix("dog           0     30 100.0% "))
    }

    /// Ten classes in the 42 columns of an 80x24 dashboard: shares of the row, class
    /// numbers as columns, nothing over the border.
    @Test func confusionMatrixFitsANarrowPanel() {
        let names = ["T-shirt", "Trouser", "Pullover", "Dress", "Coat", "Sandal", "Shirt", "Sneaker", "Bag", "Boot"]
        var s = ViewFixtures.state([ViewFixtures.run()], data: ViewFixtures.data(classes: names))
        s.snapshot.confusion = ConfusionData(
            split: "test", counts: (0..<10).map { i in (0..<10).map { $0 == i ? 90 : ($0 == (i + 1) % 10 ? 10 : 0) } },
            images: [])
        let c = Canvas(width: 42, height: 14)
        ConfusionView.draw(s, c, Rect(x: 0, y: 0, width: 42, height: 14))
        #expect(c.row(1) == "       0  1  2  3  4  5  6  7  8  9    acc")
        #expect(c.row(2) == "0 T-  90 10  ·  ·  ·  ·  ·  ·  ·  ·  90.0%")
        #expect(c.row(12).hasPrefix("rows: true · columns: predicted, % of row"))
    }

    @Test func gradientViewShowsLayersAndRatio() {
        let layers = [
            LayerStatistics(deltaNorm: 1e-5, gradientNorm: 2e-5, weightNorm: 3),
            LayerStatistics(deltaNorm: 0.1, gradientNorm: 0.2, weightNorm: 2),
        ]
        var run = ViewFixtures.run(sizes: [2, 8, 3])
        run.history = EpochHistory((1...4).map { ViewFixtures.record($0, loss: 1, acc: 0.5, layers: layers) })
        let c = Canvas(width: 100, height: 8)
        GradientView.draw(
            run,
            units: [LayerUnits(deadShare: 0.8, spread: 0.5, size: 1), LayerUnits(deadShare: 0, spread: 0.4, size: 1)],
            c,
            Rect(x: 0, y: 0, width: 100, height: 8))
        #expect(c.row(0).hasPrefix("‖dC/dW[1]‖ / ‖dC/dW[2]‖ = 1.00e-04"))
        #expect(c.row(3).hasPrefix("layer 1"))
        #expect(c.row(3).contains("2.00e-05") && c.row(3).contains("80.0%"))
        #expect(c.row(4).hasPrefix("layer 2") && c.row(4).contains("output"))
        #expect(GradientView.firstToLastRatio(run) == 1e-4)
    }

    static func fit(networks: [FittedCurve]) -> FitCurves {
        FitCurves(
            x: [0, 0.5, 1], points: ([0, 0.5, 1], [0, 1, 0]), truth: [0, 1, 0],
            polynomial: FittedCurve(label: "degree 15", y: [0, 1.1, 0], pointsRMSE: 0.01, truthRMSE: 0.3), degree: 15,
            networks: networks)
    }

    @Test func fitViewTablesEveryCurveAndDrawsThePointsOnTop() {
        var s = ViewFixtures.state(
            [ViewFixtures.run(classification: false)], data: ViewFixtures.data(classes: [], features: 1))
        s.snapshot.fit = Self.fit(networks: [
            FittedCurve(label: "network", y: [0, 0.9, 0.1], pointsRMSE: 0.05, truthRMSE: 0.07)
        ])
        let c = Canvas(width: 90, height: 14)
        FitView.draw(s, c, Rect(x: 0, y: 0, width: 90, height: 14))
        #expect(c.row(0).hasPrefix("RMSE                      vs points   vs true curve"))
        #expect(c.row(1).hasPrefix("━ polynomial, degree 15   0.01        0.3"))
        #expect(c.row(2).hasPrefix("━ network                 0.05        0.07"))
        #expect(c.row(3).hasPrefix("y against x  ━ true curve  ━ polynomial  ● 3 training points"))
        // every point visible: three markers, none painted over by a curve
        #expect(c.text.filter { $0 == "●" }.count == 3 + 1)
        // x axis labelled from 0 to 1, not "00"
        #expect(c.row(13).contains("0") && c.row(13).hasSuffix("1") && !c.row(13).contains("00"))
    }

    @Test func compareModeOverlaysEveryRunsFit() {
        var s = ViewFixtures.state(
            [
                ViewFixtures.run(label: "1/5/1", classification: false),
                ViewFixtures.run(label: "1/20/1", classification: false),
            ],
            data: ViewFixtures.data(classes: [], features: 1))
        s.snapshot.compareMode = true
        s.snapshot.fit = Self.fit(networks: [
            FittedCurve(label: "1/5/1", y: [0, 0.9, 0.1], pointsRMSE: 0.05, truthRMSE: 0.07),
            FittedCurve(label: "1/20/1", y: [0, 0.8, 0.2], pointsRMSE: 0.04, truthRMSE: 0.09),
        ])
        let t = render(s).text
        #expect(t.contains("fit of every run"))
        #expect(t.contains("━ 1/5/1") && t.contains("━ 1/20/1") && t.contains("━ polynomial, degree 15"))
        s.hiddenRuns = [1]
        let hidden = render(s).text
        #expect(!hidden.contains("━ 1/20/1") && hidden.contains("━ 1/5/1"))
    }

    @Test func learningRateViewShowsPlannedAndActual() {
        var run = ViewFixtures.run()
        run.preset.schedule.kind = .cosine
        run.plannedLearningRates = LearningRatePlan(
            epochs: Array(0..<300),
            rates: (0..<300).map { run.preset.schedule.rate(epoch: $0, base: 0.01, epochs: 300) })
        let c = Canvas(width: 80, height: 10)
        LearningRateView.draw(run, c, Rect(x: 0, y: 0, width: 80, height: 10))
        #expect(c.row(0).hasPrefix("schedule cosine   lr0 0.003   now 0.01"))
        #expect(c.row(1).contains("━ planned") && c.row(1).contains("━ actual"))
    }

    @Test func comparePickerChoosesWhatVaries() throws {
        var s = ViewFixtures.state([ViewFixtures.run()])
        s.snapshot.data = ViewFixtures.data()
        #expect(update(&s, .key(.char("c"))).isEmpty)
        let t = render(s).text
        #expect(t.contains("compare: choose the runs"))
        #expect(t.contains("[x] sgd") && t.contains("[ ] adamw"))
        // untick sgd, start: five optimizers
        _ = update(&s, .key(.char(" ")))
        #expect(update(&s, .key(.enter)) == [.compare(.optimizers([.momentum, .nesterov, .adagrad, .rmsprop, .adam]))])
        #expect(s.picker == nil)
        // tab to the learning rates around the preset's 0.003
        _ = update(&s, .key(.char("c")))
        _ = update(&s, .key(.tab))
        #expect(
            update(&s, .key(.enter)) == [
                .compare(.values(key: "optimizer.lr", ["0.0003", "0.0009", "0.003", "0.009", "0.03"]))
            ])
    }

    @Test func compareOverlayLegendAndTable() {
        var s = ViewFixtures.state([
            ViewFixtures.run(label: "sgd", losses: [1, 0.9]), ViewFixtures.run(label: "adam", losses: [1, 0.4]),
        ])
        s.snapshot.compareMode = true
        let t = render(s).text
        #expect(t.contains("━ sgd 0.900") && t.contains("━ adam 0.400"))
        #expect(t.contains("runs (same initial weights and batch order)"))
        let rows = t.split(separator: "\n").filter { $0.contains("│━ sgd") || $0.contains("│━ adam") }
        #expect(rows.count == 2)
        s.smallMultiples = true
        let m = render(s).text
        #expect(m.contains("loss per run (shared axes)"))
    }
}
