import Foundation

/// Writes files whole or not at all: to a temporary file beside the target, then
/// `rename(2)`, so an interrupted write never leaves half a file.
public enum AtomicFile {
    /// Lets `writeTemporary` write the whole file at a temporary path beside `path`
    /// (returning whether it succeeded), then renames it into place; on any failure
    /// the temporary file is removed and `path` is untouched.
    public static func write(to path: String, _ writeTemporary: (String) -> Bool) throws {
        let dir = URL(fileURLWithPath: path).deletingLastPathComponent().path
        var isDir: ObjCBool = false
        guard FileManager.default.fileExists(atPath: dir.isEmpty ? "." : dir, isDirectory: &isDir), isDir.boolValue else {
            throw NNError.input("\(path): the folder \(dir) does not exist.")
        }
        let tmp = path + ".tmp-\(getpid())"
        guard writeTemporary(tmp) else {
            unlink(tmp)
            throw NNError.runtime("\(path): cannot write the file.")
        }
        guard rename(tmp, path) == 0 else {
            unlink(tmp)
            throw NNError.runtime("\(path): cannot move the written file into place.")
        }
    }

    public static func write(_ data: Data, to path: String) throws {
        try write(to: path) { FileManager.default.createFile(atPath: $0, contents: data) }
    }

    public static func write(_ text: String, to path: String) throws {
        try write(Data(text.utf8), to: path)
    }
}
