/// A dense Float32 matrix stored column-major (BLAS's native order), so a batch
/// `X` of `n x m` keeps each sample as one contiguous column, as in the lecture.
///
/// The storage is a single heap buffer owned by the class: reference semantics on
/// purpose, so hot loops never trigger copy-on-write. A matrix is sized once with a
/// column *capacity*; `cols` may then shrink or grow within it (a smaller last
/// mini-batch is the prefix of the same buffer), so a training step never allocates.
public final class Matrix {
    public let rows: Int
    public private(set) var cols: Int
    public let capacity: Int
    public let data: UnsafeMutablePointer<Float>
    /// The matrix whose storage this one views (nil: it owns its own).
    private let parent: Matrix?

    /// A `rows x cols` matrix of zeros with room for `capacity` columns.
    public init(rows: Int, cols: Int, capacity: Int? = nil) {
        precondition(rows >= 0 && cols >= 0)
        self.rows = rows
        self.cols = cols
        self.capacity = max(cols, capacity ?? cols)
        let n = max(1, rows * self.capacity)
        data = .allocate(capacity: n)
        data.initialize(repeating: 0, count: n)
        parent = nil
    }

    /// Columns `from..<from + capacity` of `parent`, sharing its storage (a
    /// data-parallel slice's part of the batch's buffers); starts with no columns.
    public init(columnsOf parent: Matrix, from: Int, capacity: Int) {
        precondition(from >= 0 && capacity >= 0 && from + capacity <= parent.capacity)
        rows = parent.rows
        cols = 0
        self.capacity = capacity
        data = parent.data + from * parent.rows
        self.parent = parent
    }

    /// A matrix with the given column-major values.
    public convenience init(rows: Int, cols: Int, values: [Float]) {
        precondition(values.count == rows * cols, "expected \(rows * cols) values, got \(values.count)")
        self.init(rows: rows, cols: cols)
        values.withUnsafeBufferPointer { data.update(from: $0.baseAddress!, count: values.count) }
    }

    deinit { if parent == nil { data.deallocate() } }

    /// Number of elements in use: `rows * cols`.
    @inlinable public var count: Int { rows * cols }

    /// Uses the first `n` columns of the buffer (`n <= capacity`).
    public func setColumns(_ n: Int) {
        precondition(n >= 0 && n <= capacity, "column count \(n) exceeds capacity \(capacity)")
        cols = n
    }

    /// Element `(i, j)`, stored at `i + j * rows`.
    @inlinable public subscript(i: Int, j: Int) -> Float {
        get { data[i + j * rows] }
        set { data[i + j * rows] = newValue }
    }

    /// Pointer to column `j`.
    @inlinable public func column(_ j: Int) -> UnsafeMutablePointer<Float> { data + j * rows }

    /// The used elements as an array (column-major).
    public var values: [Float] { Array(UnsafeBufferPointer(start: data, count: count)) }

    /// Sets every used element to `value`.
    public func fill(_ value: Float) { data.update(repeating: value, count: count) }

    /// Copies the used elements of `other` (same shape) into this matrix.
    public func copy(from other: Matrix) {
        precondition(other.rows == rows && other.cols == cols)
        data.update(from: other.data, count: count)
    }

    /// Frobenius norm `sqrt(sum_ij x_ij^2)`, accumulated in Double.
    public func norm() -> Double {
        var s = 0.0
        for k in 0..<count { let v = Double(data[k]); s += v * v }
        return s.squareRoot()
    }
}
