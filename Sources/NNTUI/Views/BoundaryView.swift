import NNCore
import NNDrawing

/// The network's prediction over the input plane as half-block cells (two grid rows
/// a cell: `▀` with the upper class as foreground, the lower as background), with
/// the training (filled) and validation (hollow) points on top, one glyph per class.
/// Without colours the regions are shaded `' ░▒▓'` by class instead.
enum BoundaryView {
    static let filled: [Unicode.Scalar] = ["●", "▲", "■", "◆", "★", "✚"]
    static let hollow: [Unicode.Scalar] = ["○", "△", "□", "◇", "☆", "✛"]
    static let shades: [Unicode.Scalar] = [" ", "░", "▒", "▓", "█", "▚"]

    static func draw(_ state: AppState, _ canvas: Canvas, _ r: Rect) {
        guard let grid = state.snapshot.boundary, let data = state.snapshot.data, r.height > 2 else {
            canvas.put(r.x + 1, r.y + 1, "computing the decision boundary…", .dim)
            return
        }
        let area = Rect(x: r.x, y: r.y, width: r.width, height: r.height - 1)
        func cls(_ cx: Int, _ gy: Int) -> Int {
            let gx = min(cx * grid.columns / max(area.width, 1), grid.columns - 1)
            let row = min(gy * grid.rows / max(2 * area.height, 1), grid.rows - 1)
            return grid.predicted[row * grid.columns + gx]
        }
        for cy in 0..<area.height {
            for cx in 0..<area.width {
                let upper = cls(cx, 2 * cy), lower = cls(cx, 2 * cy + 1)
                if state.colors {
                    canvas.set(area.x + cx, area.y + cy, "▀", Style(fg: Palette.series(upper), bg: Palette.series(lower)))
                } else {
                    canvas.set(area.x + cx, area.y + cy, shades[upper % shades.count])
                }
            }
        }
        let (x0, x1) = grid.xRange, (y0, y1) = grid.yRange
        for (px, py, c, isValidation) in data.points {
            let cx = Int((px - x0) / (x1 - x0) * Float(area.width))
            let cy = Int((y1 - py) / (y1 - y0) * Float(area.height))
            guard cx >= 0, cy >= 0, cx < area.width, cy < area.height else { continue }
            let glyph = (isValidation ? hollow : filled)[c % filled.count]
            let bg = state.colors ? Palette.series(cls(cx, 2 * cy + 1)) : Color.default
            canvas.set(area.x + cx, area.y + cy, glyph, Style(fg: state.colors ? .black : .default, bg: bg, bold: true))
        }
        var legend = ""
        for (k, name) in data.classNames.enumerated() { legend += "\(filled[k % filled.count]) \(name)  " }
        legend += "filled: train  hollow: validation"
        canvas.put(r.x, r.maxY - 1, legend, .dim, maxWidth: r.width)
        for (k, _) in data.classNames.enumerated() where state.colors {
            canvas.set(r.x + 4 * k, r.maxY - 1, filled[k % filled.count], Style(fg: Palette.series(k), bold: true))
        }
    }
}
