import Foundation
import Testing

@testable import NNDrawing
@testable import NNEngine
@testable import NNFiles
@testable import NNSession
@testable import NNTUI

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
            for k in 4..<setting.count {
                #expect(!text.contains(String(setting.prefix(k)) + " "), "\(setting) cut at \(k):\n\(text)")
            }
        }
    }

    @Test func aVariedRunIsNamedByItsValue() throws {
        let specs = try Comparison.specs(
            base: try Preset.load("lawrence-giles"), variation: .values(key: "network.layers", ["1/5/1", "1/100/1"]))
        #expect(
            specs.map(\.label) == ["1/5/1", "1/100/1"] && specs.map(\.setting) == ["layers=1/5/1", "layers=1/100/1"])
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
        for part in [
            "  l=2  W 16x16  Z, A 16x32  f = tanh", "  δ[l-1] = tanh'(Z[l-1]) ⊙ (W[l]ᵀ δ[l])", "  δ[3] = A[3] - T",
            "N_b = 35   N_w = 336   parameters = 371",
        ] {
            #expect(lines.contains(part), "missing \(part): \(lines)")
        }
        #expect(lines.contains { $0.contains("β2 = 0.999") } && lines.contains { $0.contains("ε = 1e-08") })
    }

    @Test func narrowPanelsWrapTheSizesAndTheStepIsShown() {
        var run = ViewFixtures.run(sizes: [2, 16, 16, 3])
        run.batchSize = 32
        let lines = EquationsView.layout(run, width: 44)
        #expect(
            lines.contains("  Z[1] = b[1] + W[1] A[0]") && lines.contains("      16x32 = 16x1 + 16x2 · 2x32"),
            "\(lines)")
        #expect(lines.filter { $0.hasPrefix("  δ[") }.allSatisfy { TerminalText.width($0) <= 44 }, "\(lines)")
        // the preset's adam, with its own values
        #expect(
            lines.contains("step  (adam, η = 0.003)") && lines.contains("  ḡ ← β1 ḡ + (1 − β1) g      β1 = 0.9"),
            "\(lines)")
        var sgd = run
        sgd.preset.optimizer.kind = .momentum
        sgd.preset.training.weightDecay = 0.01
        let m = EquationsView.lines(sgd)
        #expect(
            m.contains("  g = dC/dW + λ W") && m.contains("  u ← μ u + g      μ = 0.9") && m.contains("  W ← W − η u"),
            "\(m)")
    }
}
