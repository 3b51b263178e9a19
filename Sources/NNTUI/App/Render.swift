import NNDrawing
import NNEngine
import NNFiles
import NNSession

/// Draws the whole dashboard for a state into a new canvas. Pure, so every screen
/// can be snapshot-tested.
public func render(_ state: AppState) -> Canvas {
    let canvas = Canvas(width: state.width, height: state.height)
    if state.tooSmall {
        let lines = [
            "The terminal is \(state.width)x\(state.height).",
            "Enlarge the terminal to at least \(AppState.minimumWidth)x\(AppState.minimumHeight).",
            "(q quits)",
        ]
        for (i, l) in lines.enumerated() {
            canvas.put(
                max(0, (state.width - l.count) / 2), max(0, state.height / 2 - 1 + i), l, i == 1 ? .bold : .plain)
        }
        return canvas
    }
    let layout = state.layout
    HeaderView.draw(state, canvas, layout.header)
    if state.snapshot.compareMode {
        let body = CompareView.body(state)
        // v: the selected run's views, then back to the comparison
        if state.view == .curves { CompareView.draw(state, canvas, body) } else { MainView.draw(state, canvas, body) }
    } else {
        if state.showSettings { SettingsView.draw(state, canvas, layout.settings) }
        if state.showSettings, layout.sideChart.height >= 5, let run = state.run {
            if state.view == .curves {
                CurvesView.batchChart(run, canvas, layout.sideChart.inset(1))
            } else {
                CurvesView.lossChart(state, run, canvas, layout.sideChart.inset(1), compact: true)
            }
        }
        MainView.draw(state, canvas, layout.view)
    }
    LessonView.draw(state, canvas, layout.lesson)
    StatusStrip.draw(state, canvas, layout.strip)
    FooterView.draw(state, canvas, layout.footer)
    if let picker = state.picker { picker.draw(canvas) }
    if let run = state.finderRun {
        FinderOverlay.draw(
            state.snapshot.learningRateTest.flatMap { $0.run == run ? $0.result : nil }, canvas, layout.view)
    }
    if state.mode == .lessonPage { LessonView.drawPage(state, canvas) }
    if case .help(let scroll) = state.mode {
        HelpOverlay.draw(canvas, Rect(x: 0, y: 0, width: state.width, height: state.height), scroll: scroll)
    }
    return canvas
}

/// The selected view in the right-hand area.
enum MainView {
    static func draw(_ state: AppState, _ canvas: Canvas, _ r: Rect) {
        guard let run = state.run else { return }
        let title = (state.snapshot.compareMode ? "\(run.label): " : "") + "\(state.view.rawValue)   (v: next view)"
        let inner = Panel.draw(canvas, r, title: title)
        switch state.view {
        case .curves: CurvesView.draw(state, run, canvas, inner)
        case .boundary: BoundaryView.draw(state, canvas, inner)
        case .fit: FitView.draw(state, canvas, inner)
        case .confusion: ConfusionView.draw(state, canvas, inner)
        case .gradients:
            GradientView.draw(
                run, units: state.snapshot.layerUnits, epochAxis: state.epochAxis,
                trainCount: state.snapshot.data?.trainCount, canvas, inner)
        case .network: NetworkView.draw(state, canvas, inner)
        case .learningRate: LearningRateView.draw(run, canvas, inner)
        case .equations: EquationsView.draw(run, canvas, inner)
        }
        if let why = run.divergence { DivergenceBanner.draw(why.description, canvas, inner) }
    }
}

/// Over the top of the view while the run is diverged: what happened and what to do.
enum DivergenceBanner {
    static func draw(_ why: String, _ canvas: Canvas, _ r: Rect) {
        let text =
            "The run diverged: \(why). Lower the learning rate (- halves it), then space or n resumes "
            + "from those weights; r restarts from the first ones."
        let lines = Format.wrap(text, r.width - 4)
        let box = Rect(x: r.x, y: r.y, width: r.width, height: min(lines.count + 2, r.height))
        canvas.fill(box)
        let inner = Panel.draw(
            canvas, box, title: "✖ diverged", style: Style(fg: .red, bold: true),
            titleStyle: Style(fg: .red, bold: true))
        for (k, line) in lines.enumerated() where k < inner.height {
            canvas.put(inner.x + 1, inner.y + k, line, .bold, maxWidth: inner.width - 1)
        }
    }
}

enum HeaderView {
    static func draw(_ state: AppState, _ canvas: Canvas, _ r: Rect) {
        canvas.fill(r, " ", .selected)
        guard let run = state.run else { return }
        var items: [(text: String, priority: Int)] = [
            ("nntui", 3), (state.snapshot.compareMode ? "compare: " + run.preset.name : run.preset.name, 9),
            (StatusStrip.stateText(run), 10), ("epoch \(run.epoch)/\(run.totalEpochs)", 10),
        ]
        if state.planeCleared {
            items.append(("drawn: no points yet", 2))
        } else if let d = state.snapshot.data {
            let full =
                "\(d.source): \(d.trainCount) train / \(d.validationCount) val"
                + (d.testCount.map { " / \($0) test" } ?? "")
            let line = Format.prioritized(items, r.width - 2, separator: " │ ")
            let room = r.width - 2 - line.count - 3
            let short = "\(d.trainCount)/\(d.validationCount)" + (d.testCount.map { "/\($0)" } ?? "")
            items.append((Format.fitting([full, "\(d.source) \(short)", short], room), 2))
        }
        canvas.put(
            r.x + 1, r.y, Format.prioritized(items, r.width - 2, separator: " │ "), Style(bold: true, reverse: true),
            maxWidth: r.width - 1)
    }
}

/// The bottom line: a message when there is one, else the keys that matter now,
/// leaving out the least needed until they fit (help and quit always stay).
enum FooterView {
    static func keys(_ state: AppState) -> [(text: String, priority: Int)] {
        if !state.snapshot.compareMode, let run = state.run, run.state == .diverged {
            // what gets a diverged run going again, in words, with the keys that do it
            return KeyMap.divergedFooter(resumingFrom: run.epoch == 0 ? "the start" : "epoch \(run.epoch)")
        }
        return KeyMap.footer(comparison: state.snapshot.compareMode, finished: state.run?.state == .finished)
    }

    static func draw(_ state: AppState, _ canvas: Canvas, _ r: Rect) {
        if let m = state.note ?? state.snapshot.outcome.map(OutcomeText.text) {
            let shown = Format.fitting([m], r.width - 3)
            canvas.put(
                r.x + 1, r.y, shown + (shown.count < m.count ? " …" : ""), Style(fg: .yellow, bold: true),
                maxWidth: r.width - 1)
            return
        }
        let diverged = state.run?.state == .diverged && !state.snapshot.compareMode
        if diverged { canvas.put(r.x + 1, r.y, "✖ diverged:", Style(fg: .red, bold: true)) }
        let x = r.x + (diverged ? 13 : 1)
        canvas.put(
            x, r.y, Format.prioritized(keys(state), r.maxX - x - 1), diverged ? .bold : .dim, maxWidth: r.maxX - x)
    }
}

/// `?`: every key of the key map, in one column where the terminal is tall enough,
/// else two.
enum HelpOverlay {
    static let lines = KeyMap.helpLines
    /// The lines from `scroll` on, in as many columns (one or two) and rows as fit
    /// in `area`; the last row says when more lines follow.
    static func draw(_ canvas: Canvas, _ area: Rect, scroll: Int = 0) {
        let columnWidth = (lines.map { TerminalText.width($0) }.max() ?? 0) + 2
        let columns = lines.count + 3 <= area.height - 2 || 2 * columnWidth + 3 > area.width ? 1 : 2
        let rows = max(min((lines.count + columns - 1) / columns, area.height - 5), 1)
        let first = min(max(scroll, 0), max(lines.count - 1, 0))
        let shown = Array(lines[first...].prefix(rows * columns))
        let more = first + shown.count < lines.count
        let w = min(columns * columnWidth + 3, area.width), h = min(rows + 3 + (more || first > 0 ? 1 : 0), area.height)
        let r = Rect(x: area.x + (area.width - w) / 2, y: area.y + (area.height - h) / 2, width: w, height: h)
        canvas.fill(r)
        let inner = Panel.draw(canvas, r, title: "keys", style: .bold)
        for (i, l) in shown.enumerated() {
            canvas.put(inner.x + 1 + (i / rows) * columnWidth, inner.y + 1 + i % rows, l, .plain, maxWidth: columnWidth)
        }
        if more || first > 0 {
            let hint = (more ? "↓ more" : "") + (first > 0 ? (more ? " · " : "") + "↑ back" : "")
            canvas.put(inner.x + 1, inner.maxY - 1, hint, .dim, maxWidth: inner.width - 1)
        }
    }
}
