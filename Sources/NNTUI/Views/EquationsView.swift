import NNDrawing
import NNEngine
import NNFiles
import NNSession

/// The lecture's forward and backward equations with this network's real sizes.
enum EquationsView {
    static func lines(_ run: RunSnapshot) -> [String] {
        let n = run.sizes, L = n.count - 1, m = run.batchSize
        let f = run.preset.network.activation.rawValue, g = run.preset.network.output.rawValue
        var out = ["forward  (m = \(m) samples in columns)"]
        for l in 1...L {
            out.append(
                "  Z[\(l)] = b[\(l)] + W[\(l)] A[\(l - 1)]      \(n[l])x\(m) = \(n[l])x1 + \(n[l])x\(n[l - 1]) · "
                    + "\(n[l - 1])x\(m)"
            )
            out.append("  A[\(l)] = \(l == L ? g : f)(Z[\(l)])")
        }
        let cost = run.preset.network.shownCost, output = run.preset.network.output
        out.append("backward  (\(cost.name) after \(g): \(cost.outputDelta(after: output)))")
        let delta = cost == .mse && output == .sigmoid ? "(A[\(L)] - T) ⊙ A[\(L)] ⊙ (1 - A[\(L)])" : "A[\(L)] - T"
        out.append("  δ[\(L)] = \(delta)      \(n[L])x\(m)")
        for l in stride(from: L, through: 1, by: -1) {
            out.append(
                "  dC/dW[\(l)] = (1/m) δ[\(l)] A[\(l - 1)]ᵀ      \(n[l])x\(n[l - 1]) = \(n[l])x\(m) · \(m)x\(n[l - 1])")
            out.append("  dC/db[\(l)] = (1/m) δ[\(l)] 1      \(n[l])x1")
            if l > 1 {
                out.append(
                    "  δ[\(l - 1)] = \(f)'(Z[\(l - 1)]) ⊙ (W[\(l)]ᵀ δ[\(l)])      \(n[l - 1])x\(m) = "
                        + "\(n[l - 1])x\(m) ⊙ (\(n[l - 1])x\(n[l]) · \(n[l])x\(m))"
                )
            }
        }
        out += update(run.preset)
        let count = ParameterCount(sizes: n)
        out.append(Format.parameters(biases: count.biases, weights: count.weights))
        return out
    }

    /// The same equations for a short panel: each written once for a layer `l`, and
    /// every layer's shapes in a table (`dC/dW[l]` has the shape of `W[l]`).
    static func compactLines(_ run: RunSnapshot) -> [String] {
        let n = run.sizes, L = n.count - 1, m = run.batchSize
        let f = run.preset.network.activation.rawValue, g = run.preset.network.output.rawValue
        var out = ["forward  (m = \(m) samples in columns)", "  Z[l] = b[l] + W[l] A[l-1]", "  A[l] = f(Z[l])"]
        for l in 1...L {
            out.append("  l=\(l)  W \(n[l])x\(n[l - 1])  Z, A \(n[l])x\(m)  f = \(l == L ? g : f)")
        }
        let cost = run.preset.network.shownCost, output = run.preset.network.output
        out.append("backward  (\(cost.name) after \(g))")
        let delta = cost == .mse && output == .sigmoid ? "(A[\(L)] - T) ⊙ A[\(L)] ⊙ (1 - A[\(L)])" : "A[\(L)] - T"
        out += [
            "  δ[\(L)] = \(delta)", "  δ[l-1] = \(f)'(Z[l-1]) ⊙ (W[l]ᵀ δ[l])",
            "  dC/dW[l] = (1/m) δ[l] A[l-1]ᵀ", "  dC/db[l] = (1/m) δ[l] 1",
        ]
        // the step's heading takes the definition of g where it is the bare gradient
        var step = update(run.preset)
        if step.count > 1, step[1] == "  g = dC/dW" {
            step[0] = String(step[0].dropLast()) + ", g = dC/dW)"; step.remove(at: 1)
        }
        out += step
        let count = ParameterCount(sizes: n)
        out.append(Format.parameters(biases: count.biases, weights: count.weights))
        return out
    }

    /// The optimizer's step, as the lecture writes the update of `W` (every parameter
    /// alike), with the run's own hyperparameters; `g = dC/dW` (plus `λ W` where the
    /// weight decay is coupled).
    static func update(_ p: Preset) -> [String] {
        let o = p.optimizer, v = { (x: Float) in Format.value(Double(x)) }
        let decay = p.training.weightDecay, coupled = decay > 0 && o.kind != .adamw
        var out = ["step  (\(o.kind.rawValue), η = \(v(o.lr))\(decay > 0 ? ", λ = \(v(decay))" : ""))"]
        out.append(coupled ? "  g = dC/dW + λ W" : "  g = dC/dW")
        switch o.kind {
        case .sgd:
            out.append("  W ← W − η g")
        case .momentum:
            out += ["  u ← μ u + g      μ = \(v(o.momentum))", "  W ← W − η u"]
        case .nesterov:
            out += ["  u ← μ u + g      μ = \(v(o.momentum))", "  W ← W − η (g + μ u)"]
        case .adagrad:
            out += ["  S ← S + g²", "  W ← W − η g / (√S + ε)      ε = \(v(o.epsilon))"]
        case .rmsprop:
            out += [
                "  v ← α v + (1 − α) g²      α = \(v(o.alpha))", "  W ← W − η g / (√v + ε)      ε = \(v(o.epsilon))",
            ]
        case .adam, .adamw:
            if o.kind == .adamw { out.append("  W ← W − η λ W      (decoupled decay, first)") }
            out += [
                "  ḡ ← β1 ḡ + (1 − β1) g      β1 = \(v(o.beta1))", "  v ← β2 v + (1 − β2) g²      β2 = \(v(o.beta2))",
                "  W ← W − η ĝ / (√v̂ + ε)      ĝ = ḡ / (1 − β1ᵗ), v̂ = v / (1 − β2ᵗ), ε = \(v(o.epsilon))",
            ]
        }
        return out
    }

    /// The equations laid out in `width` cells and `height` rows: every layer's own
    /// lines where they fit, else `compactLines`. An equation too long for the line
    /// puts its shapes (after the gap of six spaces) on the next line, indented, and
    /// other long lines wrap at spaces, so nothing is cut in the middle of a size. The
    /// last line, the parameter count, is always shown.
    static func layout(_ run: RunSnapshot, width: Int, height: Int = .max) -> [String] {
        func split(_ lines: [String]) -> [String] {
            lines.flatMap { line -> [String] in
                guard TerminalText.width(line) > width, let gap = line.range(of: "      ") else {
                    return Format.hangingWrap(line, width)
                }
                return Format.hangingWrap(String(line[..<gap.lowerBound]), width)
                    + Format.hangingWrap("      " + String(line[gap.upperBound...]), width)
            }
        }
        // the last line, the parameter count, is the same in both forms: kept apart at its gaps
        let long = lines(run), count = Format.wrapAtGaps(long.last ?? "", width)
        let full = split(Array(long.dropLast())) + count
        if full.count <= height { return full }
        let body = split(Array(compactLines(run).dropLast()))
        // too short even so: the optimizer's step gives way (marked …), the count of
        // parameters stays at the bottom
        guard body.count + count.count > height, height > count.count + 1 else { return body + count }
        return Array(body.prefix(height - count.count - 1)) + ["  …"] + count
    }

    static func draw(_ run: RunSnapshot, _ canvas: Canvas, _ r: Rect) {
        for (i, line) in layout(run, width: r.width, height: r.height).enumerated() where i < r.height {
            let heading =
                line.hasPrefix("forward") || line.hasPrefix("backward") || line.hasPrefix("step")
                || line.hasPrefix("N_b")
            canvas.put(r.x, r.y + i, line, heading ? .bold : .plain, maxWidth: r.width)
        }
    }
}
