import NNEngine
import NNFiles
import NNSession

/// The files a command will write, checked before any work starts: each can be
/// written (its folder exists and is writable, it is not a folder) and no two
/// name the same file.
enum OutputFiles {
    /// `files` as `(option, path)`, e.g. `("--log", "x.csv")`; nil paths are skipped.
    static func check(_ files: [(option: String, path: String?)]) throws {
        let given = files.compactMap { f in f.path.map { (f.option, $0) } }
        for (option, path) in given {
            do { try AtomicFile.checkWritable(path) } catch let error as NNError {
                throw NNError.input("\(option) \(error.description)")
            }
        }
        for (i, a) in given.enumerated() {
            for b in given[(i + 1)...] where AtomicFile.sameFile(a.1, b.1) {
                throw NNError.input("\(a.0) and \(b.0) name the same file, \(a.1); give each its own.")
            }
        }
    }
}
