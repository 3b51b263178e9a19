import NNEngine
import NNFiles
import Foundation
import Dispatch
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
    /// Noted by `stop` and by a `.cancelLearningRateTest` sent: the learning-rate test
    /// polls it between mini-batches (the engine is busy until it returns, so the
    /// intent itself would wait for it).
    private let finderStop = Interrupt()
    /// Writes the files the engine asks for (`FileWrite`), in order, off its queue.
    private let files = DispatchQueue(label: "nntui.files")

    /// A session on already-loaded data, paused or running once started; `w` and `p`
    /// write into `outputFolder`. Throws what building the run throws.
    /// `startWeights`: a checkpoint the run starts from (and resets to) instead of its seed.
    public init(preset: Preset, data: sending LoadedData, paused: Bool = false, outputFolder: String = ".",
                startWeights: String? = nil) throws {
        let engine = try SessionEngine(preset: preset, data: data, paused: paused, outputFolder: outputFolder, startWeights: startWeights,
                                       finderStop: finderStop)
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
        finderStop.note(SIGTERM)
        mailbox.withLock { $0.stop = true }
        wake.signal()
        done.wait()
        files.sync {}  // a file asked for just before quitting is still written
    }

    /// Queues intents; the engine applies them in order before its next mini-batch.
    public func send(_ intents: [Intent]) {
        guard !intents.isEmpty else { return }
        if intents.contains(where: { if case .cancelLearningRateTest = $0 { true } else { false } }) { finderStop.note(SIGINT) }
        mailbox.withLock { $0.intents += intents }
        wake.signal()
    }

    /// The latest published snapshot.
    public var snapshot: Snapshot { latest.withLock { $0 } }

    private func loop() {
        while true {
            let (intents, stopping) = mailbox.withLock { box in
                defer { box.intents = [] }
                return (box.intents, box.stop)
            }
            if stopping { break }
            let (pause, writes): (Double?, [FileWrite]) = engine.withLock { engine in
                let pause = engine.advance(applying: intents)
                if let s = engine.publication() { latest.withLock { $0 = s } }
                return (pause, engine.takeWrites())
            }
            for w in writes { files.async { [self] in send([w.perform()]) } }
            if let pause { _ = wake.wait(timeout: .now() + pause) }
        }
        done.signal()
    }
}
