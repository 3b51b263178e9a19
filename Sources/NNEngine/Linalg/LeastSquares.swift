import CBLAS

/// Linear least squares in double precision through LAPACK's `dgels` (Householder QR
/// of `A`, from the OpenBLAS the engine already links).
public enum LeastSquares {
    /// The `c` minimising `||A c - b||` for `A` `m x n` column-major with `m >= n` and
    /// full column rank; nil when `A` is rank-deficient (LAPACK's `info > 0`).
    public static func solve(a: [Double], rows m: Int, cols n: Int, b: [Double]) -> [Double]? {
        precondition(a.count == m * n && b.count == m && m >= n && n >= 1)
        var a = a, b = b, info: Int32 = 0
        var mm = Int32(m), nn = Int32(n), one: Int32 = 1, lda = Int32(m), ldb = Int32(m)
        // workspace query, then the solve
        var size = 0.0, query: Int32 = -1
        dgels_("N", &mm, &nn, &one, &a, &lda, &b, &ldb, &size, &query, &info, 1)
        var lwork = Int32(max(size, Double(n + m)))
        var work = [Double](repeating: 0, count: Int(lwork))
        dgels_("N", &mm, &nn, &one, &a, &lda, &b, &ldb, &work, &lwork, &info, 1)
        guard info == 0 else { return nil }
        return Array(b.prefix(n))
    }
}
