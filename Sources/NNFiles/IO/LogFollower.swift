import Foundation
import NNEngine

/// Follows a metrics log as it grows (`tail -f`, no locks): nntui's CSV columns
/// (`run,epoch,step,lr,train_loss,train_acc,val_loss,val_acc,seconds`, written by
/// nntui, an exported train.py or anyone's loop) or the JSON lines of `train --json`.
/// Each `poll` reads the bytes added since the last; a partial last line waits for
/// its end (a line break inside a quoted CSV field does not end it); a malformed line
/// is skipped and counted; a file truncated or replaced (a new inode, or shorter than
/// what was read) is read again from its start.
public final class LogFollower {
    public let path: String
    /// Every run in the file, in order of first appearance, with its epochs.
    public private(set) var runs: [(name: String, records: [EpochRecord])] = []
    /// Lines skipped because they are not a log row.
    public private(set) var malformed = 0
    /// Why the file cannot be read now (missing, not a regular file), or nil.
    public private(set) var problem: String?
    /// When a complete line last arrived (seconds, monotonic), or nil before the first.
    public private(set) var lastLine: Double?
    /// Times the file was found truncated or replaced and read again (a writer that
    /// replaces its log by renaming does so every time: normal, not a warning).
    public private(set) var restarts = 0
    /// Runs whose final record arrived (`train --json`'s `"final": true` line).
    public private(set) var finishedRuns: Set<String> = []
    /// Every run of the file has sent its final record: no new line is expected.
    public var isFinished: Bool { !runs.isEmpty && runs.allSatisfy { finishedRuns.contains($0.name) } }

    /// The longest line kept: a longer one (a file with no line breaks, binary
    /// garbage) is skipped to its end and counted malformed, so memory stays bounded.
    public static let longestLine = 1 << 20

    private var offset: UInt64 = 0
    /// Inside a line longer than `longestLine`: bytes are dropped until its end.
    private var skipping = false
    private var inode: UInt64?
    private var pending: [UInt8] = []
    private var columns: [String: Int]?
    private var index: [String: Int] = [:]

    public init(path: String) { self.path = path }

    /// Monotonic seconds, the clock of `lastLine`.
    public static func now() -> Double { Double(DispatchTime.now().uptimeNanoseconds) / 1e9 }

    /// Reads what was added since the last poll; returns whether anything changed.
    @discardableResult
    public func poll() -> Bool {
        var st = stat()
        guard stat(path, &st) == 0 else {
            let was = problem
            problem = errno == ENOENT ? "no such file (yet)" : String(cString: strerror(errno))
            return was != problem
        }
        guard st.st_mode & S_IFMT == S_IFREG else {
            let was = problem
            problem = "not a regular file"
            return was != problem
        }
        var changed = problem != nil
        problem = nil
        let size = UInt64(st.st_size), node = UInt64(st.st_ino)
        if let inode, inode != node || size < offset {
            reset()
            restarts += 1
            changed = true
        }
        inode = node
        guard size > offset, let handle = FileHandle(forReadingAtPath: path) else { return changed }
        defer { try? handle.close() }
        do {
            try handle.seek(toOffset: offset)
            // at most 8 MB a poll, so a huge log is read in steps and the screen stays live
            let data = try handle.read(upToCount: Int(min(size - offset, 8 << 20))) ?? Data()
            offset += UInt64(data.count)
            pending.append(contentsOf: data)
        } catch {
            return changed
        }
        // a line ends at a line break outside quotes: a CSV field in quotes may hold one
        // (RFC 4180; a run named with a line break by another program's writer)
        var start = 0, quoted = false
        for (i, byte) in pending.enumerated() {
            if byte == 0x22 && !skipping && pending[start] != UInt8(ascii: "{") { quoted.toggle() }
            guard byte == 0x0A && !quoted else { continue }
            if skipping { skipping = false } else { take(pending[start..<i]) }
            start = i + 1
            changed = true
        }
        pending.removeFirst(start)
        if pending.count > Self.longestLine || (skipping && !pending.isEmpty) {
            if !skipping { malformed += 1; changed = true }
            skipping = true
            pending = []
        }
        return changed
    }

    private func reset() {
        runs = []; index = [:]; columns = nil; pending = []; offset = 0; malformed = 0; skipping = false;
        finishedRuns = []
    }

    /// One complete line.
    private func take(_ line: ArraySlice<UInt8>) {
        var bytes = Array(line)
        if bytes.last == 0x0D { bytes.removeLast() }
        guard !bytes.isEmpty else { return }
        lastLine = Self.now()
        if bytes.first == UInt8(ascii: "{") {
            guard let line = try? JSONDecoder().decode(JSONRecord.self, from: Data(bytes)) else {
                malformed += 1; return
            }
            if line.final == true {
                if let run = line.run { finishedRuns.insert(run) }
                return
            }
            guard let run = line.run, let r = Self.record({ line.values[$0] ?? nil }) else {
                malformed += 1
                return
            }
            add(run, r)
            return
        }
        let fields: [String]
        do {
            fields = try bytes.withUnsafeBufferPointer { buffer in
                var records = Records(buffer)
                return try records.next(name: path).map { f in f.map { records.text($0) } } ?? []
            }
        } catch {
            malformed += 1
            return
        }
        guard let columns else {
            // the header: nntui's columns, in any order; without one, nntui's order is assumed
            if fields.contains("run") && fields.contains("train_loss") {
                self.columns = Dictionary(fields.enumerated().map { ($1, $0) }, uniquingKeysWith: { a, _ in a })
                return
            }
            self.columns = Dictionary(
                uniqueKeysWithValues: MetricsLog.header.split(separator: ",").enumerated().map { (String($1), $0) })
            take(line)
            return
        }
        guard let runColumn = columns["run"], runColumn < fields.count,
            let r = Self.record({ key in columns[key].flatMap { $0 < fields.count ? Double(fields[$0]) : nil } })
        else {
            malformed += 1
            return
        }
        add(fields[runColumn], r)
    }

    /// A JSON line as `train --json` writes it: the run's name, the final line's mark,
    /// and the numbers by key (null, or absent, as nil).
    struct JSONRecord: Decodable {
        var run: String?
        var final: Bool?
        var values: [String: Double?] = [:]

        static let numbers = ["epoch", "step", "lr", "train_loss", "train_acc", "val_loss", "val_acc", "seconds"]

        init(from decoder: Decoder) throws {
            let c = try decoder.container(keyedBy: NamedKey.self)
            run = try c.decodeIfPresent(String.self, forKey: NamedKey("run"))
            final = try? c.decodeIfPresent(Bool.self, forKey: NamedKey("final"))
            for name in Self.numbers { values[name] = try? c.decodeIfPresent(Double.self, forKey: NamedKey(name)) }
        }
    }

    /// A record from a lookup of the log's keys; nil without an epoch and a finite training loss.
    /// An accuracy is a share from 0 to 1: another value (`-inf`, 7) is no accuracy.
    static func record(_ value: (String) -> Double?) -> EpochRecord? {
        guard let epoch = value("epoch"), epoch >= 0, epoch < 1e15, let loss = value("train_loss"), !loss.isNaN else {
            return nil
        }
        func share(_ key: String) -> Double? { value(key).flatMap { (0...1).contains($0) ? $0 : nil } }
        return EpochRecord(
            epoch: Int(epoch), step: value("step").map { $0.isFinite ? Int(max(min($0, 1e15), 0)) : 0 } ?? 0,
            lr: Float(value("lr") ?? 0), trainLoss: loss, trainAccuracy: share("train_acc"),
            validationLoss: value("val_loss"), validationAccuracy: share("val_acc"), seconds: value("seconds") ?? 0)
    }

    private func add(_ run: String, _ r: EpochRecord) {
        if let k = index[run] {
            runs[k].records.append(r)
        } else {
            index[run] = runs.count
            runs.append((run, [r]))
        }
    }
}
