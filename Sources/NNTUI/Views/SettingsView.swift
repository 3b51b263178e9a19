import NNDrawing
import NNEngine
import NNFiles
import NNSession

/// The settings panel: every knob of the run, the focused one highlighted.
enum SettingsView {
    /// The row means nothing for this run's data (a read set's noise, samples or
    /// features): it shows a dash and the arrows pass over it.
    static func isDash(_ state: AppState, _ row: SettingRow) -> Bool {
        guard case .setting(let setting) = row,
            [.noise, .samples, .features, .scheduleDecay, .schedulePeriod, .regularizationRate].contains(setting),
            let run = state.run
        else { return false }
        return setting.fixedReason(run.preset, data: state.snapshot.data) != nil
    }

    /// The row's value, longest first: the panel shows the first that fits.
    static func values(_ state: AppState, _ run: RunSnapshot, _ row: SettingRow) -> [String] {
        let p = run.preset
        guard case .setting(let setting) = row else {
            let s = TrainingSession.speeds[state.snapshot.speedIndex]
            return [s == 0 ? "full speed" : "≤ \(Int(s)) epoch\(s == 1 ? "" : "s")/s"]
        }
        // the built-in sets' knobs mean nothing for a set that is read: a dash, not a stale value
        if isDash(state, row) { return ["—"] }
        switch setting {
        case .data, .noise, .samples, .validation, .features: return dataValues(state, p, setting)
        case .layers, .activation, .output, .initializer: return networkValues(state, run, setting)
        case .optimizer, .hyper, .learningRate: return optimizerValues(run, setting)
        case .schedule, .scheduleDecay, .schedulePeriod, .warmup: return scheduleValues(run, setting)
        case .batch, .weightDecay, .regularization, .regularizationRate, .epochs, .seed:
            return trainingValues(run, setting)
        }
    }

    /// The data rows' values.
    private static func dataValues(_ state: AppState, _ p: Preset, _ setting: Setting) -> [String] {
        switch setting {
        case .data:
            guard let d = state.snapshot.data else { return [p.data.source.rawValue] }
            // computed inputs (data.features) are named after the set
            let features =
                p.data.features == InputFeature.plain
                ? "" : " " + p.data.features.map(\.rawValue).joined(separator: ",")
            return [
                "\(d.source)\(features) (\(d.trainCount)/\(d.validationCount))", "\(d.source)\(features)",
                "\(d.source)",
            ]
        case .noise: return [Format.value(p.data.noise)]
        case .samples: return ["\(p.data.samples)"]
        case .validation: return [Format.percent(p.data.validation)]
        case .features:
            let inUse = [
                p.data.features.map(\.rawValue).joined(separator: ","),
                p.data.features.map(\.rawValue).joined(separator: " "),
            ]
            guard state.focus == .setting(.features), DataSource.onPlane.contains(p.data.source) else { return inUse }
            // focused: the feature pointed at and whether it is on, a checkbox at a time
            let all = InputFeature.allCases, pointed = all[state.featureCursor % all.count]
            let on = p.data.features.contains(pointed)
            let box = "◂ \(pointed.rawValue) ▸ " + (on ? "☑ on" : "☐ off")
            return [box + " · \(KeyMap.key(for: .toggleFeature)) turns " + (on ? "off" : "on"), box]
        default: return []
        }
    }

    /// The network rows' values (the layers row: sizes being typed, or the sizes and the parameter count).
    private static func networkValues(_ state: AppState, _ run: RunSnapshot, _ setting: Setting) -> [String] {
        let p = run.preset
        switch setting {
        case .layers:
            if let typed = state.layersInput {
                return [
                    typed
                        + "▌ \(KeyMap.key(for: .applySizes)) apply · \(KeyMap.key(for: .cancelSizes(thenMove: false)))",
                    typed + "▌",
                ]
            }
            let n = Format.grouped(ParameterCount(sizes: run.sizes).total)
            let full = Format.layers(run.sizes), compact = Format.layers(run.sizes, compact: true)
            return [
                "\(full) · \(n) params", "\(full) · \(n)", "\(compact) · \(n) params", "\(compact) · \(n)", full,
                compact,
            ]
        case .activation: return [p.network.activation.rawValue]
        case .output:
            let o = p.network.output.rawValue, c = p.network.shownCost
            return ["\(o) · \(c.name)", "\(o) · \(c.shortName)", o]
        case .initializer: return [p.network.initializer.rawValue]
        default: return []
        }
    }

    /// The optimizer rows' values (the rate: the base rate and the one a schedule makes of it now).
    private static func optimizerValues(_ run: RunSnapshot, _ setting: Setting) -> [String] {
        let p = run.preset
        switch setting {
        case .optimizer: return [p.optimizer.kind.rawValue]
        case .hyper:
            let o = p.optimizer
            switch o.kind {
            case .sgd: return ["—"]
            case .momentum, .nesterov: return ["μ \(Format.value(Double(o.momentum)))"]
            case .adagrad: return ["ε \(Format.value(Double(o.epsilon)))"]
            case .rmsprop:
                return [
                    "α \(Format.value(Double(o.alpha))) ε \(Format.value(Double(o.epsilon)))",
                    "α \(Format.value(Double(o.alpha)))",
                ]
            case .adam, .adamw: return ["β1 \(Format.value(Double(o.beta1))) β2 \(Format.value(Double(o.beta2)))"]
            }
        case .learningRate:
            // the base rate, and the rate a schedule (or warmup, or plateau) makes of it now
            let base = Format.value(Double(p.optimizer.lr)), now = Format.value(Double(run.learningRate))
            return base == now ? [base] : ["\(base) · now \(now)", "\(base)→\(now)", base]
        default: return []
        }
    }

    /// The schedule rows' values (the schedule with a sparkline of its planned rates).
    private static func scheduleValues(_ run: RunSnapshot, _ setting: Setting) -> [String] {
        let p = run.preset
        switch setting {
        case .schedule:
            return [
                p.schedule.kind.rawValue + " "
                    + Sparkline.text(run.plannedLearningRates.rates.map(Double.init).sampled(10), width: 10),
                p.schedule.kind.rawValue,
            ]
        case .scheduleDecay:
            let s = p.schedule
            switch s.kind {
            case .step:
                return [
                    "× \(Format.value(Double(s.effectiveGamma))) each period",
                    "× \(Format.value(Double(s.effectiveGamma)))",
                ]
            case .exponential:
                return [
                    "× \(Format.value(Double(s.effectiveGamma))) each epoch",
                    "× \(Format.value(Double(s.effectiveGamma)))",
                ]
            case .plateau:
                return ["× \(Format.value(Double(s.factor))) on a plateau", "× \(Format.value(Double(s.factor)))"]
            case .inverseTime:
                return ["lr0 / (1 + \(Format.value(Double(s.decay))) e)", "\(Format.value(Double(s.decay)))"]
            case .constant, .cosine, .oneCycle: return ["—"]
            }
        case .schedulePeriod:
            return p.schedule.kind == .step
                ? [
                    p.schedule.step == 1 ? "every epoch" : "every \(p.schedule.step) epochs",
                    Format.count(p.schedule.step, "epoch"),
                ]
                : [
                    "after \(Format.count(p.schedule.patience, "flat epoch"))",
                    Format.count(p.schedule.patience, "epoch"),
                ]
        case .warmup: return p.schedule.warmup == 0 ? ["none"] : [Format.count(p.schedule.warmup, "epoch")]
        default: return []
        }
    }

    /// The training rows' values.
    private static func trainingValues(_ run: RunSnapshot, _ setting: Setting) -> [String] {
        let p = run.preset
        switch setting {
        case .batch:
            return [
                "\(p.training.batch)" + (p.training.batch == .full ? " (\(run.batchSize))" : ""), "\(p.training.batch)",
            ]
        case .weightDecay: return [Format.value(Double(p.training.weightDecay))]
        case .regularization:
            let r = p.training.regularization
            return r.kind == .none
                ? ["none"] : [r.kind == .l1 ? "L1: λ Σ|w| in the cost" : "L2: λ/2 Σw² in the cost", r.kind.rawValue]
        case .regularizationRate: return ["λ " + Format.value(Double(p.training.regularization.rate))]
        case .epochs: return ["\(p.training.epochs)"]
        case .seed: return ["\(p.training.seed)"]
        default: return []
        }
    }

    static func label(_ row: SettingRow) -> String {
        switch row {
        case .setting(.hyper): "  params"
        case .setting(.scheduleDecay): "  decay"
        case .setting(.schedulePeriod): "  period"
        case .setting(.warmup): "  warmup"
        case .setting(.regularization): "regularize"
        case .setting(.regularizationRate): "  rate"
        case .setting(.learningRate): "learning rate"
        case .setting(.weightDecay): "weight decay"
        case .setting(.noise): "  noise"
        case .setting(.samples): "  samples"
        case .setting(.validation): "  validation"
        case .setting(.features): "  features"
        case .setting(let s): s.rawValue
        case .speed: "speed"
        }
    }

    static func resets(_ row: SettingRow) -> Bool {
        if case .setting(let s) = row { s.resetsRun } else { false }
    }

    /// The first row shown: the panel scrolls so the focused row is always visible,
    /// keeping a line for the hint where the panel is short.
    static func firstRow(_ state: AppState, _ inner: Rect) -> Int {
        let all = SettingRow.all.count, visible = visibleRows(state, inner)
        guard visible < all, let i = SettingRow.all.firstIndex(of: state.focus) else { return 0 }
        return min(max(i - visible + 2, 0), all - visible)
    }

    /// Rows the panel shows: all of them, or all but the lines the hint needs whole.
    static func visibleRows(_ state: AppState, _ inner: Rect) -> Int {
        let all = SettingRow.all.count
        func lines(_ scrolled: Bool) -> Int { Format.wrap(hint(state, scrolled: scrolled), inner.width).count }
        return all + lines(false) <= inner.height ? all : max(inner.height - lines(true), 1)
    }

    /// The line under the rows: what changing the focused row does (`↕` first where
    /// rows are `scrolled` out of view), or why the row is fixed.
    static func hint(_ state: AppState, scrolled: Bool) -> String {
        if case .setting(let s) = state.focus, let run = state.run,
            let why = s.fixedReason(run.preset, data: state.snapshot.data)
        {
            return OutcomeText.fixed(why)
        }
        var hint = resets(state.focus) ? "↺ changing this resets the run" : "applies at the next mini-batch"
        if state.focus == .setting(.features) { hint = "←→ picks an input · ↵ on/off ↺" }
        return scrolled ? "↕ " + hint : hint
    }

    static func draw(_ state: AppState, _ canvas: Canvas, _ r: Rect) {
        let inner = Panel.draw(canvas, r, title: "settings")
        guard let run = state.run, inner.height > 0 else { return }
        let first = firstRow(state, inner)
        let shown = SettingRow.all.dropFirst(first).prefix(visibleRows(state, inner))
        for (i, row) in shown.enumerated() {
            let focused = row == state.focus
            let style: Style = focused ? .selected : .plain
            let text = Format.pad(label(row), 14) + Format.fitting(values(state, run, row), inner.width - 15)
            canvas.put(inner.x, inner.y + i, Format.pad(text, inner.width), style, maxWidth: inner.width)
            if resets(row) { canvas.put(inner.maxX - 1, inner.y + i, "↺", focused ? .selected : .dim) }
        }
        let hintY = inner.y + shown.count
        if hintY < inner.maxY {
            // rows scrolled out of view: say so (↑↓ reach them)
            let hint = hint(state, scrolled: shown.count < SettingRow.all.count)
            for (k, line) in Format.wrap(hint, inner.width).enumerated() where hintY + k < inner.maxY {
                canvas.put(inner.x, hintY + k, line, .dim, maxWidth: inner.width)
            }
        }
    }
}

extension Array where Element == Double {
    /// At most `n` values picked evenly (first and last kept).
    func sampled(_ n: Int) -> [Double] {
        guard count > n, n > 1 else { return self }
        return (0..<n).map { self[Int((Double($0) / Double(n - 1) * Double(count - 1)).rounded())] }
    }
}
