import NNDrawing
import NNEngine
import NNFiles
import NNSession

/// Loss (train and validation) over epochs and accuracy (or RMSE for regression).
enum CurvesView {
    static func draw(_ state: AppState, _ run: RunSnapshot, _ canvas: Canvas, _ r: Rect) {
        let (top, bottom) = r.splitTop(r.height / 2)
        lossChart(state, run, canvas, top, compact: false)
        var series: [ChartSeries]
        let title: String
        if run.isClassification {
            title = "accuracy"
            series = [ChartSeries(label: "train", values: run.history.compactMap(\.trainAccuracy), color: .cyan)]
            let v = run.history.compactMap(\.validationAccuracy)
            if !v.isEmpty { series.append(ChartSeries(label: "val", values: v, color: .yellow)) }
        } else {
            title = "RMSE"
            // for 1/2 squared error per output, RMSE = sqrt(2 * loss / outputs)
            let k = Double(run.sizes.last ?? 1)
            series = [
                ChartSeries(
                    label: "train", values: run.history.map { (2 * $0.trainLoss / k).squareRoot() }, color: .cyan)
            ]
            let v = run.history.compactMap(\.validationLoss).map { (2 * $0 / k).squareRoot() }
            if !v.isEmpty { series.append(ChartSeries(label: "val", values: v, color: .yellow)) }
        }
        var chart = LineChart(title: title, series: series)
        chart.epochAxis(of: [run.history], state.epochAxis)
        chart.overlapColor = .white
        chart.draw(in: canvas, bottom)
    }

    /// The loss of each of the last mini-batches (up to 200): the noise an epoch's mean hides.
    static func batchChart(_ run: RunSnapshot, _ canvas: Canvas, _ r: Rect) {
        var chart = LineChart(
            title: "last \(run.recentBatchLosses.count) mini-batches",
            series: [ChartSeries(label: "", values: run.recentBatchLosses, color: .cyan)])
        chart.showLegend = false
        chart.draw(in: canvas, r)
    }

    static func lossChart(_ state: AppState, _ run: RunSnapshot, _ canvas: Canvas, _ r: Rect, compact: Bool) {
        var series = [ChartSeries(label: "train", values: run.history.map(\.trainLoss), color: .cyan)]
        let v = run.history.compactMap(\.validationLoss)
        if !v.isEmpty && !compact { series.append(ChartSeries(label: "val", values: v, color: .yellow)) }
        var chart = LineChart(
            title: compact ? "loss" : "loss (\(run.preset.network.shownCost.name))", series: series,
            logScale: state.logScale)
        chart.shortTitle = "loss"
        chart.epochAxis(of: [run.history], state.epochAxis)
        chart.overlapColor = .white
        chart.showLegend = !compact
        chart.draw(in: canvas, r)
    }
}

/// The compact strip: sparklines of loss and accuracy with epoch, mini-batch,
/// samples/s, elapsed time, learning rate and the run state.
enum StatusStrip {
    static func stateText(_ run: RunSnapshot) -> String {
        switch run.state {
        case .running: "● running"
        case .paused: "‖ paused"
        case .finished: "■ finished (e extends)"
        case .diverged: "✖ diverged"
        }
    }

    static func draw(_ state: AppState, _ canvas: Canvas, _ r: Rect) {
        guard let run = state.run else { return }
        let w = max(8, min(24, (r.width - 60) / 2))
        var x = r.x + 1
        func item(_ label: String, _ spark: [Double], _ value: String, _ color: Color) {
            canvas.put(x, r.y, label, .bold)
            x += label.count + 1
            Sparkline.draw(canvas, x: x, y: r.y, width: w, values: spark, style: Style(fg: color))
            x += w + 1
            canvas.put(x, r.y, value, .plain)
            x += value.count + 3
        }
        let h = run.history
        item("loss", h.map(\.trainLoss), Format.value(h.last?.trainLoss), .cyan)
        if run.isClassification {
            let acc = h.map { $0.validationAccuracy ?? $0.trainAccuracy ?? 0 }
            item(h.last?.validationAccuracy != nil ? "val acc" : "acc", acc, Format.percent(acc.last), .green)
        } else if h.last?.validationLoss != nil {
            item("val loss", h.compactMap(\.validationLoss), Format.value(h.last?.validationLoss), .yellow)
        }
        let stateStyle: Style =
            run.state == .diverged
            ? Style(fg: .red, bold: true) : (run.state == .running ? Style(fg: .green, bold: true) : .bold)
        let trained = run.seconds < 60 ? String(format: "%.1fs", run.seconds) : Format.duration(run.seconds)
        var items: [(text: String, priority: Int)] = [
            ("epoch \(run.epoch)/\(run.totalEpochs)", 15), ("batch \(run.batchInEpoch)/\(run.batchesInEpoch)", 10),
        ]
        // paused (stepping with b): the last mini-batch's own loss
        if run.state == .paused, let b = run.recentBatchLosses.last {
            items.append(("batch loss \(Format.value(b))", 12))
        }
        items += [
            (
                "\(Format.rate(run.samplesPerSecond)) samples/s"
                    + (run.threads > 1 ? " on \(run.threads) threads" : ""), 6
            ), ("trained \(trained) of \(Format.duration(run.wallSeconds))", 4),
            ("lr \(Format.value(Double(run.learningRate)))", 9),
        ]
        canvas.put(r.x + 1, r.y + 1, stateText(run), stateStyle)
        let lineX = r.x + 3 + stateText(run).count
        canvas.put(
            lineX, r.y + 1, Format.prioritized(items, r.maxX - lineX - 1, separator: "  "), .plain,
            maxWidth: r.maxX - lineX)
    }
}
