/// Placing a value from data on a line of cells. Data may hold anything a file can:
/// NaN, ±infinity, ±1e308 (whose differences overflow). Nothing here traps on them.
public enum Scale {
    /// Where `v` sits between `lo` (0) and `hi` (1): `(v - lo) / (hi - lo)`, computed
    /// in halves so that a range as wide as ±1e308 does not overflow; nil when the
    /// result is not finite (a NaN value, an empty or infinite range).
    public static func share(_ v: Double, _ lo: Double, _ hi: Double) -> Double? {
        let t = (v / 2 - lo / 2) / (hi / 2 - lo / 2)
        return t.isFinite ? t : nil
    }

    /// The cell of `cells` that `v` falls in, `floor(share * cells)`; nil when it
    /// cannot be placed or falls outside `0..<cells`.
    public static func cell(_ v: Double, _ lo: Double, _ hi: Double, cells: Int) -> Int? {
        guard let t = share(v, lo, hi), t >= 0, t < 1 else { return nil }
        return min(Int(t * Double(cells)), cells - 1)
    }

    /// `x` limited to `0...1`, and 0 when it is NaN.
    public static func unit(_ x: Double) -> Double { x.isNaN ? 0 : min(max(x, 0), 1) }
}
