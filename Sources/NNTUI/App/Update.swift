import NNCore

/// The dashboard's one state transition: a key or a resize changes the UI state and
/// yields the commands for the training session. Pure: no terminal, no threads.
public func update(_ state: inout AppState, _ event: Event) -> [SessionCommand] {
    switch event {
    case .resize(let w, let h):
        state.width = w
        state.height = h
        return []
    case .key(let key):
        if state.showHelp {
            if key == .char("?") || key == .escape || key == .char("q") { state.showHelp = false }
            return []
        }
        if var picker = state.picker {
            if key == .escape || key == .char("c") || key == .char("q") {
                state.picker = nil
                return []
            }
            let command = picker.handle(key)
            state.picker = command == nil ? picker : nil
            if command != nil {
                state.clearRunSelection()
            }
            return command.map { [$0] } ?? []
        }
        return state.snapshot.compareMode ? compareKey(&state, key) : singleKey(&state, key)
    }
}

/// Keys common to both modes; nil when the key is not one of them.
private func commonKey(_ state: inout AppState, _ key: Key) -> [SessionCommand]? {
    switch key {
    case .char(" "): return [.togglePause]
    case .char("n"): return [.stepEpoch]
    case .char("b"): return [.stepBatch]
    case .char("r"): return [.reset(newSeed: false)]
    case .char("R"): return [.reset(newSeed: true)]
    case .char("e"): return [.extend]
    case .char("p"): return [.savePreset]
    case .char("?"): state.showHelp = true; return []
    case .char("q"): state.quit = true; return []
    case .char("l"): state.logScale.toggle(); return []
    case .char("<"): return [.changeSpeed(by: 1)]
    case .char(">"): return [.changeSpeed(by: -1)]
    case .char("v"):
        let views = state.availableViews
        let i = views.firstIndex(of: state.view) ?? -1
        state.view = views[(i + 1) % views.count]
        return [viewRequest(state)]
    case .char("d"): return [.changePolynomialDegree(by: -1)]
    case .char("D"): return [.changePolynomialDegree(by: 1)]
    default: return nil
    }
}

private func singleKey(_ state: inout AppState, _ key: Key) -> [SessionCommand] {
    if let c = commonKey(&state, key) { return c }
    let rows = SettingRow.allCases
    let i = rows.firstIndex(of: state.focus)!
    switch key {
    case .tab, .down: state.focus = rows[(i + 1) % rows.count]
    case .backTab, .up: state.focus = rows[(i + rows.count - 1) % rows.count]
    case .left: return change(&state, state.focus, by: -1)
    case .right: return change(&state, state.focus, by: 1)
    case .enter: return change(&state, state.focus, by: 1, enter: true)
    case .char("a"): return change(&state, .activation, by: 1)
    case .char("o"): return change(&state, .optimizer, by: 1)
    case .char("s"): return change(&state, .schedule, by: 1)
    case .char("+"), .char("="): return [.scaleLearningRate(run: 0, factor: 2)]
    case .char("-"), .char("_"): return [.scaleLearningRate(run: 0, factor: 0.5)]
    case .char("w"): return [.saveCheckpoint(run: 0)]
    case .char("c"):
        if let run = state.run {
            state.picker = ComparePicker(preset: state.editedPreset ?? run.preset, trainCount: state.snapshot.data?.trainCount ?? 0)
        }
    default: break
    }
    return []
}

private func compareKey(_ state: inout AppState, _ key: Key) -> [SessionCommand] {
    if let c = commonKey(&state, key) { return c }
    let n = state.snapshot.runs.count
    switch key {
    case .up, .backTab: state.selectedRun = (state.selectedRun + n - 1) % max(n, 1)
    case .down, .tab: state.selectedRun = (state.selectedRun + 1) % max(n, 1)
    case .char("h"):
        if state.hiddenRuns.contains(state.selectedRun) { state.hiddenRuns.remove(state.selectedRun) } else { state.hiddenRuns.insert(state.selectedRun) }
    case .char("m"): state.smallMultiples.toggle()
    case .char("t"): state.compareValidation.toggle()
    case .char("+"), .char("="): return [.scaleLearningRate(run: state.selectedRun, factor: 2)]
    case .char("-"), .char("_"): return [.scaleLearningRate(run: state.selectedRun, factor: 0.5)]
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

/// The session request the current view needs.
func viewRequest(_ state: AppState) -> SessionCommand {
    let layout = Layout(width: state.width, height: state.height)
    switch state.view {
    case .boundary:
        let r = layout.view.inset(1)
        return .setView(.boundary(columns: max(r.width, 1), rows: max(2 * (r.height - 1), 2)), run: state.selectedRun)
    case .fit: return .setView(.fit(points: 160), run: state.selectedRun)
    case .confusion: return .setView(.confusion, run: state.selectedRun)
    default: return .setView(.none, run: state.selectedRun)
    }
}

/// Cyclic step through `values` from the current one.
func cycle<T: Equatable>(_ values: [T], _ current: T, _ step: Int) -> T {
    let i = values.firstIndex(of: current) ?? 0
    return values[((i + step) % values.count + values.count) % values.count]
}

/// The command for changing one setting of the single run by `step`.
func change(_ state: inout AppState, _ row: SettingRow, by step: Int, enter: Bool = false) -> [SessionCommand] {
    guard let run = state.run else { return [] }
    var p = state.editedPreset ?? run.preset
    switch row {
    case .data:
        let sets = Synthetic.classificationSources
        guard sets.contains(p.data.source) else { return [] }
        p.data.source = cycle(sets, p.data.source, step)
        p.network.layers[0] = nil
        p.network.layers[p.network.layers.count - 1] = nil
        if p.data.source == "spiral" && p.network.output == .sigmoid { p.network.output = .softmax }
    case .layers:
        var hidden = Array(run.sizes.dropFirst().dropLast())
        if enter {
            hidden = hidden.count >= 6 ? [hidden.first ?? 16] : hidden + [hidden.last ?? 16]
        } else if hidden.isEmpty {
            hidden = [16]
        } else {
            hidden = hidden.map { min(max(step > 0 ? $0 * 2 : $0 / 2, 1), 1024) }
        }
        p.network.layers = [run.sizes.first] + hidden.map { Optional($0) } + [run.sizes.last]
    case .activation:
        p.network.activation = cycle(Activation.names, p.network.activation, step)
    case .output:
        guard let d = state.snapshot.data, d.classNames.count == 2 else { return [] }
        p.network.output = p.network.output == .softmax ? .sigmoid : .softmax
        p.network.layers[p.network.layers.count - 1] = nil
    case .initializer:
        p.network.initializer = cycle(Initializer.allCases, p.network.initializer, step)
    case .optimizer:
        let k = cycle(OptimizerKind.allCases, p.optimizer.kind, step)
        p.optimizer.kind = k
        p.optimizer.eps = nil
    case .hyper:
        switch p.optimizer.kind {
        case .momentum, .nesterov: p.optimizer.momentum = min(max(p.optimizer.momentum + 0.05 * Float(step), 0), 0.99)
        case .adam, .adamw: p.optimizer.beta1 = min(max(p.optimizer.beta1 + 0.05 * Float(step), 0), 0.99)
        case .rmsprop: p.optimizer.alpha = min(max(p.optimizer.alpha + 0.01 * Float(step), 0.5), 0.999)
        case .sgd, .adagrad: return []
        }
    case .lr:
        return [.scaleLearningRate(run: 0, factor: step > 0 ? 2 : 0.5)]
    case .schedule:
        p.schedule.kind = cycle(ScheduleKind.allCases, p.schedule.kind, step)
    case .batch:
        let choices: [Preset.BatchSize] = [.size(1), .size(8), .size(16), .size(32), .size(64), .size(128), .size(256), .full]
        let count = state.snapshot.data?.trainCount ?? Int.max
        let valid = choices.filter { if case .size(let n) = $0 { n <= count } else { true } }
        p.training.batch = cycle(valid, p.training.batch, step)
    case .decay:
        p.training.weightDecay = cycle([0, 1e-5, 1e-4, 1e-3, 1e-2], p.training.weightDecay, step)
    case .epochs:
        let e = p.training.epochs
        p.training.epochs = max(1, step > 0 ? e * 2 : e / 2)
    case .seed:
        p.training.seed = UInt64(max(Int(p.training.seed) + step, 0))
    case .speed:
        return [.changeSpeed(by: -step)]
    }
    state.editedPreset = p
    return [.update(p)]
}
