import CKernels
import Foundation

/// Trains one network on one data set: mini-batches from the chunker, backprop,
/// an optimizer step with the scheduled learning rate. Optimizer, learning rate,
/// schedule, batch size and weight decay may change between any two mini-batches
/// without touching the weights.
public final class Trainer {
    public let network: Network
    public let data: LoadedData
    public var epochs: Int
    public var weightDecay: Float
    /// The learning-rate schedule. Changed during a run, the new one starts from the
    /// current epoch and the current rate (`scheduleStart`, `scheduleBase`), so a
    /// schedule picked live never jumps back to its epoch-0 values.
    public var schedule: Schedule {
        didSet {
            guard schedule != oldValue, epoch > 0 else { return }
            scheduleBase = rate(of: oldValue, at: epoch)
            scheduleStart = epoch
        }
    }
    /// The epoch the schedule started at, and its base rate then (nil: `optimizer.lr`).
    private var scheduleStart = 0
    private var scheduleBase: Float?
    public var optimizer: OptimizerSettings {
        didSet {
            // a rate changed live scales a schedule started mid-run the same way
            if let base = scheduleBase, oldValue.lr > 0 { scheduleBase = base * optimizer.lr / oldValue.lr }
            if optimizer.kind != oldValue.kind {
                for p in parameters { p.resetState() }
                optimizerSteps = 0
            }
        }
    }
    public var batch: Preset.BatchSize {
        didSet { if batch != oldValue { rechunkRemaining() } }
    }

    public private(set) var epoch = 0
    public private(set) var step = 0
    public private(set) var history = EpochHistory()
    /// Why training stopped, when the loss or the gradients stopped being finite.
    public private(set) var divergence: String?
    public private(set) var seconds = 0.0
    /// When the run was built: time on screen counts from here, pauses included.
    public let createdAt = DispatchTime.now().uptimeNanoseconds
    /// Samples trained on so far (every sample of every mini-batch).
    public private(set) var samplesTrained = 0
    /// The losses of the last mini-batches (at most `recentCount`), oldest first.
    public var recentBatchLosses: [Double] { Array(batchLosses[recentHead...] + batchLosses[..<recentHead]) }
    /// The last mini-batch's loss (the newest of the ring), without copying the ring.
    public var lastBatchLoss: Double? {
        batchLosses.isEmpty ? nil : batchLosses[(recentHead + batchLosses.count - 1) % batchLosses.count]
    }
    public static let recentCount = 200
    /// A ring of the last `recentCount` batch losses; `recentHead` is the oldest once full.
    private var batchLosses: [Double] = []
    private var recentHead = 0
    /// Training throughput: `samplesTrained / seconds`.
    public var samplesPerSecond: Double { seconds > 0 ? Double(samplesTrained) / seconds : 0 }

    /// The schedule's planned rate over the run (every epoch, or a bounded sample of a
    /// long run's), worked out again only when the schedule, the base learning rate
    /// or the epoch count changes.
    public var plannedLearningRates: LearningRatePlan {
        let key = PlanKey(schedule: schedule, lr: optimizer.lr, epochs: epochs, start: scheduleStart, base: scheduleBase)
        if planned?.key != key {
            // before a schedule changed mid-run: the rates the run used
            let epochs = LearningRatePlan.sample(max(epochs, scheduleStart + 1))
            planned = (key, LearningRatePlan(epochs: epochs, rates: epochs.map { e in
                e < scheduleStart ? history.learningRate(atEpochIndex: e) ?? rate(of: schedule, at: e) : rate(of: schedule, at: e)
            }))
        }
        return planned!.plan
    }
    private struct PlanKey: Equatable {
        var schedule: Schedule
        var lr: Float
        var epochs: Int
        var start: Int
        var base: Float?
    }
    private var planned: (key: PlanKey, plan: LearningRatePlan)?

    /// Mini-batch index within the current epoch and the epoch's batch count.
    public var batchInEpoch: Int { plan.sizes.isEmpty || planIndex == plan.sizes.count ? 0 : planIndex }
    public var batchesInEpoch: Int {
        plan.sizes.isEmpty ? Chunker(count: data.train.count, batchSize: batchSize).batchesPerEpoch : plan.sizes.count
    }

    let parameters: [Parameter]
    private var rng: RandomSource
    /// The current epoch: sample indices (into the store) in batch order, and the batches.
    private var plan = Chunker.Plan(order: [], sizes: [], starts: [])
    private var planIndex = 0
    private var optimizerSteps = 0
    private var plateau = PlateauMonitor()
    private var workspace: Workspace
    private var evaluationWorkspace: Workspace
    /// Threads a mini-batch is split across (1: none); see `sliceCount`.
    public var threads = 1
    /// The helper threads of data-parallel mini-batches, started on first use.
    private var workers: [SliceWorker] = []
    /// The `W[l]` parameters, in layer order (what `UpdateJob` splits).
    private lazy var weightParameters = parameters.filter(\.isWeight)
    /// Slices' views of `workspace`, by first column (see `sliceView`).
    private var sliceViews: [(from: Int, view: Workspace)] = []
    private var epochLoss = 0.0, epochCorrect = 0, epochSamples = 0
    private var firstLoss: Double?
    /// Every parameter's values at the end of the last sound epoch (or the start), and
    /// the step count then: where a diverged run goes back to.
    private var sound: (values: [[Float]], step: Int)

    /// A trainer for `network` (already initialised) on `data`. `seed` fixes the
    /// mini-batch order.
    public init(network: Network, data: LoadedData, optimizer: OptimizerSettings, schedule: Schedule,
                batch: Preset.BatchSize, weightDecay: Float, epochs: Int, seed: UInt64) {
        self.network = network
        self.data = data
        self.optimizer = optimizer
        self.schedule = schedule
        self.batch = batch
        self.weightDecay = weightDecay
        self.epochs = epochs
        rng = RandomSource(seed: seed)
        parameters = network.layers.flatMap {
            [Parameter(value: $0.W, grad: $0.dW, isWeight: true), Parameter(value: $0.b, grad: $0.db, isWeight: false)]
        }
        let size = batch.resolved(count: data.train.count)
        workspace = Workspace(sizes: network.sizes, capacity: size)
        evaluationWorkspace = Workspace(sizes: network.sizes, capacity: 512)
        sound = (parameters.map(\.value.values), 0)
    }

    /// The smallest batch worth splitting (slices of at least 8 columns): measured
    /// on 784/100/10 with Adam, two threads against one, batch 16 is 1.3x faster, 32
    /// 1.5x, 128 1.9x; 784/512/512/10 at 128 1.9x (OpenBLAS's own two threads: 1.8x).
    public static let parallelMinimumBatch = 16

    /// Slices of a mini-batch of `m` columns: `threads` (at most the CPUs), but no
    /// slice under half the minimum batch.
    func sliceCount(_ m: Int) -> Int {
        let threads = min(self.threads, Self.allowedCPUs)
        guard threads > 1, m >= Self.parallelMinimumBatch else { return 1 }
        return max(1, min(threads, m / (Self.parallelMinimumBatch / 2)))
    }

    /// The CPUs the process may use: never more slices than these (a spinning
    /// worker sharing a CPU with the trainer would slow it tenfold).
    public static let allowedCPUs = Int(nn_allowed_cpus())

    /// Starts the workers for `count` extra slices.
    private func prepareWorkers(_ count: Int) {
        while workers.count < count { workers.append(SliceWorker(network: network)) }
    }

    /// The view of the workspace's columns `from..<from + count` a slice works in,
    /// made the first time a batch is split so (then kept: no allocation per step).
    private func sliceView(from: Int, count: Int) -> Workspace {
        if let v = sliceViews.first(where: { $0.from == from && $0.view.capacity == count }) { return v.view }
        let view = Workspace(columnsOf: workspace, from: from, capacity: count)
        sliceViews.append((from, view))
        return view
    }

    deinit { for w in workers { w.stop() } }

    /// Notes the current weights as sound (the end of an epoch that did not diverge).
    private func keepSound() {
        for (k, p) in parameters.enumerated() {
            sound.values[k].withUnsafeMutableBufferPointer { $0.baseAddress!.update(from: p.value.data, count: p.value.count) }
        }
        sound.step = step
    }

    /// Starts from the weights of a checkpoint: they become the sound weights a
    /// diverged run goes back to (not the seeded ones they replace).
    public func load(checkpoint path: String) throws {
        try Checkpoint.load(path: path, into: network)
        keepSound()
    }

    /// Puts the sound weights back.
    private func restoreSound() {
        for (k, p) in parameters.enumerated() {
            sound.values[k].withUnsafeBufferPointer { p.value.data.update(from: $0.baseAddress!, count: p.value.count) }
        }
    }

    /// Continues a diverged run, with whatever settings it has now, from the weights
    /// it had at the end of its last sound epoch (already restored when it diverged):
    /// the optimizer's state starts afresh and the interrupted epoch starts over.
    public func resume() {
        guard divergence != nil else { return }
        divergence = nil
        for p in parameters { p.resetState() }
        optimizerSteps = 0
        step = sound.step
        plan = Chunker.Plan(order: [], sizes: [], starts: [])
        planIndex = 0
    }

    var batchSize: Int { batch.resolved(count: data.train.count) }

    /// The learning rate the next mini-batch uses: the schedule at the current
    /// epoch, times the plateau reductions (never below `min-lr` for plateau).
    public var currentLearningRate: Float { rate(of: schedule, at: epoch) }

    /// `s`'s rate at `epoch` as this run uses it: counted from `scheduleStart` with
    /// base `scheduleBase` over the epochs left, times the plateau reductions.
    private func rate(of s: Schedule, at epoch: Int) -> Float {
        let lr = s.rate(epoch: epoch - scheduleStart, base: scheduleBase ?? optimizer.lr, epochs: epochs - scheduleStart)
        if s.kind == .plateau { return max(lr * plateau.multiplier, min(s.minLR, lr)) }
        return lr
    }

    public var isFinished: Bool { epoch >= epochs }

    /// Cuts the rest of the current epoch into batches of the new size (same order).
    private func rechunkRemaining() {
        guard planIndex < plan.sizes.count else { return }
        let rest = Array(plan.order[plan.starts[planIndex]...])
        let size = batchSize
        let starts = Array(stride(from: 0, to: rest.count, by: size))
        plan = Chunker.Plan(order: rest, sizes: starts.map { min(size, rest.count - $0) }, starts: starts)
        planIndex = 0
    }

    /// Runs one mini-batch; returns the epoch's record when it completes an epoch.
    @discardableResult
    public func trainMiniBatch() -> EpochRecord? {
        guard divergence == nil else { return nil }
        // per-thread state: set for this mini-batch on whichever thread trains, and put
        // back after it, so the caller's thread keeps its own floating-point mode
        let floatMode = nn_flush_denormals()
        defer { nn_restore_float_mode(floatMode) }
        let start = DispatchTime.now().uptimeNanoseconds
        if planIndex >= plan.sizes.count {
            let m = data.train.count
            if batchSize >= m {
                // full batch: the gradient is the mean over all samples, so the order
                // is irrelevant; keeping it fixed makes the trajectory bit-identical
                // for any seed (it depends on weights, data and hyperparameters only).
                plan = Chunker.Plan(order: data.train.indices, sizes: [m], starts: [0])
            } else {
                plan = Chunker(count: m, batchSize: batchSize).plan(rng: &rng)
                let indices = data.train.indices
                for k in plan.order.indices { plan.order[k] = indices[plan.order[k]] }
            }
            planIndex = 0
            epochLoss = 0; epochCorrect = 0; epochSamples = 0
        }
        let first = plan.starts[planIndex]
        let indices = plan.order[first..<(first + plan.sizes[planIndex])]
        if indices.count > workspace.capacity {
            workspace = Workspace(sizes: network.sizes, capacity: max(indices.count, batchSize))
            sliceViews = []
        }
        let ws = workspace
        let m = indices.count, slices = sliceCount(m)
        ws.setBatch(m)
        var costSum: Double
        if slices > 1 {
            // data-parallel: the first slice here, the others on the workers, at once,
            // each in its columns of the batch's workspace
            let size = m / slices, ownCount = m - (slices - 1) * size
            prepareWorkers(slices - 1)
            for (k, w) in workers.prefix(slices - 1).enumerated() {
                let column = ownCount + k * size
                w.begin(store: data.store, order: plan.order, range: (first + column)..<(first + column + size),
                        workspace: sliceView(from: column, count: size))
            }
            let mine = sliceView(from: 0, count: ownCount)
            mine.setBatch(ownCount)
            data.store.gather(indices.prefix(ownCount), into: mine.X, targets: mine.T)
            network.forward(mine)
            costSum = network.costSum(mine)
            network.propagateDeltas(mine)
            for w in workers.prefix(slices - 1) { w.finish(); costSum += w.costSum }
        } else {
            data.store.gather(indices, into: ws.X, targets: ws.T)
            network.forward(ws)
            costSum = network.costSum(ws)
        }
        let loss = costSum / Double(max(m, 1))
        let lr = currentLearningRate
        if firstLoss == nil { firstLoss = loss }
        func addElapsed() { seconds += Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9 }
        /// Stops the run before the bad step is applied, saying what happened and what to try.
        func diverge(_ what: String) -> EpochRecord? {
            // the steps before this one may already have ruined the weights: back to
            // the end of the last sound epoch
            restoreSound()
            divergence = "\(what) at epoch \(epoch + 1), mini-batch \(planIndex + 1) (lr \(String(format: "%g", lr))); "
                + "the weights are back to \(epoch == 0 ? "their start" : "the end of epoch \(epoch)")"
            addElapsed()
            return nil
        }
        // diverged: the loss is NaN/Inf, or exploded to 1000x its first value (at least 1000)
        if !loss.isFinite || loss > 1000 * max(firstLoss ?? 1, 1) {
            return diverge("the loss became \(loss.isFinite ? String(format: "%.3g", loss) : "\(loss)")")
        }
        if slices > 1 {
            // the biases' gradients here; the weights' in blocks by the update jobs
            for (l, layer) in network.layers.enumerated() { layer.biasGradient(delta: ws.delta[l + 1]) }
        } else {
            network.backward(ws)
        }
        if !gradientsAreFinite() { return diverge("the gradients stopped being finite") }
        optimizerSteps += 1
        let rule = Optimizer(optimizer)
        if slices > 1 {
            // the weights' gradients and steps in blocks, one per thread; biases here
            for p in parameters { rule.prepareState(p) }
            let used = workers.prefix(slices - 1)
            func job(_ part: Int) -> UpdateJob {
                UpdateJob(part: part, parts: slices, layers: network.layers, weights: weightParameters, batch: ws,
                          rule: rule, lr: lr, weightDecay: weightDecay, t: optimizerSteps)
            }
            for (k, w) in used.enumerated() { w.begin(job(k + 1)) }
            job(0).run()
            for w in used { w.finish() }
            for p in parameters where !p.isWeight { rule.step(p, lr: lr, weightDecay: weightDecay, t: optimizerSteps) }
        } else {
            for p in parameters { rule.step(p, lr: lr, weightDecay: weightDecay, t: optimizerSteps) }
        }
        if batchLosses.count < Self.recentCount {
            batchLosses.append(loss)
        } else {
            batchLosses[recentHead] = loss
            recentHead = (recentHead + 1) % Self.recentCount
        }
        epochLoss += loss * Double(indices.count)
        epochCorrect += network.output.correctCount(y: ws.Y, t: ws.T)
        epochSamples += indices.count
        samplesTrained += indices.count
        planIndex += 1
        step += 1
        guard planIndex == plan.sizes.count else {
            addElapsed()
            return nil
        }
        // the epoch is complete: statistics of its last batch, validation, the record
        let stats = layerStatistics(ws)
        epoch += 1
        let validation = data.validation.isEmpty ? nil : evaluate(data.validation)
        addElapsed()
        let record = EpochRecord(
            epoch: epoch, step: step, lr: lr,
            trainLoss: epochLoss / Double(max(epochSamples, 1)),
            trainAccuracy: network.output.isClassification ? Double(epochCorrect) / Double(max(epochSamples, 1)) : nil,
            validationLoss: validation?.loss, validationAccuracy: validation?.accuracy,
            seconds: seconds, layers: stats)
        plateau.record(record.monitoredLoss, schedule: schedule)
        history.append(record)
        keepSound()
        return record
    }

    /// Runs mini-batches until the current epoch completes (or training diverges).
    @discardableResult
    public func trainEpoch() -> EpochRecord? {
        while divergence == nil {
            if let r = trainMiniBatch() { return r }
        }
        return nil
    }

    /// Whether this step's gradients are finite. It suffices to check `dC/db[l]`:
    /// a non-finite entry of `dC/dW[l] = (1/m) delta[l] A[l-1]^T` needs a non-finite
    /// `delta[l]`, which makes `dC/db[l] = (1/m) delta[l] 1` non-finite too, or a
    /// non-finite activation in `A[l-1]`, which already made the loss non-finite.
    private func gradientsAreFinite() -> Bool {
        for layer in network.layers {
            var s: Float = 0
            for i in 0..<layer.db.count { s += layer.db.data[i] }
            if !s.isFinite { return false }
        }
        return true
    }

    private func layerStatistics(_ ws: Workspace) -> [LayerStatistics] {
        let m = Double(max(ws.T.cols, 1))
        return network.layers.enumerated().map { (k, layer) in
            LayerStatistics(deltaNorm: ws.delta[k + 1].norm() / m.squareRoot(), gradientNorm: layer.dW.norm(), weightNorm: layer.W.norm())
        }
    }

    /// Loss and (classification) accuracy of the network on `d`, in chunks of at
    /// most 512 samples.
    public func evaluate(_ d: Dataset) -> Evaluation {
        let ws = evaluationWorkspace
        var total = 0.0, correct = 0
        var start = 0
        while start < d.count {
            let end = min(start + ws.capacity, d.count)
            ws.setBatch(end - start)
            d.store.gather(d.indices[start..<end], into: ws.X, targets: ws.T)
            network.forward(ws)
            total += network.cost.sum(z: ws.Z[network.depth], y: ws.Y, t: ws.T)
            correct += network.output.correctCount(y: ws.Y, t: ws.T)
            start = end
        }
        let n = Double(max(d.count, 1))
        return Evaluation(loss: total / n,
                          accuracy: network.output.isClassification ? Double(correct) / n : nil)
    }

    /// Outputs `Y` for raw (unscaled) inputs, one row per input vector: the
    /// dashboard's decision boundary and fit curves.
    public func predict(raw inputs: [[Float]]) -> [[Float]] {
        let ws = evaluationWorkspace
        let store = data.store
        var out: [[Float]] = []
        out.reserveCapacity(inputs.count)
        var start = 0
        while start < inputs.count {
            let end = min(start + ws.capacity, inputs.count)
            ws.setBatch(end - start)
            for (j, x) in inputs[start..<end].enumerated() { store.scale(raw: x, into: ws.X.column(j)) }
            network.forward(ws)
            for j in 0..<(end - start) { out.append(Array(UnsafeBufferPointer(start: ws.Y.column(j), count: ws.Y.rows))) }
            start = end
        }
        return out
    }
}
