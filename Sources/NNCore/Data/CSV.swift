import Foundation

/// A CSV table with a header row: numeric feature columns and one target column
/// (class labels, strings or integers, for classification; numbers for regression).
public enum CSVReader {
    /// Splits one line on commas, honouring double-quoted fields.
    static func fields(_ line: Substring) -> [String] {
        var out: [String] = [], cur = "", quoted = false
        var it = line.makeIterator()
        while let c = it.next() {
            if c == "\"" { quoted.toggle() } else if c == "," && !quoted { out.append(cur); cur = "" } else { cur.append(c) }
        }
        out.append(cur)
        return out.map { $0.trimmingCharacters(in: .whitespaces) }
    }

    /// Loads `path`; `target` names the target column (default: the last).
    public static func load(path: String, target: String?, classification: Bool) throws -> SampleStore {
        guard FileManager.default.fileExists(atPath: path) else { throw NNError.input("\(path): no such file.") }
        guard let data = FileManager.default.contents(atPath: path) else { throw NNError.input("\(path): cannot read the file.") }
        guard let text = String(data: data, encoding: .utf8) else { throw NNError.input("\(path): the file is not UTF-8 text.") }
        return try parse(text, name: path, target: target, classification: classification)
    }

    /// Parses CSV text; `name` appears in errors.
    public static func parse(_ text: String, name: String, target: String?, classification: Bool) throws -> SampleStore {
        let lines = text.split(omittingEmptySubsequences: false, whereSeparator: { $0 == "\n" || $0 == "\r\n" })
            .map { $0.hasSuffix("\r") ? $0.dropLast() : $0 }
        guard let headerLine = lines.first, !headerLine.trimmingCharacters(in: .whitespaces).isEmpty else {
            throw NNError.input("\(name): the file is empty (expected a header row).")
        }
        let header = fields(headerLine)
        guard header.count >= 2 else {
            throw NNError.input("\(name): the header has \(header.count) column; need at least one feature and a target.")
        }
        let targetIndex: Int
        if let target {
            guard let i = header.firstIndex(of: target) else {
                throw NNError.input("\(name): no target column '\(target)' (columns: \(header.joined(separator: ", "))).")
            }
            targetIndex = i
        } else {
            targetIndex = header.count - 1
        }
        var features: [Float] = [], rawTargets: [String] = []
        for (k, line) in lines.enumerated().dropFirst() {
            if line.trimmingCharacters(in: .whitespaces).isEmpty { continue }
            let f = fields(line)
            guard f.count == header.count else {
                throw NNError.input("\(name):\(k + 1): row has \(f.count) fields; the header has \(header.count).")
            }
            for (c, cell) in f.enumerated() where c != targetIndex {
                guard let v = Float(cell), v.isFinite else {
                    throw NNError.input("\(name):\(k + 1): column '\(header[c])' has the non-numeric value '\(cell)'.")
                }
                features.append(v)
            }
            rawTargets.append(f[targetIndex])
        }
        guard !rawTargets.isEmpty else { throw NNError.input("\(name): the file has a header but no data rows.") }
        let width = header.count - 1
        if classification {
            let names = Array(Set(rawTargets)).sorted { a, b in
                if let x = Double(a), let y = Double(b) { return x < y }
                return a < b
            }
            let index = Dictionary(uniqueKeysWithValues: names.enumerated().map { ($1, Int32($0)) })
            return SampleStore(features: .float(features), featureCount: width,
                               targets: .classes(rawTargets.map { index[$0]! }, names: names))
        }
        var values: [Float] = []
        for (k, t) in rawTargets.enumerated() {
            guard let v = Float(t), v.isFinite else {
                throw NNError.input("\(name): target '\(header[targetIndex])' of data row \(k + 1) is '\(t)', not a number (use a sigmoid or softmax output for class labels).")
            }
            values.append(v)
        }
        return SampleStore(features: .float(features), featureCount: width, targets: .values(values, width: 1))
    }
}
