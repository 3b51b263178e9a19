import CKernels
import NNEngine
import NNFiles
import NNSession

/// What `nntui --version` prints: the release, the commit, the Swift that compiled
/// it and the BLAS kernel this CPU runs.
enum VersionText {
    static let release = "3.1.0"

    /// The Swift language version of the compiler, from the compiler itself.
    static var swift: String {
        #if compiler(>=6.4)
            "6.4 or later"
        #elseif compiler(>=6.3)
            "6.3"
        #elseif compiler(>=6.2)
            "6.2"
        #elseif compiler(>=6.1)
            "6.1"
        #else
            "6.0"
        #endif
    }

    /// `nntui 3.1.0 (commit 43a79a3, Swift 6.3, OpenBLAS kernel Haswell)`.
    static var line: String {
        "nntui \(release) (commit \(String(cString: nn_build_commit())), Swift \(swift), OpenBLAS kernel "
            + "\(BLASKernel.name))"
    }
}
