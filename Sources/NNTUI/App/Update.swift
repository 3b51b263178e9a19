import NNDrawing
import NNEngine
import NNFiles
import NNSession

/// The dashboard's one state transition, and the only place its state changes: a
/// key, a resize or a new snapshot updates the UI state and yields what the user
/// meant, as intents for the training session. Pure: no terminal, no threads.
/// Keys are matched through `KeyMap`: the first scope of the mode that binds the
/// key takes it; `perform` carries out its action.
public func update(_ state: inout AppState, _ event: Event) -> [Intent] {
    let intents = react(&state, event)
    // a lesson's steps are ticked by what the event changed; when the last one ticks
    // the panel says so and the end page waits for the learner (↵ or k), so the
    // result on screen is never covered unasked
    if var lesson = state.lesson {
        if lesson.advance(state) { lesson.pageScroll = 0 }
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
        let leavesComparison = !snapshot.compareMode && state.snapshot.compareMode
        state.snapshot = snapshot
        // a comparison opens on its race and, left or promoted, gives back the view it
        // covered; a view the data no longer fit gives way to the curves
        if entersComparison { state.viewBeforeComparison = state.view }
        if leavesComparison, let before = state.viewBeforeComparison {
            state.viewBeforeComparison = nil
            if before != state.view && state.availableViews.contains(before) {
                state.view = before
                return [viewRequest(state)]
            }
        }
        guard state.availableViews.contains(state.view), !entersComparison || state.view == .curves else {
            state.view = .curves
            return [viewRequest(state)]
        }
        return state.figureWanted ? saveFigure(&state) : []
    case .key(let key):
        state.note = nil
        for scope in KeyMap.scopes(for: state) {
            guard let action = KeyMap.action(key, in: scope) else { continue }
            if let intents = perform(action, &state) { return intents }
        }
        return []
    }
}

/// Carries out `action`; nil when it does not apply now (a size key with nothing
/// typed, a unit key on the output layer), so a later scope may take the key.
private func perform(_ action: KeyAction, _ state: inout AppState) -> [Intent]? {
    switch action {
    case .closeHelp, .scrollHelp, .applySuggestion, .testFromStart, .closeFinder,
        .closePicker, .pickerDimension, .pickerValue, .pickerTick, .pickerStart, .pickerSeeds:
        return overlay(action, &state)
    case .closeLessonPage, .showAnswer, .scrollLessonPage, .toggleLessonPanel, .skipStep, .openLessonPage:
        return lesson(action, &state)
    case .toggleValidationPoints, .togglePoints, .toggleDiscretize, .pickDrawClass, .showDrawCursor, .hideDrawCursor,
        .removeNearestPoint, .clearPoints, .moveDrawCursor, .dropPoint:
        return boundary(action, &state)
    case .typeSize, .eraseSize, .applySizes, .cancelSizes, .pointAtFeature, .toggleFeature:
        return settingsRow(action, &state)
    case .giveArrowsBack, .selectLayer, .selectUnit, .addUnit, .removeUnit, .insertLayer, .deleteLayer:
        return networkKey(action, &state)
    case .selectConnection, .typeWeight, .typeWeightCharacter, .eraseWeightCharacter, .applyWeight, .cancelWeight:
        return weight(action, &state)
    case .togglePause, .stepEpoch, .stepBatch, .reset, .extend, .savePreset, .saveFigure, .help, .findLearningRate,
        .quit, .toggleLogScale, .epochAxis, .speed, .nextView, .polynomialDegree, .checkGradients:
        return everywhere(action, &state)
    case .moveFocus, .changeFocused, .enterOnFocused, .quickSetting, .learningRate, .saveCheckpoint, .toggleSettings,
        .openPicker:
        return oneRun(action, &state)
    case .selectRun, .hideRun, .smallMultiples, .trainOrValidation, .promote, .leaveComparison, .spreadMode,
        .gridMeasure, .expandVariant:
        return comparison(action, &state)
    }
}

/// The run keys act on: the selected one of a comparison, else the single run.
private func keyedRun(_ state: AppState) -> Int { state.snapshot.compareMode ? state.runIndex(state.selectedRun) : 0 }

/// The help overlay, the finder's and the compare set-up's.
private func overlay(_ action: KeyAction, _ state: inout AppState) -> [Intent] {
    switch action {
    case .closeHelp, .closePicker: state.mode = .normal
    case .scrollHelp(let by):
        guard case .help(let scroll) = state.mode else { return [] }
        state.mode = .help(scroll: max(0, min(scroll + by, HelpOverlay.lines.count - 1)))
    case .applySuggestion:
        guard case .finder(let r) = state.mode, let test = state.snapshot.learningRateTest, test.run == r,
            let suggested = test.result.suggested
        else { return [] }
        state.mode = .normal
        return [.setLearningRate(suggested, run: r)]
    case .testFromStart:
        guard case .finder(let r) = state.mode else { return [] }
        return [.findLearningRate(run: r, fromStart: true)]
    case .closeFinder(let quit):
        // closing the finder stops its test; q closes it and quits, as q does everywhere
        state.mode = .normal
        state.quit = quit
        return [.cancelLearningRateTest]
    case .pickerDimension, .pickerValue, .pickerTick, .pickerStart, .pickerSeeds:
        guard case .picker(var picker) = state.mode else { return [] }
        let intent = picker.handle(action)
        state.mode = intent == nil ? .picker(picker) : .normal
        if intent != nil { state.clearRunSelection() }
        return intent.map { [$0] } ?? []
    default: break
    }
    return []
}

/// A lesson's panel and page.
private func lesson(_ action: KeyAction, _ state: inout AppState) -> [Intent] {
    switch action {
    case .closeLessonPage: state.mode = .normal
    case .showAnswer: state.lesson?.answerShown = true
    case .scrollLessonPage(let by):
        if let run = state.lesson { state.lesson?.pageScroll = max(0, run.pageScroll + by) }
    case .toggleLessonPanel: state.lesson?.panelShown.toggle()
    case .openLessonPage:
        state.mode = .lessonPage
        state.lesson?.pageScroll = 0
    case .skipStep:
        if state.lesson?.skip() == true {
            state.mode = .lessonPage
            state.lesson?.pageScroll = 0
        }
    default: break
    }
    return []
}

/// The boundary view's toggles and drawing your own set.
private func boundary(_ action: KeyAction, _ state: inout AppState) -> [Intent] {
    switch action {
    case .toggleValidationPoints:
        state.showValidationPoints.toggle()
        state.note = "validation points \(state.showValidationPoints ? "shown" : "hidden")"
    case .togglePoints:
        state.showPoints.toggle()
        state.note = state.showPoints ? "points shown" : "points hidden (the output alone)"
    case .toggleDiscretize:
        state.discretize.toggle()
        state.note = state.discretize ? "output drawn as classes (discretized)" : "output drawn as it is (continuous)"
    case .pickDrawClass(let k): state.drawClass = k
    case .showDrawCursor: state.mode = .drawing(BoundaryView.center(state))
    case .hideDrawCursor: state.mode = .normal
    case .moveDrawCursor(let dx, let dy):
        guard let c = state.drawCursor, let area = BoundaryView.plane(state) else { return [] }
        state.mode = .drawing(
            PlaneCell(x: min(max(c.x + dx, 0), area.width - 1), y: min(max(c.y + dy, 0), area.height - 1)))
    case .dropPoint:
        guard let c = state.drawCursor else { return [] }
        return drawPoint(at: c, &state)
    case .removeNearestPoint:
        guard let at = BoundaryView.planePoint(state.drawCursor ?? BoundaryView.center(state), state) else { return [] }
        var points = drawing(state)
        guard
            let nearest = points.indices.min(by: {
                BoundaryView.distance(points[$0], at) < BoundaryView.distance(points[$1], at)
            })
        else { return [] }
        points.remove(at: nearest)
        return drawn(points, &state)
    case .clearPoints: return drawn([], &state)
    default: break
    }
    return []
}

/// The settings' special rows: sizes typed on the layers row, the features' checkboxes.
private func settingsRow(_ action: KeyAction, _ state: inout AppState) -> [Intent]? {
    switch action {
    case .typeSize(let c): state.mode = .typingLayers((state.layersInput ?? "") + String(c))
    case .eraseSize:
        guard let typed = state.layersInput else { return nil }
        state.mode = .typingLayers(String(typed.dropLast()))
    case .applySizes:
        guard let typed = state.layersInput else { return nil }
        state.mode = .normal
        return [.setLayers(typed)]
    case .cancelSizes(let thenMove):
        guard state.layersInput != nil else { return nil }
        state.mode = .normal
        return thenMove ? nil : []  // a move away also moves
    case .pointAtFeature(let by):
        let count = InputFeature.allCases.count
        state.featureCursor = (state.featureCursor + by + count) % count
    case .toggleFeature:
        let all = InputFeature.allCases
        return [.toggleFeature(all[state.featureCursor % all.count])]
    default: break
    }
    return []
}

/// A weight of the network view's selected connection, typed.
private func weight(_ action: KeyAction, _ state: inout AppState) -> [Intent] {
    switch action {
    case .selectConnection(let by):
        guard let sizes = state.run?.sizes else { return [] }
        let below = sizes[min(max(state.networkLayer, 1), sizes.count - 1) - 1]
        state.networkSource = min(max(state.networkSource + by, 0), below - 1)
    case .typeWeight: state.mode = .typingWeight("")
    case .typeWeightCharacter(let c):
        guard case .typingWeight(let typed) = state.mode, typed.count < 24 else { return [] }
        state.mode = .typingWeight(typed + String(c))
    case .eraseWeightCharacter:
        guard case .typingWeight(let typed) = state.mode else { return [] }
        state.mode = .typingWeight(String(typed.dropLast()))
    case .cancelWeight: state.mode = .normal
    case .applyWeight:
        // a weight that is not a number stays on screen to be corrected, saying why
        guard case .typingWeight(let typed) = state.mode, case .success(let value) = WeightEntry.value(typed) else {
            return []
        }
        state.mode = .normal
        return [.setWeight(layer: state.networkLayer, unit: state.networkUnit, from: state.networkSource, value: value)]
    default: break
    }
    return []
}

/// Keys of one run or a comparison alike.
private func everywhere(_ action: KeyAction, _ state: inout AppState) -> [Intent] {
    let trains: [KeyAction] = [.togglePause, .stepEpoch, .stepBatch, .extend, .findLearningRate, .checkGradients]
    if state.planeCleared && trains.contains(action) {
        state.note = emptyPlaneNote()
        return []
    }
    switch action {
    case .togglePause: return [.togglePause]
    case .stepEpoch: return [.stepEpoch]
    case .stepBatch: return [.stepBatch]
    case .reset(let newSeed): return [.reset(newSeed: newSeed)]
    case .extend: return [.extend]
    case .savePreset: return [.savePreset]
    case .saveFigure: return saveFigure(&state)
    case .checkGradients: return [.checkGradients(run: keyedRun(state))]
    case .help: state.mode = .help(scroll: 0)
    case .findLearningRate:
        state.mode = .finder(run: keyedRun(state))
        return [.findLearningRate(run: keyedRun(state))]
    case .quit: state.quit = true
    case .toggleLogScale: state.logScale.toggle()
    case .epochAxis:
        state.epochAxis = cycle(EpochAxisMode.allCases, state.epochAxis, 1)
        state.note = "epoch axis: \(state.epochAxis.rawValue)"
    case .speed(let by): return [.changeSpeed(by: by)]
    case .nextView:
        let views = state.availableViews
        let i = views.firstIndex(of: state.view) ?? -1
        state.view = views[(i + 1) % views.count]
        if state.arrowsSelectUnits || state.drawCursor != nil { state.mode = .normal }
        return [viewRequest(state)]
    case .polynomialDegree(let by): return [.changePolynomialDegree(by: by)]
    default: break
    }
    return []
}

/// One run: the settings panel.
private func oneRun(_ action: KeyAction, _ state: inout AppState) -> [Intent] {
    switch action {
    case .moveFocus(let by):
        // rows that only show a dash (a read set's noise, samples, features) are passed over
        let rows = SettingRow.all.filter { $0 == state.focus || !SettingsView.isDash(state, $0) }
        let i = rows.firstIndex(of: state.focus) ?? 0
        state.focus = rows[(i + by + rows.count) % rows.count]
    case .changeFocused(let by): return change(state.focus, by: by)
    case .enterOnFocused: return state.focus == .setting(.layers) ? [.addHiddenLayer] : change(state.focus, by: 1)
    case .quickSetting(let setting): return change(.setting(setting), by: 1)
    case .learningRate(let by):
        // a variant over seeds: every seed's run alike
        guard state.snapshot.compareMode else { return [.step(.learningRate, by: by, run: 0)] }
        return state.runIndices(state.selectedRun).map { .step(.learningRate, by: by, run: $0) }
    case .saveCheckpoint: return [.saveCheckpoint(run: keyedRun(state))]
    case .toggleSettings:
        state.showSettings.toggle()
        return [viewRequest(state)]
    case .openPicker:
        if let r = state.run {
            state.mode = .picker(
                ComparePicker(
                    preset: r.preset, sizes: r.sizes, trainCount: state.snapshot.data?.trainCount ?? 0,
                    seeds: state.compareSeeds))
        }
    default: break
    }
    return []
}

/// A comparison: its runs.
private func comparison(_ action: KeyAction, _ state: inout AppState) -> [Intent] {
    switch action {
    case .selectRun(let by):
        let n = max(state.rowCount, 1)
        state.selectedRun = (state.selectedRun + by + n) % n
    case .hideRun:
        if state.hiddenRuns.contains(state.selectedRun) {
            state.hiddenRuns.remove(state.selectedRun)
        } else {
            state.hiddenRuns.insert(state.selectedRun)
        }
    case .smallMultiples: state.smallMultiples.toggle()
    case .spreadMode: state.spread = cycle(SpreadMode.allCases, state.spread, 1)
    case .expandVariant: state.toggleExpanded()
    case .gridMeasure: state.gridMeasure = GridView.nextMeasure(state)
    case .trainOrValidation: state.compareValidation.toggle()
    case .promote:
        let i = state.runIndex(state.selectedRun)
        state.clearRunSelection()
        return [.promote(i)]
    case .leaveComparison:
        state.clearRunSelection()
        return [.leaveCompare]
    default: break
    }
    return []
}

/// The network view's selection and shape: `[`/`]` select the layer and `{`/`}` the
/// unit, and so do the arrows once a bracket or a click on a unit has taken them, or
/// while the settings panel is hidden (`H`); before that they move in the settings as
/// in every view. `u`/`U` add or remove a unit of the selected hidden layer, `i`/`x`
/// insert a copy of it or delete it (the run restarts from the same seed). Nil when
/// the key does not apply now.
private func networkKey(_ action: KeyAction, _ state: inout AppState) -> [Intent]? {
    if case .giveArrowsBack(let thenMove) = action {
        guard state.arrowsSelectUnits else { return nil }
        state.mode = .normal
        return thenMove ? nil : []  // tab also moves on in the settings
    }
    guard let run = state.run else { return nil }
    switch action {
    case .selectLayer(_, let arrow), .selectUnit(_, let arrow):
        // the arrows move in the settings until a bracket or a click gives them to the view
        if arrow && state.showSettings && !state.arrowsSelectUnits { return nil }
        if !arrow { state.mode = .selectingUnits }
    default: break
    }
    // the selection moves at once; shape changes are relative, applied by the session
    // to its current sizes, so a burst of them all count
    let sizes = run.sizes, L = sizes.count - 1
    let l = min(max(state.networkLayer, 1), L)
    switch action {
    case .selectLayer(let by, _):
        state.networkLayer = min(max(l + by, 1), L); state.networkUnit = 0; state.networkSource = 0
    case .selectUnit(let by, _): state.networkUnit = min(max(state.networkUnit + by, 0), sizes[l] - 1)
    case .addUnit where l < L: return [.reshape(.addUnit(layer: l))]
    case .removeUnit where l < L:
        state.networkUnit = max(min(state.networkUnit, sizes[l] - 2), 0)
        return [.reshape(.removeUnit(layer: l))]
    case .insertLayer: return [.reshape(.insertLayer(at: l))]
    case .deleteLayer where l < L:
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
        case .wheelUp: return row == .setting(.features) ? perform(.pointAtFeature(by: 1), &state)! : change(row, by: 1)
        case .wheelDown:
            return row == .setting(.features) ? perform(.pointAtFeature(by: -1), &state)! : change(row, by: -1)
        }
    }
    if state.view == .boundary, action == .click, let area = BoundaryView.plane(state), area.contains(x, y) {
        let cell = PlaneCell(x: x - area.x, y: y - area.y)
        if state.drawCursor != nil { state.mode = .drawing(cell) }
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
        return .showView(
            .boundary(columns: max(r.width, 1), rows: max(2 * (r.height - 1), 2)),
            run: state.runIndex(state.selectedRun))
    case .fit: return .showView(.fit(points: 160), run: state.runIndex(state.selectedRun))
    case .confusion: return .showView(.confusion, run: state.runIndex(state.selectedRun))
    case .gradients: return .showView(.gradients, run: state.runIndex(state.selectedRun))
    case .network:
        let tile = NetworkView.Geometry(state.layout.view.inset(1), sizes: state.run?.sizes ?? []).grid
        return .showView(
            .network(columns: tile.columns, rows: tile.rows, layer: state.networkLayer, unit: state.networkUnit),
            run: state.runIndex(state.selectedRun))
    default: return .showView(.none, run: state.runIndex(state.selectedRun))
    }
}

/// The set being drawn: the points drawn so far, or (at the first edit) the run's own:
/// its drawn points, or the points of the set it trains on.
private func drawing(_ state: AppState) -> [DrawnPoint] {
    if let points = state.drawnPoints { return points }
    if let run = state.run, run.preset.data.source == .drawn { return run.preset.data.points }
    let regression = state.run?.preset.network.output == .identity
    return (state.snapshot.data?.points ?? []).map {
        DrawnPoint(x1: $0.x, x2: $0.y, target: regression ? $0.value : Float($0.label))
    }
}

/// A point of the chosen class where the cell `c` of the plane is.
private func drawPoint(at c: PlaneCell, _ state: inout AppState) -> [Intent] {
    guard let (x1, x2) = BoundaryView.planePoint(c, state) else { return [] }
    var points = drawing(state)
    // a class, or for a value over the plane (an identity output) −1 ... +1 by the digit
    let regression = state.run?.preset.network.output == .identity
    points.append(
        DrawnPoint(
            x1: x1, x2: x2, target: regression ? BoundaryView.drawnValue(state.drawClass) : Float(state.drawClass)))
    return drawn(points, &state)
}

/// Keeps `points` as the set drawn and sends it whole: every edit counts, however fast
/// they come. An empty plane waits for its first point. Points that cannot be a drawn
/// set (over 10,000, beyond its range) are not kept: the session refuses them and says why.
private func drawn(_ points: [DrawnPoint], _ state: inout AppState) -> [Intent] {
    guard DrawnPoint.check(points) == nil else { return [.setDrawnPoints(points)] }
    state.drawnPoints = points
    guard points.isEmpty else { return [.setDrawnPoints(points)] }
    // an empty plane: the run stops training on the points that are gone
    return state.snapshot.paused || state.run?.state != .running ? [] : [.togglePause]
}

/// The note for a training key while the plane is empty (`AppState.planeCleared`).
private func emptyPlaneNote() -> String {
    "the plane is empty: draw a point first (click, or \(KeyMap.key(for: .showDrawCursor)) then "
        + "\(KeyMap.key(for: .dropPoint)))"
}
