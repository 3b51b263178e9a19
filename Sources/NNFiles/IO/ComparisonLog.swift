import Foundation
import NNEngine

/// A comparison's metrics log read back (`compare --log`, or a sweep's gathered log):
/// each run's epochs with its variant and seed, in the order the runs first appear.
public enum ComparisonLog {
    /// The largest log read (a sweep of thousands of runs of hundreds of epochs).
    public static let largest = 1 << 30

    public struct Run: Sendable {
        public var variant: String
        public var seed: UInt64
        public var history: [EpochRecord]
    }

    /// The runs of the log at `path`; one sentence naming the file and line where a row
    /// is not a comparison's (no `variant` or `seed` column, a seed that is none).
    public static func read(_ path: String) throws -> [Run] {
        let text = try InputFile.text(path, what: "comparison log", largest: largest)
        var bytes = Array(text.utf8)
        return try bytes.withUnsafeMutableBufferPointer { buffer in
            var records = Records(UnsafeBufferPointer(buffer))
            guard let headerFields = try records.next(name: path) else {
                throw NNError.input("\(path): the file is empty (expected a comparison log's header).")
            }
            let header = headerFields.map { records.text($0) }
            let column = Dictionary(header.enumerated().map { ($1, $0) }, uniquingKeysWith: { a, _ in a })
            guard let variantAt = column["variant"], let seedAt = column["seed"], column["train_loss"] != nil else {
                throw NNError.input(
                    "\(path): not a comparison's log (its header needs the columns variant, seed, epoch and "
                        + "train_loss; "
                        + "nntui compare --log writes them).")
            }
            var runs: [Run] = [], index: [String: Int] = [:]
            while let fields = try records.next(name: path) {
                if fields.count == 1 && records.isBlank(fields[0]) { continue }
                guard fields.count == header.count else {
                    throw NNError.input(
                        "\(path):\(records.line): row has \(fields.count) fields; the header has \(header.count).")
                }
                let variant = records.text(fields[variantAt])
                guard let seed = UInt64(records.text(fields[seedAt])) else {
                    throw NNError.input(
                        "\(path):\(records.line): seed '\(records.text(fields[seedAt]))' is not a seed.")
                }
                guard let r = LogFollower.record({ key in column[key].flatMap { Double(records.text(fields[$0])) } })
                else {
                    throw NNError.input("\(path):\(records.line): the row has no epoch and training loss.")
                }
                let key = "\(seed) \(variant)"
                if let i = index[key] {
                    runs[i].history.append(r)
                } else {
                    index[key] = runs.count
                    runs.append(Run(variant: variant, seed: seed, history: [r]))
                }
            }
            guard !runs.isEmpty else { throw NNError.input("\(path): the log has a header but no rows.") }
            return runs
        }
    }
}
