import Foundation

/// A grid of settings as a table of colours: a row for each value of one key, a column
/// for each value of another, each cell a number (a median over seeds) and a colour from
/// the grid's worst cell (dark) to its best (bright). Pure: the terminal view and the
/// SVG file draw the same model.
public struct HeatMap: Sendable {
    public var title: String
    public var rowKey: String
    public var columnKey: String
    public var rows: [String]
    public var columns: [String]
    /// The cells row by row (`rows.count * columns.count`); nil where there is no value yet.
    public var values: [Double?]
    /// Each cell's number as written.
    public var texts: [String]
    /// Larger is better (an accuracy) or smaller is (a loss).
    public var higherIsBetter: Bool

    public init(
        title: String, rowKey: String, columnKey: String, rows: [String], columns: [String], values: [Double?],
        texts: [String], higherIsBetter: Bool
    ) {
        precondition(values.count == rows.count * columns.count && texts.count == values.count)
        self.title = title; self.rowKey = rowKey; self.columnKey = columnKey
        self.rows = rows; self.columns = columns; self.values = values; self.texts = texts
        self.higherIsBetter = higherIsBetter
    }

    /// A heat map whose cells are written as percentages (`percent`) or as values of 3
    /// significant digits.
    public init(
        title: String, rowKey: String, columnKey: String, rows: [String], columns: [String], values: [Double?],
        percent: Bool, higherIsBetter: Bool
    ) {
        self.init(
            title: title, rowKey: rowKey, columnKey: columnKey, rows: rows, columns: columns, values: values,
            texts: values.map { percent ? Format.percent($0) : Format.value($0, digits: 3) },
            higherIsBetter: higherIsBetter)
    }

    /// Cell `(row, column)`'s place from the worst cell (0) to the best (1), linear in
    /// the value; 1 when every cell holds the same value; nil without a finite value.
    public func share(_ row: Int, _ column: Int) -> Double? {
        guard let v = values[row * columns.count + column], v.isFinite else { return nil }
        let finite = values.compactMap { $0 }.filter(\.isFinite)
        guard let lo = finite.min(), let hi = finite.max(), hi > lo else { return 1 }
        let t = (v - lo) / (hi - lo)
        return higherIsBetter ? t : 1 - t
    }

    /// The best cell, where there is one: `(row, column)`.
    public var best: (row: Int, column: Int)? {
        let cells = values.indices.filter { values[$0].map(\.isFinite) ?? false }
        let pick = higherIsBetter ? cells.max { values[$0]! < values[$1]! } : cells.min { values[$0]! < values[$1]! }
        return pick.map { ($0 / columns.count, $0 % columns.count) }
    }

    /// A terminal colour for share `t`: dark blue (worst) through teal and green to
    /// yellow (best), the 6x6x6 cube's steps; blue, cyan, green, yellow on 8 colours.
    public static func terminalColor(_ t: Double) -> Color {
        let k = Scale.unit(t)
        let stops: [(Int, Int, Int, Color)] = [
            (0, 0, 2, .blue), (0, 2, 3, .cyan), (0, 3, 2, .cyan), (2, 4, 1, .green), (5, 5, 0, .yellow),
        ]
        let s = stops[min(Int((k * Double(stops.count - 1)).rounded()), stops.count - 1)]
        return .cube(s.0, s.1, s.2, fallback: s.3)
    }

    /// An SVG colour for share `t`, the same ramp finer: viridis's ends and middle.
    public static func svgColor(_ t: Double) -> String {
        let stops: [(Double, Double, Double)] = [
            (68, 1, 84), (59, 82, 139), (33, 145, 140), (94, 201, 98), (253, 231, 37),
        ]
        let x = Scale.unit(t) * Double(stops.count - 1)
        let i = min(Int(x), stops.count - 2), f = x - Double(i)
        let c = (0..<3).map { k -> Int in
            let a = [stops[i].0, stops[i].1, stops[i].2][k], b = [stops[i + 1].0, stops[i + 1].1, stops[i + 1].2][k]
            return Int((a + (b - a) * f).rounded())
        }
        return String(format: "#%02x%02x%02x", c[0], c[1], c[2])
    }

    /// The grid as an SVG file: the cells coloured and numbered (dark text on bright
    /// cells), the column key's values across the top, the row key's down the left,
    /// the best cell outlined.
    public func svg() -> String {
        let cellWidth = 74.0, cellHeight = 30.0
        let labelWidth = 16 + 7 * Double(max(rows.map(\.count).max() ?? 4, rowKey.count))
        let left = labelWidth + 10, top = 78.0
        let width = Int(left + cellWidth * Double(columns.count) + 30)
        let height = Int(top + cellHeight * Double(rows.count) + 30)
        let f = { (v: Double) in String(format: "%.1f", v) }
        var out =
            Figure.svgStart(width: width, height: height, title: title) + """
                <text x="\(f(left + cellWidth * Double(columns.count) / 2))" y="46" text-anchor="middle" \
                font-weight="bold">\(Figure.escape(columnKey))</text>
                <text x="\(f(left - 8))" y="\(f(top - 8))" text-anchor="end" font-weight="bold">\
                \(Figure.escape(rowKey))</text>

                """
        for (c, name) in columns.enumerated() {
            out +=
                "<text x=\"\(f(left + (Double(c) + 0.5) * cellWidth))\" y=\"\(f(top - 8))\" "
                + "text-anchor=\"middle\">\(Figure.escape(name))</text>\n"
        }
        for (r, name) in rows.enumerated() {
            let y = top + Double(r) * cellHeight
            out +=
                "<text x=\"\(f(left - 8))\" y=\"\(f(y + cellHeight / 2 + 4))\" text-anchor=\"end\">"
                + "\(Figure.escape(name))</text>\n"
            for c in columns.indices {
                let x = left + Double(c) * cellWidth, t = share(r, c)
                out +=
                    "<rect x=\"\(f(x))\" y=\"\(f(y))\" width=\"\(f(cellWidth))\" height=\"\(f(cellHeight))\" "
                    + "fill=\"\(t.map(Self.svgColor) ?? "#eeeeee")\" stroke=\"white\"/>\n"
                    + "<text x=\"\(f(x + cellWidth / 2))\" y=\"\(f(y + cellHeight / 2 + 4))\" text-anchor=\"middle\" "
                    + "fill=\"\((t ?? 1) > 0.6 ? "#000000" : "#ffffff")\">"
                    + "\(Figure.escape(texts[r * columns.count + c]))</text>\n"
            }
        }
        if let b = best {
            let x = left + Double(b.column) * cellWidth + 1.5, y = top + Double(b.row) * cellHeight + 1.5
            out +=
                "<rect x=\"\(f(x))\" y=\"\(f(y))\" "
                + "width=\"\(f(cellWidth - 3))\" height=\"\(f(cellHeight - 3))\" fill=\"none\" stroke=\"#d62728\" "
                + "stroke-width=\"3\"/>\n"
        }
        return out + "</svg>\n"
    }
}
