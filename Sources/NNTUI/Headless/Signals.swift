#if canImport(Glibc)
import Glibc
#endif

/// SIGINT/SIGTERM noted in a flag that training loops poll between mini-batches
/// (nothing but an assignment happens in the handler).
public enum SignalFlag {
    nonisolated(unsafe) static var received: Int32 = 0

    public static func install() {
        signal(SIGINT) { SignalFlag.received = $0 }
        signal(SIGTERM) { SignalFlag.received = $0 }
        // a parent may have left these blocked; this thread must see them (and
        // SIGWINCH, which curses handles)
        var set = sigset_t()
        sigemptyset(&set)
        for s in [SIGINT, SIGTERM, SIGWINCH] { sigaddset(&set, s) }
        pthread_sigmask(SIG_UNBLOCK, &set, nil)
    }
    /// The signal received, or 0.
    public static var pending: Int32 { received }
    /// The conventional exit code for a signal: 128 + its number (130 for SIGINT, 143 for SIGTERM).
    public static var exitCode: Int32 { 128 + received }
}
