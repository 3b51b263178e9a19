/// The noise-free curve behind a 1-D regression set, where it is known: the function,
/// and the grid of points errors against it are measured on (the course's own grid for
/// Lawrence–Giles, 99 points over the input range otherwise).
public struct TrueCurve: Sendable {
    public let value: @Sendable (Double) -> Double
    public let gridX: [Double]
    public let gridY: [Double]

    public init(value: @escaping @Sendable (Double) -> Double, gridX: [Double], gridY: [Double]) {
        self.value = value
        self.gridX = gridX
        self.gridY = gridY
    }

    /// `value` on 99 equally spaced points of `[lo, hi]`.
    public init(value: @escaping @Sendable (Double) -> Double, from lo: Double, to hi: Double) {
        let x = (0..<99).map { lo + (hi - lo) * Double($0) / 98 }
        self.init(value: value, gridX: x, gridY: x.map(value))
    }

    /// The built-in sets' curves: `sin x` on [-π, π] for `sine`, the course's for `lawrence-giles`.
    public static func of(_ source: DataSource) -> TrueCurve? {
        switch source {
        case .sine: return TrueCurve(value: { _sin($0) }, from: -Double.pi, to: Double.pi)
        case .lawrenceGiles:
            let g = LawrenceGiles.grid()
            return TrueCurve(value: LawrenceGiles.truth, gridX: g.x, gridY: g.y)
        default: return nil
        }
    }
}
