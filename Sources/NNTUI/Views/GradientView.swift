import Foundation
import NNDrawing
import NNEngine
import NNFiles
import NNSession

/// Per-layer norms of `delta[l]`, `dC/dW[l]` and `W[l]` over the epochs, the share
/// of dead units and how different each layer's units are: the lecture's
/// vanishing-gradient and `W = 0` observations. Each quantity's sparklines share one
/// log scale across the layers, and a chart below draws every layer's `‖dC/dW[l]‖` on
/// one log axis, so a vanishing gradient is a picture, not only a number.
enum GradientView {
    /// `||dC/dW[1]|| / ||dC/dW[L]||` of the last epoch: far below 1 when gradients vanish.
    static func firstToLastRatio(_ run: RunSnapshot) -> Double? {
        guard let layers = run.history.last?.layers, let first = layers.first, let last = layers.last,
            last.gradientNorm > 0
        else { return nil }
        return first.gradientNorm / last.gradientNorm
    }

    /// The geometric mean of each value with up to 4 before it: one mini-batch's
    /// norm is noisy, the trend is the picture.
    static func smoothed(_ v: [Double]) -> [Double] {
        let logs = v.map { $0 > 0 ? log10($0) : .nan }
        return logs.indices.map { i in
            let window = logs[max(0, i - 4)...i].filter(\.isFinite)
            return window.isEmpty ? .nan : pow(10, window.reduce(0, +) / Double(window.count))
        }
    }

    static func draw(
        _ run: RunSnapshot, units: [LayerUnits]?, epochAxis: EpochAxisMode = .automatic, trainCount: Int? = nil,
        _ canvas: Canvas, _ r: Rect
    ) {
        guard let last = run.history.last, !last.layers.isEmpty else {
            canvas.put(r.x + 1, r.y + 1, "waiting for the first epoch…", .dim)
            return
        }
        let L = last.layers.count
        let ratio = firstToLastRatio(run).map { String(format: "%.2e", $0) } ?? "-"
        canvas.put(
            r.x, r.y,
            Format.fitting(
                [
                    "‖dC/dW[1]‖ / ‖dC/dW[\(L)]‖ = \(ratio)   (\(run.preset.network.activation) hidden units)",
                    "‖dC/dW[1]‖/‖dC/dW[\(L)]‖ = \(ratio)",
                ], r.width), .bold, maxWidth: r.width)
        drawTable(run, units: units, canvas, r)
        let chartTop = r.y + 4 + L
        // the notes in order of weight, each whole or not at all
        var lines: [(String, Style)] = []
        for note in notes(run, trainCount: trainCount) {
            let wrapped = Format.wrap(note.0, r.width).map { ($0, note.1) }
            if lines.count + wrapped.count <= r.maxY - chartTop { lines += wrapped }
        }
        let notesTop = r.maxY - lines.count
        if notesTop - chartTop >= 6 {
            var chart = LineChart(
                title: "‖dC/dW[l]‖ per epoch, 5-epoch mean",
                series: (0..<L).map { l in
                    ChartSeries(
                        label: "\(l + 1)", values: smoothed(run.history.map { $0.layers[l].gradientNorm }),
                        color: Palette.series(l))
                }, logScale: true)
            chart.shortTitle = "‖dC/dW‖"
            chart.epochAxis(of: [run.history], epochAxis)
            chart.draw(in: canvas, Rect(x: r.x, y: chartTop, width: r.width, height: notesTop - chartTop))
        }
        for (k, (line, style)) in lines.enumerated() where max(notesTop, chartTop) + k < r.maxY {
            canvas.put(r.x, max(notesTop, chartTop) + k, line, style, maxWidth: r.width)
        }
    }

    /// A row a layer: up to three norms (‖δ‖, ‖dC/dW‖, ‖W‖; a sparkline each where there is
    /// room, and the last value), the dead share and the units' spread.
    static func drawTable(_ run: RunSnapshot, units: [LayerUnits]?, _ canvas: Canvas, _ r: Rect) {
        let L = run.history.last?.layers.count ?? 0
        // columns: layer 8, up to three quantities (a sparkline where there is room, and
        // the value: 11), dead 7, spread 9; narrow panels keep ‖dC/dW‖ first, then ‖δ‖
        let all: [(String, KeyPath<LayerStatistics, Double>, Color)] = [
            ("‖δ[l]‖", \.deltaNorm, .cyan), ("‖dC/dW[l]‖", \.gradientNorm, .yellow), ("‖W[l]‖", \.weightNorm, .green),
        ]
        let fit = (r.width - 8 - 16) / 11
        let quantities = fit >= 3 ? all : (fit == 2 ? [all[0], all[1]] : [all[1]])
        let spark = min(24, max(0, (r.width - 8 - 16) / quantities.count - 12))
        let column = spark + (spark > 0 ? 1 : 0) + 11
        var head = Format.pad("layer", 8)
        for (name, _, _) in quantities { head += Format.pad(name, column) }
        canvas.put(r.x, r.y + 2, head + Format.pad("dead", 7) + "spread", .dim, maxWidth: r.width)
        for (q, (_, path, color)) in quantities.enumerated() {
            let values = run.history.flatMap { $0.layers.map { $0[keyPath: path] } }.filter { $0 > 0 && $0.isFinite }
            let range = (values.min() ?? 1e-12, values.max() ?? 1)
            for l in 0..<L where r.y + 3 + l < r.maxY {
                let x = r.x + 8 + q * column, y = r.y + 3 + l
                let values = run.history.map { $0.layers[l][keyPath: path] }
                if spark > 0 {
                    Sparkline.draw(
                        canvas, x: x, y: y, width: spark, values: values, style: Style(fg: color), range: range,
                        log: true)
                }
                canvas.put(x + spark + (spark > 0 ? 1 : 0), y, String(format: "%.2e", values.last ?? 0), .plain)
            }
        }
        for l in 0..<L where r.y + 3 + l < r.maxY {
            let y = r.y + 3 + l, x = r.x + 8 + quantities.count * column
            canvas.put(r.x, y, "layer \(l + 1)", .bold)
            guard let units, l < units.count else { continue }
            let s = units[l]
            canvas.put(
                x, y, l == L - 1 ? "output" : Format.percent(s.deadShare),
                s.deadShare > 0.5 ? Style(fg: .red, bold: true) : .plain)
            if run.sizes[l + 1] == 1 {
                canvas.put(x + 7, y, "-", .dim)  // one unit: nothing to differ from
            } else {
                // units the same up to rounding read as identical: 0, in red
                canvas.put(
                    x + 7, y, s.identical ? "0" : String(format: "%.2e", s.spread),
                    s.identical ? Style(fg: .red, bold: true) : .plain)
            }
        }
    }

    /// (W = 0) why the units stay identical, then what the columns mean, in order of
    /// weight; `trainCount` names the samples the dead column looks at.
    static func notes(_ run: RunSnapshot, trainCount: Int?) -> [(String, Style)] {
        var notes: [(String, Style)] = []
        if run.preset.network.initializer == .zeros {
            notes.append(
                (
                    "W = 0: all units of a layer compute the same and get the same gradient, so they stay identical "
                        + "(spread 0); "
                        + "with tanh or relu (f(0) = 0) no weight gets a gradient at all and only the output bias "
                        + "moves. Never start W at 0.",
                    Style(fg: .yellow, bold: true)
                ))
        }
        let most = ViewComputations.statisticsSamples
        let samples =
            trainCount.flatMap { $0 <= most ? "all \(Format.grouped($0)) training samples" : nil }
            ?? "the first \(Format.grouped(most)) training samples"
        notes.append(
            (
                "dead: stuck on every one of \(samples) (ReLU never active, sigmoid/tanh saturated). "
                    + "spread: RMS distance of a unit's weights and bias from its layer's mean unit (0: the same up "
                    + "to rounding).",
                .dim
            ))
        return notes
    }
}
