/// Layer `l` of the network: `z[l] = b[l] + W[l] a[l-1]` with `W[l]` of shape
/// `N_l x N_(l-1)`, plus the mean mini-batch gradients `dC/dW[l]` and `dC/db[l]`.
public final class DenseLayer {
    public let inputs: Int
    public let outputs: Int
    /// `W[l]`, `N_l x N_(l-1)`.
    public let W: Matrix
    /// `b[l]`, `N_l x 1`.
    public let b: Matrix
    /// `dC/dW[l] = (1/m) delta[l] A[l-1]^T`.
    public let dW: Matrix
    /// `dC/db[l] = (1/m) delta[l] 1`.
    public let db: Matrix

    public init(inputs: Int, outputs: Int) {
        self.inputs = inputs
        self.outputs = outputs
        W = Matrix(rows: outputs, cols: inputs)
        b = Matrix(rows: outputs, cols: 1)
        dW = Matrix(rows: outputs, cols: inputs)
        db = Matrix(rows: outputs, cols: 1)
    }

    /// Whether this layer's products use `SmallProducts` rather than BLAS.
    public var isSmall: Bool { SmallProducts.isSmall(inputs: inputs, outputs: outputs) }

    /// `Z = b 1^T + W A`: the bias broadcast into every column, then one GEMM.
    func forward(_ a: Matrix, into z: Matrix) {
        if isSmall { return SmallProducts.affine(W, b, a, into: z) }
        for j in 0..<z.cols { z.column(j).update(from: b.data, count: outputs) }
        GEMM.multiply(W, a, into: z, beta: 1)
    }

    /// `D = W^T delta`: the deltas sent back to the layer below, before `f'`.
    func backprop(_ delta: Matrix, into d: Matrix) {
        if isSmall { return SmallProducts.backprop(W, delta, into: d) }
        GEMM.multiply(W, transposeA: true, delta, into: d)
    }

    /// The mean gradients from `delta[l]` and `A[l-1]` over a batch of `m` samples
    /// (one column each): `dC/dW = (1/m) delta A^T`, `dC/db = (1/m) delta 1`.
    func gradients(delta: Matrix, input a: Matrix) {
        weightGradient(columns: 0..<inputs, delta: delta, input: a)
        biasGradient(delta: delta)
    }

    /// Columns `columns` of `dC/dW = (1/m) delta A^T` into `dW` (a thread's block of
    /// a data-parallel step; the block is contiguous in memory).
    func weightGradient(columns: Range<Int>, delta: Matrix, input a: Matrix) {
        if isSmall { return SmallProducts.outer(delta, a, columns: columns, into: dW) }
        GEMM.multiplyTransposed(delta, a, columns: columns, into: dW, alpha: 1 / Float(max(delta.cols, 1)))
    }

    /// `dC/db = (1/m) delta 1` into `db`.
    func biasGradient(delta: Matrix) {
        db.fill(0)
        for j in 0..<delta.cols {
            let d = delta.column(j)
            for i in 0..<outputs { db.data[i] += d[i] }
        }
        let scale = 1 / Float(max(delta.cols, 1))
        for i in 0..<outputs { db.data[i] *= scale }
    }
}
