import Foundation

/// Checks made before a data or preset file is read: it must exist and be a
/// regular file (after links), so a device (`/dev/zero`), a FIFO or a folder is
/// refused instead of read forever or half-read.
public enum InputFile {
    /// The file's size in bytes, or an input error naming what `path` is instead.
    @discardableResult
    public static func checkRegular(_ path: String, what: String = "file") throws -> Int {
        var st = stat()
        guard stat(path, &st) == 0 else {
            throw NNError.input(errno == ENOENT ? "\(path): no such \(what)." : "\(path): cannot read the \(what): \(systemReason()).")
        }
        switch st.st_mode & S_IFMT {
        case S_IFREG: break
        case S_IFDIR: throw NNError.input("\(path): is a folder, not a \(what).")
        case S_IFIFO: throw NNError.input("\(path): is a FIFO, not a regular \(what); nntui reads only regular files.")
        case S_IFCHR, S_IFBLK: throw NNError.input("\(path): is a device, not a regular \(what); nntui reads only regular files.")
        default: throw NNError.input("\(path): is not a regular \(what).")
        }
        guard access(path, R_OK) == 0 else { throw NNError.input("\(path): cannot read the \(what): \(systemReason()).") }
        return Int(st.st_size)
    }

    /// The whole of the regular file `path`, which `checkRegular` found `size` bytes
    /// long, read with `read(2)` into memory: never mapped, so a file truncated or
    /// replaced while it is read is an input error ("changed while it was being
    /// read"), not a bus error. The interrupt is polled between 16 MB chunks.
    public static func bytes(_ path: String, size: Int, interrupt: Interrupt? = nil) throws -> [UInt8] {
        let fd = open(path, O_RDONLY | O_CLOEXEC)
        guard fd >= 0 else { throw NNError.input("\(path): cannot read the file: \(systemReason()).") }
        defer { close(fd) }
        // one byte more than expected: a file that grew is seen as well as one that shrank
        var data = [UInt8](repeating: 0, count: size + 1)
        var filled = 0
        while filled < data.count {
            if let interrupt, interrupt.isRequested { throw NNError.interrupted(interrupt.received, while: "reading \(path)") }
            let n = data.withUnsafeMutableBytes { read(fd, $0.baseAddress! + filled, min($0.count - filled, 1 << 24)) }
            if n < 0 && errno == EINTR { continue }
            guard n >= 0 else { throw NNError.input("\(path): cannot read the file: \(systemReason()).") }
            if n == 0 { break }
            filled += n
        }
        guard filled == size else {
            throw NNError.input("\(path): the file changed while it was being read (\(size) bytes when opened, \(filled > size ? "more" : "\(filled)") when read); read it again once it is complete.")
        }
        data.removeLast()
        return data
    }

    /// The UTF-8 text of a small regular file (a preset, a lesson) of at most `largest`
    /// bytes, each refusal one sentence naming `path` and `what` it should be.
    public static func text(_ path: String, what: String, largest: Int) throws -> String {
        let size = try checkRegular(path, what: what)
        guard size <= largest else {
            // in bytes where the rounded sizes would read the same
            let (have, most) = Memory.format(size) == Memory.format(largest)
                ? ("\(size) bytes", "\(largest) bytes") : (Memory.format(size), Memory.format(largest))
            throw NNError.input("\(path): a \(what) of \(have) is too large (at most \(most)).")
        }
        guard let text = String(validating: try bytes(path, size: size), as: UTF8.self) else {
            throw NNError.input("\(path): cannot read the file as UTF-8 text.")
        }
        return text
    }
}

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
            throw NNError.input("\(what) needs \(need) of memory but this machine has \(available.map(format) ?? "less") available.")
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
