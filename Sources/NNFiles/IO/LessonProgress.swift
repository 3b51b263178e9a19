import Foundation
import NNEngine

/// Which lessons this user has completed, kept in `progress.json` under
/// `$XDG_STATE_HOME/nntui/` (else `~/.local/state/nntui/`) and replaced atomically.
/// A file that cannot be read is set aside with a warning, never a crash; dashboards
/// that finish lessons at the same moment each add theirs (`record` locks, re-reads,
/// merges and renames).
public struct LessonProgress: Equatable, Codable, Sendable {
    /// Lesson ids (`04-zero-weights`) completed with every step met.
    public var completed: Set<String> = []

    public init() {}

    /// The largest progress file read: a few hundred ids take a few kB.
    public static let largestFile = 1 << 20

    /// The folder progress is kept in, from the environment: `$XDG_STATE_HOME/nntui`,
    /// else `$HOME/.local/state/nntui`, else the account's home from the password
    /// database; nil when none of them is an absolute path (progress is then not
    /// kept, rather than written under the current folder).
    public static func folder(_ environment: [String: String] = ProcessInfo.processInfo.environment) -> String? {
        if let state = environment["XDG_STATE_HOME"], state.hasPrefix("/") { return PathText.join(state, "nntui") }
        var home = environment["HOME"] ?? ""
        if !home.hasPrefix("/"), let entry = getpwuid(getuid()), let dir = entry.pointee.pw_dir {
            home = String(cString: dir)
        }
        guard home.hasPrefix("/") else { return nil }
        return PathText.join(PathText.join(home, ".local/state"), "nntui")
    }

    /// Said where `folder` finds no place for progress.
    public static let notKept =
        "warning: lesson progress is not kept: neither XDG_STATE_HOME nor HOME names an absolute folder."

    public static func file(in folder: String) -> String { PathText.join(folder, "progress.json") }

    /// The progress in `folder` (none when there is no file yet), and a warning when
    /// the file was unreadable (not JSON, not a regular file, over `largestFile`,
    /// judged by its size before it is read) and has been moved aside to
    /// `progress.json.unreadable`.
    public static func load(from folder: String) -> (LessonProgress, warning: String?) {
        let path = file(in: folder)
        var st = stat()
        guard stat(path, &st) == 0 else { return (LessonProgress(), nil) }  // a link is followed, as every reader does
        if st.st_mode & S_IFMT == S_IFREG, st.st_size <= largestFile,
            let bytes = try? InputFile.bytes(path, size: Int(st.st_size)),
            let progress = try? JSONDecoder().decode(LessonProgress.self, from: Data(bytes))
        {
            return (progress, nil)
        }
        let aside = path + ".unreadable"
        try? FileManager.default.removeItem(atPath: aside)
        let moved = (try? FileManager.default.moveItem(atPath: path, toPath: aside)) != nil
        return (
            LessonProgress(),
            "warning: \(path) could not be read as lesson progress; "
                + (moved ? "it was set aside as \(aside)" : "it was left as it is")
                + " and no lesson counts as completed."
        )
    }

    /// Adds lesson `id` to the progress in `folder` (made if missing): under an
    /// exclusive lock on `progress.lock`, the file is read again, the id added and the
    /// whole replaced by rename, so two dashboards that finish at once both count.
    public static func record(_ id: String, in folder: String) throws {
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        let lockPath = PathText.join(folder, "progress.lock")
        let lock = open(lockPath, O_RDWR | O_CREAT | O_CLOEXEC, 0o644)
        guard lock >= 0 else { throw NNError.runtime("\(lockPath): cannot open the lock: \(systemReason()).") }
        defer { close(lock) }  // closing releases the lock
        while flock(lock, LOCK_EX) != 0 {
            guard errno == EINTR else { throw NNError.runtime("\(lockPath): cannot lock: \(systemReason()).") }
        }
        var (progress, _) = load(from: folder)
        guard progress.completed.insert(id).inserted else { return }
        try progress.save(to: folder)
    }

    /// Writes the progress to `folder` (made if missing) by replacing the file whole.
    public func save(to folder: String) throws {
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .prettyPrinted]
        try AtomicFile.write(try encoder.encode(self), to: Self.file(in: folder))
    }
}
