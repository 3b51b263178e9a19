import CBLAS
import CKernels
import Foundation
import Synchronization

/// A thread of its own that runs one slice of a data-parallel mini-batch: gathers its
/// columns, runs forward and backward with single-threaded BLAS into its own
/// workspace and gradient buffers (scaled by the whole batch's `1/m`), and counts
/// its cost and correct predictions. The trainer's thread runs the first slice
/// meanwhile, then adds every worker's gradients into the network's own.
///
/// The one type in the engine that crosses threads by hand (`@unchecked Sendable`):
/// the trainer writes a job, then signals `start`; the worker reads it only after
/// `start.wait()`, writes its results, then signals `done`; the trainer reads them
/// only after `done.wait()`. The semaphores order every access; the weights are
/// only read while a job runs. Nothing is allocated per job. Each side first spins
/// up to 2 ms on a job counter (a mini-batch takes a few hundred microseconds, and a
/// futex wake-up costs ~50 µs here), so the semaphore waits rarely sleep.
final class SliceWorker: @unchecked Sendable {
    let workspace: Workspace
    let gradients: GradientBuffers
    private(set) var costSum = 0.0
    private(set) var correct = 0

    private let network: Network
    private let start = DispatchSemaphore(value: 0)
    private let done = DispatchSemaphore(value: 0)
    private var store: SampleStore?
    private var order: [Int] = []
    private var range = 0..<0
    private var samples = 0
    private var stopping = false
    /// The update job: this worker's part of every weight matrix's step.
    private var update: UpdateJob?
    /// Jobs begun and finished: what the spinning sides watch.
    private let begun = Atomic<Int>(0)
    private let finished = Atomic<Int>(0)
    /// Nanoseconds a side spins before sleeping on its semaphore: longer than the
    /// serial work between two mini-batches.
    static let spinNanoseconds: UInt64 = 2_000_000

    /// A worker for `network` with room for slices of `capacity` columns.
    init(network: Network, capacity: Int) {
        self.network = network
        workspace = Workspace(sizes: network.sizes, capacity: capacity)
        gradients = GradientBuffers(network)
        let thread = Thread { [self] in loop() }
        thread.name = "nntui slice worker"
        thread.start()
    }

    /// Starts the slice `order[range]` of a batch of `samples` columns.
    func begin(store: SampleStore, order: [Int], range: Range<Int>, samples: Int) {
        self.store = store
        self.order = order
        self.range = range
        self.samples = samples
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

    /// Spins until `ready` or `spinNanoseconds` pass (the clock read every 1024 tries).
    @inline(__always) static func spin(_ ready: () -> Bool) {
        let deadline = DispatchTime.now().uptimeNanoseconds + spinNanoseconds
        var n = 0
        while !ready() {
            n += 1
            if n & 1023 == 0 && DispatchTime.now().uptimeNanoseconds > deadline { return }
        }
    }

    private func loop() {
        nn_flush_denormals()
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
            let ws = workspace
            ws.setBatch(range.count)
            store!.gather(order[range], into: ws.X, targets: ws.T)
            network.forward(ws)
            costSum = network.costSum(ws)
            network.backward(ws, samples: samples, gradients: gradients)
            correct = network.output.correctCount(y: ws.Y, t: ws.T)
            finished.add(1, ordering: .releasing)
            done.signal()
        }
    }
}

/// One thread's part of a data-parallel optimizer step: for every weight matrix, the
/// elements `[n part / parts, n (part + 1) / parts)`: the other slices' gradients
/// added in (`dW += dW'`), then the optimizer's elementwise rule on that range.
struct UpdateJob {
    let part: Int, parts: Int
    let weights: [Parameter]
    /// The gradient buffers of the slices run on workers, in use this step.
    let sources: ArraySlice<SliceWorker>
    let rule: Optimizer
    let lr: Float, weightDecay: Float, t: Int

    func run() {
        for (k, p) in weights.enumerated() {
            let n = p.count, lo = n * part / parts, hi = n * (part + 1) / parts
            guard hi > lo else { continue }
            for w in sources { cblas_saxpy(Int32(hi - lo), 1, w.gradients.dW[k].data + lo, 1, p.grad.data + lo, 1) }
            rule.step(p, lr: lr, weightDecay: weightDecay, t: t, range: lo..<hi)
        }
    }
}
