import Foundation
import Testing
@testable import NNCore
@testable import NNDrawing
@testable import NNTUI

/// `nntui watch` over whatever a file can hold: random bytes, rows with NaN and
/// ±1e308 in every column, lines with no end, thousands of runs. Each poll and each
/// frame returns; memory stays bounded by the longest line kept.
@Suite struct WatchFuzzTests {
    static func folder() -> String {
        let path = NSTemporaryDirectory() + "nntui-watch-\(UUID().uuidString)"
        try! FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
        return path
    }

    @Test func randomBytesAndExtremeValues() throws {
        let dir = Self.folder()
        var rng = RandomSource(seed: 21)
        let values = ["nan", "-nan", "inf", "-inf", "1e308", "-1e308", "1e999", "", "0", "-0", "3", "1e-320", "x", "\"", "9223372036854775808"]
        for round in 0..<120 {
            let path = "\(dir)/\(round).csv"
            var text = round % 3 == 0 ? "" : MetricsLog.header + "\n"
            for _ in 0..<(1 + rng.index(below: 20)) {
                if rng.index(below: 5) == 0 {
                    // a JSON line as `train --json` writes, its numbers extreme or not numbers at all
                    let json = ["1e308", "-1e308", "1e999", "null", "\"nan\"", "3", "-1", "9223372036854775808", "[]", "{}"]
                    text += "{\"run\":\"j\",\"epoch\":\(json[rng.index(below: json.count)]),\"step\":\(json[rng.index(below: json.count)]),"
                        + "\"lr\":\(json[rng.index(below: json.count)]),\"train_loss\":\(json[rng.index(below: json.count)])}"
                } else if rng.index(below: 4) == 0 {
                    text += String(decoding: (0..<rng.index(below: 80)).map { _ in UInt8(rng.index(below: 256)) }, as: UTF8.self)
                } else {
                    text += "r\(rng.index(below: 3))," + (0..<8).map { _ in values[rng.index(below: values.count)] }.joined(separator: ",")
                }
                text += rng.index(below: 10) == 0 ? "" : "\n"
            }
            try text.write(toFile: path, atomically: true, encoding: .utf8)
            let f = LogFollower(path: path)
            f.poll()
            for (w, h) in [(80, 24), (60, 16), (200, 60)] {
                let c = WatchDashboard.render([f], width: w, height: h, options: .init(), now: LogFollower.now())
                #expect(c.text.split(separator: "\n").count <= h)
            }
        }
    }

    /// A file with no line break: memory holds at most the longest line, the line is
    /// counted as malformed, and the screen says so.
    @Test func aLogWithoutLineBreaksStaysBounded() throws {
        let path = Self.folder() + "/flat.csv"
        let chunk = Data(repeating: 0x41, count: 3 << 20)
        FileManager.default.createFile(atPath: path, contents: chunk)
        let f = LogFollower(path: path)
        f.poll()
        let h = try FileHandle(forWritingTo: URL(fileURLWithPath: path))
        try h.seekToEnd(); try h.write(contentsOf: chunk); try h.write(contentsOf: Data("\nr,1,1,0.1,2,,,,1\n".utf8)); try h.close()
        while f.poll() {}
        #expect(f.malformed == 1 && f.runs.map(\.name) == ["r"], "\(f.malformed) \(f.runs.map(\.name))")
        let screen = WatchDashboard.render([f], width: 100, height: 30, options: .init(), now: LogFollower.now()).text
        #expect(screen.contains("1 malformed line skipped"), "\(screen)")
    }

    /// 20,000 runs: a frame charts the first 64 and still lists the count.
    @Test func twentyThousandRuns() throws {
        let path = Self.folder() + "/many.csv"
        let rows = (0..<20_000).map { "run\($0),1,1,0.1,\(Double($0 % 7) + 1),,,,0.1" }
        try ([MetricsLog.header] + rows).joined(separator: "\n").appending("\n").write(toFile: path, atomically: true, encoding: .utf8)
        let f = LogFollower(path: path)
        f.poll()
        let start = Date()
        let screen = WatchDashboard.render([f], width: 120, height: 40, options: .init(), now: LogFollower.now()).text
        #expect(screen.contains("20000 runs (charts: the first 64)"), "\(screen.prefix(200))")
        print("a frame of 20,000 runs: \(Date().timeIntervalSince(start)) s")
    }

    /// 200 files: the last line of the file block counts the rest, whole.
    @Test func manyFilesKeepTheHeaderWhole() throws {
        let dir = Self.folder()
        let followers = (0..<200).map { LogFollower(path: "\(dir)/f\($0).csv") }
        for f in followers { f.poll() }
        let lines = WatchDashboard.render(followers, width: 80, height: 24, options: .init(), now: 0).text.split(separator: "\n")
        #expect(lines[6] == "… and 195 more files" && lines[5].hasPrefix("○ f4.csv"), "\(lines.prefix(8))")
    }
}

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
        data.points = [(3e38, -3e38, 0, false), (-3e38, 3e38, 1, true), (.nan, 0, 2, false), (.infinity, 1, 0, false), (0, 0, 1, false)]
            .map { PlanePoint(x: $0.0, y: $0.1, label: $0.2, isValidation: $0.3) }
        s.snapshot.data = data
        var grid = try #require(ViewComputations.boundary(t, columns: 40, rows: 20))
        grid.confidence[0] = .nan
        grid.xRange = (-3e38, 3e38)
        s.snapshot.boundary = grid
        #expect(render(s).text.contains("misclassified"))
    }
}

/// `watch` tells a finished run from a stalled one, takes a replaced file in its
/// stride, and draws validation losses beside the training losses.
@Suite struct WatchStatesTests {
    @Test func finishedReplacedAndValidation() throws {
        let dir = WatchFuzzTests.folder()
        let jsonl = dir + "/run.jsonl"
        try ([MetricsLog.json(run: "a", EpochRecord(epoch: 1, step: 1, lr: 0.1, trainLoss: 1, validationLoss: 1.2, seconds: 1))]
             + [#"{"final":true,"run":"a","epoch":1,"step":1,"lr":0.1,"train_loss":1,"seconds":1}"#]).joined(separator: "\n")
            .appending("\n").write(toFile: jsonl, atomically: true, encoding: .utf8)
        let f = LogFollower(path: jsonl)
        f.poll()
        #expect(f.isFinished)
        // long after its last line: finished, not stalled
        let late = (f.lastLine ?? 0) + 3600
        let screen = WatchDashboard.render([f], width: 100, height: 30, options: .init(), now: late).text
        #expect(screen.contains("✓ finished") && !screen.contains("no new line"), "\(screen)")
        #expect(screen.contains("loss: training, validation (dimmer)"), "\(screen)")
        // a CSV replaced by renaming: read again, no warning
        let csv = dir + "/l.csv"
        try (MetricsLog.header + "\nr,1,1,0.1,1,,,,1\n").write(toFile: csv, atomically: true, encoding: .utf8)
        let g = LogFollower(path: csv)
        g.poll()
        try (MetricsLog.header + "\nr,1,1,0.1,1,,,,1\nr,2,2,0.1,0.9,,,,2\n").write(toFile: csv, atomically: true, encoding: .utf8)
        g.poll()
        #expect(g.restarts == 1 && !g.isFinished)
        let text = WatchDashboard.render([g], width: 100, height: 30, options: .init(), now: LogFollower.now()).text
        #expect(text.contains("epoch 2") && !text.contains("re-read"), "\(text)")
    }
}

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
            #expect(spread <= Float(unit.maximum - unit.minimum) + 0.01, "unit \(unit.index): tile spread \(spread), range \(unit.minimum)…\(unit.maximum)")
            #expect(spread < 0.1)
        }
        // tanh layers span −1…1; the legend names each scale
        let spiral = ViewComputations.networkPicture(try Experiment.trainer(try Preset.load("spiral-tanh")), columns: 6, rows: 4, layer: 1, unit: 0)
        #expect(spiral.layers[0].scale == (-1, 1) && spiral.layers[2].scale == (0, 1))
        var s = ViewFixtures.state([ViewFixtures.run()])
        s.view = .network
        s.snapshot.network = spiral
        let text = render(s).text
        #expect(text.contains("colour:") && text.contains("tanh -1") && text.contains("softmax 0"), "\(text)")
    }
}

/// The homework's lesson stays visible: the degree-15 polynomial that swings off the
/// chart between the points is drawn to the chart's edge and marked there.
@Suite struct FitOffChartTests {
    @Test func theSwingsAreDrawnToTheEdgeAndMarked() throws {
        let t = try Experiment.trainer(try Preset.load("lawrence-giles"))
        let fit = try #require(ViewComputations.fit([t], labels: ["network"], points: 160, degree: 15))
        let c = Canvas(width: 80, height: 30)
        FitView.draw(fit, hidden: [], c, Rect(x: 0, y: 0, width: 80, height: 30))
        let text = c.text
        #expect(text.contains("▲") || text.contains("▼"), "\(text)")
        // the polynomial (magenta) is drawn in the left part of the chart, where x < 0.4
        var leftDots = 0
        for y in 0..<30 { for x in 9..<36 where c[x, y].style.fg == .magenta && (0x2801...0x28FF).contains(c[x, y].char.value) { leftDots += 1 } }
        #expect(leftDots >= 5, "only \(leftDots) cells of the polynomial left of x = 0.4:\n\(text)")
    }
}

/// The comparison's table: short distinct run names, and columns that never touch.
@Suite struct CompareTableTests {
    @Test(arguments: [(80, 24), (120, 40)])
    func columnsNeverTouch(size: (Int, Int)) throws {
        let names = [("sigmoid", "activation=sigmoid"), ("2/100/100/3", "layers=2/100/100/3")]
        var runs = names.map { ViewFixtures.run(label: $0.0, losses: [1, 0.5]) }
        for i in runs.indices {
            runs[i].setting = names[i].1
            runs[i].epoch = 100_000
        }
        var s = ViewFixtures.state(runs, width: size.0, height: size.1)
        s.snapshot.compareMode = true
        let text = render(s).text
        #expect(text.contains("sigmoid ") && text.contains("2/100/100/3 "), "\(text)")
        #expect(text.contains("100000 "), "the epoch column touches the next: \(text)")
        #expect(!text.contains("activation=sigmoidlayers") && !text.contains("1000000"), "\(text)")
        // the whole setting where the terminal has room
        if size.0 >= 120 { #expect(text.contains("layers=2/100/100/3 "), "\(text)") }
        // and never cut short: a setting that does not fit is left out (the name carries it)
        for setting in names.map(\.1) {
            for k in 4..<setting.count { #expect(!text.contains(String(setting.prefix(k)) + " "), "\(setting) cut at \(k):\n\(text)") }
        }
    }

    @Test func aVariedRunIsNamedByItsValue() throws {
        let specs = try Comparison.specs(base: try Preset.load("lawrence-giles"), variation: .values(key: "network.layers", ["1/5/1", "1/100/1"]))
        #expect(specs.map(\.label) == ["1/5/1", "1/100/1"] && specs.map(\.setting) == ["layers=1/5/1", "layers=1/100/1"])
        let rates = try Comparison.specs(base: Preset(), variation: .values(key: "optimizer.lr", ["0.1", "0.01"]))
        #expect(rates.map(\.label) == ["lr=0.1", "lr=0.01"])
    }
}

/// The learning-rate row shows the base rate and, where a schedule moved it, the rate in use.
@Suite struct RateInEffectTests {
    @Test func theRowShowsTheRateNow() {
        var run = ViewFixtures.run()
        run.preset.optimizer.lr = 0.012
        run.learningRate = 1.173e-05
        let s = ViewFixtures.state([run], width: 120, height: 40)
        #expect(render(s).text.contains("0.012 · now 1.173e-05"), "\(render(s).text)")
    }
}

/// The equations view: whole sizes at 80x24, and the optimizer's step with its values.
@Suite struct EquationsLayoutTests {
    /// At 80x24 the panel is 40x18: the equations are written once for layer l, the
    /// shapes in a table, and everything down to the parameter count is on screen.
    @Test func aShortPanelShowsEveryEquationOnce() {
        var run = ViewFixtures.run(sizes: [2, 16, 16, 3])
        run.batchSize = 32
        let lines = EquationsView.layout(run, width: 40, height: 18)
        #expect(lines.count <= 18 && lines.allSatisfy { TerminalText.width($0) <= 40 }, "\(lines)")
        for part in ["  l=2  W 16x16  Z, A 16x32  f = tanh", "  δ[l-1] = tanh'(Z[l-1]) ⊙ (W[l]ᵀ δ[l])", "  δ[3] = A[3] - T",
                     "N_b = 35   N_w = 336   parameters = 371"] {
            #expect(lines.contains(part), "missing \(part): \(lines)")
        }
        #expect(lines.contains { $0.contains("β2 = 0.999") } && lines.contains { $0.contains("ε = 1e-08") })
    }

    @Test func narrowPanelsWrapTheSizesAndTheStepIsShown() {
        var run = ViewFixtures.run(sizes: [2, 16, 16, 3])
        run.batchSize = 32
        let lines = EquationsView.layout(run, width: 44)
        #expect(lines.contains("  Z[1] = b[1] + W[1] A[0]") && lines.contains("      16x32 = 16x1 + 16x2 · 2x32"), "\(lines)")
        #expect(lines.filter { $0.hasPrefix("  δ[") }.allSatisfy { TerminalText.width($0) <= 44 }, "\(lines)")
        // the preset's adam, with its own values
        #expect(lines.contains("step  (adam, η = 0.003)") && lines.contains("  m ← β1 m + (1 − β1) g      β1 = 0.9"), "\(lines)")
        var sgd = run
        sgd.preset.optimizer.kind = .momentum
        sgd.preset.training.weightDecay = 0.01
        let m = EquationsView.lines(sgd)
        #expect(m.contains("  g = dC/dW + λ W") && m.contains("  b ← μ b + g      μ = 0.9") && m.contains("  W ← W − η b"), "\(m)")
    }
}

/// Runs that train on different costs are never overlaid on one loss axis.
@Suite struct CostComparisonTests {
    @Test func differentCostsOverlayAccuracy() throws {
        var bce = ViewFixtures.run(label: "bce", preset: try Preset.load("xor-sigmoid"), sizes: [2, 8, 8, 1], losses: [0.7, 0.5, 0.3])
        var mse = ViewFixtures.run(label: "mse", preset: try Preset.load("xor-sigmoid"), sizes: [2, 8, 8, 1], losses: [0.1, 0.09, 0.08])
        bce.preset.network.cost = .bce
        mse.preset.network.cost = .mse
        var s = ViewFixtures.state([bce, mse])
        s.snapshot.compareMode = true
        #expect(CompareView.costsDiffer(s))
        #expect(CompareView.lossValues(s, s.snapshot.runs[1]) == s.snapshot.runs[1].history.map { $0.trainAccuracy! })
        let text = render(s).text
        #expect(text.contains("training accuracy: the runs' costs (bce, mse) are not comparable"), "\(text)")
        #expect(!text.contains("loss (binary cross-entropy)"), "\(text)")
        // one cost: the losses, as ever
        mse.preset.network.cost = .bce
        s.snapshot.runs = [bce, mse]
        #expect(!CompareView.costsDiffer(s) && render(s).text.contains("training loss"))
    }
}

/// Long runs on a log epoch axis; a narrow range's labels still differ.
@Suite struct LongRunAxisTests {
    @Test func aLongRunsEpochsAreOnALogAxis() {
        var run = ViewFixtures.run()
        run.history = EpochHistory((1...100_000).map { ViewFixtures.record($0, loss: 1 / Double($0), acc: 0.5) })
        var s = ViewFixtures.state([run])
        s.view = .curves
        let text = render(s).text
        #expect(text.contains("1e2") && text.contains("1e4"), "\(text)")
    }

    /// `L` cycles the epoch axis: automatic (log past 3,000 epochs), log, linear.
    @Test func theEpochAxisKeyCycles() {
        var run = ViewFixtures.run()
        run.history = EpochHistory((1...100_000).map { ViewFixtures.record($0, loss: 1 / Double($0), acc: 0.5) })
        var s = ViewFixtures.state([run])
        s.view = .curves
        _ = update(&s, .key(.char("L")))
        #expect(s.epochAxis == .logarithmic && render(s).text.contains("1e4"))
        _ = update(&s, .key(.char("L")))
        #expect(s.epochAxis == .linear)
        let linear = render(s).text
        #expect(!linear.contains("1e4") && linear.contains("100000"), "\(linear)")
        _ = update(&s, .key(.char("L")))
        #expect(s.epochAxis == .automatic)
        // a short run on a forced log axis
        s.snapshot.runs[0].history = EpochHistory((1...50).map { ViewFixtures.record($0, loss: 1, acc: 0.5) })
        s.epochAxis = .logarithmic
        #expect(render(s).text.contains("1e1"))
    }

    /// In a comparison each run stands at its own epochs: a run half as long ends
    /// half way across, not stretched to the right edge.
    @Test func runsOfUnequalLengthStandAtTheirEpochs() {
        var chart = LineChart(title: "", series: [ChartSeries(label: "a", values: Array(repeating: 1, count: 100), color: .cyan),
                                                  ChartSeries(label: "b", values: Array(repeating: 1, count: 50), color: .yellow)])
        let long = EpochHistory((1...100).map { ViewFixtures.record($0, loss: 1, acc: 0.5) })
        let short = EpochHistory((1...50).map { ViewFixtures.record($0, loss: 1, acc: 0.5) })
        chart.epochAxis(of: [long, short], .automatic)
        #expect(chart.xRange! == (1, 100) && chart.series[1].xs?.last == 50 && chart.series[0].xs?.last == 100)
    }

    @Test func narrowRangesGetLabelsThatDiffer() {
        let (h, l) = LineChart.labels(0.00612, 0.00604, width: 7)
        #expect(h != l && h.count <= 7 && l.count <= 7, "\(h) \(l)")
    }
}

/// A deep network's every layer is drawn, the output's included: the details give way.
@Suite struct DeepNetworkViewTests {
    @Test func everyLayerIsDrawnAt120x40() throws {
        let t = try Experiment.trainer(try Preset.load("vanishing-sigmoid"))
        #expect(t.network.sizes == [2, 32, 32, 32, 32, 32, 32, 3])
        var s = ViewFixtures.state([ViewFixtures.run(preset: try Preset.load("vanishing-sigmoid"), sizes: t.network.sizes)], width: 120, height: 40)
        s.view = .network
        s.snapshot.network = ViewComputations.networkPicture(t, columns: 6, rows: 4, layer: 7, unit: 0)
        let text = render(s).text
        for l in 1...7 { #expect(text.contains("N\(l)="), "layer \(l) not drawn:\n\(text)") }
        #expect(text.contains("softmax") && text.contains("sigmoid"), "\(text)")
    }

    /// The confusion header fits 80x24 whole.
    @Test func theConfusionHeaderFits() {
        var s = ViewFixtures.state([ViewFixtures.run()], width: 80, height: 24, data: ViewFixtures.data(classes: (0..<10).map(String.init)))
        s.view = .confusion
        s.snapshot.confusion = ConfusionData(split: "test", counts: (0..<10).map { i in (0..<10).map { $0 == i ? 892 : 12 } }, images: [])
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
        let picture = ViewComputations.networkPicture(t, columns: g.grid.columns, rows: g.grid.rows, layer: layer, unit: unit)
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
        for label in ["N0=2", "N7=3"] where size.0 >= 120 { #expect(text.contains(label), "\(label) missing:\n\(text)") }
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
        let tight = NetworkView.Geometry(Rect(x: 0, y: 0, width: 42, height: 18), sizes: [2, 32, 32, 32, 32, 32, 32, 3])
        #expect(tight.tileWidth >= 2 && tight.columnWidth * 8 <= 42)
    }

    @Test func anImageUnitShowsItsWeightsAsTheImage() throws {
        // a 4x4 image: the top half's pixels weigh −1, the bottom half's 0
        let incoming = (0..<16).map { (from: $0, weight: Float($0 < 8 ? -1 : 0)) }.sorted { abs($0.weight) > abs($1.weight) }
        let canvas = Canvas(width: 10, height: 4)
        let used = NetworkView.drawWeightImage(incoming, (rows: 4, cols: 4), canvas, Rect(x: 0, y: 0, width: 10, height: 4), colors: false)
        #expect(used == 2)
        #expect(canvas.row(0).hasPrefix("████") && canvas.row(1).hasPrefix("    "), "\(canvas.text)")
    }
}
