import Foundation
import NNEngine

/// Writes files whole or not at all, and never destroys what the user had.
///
/// - A regular file (or a new one) is written to `NAME.nntui-tmp-PID` beside it,
///   then renamed over it, so an interrupted write never leaves half a file; the
///   replaced file keeps its permissions. Temporaries left by a killed process are
///   removed the next time the same file is written.
/// - A symbolic link is followed: the file it points to is written, the link stays.
/// - A character device or FIFO (`/dev/null`, `/dev/stdout`, a pipe) is written into,
///   never replaced.
/// - Anything else (a folder, a socket) is refused.
///
/// Failures name the path and the system's reason; a bad path is an input error
/// (exit 2), a full or failing disk a runtime error (exit 1).
public enum AtomicFile {
    /// Where the bytes of `path` go.
    enum Target: Equatable {
        /// A regular file, existing or not, at this (link-resolved) path: write and rename.
        case replace(String)
        /// A device or FIFO: write into it.
        case stream(String)
    }

    /// Follows symbolic links (at most 40, as the kernel does) and says how `path` is written.
    static func target(_ path: String) throws -> Target {
        var current = path
        for _ in 0..<40 {
            var st = stat()
            guard lstat(current, &st) == 0 else {
                if errno == ENOENT { return .replace(current) }
                throw NNError.input("\(path): cannot write the file: \(systemReason()).")
            }
            switch st.st_mode & S_IFMT {
            case S_IFLNK:
                var buffer = [CChar](repeating: 0, count: Int(PATH_MAX) + 1)
                let n = readlink(current, &buffer, buffer.count - 1)
                guard n > 0 else { throw NNError.input("\(path): cannot follow the link: \(systemReason()).") }
                let link = String(decoding: buffer[0..<n].map { UInt8(bitPattern: $0) }, as: UTF8.self)
                current = link.hasPrefix("/") ? link : PathText.join(PathText.folder(of: current), link)
            case S_IFREG: return .replace(current)
            case S_IFCHR, S_IFIFO: return .stream(current)
            case S_IFDIR: throw NNError.input("\(path): is a folder, not a file.")
            default: throw NNError.input("\(path): is neither a regular file nor a device; nntui will not replace it.")
            }
        }
        throw NNError.input("\(path): too many levels of symbolic links.")
    }

    static func directory(of path: String) -> String { PathText.folder(of: path) }

    /// Checks, before any work starts, that `path` can be written: its folder exists
    /// and is writable, it is not a folder, a device or FIFO is writable.
    public static func checkWritable(_ path: String) throws {
        guard !path.isEmpty else { throw NNError.input("an output file name is empty.") }
        guard path != "-" else {
            throw NNError.input(
                "-: nntui writes its files to named paths, not to '-'; for standard output give /dev/stdout.")
        }
        guard !path.hasSuffix("/") else {
            throw NNError.input("\(path): names a folder (it ends in /); give a file name.")
        }
        switch try target(path) {
        case .stream(let p):
            guard access(p, W_OK) == 0 else {
                throw NNError.input("\(path): cannot write the file: \(systemReason()).")
            }
        case .replace(let p):
            let dir = directory(of: p)
            var st = stat()
            guard stat(dir, &st) == 0 else {
                throw NNError.input("\(path): the folder \(dir) does not exist.")
            }
            guard st.st_mode & S_IFMT == S_IFDIR else { throw NNError.input("\(path): \(dir) is not a folder.") }
            // create (and remove) the temporary the write will use: the true test
            let probe = temporaryName(of: p, pid: getpid())
            let fd = open(probe, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0o600)
            guard fd >= 0 else { throw NNError.input("\(path): cannot write in the folder \(dir): \(systemReason()).") }
            close(fd)
            unlink(probe)
        }
    }

    /// The same file, after links, for two output paths (`--log X --save X`).
    public static func sameFile(_ a: String, _ b: String) -> Bool {
        guard let ta = try? target(a), let tb = try? target(b) else { return false }
        func canonical(_ t: Target) -> String {
            let p: String
            switch t {
            case .replace(let x), .stream(let x): p = x
            }
            var resolved = [CChar](repeating: 0, count: Int(PATH_MAX) + 1)
            let dir = realpath(directory(of: p), &resolved) != nil ? String(cString: resolved) : directory(of: p)
            return PathText.join(dir, PathText.name(of: p))
        }
        return canonical(ta) == canonical(tb)
    }

    /// Lets `body` write the whole file through a file descriptor, then puts it in
    /// place as the type says; on any failure `path` is untouched.
    public static func write(to path: String, _ body: (Int32) throws -> Void) throws {
        switch try target(path) {
        case .stream(let p):
            let fd = open(p, O_WRONLY | O_NONBLOCK | O_CLOEXEC)
            guard fd >= 0 else {
                throw NNError.input(
                    errno == ENXIO
                        ? "\(path): no process is reading the FIFO."
                        : "\(path): cannot write the file: \(systemReason()).")
            }
            _ = fcntl(fd, F_SETFL, fcntl(fd, F_GETFL) & ~O_NONBLOCK)
            defer { close(fd) }
            try body(fd)
        case .replace(let p):
            let dir = directory(of: p)
            var isDir: ObjCBool = false
            guard FileManager.default.fileExists(atPath: dir, isDirectory: &isDir), isDir.boolValue else {
                throw NNError.input("\(path): the folder \(dir) does not exist.")
            }
            removeStaleTemporaries(of: p)
            let tmp = temporaryName(of: p, pid: getpid())
            let fd = open(tmp, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o666)
            guard fd >= 0 else { throw failure(path, errno) }
            var old = stat()
            if stat(p, &old) == 0 { _ = fchmod(fd, old.st_mode & 0o7777) }
            do {
                try body(fd)
            } catch {
                close(fd); unlink(tmp)
                throw error
            }
            guard close(fd) == 0 else { let e = errno; unlink(tmp); throw failure(path, e) }
            guard rename(tmp, p) == 0 else { let e = errno; unlink(tmp); throw failure(path, e) }
        }
    }

    /// Writes all of `data` to `fd`, retrying short writes; throws with the system's reason.
    public static func writeAll(_ data: Data, to fd: Int32, path: String) throws {
        try data.withUnsafeBytes { buf in
            var done = 0
            while done < buf.count {
                let n = Foundation.write(fd, buf.baseAddress! + done, buf.count - done)
                if n < 0 && errno == EINTR { continue }
                guard n > 0 else { throw failure(path, n < 0 ? errno : ENOSPC) }
                done += n
            }
        }
    }

    public static func write(_ data: Data, to path: String) throws {
        try write(to: path) { fd in try writeAll(data, to: fd, path: path) }
    }

    public static func write(_ text: String, to path: String) throws {
        try write(Data(text.utf8), to: path)
    }

    /// Appends `text` to the file `path` names now (a device or FIFO: writes into
    /// it), in one `write` where the system allows, so a reader sees whole lines.
    /// A path that became a folder, or vanished, is an error naming it.
    public static func append(_ text: String, to path: String) throws { try append(Data(text.utf8), to: path) }

    /// Appends `data` to the file `path` names now, as `append(_:to:)` does text.
    public static func append(_ data: Data, to path: String) throws {
        let fd = open(path, O_WRONLY | O_APPEND | O_CLOEXEC)
        guard fd >= 0 else { throw failure(path, errno) }
        do {
            try writeAll(data, to: fd, path: path)
        } catch {
            close(fd)
            throw error
        }
        guard close(fd) == 0 else { throw failure(path, errno) }
    }

    /// `path`'s error for system error `code`: a full or failing disk is a runtime
    /// error, anything else (permission, a folder, a missing path) bad input.
    static func failure(_ path: String, _ code: Int32) -> NNError {
        let message = "\(path): cannot write the file: \(systemReason(code))."
        return [ENOSPC, EIO, EDQUOT, EFBIG].contains(code) ? .runtime(message) : .input(message)
    }

    static let temporaryMarker = ".nntui-tmp-"

    /// `NAME.nntui-tmp-PID` beside `path`; a long NAME is shortened so that the
    /// temporary's name stays within the 255 bytes a file name may take.
    static func temporaryName(of path: String, pid: Int32) -> String {
        PathText.join(directory(of: path), temporaryPrefix(of: path) + "\(pid)")
    }

    /// What every temporary of `path` starts with: its name, shortened to leave room
    /// for the marker and a process id, and the marker.
    static func temporaryPrefix(of path: String) -> String {
        PathText.prefix(PathText.name(of: path), bytes: 255 - temporaryMarker.utf8.count - 10) + temporaryMarker
    }

    /// Removes `PATH.nntui-tmp-PID` files whose process no longer runs (a killed save).
    static func removeStaleTemporaries(of path: String) {
        let dir = directory(of: path), prefix = temporaryPrefix(of: path)
        guard let names = try? FileManager.default.contentsOfDirectory(atPath: dir) else { return }
        for name in names where name.hasPrefix(prefix) {
            guard let pid = Int32(name.dropFirst(prefix.count)), pid != getpid() else { continue }
            if kill(pid, 0) != 0 && errno == ESRCH { unlink(PathText.join(dir, name)) }
        }
    }
}
