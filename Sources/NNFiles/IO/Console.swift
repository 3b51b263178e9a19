import CKernels
import Foundation
import NNEngine

/// Messages for the user on standard error and the state of standard output.
/// Writing never traps: a closed or full stderr loses the message, nothing more
/// (Foundation's FileHandle raises on EBADF and ENOSPC).
public enum Console {
    /// Writes `nntui: line` and a line break to standard error, ignoring every
    /// failure. User text in `line` (a path, a name) is shown, never obeyed: a
    /// control character is written as an escape (`\n`, `\u{1B}`), so the message
    /// stays one line and no escape sequence reaches the terminal.
    public static func say(_ line: String) { write("nntui: " + printable(line) + "\n", to: STDERR_FILENO) }

    /// `text` with C0, DEL, C1, U+2028 and U+2029 escaped: `\n`, `\r`, `\t`, else `\u{XX}`.
    public static func printable(_ text: String) -> String {
        guard text.unicodeScalars.contains(where: \.isLineOrControl) else { return text }
        var out = ""
        for s in text.unicodeScalars {
            switch s {
            case "\n": out += "\\n"
            case "\r": out += "\\r"
            case "\t": out += "\\t"
            case _ where s.isLineOrControl: out += "\\u{" + String(s.value, radix: 16, uppercase: true) + "}"
            default: out.unicodeScalars.append(s)
            }
        }
        return out
    }

    /// Writes `text` to `fd` with `write(2)`, retrying short writes, ignoring every failure.
    public static func write(_ text: String, to fd: Int32) {
        var bytes = Array(text.utf8)
        var done = 0
        bytes.withUnsafeMutableBytes { buf in
            while done < buf.count {
                let n = Foundation.write(fd, buf.baseAddress! + done, buf.count - done)
                if n < 0 && errno == EINTR { continue }
                if n <= 0 { return }
                done += n
            }
        }
    }

    /// Why standard output failed (flushed first), or nil when every write so far
    /// succeeded: "No space left on device", "Bad file descriptor", "Broken pipe".
    public static func outputFailure() -> String? {
        let code = nn_stdout_failure()
        return code == 0 ? nil : systemReason(code)
    }

    /// Whether standard output's reader has gone (`nntui … | head`): SIGPIPE arrived,
    /// or a write to stdout failed with EPIPE. A normal way for a reader to stop: the
    /// commands then exit 141 (128 + SIGPIPE) and say nothing.
    public static func readerGone(_ interrupt: Interrupt) -> Bool {
        interrupt.received == SIGPIPE || nn_stdout_failure() == EPIPE
    }

    /// The exit code of a process whose reader has gone.
    public static let readerGoneExitCode = 128 + SIGPIPE
}

/// The system's reason for the last failed call, as `strerror` gives it.
func systemReason(_ code: Int32 = errno) -> String { String(cString: strerror(code)) }
