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
        // rows: the runs, or over seeds the variants
        let visible = (0..<state.rowCount).filter { !state.hiddenRuns.contains($0) }
        if state.smallMultiples {
            drawMultiples(state, visible, canvas, charts)
        } else if let fit = state.snapshot.fit {
            drawFits(state, fit, visible, canvas, charts)
        } else if let map = GridView.model(state) {
            // a grid of two keys: its heat map beside the race, or alone where narrow
            let need = GridView.width(map)
            if charts.width >= need + 50 {
                let (race, grid) = charts.splitLeft(charts.width - need)
                drawRace(state, visible, canvas, race)
                GridView.draw(state, map, canvas, grid)
            } else {
                GridView.draw(state, map, canvas, charts)
            }
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
        let series = rowSeries(state, visible) { lossValues(state, $0) }
        let all = series.flatMap { $0.values + ($0.band.map { $0.lower + $0.upper } ?? []) }.filter(\.isFinite)
        let range = (all.min() ?? 0, all.max() ?? 1)
        let maxLen = visible.map { state.runIndices($0).map { runs[$0].history.count }.max() ?? 0 }.max() ?? 1
        let perRow = max(1, min(visible.count, inner.width / 26))
        let rows = max(1, (visible.count + perRow - 1) / perRow)
        let w = inner.width / perRow, h = inner.height / rows
        for (k, i) in visible.enumerated() {
            var chart = LineChart(title: rowLabel(state, i), series: [series[k]], logScale: state.logScale)
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
        let li = Panel.draw(
            canvas, left,
            title: Format.fitting(
                ["\(which) loss   \(keys.split): train/val", "\(which) loss   \(keys.split)", "\(which) loss"],
                left.width - 6))
        LineChart(
            title: "loss",
            series: rowSeries(state, visible) { lossValues(state, $0) }.enumerated().map { k, s in
                var s = s
                s.color = FitView.color(visible[k])
                return s
            },
            logScale: state.logScale
        ).draw(in: canvas, li)
        let ri = Panel.draw(
            canvas, right,
            title: Format.fitting(
                [
                    "fit of every run   \(keys.degree): polynomial degree", "fit of every run   \(keys.degree)",
                    "fit of every run",
                ], right.width - 6))
        FitView.draw(fit, hidden: Set(state.hiddenRuns.flatMap { state.runIndices($0) }), canvas, ri)
    }

    /// The race: every run's loss (or accuracy) over the epochs, and its accuracy (or
    /// validation loss) beside.
    static func drawRace(_ state: AppState, _ visible: [Int], _ canvas: Canvas, _ charts: Rect) {
        let runs = state.snapshot.runs
        let which = showsValidation(state) ? "validation" : "training"
        let hasValidation = (state.snapshot.data?.validationCount ?? 0) > 0
        let (left, right) = charts.splitLeft(charts.width * 3 / 5)
        let m = measure(state)
        // over seeds each curve is a variant's median, its band the seeds' spread
        let over = state.grouped ? ", median of \(state.snapshot.seedsPerVariant) seeds" : ""
        let li = Panel.draw(
            canvas, left,
            title: Format.fitting(
                [
                    "\(m.title)\(over)   \(keys.split): train/val  \(keys.multiples): small multiples",
                    "\(m.title)\(over)   \(keys.split) · \(keys.multiples)", "\(m.title)\(over)", m.title,
                    "\(which) \(m.short)",
                ], left.width - 6))
        var loss = LineChart(
            title: m.short,
            series: seedSeries(state, visible) { lossValues(state, $0) }
                + rowSeries(state, visible) { lossValues(state, $0) },
            logScale: state.logScale)
        loss.epochAxis(of: visible.map { runs[state.runIndex($0)].history }, state.epochAxis)
        loss.draw(in: canvas, li)
        let classification = runs.first?.isClassification != false
        let split = hasValidation ? "validation" : "training"
        let measured = classification ? "\(split) accuracy" : "\(split) loss"
        let ri = Panel.draw(canvas, right, title: Format.fitting(["\(measured)\(over)", measured], right.width - 6))
        var chart = LineChart(
            title: "",
            series: rowSeries(state, visible) { run in
                run.history.map { r in
                    classification
                        ? (hasValidation ? r.validationAccuracy : r.trainAccuracy) ?? .nan
                        : (hasValidation ? r.validationLoss ?? .nan : r.trainLoss)
                }
            })
        chart.showLegend = false
        chart.epochAxis(of: visible.map { runs[state.runIndex($0)].history }, state.epochAxis)
        chart.draw(in: canvas, ri)
    }

    /// The table of runs: a row each, under the charts, at most half the height.
    static func tableHeight(_ state: AppState, _ r: Rect) -> Int {
        min(state.rowCount + 3 + (state.grouped ? verdictLines(state) : 0), r.height / 2)
    }

    /// Over seeds: what each variant came to and the paired verdicts, from the runs now.
    static func seeded(_ state: AppState) -> (
        summaries: [SeededComparison.Summary], verdicts: [SeededComparison.Verdict]
    )? {
        let labels = state.snapshot.variants, n = state.snapshot.seedsPerVariant
        let results = state.snapshot.runs.map { SeededComparison.Result($0.history) }
        guard !labels.isEmpty, results.count == labels.count * n,
            let c = try? SeededComparison(
                labels: labels, seeds: Array(1...UInt64(n)))
        else { return nil }
        return (labels.indices.map { c.summary($0, results) }, c.verdicts(results))
    }

    /// Every row's summary over its seeds (one seed each outside a comparison over seeds).
    static func summaries(_ state: AppState) -> [SeededComparison.Summary]? {
        if state.grouped { return seeded(state)?.summaries }
        let runs = state.snapshot.runs
        guard !runs.isEmpty, let c = try? SeededComparison(labels: runs.map(\.label), seeds: [1]) else { return nil }
        let results = runs.map { SeededComparison.Result($0.history) }
        return runs.indices.map { c.summary($0, results) }
    }

    /// The lines the verdicts take under a comparison over seeds.
    static func verdictLines(_ state: AppState) -> Int {
        SeededComparison.verdictCount(variants: state.snapshot.variants.count)
    }

    /// Over seeds, a row a variant: its seeds, the median epoch, the validation
    /// accuracy as median [min–max], the epoch it reached 90% and in how many seeds, and
    /// its runs' states; then the verdicts in words.
    static func drawVariantTable(_ state: AppState, _ canvas: Canvas, _ r: Rect) {
        let n = state.snapshot.seedsPerVariant
        let inner = Panel.draw(
            canvas, r,
            title: Format.fitting(
                [
                    "variants over \(n) seeds (paired: the same weights at each seed)   median [min–max]   "
                        + "\(KeyMap.key(for: .spreadMode)): \(state.spread.rawValue) · "
                        + "\(KeyMap.key(for: .expandVariant)): seeds",
                    "variants over \(n) seeds (paired: the same weights at each seed)   median [min–max]   "
                        + "\(KeyMap.key(for: .spreadMode)): \(state.spread.rawValue)",
                    "variants over \(n) seeds   median [min–max]   "
                        + "\(KeyMap.key(for: .spreadMode)): \(state.spread.rawValue) · "
                        + "\(KeyMap.key(for: .expandVariant)): seeds",
                    "variants over \(n) seeds   median [min–max]   "
                        + "\(KeyMap.key(for: .spreadMode)): \(state.spread.rawValue)",
                    "variants over \(n) seeds   median [min–max]", "variants",
                ], r.width - 6))
        guard let (summaries, verdicts) = seeded(state) else { return }
        let range = SeededComparison.rangeText, epochText = SeededComparison.epochText
        let seedWidth = state.expandedVariant == nil ? 0 : 9 + String(n).count  // "  ╰ seed N "
        let labelWidth =
            min(max(state.snapshot.variants.map { TerminalText.width($0) }.max() ?? 7, 7, seedWidth - 2), 24) + 1
        let head =
            "  " + Format.pad("variant", labelWidth) + Format.pad("epoch", 7) + Format.pad("val acc", 24)
            + Format.pad("\(Int(SeededComparison.threshold * 100))% at", 16) + Format.pad("reached", 9) + "state"
        canvas.put(inner.x, inner.y, head, .dim, maxWidth: inner.width)
        let (shown, first) = tableRows(state, inner)
        for row in first..<(first + shown) {
            let runs = state.runIndices(row).map { state.snapshot.runs[$0] }
            let selected = row == state.selectedRun, hidden = state.hiddenRuns.contains(row)
            let text: String
            switch state.compareRow(row) {
            case .seed(_, let k):
                // one seed: its own numbers, under its variant
                let r = runs[0], h = r.history.last
                text =
                    (hidden ? "  - " : "  ╰ ") + Format.pad("seed \(k + 1)", labelWidth - 2)
                    + Format.pad("\(r.epoch)", 7) + Format.pad(Format.percent(h?.validationAccuracy), 24)
                    + Format.pad(r.epochReaching(SeededComparison.threshold).map(String.init) ?? "-", 16)
                    + Format.pad("", 9) + r.state.rawValue
            case .variant(let v), .run(let v):
                let s = summaries[v]
                let epoch = Spread(runs.map { Double($0.epoch) })?.median ?? 0
                let diverged = runs.filter { $0.state == .diverged }.count
                let states =
                    diverged > 0
                    ? "\(diverged) diverged"
                    : (runs.allSatisfy { $0.state == .finished } ? "finished" : runs[0].state.rawValue)
                text =
                    (hidden ? "- " : "━ ") + Format.pad(s.label, labelWidth) + Format.pad(epochText(epoch), 7)
                    + Format.pad(range(s.validationAccuracy, Format.percent), 24)
                    + Format.pad(range(s.reachedAt, epochText), 16)
                    + Format.pad(s.classification ? "\(s.reached) of \(s.seeds)" : "-", 9) + states
            }
            let y = inner.y + 1 + row - first
            canvas.put(
                inner.x, y, Format.pad(text, inner.width), selected ? .selected : (hidden ? .dim : .plain),
                maxWidth: inner.width)
            if case .seed = state.compareRow(row) { continue }
            canvas.set(inner.x, y, hidden ? "-" : "━", Style(fg: color(state, row), bold: true, reverse: selected))
        }
        for (k, v) in verdicts.enumerated() where inner.y + 1 + shown + k < inner.maxY {
            canvas.put(inner.x, inner.y + 1 + shown + k, v.sentence, .bold, maxWidth: inner.width)
        }
    }

    /// Over seeds, how many rows the table shows in `inner` (under its heading, leaving
    /// the verdicts their lines where it can) and the first: scrolled so the selected row
    /// is always among them.
    static func tableRows(_ state: AppState, _ inner: Rect) -> (shown: Int, first: Int) {
        let room = max(inner.height - 1, 0)
        let shown = min(state.rowCount, max(room - verdictLines(state), min(room, 1)))
        let first = min(max(state.selectedRun - shown + 1, 0), max(state.rowCount - shown, 0))
        return (shown, first)
    }

    /// Row `row`'s name: its run's label, or its variant's.
    static func rowLabel(_ state: AppState, _ row: Int) -> String {
        switch state.compareRow(row) {
        case .run(let i): state.snapshot.runs[i].label
        case .variant(let v): state.snapshot.variants[v]
        case .seed(let v, let k): "\(state.snapshot.variants[v]) seed \(k + 1)"
        }
    }

    /// With `SpreadMode.seeds`, every seed's own curve of the rows, faint and unnamed,
    /// to draw under their medians.
    static func seedSeries(_ state: AppState, _ rows: [Int], _ values: (RunSnapshot) -> [Double]) -> [ChartSeries] {
        guard state.grouped, state.spread == .seeds else { return [] }
        return rows.filter { if case .variant = state.compareRow($0) { true } else { false } }.flatMap { row in
            state.runIndices(row).map {
                ChartSeries(
                    label: "", values: values(state.snapshot.runs[$0]),
                    color: color(state, row).dimmed(0.45))
            }
        }
    }

    /// A chart series a row, in the row's colour: a run's `values`, or over seeds the
    /// median of its seeds' values at each epoch over a band from their least to their largest.
    static func rowSeries(_ state: AppState, _ rows: [Int], _ values: (RunSnapshot) -> [Double]) -> [ChartSeries] {
        rows.map { row in
            let per = state.runIndices(row).map { values(state.snapshot.runs[$0]) }
            switch state.compareRow(row) {
            case .run: return ChartSeries(label: rowLabel(state, row), values: per[0], color: color(state, row))
            case .seed:  // one seed of the expanded variant: its own curve, in its variant's colour dimmed
                return ChartSeries(label: rowLabel(state, row), values: per[0], color: color(state, row).dimmed(0.7))
            case .variant: break
            }
            let spreads = Spread.atEachIndex(per)
            var s = ChartSeries(
                label: "\(rowLabel(state, row)) ×\(per.count)", values: spreads.map { $0?.median ?? .nan },
                color: color(state, row))
            switch state.spread {
            case .range: s.band = (spreads.map { $0?.min ?? .nan }, spreads.map { $0?.max ?? .nan })
            case .quartiles: s.band = (spreads.map { $0?.q1 ?? .nan }, spreads.map { $0?.q3 ?? .nan })
            case .seeds: break
            }
            return s
        }
    }

    /// The area compare mode draws in.
    static func body(_ state: AppState) -> Rect { state.layout.body }

    /// The run whose row of the table is at the cell `(x, y)`.
    static func run(at x: Int, _ y: Int, _ state: AppState) -> Int? {
        guard state.view == .curves else { return nil }
        let r = body(state)
        let inner = r.splitTop(r.height - tableHeight(state, r)).1.inset(1)
        let i = y - inner.y - 1 + (state.grouped ? tableRows(state, inner).first : 0)
        return inner.contains(x, y) && (0..<state.rowCount).contains(i) ? i : nil
    }

    /// Row `i`'s colour: its run's or variant's (a seed's row its variant's); the fit
    /// view's when the runs fit a curve, so curve and row match.
    static func color(_ state: AppState, _ i: Int) -> Color {
        state.snapshot.fit == nil ? Palette.series(state.variant(ofRow: i)) : FitView.color(i)
    }

    static func drawTable(_ state: AppState, _ canvas: Canvas, _ r: Rect) {
        if state.grouped { return drawVariantTable(state, canvas, r) }
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
        // the sparkline of what the chart shows (the loss, or the accuracy where the
        // costs differ) and the state, where the row has room for them
        let spark = min(max(0, inner.width - used - 12), 30)
        let head =
            "  " + column("run", labelWidth) + columns.map { column($0.title, $0.width) }.joined()
            + (spark >= 4 ? column(CompareView.measure(state).short, spark + 1) + "state" : "")
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
