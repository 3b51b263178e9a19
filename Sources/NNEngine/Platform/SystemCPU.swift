import Foundation

/// The CPU's instruction-set flags (`avx2`, `fma`, `avx512f`, …), the one thing
/// nntui asks the system about its processor, answered per platform.
enum SystemCPU {
    static func flags() -> Set<String> {
        #if os(Linux)
            // the flags line of the first CPU in /proc/cpuinfo
            guard let text = try? String(contentsOfFile: "/proc/cpuinfo", encoding: .utf8),
                let line = text.split(separator: "\n").first(where: { $0.hasPrefix("flags") }),
                let colon = line.firstIndex(of: ":")
            else { return [] }
            return Set(line[line.index(after: colon)...].split(separator: " ").map(String.init))
        #else
            // macOS: sysctl machdep.cpu.features / leaf7_features (docs/platforms.md)
            return []
        #endif
    }
}
