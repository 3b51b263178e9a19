import NNCore
import NNDrawing

/// The lecture's forward and backward equations with this network's real sizes.
enum EquationsView {
    static func lines(_ run: RunSnapshot) -> [String] {
        let n = run.sizes, L = n.count - 1, m = run.batchSize
        let f = run.preset.network.activation.rawValue, g = run.preset.network.output.rawValue
        var out = ["forward  (m = \(m) samples in columns)"]
        for l in 1...L {
            out.append("  Z[\(l)] = b[\(l)] + W[\(l)] A[\(l - 1)]      \(n[l])x\(m) = \(n[l])x1 + \(n[l])x\(n[l - 1]) · \(n[l - 1])x\(m)")
            out.append("  A[\(l)] = \(l == L ? g : f)(Z[\(l)])")
        }
        let cost = run.preset.network.shownCost, output = run.preset.network.output
        out.append("backward  (\(cost.name) after \(g): \(cost.outputDelta(after: output)))")
        let delta = cost == .mse && output == .sigmoid ? "(A[\(L)] - T) ⊙ A[\(L)] ⊙ (1 - A[\(L)])" : "A[\(L)] - T"
        out.append("  δ[\(L)] = \(delta)      \(n[L])x\(m)")
        for l in stride(from: L, through: 1, by: -1) {
            out.append("  dC/dW[\(l)] = (1/m) δ[\(l)] A[\(l - 1)]ᵀ      \(n[l])x\(n[l - 1]) = \(n[l])x\(m) · \(m)x\(n[l - 1])")
            out.append("  dC/db[\(l)] = (1/m) δ[\(l)] 1      \(n[l])x1")
            if l > 1 {
                out.append("  δ[\(l - 1)] = \(f)'(Z[\(l - 1)]) ⊙ (W[\(l)]ᵀ δ[\(l)])      \(n[l - 1])x\(m) = \(n[l - 1])x\(m) ⊙ (\(n[l - 1])x\(n[l]) · \(n[l])x\(m))")
            }
        }
        let count = ParameterCount(sizes: n)
        out.append(Format.parameters(biases: count.biases, weights: count.weights))
        return out
    }

    static func draw(_ run: RunSnapshot, _ canvas: Canvas, _ r: Rect) {
        for (i, line) in lines(run).enumerated() where i < r.height {
            let style: Style = line.hasPrefix("forward") || line.hasPrefix("backward") || line.hasPrefix("N_b") ? .bold : .plain
            canvas.put(r.x, r.y + i, line, style, maxWidth: r.width)
        }
    }
}
