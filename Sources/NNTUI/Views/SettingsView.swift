import NNCore

/// The settings panel: every knob of the run, the focused one highlighted.
enum SettingsView {
    static func value(_ state: AppState, _ run: RunSnapshot, _ row: SettingRow) -> String {
        let p = run.preset
        switch row {
        case .data:
            return state.snapshot.data.map { "\($0.source) (\($0.trainCount)/\($0.validationCount))" } ?? p.data.source
        case .layers:
            return "\(run.sizes.map(String.init).joined(separator: "/")) · \(Format.grouped(ParameterCount(sizes: run.sizes).total)) params"
        case .activation: return p.network.activation
        case .output: return "\(p.network.output.rawValue) · \(p.network.output.costName)"
        case .initializer: return p.network.initializer.rawValue
        case .optimizer: return p.optimizer.kind.rawValue
        case .hyper:
            let o = p.optimizer
            switch o.kind {
            case .sgd: return "—"
            case .momentum, .nesterov: return "μ \(Format.value(Double(o.momentum)))"
            case .adagrad: return "ε \(Format.value(Double(o.epsilon)))"
            case .rmsprop: return "α \(Format.value(Double(o.alpha))) ε \(Format.value(Double(o.epsilon)))"
            case .adam, .adamw: return "β1 \(Format.value(Double(o.beta1))) β2 \(Format.value(Double(o.beta2)))"
            }
        case .lr: return Format.value(Double(p.optimizer.lr))
        case .schedule:
            return p.schedule.kind.rawValue + " " + Sparkline.text(run.plannedLearningRates.map(Double.init).sampled(10), width: 10)
        case .batch: return "\(p.training.batch)" + (p.training.batch == .full ? " (\(run.batchSize))" : "")
        case .decay: return Format.value(Double(p.training.weightDecay))
        case .epochs: return "\(p.training.epochs)"
        case .seed: return "\(p.training.seed)"
        case .speed:
            let s = TrainingSession.speeds[state.snapshot.speedIndex]
            return s == 0 ? "full speed" : "≤ \(Int(s)) epochs/s"
        }
    }

    static func label(_ row: SettingRow, _ run: RunSnapshot) -> String {
        switch row {
        case .hyper: return "  params"
        case .lr: return "learning rate"
        case .decay: return "weight decay"
        default: return row.rawValue
        }
    }

    /// Rows whose change resets the run.
    static let resetting: Set<SettingRow> = [.data, .layers, .activation, .output, .initializer, .seed]

    static func draw(_ state: AppState, _ canvas: Canvas, _ r: Rect) {
        let inner = Panel.draw(canvas, r, title: "settings")
        guard let run = state.run, inner.height > 0 else { return }
        for (i, row) in SettingRow.allCases.enumerated() where i < inner.height {
            let focused = row == state.focus
            let style: Style = focused ? .selected : .plain
            let text = Format.pad(label(row, run), 14) + value(state, run, row)
            canvas.put(inner.x, inner.y + i, Format.pad(text, inner.width), style, maxWidth: inner.width)
            if resetting.contains(row) { canvas.put(inner.maxX - 1, inner.y + i, "↺", focused ? .selected : .dim) }
        }
        let hintY = inner.y + SettingRow.allCases.count
        if hintY < inner.maxY {
            let hint: String
            switch state.focus {
            case .data where !Synthetic.classificationSources.contains(run.preset.data.source):
                hint = "this data set comes from the preset"
            case .output where state.snapshot.data?.classNames.count != 2:
                hint = "the output follows the data"
            case .hyper where [.sgd, .adagrad].contains(run.preset.optimizer.kind):
                hint = "\(run.preset.optimizer.kind.rawValue) has nothing to tune here"
            default:
                hint = resetting.contains(state.focus) ? "↺ changing this resets the run" : "applies at the next mini-batch"
            }
            canvas.put(inner.x, hintY, hint, .dim, maxWidth: inner.width)
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
