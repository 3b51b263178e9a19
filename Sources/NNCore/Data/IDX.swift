import CZlib
import Foundation

/// The IDX file format of MNIST: 2 zero bytes, a type byte (0x08 = unsigned byte),
/// the number of dimensions, each dimension as a big-endian UInt32, then the data.
/// Files may be plain or gzip-compressed (zlib reads both).
public enum IDX {
    public struct Header: Equatable, Sendable {
        public var dimensions: [Int]
        /// Number of data bytes, or nil when the product overflows.
        public var count: Int? {
            var n = 1
            for d in dimensions {
                let (p, overflow) = n.multipliedReportingOverflow(by: d)
                if overflow { return nil }
                n = p
            }
            return n
        }
    }

    /// Parses the header at the start of `bytes`; `name` appears in errors.
    public static func parseHeader(_ bytes: [UInt8], name: String) throws -> (Header, offset: Int) {
        guard bytes.count >= 4 else {
            throw NNError.input("\(name): file is too short to be an IDX file (\(bytes.count) bytes).")
        }
        guard bytes[0] == 0, bytes[1] == 0 else {
            throw NNError.input("\(name): not an IDX file (bad magic number \(String(format: "%02x%02x%02x%02x", bytes[0], bytes[1], bytes[2], bytes[3]))).")
        }
        guard bytes[2] == 0x08 else {
            throw NNError.input("\(name): IDX data type 0x\(String(bytes[2], radix: 16)) is not supported (only unsigned bytes, 0x08).")
        }
        let n = Int(bytes[3])
        guard (1...4).contains(n) else { throw NNError.input("\(name): IDX file has \(n) dimensions; expected 1 to 4.") }
        guard bytes.count >= 4 + 4 * n else { throw NNError.input("\(name): truncated IDX header.") }
        var dims: [Int] = []
        for k in 0..<n {
            let o = 4 + 4 * k
            dims.append(Int(bytes[o]) << 24 | Int(bytes[o + 1]) << 16 | Int(bytes[o + 2]) << 8 | Int(bytes[o + 3]))
        }
        return (Header(dimensions: dims), 4 + 4 * n)
    }

    /// Reads a whole IDX file (plain or gzip) and returns its dimensions and bytes.
    public static func read(path: String) throws -> (Header, [UInt8]) {
        try parse(readDecompressed(path: path), name: path)
    }

    /// Parses the (decompressed) bytes of a whole IDX file; `name` appears in errors.
    public static func parse(_ bytes: [UInt8], name: String) throws -> (Header, [UInt8]) {
        let (header, offset) = try parseHeader(bytes, name: name)
        let have = bytes.count - offset
        guard let count = header.count, have >= count else {
            throw NNError.input("\(name): truncated IDX file: the header promises \(header.count.map(String.init) ?? "more than 2^63") bytes of data but the file holds \(have).")
        }
        return (header, Array(bytes[offset..<(offset + count)]))
    }

    /// The file's bytes, decompressed when it is gzip.
    static func readDecompressed(path: String) throws -> [UInt8] {
        guard FileManager.default.fileExists(atPath: path) else {
            throw NNError.input("\(path): no such file.")
        }
        guard let f = gzopen(path, "rb") else { throw NNError.input("\(path): cannot open the file.") }
        defer { gzclose(f) }
        var out: [UInt8] = []
        var chunk = [UInt8](repeating: 0, count: 1 << 20)
        while true {
            let n = chunk.withUnsafeMutableBytes { gzread(f, $0.baseAddress, UInt32($0.count)) }
            if n < 0 {
                var errnum: Int32 = 0
                let msg = gzerror(f, &errnum).map { String(cString: $0) } ?? "read error"
                throw NNError.input("\(path): cannot decompress the file (\(msg)).")
            }
            if n == 0 { break }
            out.append(contentsOf: chunk[0..<Int(n)])
        }
        // zlib stops silently at a cut-off gzip stream; gzeof is set then too, so
        // check the trailer: a complete member leaves no error.
        var errnum: Int32 = 0
        _ = gzerror(f, &errnum)
        if errnum != Z_OK && errnum != Z_STREAM_END {
            throw NNError.input("\(path): the compressed file is truncated or corrupt.")
        }
        return out
    }

    /// Writes an unsigned-byte IDX file with `dimensions`; gzip when `gzip` is true.
    /// Written to a temporary file and renamed.
    public static func write(path: String, dimensions: [Int], data: [UInt8], gzip: Bool) throws {
        var bytes: [UInt8] = [0, 0, 0x08, UInt8(dimensions.count)]
        for d in dimensions { bytes += [UInt8(d >> 24 & 255), UInt8(d >> 16 & 255), UInt8(d >> 8 & 255), UInt8(d & 255)] }
        bytes += data
        if !gzip {
            try AtomicFile.write(Data(bytes), to: path)
            return
        }
        try AtomicFile.write(to: path) { tmp in
            guard let f = gzopen(tmp, "wb") else { return false }
            let written = bytes.withUnsafeBytes { gzwrite(f, $0.baseAddress, UInt32($0.count)) }
            return gzclose(f) == Z_OK && written == bytes.count
        }
    }
}

/// Image/label pairs in a folder of IDX files named as MNIST's
/// (`train-images-idx3-ubyte[.gz]`, `train-labels-idx1-ubyte[.gz]`, `t10k-...`).
public enum IDXFolder {
    /// Finds `stem` or `stem.gz` in `folder`.
    static func file(_ folder: String, _ stem: String) -> String? {
        for name in [stem, stem + ".gz", stem.replacingOccurrences(of: "-idx", with: ".idx"),
                     stem.replacingOccurrences(of: "-idx", with: ".idx") + ".gz"] {
            let p = (folder as NSString).appendingPathComponent(name)
            if FileManager.default.fileExists(atPath: p) { return p }
        }
        return nil
    }

    /// Loads one split (`train` or `t10k`) as a byte store with class names.
    public static func load(folder: String, split: String, classNames: [String]?) throws -> SampleStore? {
        var isDir: ObjCBool = false
        guard FileManager.default.fileExists(atPath: folder, isDirectory: &isDir), isDir.boolValue else {
            throw NNError.input("\(folder): no such folder.")
        }
        let imagesPath = file(folder, "\(split)-images-idx3-ubyte")
        let labelsPath = file(folder, "\(split)-labels-idx1-ubyte")
        guard let imagesPath, let labelsPath else {
            if split == "t10k" { return nil }
            throw NNError.input("\(folder): no \(split)-images-idx3-ubyte[.gz] and \(split)-labels-idx1-ubyte[.gz] files in the folder.")
        }
        let (ih, images) = try IDX.read(path: imagesPath)
        let (lh, labels) = try IDX.read(path: labelsPath)
        guard ih.dimensions.count >= 2 else {
            throw NNError.input("\(imagesPath): expected an image file with at least 2 dimensions, found \(ih.dimensions.count).")
        }
        guard lh.dimensions.count == 1 else {
            throw NNError.input("\(labelsPath): expected a label file with 1 dimension, found \(lh.dimensions.count).")
        }
        let count = ih.dimensions[0]
        guard lh.dimensions[0] == count else {
            throw NNError.input("\(labelsPath): holds \(lh.dimensions[0]) labels but \(imagesPath) holds \(count) images.")
        }
        let features = ih.dimensions.dropFirst().reduce(1, *)
        let classCount = Int(labels.max() ?? 0) + 1
        // the given names, padded with numbers should the labels go beyond them
        let given = classNames ?? []
        let names = given + (given.count..<max(classCount, classNames == nil ? 10 : given.count)).map(String.init)
        let shape = ih.dimensions.count == 3 ? (rows: ih.dimensions[1], cols: ih.dimensions[2]) : nil
        return SampleStore(features: .bytes(images), featureCount: features,
                           targets: .classes(labels.map { Int32($0) }, names: names), imageShape: shape)
    }
}
