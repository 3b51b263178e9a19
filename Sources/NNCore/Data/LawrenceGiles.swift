/// The overfitting experiment of the lecture's homework (Lawrence & Giles):
/// `y = sin(x/3) + v`, `v ~ U(-0.25, 0.25)`, at `x = 0, 1, ..., 20`.
public enum LawrenceGiles {
    /// `sin(x/3)`, the noise-free curve.
    public static let truth: @Sendable (Double) -> Double = { _sin($0 / 3) }

    /// The 21 noisy points.
    public static func points(seed: UInt64) -> (x: [Double], y: [Double]) {
        var rng = RandomSource(seed: seed)
        let x = (0...20).map(Double.init)
        let y = x.map { truth($0) + rng.uniform(-0.25, 0.25) }
        return (x, y)
    }

    /// The points as a sample store (1 feature, 1 target).
    public static func store(seed: UInt64) -> SampleStore {
        let p = points(seed: seed)
        return SampleStore(features: .float(p.x.map(Float.init)), featureCount: 1,
                           targets: .values(p.y.map(Float.init), width: 1))
    }
}
