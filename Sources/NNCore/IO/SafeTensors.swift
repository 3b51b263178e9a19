import Foundation

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

    /// The file's bytes (little-endian on every supported CPU).
    public static func encode(_ tensors: [Tensor], metadata: [String: String]) throws -> Data {
        var header: [String: Any] = metadata.isEmpty ? [:] : ["__metadata__": metadata]
        var offset = 0
        for t in tensors {
            header[t.name] = ["dtype": t.dtype, "shape": t.shape, "data_offsets": [offset, offset + t.bytes.count]]
            offset += t.bytes.count
        }
        var json = try JSONSerialization.data(withJSONObject: header, options: [.sortedKeys])
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
