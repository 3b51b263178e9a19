import Foundation
import Testing

@testable import NNDrawing

/// What a log or a data file can hold (NaN, ±infinity, ±1e308, control characters,
/// wide and combining characters) drawn without a trap and without misaligning.
@Suite struct ExtremeValueTests {
    static let extremes: [Double] = [
        .nan, .infinity, -.infinity, 1e308, -1e308, .greatestFiniteMagnitude,
        -.greatestFiniteMagnitude, .leastNonzeroMagnitude, 0, -0.0, 1, 1e-300,
    ]

    /// Seeded series of extreme and ordinary values, on a linear and a log scale, with
    /// and without x positions: every chart draws (or says it waits) without trapping.
    @Test func chartsDrawAnySeries() {
        var state: UInt64 = 7
        func next(_ n: Int) -> Int {
            state = state &* 6364136223846793005 &+ 1442695040888963407; return Int(state >> 33) % n
        }
        for round in 0..<400 {
            let count = 1 + next(40)
            let values = (0..<count).map { _ in
                next(3) == 0 ? Double(next(100)) : Self.extremes[next(Self.extremes.count)]
            }
            var chart = LineChart(
                title: "t", series: [ChartSeries(label: "a", values: values, color: .red)], logScale: round % 2 == 0)
            if round % 3 == 0 { chart.series[0].xs = values.reversed() }
            if round % 5 == 0 { chart.yRange = (values.first ?? 0, values.last ?? 1) }
            let c = Canvas(width: 40, height: 12)
            chart.draw(in: c, Rect(x: 0, y: 0, width: 40, height: 12))
            // with the series' own x and y ranges (as the views draw them), never a blank
            // plot: dots, or the line that says it waits
            guard round % 3 != 0 && round % 5 != 0 else { continue }
            let dots = c.text.unicodeScalars.contains { (0x2801...0x28FF).contains($0.value) }
            #expect(dots || c.text.contains("waiting for the first epoch"), "round \(round): \(values)\n\(c.text)")
        }
    }

    /// A share that is not a number is shown as missing, never `-inf%` or `nan%`.
    @Test func aPercentIsOfAFiniteShare() {
        #expect(Format.percent(-.infinity) == "-" && Format.percent(.nan) == "-" && Format.percent(nil) == "-")
        #expect(Format.percent(1) == "100.0%" && Format.percent(0.9312) == "93.1%")
    }

    /// A range from -1e308 to 1e308 places its ends at the edges, not at NaN.
    @Test func aRangeWiderThanTheLargestDoubleDoesNotOverflow() {
        #expect(Scale.share(1e308, -1e308, 1e308) == 1)
        #expect(Scale.share(-1e308, -1e308, 1e308) == 0)
        #expect(Scale.share(0, -1e308, 1e308) == 0.5)
        #expect(Scale.share(.nan, 0, 1) == nil && Scale.share(1, 1, 1) == nil)
        #expect(Scale.cell(3e38, -3e38, 3e38, cells: 10) == nil && Scale.cell(2.9e38, -3e38, 3e38, cells: 10) == 9)
        let c = Canvas(width: 40, height: 10)
        LineChart(title: "x", series: [ChartSeries(label: "a", values: [-1e308, 1e308], color: .red)]).draw(
            in: c, Rect(x: 0, y: 0, width: 40, height: 10))
        #expect(c.text.contains(" 1e+308┤") && c.text.contains("-1e+308┤") && !c.text.contains("nan"), "\(c.text)")
    }

    /// A log x axis is labelled at its decades, never with bare exponents.
    @Test func aLogAxisShowsDecades() {
        let lrs = (0...60).map { 1e-7 * pow(10, Double($0) / 7.5) }
        let c = Canvas(width: 78, height: 12)
        LineChart(title: "loss", label: "loss", values: lrs.map { 1 + log10($0) / 10 }, logX: lrs, color: .cyan)
            .draw(in: c, Rect(x: 0, y: 0, width: 78, height: 12))
        let axis = c.row(11)
        #expect(axis.contains("1e-6") && axis.contains("1e-3") && axis.contains("1e0"), "\(axis)")
        #expect(!axis.contains(" -7") && !axis.contains(" 1 "), "\(axis)")
    }

    @Test func coloursOfAnyShareAreColours() {
        for v in Self.extremes {
            let dimmed = Color.red.dimmed(v)
            #expect(dimmed.index >= 16 && dimmed.index <= 231)
        }
        #expect(Color.red.dimmed(.nan) == Color.red.dimmed(0))
    }

    /// Control characters are drawn as �; a wide character takes two cells and a
    /// combining one none, so what follows stays in its column.
    @Test func userTextIsDrawnSafelyAndByItsWidth() {
        let c = Canvas(width: 12, height: 1)
        c.put(0, 0, "a\u{1B}[2Jb\n")
        #expect(c.row(0).hasPrefix("a�[2Jb�"))
        #expect(TerminalText.width("日本") == 4 && TerminalText.width("e\u{301}") == 1 && TerminalText.width("🙂") == 2)
        let w = Canvas(width: 10, height: 2)
        w.put(0, 0, Format.pad("日本", 6) + "|")
        w.put(0, 1, Format.pad("e\u{301}x", 6) + "|")
        // the bar stands in column 6 on both rows
        #expect(w[6, 0].char == "|" && w[6, 1].char == "|")
        #expect(w[1, 0].char == Cell.continuation)
        // a wide character that does not fit whole is not drawn half
        let edge = Canvas(width: 3, height: 1)
        edge.put(0, 0, "a日本")
        #expect(edge.row(0) == "a日")
        #expect(Format.pad("日本語", 5) == "日本 ")
        #expect(TerminalText.cleaned("x\u{2028}y\u{7F}") == "x�y�")
    }
}
