import CBLAS

/// Thin wrappers over OpenBLAS `cblas_sgemm`: `C = alpha op(A) op(B) + beta C`,
/// all matrices column-major.
public enum GEMM {
    /// `C = alpha op(A) op(B) + beta C` where `op(X)` is `X` or `X^T`.
    /// `C` is `M x N`, `op(A)` is `M x K`, `op(B)` is `K x N`.
    @inline(__always)
    public static func multiply(
        _ a: Matrix, transposeA: Bool = false,
        _ b: Matrix, transposeB: Bool = false,
        into c: Matrix, alpha: Float = 1, beta: Float = 0
    ) {
        let m = transposeA ? a.cols : a.rows
        let k = transposeA ? a.rows : a.cols
        let kb = transposeB ? b.cols : b.rows
        let n = transposeB ? b.rows : b.cols
        precondition(
            k == kb && c.rows == m && c.cols == n,
            "gemm shape mismatch: \(m)x\(k) · \(kb)x\(n) -> \(c.rows)x\(c.cols)")
        if m == 0 || n == 0 { return }
        if k == 0 {
            if beta == 0 { c.fill(0) } else { for i in 0..<c.count { c.data[i] *= beta } }
            return
        }
        cblas_sgemm(
            CblasColMajor,
            transposeA ? CblasTrans : CblasNoTrans,
            transposeB ? CblasTrans : CblasNoTrans,
            Int32(m), Int32(n), Int32(k), alpha,
            a.data, Int32(max(1, a.rows)),
            b.data, Int32(max(1, b.rows)),
            beta, c.data, Int32(max(1, c.rows)))
    }

    /// A block of columns of `C = alpha A B^T + beta C`: `C[:, cols] = alpha A (B[cols, :])^T
    /// + beta C[:, cols]`, `A` `M x K`, `B` `N x K`, `C` `M x N` (a thread's part of a
    /// weight gradient `delta A^T`, whose columns are contiguous in memory).
    public static func multiplyTransposed(
        _ a: Matrix, _ b: Matrix, columns: Range<Int>, into c: Matrix,
        alpha: Float = 1, beta: Float = 0
    ) {
        precondition(
            a.cols == b.cols && c.rows == a.rows && c.cols == b.rows && columns.upperBound <= c.cols,
            "gemm block shape mismatch: \(a.rows)x\(a.cols) · (\(b.rows)x\(b.cols))ᵀ -> \(c.rows)x\(c.cols)")
        let first = c.data + columns.lowerBound * c.rows
        if a.rows == 0 || columns.isEmpty { return }
        if a.cols == 0 {
            for i in 0..<(columns.count * c.rows) { first[i] = beta == 0 ? 0 : first[i] * beta }
            return
        }
        cblas_sgemm(
            CblasColMajor, CblasNoTrans, CblasTrans, Int32(a.rows), Int32(columns.count), Int32(a.cols), alpha,
            a.data, Int32(max(1, a.rows)), b.data + columns.lowerBound, Int32(max(1, b.rows)),
            beta, first, Int32(max(1, c.rows)))
    }

    /// Raw single-precision GEMM on pointers (column-major, no transposes):
    /// `C[m x n] = A[m x k] B[k x n]`. Used by the peak-FLOP probe of `bench`.
    public static func raw(
        m: Int, n: Int, k: Int, a: UnsafePointer<Float>, b: UnsafePointer<Float>,
        c: UnsafeMutablePointer<Float>
    ) {
        cblas_sgemm(
            CblasColMajor, CblasNoTrans, CblasNoTrans, Int32(m), Int32(n), Int32(k), 1,
            a, Int32(m), b, Int32(k), 0, c, Int32(m))
    }
}
