import NNDrawing
import NNEngine
import NNFiles
import NNSession

/// The schedule's learning rate over the run: planned (the whole curve, drawn in
/// advance) and actual (what each epoch used, plateau reductions included).
enum LearningRateView {
    static func draw(_ run: RunSnapshot, _ canvas: Canvas, _ r: Rect) {
        let s = run.preset.schedule
        canvas.put(
            r.x, r.y,
            "schedule \(s.kind.rawValue)" + (s.warmup > 0 ? ", warmup \(Format.count(s.warmup, "epoch"))" : "")
                + "   lr0 \(Format.value(Double(run.preset.optimizer.lr)))   now "
                + "\(Format.value(Double(run.learningRate)))",
            .bold, maxWidth: r.width)
        // both legend values at the current epoch
        let planned = run.plannedLearningRates
        var plan = ChartSeries(
            label: "planned", values: planned.rates.map(Double.init), color: .cyan,
            xs: planned.epochs.map { Double($0 + 1) })
        plan.legendValue = planned.rate(at: run.epoch).map(Double.init)
        var actual = ChartSeries(label: "actual", values: run.history.map { Double($0.lr) }, color: .yellow)
        actual.legendValue = Double(run.learningRate)
        var chart = LineChart(title: "learning rate", series: [plan, actual])
        chart.xCount = max(run.totalEpochs, run.history.count)
        chart.draw(in: canvas, Rect(x: r.x, y: r.y + 1, width: r.width, height: r.height - 1))
    }
}
