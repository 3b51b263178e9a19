/// The buffers one batch needs, sized once for a maximum batch size: `A[0] = X`,
/// `Z[l]`, `A[l]` (kept from the forward pass for the backward pass), `delta[l]` and
/// the targets `T`. A smaller batch uses the first columns of the same buffers, so
/// a training step allocates nothing.
public final class Workspace {
    public let capacity: Int
    /// `Z[l]` for `l = 0...L` (`Z[0]` unused, kept so indices match the lecture).
    public let Z: [Matrix]
    /// `A[l]` for `l = 0...L`; `A[0]` is the input batch `X`, `A[L] = Y`.
    public let A: [Matrix]
    /// `delta[l] = dC/dZ[l]` for `l = 0...L` (`delta[0]` unused).
    public let delta: [Matrix]
    /// Targets `T`, `N_L x m` (one-hot for classes).
    public let T: Matrix

    public init(sizes: [Int], capacity: Int) {
        self.capacity = max(1, capacity)
        Z = sizes.enumerated().map { Matrix(rows: $0.offset == 0 ? 0 : $0.element, cols: 0, capacity: capacity) }
        A = sizes.map { Matrix(rows: $0, cols: 0, capacity: capacity) }
        delta = sizes.enumerated().map { Matrix(rows: $0.offset == 0 ? 0 : $0.element, cols: 0, capacity: capacity) }
        T = Matrix(rows: sizes.last ?? 0, cols: 0, capacity: capacity)
    }

    /// Columns `from..<from + capacity` of `parent`'s buffers, shared: a slice of a
    /// data-parallel batch works here, and the batch's gradients read all the slices
    /// at once from `parent`.
    public init(columnsOf parent: Workspace, from: Int, capacity: Int) {
        self.capacity = capacity
        Z = parent.Z.map { Matrix(columnsOf: $0, from: from, capacity: capacity) }
        A = parent.A.map { Matrix(columnsOf: $0, from: from, capacity: capacity) }
        delta = parent.delta.map { Matrix(columnsOf: $0, from: from, capacity: capacity) }
        T = Matrix(columnsOf: parent.T, from: from, capacity: capacity)
    }

    /// Sets every buffer to `m` columns.
    public func setBatch(_ m: Int) {
        for x in Z { x.setColumns(m) }
        for x in A { x.setColumns(m) }
        for x in delta { x.setColumns(m) }
        T.setColumns(m)
    }
    public var X: Matrix { A[0] }
    public var Y: Matrix { A[A.count - 1] }
}
