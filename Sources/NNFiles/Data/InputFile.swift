import Foundation
import NNEngine

/// Checks made before a data or preset file is read: it must exist and be a
/// regular file (after links), so a device (`/dev/zero`), a FIFO or a folder is
/// refused instead of read forever or half-read.
public enum InputFile {
    /// The file's size in bytes, or an input error naming what `path` is instead.
    @discardableResult
    public static func checkRegular(_ path: String, what: String = "file") throws -> Int {
        var st = stat()
        guard stat(path, &st) == 0 else {
            throw NNError.input(
                errno == ENOENT ? "\(path): no such \(what)." : "\(path): cannot read the \(what): \(systemReason()).")
        }
        switch st.st_mode & S_IFMT {
        case S_IFREG: break
        case S_IFDIR: throw NNError.input("\(path): is a folder, not a \(what).")
        case S_IFIFO: throw NNError.input("\(path): is a FIFO, not a regular \(what); nntui reads only regular files.")
        case S_IFCHR, S_IFBLK:
            throw NNError.input("\(path): is a device, not a regular \(what); nntui reads only regular files.")
        default: throw NNError.input("\(path): is not a regular \(what).")
        }
        guard access(path, R_OK) == 0 else {
            throw NNError.input("\(path): cannot read the \(what): \(systemReason()).")
        }
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
            if let interrupt, interrupt.isRequested {
                throw NNError.interrupted(interrupt.received, while: "reading \(path)")
            }
            let n = data.withUnsafeMutableBytes { read(fd, $0.baseAddress! + filled, min($0.count - filled, 1 << 24)) }
            if n < 0 && errno == EINTR { continue }
            guard n >= 0 else { throw NNError.input("\(path): cannot read the file: \(systemReason()).") }
            if n == 0 { break }
            filled += n
        }
        guard filled == size else {
            throw NNError.input(
                "\(path): the file changed while it was being read (\(size) bytes when opened, "
                    + "\(filled > size ? "more" : "\(filled)") when read); read it again once it is complete."
            )
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
            let (have, most) =
                Memory.format(size) == Memory.format(largest)
                ? ("\(size) bytes", "\(largest) bytes") : (Memory.format(size), Memory.format(largest))
            throw NNError.input("\(path): a \(what) of \(have) is too large (at most \(most)).")
        }
        guard let text = String(validating: try bytes(path, size: size), as: UTF8.self) else {
            throw NNError.input("\(path): cannot read the file as UTF-8 text.")
        }
        return text
    }
}
