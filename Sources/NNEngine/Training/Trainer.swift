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
    /// The cost's penalty on the weights (applies at the next mini-batch).
    public var regularization = Regularization()
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
    public private(set) var divergence: Divergence?
    public private(set) var seconds = 0.0
    /// When the run was built: time on screen counts from here, pauses included.
    public let createdAt = DispatchTime.now().uptimeNanoseconds
    /// Samples trained on so far (every sample of every mini-batch).
    public private(set) var samplesTrained = 0
    /// The losses of the last mini-batches (at most `recentCount`), oldest first.
    public var recentBatchLosses: [Double] { batchLosses.elements }
    /// The last mini-batch's loss, without copying the ring.
    public var lastBatchLoss: Double? { batchLosses.last }
    public static let recentCount = 200
    private var batchLosses = RingBuffer<Double>(capacity: Trainer.recentCount)
    /// Training throughput: `samplesTrained / seconds`.
    public var samplesPerSecond: Double { seconds > 0 ? Double(samplesTrained) / seconds : 0 }

    /// The schedule's planned rate over the run (every epoch, or a bounded sample of a
    /// long run's), worked out again only when the schedule, the base learning rate
    /// or the epoch count changes.
    public var plannedLearningRates: LearningRatePlan {
        let key = PlanKey(
            schedule: schedule, lr: optimizer.lr, epochs: epochs, start: scheduleStart, base: scheduleBase)
        if planned?.key != key {
            // before a schedule changed mid-run: the rates the run used
            let epochs = LearningRatePlan.sample(max(epochs, scheduleStart + 1))
            planned = (
                key,
                LearningRatePlan(
                    epochs: epochs,
                    rates: epochs.map { e in
                        e < scheduleStart
                            ? history.learningRate(atEpochIndex: e) ?? rate(of: schedule, at: e)
                            : rate(of: schedule, at: e)
                    })
            )
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
    /// The gradient of a mini-batch on this thread, or split across threads.
    private lazy var serial = SerialPass(network: network, parameters: parameters)
    private lazy var parallel = DataParallelPass(network: network, parameters: parameters)
    private var epochLoss = 0.0, epochCorrect = 0, epochSamples = 0
    private var firstLoss: Double?
    /// Every parameter's values at the end of the last sound epoch (or the start), and
    /// the step count then: where a diverged run goes back to.
    private var sound: (values: [[Float]], step: Int)

    /// A trainer for `network` (already initialised) on `data`. `seed` fixes the
    /// mini-batch order.
    public init(
        network: Network, data: LoadedData, optimizer: OptimizerSettings, schedule: Schedule,
        batch: Preset.BatchSize, weightDecay: Float, epochs: Int, seed: UInt64
    ) {
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
    package func sliceCount(_ m: Int) -> Int {
        let threads = min(self.threads, Self.allowedCPUs)
        guard threads > 1, m >= Self.parallelMinimumBatch else { return 1 }
        return max(1, min(threads, m / (Self.parallelMinimumBatch / 2)))
    }

    /// The CPUs the process may use: never more slices than these (a spinning
    /// worker sharing a CPU with the trainer would slow it tenfold).
    public static let allowedCPUs = Int(nn_allowed_cpus())

    /// Notes the current weights as sound (the end of an epoch that did not diverge).
    package func keepSound() {
        for (k, p) in parameters.enumerated() {
            sound.values[k].withUnsafeMutableBufferPointer {
                $0.baseAddress!.update(from: p.value.data, count: p.value.count)
            }
        }
        sound.step = step
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

    package var batchSize: Int { batch.resolved(count: data.train.count) }

    /// The learning rate the next mini-batch uses: the schedule at the current
    /// epoch, times the plateau reductions (never below `min-lr` for plateau).
    public var currentLearningRate: Float { rate(of: schedule, at: epoch) }

    /// `s`'s rate at `epoch` as this run uses it: counted from `scheduleStart` with
    /// base `scheduleBase` over the epochs left, times the plateau reductions.
    private func rate(of s: Schedule, at epoch: Int) -> Float {
        let lr = s.rate(
            epoch: epoch - scheduleStart, base: scheduleBase ?? optimizer.lr, epochs: epochs - scheduleStart)
        if s.kind == .plateau { return max(lr * plateau.multiplier, min(s.minLR, lr)) }
        return lr
    }

    public var isFinished: Bool { epoch >= epochs }
    /// Whether the run can still train: neither finished nor diverged.
    public var canTrain: Bool { !isFinished && divergence == nil }

    /// Trains epoch after epoch until the run has finished or diverged, or `stop`
    /// says so (asked before each epoch).
    public func trainToEnd(stop: () -> Bool = { false }) {
        while canTrain && !stop() { trainEpoch() }
    }

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
        let ws = beginMiniBatch()
        let m = ws.T.cols, first = plan.starts[planIndex]
        let slices = sliceCount(m)
        let pass: GradientPass
        if slices > 1 { parallel.slices = slices; pass = parallel } else { pass = serial }
        let costSum = pass.forward(data.store, order: plan.order, range: first..<(first + m), in: ws)
        guard acceptLoss(costSum: costSum, batch: m) else { return nil }
        pass.backward(ws)
        return completeMiniBatch(stepping: pass, batch: ws)
    }

    /// When the mini-batch under way started (its time counts in `seconds`; nil: a
    /// stack times its batches and gives each run its share), and its rate.
    private var batchStart: UInt64?
    private var batchRate: Float = 0

    /// The first part of a mini-batch: a new epoch's plan when one starts, and the
    /// batch's buffers sized to its `m` columns (returned). The caller runs the
    /// forward pass on them (`SerialPass.forward` or a `RunStack`'s, which times the
    /// batch itself: `timed` false).
    func beginMiniBatch(timed: Bool = true) -> Workspace {
        batchStart = timed ? DispatchTime.now().uptimeNanoseconds : nil
        if planIndex >= plan.sizes.count { startEpoch() }
        let m = plan.sizes[planIndex]
        if m > workspace.capacity { workspace = Workspace(sizes: network.sizes, capacity: max(m, batchSize)) }
        workspace.setBatch(m)
        return workspace
    }

    /// The samples of the mini-batch under way, as indices into the store.
    var batchOrder: ArraySlice<Int> {
        let first = plan.starts[planIndex]
        return plan.order[first..<(first + plan.sizes[planIndex])]
    }

    /// After the forward pass: the batch's mean cost `costSum / m`, plus the weights'
    /// penalty where regularized. False when the run diverged on it (the loss is NaN or
    /// infinite, or exploded to 1000x its first value, at least 1000): then the
    /// weights are back at the last sound epoch and the batch ends here.
    func acceptLoss(costSum: Double, batch m: Int) -> Bool {
        let loss = costSum / Double(max(m, 1)) + regularization.penalty(network)
        batchRate = currentLearningRate
        if firstLoss == nil { firstLoss = loss }
        batchLoss = loss
        if !loss.isFinite || loss > 1000 * max(firstLoss ?? 1, 1) {
            diverge(.loss(loss))
            return false
        }
        return true
    }
    private var batchLoss = 0.0

    /// Stops the run before the bad step is applied: the steps before this one may
    /// already have ruined the weights, so they go back to the last sound epoch.
    private func diverge(_ cause: Divergence.Cause) {
        restoreSound()
        divergence = Divergence(cause: cause, epoch: epoch + 1, batch: planIndex + 1, lr: batchRate)
        addElapsed()
    }

    private func addElapsed() {
        guard let batchStart else { return }
        seconds += Double(DispatchTime.now().uptimeNanoseconds - batchStart) / 1e9
    }

    /// A stack's mini-batch took `share` seconds of this run's training.
    func addStackTime(_ share: Double) { seconds += share }

    /// The last part of a mini-batch, after the backward pass: the optimizer's step
    /// (by `pass`; the gradients must be finite), the batch's statistics, and at the
    /// end of an epoch its validation and record (returned).
    func completeMiniBatch(stepping pass: GradientPass? = nil, batch ws: Workspace) -> EpochRecord? {
        if !gradientsAreFinite() {
            diverge(.gradients)
            return nil
        }
        let m = ws.T.cols, lr = batchRate
        optimizerSteps += 1
        (pass ?? serial).step(
            Optimizer(optimizer, regularization: regularization), lr: lr, weightDecay: weightDecay, t: optimizerSteps,
            batch: ws)
        batchLosses.append(batchLoss)
        epochLoss += batchLoss * Double(m)
        epochCorrect += network.output.correctCount(y: ws.Y, t: ws.T)
        epochSamples += m
        samplesTrained += m
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
        return finishEpoch(lr: lr, validation: validation, layers: stats)
    }

    /// A new epoch's plan: the chunker's shuffled mini-batches of the training split, or
    /// (full batch) the split in its own order, the same for any seed: the gradient is
    /// the mean over all samples, so the trajectory depends on the weights, the data and
    /// the hyperparameters only.
    private func startEpoch() {
        let m = data.train.count
        if batchSize >= m {
            plan = Chunker.Plan(order: data.train.indices, sizes: [m], starts: [0])
        } else {
            plan = Chunker(count: m, batchSize: batchSize).plan(rng: &rng)
            let indices = data.train.indices
            for k in plan.order.indices { plan.order[k] = indices[plan.order[k]] }
        }
        planIndex = 0
        epochLoss = 0; epochCorrect = 0; epochSamples = 0
    }

    /// The completed epoch's record (mean training loss weighted by batch size, the
    /// share classified right, validation), kept in the history; its weights are sound.
    private func finishEpoch(lr: Float, validation: Evaluation?, layers: [LayerStatistics]) -> EpochRecord {
        let record = EpochRecord(
            epoch: epoch, step: step, lr: lr,
            trainLoss: epochLoss / Double(max(epochSamples, 1)),
            trainAccuracy: network.output.isClassification ? Double(epochCorrect) / Double(max(epochSamples, 1)) : nil,
            validationLoss: validation?.loss, validationAccuracy: validation?.accuracy,
            seconds: seconds, layers: layers)
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
            LayerStatistics(
                deltaNorm: ws.delta[k + 1].norm() / m.squareRoot(), gradientNorm: layer.dW.norm(),
                weightNorm: layer.W.norm())
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
        return Evaluation(
            loss: total / n,
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
            for j in 0..<(end - start) {
                out.append(Array(UnsafeBufferPointer(start: ws.Y.column(j), count: ws.Y.rows)))
            }
            start = end
        }
        return out
    }
}
