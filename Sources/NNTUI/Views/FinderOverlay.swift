import Foundation
import NNDrawing
import NNEngine
import NNFiles
import NNSession

/// The learning-rate finder (`f`): the smoothed loss against the rate on a log axis,
/// the suggestion marked; enter applies it to the run, esc closes.
enum FinderOverlay {
    static func draw(_ result: LearningRateFinder.Result?, _ canvas: Canvas, _ r: Rect) {
        canvas.fill(r)
        let inner = Panel.draw(
            canvas, r, title: "learning-rate finder   ↵ apply · esc close", titleStyle: Style(fg: .yellow, bold: true))
        guard let result, !result.points.isEmpty else {
            canvas.put(
                inner.x + 1, inner.y + 1, "running the range test from a copy of the weights…", .dim,
                maxWidth: inner.width - 2)
            return
        }
        if let suggested = result.suggested {
            let summary = String(format: "suggested lr %.3g", suggested)
            canvas.put(
                inner.x, inner.y,
                Format.fitting(
                    [
                        summary
                            + String(
                                format: "  (steepest descent %.3g, minimum/10 %.3g)  ↵ applies it", result.steepest,
                                result.minimumOverTen),
                        summary + "  ↵ applies it", summary,
                    ], inner.width), .bold, maxWidth: inner.width)
        } else {
            canvas.put(
                inner.x, inner.y,
                Format.fitting(
                    [
                        LearningRateFinder.noDescent + " i tests the initial weights.",
                        "no suggestion: the loss did not fall (trained weights?); i tests the initial weights",
                        "no suggestion: the loss did not fall; i: from the start",
                    ], inner.width), Style(fg: .red, bold: true), maxWidth: inner.width)
        }
        let chartRect = Rect(x: inner.x, y: inner.y + 1, width: inner.width, height: inner.height - 2)
        var chart = LineChart(
            title: "smoothed loss against the learning rate (log)", label: "loss",
            values: result.points.map(\.smoothed),
            logX: result.points.map { Double($0.lr) }, color: .cyan)
        chart.showLegend = false
        chart.yRange = result.usefulLossRange
        chart.draw(in: canvas, chartRect)
        // the suggestion: a marker under the chart at its place on the log axis
        guard let suggested = result.suggested, let x = chart.column(ofX: Double(suggested), in: chartRect) else {
            return
        }
        let mark = String(format: "▲ %.3g", suggested)
        if x >= inner.x && x < inner.maxX {
            canvas.put(min(x, inner.maxX - mark.count), inner.maxY - 1, mark, Style(fg: .yellow, bold: true))
        }
    }
}
