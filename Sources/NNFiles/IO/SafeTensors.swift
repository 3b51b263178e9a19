import Foundation
import NNEngine

/// Writes the safetensors format: an 8-byte little-endian header length `n`, `n`
/// bytes of JSON (padded with spaces to a multiple of 8) naming each tensor's dtype,
/// shape and byte range, then the tensors' bytes in the order given.
public enum SafeTensors {
    public struct Tensor {
        public var name: String
        public var dtype: String
        public var shape: [Int]
        public var bytes: Data

        /// A float32 tensor (`F32`).
        public static func float(_ name: String, _ values: [Float], shape: [Int]) -> Tensor {
            Tensor(name: name, dtype: "F32", shape: shape, bytes: values.withUnsafeBufferPointer { Data(buffer: $0) })
        }
        /// An int64 tensor (`I64`): class labels and sample indices, as PyTorch indexes.
        public static func int64(_ name: String, _ values: [Int], shape: [Int]) -> Tensor {
            let v = values.map { Int64($0).littleEndian }
            return Tensor(name: name, dtype: "I64", shape: shape, bytes: v.withUnsafeBufferPointer { Data(buffer: $0) })
        }
    }

    /// The JSON header: each tensor's entry by name, and the free-form metadata
    /// under `__metadata__`.
    public struct Header: Codable {
        public struct Entry: Codable {
            public var dtype: String
            public var shape: [Int]
            public var data_offsets: [Int]
        }
        public var tensors: [String: Entry] = [:]
        public var metadata: [String: String] = [:]

        /// A tensor whose header entry does not read.
        public struct MalformedEntry: Error { public let name: String }

        static let metadataKey = "__metadata__"

        init(tensors: [String: Entry], metadata: [String: String]) { self.tensors = tensors; self.metadata = metadata }

        public init(from decoder: Decoder) throws {
            let c = try decoder.container(keyedBy: NamedKey.self)
            for key in c.allKeys {
                if key.stringValue == Self.metadataKey {
                    // metadata that is not all strings is not nntui's: read as none
                    metadata = (try? c.decode([String: String].self, forKey: key)) ?? [:]
                } else {
                    do { tensors[key.stringValue] = try c.decode(Entry.self, forKey: key) } catch {
                        throw MalformedEntry(name: key.stringValue)
                    }
                }
            }
        }

        public func encode(to encoder: Encoder) throws {
            var c = encoder.container(keyedBy: NamedKey.self)
            if !metadata.isEmpty { try c.encode(metadata, forKey: NamedKey(Self.metadataKey)) }
            for (name, entry) in tensors { try c.encode(entry, forKey: NamedKey(name)) }
        }
    }

    /// The file's bytes (little-endian on every supported CPU).
    public static func encode(_ tensors: [Tensor], metadata: [String: String]) throws -> Data {
        var entries: [String: Header.Entry] = [:]
        var offset = 0
        for t in tensors {
            entries[t.name] = Header.Entry(
                dtype: t.dtype, shape: t.shape, data_offsets: [offset, offset + t.bytes.count])
            offset += t.bytes.count
        }
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        var json = try encoder.encode(Header(tensors: entries, metadata: metadata))
        while json.count % 8 != 0 { json.append(0x20) }
        var n = UInt64(json.count).littleEndian
        var file = Data(bytes: &n, count: 8)
        file.append(json)
        for t in tensors { file.append(t.bytes) }
        return file
    }

    /// Writes `tensors` to `path` whole or not at all.
    public static func write(_ tensors: [Tensor], metadata: [String: String], to path: String) throws {
        try AtomicFile.write(try encode(tensors, metadata: metadata), to: path)
    }
}
