import Foundation

/// The metrics of one or more runs: CSV with the columns of design.md, or one JSON
/// object per epoch. The CSV is rewritten atomically on `flush`, so a reader never
/// sees half a file.
public final class MetricsLog {
    public static let header = "run,epoch,step,lr,train_loss,train_acc,val_loss,val_acc,seconds"
    public let path: String
    private var rows: [String] = []

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
        try AtomicFile.write(([Self.header] + rows).joined(separator: "\n") + "\n", to: path)
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

    public static func jsonLine(_ object: [String: Any]) -> String {
        let data = (try? JSONSerialization.data(withJSONObject: object, options: [.sortedKeys])) ?? Data("{}".utf8)
        return String(decoding: data, as: UTF8.self)
    }
}
