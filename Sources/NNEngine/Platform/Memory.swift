import Foundation

/// How much memory this machine can give a run, and the check made before a
/// large buffer is allocated.
public enum Memory {
    /// Bytes available now (`SystemMemory`), or nil where unknown.
    public static func available() -> Int? { SystemMemory.available() }

    /// Throws when `bytes` (or an overflowed estimate, nil) exceed what is available:
    /// "`what` needs 12.0 GB of memory but this machine has 3.1 GB available".
    public static func check(_ bytes: Int?, for what: String, available: Int? = Memory.available()) throws {
        let have = available ?? Int.max
        guard let bytes, bytes <= have else {
            let need = bytes.map(format) ?? "more than 9 EB"
            throw NNError.input(
                "\(what) needs \(need) of memory but this machine has \(available.map(format) ?? "less") available.")
        }
    }

    /// Bytes as `3.1 GB`, `512 MB`, `40 kB`.
    public static func format(_ bytes: Int) -> String {
        let b = Double(bytes)
        if b >= 1e9 { return String(format: "%.1f GB", b / 1e9) }
        if b >= 1e6 { return String(format: "%.0f MB", b / 1e6) }
        return String(format: "%.0f kB", max(b / 1e3, 1))
    }

    /// `a * b * ...`, or nil when the product overflows.
    public static func product(_ factors: [Int]) -> Int? {
        var n = 1
        for f in factors {
            let (p, overflow) = n.multipliedReportingOverflow(by: f)
            if overflow { return nil }
            n = p
        }
        return n
    }

    /// `a + b + ...`, or nil when any term is nil or the sum overflows.
    public static func sum(_ terms: [Int?]) -> Int? {
        var n = 0
        for t in terms {
            guard let t else { return nil }
            let (s, overflow) = n.addingReportingOverflow(t)
            if overflow { return nil }
            n = s
        }
        return n
    }
}
