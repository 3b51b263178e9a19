import Foundation
import NNEngine
import NNFiles
import NNSession

/// What `nntui export` writes for PyTorch: `train.py`, the same program for every run
/// (`export/train.py`, compiled in as `TrainScriptText`), and `settings.json` beside
/// it, the run's settings as data. No text of the user's (a preset's name, a path)
/// is ever part of the program: it is a JSON string the program reads.
enum PyTorchScript {
    /// The program.
    static var program: String { TrainScriptText.text }

    /// `settings.json`: every setting that makes this run this run, in the names
    /// train.py reads.
    struct Settings: Encodable {
        struct Optimizer: Encodable {
            var name: String, lr: Double, momentum: Double, beta1: Double, beta2: Double, eps: Double, alpha: Double
        }
        struct Schedule: Encodable {
            var name: String, warmup: Int, step: Int, gamma: Double, decay: Double
            var min_lr: Double, factor: Double, patience: Int
        }
        /// The data: `kind` "tensors" (all in data.safetensors), or "idx" with the IDX
        /// training files' paths (data.safetensors then holds the split's indices).
        struct Regularization: Encodable {
            var kind: String
            var rate: Double
        }
        struct Data: Encodable {
            var kind: String
            var images: String? = nil
            var labels: String? = nil
        }
        var run: String
        var sizes: [Int]
        var activation: String
        var leaky_slope: Double
        var output: String
        var cost: String
        var classification: Bool
        var optimizer: Optimizer
        var weight_decay: Double
        /// L1/L2 regularization: `kind` none, l1 or l2, and λ.
        var regularization: Regularization
        var schedule: Schedule
        var epochs: Int
        /// nil (JSON null): the full batch.
        var batch: Int?
        var seed: UInt64
        var data: Data
    }

    /// A Float setting as the decimal the preset shows (`0.01`, not `0.009999999776`).
    static func decimal(_ x: Float) -> Double { Double(Preset.format(Double(x))) ?? Double(x) }

    static func settings(_ p: Preset, sizes: [Int], classification: Bool, data: Settings.Data) throws -> Settings {
        let o = p.optimizer, s = p.schedule
        var batch: Int? = nil
        if case .size(let n) = p.training.batch { batch = n }
        return Settings(
            run: p.name, sizes: sizes, activation: p.network.activation.rawValue,
            leaky_slope: decimal(p.network.leakySlope),
            output: p.network.output.rawValue, cost: try p.network.resolvedCost().rawValue,
            classification: classification,
            optimizer: .init(
                name: o.kind.rawValue, lr: decimal(o.lr), momentum: decimal(o.momentum), beta1: decimal(o.beta1),
                beta2: decimal(o.beta2), eps: decimal(o.epsilon), alpha: decimal(o.alpha)),
            weight_decay: decimal(p.training.weightDecay),
            regularization: .init(
                kind: p.training.regularization.kind.rawValue, rate: decimal(p.training.regularization.rate)),
            schedule: .init(
                name: s.kind.rawValue, warmup: s.warmup, step: s.step, gamma: decimal(s.effectiveGamma),
                decay: decimal(s.decay), min_lr: decimal(s.minLR), factor: decimal(s.factor), patience: s.patience),
            epochs: p.training.epochs, batch: batch, seed: p.training.seed, data: data)
    }

    /// settings.json's text: sorted keys, one object.
    static func settingsJSON(_ p: Preset, sizes: [Int], classification: Bool, data: Settings.Data) throws -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .prettyPrinted, .withoutEscapingSlashes]
        let bytes = try encoder.encode(try settings(p, sizes: sizes, classification: classification, data: data))
        return String(decoding: bytes, as: UTF8.self) + "\n"
    }
}
