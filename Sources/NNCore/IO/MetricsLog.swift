import Foundation

/// The metrics of one or more runs: CSV with nntui's columns, or one JSON object
/// per epoch. The first `flush` writes the header and the rows so far as a whole new
/// file (an existing log stays as it was until then, so a run that never completes
/// an epoch leaves it alone); later flushes append only the rows added since, so a
/// long run neither rewrites its log nor keeps it in memory, and `nntui watch`
/// follows one file as it grows.
public final class MetricsLog {
    public static let header = "run,epoch,step,lr,train_loss,train_acc,val_loss,val_acc,seconds"
    public let path: String
    /// Rows not yet written.
    private var rows: [String] = []
    /// The file has its header: rows are appended.
    private var started = false

    public init(path: String) { self.path = path }

    static func number(_ x: Double?) -> String {
        guard let x else { return "" }
        return x.isFinite ? String(format: "%.6g", x) : "\(x)"
    }

    /// A field as RFC 4180 writes it: quoted, with `"` doubled, when it holds a
    /// comma, a quote or a line break.
    public static func csvField(_ text: String) -> String {
        guard text.contains(where: { $0 == "," || $0 == "\"" || $0 == "\n" || $0 == "\r" }) else { return text }
        return "\"" + text.replacingOccurrences(of: "\"", with: "\"\"") + "\""
    }

    /// One CSV row.
    public static func csvRow(run: String, _ r: EpochRecord) -> String {
        [csvField(run), "\(r.epoch)", "\(r.step)", number(Double(r.lr)), number(r.trainLoss), number(r.trainAccuracy),
                number(r.validationLoss), number(r.validationAccuracy), String(format: "%.4f", r.seconds)].joined(separator: ",")
    }

    public func append(run: String, _ record: EpochRecord) { rows.append(Self.csvRow(run: run, record)) }

    public func flush() throws {
        guard !started || !rows.isEmpty else { return }
        let text = ((started ? [] : [Self.header]) + rows).joined(separator: "\n") + "\n"
        if started { try AtomicFile.append(text, to: path) } else { try AtomicFile.write(text, to: path) }
        started = true
        rows = []
    }

    /// One JSON object for an epoch, with the CSV's keys (`null` where empty).
    public static func json(run: String, _ r: EpochRecord, extra: [String: Any] = [:]) -> String {
        func v(_ x: Double?) -> Any { x.map { $0.isFinite ? $0 as Any : NSNull() } ?? NSNull() }
        var o: [String: Any] = ["run": run, "epoch": r.epoch, "step": r.step, "lr": Double("\(r.lr)") ?? Double(r.lr), "train_loss": v(r.trainLoss),
                                "train_acc": v(r.trainAccuracy), "val_loss": v(r.validationLoss),
                                "val_acc": v(r.validationAccuracy), "seconds": r.seconds]
        for (k, x) in extra { o[k] = x }
        return jsonLine(o)
    }

    /// One JSON object on one line, keys sorted. JSON has no NaN or infinity: such a
    /// number is written as null, never dropped with the rest of the object.
    public static func jsonLine(_ object: [String: Any]) -> String {
        func valid(_ v: Any) -> Any {
            switch v {
            case let d as Double: return d.isFinite ? d : NSNull()
            case let f as Float: return f.isFinite ? Double(f) : NSNull()
            case let o as [String: Any]: return o.mapValues(valid)
            case let a as [Any]: return a.map(valid)
            default: return v
            }
        }
        do {
            let data = try JSONSerialization.data(withJSONObject: valid(object), options: [.sortedKeys])
            return String(decoding: data, as: UTF8.self)
        } catch {
            preconditionFailure("a JSON object of numbers, strings and nulls always serializes: \(error)")
        }
    }
}
