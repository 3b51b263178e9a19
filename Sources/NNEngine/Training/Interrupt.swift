import Foundation
import Synchronization

/// A request to stop that a signal handler notes and training loops poll between
/// mini-batches. The process decides which signals note it (the `nntui` executable
/// installs the handlers); the library only reads it. An atomic, so a handler may
/// write it while another thread reads.
public final class Interrupt: Sendable {
    private let signal = Atomic<Int32>(0)

    public init() {}

    /// Notes signal `number` (async-signal-safe: one atomic store).
    public func note(_ number: Int32) { signal.store(number, ordering: .relaxed) }

    /// Forgets the request (for a token that cancels one piece of work at a time).
    public func clear() { signal.store(0, ordering: .relaxed) }

    /// The signal received, or 0.
    public var received: Int32 { signal.load(ordering: .relaxed) }
    public var isRequested: Bool { received != 0 }
    /// A signal's name for messages: `SIGINT`, `SIGPIPE`, …
    public static func name(of signal: Int32) -> String {
        switch signal {
        case SIGINT: "SIGINT"
        case SIGTERM: "SIGTERM"
        case SIGHUP: "SIGHUP"
        case SIGPIPE: "SIGPIPE"
        default: "signal \(signal)"
        }
    }

    /// The conventional exit code for the signal: 128 + its number (130 for SIGINT, 143 for SIGTERM).
    public var exitCode: Int32 { 128 + received }
}
