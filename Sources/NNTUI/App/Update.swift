import NNCore
import NNDrawing

/// The dashboard's one state transition, and the only place its state changes: a
/// key, a resize or a new snapshot updates the UI state and yields what the user
/// meant, as intents for the training session. Pure: no terminal, no threads.
public func update(_ state: inout AppState, _ event: Event) -> [Intent] {
    switch event {
    case .resize(let w, let h):
        state.width = w
        state.height = h
        return [viewRequest(state)]
    case .mouse(let x, let y, let action):
        guard !state.showHelp, state.picker == nil, state.finderRun == nil else { return [] }
        return mouse(&state, x: x, y: y, action)
    case .snapshot(let snapshot):
        let entersComparison = snapshot.compareMode && !state.snapshot.compareMode
        state.snapshot = snapshot
        // a comparison opens on its race; a view the data no longer fit gives way to the curves
        guard state.availableViews.contains(state.view), !entersComparison || state.view == .curves else {
            state.view = .curves
            return [viewRequest(state)]
        }
        return state.figureWanted ? saveFigure(&state) : []
    case .key(let key):
        if state.showHelp {
            if key == .char("?") || key == .escape || key == .char("q") { state.showHelp = false }
            return []
        }
        if let run = state.finderRun {
            if key == .enter, let test = state.snapshot.learningRateTest, test.run == run, let suggested = test.result.suggested {
                state.finderRun = nil
                return [.setLearningRate(suggested, run: run)]
            }
            // closing the finder stops its test; q closes it and quits, as q does everywhere
            if key == .escape || key == .char("f") || key == .char("q") {
                state.finderRun = nil
                state.quit = key == .char("q")
                return [.cancelLearningRateTest]
            }
            return []
        }
        if var picker = state.picker {
            if key == .escape || key == .char("c") || key == .char("q") {
                state.picker = nil
                return []
            }
            let intent = picker.handle(key)
            state.picker = intent == nil ? picker : nil
            if intent != nil { state.clearRunSelection() }
            return intent.map { [$0] } ?? []
        }
        return state.snapshot.compareMode ? compareKey(&state, key) : singleKey(&state, key)
    }
}

/// Keys common to both modes; nil when the key is not one of them.
private func commonKey(_ state: inout AppState, _ key: Key) -> [Intent]? {
    switch key {
    case .char(" "): return [.togglePause]
    case .char("n"): return [.stepEpoch]
    case .char("b"): return [.stepBatch]
    case .char("r"): return [.reset(newSeed: false)]
    case .char("R"): return [.reset(newSeed: true)]
    case .char("e"): return [.extend]
    case .char("p"): return [.savePreset]
    case .char("P"): return saveFigure(&state)
    case .char("?"): state.showHelp = true; return []
    case .char("f"):
        let run = state.snapshot.compareMode ? state.selectedRun : 0
        state.finderRun = run
        return [.findLearningRate(run: run)]
    case .char("q"): state.quit = true; return []
    case .char("l"): state.logScale.toggle(); return []
    case .char("<"): return [.changeSpeed(by: 1)]
    case .char(">"): return [.changeSpeed(by: -1)]
    case .char("v"):
        let views = state.availableViews
        let i = views.firstIndex(of: state.view) ?? -1
        state.view = views[(i + 1) % views.count]
        state.arrowsSelectUnits = false
        return [viewRequest(state)]
    case .char("d"): return [.changePolynomialDegree(by: -1)]
    case .char("D"): return [.changePolynomialDegree(by: 1)]
    default: return nil
    }
}

private func singleKey(_ state: inout AppState, _ key: Key) -> [Intent] {
    if state.focus == .setting(.layers), let typed = layersKey(&state, key) { return typed }
    if state.focus == .setting(.features), let toggled = featuresKey(&state, key) { return toggled }
    if state.view == .network, let n = networkKey(&state, key) { return n }
    if let c = commonKey(&state, key) { return c }
    let rows = SettingRow.all
    let i = rows.firstIndex(of: state.focus) ?? 0
    switch key {
    case .tab, .down: state.focus = rows[(i + 1) % rows.count]
    case .backTab, .up: state.focus = rows[(i + rows.count - 1) % rows.count]
    case .left: return change(state.focus, by: -1)
    case .right: return change(state.focus, by: 1)
    case .enter: return state.focus == .setting(.layers) ? [.addHiddenLayer] : change(state.focus, by: 1)
    case .char("a"): return change(.setting(.activation), by: 1)
    case .char("o"): return change(.setting(.optimizer), by: 1)
    case .char("s"): return change(.setting(.schedule), by: 1)
    case .char("+"), .char("="): return change(.setting(.learningRate), by: 1)
    case .char("-"), .char("_"): return change(.setting(.learningRate), by: -1)
    case .char("w"): return [.saveCheckpoint(run: 0)]
    case .char("H"):
        state.showSettings.toggle()
        return [viewRequest(state)]
    case .char("c"):
        if let run = state.run {
            state.picker = ComparePicker(preset: run.preset, sizes: run.sizes, trainCount: state.snapshot.data?.trainCount ?? 0)
        }
    default: break
    }
    return []
}

/// The network view's keys: `[`/`]` select the layer, `{`/`}` the unit, and so do
/// the arrows once a bracket or a click on a unit has taken them, or while the
/// settings panel is hidden (`H`); before that, and after tab or esc, they move in
/// the settings as in every view. `u`/`U` add or remove a unit of the selected hidden
/// layer, `i`/`x` insert a copy of it or delete it (the run restarts from the same
/// seed). Nil for other keys.
private func networkKey(_ state: inout AppState, _ key: Key) -> [Intent]? {
    guard let run = state.run else { return nil }
    if [.tab, .backTab, .escape].contains(key) && state.arrowsSelectUnits {
        state.arrowsSelectUnits = false
        return key == .escape ? [] : nil
    }
    if [.left, .right, .up, .down].contains(key) && state.showSettings && !state.arrowsSelectUnits { return nil }
    if case .char(let c) = key, "[]{}".contains(c) { state.arrowsSelectUnits = true }
    let sizes = run.sizes, L = sizes.count - 1
    var hidden = Array(sizes.dropFirst().dropLast())
    let l = min(max(state.networkLayer, 1), L), h = l - 1  // h: index into hidden when l < L
    func reshape() -> [Intent] { [.setLayers(([sizes[0]] + hidden + [sizes[L]]).map(String.init).joined(separator: "/"))] }
    switch key {
    case .char("["), .left: state.networkLayer = max(l - 1, 1); state.networkUnit = 0
    case .char("]"), .right: state.networkLayer = min(l + 1, L); state.networkUnit = 0
    case .char("{"), .up: state.networkUnit = max(state.networkUnit - 1, 0)
    case .char("}"), .down: state.networkUnit = min(state.networkUnit + 1, sizes[l] - 1)
    case .char("u") where l < L: hidden[h] += 1; return reshape()
    case .char("U") where l < L && hidden[h] > 1:
        hidden[h] -= 1
        state.networkUnit = min(state.networkUnit, hidden[h] - 1)
        return reshape()
    case .char("i") where hidden.count < 6:
        hidden.insert(l < L ? hidden[h] : (hidden.last ?? 8), at: l < L ? h : hidden.count)
        return reshape()
    case .char("x") where l < L:
        hidden.remove(at: h)
        state.networkLayer = max(1, min(l, hidden.count + 1))
        state.networkUnit = 0
        return reshape()
    default: return nil
    }
    return [viewRequest(state)]
}

/// A click selects what is under it: a settings row, a run of the comparison's
/// table, a unit of the network view; the wheel over a settings row changes its
/// value (up: the next value, as →; on the features row it points at an input).
private func mouse(_ state: inout AppState, x: Int, y: Int, _ action: MouseAction) -> [Intent] {
    if state.snapshot.compareMode {
        guard action == .click, let run = CompareView.run(at: x, y, state) else { return [] }
        state.selectedRun = run
        return []
    }
    let settings = state.layout.settings.inset(1)
    let index = y - settings.y + SettingsView.firstRow(state, settings)
    if state.showSettings, settings.contains(x, y), SettingRow.all.indices.contains(index) {
        let row = SettingRow.all[index]
        state.layersInput = nil
        state.arrowsSelectUnits = false
        state.focus = row
        switch action {
        case .click: return []
        // on the features row the wheel points at a feature, as ←/→ do
        case .wheelUp: return row == .setting(.features) ? featuresKey(&state, .right)! : change(row, by: 1)
        case .wheelDown: return row == .setting(.features) ? featuresKey(&state, .left)! : change(row, by: -1)
        }
    }
    if state.view == .network, action == .click, let hit = NetworkView.unit(at: x, y, state) {
        state.networkLayer = hit.layer
        state.networkUnit = hit.unit
        state.arrowsSelectUnits = true
        return [viewRequest(state)]
    }
    return []
}

/// The features row, a checkbox per input feature: `←`/`→` point at a feature,
/// enter turns it on or off (the run restarts from the same seed). Nil for other keys.
private func featuresKey(_ state: inout AppState, _ key: Key) -> [Intent]? {
    let all = InputFeature.allCases
    switch key {
    case .left: state.featureCursor = (state.featureCursor + all.count - 1) % all.count
    case .right: state.featureCursor = (state.featureCursor + 1) % all.count
    case .enter: return [.toggleFeature(all[state.featureCursor % all.count])]
    default: return nil
    }
    return []
}

/// Typing on the layers row: digits, `/` and `,` build the sizes (`2/8/8/3`),
/// backspace deletes, enter applies them (the run restarts from the same seed), esc
/// or a move away cancels. Nil when the key is not for the typed sizes.
private func layersKey(_ state: inout AppState, _ key: Key) -> [Intent]? {
    switch key {
    case .char(let c) where c.isASCII && (c.isNumber || c == "/" || c == ","):
        state.layersInput = (state.layersInput ?? "") + String(c)
        return []
    case .backspace where state.layersInput != nil:
        state.layersInput = String(state.layersInput!.dropLast())
        return []
    case .enter where state.layersInput != nil:
        let text = state.layersInput!
        state.layersInput = nil
        return [.setLayers(text)]
    case .escape where state.layersInput != nil:
        state.layersInput = nil
        return []
    default:
        if state.layersInput != nil && [.up, .down, .tab, .backTab].contains(key) { state.layersInput = nil }
        return nil
    }
}

private func compareKey(_ state: inout AppState, _ key: Key) -> [Intent] {
    if let c = commonKey(&state, key) { return c }
    let n = state.snapshot.runs.count
    switch key {
    case .up, .backTab: state.selectedRun = (state.selectedRun + n - 1) % max(n, 1)
    case .down, .tab: state.selectedRun = (state.selectedRun + 1) % max(n, 1)
    case .char("h"):
        if state.hiddenRuns.contains(state.selectedRun) { state.hiddenRuns.remove(state.selectedRun) } else { state.hiddenRuns.insert(state.selectedRun) }
    case .char("m"): state.smallMultiples.toggle()
    case .char("t"): state.compareValidation.toggle()
    case .char("+"), .char("="): return [.step(.learningRate, by: 1, run: state.selectedRun)]
    case .char("-"), .char("_"): return [.step(.learningRate, by: -1, run: state.selectedRun)]
    case .char("w"): return [.saveCheckpoint(run: state.selectedRun)]
    case .enter:
        let i = state.selectedRun
        state.clearRunSelection()
        return [.promote(i)]
    case .char("c"), .escape:
        state.clearRunSelection()
        return [.leaveCompare]
    default: break
    }
    return []
}

/// The view as a figure to save, or (its data not computed yet) a note to save it
/// with the snapshot that brings the data.
private func saveFigure(_ state: inout AppState) -> [Intent] {
    guard let f = ViewFigure.make(state) else {
        state.figureWanted = true
        return []
    }
    state.figureWanted = false
    return [.saveFigure(svg: f.figure.svg(), name: f.name)]
}

/// The intent for `←`/`→` on a settings row of the single run.
private func change(_ row: SettingRow, by step: Int) -> [Intent] {
    switch row {
    case .setting(let s): [.step(s, by: step, run: 0)]
    case .speed: [.changeSpeed(by: -step)]
    }
}

/// The session request the current view needs.
func viewRequest(_ state: AppState) -> Intent {
    let layout = state.layout
    switch state.view {
    case .boundary:
        let r = layout.view.inset(1)
        return .showView(.boundary(columns: max(r.width, 1), rows: max(2 * (r.height - 1), 2)), run: state.selectedRun)
    case .fit: return .showView(.fit(points: 160), run: state.selectedRun)
    case .confusion: return .showView(.confusion, run: state.selectedRun)
    case .gradients: return .showView(.gradients, run: state.selectedRun)
    case .network:
        let tile = NetworkView.tileGrid
        return .showView(.network(columns: tile.columns, rows: tile.rows, layer: state.networkLayer, unit: state.networkUnit),
                         run: state.selectedRun)
    default: return .showView(.none, run: state.selectedRun)
    }
}
