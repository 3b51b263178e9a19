import CKernels
import Dispatch

/// Runs of one network shape trained as one computation: each mini-batch, every run
/// gathers its own samples (its own seed's order), then each layer's forward product,
/// its deltas' product and its weight gradient are one batched product over all the
/// runs (`SmallProducts`, pointer tables as batched BLAS takes them); the element-wise
/// work (activations, costs, the optimizers' steps, with each run's own rate, betas,
/// decay, regularization and step count) goes run by run over the same buffers.
///
/// Every run stays a whole `Trainer` (its plan, schedule, history, divergence), so a
/// run can be paused, stepped, hidden or taken out by training only some of the stack
/// (`trainMiniBatch(where:)`), and a run that diverges stops alone. A run in a stack
/// computes exactly what it computes trained alone on one thread: the same products
/// in the same order.
public final class RunStack {
    public let trainers: [Trainer]
    private let network: Network
    /// Pointer tables, one entry per run, filled before each product.
    private let weights: Table, biases: Table, inputs: Table, outputs: Table, gradients: Table
    private let columns: UnsafeMutablePointer<Int>

    /// A stack of `trainers`, which must be stackable (`canStack`); nil when there are none.
    public init?(_ trainers: [Trainer]) {
        guard let first = trainers.first, trainers.allSatisfy({ Self.canStack(first, $0) }) else { return nil }
        self.trainers = trainers
        network = first.network
        let n = trainers.count
        (weights, biases, inputs, outputs, gradients) = (Table(n), Table(n), Table(n), Table(n), Table(n))
        columns = .allocate(capacity: n)
        columns.initialize(repeating: 0, count: n)
    }

    deinit { columns.deallocate() }

    /// Whether two runs can share a stack: the same layer sizes, hidden activation,
    /// output and cost, every layer small enough for `SmallProducts`.
    public static func canStack(_ a: Trainer, _ b: Trainer) -> Bool {
        let x = a.network, y = b.network
        return x.sizes == y.sizes && x.hidden == y.hidden && x.output == y.output && x.cost == y.cost
            && x.isSmall
    }

    /// Splits `trainers` into stacks of runs that can share one, in order of first
    /// appearance; runs that cannot be stacked (large layers) come back alone in `single`.
    public static func group(_ trainers: [Trainer]) -> (stacks: [RunStack], single: [Trainer]) {
        var groups: [[Trainer]] = []
        var single: [Trainer] = []
        for t in trainers {
            if !t.network.isSmall {
                single.append(t)
            } else if let k = groups.firstIndex(where: { canStack($0[0], t) }) {
                groups[k].append(t)
            } else {
                groups.append([t])
            }
        }
        return (groups.compactMap { RunStack($0) }, single)
    }

    /// `trainers` in `pool` shares, one a thread (run `k` in share `k % pool`), each
    /// share's runs grouped into stacks (`group`).
    public static func shares(_ trainers: [Trainer], pool: Int) -> [(stacks: [RunStack], single: [Trainer])] {
        let pool = max(1, min(pool, trainers.count))
        return (0..<pool).map { k in group(stride(from: k, to: trainers.count, by: pool).map { trainers[$0] }) }
    }

    /// Whether any run can still train (neither finished nor diverged).
    public var canTrain: Bool { trainers.contains(where: \.canTrain) }

    /// One mini-batch of every run that `include` admits and that can train, as one
    /// computation. Returns the records of the epochs this batch completed, by run.
    @discardableResult
    public func trainMiniBatch(where include: (Trainer) -> Bool = { _ in true }) -> [(Trainer, EpochRecord)] {
        let floatMode = nn_flush_denormals()
        defer { nn_restore_float_mode(floatMode) }
        let runs = trainers.filter { !$0.isFinished && $0.divergence == nil && include($0) }
        guard !runs.isEmpty else { return [] }
        let start = DispatchTime.now().uptimeNanoseconds
        // each run's time is its share of the stack's: the batch is one computation
        defer {
            let share = Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9 / Double(runs.count)
            for t in runs { t.addStackTime(share) }
        }
        let batches = runs.map { t in
            let ws = t.beginMiniBatch(timed: false)
            t.data.store.gather(t.batchOrder, into: ws.X, targets: ws.T)
            return Batch(run: t, ws: ws)
        }
        forward(batches)
        let kept = batches.filter { $0.run.acceptLoss(costSum: $0.run.network.costSum($0.ws), batch: $0.ws.T.cols) }
        backward(kept)
        return kept.compactMap { b in b.run.completeMiniBatch(batch: b.ws).map { (b.run, $0) } }
    }

    /// Trains until every run has finished or diverged, or `stop` says so (asked
    /// before each mini-batch).
    public func trainToEnd(stop: () -> Bool = { false }) {
        while canTrain && !stop() { trainMiniBatch() }
    }

    /// A run's mini-batch under way: the run and its buffers.
    private struct Batch {
        let run: Trainer
        let ws: Workspace
        func layer(_ l: Int) -> DenseLayer { run.network.layers[l - 1] }
    }

    /// `Z[l] = b[l] 1^T + W[l] A[l-1]` for every run (one batched product a layer),
    /// then `A[l] = f(Z[l])`, and `A[L] = g(Z[L])`, run by run.
    private func forward(_ batches: [Batch]) {
        setColumns(batches)
        for (k, layer) in network.layers.enumerated() {
            let l = k + 1
            for (r, b) in batches.enumerated() {
                weights[r] = b.layer(l).W.data
                biases[r] = b.layer(l).b.data
                inputs[r] = b.ws.A[l - 1].data
                outputs[r] = b.ws.Z[l].data
            }
            SmallProducts.affine(
                outputs: layer.outputs, inputs: layer.inputs, m: columns, W: weights.pointers, b: biases.pointers,
                A: inputs.pointers, into: outputs.mutablePointers, runs: batches.count)
            for b in batches {
                let z = b.ws.Z[l], a = b.ws.A[l]
                if l < network.depth {
                    network.hidden.apply(z.data, a.data, count: z.count)
                } else {
                    network.output.apply(z, into: a)
                }
            }
        }
    }

    /// `delta[L] = dC/dZ[L]`, then for `l = L...2` `delta[l-1] = f'(Z[l-1]) (.) (W[l]^T
    /// delta[l])`, and every layer's `dC/dW[l] = (1/m) delta[l] A[l-1]^T` (one batched
    /// product each) and `dC/db[l] = (1/m) delta[l] 1`, for every run in `batches`.
    private func backward(_ batches: [Batch]) {
        guard !batches.isEmpty else { return }
        setColumns(batches)
        let L = network.depth
        for b in batches { network.cost.outputDelta(y: b.ws.Y, t: b.ws.T, output: network.output, into: b.ws.delta[L]) }
        for l in stride(from: L, through: 2, by: -1) {
            let layer = network.layers[l - 1]
            for (r, b) in batches.enumerated() {
                weights[r] = b.layer(l).W.data
                inputs[r] = b.ws.delta[l].data
                outputs[r] = b.ws.delta[l - 1].data
            }
            SmallProducts.backprop(
                outputs: layer.outputs, inputs: layer.inputs, m: columns, W: weights.pointers, E: inputs.pointers,
                into: outputs.mutablePointers, runs: batches.count)
            for b in batches {
                let below = b.ws.delta[l - 1]
                network.hidden.multiplyDerivative(
                    z: b.ws.Z[l - 1].data, a: b.ws.A[l - 1].data, into: below.data, count: below.count)
            }
        }
        for (k, layer) in network.layers.enumerated() {
            let l = k + 1
            for (r, b) in batches.enumerated() {
                weights[r] = b.ws.delta[l].data
                inputs[r] = b.ws.A[l - 1].data
                gradients[r] = b.layer(l).dW.data
            }
            SmallProducts.outer(
                outputs: layer.outputs, inputs: layer.inputs, columns: 0..<layer.inputs, m: columns,
                E: weights.pointers, A: inputs.pointers, into: gradients.mutablePointers, runs: batches.count)
            for b in batches { b.layer(l).biasGradient(delta: b.ws.delta[l]) }
        }
    }

    private func setColumns(_ batches: [Batch]) {
        for (r, b) in batches.enumerated() { columns[r] = b.ws.T.cols }
    }

    /// A table of one pointer per run.
    private final class Table {
        let entries: UnsafeMutablePointer<UnsafeMutablePointer<Float>?>
        init(_ n: Int) {
            entries = .allocate(capacity: n)
            entries.initialize(repeating: nil, count: n)
        }
        deinit { entries.deallocate() }
        subscript(r: Int) -> UnsafeMutablePointer<Float> {
            get { entries[r]! }
            set { entries[r] = newValue }
        }
        var pointers: SmallProducts.Pointers {
            UnsafeRawPointer(entries).assumingMemoryBound(to: UnsafePointer<Float>?.self)
        }
        var mutablePointers: SmallProducts.MutablePointers { UnsafePointer(entries) }
    }
}
