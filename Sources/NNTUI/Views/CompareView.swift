import NNDrawing
import NNEngine
import NNFiles
import NNSession

/// Compare mode: every run's loss overlaid (train or validation) with a legend, the
/// accuracy overlaid, and a table of runs with a sparkline each; `m` switches the
/// overlay for small multiples on shared axes.
enum CompareView {
    /// Whether the validation loss is what is drawn (`t`, where there is a validation split).
    static func showsValidation(_ state: AppState) -> Bool {
        state.compareValidation && (state.snapshot.data?.validationCount ?? 0) > 0
    }

    /// The runs train on different costs (bce against mse): their losses are not
    /// numbers on one scale, so the chart that overlays them shows accuracy instead.
    static func costsDiffer(_ state: AppState) -> Bool {
        Set(state.snapshot.runs.map { $0.preset.network.shownCost }).count > 1
            && state.snapshot.runs.allSatisfy(\.isClassification)
    }

    /// What the overlay draws per run: its loss (training, or validation with `t`), or
    /// its accuracy where the runs' costs differ.
    static func lossValues(_ state: AppState, _ run: RunSnapshot) -> [Double] {
        if costsDiffer(state) {
            return run.history.map { (showsValidation(state) ? $0.validationAccuracy : $0.trainAccuracy) ?? .nan }
        }
        return showsValidation(state) ? run.history.map { $0.validationLoss ?? .nan } : run.history.map(\.trainLoss)
    }

    /// The overlay's measure in words: "training loss", or the accuracy and why.
    static func measure(_ state: AppState) -> (title: String, short: String) {
        let which = showsValidation(state) ? "validation" : "training"
        guard costsDiffer(state) else { return ("\(which) loss", "loss") }
        let costs = Set(state.snapshot.runs.map { $0.preset.network.shownCost.rawValue }).sorted().joined(
            separator: ", ")
        return ("\(which) accuracy: the runs' costs (\(costs)) are not comparable", "accuracy")
    }

    static func draw(_ state: AppState, _ canvas: Canvas, _ r: Rect) {
        let (charts, table) = r.splitTop(r.height - tableHeight(state, r))
        let visible = state.snapshot.runs.indices.filter { !state.hiddenRuns.contains($0) }
        if state.smallMultiples {
            drawMultiples(state, visible, canvas, charts)
        } else if let fit = state.snapshot.fit {
            drawFits(state, fit, visible, canvas, charts)
        } else {
            drawRace(state, visible, canvas, charts)
        }
        drawTable(state, canvas, table)
    }

    /// The keys the charts' titles name: `m`, `t`, `d/D`.
    static var keys: (multiples: String, split: String, degree: String) {
        (
            KeyMap.key(for: .smallMultiples), KeyMap.key(for: .trainOrValidation),
            "\(KeyMap.key(for: .polynomialDegree(by: -1)))/\(KeyMap.key(for: .polynomialDegree(by: 1)))"
        )
    }

    /// A small chart a run, on shared axes.
    static func drawMultiples(_ state: AppState, _ visible: [Int], _ canvas: Canvas, _ charts: Rect) {
        let runs = state.snapshot.runs
        let which = showsValidation(state) ? "validation" : "training"
        let inner = Panel.draw(
            canvas, charts,
            title: Format.fitting(
                [
                    "\(measure(state).title) per run (shared axes)   \(keys.multiples): overlay",
                    "\(which) \(measure(state).short) per run   \(keys.multiples): overlay",
                ], charts.width - 6))
        let all = visible.flatMap { lossValues(state, runs[$0]) }.filter(\.isFinite)
        let range = (all.min() ?? 0, all.max() ?? 1)
        let maxLen = visible.map { runs[$0].history.count }.max() ?? 1
        let perRow = max(1, min(visible.count, inner.width / 26))
        let rows = max(1, (visible.count + perRow - 1) / perRow)
        let w = inner.width / perRow, h = inner.height / rows
        for (k, i) in visible.enumerated() {
            var chart = LineChart(
                title: runs[i].label,
                series: [ChartSeries(label: "", values: lossValues(state, runs[i]), color: Palette.series(i))],
                logScale: state.logScale)
            chart.yRange = range
            chart.xCount = maxLen
            chart.showLegend = false
            chart.draw(
                in: canvas, Rect(x: inner.x + (k % perRow) * w, y: inner.y + (k / perRow) * h, width: w - 1, height: h))
        }
    }

    /// A curve: the losses, and the homework's plot of every run's fit over the points.
    static func drawFits(_ state: AppState, _ fit: FitCurves, _ visible: [Int], _ canvas: Canvas, _ charts: Rect) {
        let runs = state.snapshot.runs
        let which = showsValidation(state) ? "validation" : "training"
        let (left, right) = charts.splitLeft(charts.width * 2 / 5)
        let li = Panel.draw(canvas, left, title: "\(which) loss   \(keys.split): train/val")
        LineChart(
            title: "loss",
            series: visible.map {
                ChartSeries(label: runs[$0].label, values: lossValues(state, runs[$0]), color: FitView.color($0))
            },
            logScale: state.logScale
        ).draw(in: canvas, li)
        let ri = Panel.draw(canvas, right, title: "fit of every run   \(keys.degree): polynomial degree")
        FitView.draw(fit, hidden: state.hiddenRuns, canvas, ri)
    }

    /// The race: every run's loss (or accuracy) over the epochs, and its accuracy (or
    /// validation loss) beside.
    static func drawRace(_ state: AppState, _ visible: [Int], _ canvas: Canvas, _ charts: Rect) {
        let runs = state.snapshot.runs
        let which = showsValidation(state) ? "validation" : "training"
        let hasValidation = (state.snapshot.data?.validationCount ?? 0) > 0
        let (left, right) = charts.splitLeft(charts.width * 3 / 5)
        let m = measure(state)
        let li = Panel.draw(
            canvas, left,
            title: Format.fitting(
                [
                    "\(m.title)   \(keys.split): train/val  \(keys.multiples): small multiples",
                    "\(m.title)   \(keys.split) · \(keys.multiples)", m.title, "\(which) \(m.short)",
                ], left.width - 6))
        var loss = LineChart(
            title: m.short,
            series: visible.map {
                ChartSeries(label: runs[$0].label, values: lossValues(state, runs[$0]), color: Palette.series($0))
            },
            logScale: state.logScale)
        loss.epochAxis(of: visible.map { runs[$0].history }, state.epochAxis)
        loss.draw(in: canvas, li)
        let classification = runs.first?.isClassification != false
        let split = hasValidation ? "validation" : "training"
        let ri = Panel.draw(canvas, right, title: classification ? "\(split) accuracy" : "\(split) loss")
        var chart = LineChart(
            title: "",
            series: visible.map { i in
                ChartSeries(
                    label: runs[i].label,
                    values: runs[i].history.map { r in
                        classification
                            ? (hasValidation ? r.validationAccuracy : r.trainAccuracy) ?? .nan
                            : (hasValidation ? r.validationLoss ?? .nan : r.trainLoss)
                    }, color: Palette.series(i))
            })
        chart.showLegend = false
        chart.epochAxis(of: visible.map { runs[$0].history }, state.epochAxis)
        chart.draw(in: canvas, ri)
    }

    /// The table of runs: a row each, under the charts, at most half the height.
    static func tableHeight(_ state: AppState, _ r: Rect) -> Int { min(state.snapshot.runs.count + 3, r.height / 2) }

    /// The area compare mode draws in.
    static func body(_ state: AppState) -> Rect { state.layout.body }

    /// The run whose row of the table is at the cell `(x, y)`.
    static func run(at x: Int, _ y: Int, _ state: AppState) -> Int? {
        guard state.view == .curves else { return nil }
        let r = body(state)
        let inner = r.splitTop(r.height - tableHeight(state, r)).1.inset(1)
        let i = y - inner.y - 1
        return inner.contains(x, y) && state.snapshot.runs.indices.contains(i) ? i : nil
    }

    /// Run `i`'s colour: the fit view's when the runs fit a curve, so curve and row match.
    static func color(_ state: AppState, _ i: Int) -> Color {
        state.snapshot.fit == nil ? Palette.series(i) : FitView.color(i)
    }

    static func drawTable(_ state: AppState, _ canvas: Canvas, _ r: Rect) {
        let inner = Panel.draw(
            canvas, r,
            title: Format.fitting(
                [
                    "runs (same initial weights and batch order)   ↑↓ select · h hide · ↵ promote",
                    "runs (same initial weights and batch order)", "runs",
                ], r.width - 6))
        // columns as wide as their longest entry (within limits that grow with the
        // terminal), each followed by a space, so no two ever touch; where the row is
        // too narrow for all, s/epoch goes first, then the setting (the run's name says
        // its value), then the best epoch
        let runs = state.snapshot.runs
        let cap = max(12, inner.width / 6)
        let labelWidth = min(max(runs.map { TerminalText.width($0.label) }.max() ?? 3, 3), cap) + 1
        let settingWidth = min(max(runs.map { TerminalText.width($0.setting) }.max() ?? 7, 7), cap) + 1
        func column(_ text: String, _ width: Int) -> String { Format.pad(text, width - 1) + " " }
        // "90% at": the first epoch each run reached 90% accuracy (who learns faster)
        var columns: [(title: String, width: Int, value: (RunSnapshot) -> String)] = [
            ("setting", settingWidth, { $0.setting }),
            ("epoch", 7, { "\($0.epoch)" }),
            ("train", 10, { Format.value($0.history.last?.trainLoss) }),
            ("val", 10, { Format.value($0.history.last?.validationLoss) }),
            (
                "val acc", 8,
                { r in Format.percent(r.history.last?.validationAccuracy ?? r.history.last?.trainAccuracy) }
            ),
            ("best", 6, { $0.bestEpoch.map(String.init) ?? "-" }),
            ("90% at", 7, { $0.epochReaching(0.9).map(String.init) ?? "-" }),
            ("s/epoch", 9, { String(format: "%.4f", $0.epoch > 0 ? $0.seconds / Double($0.epoch) : 0) }),
        ]
        // a setting cut short says less than the run's name: left out
        if runs.contains(where: { TerminalText.width($0.setting) > settingWidth - 1 }) { columns.removeFirst() }
        for dropped in ["s/epoch", "setting", "best"]
        where 2 + labelWidth + columns.reduce(0, { $0 + $1.width }) > inner.width {
            columns.removeAll { $0.title == dropped }
        }
        let used = 2 + labelWidth + columns.reduce(0) { $0 + $1.width }
        // the loss sparkline and the state where the row has room for them
        let spark = min(max(0, inner.width - used - 12), 30)
        let head =
            "  " + column("run", labelWidth) + columns.map { column($0.title, $0.width) }.joined()
            + (spark >= 4 ? column("loss", spark + 1) + "state" : "")
        canvas.put(inner.x, inner.y, head, .dim, maxWidth: inner.width)
        for (i, run) in runs.enumerated() where inner.y + 1 + i < inner.maxY {
            let selected = i == state.selectedRun
            let hidden = state.hiddenRuns.contains(i)
            let style: Style = selected ? .selected : (hidden ? .dim : .plain)
            let y = inner.y + 1 + i
            let text =
                (hidden ? "- " : "━ ") + column(run.label, labelWidth)
                + columns.map { column($0.value(run), $0.width) }.joined()
            canvas.put(inner.x, y, Format.pad(text, inner.width), style, maxWidth: inner.width)
            canvas.set(inner.x, y, hidden ? "-" : "━", Style(fg: color(state, i), bold: true, reverse: selected))
            let sx = inner.x + TerminalText.width(text)
            guard spark >= 4 else { continue }
            Sparkline.draw(
                canvas, x: sx, y: y, width: spark, values: CompareView.lossValues(state, run),
                style: Style(fg: color(state, i), reverse: selected))
            let st = run.state == .diverged ? "✖ diverged" : run.state.rawValue
            canvas.put(
                sx + spark + 1, y, st, run.state == .diverged ? Style(fg: .red, bold: true) : style,
                maxWidth: inner.maxX - sx - spark - 1)
        }
    }
}
