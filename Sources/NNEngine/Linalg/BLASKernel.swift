import CBLAS
import Foundation

/// Which OpenBLAS kernel runs the GEMMs, and its threads: the only `openblas_*`
/// calls (Accelerate on macOS has neither; docs/platforms.md). Debian's OpenBLAS picks its kernel from
/// the CPU model at load time and falls back to a generic SSE3 one ("Prescott") on
/// CPUs it does not know, such as a hypervisor's masked Xeon: 3x slower here than
/// the AVX-512 kernel the CPU supports. The kernel can only be chosen by the
/// `OPENBLAS_CORETYPE` variable before the library loads, so the `nntui` executable
/// re-executes itself once with it set (this library never does). A variable the
/// user set is always kept.
public enum BLASKernel {
    /// The kernel OpenBLAS is running.
    public static var name: String { String(cString: openblas_get_corename()) }

    static let generic: Set<String> = [
        "prescott", "core2", "nehalem", "penryn", "dunnington", "atom", "katmai",
        "coppermine", "northwood", "banias", "unknown",
    ]
    public static let guardVariable = "NNTUI_OPENBLAS_KERNEL_CHOSEN"

    /// The kernel worth asking for, from the CPU's flags: SkylakeX for AVX-512
    /// (F, BW, DQ, VL, CD), Haswell for AVX2 with FMA; nil when OpenBLAS already
    /// runs a specific kernel, the user chose one, or the CPU offers nothing better.
    public static func preferred(cpuFlags: Set<String>, current: String, environment: [String: String]) -> String? {
        guard environment["OPENBLAS_CORETYPE"] == nil, environment[guardVariable] == nil,
            generic.contains(current.lowercased())
        else { return nil }
        if cpuFlags.isSuperset(of: ["avx512f", "avx512bw", "avx512dq", "avx512vl", "avx512cd"]) { return "SkylakeX" }
        if cpuFlags.isSuperset(of: ["avx2", "fma"]) { return "Haswell" }
        return nil
    }

    /// The CPU's flags (`SystemCPU`).
    public static func cpuFlags() -> Set<String> { SystemCPU.flags() }

    /// Runs OpenBLAS on one thread, process-wide: on this project's shapes one
    /// thread is ~3x faster than two. Called by the executable's set-up.
    public static func useOneThread() {
        openblas_set_num_threads(1)
    }
}
