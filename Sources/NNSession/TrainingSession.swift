import Dispatch
import Foundation
import NNEngine
import NNFiles
import Synchronization

/// Runs the engine on a background Dispatch queue: the UI thread sends intents and
/// reads the latest snapshot, and is never blocked by training. Three locks, each
/// with one job: the mailbox (intents waiting, stop), the published snapshot, and
/// the engine itself, which only the engine queue ever locks (`Mutex` hands the
/// non-Sendable engine across threads with the compiler's checking intact).
public final class TrainingSession: Sendable {
    /// Speed limits in epochs a second; 0 is full speed.
    public static let speeds: [Double] = [0, 100, 30, 10, 3, 1]

    private struct Mailbox {
        var intents: [Intent] = []
        var stop = false
    }
    private let mailbox = Mutex(Mailbox())
    private let latest: Mutex<Snapshot>
    private let engine: Mutex<SessionEngine>
    private let wake = DispatchSemaphore(value: 0)
    private let done = DispatchSemaphore(value: 0)
    private let queue = DispatchQueue(label: "nntui.engine", qos: .userInitiated)
    /// Performs the engine's effects off its queue: files in order on one queue, the
    /// learning-rate test and the gradient check on another.
    private let files = DispatchQueue(label: "nntui.files")
    private let work = DispatchQueue(label: "nntui.work", qos: .userInitiated)
    /// The cancellation of each kind of effect under way (`Effect.cancel`, `stop`).
    private let underWay = Mutex([Effect.Kind: Cancellation]())

    /// A session on already-loaded data, paused or running once started; `w` and `p`
    /// write into `outputFolder`. Throws what building the run throws.
    /// `startWeights`: a checkpoint the run starts from (and resets to) instead of its seed.
    public init(
        preset: Preset, data: sending LoadedData, paused: Bool = false, outputFolder: String = ".",
        startWeights: String? = nil
    ) throws {
        let engine = try SessionEngine(
            preset: preset, data: data, paused: paused, outputFolder: outputFolder,
            startWeights: startWeights)
        latest = Mutex(engine.snapshot())
        self.engine = Mutex(engine)
    }

    /// Starts the engine loop.
    public func start() {
        queue.async { [self] in loop() }
    }

    /// Stops the engine loop and waits for it (at most a mini-batch, also when the
    /// learning-rate finder is running).
    public func stop() {
        // the test and the check are dropped; a file asked for just before quitting is still written
        underWay.withLock { for (kind, c) in $0 where kind != .file { c.cancel() } }
        mailbox.withLock { $0.stop = true }
        wake.signal()
        done.wait()
        work.sync {}
        files.sync {}
    }

    /// Queues intents; the engine applies them in order before its next mini-batch.
    public func send(_ intents: [Intent]) {
        guard !intents.isEmpty else { return }
        mailbox.withLock { $0.intents += intents }
        wake.signal()
    }

    /// The latest published snapshot.
    public var snapshot: Snapshot { latest.withLock { $0 } }

    /// Starts an effect with a cancellation of its own (a newer one of its kind takes
    /// its place in `underWay`), or cancels the kind; its result comes back as an intent.
    private func run(_ effect: Effect) {
        if case .cancel(let kind) = effect {
            underWay.withLock { $0.removeValue(forKey: kind)?.cancel() }
            return
        }
        let cancellation = Cancellation()
        underWay.withLock { $0[effect.kind] = cancellation }
        (effect.kind == .file ? files : work).async { [self] in
            if let result = effect.perform(cancellation) { send([result]) }
        }
    }

    private func loop() {
        while true {
            let (intents, stopping) = mailbox.withLock { box in
                defer { box.intents = [] }
                return (box.intents, box.stop)
            }
            if stopping { break }
            let (pause, effects): (Double?, [Effect]) = engine.withLock { engine in
                let pause = engine.advance(applying: intents)
                if let s = engine.publication() { latest.withLock { $0 = s } }
                return (pause, engine.takeEffects())
            }
            for e in effects { run(e) }
            if let pause { _ = wake.wait(timeout: .now() + pause) }
        }
        done.signal()
    }
}
