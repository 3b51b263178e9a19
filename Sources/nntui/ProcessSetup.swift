import Foundation
import NNEngine
import NNFiles
import NNSession

/// The one interrupt of this process: SIGINT, SIGTERM, SIGHUP and SIGPIPE note it, the runners poll it.
let processInterrupt = Interrupt()

/// What the process sets up before any command runs: the only place with
/// process-wide side effects (re-executing itself, BLAS threads, signal handlers).
enum ProcessSetup {
    /// Re-executes this process once with the OpenBLAS kernel the CPU deserves
    /// (`BLASKernel.preferred`); returns when there is none or the exec fails.
    static func selectFastBLASKernel() {
        guard
            let kernel = BLASKernel.preferred(
                cpuFlags: BLASKernel.cpuFlags(), current: BLASKernel.name,
                environment: ProcessInfo.processInfo.environment)
        else { return }
        setenv("OPENBLAS_CORETYPE", kernel, 1)
        setenv(BLASKernel.guardVariable, "1", 1)
        #if os(Linux)
            execv("/proc/self/exe", CommandLine.unsafeArgv)
        #endif
    }

    /// SIGINT, SIGTERM, SIGHUP (a lost terminal) and SIGPIPE (a reader gone, as in
    /// `| head -1`) note `processInterrupt` (nothing else happens in the handler), so
    /// every runner finishes its mini-batch and writes what it has. SIGHUP stays
    /// ignored when the parent ignored it (`nohup`). A parent may have left these
    /// blocked, and SIGWINCH too, which curses needs, so they are unblocked.
    static func installSignalHandlers() {
        signal(SIGINT) { processInterrupt.note($0) }
        signal(SIGTERM) { processInterrupt.note($0) }
        signal(SIGPIPE) { processInterrupt.note($0) }
        let parentHUP = signal(SIGHUP, SIG_IGN)  // SIG_IGN is the handler value 1
        if parentHUP.map({ unsafeBitCast($0, to: Int.self) != 1 }) ?? true {
            signal(SIGHUP) { processInterrupt.note($0) }
        }
        signal(SIGXFSZ, SIG_IGN)  // a file-size limit makes write(2) fail with EFBIG, reported like a full disk
        var set = sigset_t()
        sigemptyset(&set)
        for s in [SIGINT, SIGTERM, SIGHUP, SIGPIPE, SIGWINCH] { sigaddset(&set, s) }
        pthread_sigmask(SIG_UNBLOCK, &set, nil)
    }

    /// Everything, in order: kernel (may re-exec), one BLAS thread (on this
    /// project's shapes one thread is ~3x faster than two), signals.
    static func run() {
        selectFastBLASKernel()
        BLASKernel.useOneThread()
        installSignalHandlers()
    }
}
