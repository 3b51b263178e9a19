/// Least-squares polynomial fit of degree `d`, stable at degree 15-20: the abscissae
/// are mapped to `[-1, 1]`, the basis is Chebyshev polynomials `T_k`, and the normal
/// equations are avoided by solving the least-squares problem with Householder QR.
public struct PolynomialFit: Sendable {
    public let degree: Int
    public let coefficients: [Double]
    let lo: Double, hi: Double

    /// Fits `y ~ sum_k c_k T_k(u)`, `u = (2x - lo - hi) / (hi - lo)`. When there are
    /// fewer points than coefficients the degree is lowered to `points - 1`.
    public init(x: [Double], y: [Double], degree: Int) {
        precondition(x.count == y.count && !x.isEmpty)
        let d = max(0, min(degree, x.count - 1))
        self.degree = d
        lo = x.min()!
        hi = max(x.max()!, lo + 1e-12)
        let m = x.count, n = d + 1
        // A is m x n, row-major in a flat array
        var a = [Double](repeating: 0, count: m * n)
        for i in 0..<m {
            let u = (2 * x[i] - lo - hi) / (hi - lo)
            for (k, v) in Self.chebyshev(u, n).enumerated() { a[i * n + k] = v }
        }
        coefficients = Self.leastSquares(a: a, b: y, m: m, n: n)
    }

    /// `T_0..T_(n-1)` at `u` by the recurrence `T_(k+1) = 2u T_k - T_(k-1)`.
    static func chebyshev(_ u: Double, _ n: Int) -> [Double] {
        var t = [Double](repeating: 0, count: n)
        if n > 0 { t[0] = 1 }
        if n > 1 { t[1] = u }
        if n > 2 { for k in 2..<n { t[k] = 2 * u * t[k - 1] - t[k - 2] } }
        return t
    }

    /// Solves `min ||A c - b||` by Householder QR (A is `m x n`, `m >= n`, row-major).
    static func leastSquares(a aIn: [Double], b bIn: [Double], m: Int, n: Int) -> [Double] {
        var a = aIn, b = bIn
        for k in 0..<n {
            var norm = 0.0
            for i in k..<m { norm += a[i * n + k] * a[i * n + k] }
            norm = norm.squareRoot()
            if norm == 0 { continue }
            let alpha = a[k * n + k] > 0 ? -norm : norm
            var v = [Double](repeating: 0, count: m)
            for i in k..<m { v[i] = a[i * n + k] }
            v[k] -= alpha
            var vv = 0.0
            for i in k..<m { vv += v[i] * v[i] }
            if vv == 0 { continue }
            for j in k..<n {
                var s = 0.0
                for i in k..<m { s += v[i] * a[i * n + j] }
                let f = 2 * s / vv
                for i in k..<m { a[i * n + j] -= f * v[i] }
            }
            var s = 0.0
            for i in k..<m { s += v[i] * b[i] }
            let f = 2 * s / vv
            for i in k..<m { b[i] -= f * v[i] }
        }
        var c = [Double](repeating: 0, count: n)
        for k in stride(from: n - 1, through: 0, by: -1) {
            var s = b[k]
            for j in (k + 1)..<max(n, k + 1) { s -= a[k * n + j] * c[j] }
            let r = a[k * n + k]
            c[k] = abs(r) > 1e-14 ? s / r : 0
        }
        return c
    }

    /// The fitted polynomial at `x`.
    public func callAsFunction(_ x: Double) -> Double {
        let u = (2 * x - lo - hi) / (hi - lo)
        return zip(coefficients, Self.chebyshev(u, coefficients.count)).reduce(0) { $0 + $1.0 * $1.1 }
    }

    /// Root-mean-square error of `f` against `(x, y)`: `sqrt(mean (f(x) - y)^2)`.
    public static func rmse(_ f: (Double) -> Double, x: [Double], y: [Double]) -> Double {
        rmse(x.map(f), y)
    }

    /// Root-mean-square difference of two curves: `sqrt(mean (a - b)^2)`.
    public static func rmse(_ a: [Double], _ b: [Double]) -> Double {
        guard !a.isEmpty else { return 0 }
        return (zip(a, b).reduce(0.0) { let d = $1.0 - $1.1; return $0 + d * d } / Double(a.count)).squareRoot()
    }
}
