import Foundation
import Testing

@testable import NNDrawing
@testable import NNEngine
@testable import NNFiles
@testable import NNSession
@testable import NNTUI

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
        for y in 0..<30 {
            for x in 9..<36 where c[x, y].style.fg == .magenta && (0x2801...0x28FF).contains(c[x, y].char.value) {
                leftDots += 1
            }
        }
        #expect(leftDots >= 5, "only \(leftDots) cells of the polynomial left of x = 0.4:\n\(text)")
    }
}

/// Runs that train on different costs are never overlaid on one loss axis.
@Suite struct CostComparisonTests {
    @Test func differentCostsOverlayAccuracy() throws {
        var bce = ViewFixtures.run(
            label: "bce", preset: try Preset.load("xor-sigmoid"), sizes: [2, 8, 8, 1], losses: [0.7, 0.5, 0.3])
        var mse = ViewFixtures.run(
            label: "mse", preset: try Preset.load("xor-sigmoid"), sizes: [2, 8, 8, 1], losses: [0.1, 0.09, 0.08])
        bce.preset.network.cost = .bce
        mse.preset.network.cost = .mse
        var s = ViewFixtures.state([bce, mse])
        s.snapshot.compareMode = true
        #expect(CompareView.costsDiffer(s))
        #expect(CompareView.lossValues(s, s.snapshot.runs[1]) == s.snapshot.runs[1].history.map { $0.trainAccuracy! })
        let text = render(s).text
        #expect(text.contains("training accuracy: the runs' costs (bce, mse) are not comparable"), "\(text)")
        #expect(!text.contains("loss (binary cross-entropy)"), "\(text)")
        // the runs table's sparkline column is named for what it draws
        let head = try #require(text.split(separator: "\n").first { $0.contains("  run ") && $0.contains("state") })
        #expect(head.contains(" accuracy ") && !head.contains(" loss "), "\(head)")
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
        #expect(render(s).text.contains("epoch axis: log"), "L says what it did")
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
        var chart = LineChart(
            title: "",
            series: [
                ChartSeries(label: "a", values: Array(repeating: 1, count: 100), color: .cyan),
                ChartSeries(label: "b", values: Array(repeating: 1, count: 50), color: .yellow),
            ])
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
