import CKernels

/// The raw samples of a data source: `M` feature vectors of length `n`, stored as
/// Float or as UInt8 (images: 1 byte a pixel, converted per batch), plus class
/// labels or regression targets. A per-feature affine map `x = raw * scale + shift`
/// (the fitted scaling) is applied when a batch is gathered, so splits share one store.
public final class SampleStore {
    public enum Features: Sendable {
        case float([Float])
        case bytes([UInt8])
    }
    public enum Targets: Sendable {
        /// Class index per sample, with the class names.
        case classes([Int32], names: [String])
        /// `k` real targets per sample (column-major `k x M`).
        case values([Float], width: Int)
    }

    public let features: Features
    public let featureCount: Int
    public let count: Int
    public let targets: Targets
    /// Image shape `(rows, cols)` where the features are pixels.
    public let imageShape: (rows: Int, cols: Int)?
    public private(set) var scale: [Float]
    public private(set) var shift: [Float]

    public init(features: Features, featureCount: Int, targets: Targets, imageShape: (rows: Int, cols: Int)? = nil) {
        self.features = features
        self.featureCount = featureCount
        switch features {
        case .float(let f): count = featureCount == 0 ? 0 : f.count / featureCount
        case .bytes(let b): count = featureCount == 0 ? 0 : b.count / featureCount
        }
        self.targets = targets
        self.imageShape = imageShape
        scale = Array(repeating: 1, count: featureCount)
        shift = Array(repeating: 0, count: featureCount)
    }

    /// A store of the same samples, their arrays shared and not copied, with a
    /// scaling of its own: runs that differ only in their split share one read.
    public func sharingSamples() -> SampleStore {
        SampleStore(features: features, featureCount: featureCount, targets: targets, imageShape: imageShape)
    }

    /// Bytes the samples and targets take.
    public var bytes: Int {
        let x: Int
        switch features {
        case .float(let f): x = 4 * f.count
        case .bytes(let b): x = b.count
        }
        switch targets {
        case .classes(let c, _): return x + 4 * c.count
        case .values(let v, _): return x + 4 * v.count
        }
    }

    public var isClassification: Bool { if case .classes = targets { true } else { false } }
    /// `N_L` implied by the targets: the class count (1 for two classes with a
    /// sigmoid output is chosen by the preset), or the regression width.
    public var classNames: [String] { if case .classes(_, let n) = targets { n } else { [] } }
    public var targetWidth: Int {
        switch targets {
        case .classes(_, let names): names.count
        case .values(_, let w): w
        }
    }

    /// Raw (unscaled) feature `f` of sample `i`.
    @inline(__always) public func raw(_ i: Int, _ f: Int) -> Float {
        switch features {
        case .float(let x): x[i * featureCount + f]
        case .bytes(let x): Float(x[i * featureCount + f])
        }
    }
    /// Calls `body` with the raw (unscaled) features of each sample in `indices`, as
    /// floats in one reused row buffer.
    public func forEachRawRow(_ indices: [Int], _ body: (UnsafeBufferPointer<Float>) -> Void) {
        let n = featureCount
        let one = [Float](repeating: 1, count: n), zero = [Float](repeating: 0, count: n)
        let row = UnsafeMutablePointer<Float>.allocate(capacity: max(n, 1))
        defer { row.deallocate() }
        for i in indices {
            switch features {
            case .float(let f):
                f.withUnsafeBufferPointer { nn_affine_floats(row, $0.baseAddress! + i * n, one, zero, n) }
            case .bytes(let b):
                b.withUnsafeBufferPointer { nn_affine_bytes(row, $0.baseAddress! + i * n, one, zero, n) }
            }
            body(UnsafeBufferPointer(start: row, count: n))
        }
    }

    /// Scaled feature `f` of sample `i`.
    @inline(__always) public func feature(_ i: Int, _ f: Int) -> Float { raw(i, f) * scale[f] + shift[f] }

    /// Class of sample `i` (classification only).
    public func label(_ i: Int) -> Int {
        if case .classes(let l, _) = targets { return Int(l[i]) }
        return 0
    }
    /// Regression target `k` of sample `i`.
    public func value(_ i: Int, _ k: Int = 0) -> Float {
        if case .values(let v, let w) = targets { return v[i * w + k] }
        return 0
    }

    /// Writes the scaled features `x = raw * scale + shift` of one raw input vector into `column`.
    public func scale(raw x: [Float], into column: UnsafeMutablePointer<Float>) {
        for f in 0..<featureCount { column[f] = x[f] * scale[f] + shift[f] }
    }

    /// Sets the scaling `x = raw * scale + shift`.
    public func setScaling(scale: [Float], shift: [Float]) {
        precondition(scale.count == featureCount && shift.count == featureCount)
        self.scale = scale
        self.shift = shift
    }

    /// Writes the scaled features of `indices` into the columns of `x` and their
    /// targets into `t` (one-hot for classes; a single 0/1 row for two classes
    /// when `t` has one row).
    public func gather<C: Collection>(_ indices: C, into x: Matrix, targets t: Matrix) where C.Element == Int {
        let n = featureCount
        x.setColumns(indices.count)
        t.setColumns(indices.count)
        scale.withUnsafeBufferPointer { sc in
            shift.withUnsafeBufferPointer { sh in
                var j = 0
                var next = indices.makeIterator()
                _ = next.next()
                for i in indices {
                    let col = x.column(j)
                    // the next sample's features start loading while this one converts
                    // (samples are scattered: each one's first touch misses the cache)
                    let following = next.next()
                    switch features {
                    case .float(let f):
                        f.withUnsafeBufferPointer {
                            if let k = following { nn_prefetch($0.baseAddress! + k * n, n * 4) }
                            nn_affine_floats(col, $0.baseAddress! + i * n, sc.baseAddress!, sh.baseAddress!, n)
                        }
                    case .bytes(let b):
                        b.withUnsafeBufferPointer {
                            if let k = following { nn_prefetch($0.baseAddress! + k * n, n) }
                            nn_affine_bytes(col, $0.baseAddress! + i * n, sc.baseAddress!, sh.baseAddress!, n)
                        }
                    }
                    let tc = t.column(j)
                    switch targets {
                    case .classes(let labels, _):
                        let c = Int(labels[i])
                        if t.rows == 1 {
                            tc[0] = c == 0 ? 0 : 1
                        } else {
                            for k in 0..<t.rows { tc[k] = 0 }
                            if c < t.rows { tc[c] = 1 }
                        }
                    case .values(let v, let w):
                        for k in 0..<min(w, t.rows) { tc[k] = v[i * w + k] }
                    }
                    j += 1
                }
            }
        }
    }
}

/// A view of a store: the samples at `indices` (a split shares its store's memory).
public struct Dataset {
    public let store: SampleStore
    public let indices: [Int]
    public init(store: SampleStore, indices: [Int]) {
        self.store = store
        self.indices = indices
    }
    public init(store: SampleStore) { self.init(store: store, indices: Array(0..<store.count)) }
    public var count: Int { indices.count }
    public var isEmpty: Bool { indices.isEmpty }
}
