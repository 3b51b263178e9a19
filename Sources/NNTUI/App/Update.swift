import NNEngine
import NNFiles
import NNSession
import NNDrawing

/// The dashboard's one state transition, and the only place its state changes: a
/// key, a resize or a new snapshot updates the UI state and yields what the user
/// meant, as intents for the training session. Pure: no terminal, no threads.
/// Keys are matched through `KeyMap`: the first scope of the mode that binds the
/// key takes it; `perform` carries out its action.
public func update(_ state: inout AppState, _ event: Event) -> [Intent] {
    let intents = react(&state, event)
    // a lesson's steps are ticked by what the event changed; its end opens its page
    if var lesson = state.lesson {
        if lesson.advance(state) {
            state.mode = .lessonPage
            lesson.pageScroll = 0
        }
        state.lesson = lesson
    }
    return intents
}

/// The event's effect on the state, and the intents it yields.
private func react(_ state: inout AppState, _ event: Event) -> [Intent] {
    switch event {
    case .resize(let w, let h):
        state.width = w
        state.height = h
        return [viewRequest(state)]
    case .mouse(let x, let y, let action):
        guard !state.mode.isOverlay else { return [] }
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
        for scope in KeyMap.scopes(for: state) {
            guard let binding = KeyMap.binding(key, in: scope) else { continue }
            if let intents = perform(binding.action, key, &state) { return intents }
        }
        return []
    }
}

/// Carries out `action` for `key`; nil when it does not apply now (a size key with
/// nothing typed, a unit key on the output layer), so a later scope may take the key.
private func perform(_ action: KeyAction, _ key: Key, _ state: inout AppState) -> [Intent]? {
    let comparison = state.snapshot.compareMode
    let run = comparison ? state.selectedRun : 0
    switch action {
    // overlays
    case .closeHelp: state.mode = .normal
    case .scrollHelp:
        guard case .help(let scroll) = state.mode else { return [] }
        state.mode = .help(scroll: max(0, min(scroll + (key == .down ? 1 : -1), HelpOverlay.lines.count - 1)))
    case .applySuggestion:
        guard case .finder(let r) = state.mode, let test = state.snapshot.learningRateTest, test.run == r,
              let suggested = test.result.suggested else { return [] }
        state.mode = .normal
        return [.setLearningRate(suggested, run: r)]
    case .testFromStart:
        guard case .finder(let r) = state.mode else { return [] }
        return [.findLearningRate(run: r, fromStart: true)]
    case .closeFinder:
        // closing the finder stops its test; q closes it and quits, as q does everywhere
        state.mode = .normal
        state.quit = key == .char("q")
        return [.cancelLearningRateTest]
    case .closePicker: state.mode = .normal
    // a lesson
    case .closeLessonPage: state.mode = .normal
    case .showAnswer: state.lesson?.answerShown = true
    case .scrollLessonPage:
        if let run = state.lesson { state.lesson?.pageScroll = max(0, run.pageScroll + (key == .down ? 1 : -1)) }
    case .toggleLessonPanel: state.lesson?.panelShown.toggle()
    case .openLessonPage:
        state.mode = .lessonPage
        state.lesson?.pageScroll = 0
    case .skipStep:
        if state.lesson?.skip() == true {
            state.mode = .lessonPage
            state.lesson?.pageScroll = 0
        }
    case .checkGradients: return [.checkGradients(run: run)]
    case .toggleValidationPoints: state.showValidationPoints.toggle()
    case .togglePoints: state.showPoints.toggle()
    case .toggleDiscretize: state.discretize.toggle()
    // drawing your own set
    case .pickDrawClass:
        guard case .char(let c) = key, let k = c.wholeNumberValue else { return [] }
        state.drawClass = k
    case .toggleDrawCursor:
        state.drawCursor = state.drawCursor == nil ? BoundaryView.center(state) : nil
    case .moveDrawCursor:
        guard let c = state.drawCursor, let area = BoundaryView.plane(state) else { return [] }
        let dx = key == .left ? -1 : key == .right ? 1 : 0, dy = key == .up ? -1 : key == .down ? 1 : 0
        state.drawCursor = PlaneCell(x: min(max(c.x + dx, 0), area.width - 1), y: min(max(c.y + dy, 0), area.height - 1))
    case .dropPoint:
        guard let c = state.drawCursor else { return [] }
        return drawPoint(at: c, &state)
    case .removeNearestPoint:
        guard let at = BoundaryView.planePoint(state.drawCursor ?? BoundaryView.center(state), state) else { return [] }
        var points = drawing(state)
        guard let nearest = points.indices.min(by: { BoundaryView.distance(points[$0], at) < BoundaryView.distance(points[$1], at) }) else { return [] }
        points.remove(at: nearest)
        return drawn(points, &state)
    case .clearPoints: return drawn([], &state)
    case .pickerKey:
        guard case .picker(var picker) = state.mode else { return [] }
        let intent = picker.handle(key)
        state.mode = intent == nil ? .picker(picker) : .normal
        if intent != nil { state.clearRunSelection() }
        return intent.map { [$0] } ?? []
    // the layers row: typed sizes
    case .typeSize:
        guard case .char(let c) = key else { return nil }
        state.mode = .typingLayers((state.layersInput ?? "") + String(c))
    case .eraseSize:
        guard let typed = state.layersInput else { return nil }
        state.mode = .typingLayers(String(typed.dropLast()))
    case .applySizes:
        guard let typed = state.layersInput else { return nil }
        state.mode = .normal
        return [.setLayers(typed)]
    case .cancelSizes:
        guard state.layersInput != nil else { return nil }
        state.mode = .normal
        return key == .escape ? [] : nil  // a move away also moves
    // the features row
    case .pointAtFeature:
        let count = InputFeature.allCases.count
        state.featureCursor = (state.featureCursor + (key == .left ? count - 1 : 1)) % count
    case .toggleFeature:
        let all = InputFeature.allCases
        return [.toggleFeature(all[state.featureCursor % all.count])]
    // the network view
    case .giveArrowsBack:
        guard state.arrowsSelectUnits else { return nil }
        state.mode = .normal
        return key == .escape ? [] : nil  // tab also moves on in the settings
    case .selectLayer, .selectUnit, .resizeLayer, .insertLayer, .deleteLayer:
        return networkKey(action, key, &state)
    // a weight of the network view's selected connection
    case .selectConnection:
        guard let sizes = state.run?.sizes else { return [] }
        let below = sizes[min(max(state.networkLayer, 1), sizes.count - 1) - 1]
        state.networkSource = min(max(state.networkSource + (key == .char("(") ? -1 : 1), 0), below - 1)
    case .typeWeight: state.mode = .typingWeight("")
    case .typeWeightCharacter:
        guard case .typingWeight(let typed) = state.mode, case .char(let c) = key, typed.count < 24 else { return [] }
        state.mode = .typingWeight(typed + String(c))
    case .eraseWeightCharacter:
        guard case .typingWeight(let typed) = state.mode else { return [] }
        state.mode = .typingWeight(String(typed.dropLast()))
    case .cancelWeight: state.mode = .normal
    case .applyWeight:
        // a weight that is not a number stays on screen to be corrected, saying why
        guard case .typingWeight(let typed) = state.mode, case .success(let value) = WeightEntry.value(typed) else { return [] }
        state.mode = .normal
        return [.setWeight(layer: state.networkLayer, unit: state.networkUnit, from: state.networkSource, value: value)]
    // one run or a comparison
    case .togglePause: return [.togglePause]
    case .stepEpoch: return [.stepEpoch]
    case .stepBatch: return [.stepBatch]
    case .reset: return [.reset(newSeed: key == .char("R"))]
    case .extend: return [.extend]
    case .savePreset: return [.savePreset]
    case .saveFigure: return saveFigure(&state)
    case .help: state.mode = .help(scroll: 0)
    case .findLearningRate:
        state.mode = .finder(run: run)
        return [.findLearningRate(run: run)]
    case .quit: state.quit = true
    case .toggleLogScale: state.logScale.toggle()
    case .epochAxis: state.epochAxis = cycle(EpochAxisMode.allCases, state.epochAxis, 1)
    case .speed: return [.changeSpeed(by: key == .char("<") ? 1 : -1)]
    case .nextView:
        let views = state.availableViews
        let i = views.firstIndex(of: state.view) ?? -1
        state.view = views[(i + 1) % views.count]
        if state.arrowsSelectUnits { state.mode = .normal }
        return [viewRequest(state)]
    case .polynomialDegree: return [.changePolynomialDegree(by: key == .char("D") ? 1 : -1)]
    // one run: the settings panel
    case .moveFocus:
        // rows that only show a dash (a read set's noise, samples, features) are passed over
        let rows = SettingRow.all.filter { $0 == state.focus || !SettingsView.isDash(state, $0) }
        let i = rows.firstIndex(of: state.focus) ?? 0
        state.focus = rows[(i + ([.tab, .down].contains(key) ? 1 : rows.count - 1)) % rows.count]
    case .changeFocused: return change(state.focus, by: key == .left ? -1 : 1)
    case .enterOnFocused: return state.focus == .setting(.layers) ? [.addHiddenLayer] : change(state.focus, by: 1)
    case .quickSetting:
        let setting: Setting = key == .char("a") ? .activation : key == .char("o") ? .optimizer : .schedule
        return change(.setting(setting), by: 1)
    case .learningRate:
        return [.step(.learningRate, by: [.char("+"), .char("=")].contains(key) ? 1 : -1, run: run)]
    case .saveCheckpoint: return [.saveCheckpoint(run: run)]
    case .toggleSettings:
        state.showSettings.toggle()
        return [viewRequest(state)]
    case .openPicker:
        if let r = state.run {
            state.mode = .picker(ComparePicker(preset: r.preset, sizes: r.sizes, trainCount: state.snapshot.data?.trainCount ?? 0))
        }
    // a comparison
    case .selectRun:
        let n = max(state.snapshot.runs.count, 1)
        state.selectedRun = (state.selectedRun + ([.down, .tab].contains(key) ? 1 : n - 1)) % n
    case .hideRun:
        if state.hiddenRuns.contains(state.selectedRun) { state.hiddenRuns.remove(state.selectedRun) } else { state.hiddenRuns.insert(state.selectedRun) }
    case .smallMultiples: state.smallMultiples.toggle()
    case .trainOrValidation: state.compareValidation.toggle()
    case .promote:
        let i = state.selectedRun
        state.clearRunSelection()
        return [.promote(i)]
    case .leaveComparison:
        state.clearRunSelection()
        return [.leaveCompare]
    }
    return []
}

/// The network view's selection and shape: `[`/`]` select the layer and `{`/`}` the
/// unit, and so do the arrows once a bracket or a click on a unit has taken them, or
/// while the settings panel is hidden (`H`); before that they move in the settings as
/// in every view. `u`/`U` add or remove a unit of the selected hidden layer, `i`/`x`
/// insert a copy of it or delete it (the run restarts from the same seed). Nil when
/// the key does not apply now.
private func networkKey(_ action: KeyAction, _ key: Key, _ state: inout AppState) -> [Intent]? {
    guard let run = state.run else { return nil }
    if [.left, .right, .up, .down].contains(key) && state.showSettings && !state.arrowsSelectUnits { return nil }
    if case .char(let c) = key, "[]{}".contains(c) { state.mode = .selectingUnits }
    // the selection moves at once; shape changes are relative, applied by the session
    // to its current sizes, so a burst of them all count
    let sizes = run.sizes, L = sizes.count - 1
    let l = min(max(state.networkLayer, 1), L)
    switch (action, key) {
    case (.selectLayer, .char("[")), (.selectLayer, .left): state.networkLayer = max(l - 1, 1); state.networkUnit = 0; state.networkSource = 0
    case (.selectLayer, _): state.networkLayer = min(l + 1, L); state.networkUnit = 0; state.networkSource = 0
    case (.selectUnit, .char("{")), (.selectUnit, .up): state.networkUnit = max(state.networkUnit - 1, 0)
    case (.selectUnit, _): state.networkUnit = min(state.networkUnit + 1, sizes[l] - 1)
    case (.resizeLayer, .char("u")) where l < L: return [.reshape(.addUnit(layer: l))]
    case (.resizeLayer, .char("U")) where l < L:
        state.networkUnit = max(min(state.networkUnit, sizes[l] - 2), 0)
        return [.reshape(.removeUnit(layer: l))]
    case (.insertLayer, _): return [.reshape(.insertLayer(at: l))]
    case (.deleteLayer, _) where l < L:
        state.networkLayer = max(1, min(l, L - 1))
        state.networkUnit = 0
        return [.reshape(.deleteLayer(at: l))]
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
        state.mode = .normal
        state.focus = row
        switch action {
        case .click: return []
        // on the features row the wheel points at a feature, as ←/→ do
        case .wheelUp: return row == .setting(.features) ? perform(.pointAtFeature, .right, &state)! : change(row, by: 1)
        case .wheelDown: return row == .setting(.features) ? perform(.pointAtFeature, .left, &state)! : change(row, by: -1)
        }
    }
    if state.view == .boundary, action == .click, let area = BoundaryView.plane(state), area.contains(x, y) {
        let cell = PlaneCell(x: x - area.x, y: y - area.y)
        if state.drawCursor != nil { state.drawCursor = cell }
        return drawPoint(at: cell, &state)
    }
    if state.view == .network, action == .click, let hit = NetworkView.unit(at: x, y, state) {
        state.networkLayer = hit.layer
        state.networkUnit = hit.unit
        state.mode = .selectingUnits
        return [viewRequest(state)]
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
        let tile = NetworkView.Geometry(state.layout.view.inset(1), sizes: state.run?.sizes ?? []).grid
        return .showView(.network(columns: tile.columns, rows: tile.rows, layer: state.networkLayer, unit: state.networkUnit),
                         run: state.selectedRun)
    default: return .showView(.none, run: state.selectedRun)
    }
}

/// The set being drawn: the points drawn so far, or (at the first edit) the run's own:
/// its drawn points, or the points of the set it trains on.
private func drawing(_ state: AppState) -> [DrawnPoint] {
    if let points = state.drawnPoints { return points }
    if let run = state.run, run.preset.data.source == .drawn { return run.preset.data.points }
    let regression = state.run?.preset.network.output == .identity
    return (state.snapshot.data?.points ?? []).map { DrawnPoint(x1: $0.x, x2: $0.y, target: regression ? $0.value : Float($0.label)) }
}

/// A point of the chosen class where the cell `c` of the plane is.
private func drawPoint(at c: PlaneCell, _ state: inout AppState) -> [Intent] {
    guard let (x1, x2) = BoundaryView.planePoint(c, state) else { return [] }
    var points = drawing(state)
    // a class, or for a value over the plane (an identity output) −1 ... +1 by the digit
    let regression = state.run?.preset.network.output == .identity
    points.append(DrawnPoint(x1: x1, x2: x2, target: regression ? BoundaryView.drawnValue(state.drawClass) : Float(state.drawClass)))
    return drawn(points, &state)
}

/// Keeps `points` as the set drawn and sends it whole: every edit counts, however fast
/// they come. An empty plane waits for its first point. Points that cannot be a drawn
/// set (over 10,000, beyond its range) are not kept: the session refuses them and says why.
private func drawn(_ points: [DrawnPoint], _ state: inout AppState) -> [Intent] {
    guard DrawnPoint.check(points) == nil else { return [.setDrawnPoints(points)] }
    state.drawnPoints = points
    return points.isEmpty ? [] : [.setDrawnPoints(points)]
}
