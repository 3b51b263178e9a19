import CZlib
import Foundation
import NNEngine

/// The IDX file format of MNIST: 2 zero bytes, a type byte (0x08 = unsigned byte),
/// the number of dimensions, each dimension as a big-endian UInt32, then the data.
/// Files may be plain or gzip-compressed (zlib reads both).
public enum IDX {
    public struct Header: Equatable, Sendable {
        public var dimensions: [Int]
        /// Number of data bytes, or nil when the product overflows.
        public var count: Int? { Memory.product(dimensions) }
    }

    /// Parses the header at the start of `bytes`; `name` appears in errors.
    public static func parseHeader(_ bytes: [UInt8], name: String) throws -> (Header, offset: Int) {
        guard bytes.count >= 4 else {
            throw NNError.input("\(name): file is too short to be an IDX file (\(bytes.count) bytes).")
        }
        guard bytes[0] == 0, bytes[1] == 0 else {
            throw NNError.input(
                "\(name): not an IDX file (bad magic number "
                    + "\(String(format: "%02x%02x%02x%02x", bytes[0], bytes[1], bytes[2], bytes[3])))."
            )
        }
        guard bytes[2] == 0x08 else {
            throw NNError.input(
                "\(name): IDX data type 0x\(String(bytes[2], radix: 16)) is not supported (only unsigned bytes, 0x08).")
        }
        let n = Int(bytes[3])
        guard (1...4).contains(n) else {
            throw NNError.input("\(name): IDX file has \(n) dimensions; expected 1 to 4.")
        }
        guard bytes.count >= 4 + 4 * n else { throw NNError.input("\(name): truncated IDX header.") }
        var dims: [Int] = []
        for k in 0..<n {
            let o = 4 + 4 * k
            dims.append(Int(bytes[o]) << 24 | Int(bytes[o + 1]) << 16 | Int(bytes[o + 2]) << 8 | Int(bytes[o + 3]))
        }
        return (Header(dimensions: dims), 4 + 4 * n)
    }

    /// Reads an IDX file (plain or gzip): the header, then exactly the bytes it
    /// promises, after checking they fit in memory; bytes after them are refused
    /// (so a small file cannot inflate to gigabytes). Only regular files are read;
    /// `interrupt` is polled every megabyte.
    public static func read(path: String, interrupt: Interrupt? = nil) throws -> (Header, [UInt8]) {
        try InputFile.checkRegular(path)
        guard let f = gzopen(path, "rb") else {
            throw NNError.input("\(path): cannot open the file: \(systemReason()).")
        }
        defer { gzclose(f) }
        return try decode(name: path, interrupt: interrupt) { buffer in
            let n = gzread(f, buffer.baseAddress, UInt32(buffer.count))
            guard n >= 0 else {
                var errnum: Int32 = 0
                let msg = gzerror(f, &errnum).map { String(cString: $0) } ?? "read error"
                throw NNError.input("\(path): cannot decompress the file (\(msg)).")
            }
            if n == 0 {
                // zlib stops silently at a cut-off gzip stream: a complete member leaves no error
                var errnum: Int32 = 0
                _ = gzerror(f, &errnum)
                if errnum != Z_OK && errnum != Z_STREAM_END {
                    throw NNError.input("\(path): the compressed file is truncated or corrupt.")
                }
            }
            return Int(n)
        }
    }

    /// Parses the (decompressed) bytes of a whole IDX file; `name` appears in errors.
    public static func parse(_ bytes: [UInt8], name: String) throws -> (Header, [UInt8]) {
        var offset = 0
        return try decode(name: name, interrupt: nil) { buffer in
            let n = min(buffer.count, bytes.count - offset)
            bytes.withUnsafeBytes { buffer.baseAddress!.copyMemory(from: $0.baseAddress! + offset, byteCount: n) }
            offset += n
            return n
        }
    }

    /// Header, data and end of an IDX stream; `read` fills up to the buffer's size
    /// and returns the bytes read, 0 at the end.
    static func decode(
        name: String, interrupt: Interrupt?,
        read: (UnsafeMutableRawBufferPointer) throws -> Int
    ) throws -> (Header, [UInt8]) {
        func fill(_ count: Int, into buffer: UnsafeMutableRawBufferPointer) throws -> Int {
            var got = 0
            while got < count {
                if let interrupt, interrupt.isRequested {
                    throw NNError.interrupted(interrupt.received, while: "reading \(name)")
                }
                let n = try read(UnsafeMutableRawBufferPointer(rebasing: buffer[got..<min(count, got + (1 << 20))]))
                if n == 0 { break }
                got += n
            }
            return got
        }
        var head = [UInt8](repeating: 0, count: 20)
        let first = try head.withUnsafeMutableBytes { try fill(4, into: $0) }
        let dimensions = first == 4 ? Int(head[3]) : 0
        let rest =
            (1...4).contains(dimensions)
            ? try head.withUnsafeMutableBytes {
                try fill(4 * dimensions, into: UnsafeMutableRawBufferPointer(rebasing: $0[4...]))
            } : 0
        let (header, _) = try parseHeader(Array(head[0..<(first + rest)]), name: name)
        guard let count = header.count else {
            throw NNError.input(
                "\(name): the IDX header's dimensions \(header.dimensions) multiply beyond any file size.")
        }
        try Memory.check(
            count, for: "\(name) (IDX dimensions \(header.dimensions.map(String.init).joined(separator: "x")))")
        // grown as the bytes arrive, so a header that lies costs only what the file holds
        var data: [UInt8] = []
        data.reserveCapacity(min(count, 1 << 26))
        var chunk = [UInt8](repeating: 0, count: min(count, 1 << 20))
        while data.count < count {
            let want = min(chunk.count, count - data.count)
            let n = try chunk.withUnsafeMutableBytes { try fill(want, into: $0) }
            if n == 0 { break }
            data.append(contentsOf: chunk[0..<n])
        }
        guard data.count == count else {
            throw NNError.input(
                "\(name): truncated IDX file: the header promises \(count) bytes of data but the file holds "
                    + "\(data.count)."
            )
        }
        var probe = [UInt8](repeating: 0, count: 1)
        guard try probe.withUnsafeMutableBytes({ try read($0) }) == 0 else {
            throw NNError.input(
                "\(name): more bytes follow the \(count) the IDX header promises; the file is not a well-formed IDX "
                    + "file."
            )
        }
        return (header, data)
    }
    /// Writes an unsigned-byte IDX file with `dimensions`; gzip when `gzip` is true.
    /// Written to a temporary file and renamed.
    public static func write(path: String, dimensions: [Int], data: [UInt8], gzip: Bool) throws {
        var bytes: [UInt8] = [0, 0, 0x08, UInt8(dimensions.count)]
        for d in dimensions {
            bytes += [UInt8(d >> 24 & 255), UInt8(d >> 16 & 255), UInt8(d >> 8 & 255), UInt8(d & 255)]
        }
        bytes += data
        if !gzip {
            try AtomicFile.write(Data(bytes), to: path)
            return
        }
        try AtomicFile.write(to: path) { fd in
            guard let f = gzdopen(dup(fd), "wb") else {
                throw NNError.runtime("\(path): cannot start the gzip stream.")
            }
            let written = bytes.withUnsafeBytes { gzwrite(f, $0.baseAddress, UInt32($0.count)) }
            guard gzclose(f) == Z_OK && written == bytes.count else {
                throw NNError.runtime("\(path): cannot write the compressed file.")
            }
        }
    }
}

/// Image/label pairs in a folder of IDX files named as MNIST's
/// (`train-images-idx3-ubyte[.gz]`, `train-labels-idx1-ubyte[.gz]`, `t10k-...`).
public enum IDXFolder {
    /// The most pixels an image may have: 4096x4096 (the input layer's width).
    public static let maxFeatures = 1 << 24

    /// Finds `stem` or `stem.gz` in `folder`.
    static func file(_ folder: String, _ stem: String) -> String? {
        for name in [
            stem, stem + ".gz", stem.replacingOccurrences(of: "-idx", with: ".idx"),
            stem.replacingOccurrences(of: "-idx", with: ".idx") + ".gz",
        ] {
            let p = PathText.join(folder, name)
            if FileManager.default.fileExists(atPath: p) { return p }
        }
        return nil
    }

    /// The path of `stem` (or `stem.gz`) in `folder`, or an input error.
    public static func path(_ folder: String, _ stem: String) throws -> String {
        guard let p = file(folder, stem) else { throw NNError.input("\(folder): no \(stem)[.gz] in the folder.") }
        return URL(fileURLWithPath: p).standardizedFileURL.path
    }

    /// The two splits of an IDX folder, by their files' prefix.
    public enum Split: String, Sendable {
        case train
        case test = "t10k"
    }

    /// Loads one split as a byte store with class names (nil for a missing test split);
    /// `classNames` given for the test split are the training split's, and its labels
    /// must lie within them.
    public static func load(folder: String, split: Split, classNames: [String]?, interrupt: Interrupt? = nil) throws
        -> SampleStore?
    {
        var isDir: ObjCBool = false
        guard FileManager.default.fileExists(atPath: folder, isDirectory: &isDir), isDir.boolValue else {
            throw NNError.input("\(folder): no such folder.")
        }
        let prefix = split.rawValue  // train, t10k
        let imagesPath = file(folder, "\(prefix)-images-idx3-ubyte")
        let labelsPath = file(folder, "\(prefix)-labels-idx1-ubyte")
        guard let imagesPath, let labelsPath else {
            if split == .test { return nil }
            throw NNError.input(
                "\(folder): no \(prefix)-images-idx3-ubyte[.gz] and \(prefix)-labels-idx1-ubyte[.gz] files in the "
                    + "folder."
            )
        }
        let (lh, labels) = try IDX.read(path: labelsPath, interrupt: interrupt)
        guard lh.dimensions.count == 1 else {
            throw NNError.input("\(labelsPath): expected a label file with 1 dimension, found \(lh.dimensions.count).")
        }
        let (ih, images) = try IDX.read(path: imagesPath, interrupt: interrupt)
        guard ih.dimensions.count >= 2 else {
            throw NNError.input(
                "\(imagesPath): expected an image file with at least 2 dimensions, found \(ih.dimensions.count).")
        }
        let count = ih.dimensions[0]
        guard lh.dimensions[0] == count else {
            throw NNError.input(
                "\(labelsPath): holds \(lh.dimensions[0]) labels but \(imagesPath) holds \(count) images.")
        }
        let shapeText = ih.dimensions.dropFirst().map(String.init).joined(separator: "x")
        guard let features = Memory.product(Array(ih.dimensions.dropFirst())), features >= 1, features <= maxFeatures
        else {
            throw NNError.input(
                "\(imagesPath): images of \(shapeText) pixels are outside what nntui reads (1 to \(maxFeatures) "
                    + "pixels)."
            )
        }
        guard count >= 1 || split != .train else { throw NNError.input("\(imagesPath): holds no images.") }
        let classCount = Int(labels.max() ?? 0) + 1
        if split != .train, let classNames, classCount > classNames.count {
            throw NNError.input(
                "\(labelsPath): label \(classCount - 1) is beyond the \(classNames.count) classes of the training "
                    + "labels."
            )
        }
        // the given names, padded with numbers should the labels go beyond them
        let given = classNames ?? []
        let names = given + (given.count..<max(classCount, classNames == nil ? 10 : given.count)).map(String.init)
        let shape = ih.dimensions.count == 3 ? (rows: ih.dimensions[1], cols: ih.dimensions[2]) : nil
        return SampleStore(
            features: .bytes(images), featureCount: features,
            targets: .classes(labels.map { Int32($0) }, names: names), imageShape: shape)
    }
}
