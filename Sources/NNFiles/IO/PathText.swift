import NNEngine

/// File paths as plain text, split at `/`. Foundation's `NSString` path methods trap
/// on some one-character paths (`deletingLastPathComponent` of "a"), so nntui never
/// calls them on a path a user typed.
public enum PathText {
    /// The folder part: "." for "name", "/" for "/name", "a/b" for "a/b/name".
    public static func folder(of path: String) -> String {
        guard let slash = path.lastIndex(of: "/") else { return "." }
        let folder = path[..<slash]
        return folder.isEmpty ? "/" : String(folder)
    }

    /// The part after the last `/` ("" for a path ending in `/`).
    public static func name(of path: String) -> String {
        guard let slash = path.lastIndex(of: "/") else { return path }
        return String(path[path.index(after: slash)...])
    }

    /// `folder/name`, with one `/` between them.
    public static func join(_ folder: String, _ name: String) -> String {
        folder.isEmpty ? name : (folder.hasSuffix("/") ? folder + name : folder + "/" + name)
    }

    /// The longest start of `name` whose UTF-8 takes at most `bytes` bytes, cut
    /// between characters.
    public static func prefix(_ name: String, bytes: Int) -> String {
        var out = "", used = 0
        for c in name {
            let n = c.utf8.count
            if used + n > bytes { break }
            out.append(c)
            used += n
        }
        return out
    }
}
