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
        let apply = KeyMap.key(for: .applySuggestion), close = KeyMap.key(for: .closeFinder(quit: false))
        let again = KeyMap.key(for: .testFromStart)
        let inner = Panel.draw(
            canvas, r,
            title: Format.fitting(
                [
                    "learning-rate finder   \(apply) apply · \(close) close",
                    "lr finder   \(apply) apply · \(close) close", "lr finder  \(apply) · \(close)",
                ], r.width - 6), titleStyle: Style(fg: .yellow, bold: true))
        guard let result, !result.points.isEmpty else {
            canvas.put(
                inner.x + 1, inner.y + 1, "running the range test from a copy of the weights…", .dim,
                maxWidth: inner.width - 2)
            return
        }
        var top = 1
        if let suggested = result.suggested {
            let summary = String(format: "suggested lr %.3g", suggested)
            canvas.put(
                inner.x, inner.y,
                Format.fitting(
                    [
                        summary
                            + String(
                                format: "  (steepest descent %.3g, minimum/10 %.3g)  ", result.steepest,
                                result.minimumOverTen) + "\(apply) applies it",
                        summary + "  \(apply) applies it", summary,
                    ], inner.width), .bold, maxWidth: inner.width)
        } else {
            // why there is none, and what to do, whole: wrapped where one line is too narrow
            let why =
                TerminalText.width(LearningRateFinder.noDescent + " \(again) tests the initial weights.") <= inner.width
                ? [LearningRateFinder.noDescent + " \(again) tests the initial weights."]
                : Format.wrap(
                    "no suggestion: the loss did not fall (trained weights?); \(again) tests the initial weights",
                    inner.width)
            for (k, line) in why.prefix(3).enumerated() {
                canvas.put(inner.x, inner.y + k, line, Style(fg: .red, bold: true), maxWidth: inner.width)
            }
            top = min(why.count, 3)
        }
        let chartRect = Rect(x: inner.x, y: inner.y + top, width: inner.width, height: inner.height - 1 - top)
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
