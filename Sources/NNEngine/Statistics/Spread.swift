/// A sample of numbers summed up without a mean: the median, the extremes and the
/// quartiles. Quantiles interpolate between order statistics as R's default (type 7)
/// does: `q(p) = x[h] + (h - ⌊h⌋)(x[⌊h⌋ + 1] - x[⌊h⌋])` with `h = (n - 1) p` (0-based).
public struct Spread: Sendable, Equatable {
    public let count: Int
    public let median: Double
    public let min: Double
    public let max: Double
    /// The first and third quartiles (`q(0.25)`, `q(0.75)`).
    public let q1: Double
    public let q3: Double

    /// The spread of the finite `values`; nil when there is none.
    public init?(_ values: [Double]) {
        let x = values.filter(\.isFinite).sorted()
        guard let first = x.first, let last = x.last else { return nil }
        count = x.count
        min = first
        max = last
        median = Self.quantile(x, 0.5)
        q1 = Self.quantile(x, 0.25)
        q3 = Self.quantile(x, 0.75)
    }

    /// The spread of the series' `i`-th values for each index `i` up to the longest
    /// series (a shorter one leaves out its missing indices): the runs of a variant over
    /// seeds, epoch by epoch. Nil where no series has a finite value.
    public static func atEachIndex(_ series: [[Double]]) -> [Spread?] {
        let count = series.map(\.count).max() ?? 0
        return (0..<count).map { i in Spread(series.compactMap { i < $0.count ? $0[i] : nil }) }
    }

    /// `q(p)` of sorted, non-empty `x`.
    static func quantile(_ x: [Double], _ p: Double) -> Double {
        let h = Double(x.count - 1) * p
        let i = Int(h.rounded(.down))
        guard i + 1 < x.count else { return x[i] }
        return x[i] + (h - Double(i)) * (x[i + 1] - x[i])
    }
}
