import Foundation

/// One line of a chart.
public struct ChartSeries: Sendable {
    public var label: String
    public var values: [Double]
    public var color: Color
    /// x positions of the values (uniform by index when nil).
    public var xs: [Double]?
    /// Points only, not joined.
    public var scatter = false
    /// Scatter points drawn as this character in their cell, over every line.
    public var marker: Unicode.Scalar?
    /// The value the legend shows; the last finite value when nil.
    public var legendValue: Double?
    /// A band shaded under the line, from `lower` to `upper` at each index (a spread
    /// over seeds), in a dimmer shade of the line's colour.
    public var band: (lower: [Double], upper: [Double])?
    public init(
        label: String, values: [Double], color: Color, xs: [Double]? = nil, scatter: Bool = false,
        marker: Unicode.Scalar? = nil
    ) {
        self.label = label; self.values = values; self.color = color; self.xs = xs;
        self.scatter = scatter || marker != nil
        self.marker = marker
    }
}

/// A braille line chart (2x4 dots a cell) with a y axis, x axis labels, the current
/// value of each series and an optional log scale. Non-finite values are never drawn.
public struct LineChart {
    public var title: String
    public var series: [ChartSeries]
    public var logScale = false
    /// Fixed y range (shared axes); computed from the data when nil.
    public var yRange: (Double, Double)? = nil
    /// Number of x positions (e.g. epochs); the longest series when nil.
    public var xCount: Int? = nil
    public var showLegend = true
    /// The x range when series carry x positions.
    public var xRange: (Double, Double)? = nil
    /// The x axis is log10 of the value: labelled at each decade (`1e-6 … 1e-1`).
    public var logX = false
    /// With a fixed `yRange`: a line leaving the range is drawn to the chart's edge,
    /// and where it is off the chart the edge is marked `▲` (above) or `▼` (below)
    /// in its colour, instead of leaving a silent gap.
    public var clipsToEdge = false
    /// A shorter title for when the legend does not fit beside the title.
    public var shortTitle: String? = nil
    /// Cells where several series meet are drawn in this colour (so neither hides
    /// the other), with a "both" legend entry; the last series drawn wins when nil.
    public var overlapColor: Color? = nil

    public init(title: String, series: [ChartSeries], logScale: Bool = false) {
        self.title = title; self.series = series; self.logScale = logScale
    }

    /// One series of `values` against `x` on a log10 axis spanning `x`'s first to last
    /// (the learning-rate finder's loss against the rate).
    public init(title: String, label: String, values: [Double], logX x: [Double], color: Color) {
        let xs = x.map { log10($0) }
        self.init(title: title, series: [ChartSeries(label: label, values: values, color: color, xs: xs)])
        if let first = xs.first, let last = xs.last { xRange = (first, last) }
        logX = true
    }

    func transform(_ v: Double) -> Double { logScale ? log10(max(v, 1e-12)) : v }
    func untransform(_ v: Double) -> Double { logScale ? pow(10, v) : v }

    /// The y range of the finite (transformed) values, padded when flat.
    public func range() -> (Double, Double)? {
        if let yRange { return (transform(yRange.0), transform(yRange.1)) }
        let all = series.flatMap { $0.values + ($0.band.map { $0.lower + $0.upper } ?? []) }.filter {
            $0.isFinite && (!logScale || $0 > 0)
        }.map(transform)
        guard var lo = all.min(), var hi = all.max() else { return nil }
        // a flat line: pad by a tenth of its value (a constant learning rate stays
        // positive), never past the largest finite number
        if hi / 2 - lo / 2 < 0.5e-12 {
            let pad = logScale ? 0.5 : max(abs(lo) * 0.1, 1e-9)
            lo = max(lo - pad, -.greatestFiniteMagnitude)
            hi = min(hi + pad, .greatestFiniteMagnitude)
        }
        return (lo, hi)
    }

    /// The bit of a braille cell's dot `[x % 2][y % 4]`.
    public static let dotBits = BrailleGrid.dotBits

    public func draw(in canvas: Canvas, _ r: Rect) {
        guard r.width >= 12 && r.height >= 4 else { return }
        let titleRows = drawTitleAndLegend(canvas, r)
        let axisWidth = Self.axisWidth
        let plot = Rect(
            x: r.x + axisWidth, y: r.y + titleRows, width: r.width - axisWidth, height: r.height - 1 - titleRows)
        guard plot.width > 1, plot.height > 0 else { return }
        for y in plot.y..<plot.maxY { canvas.set(plot.x - 1, y, "┤", .dim) }
        guard let (lo, hi) = range() else {
            canvas.put(
                plot.x + 1, plot.y + plot.height / 2, "waiting for the first epoch…", .dim, maxWidth: plot.width - 1)
            return
        }
        let (top, bottom) = Self.labels(untransform(hi), untransform(lo), width: axisWidth - 1)
        canvas.put(r.x, plot.y, Format.pad(top, axisWidth - 1, right: true), .dim)
        canvas.put(r.x, plot.maxY - 1, Format.pad(bottom, axisWidth - 1, right: true), .dim)
        let n = xCount ?? (series.map(\.values.count).max() ?? 0)
        let xr = xRange ?? (1, Double(max(n, 1)))
        if logX {
            drawDecades(canvas, plot, y: r.maxY - 1, from: xr.0, to: xr.1)
        } else {
            canvas.put(plot.x, r.maxY - 1, Self.tick(xr.0), .dim)
            let last = Self.tick(xr.1)
            canvas.put(plot.maxX - last.count, r.maxY - 1, last, .dim)
        }
        var grid = BrailleGrid(width: plot.width, height: plot.height, overlap: overlapColor)
        var marks = Marks()
        // bands first, so every line is drawn over them
        for (index, s) in series.enumerated() where s.band != nil {
            grid.current = index
            shade(s, y: (lo, hi), count: n, into: &grid)
        }
        for (index, s) in series.enumerated() {
            grid.current = index
            trace(s, y: (lo, hi), x: xr, count: n, into: &grid, &marks)
        }
        grid.draw(canvas, at: plot)
        for (cx, cy, m, c) in marks.edges { canvas.set(plot.x + cx, plot.y + cy, m, Style(fg: c)) }
        for (cx, cy, m, c) in marks.markers { canvas.set(plot.x + cx, plot.y + cy, m, Style(fg: c, bold: true)) }
    }

    /// Cells a series marks instead of (or besides) its dots: its marker at each point,
    /// and `▲`/`▼` where it leaves a fixed range.
    struct Marks {
        var markers: [(Int, Int, Unicode.Scalar, Color)] = []
        var edges: [(Int, Int, Unicode.Scalar, Color)] = []
    }

    /// A series' band in dots: every dot column between its lower and upper edges,
    /// the edges interpolated linearly between the points (a point `i` of `count` at x
    /// share `i / (count - 1)`); where an edge is not finite, no dots.
    func shade(_ s: ChartSeries, y: (Double, Double), count n: Int, into grid: inout BrailleGrid) {
        guard let band = s.band, n > 1 else { return }
        let color = s.color.dimmed(0.45)
        func edge(_ values: [Double], _ pos: Double) -> Double? {
            let i = Int(pos), j = min(i + 1, values.count - 1), f = pos - Double(i)
            guard i < values.count, values[i].isFinite, values[j].isFinite else { return nil }
            let v = values[i] + f * (values[j] - values[i])
            return !logScale || v > 0 ? Scale.share(transform(v), y.0, y.1) : nil
        }
        let last = min(band.lower.count, band.upper.count) - 1
        guard last >= 1 else { return }
        for dx in 0..<grid.dotsWide {
            let pos = Double(dx) / Double(grid.dotsWide - 1) * Double(n - 1)
            guard pos <= Double(last), let a = edge(band.lower, pos), let b = edge(band.upper, pos) else { continue }
            let top = Int(((1 - min(max(max(a, b), 0), 1)) * Double(grid.dotsHigh - 1)).rounded())
            let bottom = Int(((1 - min(max(min(a, b), 0), 1)) * Double(grid.dotsHigh - 1)).rounded())
            for dy in top...bottom { grid.dot(dx, dy, color) }
        }
    }

    /// One series in dots: point `i` at x share `i / (count - 1)` (or its own `xs[i]`
    /// within `x`) and y share of `transform(v)` within `y`; consecutive points joined
    /// unless it is a scatter; non-finite values leave a gap.
    func trace(
        _ s: ChartSeries, y: (Double, Double), x xr: (Double, Double), count n: Int,
        into grid: inout BrailleGrid, _ marks: inout Marks
    ) {
        var previous: (Int, Int)?
        for (i, v) in s.values.enumerated() {
            guard v.isFinite, !logScale || v > 0, var t = Scale.share(transform(v), y.0, y.1) else {
                previous = nil; continue
            }
            var offChart = false
            if yRange != nil && !(0...1).contains(t) {
                // outside a fixed range: a gap, or (clipsToEdge) the line to the edge and a mark on it
                guard clipsToEdge, !s.scatter else { previous = nil; continue }
                offChart = true
                t = t > 1 ? 1 : 0
            }
            let share: Double
            if let xs = s.xs, i < xs.count {
                guard let x = Scale.share(xs[i], xr.0, max(xr.1, xr.0 + 1e-12)) else { previous = nil; continue }
                share = x
            } else {
                share = n <= 1 ? 0 : Double(i) / Double(n - 1)
            }
            let dx = Int((min(max(share, 0), 1) * Double(grid.dotsWide - 1)).rounded())
            let dy = Int(((1 - min(max(t, 0), 1)) * Double(grid.dotsHigh - 1)).rounded())
            if offChart {
                marks.edges.append((dx / 2, t >= 1 ? 0 : grid.height - 1, t >= 1 ? "▲" : "▼", s.color))
                // the line from the last point on the chart to the edge, then no further
                if let (px, py) = previous, py != dy { grid.line(px, py, dx, dy, s.color) }
            } else if let m = s.marker {
                marks.markers.append((dx / 2, dy / 4, m, s.color))
            } else if !s.scatter, let (px, py) = previous {
                grid.line(px, py, dx, dy, s.color)
            } else {
                grid.dot(dx, dy, s.color)
            }
            previous = (dx, dy)
        }
    }

    /// The canvas column of x value `x` (in the chart's x units: log10 of it for a log
    /// axis) when the chart is drawn in `r`, or nil outside `xRange`.
    public func column(ofX x: Double, in r: Rect) -> Int? {
        guard let (lo, hi) = xRange, let share = Scale.share(logX ? log10(x) : x, lo, hi), (0...1).contains(share)
        else { return nil }
        let plotX = r.x + Self.axisWidth, plotWidth = max(r.width - Self.axisWidth, 1)
        return plotX + Int((share * Double(plotWidth - 1)).rounded())
    }

    /// Cells left of the plot for the y labels and the axis.
    static let axisWidth = 8

    /// A log axis's labels: `1eK` under each whole decade K from `lo` to `hi` (log10
    /// values), as many as fit without touching, always the first and the last.
    func drawDecades(_ canvas: Canvas, _ plot: Rect, y: Int, from lo: Double, to hi: Double) {
        guard hi > lo, lo.isFinite, hi.isFinite else { return }
        let decades = Array(Int(lo.rounded(.up))...Int(hi.rounded(.down)))
        guard !decades.isEmpty else { return }
        let widest = decades.map { "1e\($0)".count }.max() ?? 4
        let room = max(plot.width / (widest + 2), 2)
        let every = max(1, (decades.count + room - 1) / room)
        var nextFree = plot.x
        for (k, d) in decades.enumerated() where k % every == 0 || k == decades.count - 1 {
            let text = "1e\(d)"
            guard let share = Scale.share(Double(d), lo, hi) else { continue }
            let x = min(
                max(plot.x + Int((share * Double(plot.width - 1)).rounded()) - text.count / 2, plot.x),
                plot.maxX - text.count)
            guard x >= nextFree else { continue }
            canvas.put(x, y, text, .dim)
            nextFree = x + text.count + 1
        }
    }

    /// An x-axis end label: the shortest text that shows the value (`0`, `0.0833`, `300`).
    /// An x axis label: a whole number as written (epoch 100000), else 3 significant digits.
    static func tick(_ v: Double) -> String {
        v == v.rounded() && abs(v) < 1e7 ? String(Int(v)) : String(format: "%.3g", v)
    }

    /// The title and, where every entry fits whole, the legend beside it: with current
    /// values, else without (the short title first gives way); else the legend's whole
    /// labels on up to two lines under the title, where the chart keeps 3 rows of plot;
    /// else labels cut to four letters beside the title. Returns the rows used.
    @discardableResult
    func drawTitleAndLegend(_ canvas: Canvas, _ r: Rect) -> Int {
        let log = logScale ? " (log)" : ""
        // a series without a label (a seed's faint curve) takes no place in the legend
        var entries = series.filter { !$0.label.isEmpty }.map { s -> (label: String, value: String, color: Color) in
            let v = s.legendValue ?? s.values.last(where: \.isFinite)
            return (s.label, v.map { " " + Self.label($0) } ?? "", s.color)
        }
        if let overlapColor, series.count > 1 { entries.append(("both", "", overlapColor)) }
        let titles = [title + log] + (shortTitle.map { [$0 + log] } ?? [])
        let layouts: [(Int, Bool, Int?)] = [
            (0, true, nil), (titles.count - 1, true, nil), (0, false, nil), (titles.count - 1, false, nil),
        ]
        /// The legend's items: with values or not, labels cut to `cut` letters or whole.
        func items(_ values: Bool, _ cut: Int?) -> [String] {
            entries.map { e in "━ " + (cut.map { String(e.label.prefix($0)) } ?? e.label) + (values ? e.value : "") }
        }
        /// Whether title `t` and the legend's items fit on one line.
        func fits(_ layout: (Int, Bool, Int?)) -> Bool {
            let (t, values, cut) = layout
            return r.x + titles[t].count + 2 + items(values, cut).reduce(0, { $0 + $1.count + 2 }) - 2 <= r.maxX
        }
        /// The entries, whole, packed onto lines of `r.width`.
        func packed() -> [[Int]] {
            var lines: [[Int]] = [], width = 0
            for (i, e) in entries.enumerated() {
                let cells = e.label.count + 2
                if let last = lines.indices.last, width + 2 + cells <= r.width {
                    lines[last].append(i)
                    width += 2 + cells
                } else {
                    lines.append([i])
                    width = cells
                }
            }
            return lines
        }
        if showLegend && !entries.isEmpty && !layouts.contains(where: { fits($0) }) {
            let lines = packed()
            if lines.count <= 2 && r.height - 1 - (1 + lines.count) >= 3 {
                canvas.put(r.x, r.y, Format.fitting(titles, r.width), .bold, maxWidth: r.width)
                for (k, line) in lines.enumerated() {
                    var x = r.x
                    for i in line {
                        canvas.put(
                            x, r.y + 1 + k, "━ " + entries[i].label, Style(fg: entries[i].color), maxWidth: r.maxX - x)
                        x += entries[i].label.count + 4
                    }
                }
                return 1 + lines.count
            }
        }
        for (t, values, cut) in layouts + [(titles.count - 1, false, 4)]
        where showLegend && !entries.isEmpty && fits((t, values, cut)) {
            canvas.put(r.x, r.y, titles[t], .bold, maxWidth: r.width)
            var x = r.x + titles[t].count + 2
            for (item, e) in zip(items(values, cut), entries) {
                canvas.put(x, r.y, item, Style(fg: e.color), maxWidth: r.maxX - x)
                x += item.count + 2
            }
            return 1
        }
        canvas.put(r.x, r.y, Format.fitting(titles, r.width), .bold, maxWidth: r.width)
        return 1
    }

    /// Compact axis label.
    /// The y axis's two labels: `label`'s, or, where the range is so narrow that they
    /// read the same (`0.006 … 0.006`), with as many more digits as tell them apart
    /// within `width` cells.
    static func labels(_ high: Double, _ low: Double, width: Int) -> (String, String) {
        var (h, l) = (label(high), label(low))
        var digits = 4
        while h == l && digits <= 8 {
            let (nh, nl) = (String(format: "%.\(digits)g", high), String(format: "%.\(digits)g", low))
            guard nh.count <= width && nl.count <= width else { break }
            (h, l) = (nh, nl)
            digits += 1
        }
        return (h, l)
    }

    static func label(_ v: Double) -> String {
        let a = abs(v)
        if a != 0 && (a < 1e-3 || a >= 1e5) {
            // the axis has 7 cells: -1.5e-05 and 1.0e+308 lose their decimal instead of their end
            let s = String(format: "%.1e", v)
            return s.count <= 7 ? s : String(format: "%.0e", v)
        }
        return String(format: a >= 100 ? "%.0f" : (a >= 1 ? "%.2f" : "%.3f"), v)
    }
}
