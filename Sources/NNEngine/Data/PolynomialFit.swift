/// R's `lm(y ~ poly(x, d))`: least squares in the basis of polynomials orthogonal over
/// the data's own x values, in double precision. The basis comes from the three-term
/// (Stieltjes) recurrence R's `poly` uses for prediction,
/// `p_0 = 1`, `p_1 = x - α_0`, `p_(k+1) = (x - α_k) p_k - (n_k / n_(k-1)) p_(k-1)`,
/// `α_k = Σ x p_k² / n_k`, `n_k = Σ p_k²`, each `p_k` divided by `sqrt(n_k)`; the
/// coefficients come from LAPACK's QR least squares (`dgels`). Well conditioned at
/// degree 15: the lecture's first residual, 1.5e-07, comes out to 8 digits.
public struct PolynomialFit: Sendable {
    public let degree: Int
    /// Coefficients in the orthonormal basis.
    public let coefficients: [Double]
    let alpha: [Double]
    let norms: [Double]

    /// Distinct x values: the highest degree a fit can have is one less.
    public static func distinctCount(_ x: [Double]) -> Int { Set(x).count }

    /// Fits degree `min(degree, distinct x values - 1)` to `(x, y)`.
    public init(x: [Double], y: [Double], degree: Int) {
        precondition(x.count == y.count && !x.isEmpty)
        let d = max(0, min(degree, Self.distinctCount(x) - 1))
        self.degree = d
        (alpha, norms) = Self.recurrence(x, degree: d)
        let m = x.count
        // column k of the m x (d+1) design matrix is p_k over the points
        var basis = [Double](repeating: 0, count: m * (d + 1))
        for i in 0..<m {
            for (k, v) in Self.basis(x[i], alpha: alpha, norms: norms).enumerated() { basis[k * m + i] = v }
        }
        let solved = LeastSquares.solve(a: basis, rows: m, cols: d + 1, b: y)
        coefficients = solved ?? [Double](repeating: .nan, count: d + 1)
    }

    /// The recurrence's `α_k` (k < d) and `n_k` (k ≤ d) from the points themselves;
    /// `stopping` ends it at the first `n_k` that leaves the range of doubles.
    static func recurrence(_ x: [Double], degree d: Int, stopping: Bool = false) -> (alpha: [Double], norms: [Double]) {
        var alpha: [Double] = [], norms: [Double] = []
        var previous = [Double](repeating: 0, count: x.count), p = [Double](repeating: 1, count: x.count)
        for k in 0...d {
            let n = p.reduce(0) { $0 + $1 * $1 }
            norms.append(n)
            guard k < d, !(stopping && !Self.inRange(n)) else { break }
            let a = zip(x, p).reduce(0) { $0 + $1.0 * $1.1 * $1.1 } / n
            alpha.append(a)
            let ratio = k == 0 ? 0 : n / norms[k - 1]
            let next = x.indices.map { (x[$0] - a) * p[$0] - ratio * previous[$0] }
            previous = p
            p = next
        }
        return (alpha, norms)
    }

    /// A norm `n_k` the basis can be divided by.
    static func inRange(_ n: Double) -> Bool { n.isFinite && n > 1e-280 }

    /// The highest degree, up to `degree`, whose recurrence stays in the range of
    /// doubles: found in `O(points × degree)` before any fit is built, so a degree far
    /// beyond it is refused at once (degree 3000 over 4000 points took 53 s to refuse).
    public static func highestRecurrenceDegree(x: [Double], upTo degree: Int) -> Int {
        let norms = recurrence(x, degree: degree, stopping: true).norms
        return (norms.firstIndex { !inRange($0) } ?? norms.count) - 1
    }

    /// Bytes a fit of `degree` to `points` points takes at its peak: the design
    /// matrix and the copy LAPACK factors in place (nil when that overflows).
    public static func bytes(points: Int, degree: Int) -> Int? {
        Memory.product([points, degree + 1, 2 * MemoryLayout<Double>.size])
    }

    /// Whether the fit could not be computed in double precision: the recurrence's
    /// norms `n_k` left the range of doubles (they grow or shrink geometrically
    /// with the degree), or the least-squares solve failed, so the basis is
    /// numerically rank-deficient.
    public var isRankDeficient: Bool {
        !(norms.allSatisfy(Self.inRange) && alpha.allSatisfy(\.isFinite) && coefficients.allSatisfy(\.isFinite))
    }

    /// The highest degree below `degree` whose fit to `x` is not rank-deficient.
    public static func highestWorkingDegree(x: [Double], below degree: Int) -> Int {
        var lo = 0, hi = degree - 1  // the degree-0 fit always works
        while lo < hi {
            let mid = (lo + hi + 1) / 2
            if PolynomialFit(x: x, y: x, degree: mid).isRankDeficient { hi = mid - 1 } else { lo = mid }
        }
        return lo
    }

    /// The orthonormal basis `p_0 ... p_d` at `x`, by the recurrence.
    static func basis(_ x: Double, alpha: [Double], norms: [Double]) -> [Double] {
        var p = [Double](repeating: 0, count: norms.count)
        p[0] = 1
        if norms.count > 1 { p[1] = x - alpha[0] }
        if norms.count > 2 {
            for k in 1..<(norms.count - 1) { p[k + 1] = (x - alpha[k]) * p[k] - norms[k] / norms[k - 1] * p[k - 1] }
        }
        return zip(p, norms).map { $0 / $1.squareRoot() }
    }

    /// The fitted polynomial at `x`.
    public func callAsFunction(_ x: Double) -> Double {
        zip(coefficients, Self.basis(x, alpha: alpha, norms: norms)).reduce(0) { $0 + $1.0 * $1.1 }
    }

    /// Root-mean-square error of `f` against `(x, y)`: `sqrt(mean (f(x) - y)^2)`.
    public static func rmse(_ f: (Double) -> Double, x: [Double], y: [Double]) -> Double {
        rmse(x.map(f), y)
    }

    /// Root-mean-square difference of two curves: `sqrt(mean (a - b)^2)`.
    public static func rmse(_ a: [Double], _ b: [Double]) -> Double {
        guard !a.isEmpty else { return 0 }
        return
            (zip(a, b).reduce(0.0) {
                let d = $1.0 - $1.1; return $0 + d * d
            } / Double(a.count)).squareRoot()
    }
}
