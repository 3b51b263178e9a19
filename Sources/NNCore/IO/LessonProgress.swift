import Foundation

/// Which lessons this user has completed, kept in `progress.json` under
/// `$XDG_STATE_HOME/nntui/` (else `~/.local/state/nntui/`) and replaced atomically.
/// A file that cannot be read is set aside with a warning, never a crash.
public struct LessonProgress: Equatable, Codable, Sendable {
    /// Lesson ids (`04-zero-weights`) completed with every step met.
    public var completed: Set<String> = []

    public init() {}

    /// The folder progress is kept in, from the environment.
    public static func folder(_ environment: [String: String] = ProcessInfo.processInfo.environment) -> String {
        if let state = environment["XDG_STATE_HOME"], state.hasPrefix("/") { return PathText.join(state, "nntui") }
        return PathText.join(PathText.join(environment["HOME"] ?? NSHomeDirectory(), ".local/state"), "nntui")
    }

    public static func file(in folder: String) -> String { PathText.join(folder, "progress.json") }

    /// The progress in `folder` (none when there is no file yet), and a warning when
    /// the file was unreadable and has been moved aside to `progress.json.unreadable`.
    public static func load(from folder: String) -> (LessonProgress, warning: String?) {
        let path = file(in: folder)
        guard FileManager.default.fileExists(atPath: path) else { return (LessonProgress(), nil) }
        if let data = FileManager.default.contents(atPath: path), data.count <= 1 << 20,
           let progress = try? JSONDecoder().decode(LessonProgress.self, from: data) {
            return (progress, nil)
        }
        let aside = path + ".unreadable"
        try? FileManager.default.removeItem(atPath: aside)
        let moved = (try? FileManager.default.moveItem(atPath: path, toPath: aside)) != nil
        return (LessonProgress(), "warning: \(path) could not be read as lesson progress; "
                + (moved ? "it was set aside as \(aside)" : "it was left as it is") + " and no lesson counts as completed.")
    }

    /// Writes the progress to `folder` (made if missing) by replacing the file whole.
    public func save(to folder: String) throws {
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .prettyPrinted]
        try AtomicFile.write(try encoder.encode(self), to: Self.file(in: folder))
    }
}
