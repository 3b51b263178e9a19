import NNCore
import NNDrawing

/// Per-layer norms of `delta[l]`, `dC/dW[l]` and `W[l]` over the epochs, and the
/// share of stuck units (dead ReLUs, saturated sigmoid/tanh): the vanishing
/// gradient observation of the lecture.
enum GradientView {
    /// `||dC/dW[1]|| / ||dC/dW[L]||` of the last epoch: far below 1 when gradients vanish.
    static func firstToLastRatio(_ run: RunSnapshot) -> Double? {
        guard let layers = run.history.last?.layers, let first = layers.first, let last = layers.last, last.gradientNorm > 0 else { return nil }
        return first.gradientNorm / last.gradientNorm
    }

    static func draw(_ run: RunSnapshot, _ canvas: Canvas, _ r: Rect) {
        guard let last = run.history.last, !last.layers.isEmpty else {
            canvas.put(r.x + 1, r.y + 1, "waiting for the first epoch…", .dim)
            return
        }
        let ratio = firstToLastRatio(run).map { String(format: "%.2e", $0) } ?? "-"
        canvas.put(r.x, r.y, "‖dC/dW[1]‖ / ‖dC/dW[\(last.layers.count)]‖ = \(ratio)   (\(run.preset.network.activation) hidden units)", .bold, maxWidth: r.width)
        let spark = max(6, (r.width - 52) / 3)
        let head = Format.pad("layer", 9) + Format.pad("‖δ[l]‖", spark + 10) + Format.pad("‖dC/dW[l]‖", spark + 10) + Format.pad("‖W[l]‖", spark + 10) + Format.pad("stuck", 8) + "spread"
        canvas.put(r.x, r.y + 2, head, .dim, maxWidth: r.width)
        for l in 0..<last.layers.count where r.y + 3 + l < r.maxY {
            let y = r.y + 3 + l
            canvas.put(r.x, y, Format.pad("layer \(l + 1)", 9), .bold)
            var x = r.x + 9
            for (values, color) in [(run.history.map { $0.layers[l].deltaNorm }, Color.cyan),
                                    (run.history.map { $0.layers[l].gradientNorm }, Color.yellow),
                                    (run.history.map { $0.layers[l].weightNorm }, Color.green)] {
                Sparkline.draw(canvas, x: x, y: y, width: spark, values: values, style: Style(fg: color))
                canvas.put(x + spark + 1, y, String(format: "%.2e", values.last ?? 0), .plain)
                x += spark + 10
            }
            let stuck = l == last.layers.count - 1 ? "output" : Format.percent(last.layers[l].stuckShare)
            canvas.put(x, y, stuck, last.layers[l].stuckShare > 0.5 ? Style(fg: .red, bold: true) : .plain)
            let spread = last.layers[l].unitSpread
            if run.sizes[l + 1] == 1 {
                canvas.put(x + 8, y, "-", .dim)  // one unit: nothing to differ from
            } else {
                canvas.put(x + 8, y, spread == 0 ? "0" : String(format: "%.2e", spread), spread == 0 ? Style(fg: .red, bold: true) : .plain)
            }
        }
        var y = r.y + 4 + last.layers.count
        var notes: [(String, Style)] = [
            ("stuck: dead ReLUs (z ≤ 0) or saturated sigmoid/tanh units (f'(z) < 1% of its peak) in the last mini-batch.", .dim),
            ("spread: how different a layer's units are (RMS distance of each unit's weights and bias from the layer's mean unit).", .dim),
        ]
        if run.preset.network.initializer == .zeros {
            notes.append(("W = 0: all units of a layer compute the same and get the same gradient, so they stay identical (spread 0); "
                          + "with tanh or relu (f(0) = 0) no weight gets a gradient at all and only the output bias moves. Never start W at 0.",
                          Style(fg: .yellow, bold: true)))
        }
        for (note, style) in notes {
            for line in Format.wrap(note, r.width) where y < r.maxY {
                canvas.put(r.x, y, line, style, maxWidth: r.width)
                y += 1
            }
        }
    }
}
