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
    let layout = Layout(width: state.width, height: state.height)
    HeaderView.draw(state, canvas, layout.header)
    if state.snapshot.compareMode {
        CompareView.draw(state, canvas, Rect(x: 0, y: 1, width: state.width, height: state.height - 4))
    } else {
        SettingsView.draw(state, canvas, layout.settings)
        if state.view != .curves, layout.sideChart.height >= 5, let run = state.run {
            CurvesView.lossChart(state, run, canvas, layout.sideChart.inset(1), compact: true)
        }
        MainView.draw(state, canvas, layout.view)
    }
    StatusStrip.draw(state, canvas, layout.strip)
    FooterView.draw(state, canvas, layout.footer)
    if let picker = state.picker { picker.draw(canvas) }
    if state.showHelp { HelpOverlay.draw(canvas) }
    return canvas
}

/// The selected view in the right-hand area.
enum MainView {
    static func draw(_ state: AppState, _ canvas: Canvas, _ r: Rect) {
        guard let run = state.run else { return }
        let title = "\(state.view.rawValue)   (v: next view)"
        let inner = Panel.draw(canvas, r, title: title)
        switch state.view {
        case .curves: CurvesView.draw(state, run, canvas, inner)
        case .boundary: BoundaryView.draw(state, canvas, inner)
        case .fit: FitView.draw(state, canvas, inner)
        case .confusion: ConfusionView.draw(state, canvas, inner)
        case .gradients: GradientView.draw(run, canvas, inner)
        case .learningRate: LearningRateView.draw(run, canvas, inner)
        case .equations: EquationsView.draw(run, canvas, inner)
        }
    }
}

enum HeaderView {
    static func draw(_ state: AppState, _ canvas: Canvas, _ r: Rect) {
        canvas.fill(r, " ", .selected)
        guard let run = state.run else { return }
        var s = " nntui │ \(state.snapshot.compareMode ? "compare: " + run.preset.name : run.preset.name) │ \(StatusStrip.stateText(run)) │ epoch \(run.epoch)/\(run.totalEpochs)"
        if let d = state.snapshot.data {
            s += " │ \(d.source): \(d.trainCount) train / \(d.validationCount) val" + (d.testCount.map { " / \($0) test" } ?? "")
        }
        canvas.put(r.x, r.y, s, Style(bold: true, reverse: true), maxWidth: r.width)
    }
}

enum FooterView {
    static func draw(_ state: AppState, _ canvas: Canvas, _ r: Rect) {
        if let m = state.snapshot.message {
            canvas.put(r.x + 1, r.y, m, Style(fg: .yellow, bold: true), maxWidth: r.width - 1)
            return
        }
        if let why = state.run?.divergence {
            canvas.put(r.x + 1, r.y, "diverged: \(why)", Style(fg: .red, bold: true), maxWidth: r.width - 1)
            return
        }
        let keys = state.snapshot.compareMode
            ? "space pause · n epoch · b batch · ↑↓ select · h hide · m multiples · t train/val · ↵ promote · c leave · ? help · q quit"
            : "space pause · n epoch · b batch · r reset · tab/↑↓ move · ←→ change · +/- lr · c compare · v view · ? help · q quit"
        canvas.put(r.x + 1, r.y, keys, .dim, maxWidth: r.width - 1)
    }
}

enum HelpOverlay {
    static let lines = [
        "space      pause / resume",
        "n          train one epoch (pauses)",
        "b          train one mini-batch (pauses)",
        "r / R      reset with the same seed / a new seed",
        "tab ↑ ↓    move in the settings panel",
        "← → ↵      change the selected setting",
        "a o s      next activation / optimizer / schedule",
        "+ / -      double / halve the learning rate",
        "c          compare runs from the same weights",
        "v          next view (curves, boundary, fit, ...)",
        "l          log scale for the loss chart",
        "d / D      polynomial degree down / up (fit view)",
        "< / >      slower / faster (full, 100, 30, 10, 3, 1 epochs/s)",
        "e          extend a finished run by its epoch count",
        "w          save a checkpoint (safetensors)",
        "p          save the settings as a preset (YAML)",
        "P          save the view as a figure (SVG)",
        "compare:   ↑↓ select · h hide · m small multiples",
        "           t train/validation · ↵ promote · c leave",
        "?          close this help",
        "q          quit",
    ]
    static func draw(_ canvas: Canvas) {
        let w = min(66, canvas.width - 4), h = min(lines.count + 4, canvas.height - 2)
        let r = Rect(x: (canvas.width - w) / 2, y: (canvas.height - h) / 2, width: w, height: h)
        canvas.fill(r)
        let inner = Panel.draw(canvas, r, title: "keys", style: .bold)
        for (i, l) in lines.prefix(inner.height - 1).enumerated() {
            canvas.put(inner.x + 1, inner.y + i + 1, l, .plain, maxWidth: inner.width - 2)
        }
    }
}
