import Foundation
import NNDrawing
import NNEngine
import NNFiles
import NNSession

/// `nntui summary`, `nntui gradcheck` and `nntui presets`.
public enum Reports {
    /// A Keras-style layer table and the totals `N_b`, `N_w`, parameters. Sizes marked
    /// `auto` are resolved from the data when it can be loaded.
    public static func summary(_ preset: Preset) throws -> String {
        var sizes = preset.network.layers.compactMap { $0 }
        if sizes.count != preset.network.layers.count {
            let data = try DataLoader.load(preset.data, output: preset.network.output)
            sizes = try Experiment.sizes(preset, data: data)
        }
        var out =
            "\(preset.name): \(sizes.map(String.init).joined(separator: "/"))  "
            + "(\(try preset.network.resolvedCost().name))\n"
        out += "Layer  W shape        b shape  Activation   Parameters\n"
        out += String(repeating: "─", count: 52) + "\n"
        for l in 1..<sizes.count {
            let (inputs, outputs) = (sizes[l - 1], sizes[l])
            let act = l == sizes.count - 1 ? preset.network.output.rawValue : preset.network.hidden.name
            out +=
                [
                    Format.pad("\(l)", 6), Format.pad("\(outputs) x \(inputs)", 14),
                    Format.pad("\(outputs)", 8), Format.pad(act, 12),
                    Format.pad(Format.grouped(outputs * inputs + outputs), 11, right: true),
                ].joined(separator: " ") + "\n"
        }
        out += String(repeating: "─", count: 52) + "\n"
        let count = ParameterCount(sizes: sizes)
        out += Format.parameters(biases: count.biases, weights: count.weights)
        return out
    }

    /// Backprop against finite differences on 8 samples; every layer's worst relative
    /// error and PASS/FAIL (below `GradientCheck.tolerance`). Returns the text and
    /// whether all passed.
    public static func gradcheck(_ preset: Preset) throws -> (String, Bool) {
        let trainer = try Experiment.trainer(preset)
        let count = min(8, trainer.data.train.count)
        let results = GradientCheck.run(
            network: trainer.network, data: trainer.data.train,
            indices: Array(trainer.data.train.indices.prefix(count)), perLayer: 30)
        var out =
            "gradient check of \(preset.name) (\(trainer.network.sizes.map(String.init).joined(separator: "/")), "
            + "\(preset.network.activation)/\(preset.network.output.rawValue), \(count) samples)\n"
        out += "layer  checked  worst dC/dW err  worst dC/db err  result\n"
        var ok = true
        for r in results {
            let pass = r.worstWeightError < GradientCheck.tolerance && r.worstBiasError < GradientCheck.tolerance
            ok = ok && pass
            out +=
                [
                    Format.pad("\(r.layer)", 6), Format.pad("\(r.checked)", 8, right: true),
                    Format.pad(String(format: "%.2e", r.worstWeightError), 16, right: true),
                    Format.pad(String(format: "%.2e", r.worstBiasError), 16, right: true),
                    pass ? "PASS" : "FAIL",
                ].joined(separator: " ") + "\n"
        }
        out += ok ? "PASS: backprop agrees with finite differences" : "FAIL: backprop disagrees with finite differences"
        return (out, ok)
    }

    /// `nntui learn`'s list: a line a lesson, its number, ✓ once completed, title,
    /// minutes and goal.
    public static func lessons(_ lessons: [Lesson], completed: Set<String>) -> String {
        var out = "lessons (nntui learn N opens one; ✓ completed):\n"
        for (i, l) in lessons.enumerated() {
            out +=
                "\(Format.pad("\(i + 1)", 3, right: true)) \(completed.contains(l.id) ? "✓" : " ") \(l.title)  "
                + "(\(l.minutes) min)\n"
            out += "       \(l.goal)\n"
        }
        out += "\(completed.intersection(lessons.map(\.id)).count) of \(lessons.count) completed.\n"
        return out
    }

    /// Built-in presets and the YAML files in ./presets.
    public static func presets() -> String {
        var out = "built-in presets:\n"
        for name in BuiltinPresets.names {
            let p = try? Preset.load(name)
            out += "  \(Format.pad(name, 18)) \(p?.description ?? "")\n"
        }
        let files = ((try? FileManager.default.contentsOfDirectory(atPath: "presets")) ?? [])
            .filter { $0.hasSuffix(".yaml") || $0.hasSuffix(".yml") }.sorted()
        if !files.isEmpty {
            out += "files in ./presets:\n"
            for f in files {
                let path = "presets/\(f)"
                do {
                    let p = try Preset.load(path)
                    out += "  \(Format.pad(path, 32)) \(p.description)\n"
                } catch {
                    out += "  \(Format.pad(path, 32)) (invalid: \(error))\n"
                }
            }
        }
        return out
    }
}
