import Foundation
import NNEngine
import NNFiles

/// A file the session asks to be written (`w`'s checkpoint, `p`'s preset, `P`'s
/// figure): its bytes are taken on the engine's queue, where the run is, and written
/// elsewhere, so a slow disk never stalls training. `perform` writes it and returns
/// the outcome as an intent for the session.
public struct FileWrite: Sendable {
    public let path: String
    public let bytes: Data
    /// What the file is (`w`'s checkpoint, `p`'s preset, `P`'s figure).
    public let file: Outcome.SavedFile

    /// Writes the file whole (`AtomicFile`); the outcome, to send to the session.
    public func perform() -> Intent {
        do {
            try AtomicFile.write(bytes, to: path)
            return .fileWritten(file, path: path, failure: nil)
        } catch {
            return .fileWritten(file, path: path, failure: NNError.atRunTime(error))
        }
    }
}
