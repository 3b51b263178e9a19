import Foundation

/// Writes files whole or not at all: to a temporary file beside the target, then
/// `rename(2)`, so an interrupted write never leaves half a file.
public enum AtomicFile {
    public static func write(_ data: Data, to path: String) throws {
        let url = URL(fileURLWithPath: path)
        let dir = url.deletingLastPathComponent().path
        var isDir: ObjCBool = false
        guard FileManager.default.fileExists(atPath: dir.isEmpty ? "." : dir, isDirectory: &isDir), isDir.boolValue else {
            throw NNError.input("\(path): the folder \(dir) does not exist.")
        }
        let tmp = path + ".tmp-\(getpid())"
        guard FileManager.default.createFile(atPath: tmp, contents: data) else {
            throw NNError.runtime("\(path): cannot write the file.")
        }
        guard rename(tmp, path) == 0 else {
            unlink(tmp)
            throw NNError.runtime("\(path): cannot move the written file into place.")
        }
    }

    public static func write(_ text: String, to path: String) throws {
        try write(Data(text.utf8), to: path)
    }
}
