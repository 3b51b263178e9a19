import NNDrawing
import NNEngine
import NNSession

/// A comparison over a grid of two keys as a heat map: a row a value of the first key,
/// a column a value of the second, each cell its variant's median validation accuracy
/// (or final loss: `V`) over the seeds, coloured from the grid's worst cell to its best,
/// the best cell marked.
enum GridView {
    /// Characters a cell takes (its number and a space either side).
    static let cellWidth = 9

    /// What the heat map shows now.
    static func measure(_ state: AppState) -> GridMeasure {
        state.gridMeasure ?? .first(classification: classifies(state))
    }

    /// What `V` switches the heat map to.
    static func nextMeasure(_ state: AppState) -> GridMeasure {
        measure(state).next(classification: classifies(state))
    }

    private static func classifies(_ state: AppState) -> Bool {
        state.snapshot.runs.contains(where: \.isClassification)
    }

    /// The heat map of the comparison in `state`, or nil when it is not a grid of two keys.
    static func model(_ state: AppState) -> HeatMap? {
        let axes = state.snapshot.grid
        guard axes.count == 2, let summaries = CompareView.summaries(state),
            summaries.count == axes[0].values.count * axes[1].values.count
        else { return nil }
        let measure = measure(state)
        return HeatMap(
            title: measure.rawValue, rowKey: axes[0].key, columnKey: axes[1].key, rows: axes[0].values,
            columns: axes[1].values, values: summaries.map(measure.value), percent: measure == .accuracy,
            higherIsBetter: measure.higherIsBetter)
    }

    /// The width of the row labels' column.
    static func labelWidth(_ map: HeatMap) -> Int {
        min(max(map.rows.map(TerminalText.width).max() ?? 4, 4), 16) + 1
    }

    /// The columns the map's panel takes: its cells, or its title where that is wider.
    static func width(_ map: HeatMap) -> Int {
        max(labelWidth(map) + cellWidth * map.columns.count, TerminalText.width(map.title) + 4) + 2
    }

    static func draw(_ state: AppState, _ map: HeatMap, _ canvas: Canvas, _ r: Rect) {
        let key = KeyMap.key(for: .gridMeasure)
        let inner = Panel.draw(
            canvas, r,
            title: Format.fitting(
                [
                    "\(map.title), rows \(map.rowKey), columns \(map.columnKey)   \(key): accuracy/loss",
                    "\(map.title)   \(key): accuracy/loss", map.title,
                ], r.width - 6))
        let lw = labelWidth(map)
        // as many columns as fit; the header names each column's value
        let shown = min(map.columns.count, max((inner.width - lw) / cellWidth, 0))
        canvas.put(inner.x, inner.y, Format.pad(map.columnKey, lw), .dim, maxWidth: lw)
        for c in 0..<shown {
            canvas.put(
                inner.x + lw + c * cellWidth, inner.y, Format.pad(map.columns[c], cellWidth - 1, right: true), .dim,
                maxWidth: cellWidth - 1)
        }
        let best = map.best
        for (row, name) in map.rows.enumerated() where inner.y + 1 + row < inner.maxY {
            let y = inner.y + 1 + row
            canvas.put(inner.x, y, Format.pad(name, lw - 1), .plain, maxWidth: lw - 1)
            for c in 0..<shown {
                let isBest = best.map { $0 == (row, c) } ?? false
                let text = map.texts[row * map.columns.count + c] + (isBest ? "*" : " ")
                let cell = Format.pad(text, cellWidth - 1, right: true) + " "
                let style: Style
                if state.colors, let t = map.share(row, c) {
                    style = Style(fg: t > 0.6 ? .black : .white, bg: HeatMap.terminalColor(t), bold: isBest)
                } else {
                    style = isBest ? .bold : .plain
                }
                canvas.put(inner.x + lw + c * cellWidth, y, cell, style, maxWidth: cellWidth)
            }
        }
        let note = "* best" + (shown < map.columns.count ? "; \(map.columns.count - shown) columns do not fit" : "")
        if inner.y + 1 + map.rows.count < inner.maxY {
            canvas.put(inner.x, inner.y + 1 + map.rows.count, note, .dim, maxWidth: inner.width)
        }
    }
}
