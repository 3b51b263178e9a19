import Foundation

@testable import NNEngine
@testable import NNFiles
@testable import NNSession

/// Small in-memory data sets for the engine tests.
enum Fixtures {
    /// The package's folder (the preset files).
    static let packageRoot = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().path

    /// `count` random 2-D points; class from `label(x, y)`.
    static func classification(count: Int, classes: Int, seed: UInt64, label: (Double, Double) -> Int) -> LoadedData {
        var rng = RandomSource(seed: seed)
        var x: [Float] = [], l: [Int32] = []
        for _ in 0..<count {
            let a = rng.uniform(-1, 1), b = rng.uniform(-1, 1)
            x += [Float(a), Float(b)]
            l.append(Int32(label(a, b)))
        }
        let store = SampleStore(
            features: .float(x), featureCount: 2,
            targets: .classes(l, names: (0..<classes).map(String.init)))
        return LoadedData(
            source: .csv, train: Dataset(store: store), validation: Dataset(store: store, indices: []),
            test: nil, truth: nil)
    }

    /// A regression set `y = sum of targets` of width `k`.
    static func regression(count: Int, inputs: Int, outputs: Int, seed: UInt64) -> LoadedData {
        var rng = RandomSource(seed: seed)
        var x: [Float] = [], y: [Float] = []
        for _ in 0..<count {
            let v = (0..<inputs).map { _ in Float(rng.uniform(-1, 1)) }
            x += v
            for k in 0..<outputs {
                y.append(v.enumerated().reduce(0) { $0 + $1.element * Float($1.offset + k + 1) } * 0.3)
            }
        }
        let store = SampleStore(features: .float(x), featureCount: inputs, targets: .values(y, width: outputs))
        return LoadedData(
            source: .csv, train: Dataset(store: store), validation: Dataset(store: store, indices: []),
            test: nil, truth: nil)
    }

    static func trainer(
        _ data: LoadedData, sizes: [Int], hidden: Activation, output: OutputLayer,
        optimizer: OptimizerKind = .sgd, lr: Float, batch: Preset.BatchSize = .size(16),
        seed: UInt64 = 1, epochs: Int = 100
    ) -> Trainer {
        let net = Network(sizes: sizes, hidden: hidden, output: output)
        var rng = RandomSource(seed: seed)
        net.initialize(.xavier, rng: &rng)
        var o = OptimizerSettings()
        o.kind = optimizer
        o.lr = lr
        return Trainer(
            network: net, data: data, optimizer: o, schedule: Schedule(), batch: batch,
            weightDecay: 0, epochs: epochs, seed: seed)
    }
}

extension SessionEngine {
    /// Applies `intents` as the session's loop does, then performs every effect they
    /// asked for at once, on this thread, and applies what each sends back, until none
    /// is left: the engine's outcome of the whole exchange, synchronously.
    func settle(_ intents: [Intent]) {
        var pending = intents
        while !pending.isEmpty {
            _ = advance(applying: pending)
            pending = takeEffects().compactMap { $0.perform(Cancellation()) }
        }
    }
}
