import NNDrawing
import NNEngine
import NNFiles
import NNSession

/// The homework's plot, live: the training points (●, drawn over every curve), the
/// true curve, the least-squares polynomial (d/D change its degree) and each
/// network's curve, with a table of every curve's RMSE against the points and
/// against the true curve.
enum FitView {
    /// Colours of the networks' curves: none of the points', the true curve's or the polynomial's.
    static let networkColors: [Color] = [.cyan, .yellow, .red, .blue]

    static func draw(_ state: AppState, _ canvas: Canvas, _ r: Rect) {
        guard let fit = state.snapshot.fit else {
            canvas.put(r.x + 1, r.y + 1, "computing the fit…", .dim)
            return
        }
        draw(fit, hidden: state.snapshot.compareMode ? state.hiddenRuns : [], canvas, r)
    }

    /// `fit` in `r`: the table of curves on top, the chart below. `hidden` are run
    /// indices left out (compare mode's `h`).
    static func draw(_ fit: FitCurves, hidden: Set<Int>, _ canvas: Canvas, _ r: Rect) {
        guard r.height > 6 else { return }
        let shown = fit.networks.indices.filter { !hidden.contains($0) }
        let rows = min(shown.count + 1, max(1, r.height - 6))
        // wide: label 26 and columns of 12; narrow (an 80x24 dashboard): 18 and 10
        let wide = r.width >= 60
        let labelWidth = wide ? 24 : 16, column = wide ? 12 : 10
        canvas.put(
            r.x, r.y,
            Format.pad("RMSE", labelWidth + 2) + Format.pad(wide ? "vs points" : "points", column)
                + (fit.truth == nil ? "" : (wide ? "vs true curve" : "truth")), .dim, maxWidth: r.width)
        func row(_ y: Int, _ labels: [String], _ c: FittedCurve, _ color: Color) {
            let truth = c.truthRMSE.map { Format.value($0) } ?? ""
            canvas.put(
                r.x, y,
                "━ " + Format.pad(Format.fitting(labels, labelWidth - 1), labelWidth)
                    + Format.pad(Format.value(c.pointsRMSE), column) + truth,
                Style(fg: color), maxWidth: r.width)
        }
        row(
            r.y + 1, ["polynomial, degree \(fit.degree)", "poly. degree \(fit.degree)", "degree \(fit.degree)"],
            fit.polynomial, .magenta)
        for (k, i) in shown.prefix(rows - 1).enumerated() {
            row(r.y + 2 + k, [fit.networks[i].label], fit.networks[i], color(i))
        }
        var series: [ChartSeries] = []
        if let t = fit.truth { series.append(ChartSeries(label: "true curve", values: t, color: .green, xs: fit.x)) }
        series.append(ChartSeries(label: "polynomial", values: fit.polynomial.y, color: .magenta, xs: fit.x))
        for i in shown {
            series.append(
                ChartSeries(label: fit.networks[i].label, values: fit.networks[i].y, color: color(i), xs: fit.x))
        }
        series.append(ChartSeries(label: "points", values: fit.points.y, color: .white, xs: fit.points.x, marker: "●"))
        // the points and the true curve set the scale: a polynomial swinging far
        // outside them leaves the chart rather than flattening it
        let ys = fit.points.y + (fit.truth ?? [])
        let lo = ys.min() ?? -1, hi = ys.max() ?? 1, pad = 0.25 * (hi - lo) + 1e-6
        var chart = LineChart(title: "y against x", series: series)
        chart.showLegend = false
        chart.xRange = (fit.x.first ?? 0, fit.x.last ?? 1)
        chart.yRange = (lo - pad, hi + pad)
        chart.clipsToEdge = true  // the swings drawn to the edge, and marked ▲ ▼ where they leave
        let top = rows + 1
        chart.draw(in: canvas, Rect(x: r.x, y: r.y + top, width: r.width, height: r.height - top))
        var x = r.x + 13
        for (item, color) in [
            ("━ true curve", Color.green), ("━ polynomial", .magenta),
            ("● \(fit.points.x.count) training points", .white),
            ("▲▼ off the chart", .default),
        ]
        where (item != "━ true curve" || fit.truth != nil) && x + item.count <= r.maxX {
            canvas.put(x, r.y + top, item, Style(fg: color))
            x += item.count + 2
        }
    }

    static func color(_ run: Int) -> Color { networkColors[run % networkColors.count] }
}
