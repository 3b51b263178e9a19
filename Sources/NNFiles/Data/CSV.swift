import CKernels
import Foundation
import NNEngine

/// A CSV table with a header row: numeric feature columns and one target column
/// (class labels, strings or integers, for classification; numbers for regression).
///
/// The parser reads bytes (the file read whole, never mapped: see `InputFile.bytes`), splits records as RFC 4180 says
/// (double-quoted fields may hold commas, newlines and `""` for a quote) and reads
/// numbers with `strtof_l` in the C locale: ~40x faster than splitting Swift strings. Blank lines are
/// skipped; `\r\n` ends a line like `\n`.
public enum CSVReader {
    /// Loads `path`; `target` names the target column (default: the last);
    /// `interrupt` is polled every 64k rows.
    public static func load(path: String, target: String?, classification: Bool, interrupt: Interrupt? = nil) throws
        -> SampleStore
    {
        let size = try InputFile.checkRegular(path)
        // the text itself, then the floats: at most twice its bytes (every number has a
        // comma and a digit: 2 bytes, 4 in memory)
        try Memory.check(Memory.product([size, 3]), for: "\(path) (\(Memory.format(size)) of CSV)")
        let data = try InputFile.bytes(path, size: size, interrupt: interrupt)
        return try data.withUnsafeBufferPointer {
            try parse($0, name: path, target: target, classification: classification, interrupt: interrupt)
        }
    }

    /// Parses CSV text; `name` appears in errors.
    public static func parse(_ text: String, name: String, target: String?, classification: Bool) throws -> SampleStore
    {
        var bytes = Array(text.utf8)
        return try bytes.withUnsafeMutableBufferPointer {
            try parse(
                UnsafeBufferPointer($0), name: name, target: target, classification: classification, interrupt: nil)
        }
    }

    /// Parses CSV bytes into a store: a header row, then one row a sample, every column a
    /// number except the target, which is a class label or (regression) a number.
    static func parse(
        _ bytes: UnsafeBufferPointer<UInt8>, name: String, target: String?, classification: Bool,
        interrupt: Interrupt?
    ) throws -> SampleStore {
        var records = Records(bytes)
        // a UTF-8 byte order mark (spreadsheets write one) is not part of the first name
        if bytes.starts(with: [0xEF, 0xBB, 0xBF]) { records.position = 3 }
        let (header, targetIndex) = try readHeader(&records, name: name, target: target)
        let targetName = header[targetIndex]
        var features: [Float] = [], values: [Float] = [], labels = ClassLabels(), rows = 0
        features.reserveCapacity(bytes.count / 8)
        while let fields = try records.next(name: name) {
            if fields.count == 1 && records.isBlank(fields[0]) { continue }
            let line = records.line
            rows += 1
            if rows & 0xFFFF == 0, let interrupt, interrupt.isRequested {
                throw NNError.interrupted(interrupt.received, while: "reading \(name)")
            }
            guard fields.count == header.count else {
                throw NNError.input("\(name):\(line): row has \(fields.count) fields; the header has \(header.count).")
            }
            for (c, field) in fields.enumerated() where c != targetIndex {
                guard let v = records.number(field) else {
                    throw NNError.input(
                        "\(name):\(line): column '\(header[c])' has the non-numeric value '\(records.text(field))'.")
                }
                features.append(v)
            }
            let t = fields[targetIndex]
            if classification {
                try labels.add(records.text(t), at: "\(name):\(line): target '\(targetName)'")
            } else {
                guard let v = records.number(t) else {
                    throw NNError.input(
                        "\(name):\(line): target '\(targetName)' is '\(records.text(t))', not a number "
                            + "(use a sigmoid or softmax output for class labels).")
                }
                values.append(v)
            }
        }
        guard rows > 0 else { throw NNError.input("\(name): the file has a header but no data rows.") }
        let width = header.count - 1
        guard classification else {
            return SampleStore(features: .float(features), featureCount: width, targets: .values(values, width: 1))
        }
        return SampleStore(
            features: .float(features), featureCount: width,
            targets: try labels.targets(name: name, column: targetName))
    }

    /// The header row's names and the target's column (`target`, else the last).
    static func readHeader(_ records: inout Records, name: String, target: String?) throws -> ([String], Int) {
        guard let headerFields = try records.next(name: name),
            !(headerFields.count == 1 && records.isBlank(headerFields[0]))
        else {
            throw NNError.input("\(name): the file is empty (expected a header row).")
        }
        let header = headerFields.map { records.text($0) }
        guard header.count >= 2 else {
            throw NNError.input(
                "\(name): the header has \(header.count) column; need at least one feature and a target.")
        }
        guard let target else { return (header, header.count - 1) }
        guard let i = header.firstIndex(of: target) else {
            throw NNError.input("\(name): no target column '\(target)' (columns: \(header.joined(separator: ", "))).")
        }
        return (header, i)
    }

    /// The class labels of a CSV's target column, numbered as they first appear.
    struct ClassLabels {
        var number: [String: Int32] = [:]
        var classes: [Int32] = []

        /// Adds one row's label; `place` starts the message of a label that is none.
        mutating func add(_ label: String, at place: String) throws {
            guard !label.trimmingCharacters(in: .whitespaces).isEmpty else {
                throw NNError.input("\(place) is empty; every row needs a class label.")
            }
            // a number with a fraction measures something; it does not name a class
            if let x = Double(label), x.isFinite, x != x.rounded() {
                throw NNError.input(
                    "\(place) is \(label), a measurement, not a class label; for regression set "
                        + "network.output=identity."
                )
            }
            if let k = number[label] {
                classes.append(k)
            } else {
                number[label] = Int32(number.count)
                classes.append(Int32(number.count - 1))
            }
        }

        /// The classes, renumbered in numeric order when every label is a number, else
        /// alphabetical; at least two.
        func targets(name: String, column: String) throws -> SampleStore.Targets {
            guard number.count >= 2 else {
                throw NNError.input(
                    "\(name): every row's '\(column)' is '\(number.keys.first ?? "")'; classification needs at least "
                        + "two classes (for regression use network.output=identity).")
            }
            let names = number.keys.sorted { a, b in
                if let x = Double(a), let y = Double(b) { return x < y }
                return a < b
            }
            let rank = Dictionary(uniqueKeysWithValues: names.enumerated().map { (number[$1]!, Int32($0)) })
            return .classes(classes.map { rank[$0]! }, names: names)
        }
    }
}

/// The records of CSV bytes, one at a time, as byte ranges of their fields.
struct Records {
    /// A field: its bytes without the enclosing quotes, and whether it held `""`.
    struct Field {
        var start: Int, end: Int, escaped: Bool
    }
    let bytes: UnsafeBufferPointer<UInt8>
    var position = 0
    /// The 1-based line the last record started on.
    private(set) var line = 0
    private var nextLine = 1
    private var fields: [Field] = []
    private var scratch = [CChar](repeating: 0, count: 64)

    init(_ bytes: UnsafeBufferPointer<UInt8>) { self.bytes = bytes }

    static let comma = UInt8(ascii: ","), quote = UInt8(ascii: "\""), newline = UInt8(ascii: "\n"),
        ret = UInt8(ascii: "\r"), space = UInt8(ascii: " "), tab = UInt8(ascii: "\t")

    /// The next record's fields, or nil at the end of the bytes.
    mutating func next(name: String) throws -> [Field]? {
        guard position < bytes.count else { return nil }
        line = nextLine
        fields.removeAll(keepingCapacity: true)
        while true {
            // leading blanks, then a quoted or a plain field
            var p = position
            while p < bytes.count && (bytes[p] == Self.space || bytes[p] == Self.tab) { p += 1 }
            var field: Field
            if p < bytes.count && bytes[p] == Self.quote {
                let start = p + 1
                var escaped = false
                p = start
                while true {
                    guard p < bytes.count else {
                        throw NNError.input("\(name):\(line): a quoted field is not closed.")
                    }
                    if bytes[p] == Self.quote {
                        if p + 1 < bytes.count && bytes[p + 1] == Self.quote { escaped = true; p += 2; continue }
                        break
                    }
                    if bytes[p] == Self.newline { nextLine += 1 }
                    p += 1
                }
                field = Field(start: start, end: p, escaped: escaped)
                p += 1
                while p < bytes.count && (bytes[p] == Self.space || bytes[p] == Self.tab || bytes[p] == Self.ret) {
                    p += 1
                }
                guard p == bytes.count || bytes[p] == Self.comma || bytes[p] == Self.newline else {
                    throw NNError.input("\(name):\(line): text follows a quoted field's closing quote.")
                }
            } else {
                let start = p
                while p < bytes.count && bytes[p] != Self.comma && bytes[p] != Self.newline { p += 1 }
                var end = p
                while end > start
                    && (bytes[end - 1] == Self.space || bytes[end - 1] == Self.tab || bytes[end - 1] == Self.ret)
                { end -= 1 }
                field = Field(start: start, end: end, escaped: false)
            }
            fields.append(field)
            if p < bytes.count && bytes[p] == Self.comma {
                position = p + 1
                continue
            }
            position = p + 1
            nextLine += 1
            return fields
        }
    }

    func isBlank(_ f: Field) -> Bool { f.start == f.end }

    /// The field as text, `""` read as `"`.
    func text(_ f: Field) -> String {
        let s = String(decoding: UnsafeBufferPointer(rebasing: bytes[f.start..<f.end]), as: UTF8.self)
        return f.escaped ? s.replacingOccurrences(of: "\"\"", with: "\"") : s
    }

    /// The field as a finite Float (what `Float(String)` accepts), or nil.
    mutating func number(_ f: Field) -> Float? {
        let n = f.end - f.start
        guard n > 0, n < scratch.count, !f.escaped else {
            return n >= scratch.count ? Float(text(f)).flatMap { $0.isFinite ? $0 : nil } : nil
        }
        let bytes = self.bytes
        return scratch.withUnsafeMutableBufferPointer { buffer -> Float? in
            let b = buffer.baseAddress!
            for k in 0..<n { b[k] = CChar(bitPattern: bytes[f.start + k]) }
            b[n] = 0
            var v: Float = 0
            return nn_parse_float(b, n, &v) == 1 ? v : nil
        }
    }
}
