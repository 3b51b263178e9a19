import Foundation

/// A plot as a plain SVG file (the figure a student hands in): a title, axes with
/// ticks and labels, lines and points, a legend. Pure: `svg()` returns the text.
public struct Figure: Sendable {
    public enum Mark: Sendable { case line, dashed, points, hollowPoints }

    /// A grid of coloured cells under the series (a decision boundary): row 0 is the
    /// top, at the largest y.
    public struct Cells: Sendable {
        public var columns: Int
        public var rows: Int
        public var x: (Double, Double)
        public var y: (Double, Double)
        public var colors: [String]
        public init(columns: Int, rows: Int, x: (Double, Double), y: (Double, Double), colors: [String]) {
            self.columns = columns; self.rows = rows; self.x = x; self.y = y; self.colors = colors
        }
    }

    public struct Series: Sendable {
        public var label: String
        public var x: [Double]
        public var y: [Double]
        public var mark: Mark
        /// An SVG colour (`#1f77b4`).
        public var color: String
        public init(label: String, x: [Double], y: [Double], mark: Mark = .line, color: String) {
            self.label = label; self.x = x; self.y = y; self.mark = mark; self.color = color
        }
    }

    /// A shaded band from `lower` to `upper` at each `x` (a variant's spread over seeds).
    public struct Band: Sendable {
        public var x: [Double]
        public var lower: [Double]
        public var upper: [Double]
        public var color: String
        public init(x: [Double], lower: [Double], upper: [Double], color: String) {
            self.x = x; self.lower = lower; self.upper = upper; self.color = color
        }
    }

    public var title: String
    public var xLabel: String
    public var yLabel: String
    public var series: [Series]
    public var logY = false
    /// The y range shown; from the data when nil. Values outside it are cut off.
    public var yRange: (Double, Double)?
    public var cells: Cells?
    /// Bands under the series.
    public var bands: [Band] = []
    /// A page of monospaced text instead of axes (equations, a table).
    public var text: [String]?

    public init(title: String, xLabel: String, yLabel: String, series: [Series]) {
        self.title = title; self.xLabel = xLabel; self.yLabel = yLabel; self.series = series
    }

    /// Colours for runs, one after another (matplotlib's, readable on white).
    public static let runColors = [
        "#1f77b4", "#ff7f0e", "#d62728", "#9467bd", "#8c564b", "#17becf", "#bcbd22", "#7f7f7f",
    ]
    public static func runColor(_ i: Int) -> String { runColors[i % runColors.count] }

    /// The homework's plot: the points, the true curve, the least-squares polynomial
    /// of `degree` and each network's curve (`networks`: label and y on `x`).
    public static func fit(
        title: String, points: (x: [Double], y: [Double]), x: [Double], truth: [Double]?,
        polynomial: [Double], degree: Int, networks: [(label: String, y: [Double])]
    ) -> Figure {
        var s: [Series] = []
        if let truth { s.append(Series(label: "true curve", x: x, y: truth, color: "#2ca02c")) }
        s.append(Series(label: "polynomial, degree \(degree)", x: x, y: polynomial, mark: .dashed, color: "#e377c2"))
        for (i, n) in networks.enumerated() { s.append(Series(label: n.label, x: x, y: n.y, color: runColor(i))) }
        s.append(Series(label: "\(points.x.count) points", x: points.x, y: points.y, mark: .points, color: "#000000"))
        var f = Figure(title: title, xLabel: "x", yLabel: "y", series: s)
        // the points and the true curve set the scale; wild swings leave the plot
        let ys = points.y + (truth ?? [])
        if let lo = ys.min(), let hi = ys.max() { f.yRange = (lo - 0.25 * (hi - lo), hi + 0.25 * (hi - lo)) }
        return f
    }

    /// Loss per epoch for each run: training solid, validation dashed, log scale.
    public static func losses(
        title: String, costName: String, runs: [(label: String, train: [Double], validation: [Double?])]
    ) -> Figure {
        var s: [Series] = []
        for (i, r) in runs.enumerated() {
            let epochs = (1...max(r.train.count, 1)).map(Double.init)
            s.append(
                Series(
                    label: runs.count == 1 ? "training" : "\(r.label) training", x: epochs, y: r.train,
                    color: runColor(i)))
            if r.validation.contains(where: { $0 != nil }) {
                s.append(
                    Series(
                        label: runs.count == 1 ? "validation" : "\(r.label) validation", x: epochs,
                        y: r.validation.map { $0 ?? .nan }, mark: .dashed, color: runColor(i)))
            }
        }
        var f = Figure(title: title, xLabel: "epoch", yLabel: "loss (\(costName))", series: s)
        f.logY = true
        return f
    }

    // MARK: SVG

    static func escape(_ s: String) -> String {
        s.replacingOccurrences(of: "&", with: "&amp;").replacingOccurrences(of: "<", with: "&lt;")
            .replacingOccurrences(of: ">", with: "&gt;").replacingOccurrences(of: "\"", with: "&quot;")
    }

    /// About five round tick values (1, 2 or 5 times a power of ten) covering `lo...hi`.
    public static func ticks(_ lo: Double, _ hi: Double) -> [Double] {
        guard hi > lo, lo.isFinite, hi.isFinite else { return [lo] }
        let raw = (hi - lo) / 5, p = pow(10, floor(log10(raw)))
        let step = [1.0, 2, 5, 10].map { $0 * p }.first { $0 >= raw } ?? 10 * p
        var t = (lo / step).rounded(.up) * step, out: [Double] = []
        while t <= hi + step * 1e-9 { out.append(abs(t) < step * 1e-9 ? 0 : t); t += step }
        return out
    }

    static func number(_ v: Double) -> String {
        let a = abs(v)
        if a != 0 && (a < 1e-3 || a >= 1e5) { return String(format: "%.0e", v) }
        return String(format: "%g", (v * 1e6).rounded() / 1e6)
    }

    /// The lines of `text` as a figure.
    public static func page(title: String, lines: [String]) -> Figure {
        var f = Figure(title: title, xLabel: "", yLabel: "", series: [])
        f.text = lines
        return f
    }

    /// The figure as an SVG document of `width x height` pixels.
    public func svg(width: Int = 900, height: Int = 500) -> String {
        if let text { return page(text, width: width) }
        // the legend stands right of the plot, never over the data
        let lw = 34.0 + 7 * Double(series.map(\.label.count).max() ?? 0)
        let left = 70.0, right = lw + 30, top = 40.0, bottom = 50.0
        let xs = series.flatMap(\.x).filter(\.isFinite) + (cells.map { [$0.x.0, $0.x.1] } ?? [])
        let ys =
            (series.flatMap(\.y) + bands.flatMap { $0.lower + $0.upper }).compactMap { $0.isFinite ? ty($0) : nil }
            + (cells.map { [$0.y.0, $0.y.1] } ?? [])
        var x0 = xs.min() ?? 0, x1 = xs.max() ?? 1
        var y0 = yRange.flatMap { ty($0.0) } ?? (ys.min() ?? 0), y1 = yRange.flatMap { ty($0.1) } ?? (ys.max() ?? 1)
        if x1 - x0 < 1e-12 { x0 -= 0.5; x1 += 0.5 }
        if y1 - y0 < 1e-12 { y0 -= 0.5; y1 += 0.5 }
        let frame = Frame(
            left: left, top: top, width: Double(width) - left - right, height: Double(height) - top - bottom,
            x: (x0, x1), y: (y0, y1))
        let f = Frame.f
        var out =
            Self.svgStart(width: width, height: height, title: title) + """
                <clipPath id="plot"><rect x="\(f(left))" y="\(f(top))" width="\(f(frame.width))" \
                height="\(f(frame.height))"/></clipPath>
                <rect x="\(f(left))" y="\(f(top))" width="\(f(frame.width))" height="\(f(frame.height))" \
                fill="none" stroke="#444"/>

                """
        if let c = cells { out += cellsSVG(c, frame) }
        for b in bands { out += bandSVG(b, frame) }
        out += axesSVG(frame, height: height)
        for s in series { out += seriesSVG(s, frame) }
        return out + legendSVG(frame, width: lw) + "</svg>\n"
    }

    /// The plot's place on the page and the data ranges it shows.
    struct Frame {
        let left: Double, top: Double, width: Double, height: Double
        let x: (Double, Double), y: (Double, Double)
        /// The page's x of data x `v`, and y of (transformed) data y `v`.
        func px(_ v: Double) -> Double { left + (v - x.0) / (x.1 - x.0) * width }
        func py(_ v: Double) -> Double { top + (1 - (v - y.0) / (y.1 - y.0)) * height }
        /// A coordinate with two decimals.
        static func f(_ v: Double) -> String { String(format: "%.2f", v) }
    }

    /// An SVG document's opening: its size, a white page and the title centred on top.
    static func svgStart(width: Int, height: Int, title: String) -> String {
        """
        <svg xmlns="http://www.w3.org/2000/svg" width="\(width)" height="\(height)" \
        viewBox="0 0 \(width) \(height)" font-family="sans-serif" font-size="12">
        <rect width="100%" height="100%" fill="white"/>
        <text x="\(width / 2)" y="22" text-anchor="middle" font-size="15" font-weight="bold">\
        \(escape(title))</text>

        """
    }

    /// A y value as plotted: its log10 on a log axis (nil where not positive).
    private func ty(_ v: Double) -> Double? { logY ? (v > 0 ? log10(v) : nil) : v }

    /// The coloured cells behind the data (a heat map, the boundary).
    private func cellsSVG(_ c: Cells, _ fr: Frame) -> String {
        let f = Frame.f
        let w = (fr.px(c.x.1) - fr.px(c.x.0)) / Double(c.columns), h = (fr.py(c.y.0) - fr.py(c.y.1)) / Double(c.rows)
        var out = ""
        for r in 0..<c.rows {
            for k in 0..<c.columns where r * c.columns + k < c.colors.count {
                out +=
                    "<rect x=\"\(f(fr.px(c.x.0) + Double(k) * w))\" y=\"\(f(fr.py(c.y.1) + Double(r) * h))\" "
                    + "width=\"\(f(w + 0.5))\" height=\"\(f(h + 0.5))\" fill=\"\(c.colors[r * c.columns + k])\" "
                    + "clip-path=\"url(#plot)\"/>"
            }
            out += "\n"
        }
        return out
    }

    /// A band as one filled polygon: along `upper`, back along `lower` (points where
    /// either is missing are left out).
    private func bandSVG(_ b: Band, _ fr: Frame) -> String {
        let f = Frame.f
        let kept = b.x.indices.compactMap { i -> (Double, Double, Double)? in
            guard i < b.lower.count, i < b.upper.count, b.x[i].isFinite, let lo = ty(b.lower[i]),
                let hi = ty(b.upper[i]),
                lo.isFinite, hi.isFinite
            else { return nil }
            return (fr.px(b.x[i]), fr.py(lo), fr.py(hi))
        }
        guard kept.count >= 2 else { return "" }
        let path = kept.map { "\(f($0.0)) \(f($0.2))" } + kept.reversed().map { "\(f($0.0)) \(f($0.1))" }
        return "<path d=\"M" + path.joined(separator: " L") + " Z\" fill=\"\(b.color)\" fill-opacity=\"0.18\" "
            + "stroke=\"none\" clip-path=\"url(#plot)\"/>\n"
    }

    /// Ticks and their numbers on both axes, the y grid lines, the axes' labels.
    private func axesSVG(_ fr: Frame, height: Int) -> String {
        let f = Frame.f, bottom = fr.top + fr.height
        var out = ""
        for t in Self.ticks(fr.x.0, fr.x.1) {
            out +=
                "<line x1=\"\(f(fr.px(t)))\" y1=\"\(f(bottom))\" x2=\"\(f(fr.px(t)))\" y2=\"\(f(bottom + 5))\" "
                + "stroke=\"#444\"/>"
            out +=
                "<text x=\"\(f(fr.px(t)))\" y=\"\(f(bottom + 18))\" text-anchor=\"middle\">\(Self.number(t))</text>\n"
        }
        let (y0, y1) = fr.y
        let yTicks =
            logY
            ? (Int(y0.rounded(.up))...max(Int(y1.rounded(.down)), Int(y0.rounded(.up)))).map(Double.init)
            : Self.ticks(y0, y1)
        for t in yTicks {
            out +=
                "<line x1=\"\(f(fr.left - 5))\" y1=\"\(f(fr.py(t)))\" x2=\"\(f(fr.left))\" y2=\"\(f(fr.py(t)))\" "
                + "stroke=\"#444\"/>"
            out +=
                "<line x1=\"\(f(fr.left))\" y1=\"\(f(fr.py(t)))\" x2=\"\(f(fr.left + fr.width))\" "
                + "y2=\"\(f(fr.py(t)))\" stroke=\"#eee\"/>"
            out +=
                "<text x=\"\(f(fr.left - 8))\" y=\"\(f(fr.py(t) + 4))\" "
                + "text-anchor=\"end\">\(Self.number(logY ? pow(10, t) : t))</text>\n"
        }
        out +=
            "<text x=\"\(f(fr.left + fr.width / 2))\" y=\"\(height - 12)\" "
            + "text-anchor=\"middle\">\(Self.escape(xLabel))</text>\n"
        out +=
            "<text transform=\"translate(16 \(f(fr.top + fr.height / 2))) rotate(-90)\" "
            + "text-anchor=\"middle\">\(Self.escape(yLabel))</text>\n"
        return out
    }

    /// One series: its points as circles, or one path broken where a value is missing.
    private func seriesSVG(_ s: Series, _ fr: Frame) -> String {
        let f = Frame.f
        let pts: [(Double, Double)?] = zip(s.x, s.y).map { x, y in
            guard x.isFinite, y.isFinite, let v = ty(y) else { return nil }
            return (fr.px(x), fr.py(v))
        }
        switch s.mark {
        case .points, .hollowPoints:
            let paint =
                s.mark == .points
                ? "fill=\"\(s.color)\" stroke=\"white\"" : "fill=\"white\" stroke=\"\(s.color)\" stroke-width=\"1.5\""
            return pts.compactMap { $0 }.map {
                "<circle cx=\"\(f($0.0))\" cy=\"\(f($0.1))\" r=\"3.5\" \(paint) clip-path=\"url(#plot)\"/>\n"
            }
            .joined()
        case .line, .dashed:
            var d = "", pen = false
            for p in pts {
                guard let p else { pen = false; continue }
                d += (pen ? "L" : "M") + "\(f(p.0)) \(f(p.1)) "
                pen = true
            }
            let dash = s.mark == .dashed ? " stroke-dasharray=\"6 4\"" : ""
            return
                "<path d=\"\(d)\" fill=\"none\" stroke=\"\(s.color)\" stroke-width=\"1.8\"\(dash) "
                + "clip-path=\"url(#plot)\"/>\n"
        }
    }

    /// The legend, right of the plot: each series' mark and label.
    private func legendSVG(_ fr: Frame, width lw: Double) -> String {
        let f = Frame.f, lx = fr.left + fr.width + 15
        var out =
            "<rect x=\"\(f(lx))\" y=\"\(f(fr.top))\" width=\"\(f(lw))\" height=\"\(f(Double(series.count) * 18 + 8))\" "
            + "fill=\"white\" stroke=\"#bbb\"/>\n"
        for (i, s) in series.enumerated() {
            let y = fr.top + 18 + Double(i) * 18
            if s.mark == .points || s.mark == .hollowPoints {
                let paint =
                    s.mark == .points
                    ? "fill=\"\(s.color)\"" : "fill=\"white\" stroke=\"\(s.color)\" stroke-width=\"1.5\""
                out += "<circle cx=\"\(f(lx + 12))\" cy=\"\(f(y - 4))\" r=\"3.5\" \(paint)/>"
            } else {
                let dash = s.mark == .dashed ? " stroke-dasharray=\"6 4\"" : ""
                out +=
                    "<line x1=\"\(f(lx + 4))\" y1=\"\(f(y - 4))\" x2=\"\(f(lx + 20))\" y2=\"\(f(y - 4))\" "
                    + "stroke=\"\(s.color)\" "
                    + "stroke-width=\"2\"\(dash)/>"
            }
            out += "<text x=\"\(f(lx + 26))\" y=\"\(f(y))\">\(Self.escape(s.label))</text>\n"
        }
        return out
    }

    /// A text page: the title, then each line in a monospaced font.
    func page(_ lines: [String], width: Int) -> String {
        let height = 60 + 18 * lines.count
        var out = """
            <svg xmlns="http://www.w3.org/2000/svg" width="\(width)" height="\(height)" \
            viewBox="0 0 \(width) \(height)" font-size="13">
            <rect width="100%" height="100%" fill="white"/>
            <text x="20" y="26" font-family="sans-serif" font-size="15" font-weight="bold">\(Self.escape(title))</text>

            """
        for (i, line) in lines.enumerated() {
            out +=
                "<text x=\"20\" y=\"\(52 + 18 * i)\" font-family=\"monospace\" "
                + "xml:space=\"preserve\">\(Self.escape(line))</text>\n"
        }
        return out + "</svg>\n"
    }
}
