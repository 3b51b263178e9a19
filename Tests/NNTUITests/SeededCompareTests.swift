import Foundation
import Testing

@testable import NNDrawing
@testable import NNEngine
@testable import NNFiles
@testable import NNSession
@testable import NNTUI

/// A comparison over seeds in the dashboard: the set-up's seeds row, a row a variant
/// with its spread and the verdict, keys acting on a variant's every seed.
@Suite struct SeededCompareTests {
    /// Variants a and b over 3 seeds: a reaches 90% at epoch 5 at every seed, b never.
    static func state(width: Int = 80, height: Int = 24) -> AppState {
        let a = (1...3).map { ViewFixtures.run(label: "a seed \($0)", losses: [1.0, 0.6, 0.3, 0.1, 0.05]) }
        let b = (1...3).map { ViewFixtures.run(label: "b seed \($0)", losses: [1.0, 0.9, 0.8, 0.7, 0.6]) }
        var s = ViewFixtures.state(a + b, width: width, height: height)
        s.snapshot.variants = ["a", "b"]
        return s
    }

    @Test func theSetUpRacesEachVariantOverTheSeedsChosen() throws {
        var s = ViewFixtures.state([ViewFixtures.run()])
        s.compareSeeds = 5
        _ = update(&s, .key(.char("c")))
        #expect(render(s).text.contains("seeds 5: each variant over seeds 1 to 5, paired"))
        _ = update(&s, .key(.char("+")))
        _ = update(&s, .key(.char("+")))
        _ = update(&s, .key(.char("-")))
        let intents = update(&s, .key(.enter))
        guard case .compare(_, let seeds)? = intents.first else { Issue.record("\(intents)"); return }
        #expect(seeds == 8)
    }

    @Test(arguments: [(80, 24), (120, 40)])
    func aRowAVariantWithItsSpreadAndTheVerdict(size: (Int, Int)) {
        let s = Self.state(width: size.0, height: size.1)
        #expect(s.grouped && s.rowCount == 2 && s.snapshot.seedsPerVariant == 3)
        let text = render(s).text
        #expect(text.contains("variants over 3 seeds"), "\(text)")
        let rows = text.split(separator: "\n").map(String.init)
        #expect(rows.contains { $0.contains("━ a ") && $0.contains("3 of 3") }, "\(text)")
        #expect(rows.contains { $0.contains("━ b ") && $0.contains("0 of 3") }, "\(text)")
        #expect(text.contains("a reached 90% before b in 3 of 3 seeds; sign test p = 0.25"), "\(text)")
        // the chart's legend names the variants with their seeds
        #expect(text.contains("a ×3") && text.contains("b ×3"))
    }

    /// Keys act on the selected variant: its rate at every seed, promotion of its first
    /// seed, hiding the whole variant.
    @Test func keysActOnTheSelectedVariant() {
        var s = Self.state()
        _ = update(&s, .key(.down))
        #expect(s.selectedRun == 1 && s.run?.label == "b seed 1")
        #expect(update(&s, .key(.char("+"))) == (3...5).map { .step(.learningRate, by: 1, run: $0) })
        _ = update(&s, .key(.char("h")))
        #expect(s.hiddenRuns == [1])
        _ = update(&s, .key(.down))
        #expect(s.selectedRun == 0)
        _ = update(&s, .key(.down))
        #expect(update(&s, .key(.enter)) == [.promote(3)])
    }

    /// `s` cycles what a variant's spread is drawn as: its seeds' range, their quartiles,
    /// every seed's own faint curve under the median.
    @Test func theSpreadKeyCyclesBandsAndSeeds() {
        var s = Self.state()
        let rows = [0, 1]
        let range = CompareView.rowSeries(s, rows) { $0.history.map(\.trainLoss) }
        #expect(range.count == 2 && range[0].band != nil && CompareView.seedSeries(s, rows) { _ in [] }.isEmpty)
        _ = update(&s, .key(.char("s")))
        #expect(s.spread == .quartiles)
        #expect(CompareView.rowSeries(s, rows) { $0.history.map(\.trainLoss) }[0].band != nil)
        _ = update(&s, .key(.char("s")))
        #expect(s.spread == .seeds && CompareView.rowSeries(s, rows) { $0.history.map(\.trainLoss) }[0].band == nil)
        let faint = CompareView.seedSeries(s, rows) { $0.history.map(\.trainLoss) }
        #expect(faint.count == 6 && faint.allSatisfy { $0.label.isEmpty })
        #expect(render(s).text.contains("s: every seed"))
        _ = update(&s, .key(.char("s")))
        #expect(s.spread == .range)
    }

    /// `P` saves the race as each variant's median over a band of its seeds.
    @Test func theSavedFigureDrawsBands() throws {
        let s = Self.state()
        let (figure, name) = try #require(ViewFigure.make(s))
        #expect(name == "spiral-tanh-compare-seeds" && figure.bands.count == 2)
        #expect(figure.series.map(\.label) == ["a (median of 3)", "b (median of 3)"])
    }

    /// `E` shows the selected variant's seeds as rows of their own under it; keys then act
    /// on one seed (its rate, hiding it, promoting it), and `E` again folds them back.
    @Test func aVariantExpandsIntoItsSeeds() {
        var s = Self.state()
        _ = update(&s, .key(.down))
        _ = update(&s, .key(.char("E")))
        #expect(s.expandedVariant == 1 && s.rowCount == 5 && s.selectedRun == 1)
        #expect((0..<5).map(s.compareRow) == [.variant(0), .variant(1)] + (0..<3).map { .seed(variant: 1, seed: $0) })
        let text = render(s).text
        for k in 1...3 { #expect(text.contains("╰ seed \(k)"), "\(text)") }
        _ = update(&s, .key(.down))
        _ = update(&s, .key(.down))
        #expect(s.selectedRun == 3 && s.runIndices(3) == 4..<5 && s.run?.label == "b seed 2")
        #expect(update(&s, .key(.char("+"))) == [.step(.learningRate, by: 1, run: 4)])
        _ = update(&s, .key(.char("h")))
        #expect(s.hiddenRuns == [3] && render(s).text.contains("- seed 2"))
        // the seed's own curve in the race, in its variant's colour, dimmed
        let series = CompareView.rowSeries(s, [1, 3]) { $0.history.map(\.trainLoss) }
        #expect(series[1].label == "b seed 2" && series[1].band == nil && series[0].band != nil)
        #expect(update(&s, .key(.enter)) == [.promote(4)])
        var folded = Self.state()
        _ = update(&folded, .key(.char("E")))
        _ = update(&folded, .key(.down))
        _ = update(&folded, .key(.down))
        _ = update(&folded, .key(.char("h")))
        _ = update(&folded, .key(.char("E")))
        #expect(folded.expandedVariant == nil && folded.rowCount == 2 && folded.selectedRun == 0)
        #expect(folded.hiddenRuns.isEmpty)
    }

    /// A grid of two keys draws its heat map: a row a value of the first key, a column a
    /// value of the second, each cell its variant's median; the best marked; `V` switches
    /// accuracy for loss.
    @Test(arguments: [(80, 24), (120, 40)])
    func aGridOfTwoKeysShowsItsHeatMap(size: (Int, Int)) {
        let losses: [[Double]] = [[1, 0.5, 0.2], [1, 0.9, 0.8], [1, 0.7, 0.4], [1, 0.95, 0.9]]
        let runs = losses.enumerated().flatMap { v, l in
            (1...2).map { ViewFixtures.run(label: "v\(v) seed \($0)", losses: l) }
        }
        var s = ViewFixtures.state(runs, width: size.0, height: size.1)
        s.snapshot.variants = ["sgd 0.1", "sgd 0.01", "adam 0.1", "adam 0.01"]
        s.snapshot.grid = [
            Variation.Axis(key: "optimizer.name", values: ["sgd", "adam"]),
            Variation.Axis(key: "optimizer.lr", values: ["0.1", "0.01"]),
        ]
        let map = try! #require(GridView.model(s))
        #expect(map.rows == ["sgd", "adam"] && map.columns == ["0.1", "0.01"])
        #expect(map.best! == (0, 0) && map.share(0, 0) == 1)
        let text = render(s).text
        #expect(text.contains("median validation accuracy"), "\(text)")
        let rows = text.split(separator: "\n").map(String.init)
        #expect(rows.contains { $0.contains("sgd ") && $0.contains("%*") }, "\(text)")
        _ = update(&s, .key(.char("V")))
        #expect(s.gridMeasure == .loss && GridView.model(s)!.texts[0] == Format.value(0.2 * 1.1, digits: 3))
        #expect(render(s).text.contains("median final validation loss"))
        _ = update(&s, .key(.char("V")))
        #expect(s.gridMeasure == .accuracy)
    }
}
