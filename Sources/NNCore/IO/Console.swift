import CKernels
import Foundation

/// Messages for the user on standard error and the state of standard output.
/// Writing never traps: a closed or full stderr loses the message, nothing more
/// (Foundation's FileHandle raises on EBADF and ENOSPC).
public enum Console {
    /// Writes `text` to standard error, ignoring every failure.
    public static func error(_ text: String) { write(text, to: STDERR_FILENO) }

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
}

/// The system's reason for the last failed call, as `strerror` gives it.
func systemReason(_ code: Int32 = errno) -> String { String(cString: strerror(code)) }
