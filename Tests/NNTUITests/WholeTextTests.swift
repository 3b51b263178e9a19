import NNDrawing
import Testing

@testable import NNEngine
@testable import NNFiles
@testable import NNSession
@testable import NNTUI

/// What a lesson points the learner at is on screen whole at 80x24: the parameter
/// count under the equations, the W = 0 note, every run's name and fit row, the
/// settings' hint; nothing a view says is cut mid-word where it could wrap.
@Suite struct WholeTextTests {
    /// The equations of 784/100/10 in an 80x24 dashboard's view (42 by 17): the
    /// optimizer's step gives way, the count stays, its parts apart.
    @Test func theParameterCountStaysUnderTheEquations() {
        var run = ViewFixtures.run(preset: try! Preset.load("fashion-mnist"), sizes: [784, 100, 10])
        run.preset.network.layers = [784, 100, 10]
        let lines = EquationsView.layout(run, width: 42, height: 17)
        #expect(lines.count == 17, "\(lines)")
        #expect(lines[14] == "  …" && lines[15] == "N_b = 110   N_w = 79,400" && lines[16] == "parameters = 79,510")
        #expect(lines.allSatisfy { TerminalText.width($0) <= 42 })
        // with room, every line, the step's too
        #expect(EquationsView.layout(run, width: 42, height: 40).contains { $0.hasPrefix("  W ← W − η ĝ") })
    }

    /// The gradients view names the samples the dead column looks at, and the W = 0
    /// note comes whole before the legend, which is left out where it does not fit.
    @Test func theGradientViewsNotesAreWhole() {
        var run = ViewFixtures.run()
        run.preset.network.initializer = .zeros
        let small = GradientView.notes(run, trainCount: 160)
        #expect(small[0].0.hasPrefix("W = 0:") && small[1].0.contains("every one of all 160 training samples"))
        #expect(GradientView.notes(run, trainCount: 54_000)[1].0.contains("the first 1,024 training samples"))
        run.history = EpochHistory(
            (1...5).map { e in
                ViewFixtures.record(
                    e, loss: 0.5, acc: 0.7,
                    layers: (0..<3).map { _ in LayerStatistics(deltaNorm: 1, gradientNorm: 0.01, weightNorm: 1) })
            })
        let canvas = Canvas(width: 42, height: 16)
        GradientView.draw(run, units: nil, trainCount: 160, canvas, Rect(x: 0, y: 0, width: 42, height: 16))
        let text = canvas.text.split(separator: "\n").joined(separator: " ")
        #expect(text.contains("Never start W at 0."), "\(canvas.text)")
        #expect(!text.contains("dead: stuck") || text.contains("to rounding)."), "the legend whole or not at all")
    }

    /// A legend too long beside the title goes under it, every label whole.
    @Test func aLegendTooLongGoesUnderTheTitle() {
        let chart = LineChart(
            title: "loss",
            series: ["1/5/1", "1/20/1", "1/100/1"].enumerated().map { k, label in
                ChartSeries(label: label, values: [1, 0.5, 0.2], color: Palette.series(k))
            })
        let canvas = Canvas(width: 30, height: 12)
        chart.draw(in: canvas, Rect(x: 0, y: 0, width: 30, height: 12))
        let rows = canvas.text.split(separator: "\n", omittingEmptySubsequences: false)
        #expect(rows[1].hasPrefix("━ 1/5/1  ━ 1/20/1  ━ 1/100/1"), "\(canvas.text)")
    }

    /// The homework's four curves (the polynomial and three networks) all have their
    /// row in the fit table at 80x24.
    @Test func theFitTableHasEveryCurveAt80x24() {
        func curve(_ label: String) -> FittedCurve {
            FittedCurve(label: label, y: [0, 1], pointsRMSE: 0.1, truthRMSE: 0.1)
        }
        let fit = FitCurves(
            x: [0, 1], points: (x: [0, 1], y: [0, 1]), truth: [0, 1], polynomial: curve("poly. degree 15"), degree: 15,
            networks: ["1/5/1", "1/20/1", "1/100/1"].map(curve))
        let canvas = Canvas(width: 46, height: 11)
        FitView.draw(fit, hidden: [], canvas, Rect(x: 0, y: 0, width: 46, height: 11))
        for name in ["poly. degree 15", "1/5/1", "1/20/1", "1/100/1"] {
            #expect(canvas.text.contains("━ \(name) "), "\(name):\n\(canvas.text)")
        }
    }

    /// A fixed row's reason under the settings at 80x24 takes the lines it needs.
    @Test func theSettingsHintIsWhole() {
        var s = ViewFixtures.state([ViewFixtures.run(preset: try! Preset.load("fashion-mnist"), sizes: [784, 100, 10])])
        s.width = 80; s.height = 24
        s.focus = .setting(.noise)
        let hint = SettingsView.hint(s, scrolled: true)
        #expect(hint.count > 30, "\(hint)")
        let text = render(s).text
        let words = hint.split(separator: " ")
        #expect(text.contains(String(words.last!)), "the hint's last word shows:\n\(text)")
    }
}
