import Foundation

/// The memory this machine can give a run now: the one question nntui asks the
/// operating system about memory, answered per platform.
enum SystemMemory {
    /// Bytes available now, or nil where the system does not say.
    static func available() -> Int? {
        #if os(Linux)
            // MemAvailable of /proc/meminfo (kB): what can be had without swapping
            guard let text = try? String(contentsOfFile: "/proc/meminfo", encoding: .utf8) else { return nil }
            for line in text.split(separator: "\n") where line.hasPrefix("MemAvailable:") {
                let kb = line.split(separator: " ").dropFirst().first.flatMap { Int($0) }
                return kb.map { $0 * 1024 }
            }
            return nil
        #else
            // macOS: host_statistics64's free + inactive pages (docs/platforms.md); until then, unknown
            return nil
        #endif
    }
}
