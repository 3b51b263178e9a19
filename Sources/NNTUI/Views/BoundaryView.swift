import NNDrawing
import NNEngine
import NNFiles
import NNSession

/// The network's prediction over the input plane as half-block cells (two grid rows
/// a cell: `▀` with the upper half as foreground, the lower as background), each
/// region in its class colour mixed toward black as the network is less sure (four
/// shades with 256 colours, the plain class colour with 8); the points on top in
/// their class colour on black, training filled, validation hollow, misclassified
/// ones as `✕`. Without colours the regions are shaded `' ░▒▓'` by class instead.
/// `T` hides the validation points, `.` every point, `B` draws the regions in their
/// flat class colour (Playground's "discretize output").
enum BoundaryView {
    static let filled: [Unicode.Scalar] = ["●", "▲", "■", "◆", "★", "✚"]
    static let hollow: [Unicode.Scalar] = ["○", "△", "□", "◇", "☆", "✛"]
    static let shades: [Unicode.Scalar] = [" ", "░", "▒", "▓", "█", "▚"]

    /// Class `c`'s colour at confidence `p` (of `classes`): from 40% of the colour at
    /// chance level to the full colour at certainty, in four steps.
    static func shade(_ c: Int, _ p: Float, classes: Int) -> Color {
        let chance = 1 / Float(max(classes, 2))
        let sure = min(max((p - chance) / (1 - chance), 0), 1)
        return Palette.series(c).dimmed(0.4 + 0.6 * Double((sure * 3).rounded()) / 3)
    }

    /// The plane's cells in the dashboard: the view's panel inside, less the legend's row.
    static func plane(_ state: AppState) -> Rect? {
        guard state.view == .boundary else { return nil }
        let r = (state.snapshot.compareMode ? CompareView.body(state) : state.layout.view).inset(1)
        return r.height > 2 ? Rect(x: r.x, y: r.y, width: r.width, height: r.height - 1) : nil
    }

    /// The middle cell of the plane.
    static func center(_ state: AppState) -> PlaneCell {
        let r = plane(state) ?? Rect(x: 0, y: 0, width: 2, height: 2)
        return PlaneCell(x: r.width / 2, y: r.height / 2)
    }

    /// The point `(x1, x2)` at the centre of cell `c` of the plane, on the ranges the
    /// data gives the boundary (known before its first grid, so keys typed at once
    /// all land), else the grid's.
    static func planePoint(_ c: PlaneCell, _ state: AppState) -> (Float, Float)? {
        guard let ranges = state.snapshot.data?.planeExtent ?? state.snapshot.boundary.map({ ($0.xRange, $0.yRange) }),
            let r = plane(state), r.width > 0, r.height > 0
        else { return nil }
        let ((x0, x1), (y0, y1)) = ranges
        return (
            x0 + (Float(c.x) + 0.5) / Float(r.width) * (x1 - x0), y1 - (Float(c.y) + 0.5) / Float(r.height) * (y1 - y0)
        )
    }

    static func distance(_ p: DrawnPoint, _ at: (Float, Float)) -> Float {
        (p.x1 - at.0) * (p.x1 - at.0) + (p.x2 - at.1) * (p.x2 - at.1)
    }

    /// The value a drawn point of a regression set takes for the digit chosen:
    /// 0 is −1, 9 is +1, evenly between.
    static func drawnValue(_ digit: Int) -> Float { -1 + 2 * Float(digit) / 9 }

    /// The grid cell under the cell `cx` of the plane `area` and its pixel row `gy`
    /// (two a cell: the upper and lower half block).
    static func gridIndex(_ grid: BoundaryGrid, _ area: Rect, _ cx: Int, _ gy: Int) -> Int {
        let gx = min(cx * grid.columns / max(area.width, 1), grid.columns - 1)
        let row = min(gy * grid.rows / max(2 * area.height, 1), grid.rows - 1)
        return row * grid.columns + gx
    }

    /// The cell of `area` a point falls in on the grid's ranges (nil outside).
    static func place(_ point: PlanePoint, _ grid: BoundaryGrid, _ area: Rect) -> (Int, Int)? {
        let (x0, x1) = grid.xRange, (y0, y1) = grid.yRange
        guard let cx = Scale.cell(Double(point.x), Double(x0), Double(x1), cells: area.width),
            let cy = Scale.cell(Double(y1) - Double(point.y), 0, Double(y1) - Double(y0), cells: area.height)
        else { return nil }
        return (cx, cy)
    }

    /// A point is drawn unless `.` hid every point, or `T` the validation ones.
    static func isShown(_ point: PlanePoint, _ state: AppState) -> Bool {
        state.showPoints && (state.showValidationPoints || !point.isValidation)
    }

    /// What drawing your own set adds on top: a cleared plane's `emptyNote` (nothing to
    /// train on yet), and the keyboard's cursor.
    static func drawDrawing(_ state: AppState, _ canvas: Canvas, _ area: Rect, emptyNote: String) {
        if state.planeCleared {
            canvas.fill(area)
            // the note wrapped at spaces, whole at any width the view has
            let lines = Format.wrap(emptyNote, max(area.width - 2, 8))
            for (k, line) in lines.enumerated() where k < area.height {
                canvas.put(
                    area.x + 1, area.y + max(area.height / 2 - lines.count / 2, 0) + k, line, .dim,
                    maxWidth: area.width - 2)
            }
        }
        if let c = state.drawCursor, area.width > c.x, area.height > c.y {
            canvas.set(area.x + c.x, area.y + c.y, "┼", Style(fg: .white, bg: .black, bold: true))
        }
    }

    static func draw(_ state: AppState, _ canvas: Canvas, _ r: Rect) {
        guard let grid = state.snapshot.boundary, let data = state.snapshot.data, r.height > 2 else {
            canvas.put(r.x + 1, r.y + 1, "computing the decision boundary…", .dim)
            return
        }
        if let values = grid.values {
            drawHeatMap(state, grid, values, data, canvas, r)
            return
        }
        let area = Rect(x: r.x, y: r.y, width: r.width, height: r.height - 1)
        let k = data.classNames.count
        func cell(_ cx: Int, _ gy: Int) -> Int { gridIndex(grid, area, cx, gy) }
        func color(_ i: Int) -> Color {
            shade(grid.predicted[i], state.discretize ? 1 : grid.confidence[i], classes: k)
        }
        for cy in 0..<area.height {
            for cx in 0..<area.width {
                let upper = cell(cx, 2 * cy), lower = cell(cx, 2 * cy + 1)
                if state.colors {
                    canvas.set(area.x + cx, area.y + cy, "▀", Style(fg: color(upper), bg: color(lower)))
                } else {
                    canvas.set(area.x + cx, area.y + cy, shades[grid.predicted[upper] % shades.count])
                }
            }
        }
        var wrong = 0
        for (i, point) in data.points.enumerated() where isShown(point, state) {
            let (c, isValidation) = (point.label, point.isValidation)
            guard let (cx, cy) = place(point, grid, area) else { continue }
            let missed = i < grid.pointPredictions.count && grid.pointPredictions[i] != c
            if missed { wrong += 1 }
            let glyph: Unicode.Scalar = missed ? "✕" : (isValidation ? hollow : filled)[c % filled.count]
            canvas.set(
                area.x + cx, area.y + cy, glyph,
                state.colors ? Style(fg: Palette.series(c), bg: .black, bold: true) : Style(bold: true))
        }
        drawDrawing(
            state, canvas, area,
            emptyNote:
                "an empty plane: click, or \(KeyMap.key(for: .showDrawCursor)) then \(KeyMap.key(for: .dropPoint)), "
                + "to add a point of class \(state.drawClass); training waits for the first point")
        drawLegend(state, data, wrong: wrong, canvas, r)
    }

    /// The legend on the bottom line, one whole item at a time: the classes' glyphs,
    /// what is shown, the misclassified count, the shading, and how to draw (while
    /// drawing with the cursor, its class first).
    static func drawLegend(_ state: AppState, _ data: DataSummary, wrong: Int, _ canvas: Canvas, _ r: Rect) {
        var x = r.x
        let drawing =
            state.drawCursor != nil
            ? "◆ draw \(state.drawClass): \(KeyMap.key(for: .dropPoint)) · \(KeyMap.key(for: .removeNearestPoint)) · "
                + KeyMap.key(for: .clearPoints)
            : "click: add \(state.drawClass)"
        let classes =
            data.classNames.enumerated().map {
                ("\(filled[$0.offset % filled.count]) \($0.element)", Palette.series($0.offset))
            }
            + [
                (
                    !state.showPoints
                        ? "points hidden (\(KeyMap.key(for: .togglePoints)))"
                        : state.showValidationPoints
                            ? "filled: train  hollow: validation"
                            : "train only (\(KeyMap.key(for: .toggleValidationPoints)))", Color.default
                ),
                ("✕ \(wrong) misclassified", Color.default),
                (
                    state.discretize ? "discretized (\(KeyMap.key(for: .toggleDiscretize)))" : "shade: how sure",
                    Color.default
                ),
            ]
        let hint = [(drawing, Palette.series(state.drawClass))]
        let items = state.drawCursor != nil ? hint + classes : classes + hint
        for (item, c) in items where x + item.count <= r.maxX {
            canvas.put(x, r.maxY - 1, item, c == .default ? .dim : Style(fg: c, bold: true))
            x += item.count + 2
        }
    }

    /// A value over the plane (a regression set) as Playground draws it: each cell in
    /// the network's output on one scale, orange −m through white to blue +m (m the
    /// largest |target|), the points on top in their target's colour; without colours
    /// the cells shaded by value.
    static func drawHeatMap(
        _ state: AppState, _ grid: BoundaryGrid, _ values: [Float], _ data: DataSummary, _ canvas: Canvas, _ r: Rect
    ) {
        let area = Rect(x: r.x, y: r.y, width: r.width, height: r.height - 1)
        let m = max(data.points.map { abs($0.value) }.filter(\.isFinite).max() ?? 1, 1e-6)
        func shade(_ v: Float) -> Float { v.isFinite ? min(max(0.5 + v / (2 * m), 0), 1) : 0.5 }
        func cell(_ cx: Int, _ gy: Int) -> Float { values[gridIndex(grid, area, cx, gy)] }
        for cy in 0..<area.height {
            for cx in 0..<area.width {
                let upper = shade(cell(cx, 2 * cy)), lower = shade(cell(cx, 2 * cy + 1))
                if state.colors {
                    canvas.set(
                        area.x + cx, area.y + cy, "▀", Style(fg: NetworkView.color(upper), bg: NetworkView.color(lower))
                    )
                } else {
                    canvas.set(area.x + cx, area.y + cy, shades[min(Int(upper * 5), 4)])
                }
            }
        }
        for point in data.points where isShown(point, state) {
            guard let (cx, cy) = place(point, grid, area) else { continue }
            canvas.set(
                area.x + cx, area.y + cy, point.isValidation ? "○" : "●",
                state.colors
                    ? Style(fg: NetworkView.color(shade(point.value)), bg: .black, bold: true) : Style(bold: true))
        }
        drawDrawing(
            state, canvas, area,
            emptyNote:
                "an empty plane: click, or \(KeyMap.key(for: .showDrawCursor)) then \(KeyMap.key(for: .dropPoint)), "
                + "to add a point; training waits for the first point")
        // the legend: the scale, the points, the value a click draws
        var x = r.x
        let low = Format.value(Double(-m), digits: 2), high = Format.value(Double(m), digits: 2)
        canvas.put(x, r.maxY - 1, "value \(low) ", .dim)
        x += 7 + low.count
        for k in 0..<5 {
            canvas.set(
                x + k, r.maxY - 1, state.colors ? "█" : shades[k],
                state.colors ? Style(fg: NetworkView.color(Float(k) / 4)) : .dim)
        }
        x += 5
        let items = [
            " \(high)", !state.showPoints ? "points hidden (.)" : "filled: train  hollow: validation",
            "click: add \(Format.value(Double(drawnValue(state.drawClass)), digits: 2)) (0-9)",
        ]
        for item in items where x + TerminalText.width(item) <= r.maxX {
            canvas.put(x, r.maxY - 1, item, .dim)
            x += TerminalText.width(item) + 2
        }
    }
}
