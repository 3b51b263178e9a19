import NNEngine
import NNFiles

/// Turns a preset into a ready trainer: loads the data, resolves `auto` sizes,
/// builds and initialises the network from the training seed.
public enum Experiment {
    /// `N0/.../NL` with `auto` replaced from the data; errors when a given size disagrees.
    public static func sizes(_ preset: Preset, data: LoadedData) throws -> [Int] {
        let layers = preset.network.layers
        let input = data.featureCount, output = data.outputWidth(for: preset.network.output)
        var sizes = layers.map { $0 ?? 0 }
        sizes[0] = layers[0] ?? input
        sizes[sizes.count - 1] = layers[layers.count - 1] ?? output
        if sizes[0] != input {
            throw NNError.input(
                "network.layers: the first size is \(sizes[0]) but \(data.source) has \(input) features (use auto).")
        }
        if sizes[sizes.count - 1] != output {
            throw NNError.input(
                "network.layers: the last size is \(sizes[sizes.count - 1]) but \(data.source) with a "
                    + "\(preset.network.output.rawValue) output needs \(output) (use auto)."
            )
        }
        return sizes
    }

    /// The network of the preset with weights drawn from `training.seed`.
    public static func network(_ preset: Preset, sizes: [Int]) -> Network {
        let net = Network(
            sizes: sizes, hidden: preset.network.hidden, output: preset.network.output,
            cost: try? preset.network.resolvedCost())
        var rng = RandomSource(seed: preset.training.seed)
        net.initialize(preset.network.initializer, rng: &rng)
        return net
    }

    /// Checks what can only be checked together: the cost against the output, the
    /// batch size against the data.
    public static func validate(_ preset: Preset, data: LoadedData) throws {
        _ = try preset.network.resolvedCost()
        if case .size(let n) = preset.training.batch, n > data.train.count {
            throw NNError.input(
                "training.batch: \(n) is larger than the \(data.train.count) training samples (use full or a smaller "
                    + "size)."
            )
        }
    }

    /// Bytes a run of `sizes` needs, or nil when the count overflows: per parameter
    /// the value, its gradient, the sound copy a diverged run returns to and up to
    /// two optimizer state buffers (5 floats); per unit and batch column `Z`, `A`,
    /// `delta` and the target (4 floats) for the training batch and the 512-column
    /// evaluation batch.
    public static func memoryNeeded(sizes: [Int], batch: Int) -> Int? {
        let parameters = Memory.sum(zip(sizes, sizes.dropFirst()).map { Memory.sum([Memory.product([$0, $1]), $1]) })
        let units = Memory.sum(sizes.map { $0 })
        return Memory.sum([
            parameters.flatMap { Memory.product([$0, 5 * 4]) },
            units.flatMap { Memory.product([$0, batch + 512, 4 * 4]) },
        ])
    }

    /// Refuses runs (each a preset on its data) that together need more memory than
    /// this machine has available, before anything is allocated.
    public static func checkMemory(_ runs: [(preset: Preset, data: LoadedData)]) throws {
        var total: Int? = 0, shapes: [String] = []
        for (p, d) in runs {
            let sizes = try sizes(p, data: d)
            shapes.append(sizes.map(String.init).joined(separator: "/"))
            total = Memory.sum([
                total, memoryNeeded(sizes: sizes, batch: p.training.batch.resolved(count: d.train.count)),
            ])
        }
        let what =
            runs.count == 1
            ? "the network \(shapes[0])" : "\(runs.count) runs of \(Set(shapes).sorted().joined(separator: ", "))"
        try Memory.check(total, for: "training \(what)")
    }

    /// A trainer for the preset on already-loaded data, after every check.
    public static func trainer(_ preset: Preset, data: LoadedData) throws -> Trainer {
        try validate(preset, data: data)
        try checkMemory([(preset, data)])
        return try build(preset, data: data)
    }

    /// The trainer of a checked preset: the network from its seed, the run's settings.
    static func build(_ preset: Preset, data: LoadedData) throws -> Trainer {
        let sizes = try sizes(preset, data: data)
        let trainer = Trainer(
            network: network(preset, sizes: sizes), data: data, optimizer: preset.optimizer,
            schedule: preset.schedule, batch: preset.training.batch,
            weightDecay: preset.training.weightDecay, epochs: preset.training.epochs,
            seed: preset.training.seed &+ 0xBA7C4)
        trainer.threads = preset.training.resolvedThreads
        trainer.regularization = preset.training.regularization
        return trainer
    }

    /// Loads the preset's data (polling `interrupt`) and builds its trainer.
    public static func trainer(_ preset: Preset, interrupt: Interrupt? = nil) throws -> Trainer {
        try trainer(preset, data: DataLoader.load(preset.data, output: preset.network.output, interrupt: interrupt))
    }
}
