import CKernels
import Foundation
import NNEngine

/// The metrics of one or more runs: CSV with nntui's columns, or one JSON object
/// per epoch. The first `flush` writes the header and the rows so far as a whole new
/// file (an existing log stays as it was until then, so a run that never completes
/// an epoch leaves it alone); later flushes append only the rows added since, so a
/// long run neither rewrites its log nor keeps it in memory, and `nntui watch`
/// follows one file as it grows.
public final class MetricsLog {
    public static let header = "run,epoch,step,lr,train_loss,train_acc,val_loss,val_acc,seconds"
    /// The columns a comparison's log adds: the run's variant and its training seed.
    public static let variantColumns = "variant,seed"
    public let path: String
    /// The log has the `variant` and `seed` columns (a comparison's).
    public let seeded: Bool
    /// Rows not yet written.
    private var rows: [String] = []
    /// The file has its header: rows are appended.
    private var started = false

    public init(path: String, seeded: Bool = false) {
        self.path = path
        self.seeded = seeded
    }

    /// `x` as `%.6g` (`%.4f` when `fixed`) in the C locale; `nan`, `inf` as Swift
    /// writes them; empty when missing.
    static func number(_ x: Double?, fixed: Bool = false) -> String {
        guard let x else { return "" }
        guard x.isFinite else { return "\(x)" }
        return withUnsafeTemporaryAllocation(of: CChar.self, capacity: 40) { buffer in
            let n = nn_format_double(x, fixed ? 1 : 0, buffer.baseAddress!, 40)
            return String(decoding: UnsafeRawBufferPointer(start: buffer.baseAddress!, count: Int(n)), as: UTF8.self)
        }
    }

    /// A field as RFC 4180 writes it: quoted, with `"` doubled, when it holds a
    /// comma, a quote or a line break.
    public static func csvField(_ text: String) -> String {
        guard text.contains(where: { $0 == "," || $0 == "\"" || $0 == "\n" || $0 == "\r" }) else { return text }
        return "\"" + text.replacingOccurrences(of: "\"", with: "\"\"") + "\""
    }

    /// One CSV row.
    public static func csvRow(run: String, _ r: EpochRecord) -> String {
        [
            csvField(run), "\(r.epoch)", "\(r.step)", number(Double(r.lr)), number(r.trainLoss),
            number(r.trainAccuracy),
            number(r.validationLoss), number(r.validationAccuracy), number(r.seconds, fixed: true),
        ].joined(separator: ",")
    }

    public func append(run: String, _ record: EpochRecord) { rows.append(Self.csvRow(run: run, record)) }

    /// A comparison's row: the run's row, its variant and its seed.
    public func append(run: String, _ record: EpochRecord, variant: String, seed: UInt64) {
        rows.append(Self.csvRow(run: run, record) + "," + Self.csvField(variant) + ",\(seed)")
    }

    public func flush() throws {
        guard !started || !rows.isEmpty else { return }
        let header = seeded ? Self.header + "," + Self.variantColumns : Self.header
        let text = ((started ? [] : [header]) + rows).joined(separator: "\n") + "\n"
        if started { try AtomicFile.append(text, to: path) } else { try AtomicFile.write(text, to: path) }
        started = true
        rows = []
    }

    /// One epoch as a JSON line, with the CSV's keys (`null` where empty); the final
    /// line adds `"final": true` and the test split's figures.
    public struct Line: Encodable {
        public var run: String
        public var epoch: Int
        public var step: Int
        public var lr: Number
        public var train_loss: Number
        public var train_acc: Number
        public var val_loss: Number
        public var val_acc: Number
        public var seconds: Number
        public var final: Bool? = nil
        public var test_loss: Number? = nil
        public var test_acc: Number? = nil

        public init(run: String, _ r: EpochRecord) {
            self.run = run; epoch = r.epoch; step = r.step; lr = Number(r.lr); train_loss = Number(r.trainLoss)
            train_acc = Number(r.trainAccuracy); val_loss = Number(r.validationLoss);
            val_acc = Number(r.validationAccuracy)
            seconds = Number(r.seconds)
        }
    }

    /// One JSON line for an epoch.
    public static func json(run: String, _ r: EpochRecord) -> String { JSONLine.encode(Line(run: run, r)) }
}
