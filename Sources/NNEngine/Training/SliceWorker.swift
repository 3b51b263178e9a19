import CKernels
import Foundation
import Synchronization

/// A thread of its own that runs one slice of a data-parallel mini-batch: gathers its
/// columns, runs forward and the backward pass's deltas with single-threaded BLAS
/// into its columns of the batch's workspace (a `Workspace(columnsOf:)` view), and
/// sums its cost; the trainer's thread runs the first slice meanwhile. Then, as an
/// `UpdateJob`, its block of every weight gradient (over all the batch's columns)
/// and that block's optimizer step.
///
/// The one type in the engine that crosses threads by hand (`@unchecked Sendable`):
/// the trainer writes a job, then signals `start`; the worker reads it only after
/// `start.wait()`, writes its results, then signals `done`; the trainer reads them
/// only after `done.wait()`. The semaphores order every access; the weights are
/// only read while a job runs. Nothing is allocated per job. Each side first spins
/// up to 2 ms on a job counter (a mini-batch takes a few hundred microseconds, and a
/// futex wake-up costs ~50 µs here), so the semaphore waits rarely sleep; the spin
/// yields the CPU every 1024 tries, so when another process takes one of two cores
/// the side that waits lets the side that works run (a batch-32 epoch with a busy
/// loop on the other core: 1.78 s without the yield, 0.27 s with it, 0.24 s on one
/// thread).
final class SliceWorker: @unchecked Sendable {
    private(set) var costSum = 0.0

    private let network: Network
    private let start = DispatchSemaphore(value: 0)
    private let done = DispatchSemaphore(value: 0)
    private var store: SampleStore?
    private var workspace: Workspace?
    private var order: [Int] = []
    private var range = 0..<0
    private var stopping = false
    /// The update job: this worker's part of every weight matrix's step.
    private var update: UpdateJob?
    /// Jobs begun and finished: what the spinning sides watch.
    private let begun = Atomic<Int>(0)
    private let finished = Atomic<Int>(0)
    /// Nanoseconds a side spins before sleeping on its semaphore: longer than the
    /// serial work between two mini-batches.
    static let spinNanoseconds: UInt64 = 2_000_000

    /// A worker for `network`.
    init(network: Network) {
        self.network = network
        let thread = Thread { [self] in loop() }
        thread.name = "nntui slice worker"
        thread.start()
    }

    /// Starts the slice `order[range]` of a batch, in `workspace` (its columns of the batch's).
    func begin(store: SampleStore, order: [Int], range: Range<Int>, workspace: Workspace) {
        self.store = store
        self.order = order
        self.range = range
        self.workspace = workspace
        update = nil
        begun.add(1, ordering: .releasing)
        start.signal()
    }

    /// Starts `job` (its part of the optimizer step).
    func begin(_ job: UpdateJob) {
        update = job
        begun.add(1, ordering: .releasing)
        start.signal()
    }

    /// Waits until the slice (or update) is done.
    func finish() {
        let target = begun.load(ordering: .relaxed)
        Self.spin { finished.load(ordering: .acquiring) == target }
        done.wait()
    }

    /// Ends the thread (the trainer's `deinit`).
    func stop() {
        stopping = true
        begun.add(1, ordering: .releasing)
        start.signal()
    }

    /// Spins until `ready` or `spinNanoseconds` pass (the clock read and the CPU
    /// yielded every 1024 tries).
    @inline(__always) static func spin(_ ready: () -> Bool) {
        let deadline = DispatchTime.now().uptimeNanoseconds + spinNanoseconds
        var n = 0
        while !ready() {
            n += 1
            if n & 1023 == 0 {
                if DispatchTime.now().uptimeNanoseconds > deadline { return }
                sched_yield()
            }
        }
    }

    private func loop() {
        _ = nn_flush_denormals()  // the worker's own thread, for its whole life
        var jobs = 0
        while true {
            Self.spin { begun.load(ordering: .acquiring) > jobs }
            start.wait()
            jobs += 1
            if stopping { return }
            if let job = update {
                job.run()
                update = nil
                finished.add(1, ordering: .releasing)
                done.signal()
                continue
            }
            let ws = workspace!
            ws.setBatch(range.count)
            store!.gather(order[range], into: ws.X, targets: ws.T)
            network.forward(ws)
            costSum = network.costSum(ws)
            network.propagateDeltas(ws)
            finished.add(1, ordering: .releasing)
            done.signal()
        }
    }
}

/// One thread's part of a data-parallel optimizer step: for every layer, the columns
/// `[N_(l-1) part / parts, N_(l-1) (part + 1) / parts)` of its weight gradient
/// `dC/dW[l] = (1/m) delta[l] A[l-1]^T` over the whole batch (one GEMM over every
/// slice's columns; the block is contiguous in memory), then the optimizer's
/// elementwise rule on those elements while they are in this core's cache.
struct UpdateJob {
    let part: Int, parts: Int
    let layers: [DenseLayer]
    /// `W[l]` of each layer, as the optimizer steps it.
    let weights: [Parameter]
    /// The batch's workspace: every slice's columns.
    let batch: Workspace
    let rule: Optimizer
    let lr: Float, weightDecay: Float, t: Int

    func run() {
        for (k, (layer, p)) in zip(layers, weights).enumerated() {
            let columns = (layer.inputs * part / parts)..<(layer.inputs * (part + 1) / parts)
            guard !columns.isEmpty else { continue }
            layer.weightGradient(columns: columns, delta: batch.delta[k + 1], input: batch.A[k])
            rule.step(
                p, lr: lr, weightDecay: weightDecay, t: t,
                range: (columns.lowerBound * layer.outputs)..<(columns.upperBound * layer.outputs))
        }
    }
}
