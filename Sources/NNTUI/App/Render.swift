import NNCore
import NNDrawing

/// Draws the whole dashboard for a state into a new canvas. Pure, so every screen
/// can be snapshot-tested.
public func render(_ state: AppState) -> Canvas {
    let canvas = Canvas(width: state.width, height: state.height)
    if state.tooSmall {
        let lines = ["The terminal is \(state.width)x\(state.height).",
                     "Enlarge the terminal to at least \(AppState.minimumWidth)x\(AppState.minimumHeight).",
                     "(q quits)"]
        for (i, l) in lines.enumerated() {
            canvas.put(max(0, (state.width - l.count) / 2), max(0, state.height / 2 - 1 + i), l, i == 1 ? .bold : .plain)
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
    StatusStrip.draw(state, canvas, layout.strip)
    FooterView.draw(state, canvas, layout.footer)
    if let picker = state.picker { picker.draw(canvas) }
    if let run = state.finderRun { FinderOverlay.draw(state.snapshot.learningRateTest.flatMap { $0.run == run ? $0.result : nil }, canvas, layout.view) }
    if state.showHelp { HelpOverlay.draw(canvas, Rect(x: 0, y: 0, width: state.width, height: state.height)) }
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
        case .gradients: GradientView.draw(run, units: state.snapshot.layerUnits, canvas, inner)
        case .network: NetworkView.draw(state, canvas, inner)
        case .learningRate: LearningRateView.draw(run, canvas, inner)
        case .equations: EquationsView.draw(run, canvas, inner)
        }
        if let why = run.divergence { DivergenceBanner.draw(why, canvas, inner) }
    }
}

/// Over the top of the view while the run is diverged: what happened and what to do.
enum DivergenceBanner {
    static func draw(_ why: String, _ canvas: Canvas, _ r: Rect) {
        let text = "The run diverged: \(why). Lower the learning rate (- halves it), then space or n resumes "
            + "from those weights; r restarts from the first ones."
        let lines = Format.wrap(text, r.width - 4)
        let box = Rect(x: r.x, y: r.y, width: r.width, height: min(lines.count + 2, r.height))
        canvas.fill(box)
        let inner = Panel.draw(canvas, box, title: "✖ diverged", style: Style(fg: .red, bold: true), titleStyle: Style(fg: .red, bold: true))
        for (k, line) in lines.enumerated() where k < inner.height { canvas.put(inner.x + 1, inner.y + k, line, .bold, maxWidth: inner.width - 1) }
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
        if let d = state.snapshot.data {
            let full = "\(d.source): \(d.trainCount) train / \(d.validationCount) val" + (d.testCount.map { " / \($0) test" } ?? "")
            let line = Format.prioritized(items, r.width - 2, separator: " │ ")
            let room = r.width - 2 - line.count - 3
            let short = "\(d.trainCount)/\(d.validationCount)" + (d.testCount.map { "/\($0)" } ?? "")
            items.append((Format.fitting([full, "\(d.source) \(short)", short], room), 2))
        }
        canvas.put(r.x + 1, r.y, Format.prioritized(items, r.width - 2, separator: " │ "), Style(bold: true, reverse: true), maxWidth: r.width - 1)
    }
}

/// The bottom line: a message when there is one, else the keys that matter now,
/// leaving out the least needed until they fit (help and quit always stay).
enum FooterView {
    static func keys(_ state: AppState) -> [(text: String, priority: Int)] {
        let end: [(text: String, priority: Int)] = [("? help", 20), ("q quit", 20)]
        if state.snapshot.compareMode {
            return [("space pause", 9), ("n epoch", 5), ("b batch", 3), ("↑↓ select", 7), ("h hide", 4), ("m multiples", 3),
                    ("t train/val", 3), ("v view", 6), ("+/- lr", 4), ("↵ promote", 5), ("c leave", 8)] + end
        }
        if let run = state.run, run.state == .diverged {
            let from = run.epoch == 0 ? "the start" : "epoch \(run.epoch)"
            return [("-: lower the rate", 12), ("space/n: resume from \(from)", 12), ("r: restart", 10)] + end
        }
        var k: [(text: String, priority: Int)] = [("space pause", 9), ("n epoch", 6), ("b batch", 4), ("r reset", 7)]
        if state.run?.state == .finished { k.append(("e extend", 9)) }
        k += [("tab/↑↓ move", 3), ("←→ change", 3), ("+/- lr", 5), ("f find lr", 2), ("c compare", 5), ("v view", 8),
              ("H settings", 2), ("P save view", 1)]
        return k + end
    }

    static func draw(_ state: AppState, _ canvas: Canvas, _ r: Rect) {
        if let m = state.snapshot.message {
            let shown = Format.fitting([m], r.width - 3)
            canvas.put(r.x + 1, r.y, shown + (shown.count < m.count ? " …" : ""), Style(fg: .yellow, bold: true), maxWidth: r.width - 1)
            return
        }
        let diverged = state.run?.state == .diverged && !state.snapshot.compareMode
        if diverged { canvas.put(r.x + 1, r.y, "✖ diverged:", Style(fg: .red, bold: true)) }
        let x = r.x + (diverged ? 13 : 1)
        canvas.put(x, r.y, Format.prioritized(keys(state), r.maxX - x - 1), diverged ? .bold : .dim, maxWidth: r.maxX - x)
    }
}

/// `?`: every key, in one column where the terminal is tall enough, else two.
enum HelpOverlay {
    static let lines = [
        "space    pause / resume",
        "n        train one epoch",
        "b        train one mini-batch",
        "r / R    reset: same / next seed",
        "tab ↑ ↓  move in the settings",
        "← → ↵    change the setting",
        "a o s    activation/optimizer/schedule",
        "+ / -    learning rate ×2 / ÷2",
        "f        learning-rate finder (↵ applies)",
        "network: [ ] layer · { } unit",
        "  (then ←→ ↑↓ until tab) · u U unit +/-",
        "  i x insert / delete a layer",
        "c        compare runs",
        "v        next view",
        "l        log scale for the loss",
        "d / D    polynomial degree (fit)",
        "< / >    slower / faster",
        "e        extend a finished run",
        "H        hide / show the settings",
        "w        save a checkpoint",
        "p        save the settings (YAML)",
        "P        save the view (SVG)",
        "mouse: click a row, run or unit;",
        "  the wheel changes a row",
        "compare: ↑↓ select · h hide",
        "  m multiples · t train/val",
        "  ↵ promote · c leave",
        "?        close this help",
        "q        quit",
    ]
    static func draw(_ canvas: Canvas, _ area: Rect) {
        let columnWidth = (lines.map(\.count).max() ?? 0) + 2
        let columns = lines.count + 3 <= area.height - 2 ? 1 : 2
        let perColumn = (lines.count + columns - 1) / columns
        let w = min(columns * columnWidth + 3, area.width), h = min(perColumn + 3, area.height)
        let r = Rect(x: area.x + (area.width - w) / 2, y: area.y + (area.height - h) / 2, width: w, height: h)
        canvas.fill(r)
        let inner = Panel.draw(canvas, r, title: "keys", style: .bold)
        for (i, l) in lines.enumerated() where i % perColumn < inner.height - 1 {
            canvas.put(inner.x + 1 + (i / perColumn) * columnWidth, inner.y + 1 + i % perColumn, l, .plain, maxWidth: columnWidth)
        }
    }
}
