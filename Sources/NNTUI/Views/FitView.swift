import NNCore
import NNDrawing

/// The homework's plot, live: data points, the true curve, the network's curve and
/// (Lawrence–Giles) the least-squares polynomial, with both fits' errors.
enum FitView {
    static func draw(_ state: AppState, _ canvas: Canvas, _ r: Rect) {
        guard let fit = state.snapshot.fit, let data = state.snapshot.data, r.height > 4 else {
            canvas.put(r.x + 1, r.y + 1, "computing the fit…", .dim)
            return
        }
        var header = "network: train RMSE \(Format.value(fit.networkTrainRMSE))"
        if let t = fit.networkTruthRMSE { header += ", vs true curve \(Format.value(t))" }
        canvas.put(r.x, r.y, header, Style(fg: .cyan, bold: true), maxWidth: r.width)
        if let d = fit.degree {
            var p = "polynomial degree \(d) (d/D): train RMSE \(Format.value(fit.polynomialTrainRMSE))"
            if let t = fit.polynomialTruthRMSE { p += ", vs true curve \(Format.value(t))" }
            canvas.put(r.x, r.y + 1, p, Style(fg: .magenta, bold: true), maxWidth: r.width)
        }
        var series = [
            ChartSeries(label: "data", values: data.curvePoints.map(\.1), color: .white, xs: data.curvePoints.map(\.0), scatter: true),
        ]
        if let t = fit.truth { series.append(ChartSeries(label: "true", values: t, color: .green, xs: fit.x)) }
        if let p = fit.polynomial { series.append(ChartSeries(label: "poly", values: p, color: .magenta, xs: fit.x)) }
        series.append(ChartSeries(label: "network", values: fit.network, color: .cyan, xs: fit.x))
        // keep wild polynomial swings from flattening the picture
        let ys = data.curvePoints.map(\.1) + fit.network + (fit.truth ?? [])
        let lo = ys.min() ?? -1, hi = ys.max() ?? 1, pad = 0.25 * (hi - lo) + 1e-6
        var chart = LineChart(title: "y over x", series: series)
        chart.xRange = (fit.x.first ?? 0, fit.x.last ?? 1)
        chart.yRange = (lo - pad, hi + pad)
        let top = fit.degree == nil ? 1 : 2
        chart.draw(in: canvas, Rect(x: r.x, y: r.y + top, width: r.width, height: r.height - top))
    }
}
