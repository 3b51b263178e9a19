import Foundation

/// The sign test of paired outcomes: of the pairs that differ, `a` won `aWins` and `b`
/// won `bWins`. Under the null hypothesis that neither is better, each differing pair
/// is a fair coin, so the two-sided p-value is
/// `p = min(1, 2 · P(X ≤ min(aWins, bWins)))`, `X ~ Binomial(aWins + bWins, 1/2)`;
/// ties carry no information and are left out.
public enum SignTest {
    public static func p(_ aWins: Int, _ bWins: Int) -> Double {
        let n = aWins + bWins
        guard n > 0 else { return 1 }
        let k = Swift.min(aWins, bWins)
        // P(X ≤ k) = Σ C(n, i) / 2^n, summed in logarithms so n in the thousands stays finite
        var tail = 0.0
        for i in 0...k { tail += exp(logChoose(n, i) - Double(n) * log(2)) }
        return Swift.min(1, 2 * tail)
    }

    /// `log C(n, k)`.
    static func logChoose(_ n: Int, _ k: Int) -> Double {
        lgamma(Double(n + 1)) - lgamma(Double(k + 1)) - lgamma(Double(n - k + 1))
    }
}
