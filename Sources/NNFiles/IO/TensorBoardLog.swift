import Foundation
import NNEngine

/// A run's metrics as TensorBoard's event files: `FOLDER/RUN/events.out.tfevents.
/// SECONDS.nntui.PID`, TFRecords (a length, its masked CRC-32C, the record, its masked
/// CRC-32C) each holding one serialized `Event` protocol buffer: first the file
/// version, then the run's settings as a text summary (`settings/text_summary`, as
/// torch's SummaryWriter names it), then per epoch the scalars
/// `loss/train`, `loss/validation`, `accuracy/train`, `accuracy/validation` and
/// `learning_rate` at step = epoch. The file is made at the first flush that has an
/// epoch, so a run that never completes one leaves nothing; later flushes append.
public final class TensorBoardLog {
    public let path: String
    private var pending: [UInt8] = []
    private var started = false
    private let settings: String

    /// The run's folder under `folder` is its name with every character but letters,
    /// digits, `.`, `-` and `_` written as `_` (a name is never a path).
    public init(folder: String, run: String, settings: String) {
        let safe = String(
            run.unicodeScalars.map {
                $0.isASCII && (CharacterSet.alphanumerics.contains($0) || "._-".unicodeScalars.contains($0))
                    ? Character($0) : "_"
            })
        let name = safe.isEmpty || safe.allSatisfy({ $0 == "." }) ? "run" : safe
        path = PathText.join(
            PathText.join(folder, name), "events.out.tfevents.\(Int(Date().timeIntervalSince1970)).nntui.\(getpid())")
        self.settings = settings
    }

    /// Checks, before any work, that `folder` is a folder nntui can write in, or can be
    /// made in one: one sentence naming `option` and the problem otherwise.
    public static func check(folder: String, option: String = "--tensorboard") throws {
        var isDir: ObjCBool = false
        if FileManager.default.fileExists(atPath: folder, isDirectory: &isDir) {
            guard isDir.boolValue else { throw NNError.input("\(option) \(folder): is a file, not a folder.") }
            guard access(folder, W_OK) == 0 else {
                throw NNError.input("\(option) \(folder): cannot write in the folder: \(systemReason()).")
            }
            return
        }
        let parent = PathText.folder(of: folder)
        guard FileManager.default.fileExists(atPath: parent, isDirectory: &isDir), isDir.boolValue else {
            throw NNError.input("\(option) \(folder): the folder \(parent) does not exist.")
        }
        guard access(parent, W_OK) == 0 else {
            throw NNError.input("\(option) \(folder): cannot make the folder: \(systemReason()).")
        }
    }

    /// Adds one epoch's scalars.
    public func append(_ r: EpochRecord) {
        var values: [[UInt8]] = [Self.scalar("loss/train", r.trainLoss), Self.scalar("learning_rate", Double(r.lr))]
        if let v = r.validationLoss { values.append(Self.scalar("loss/validation", v)) }
        if let a = r.trainAccuracy { values.append(Self.scalar("accuracy/train", a)) }
        if let a = r.validationAccuracy { values.append(Self.scalar("accuracy/validation", a)) }
        pending += Self.record(Self.event(step: r.epoch, summary: values))
    }

    /// Writes what was appended: the first time a new file (its folder made), then appending.
    public func flush() throws {
        guard !pending.isEmpty else { return }
        if !started {
            try FileManager.default.createDirectory(
                atPath: PathText.folder(of: path), withIntermediateDirectories: true)
            var head = Self.record(Self.field(3, string: "brain.Event:2") + Self.wallTime())
            head += Self.record(
                Self.event(step: 0, summary: [Self.text("settings/text_summary", "```\n\(settings)\n```")]))
            try AtomicFile.write(Data(head + pending), to: path)
            started = true
        } else {
            try AtomicFile.append(Data(pending), to: path)
        }
        pending = []
    }

    // MARK: the protocol buffers (Event, Summary, Summary.Value, TensorProto)

    static func event(step: Int, summary values: [[UInt8]]) -> [UInt8] {
        wallTime() + field(2, varint: UInt64(max(step, 0))) + field(5, bytes: values.flatMap { field(1, bytes: $0) })
    }

    static func wallTime() -> [UInt8] {
        var out = key(1, wire: 1)
        withUnsafeBytes(of: Date().timeIntervalSince1970.bitPattern.littleEndian) { out += $0 }
        return out
    }

    /// `Summary.Value { tag, simple_value }`.
    static func scalar(_ tag: String, _ v: Double) -> [UInt8] {
        var out = field(1, string: tag) + key(2, wire: 5)
        withUnsafeBytes(of: Float(v).bitPattern.littleEndian) { out += $0 }
        return out
    }

    /// `Summary.Value { tag, metadata { plugin_data { plugin_name: "text" } },
    /// tensor { dtype: DT_STRING, tensor_shape {}, string_val } }`.
    static func text(_ tag: String, _ text: String) -> [UInt8] {
        let metadata = field(1, bytes: field(1, string: "text"))
        let tensor = field(1, varint: 7) + field(2, bytes: []) + field(8, bytes: Array(text.utf8))
        return field(1, string: tag) + field(9, bytes: metadata) + field(8, bytes: tensor)
    }

    static func key(_ number: Int, wire: Int) -> [UInt8] { varint(UInt64(number << 3 | wire)) }
    static func field(_ number: Int, varint v: UInt64) -> [UInt8] { key(number, wire: 0) + varint(v) }
    static func field(_ number: Int, bytes: [UInt8]) -> [UInt8] {
        key(number, wire: 2) + varint(UInt64(bytes.count)) + bytes
    }
    static func field(_ number: Int, string: String) -> [UInt8] { field(number, bytes: Array(string.utf8)) }

    static func varint(_ value: UInt64) -> [UInt8] {
        var v = value, out: [UInt8] = []
        repeat {
            out.append(UInt8(v & 0x7F) | (v > 0x7F ? 0x80 : 0))
            v >>= 7
        } while v > 0
        return out
    }

    // MARK: TFRecord framing

    /// `length (u64 LE) · masked crc(length) (u32 LE) · data · masked crc(data) (u32 LE)`.
    static func record(_ data: [UInt8]) -> [UInt8] {
        var length: [UInt8] = []
        withUnsafeBytes(of: UInt64(data.count).littleEndian) { length += $0 }
        return length + le32(masked(crc32c(length))) + data + le32(masked(crc32c(data)))
    }

    static func le32(_ v: UInt32) -> [UInt8] {
        [UInt8(v & 0xFF), UInt8(v >> 8 & 0xFF), UInt8(v >> 16 & 0xFF), UInt8(v >> 24)]
    }

    /// TFRecord's mask: `((crc >> 15) | (crc << 17)) + 0xa282ead8`.
    static func masked(_ crc: UInt32) -> UInt32 { ((crc >> 15) | (crc << 17)) &+ 0xA282_EAD8 }

    /// CRC-32C (Castagnoli, reflected polynomial 0x82F63B78).
    static func crc32c(_ bytes: [UInt8]) -> UInt32 {
        var crc: UInt32 = 0xFFFF_FFFF
        for b in bytes { crc = table[Int((crc ^ UInt32(b)) & 0xFF)] ^ (crc >> 8) }
        return crc ^ 0xFFFF_FFFF
    }

    static let table: [UInt32] = (0..<256).map { i in
        var c = UInt32(i)
        for _ in 0..<8 { c = c & 1 != 0 ? 0x82F6_3B78 ^ (c >> 1) : c >> 1 }
        return c
    }
}
