import Testing

@testable import NNDrawing

/// Views render into an in-memory Canvas; these compare what they draw.
@Suite struct WidgetTests {
    @Test func sparklineScalesBetweenMinAndMax() {
        #expect(Sparkline.text([1, 2, 3, 4, 5, 6, 7, 8], width: 8) == "▁▂▃▄▅▆▇█")
        #expect(Sparkline.text([5, 5, 5], width: 8) == "▄▄▄")
        #expect(Sparkline.text([1, .nan, 8, .infinity], width: 8) == "▁█")
        // the whole series, averaged in groups: not the last `width` values
        #expect(Sparkline.text([1, 1, 3, 3, 5, 5, 7, 7], width: 4) == "▁▃▆█")
        #expect(
            Sparkline.bucketed(Array(repeating: 10, count: 100) + [1, 2, 3, 4], width: 4).map {
                ($0 * 100).rounded() / 100
            } == [10, 10, 10, 8.85])
        // a shared log scale: 1e-5 sits low against 1
        #expect(Sparkline.text([1e-5, 1e-5], width: 2, range: (1e-6, 1), log: true) == "▂▂")
    }

    @Test func panelDrawsABox() {
        let c = Canvas(width: 10, height: 3)
        Panel.draw(c, Rect(x: 0, y: 0, width: 10, height: 3), title: "ab")
        #expect(c.text == "┌─ ab ───┐\n│        │\n└────────┘")
    }

    @Test func lineChartDrawsBrailleWithAxes() {
        let c = Canvas(width: 20, height: 6)
        var chart = LineChart(title: "t", series: [ChartSeries(label: "s", values: [3, 2, 1], color: .cyan)])
        chart.showLegend = false
        chart.draw(in: c, Rect(x: 0, y: 0, width: 20, height: 6))
        #expect(
            c.text == """
                t
                   3.00┤⠑⠢⣀
                       ┤   ⠑⠢⣀
                       ┤      ⠑⠢⣀
                   1.00┤         ⠉⠢⢄
                        1          3
                """)
        #expect(c.row(1).contains("3.00┤"))
        #expect(c.row(4).contains("1.00┤"))
        #expect(c.row(5).contains("1") && c.row(5).contains("3"))
        #expect(c.text.unicodeScalars.contains { (0x2801...0x28FF).contains($0.value) })
    }

    @Test func lineChartSkipsNonFiniteValues() {
        let c = Canvas(width: 20, height: 6)
        LineChart(title: "t", series: [ChartSeries(label: "s", values: [.nan, .infinity], color: .cyan)]).draw(
            in: c, Rect(x: 0, y: 0, width: 20, height: 6))
        #expect(c.text.contains("waiting for"))
        #expect(!c.text.contains("nan"))
    }
}
