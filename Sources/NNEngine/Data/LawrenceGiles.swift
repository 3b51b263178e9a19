/// The course's homework set, `data.lawrence.giles(seed)` in R (after Lawrence and
/// Giles' overfitting experiment): 5 points of `-cos` on (0, π) and 15 of
/// `cos(3(x - π))` on [π, 2π], each plus U(-0.25, 0.25) noise drawn with R's own
/// generator, x divided by 2π. Seed 12345 is the lecture's.
public enum LawrenceGiles {
    /// The noise-free curve at `x` (in [0, 1]): `t = 2π x`; `-cos t` for `t < π`,
    /// `cos(3(t - π))` from π on.
    public static let truth: @Sendable (Double) -> Double = { x in
        let t = 2 * Double.pi * x
        return t < Double.pi ? -_cos(t) : _cos(3 * (t - Double.pi))
    }

    /// R's `seq(from, to, length.out = n)`: the ends exact, `from + i by` between.
    static func seq(_ from: Double, _ to: Double, _ n: Int) -> [Double] {
        let by = (to - from) / Double(n - 1)
        return (0..<n).map { i in i == n - 1 ? to : from + Double(i) * by }
    }

    /// The 20 points: `X1` the 5 interior points of `seq(0, π, length = 7)`, `X2 =
    /// seq(π, 2π, length = 15)`; `y1 = -cos(X1) + runif(5, -.25, .25)`, then
    /// `y2 = cos(3(X2 - π)) + runif(15, -.25, .25)`; `x = (X1, X2) / 2π`.
    public static func points(seed: UInt64) -> (x: [Double], y: [Double]) {
        var r = RRandom(seed: UInt32(truncatingIfNeeded: seed))
        let x1 = Array(seq(0, Double.pi, 7)[1...5]), x2 = seq(Double.pi, 2 * Double.pi, 15)
        let u1 = r.runif(5, -0.25, 0.25), u2 = r.runif(15, -0.25, 0.25)
        let y = zip(x1, u1).map { -_cos($0) + $1 } + zip(x2, u2).map { _cos(3 * ($0 - Double.pi)) + $1 }
        return ((x1 + x2).map { $0 / (2 * Double.pi) }, y)
    }

    /// The true curve on the course's grid of 99 points: `x` equally spaced on [0, 1];
    /// `-cos t` at the first 49 of `seq(0, π, length = 50)`, then `cos(3(t - π))` at
    /// `seq(π, 2π, length = 50)`.
    public static func grid() -> (x: [Double], y: [Double]) {
        let x = seq(0, 2 * Double.pi, 99).map { $0 / (2 * Double.pi) }
        let y =
            seq(0, Double.pi, 50).prefix(49).map { -_cos($0) }
            + seq(Double.pi, 2 * Double.pi, 50).map { _cos(3 * ($0 - Double.pi)) }
        return (x, y)
    }

    /// The points as a sample store (1 feature, 1 target).
    public static func store(_ p: (x: [Double], y: [Double])) -> SampleStore {
        SampleStore(
            features: .float(p.x.map(Float.init)), featureCount: 1,
            targets: .values(p.y.map(Float.init), width: 1))
    }
}
