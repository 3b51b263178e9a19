/// The built-in synthetic sets, seeded: 2-D classification (`spiral`, `circle`,
/// `xor`, `gauss`, `moons`, like the classic playground sets) and 1-D regression (`sine`).
public enum Synthetic {
    /// Builds `samples` points of `source` with Gaussian `noise`.
    public static func make(_ source: DataSource, samples: Int, noise: Double, seed: UInt64) -> SampleStore {
        var rng = RandomSource(seed: seed)
        switch source {
        case .spiral, .circle, .xor, .gauss, .moons:
            var x: [Float] = [], labels: [Int32] = []
            x.reserveCapacity(2 * samples)
            for i in 0..<samples {
                // the point first, then its noise: the generator's draws in that order
                let (a, b, c) = point(source, i, of: samples, &rng)
                x.append(Float(a + noise * rng.normal()))
                x.append(Float(b + noise * rng.normal()))
                labels.append(Int32(c))
            }
            let classes = source == .spiral ? 3 : 2
            return SampleStore(
                features: .float(x), featureCount: 2, targets: .classes(labels, names: (0..<classes).map(String.init)))
        case .regressionPlane, .multiGauss: return plane(source, samples: samples, noise: noise, &rng)
        case .sine:
            // y = sin(x) + noise, x ~ U(-pi, pi)
            var x: [Float] = [], y: [Float] = []
            for _ in 0..<samples {
                let a = rng.uniform(-Double.pi, Double.pi)
                x.append(Float(a))
                y.append(Float(_sin(a) + noise * rng.normal()))
            }
            return SampleStore(features: .float(x), featureCount: 1, targets: .values(y, width: 1))
        case .lawrenceGiles, .fashionMNIST, .mnist, .idx, .csv, .drawn:
            preconditionFailure("\(source) is not a synthetic set")
        }
    }

    /// Point `i` of `samples` of a 2-D classification set, before noise, and its class.
    static func point(_ source: DataSource, _ i: Int, of samples: Int, _ rng: inout RandomSource) -> (
        Double, Double, Int
    ) {
        switch source {
        case .spiral:
            // 3 arms: r = t, angle = 6 t + 2 pi k / 3, t in [0, 1) (about one turn)
            let k = i % 3, t = Double(i / 3) / Double(max((samples + 2) / 3, 1))
            let angle = 6 * t + 2 * Double.pi * Double(k) / 3
            return (t * _cos(angle), t * _sin(angle), k)
        case .circle:
            // class 0 inside radius 0.5, class 1 on a ring 0.7...1
            let c = i % 2
            let r = c == 0 ? 0.5 * rng.uniform() : rng.uniform(0.7, 1.0)
            let angle = rng.uniform(0, 2 * Double.pi)
            return (r * _cos(angle), r * _sin(angle), c)
        case .xor:
            // uniform in [-1, 1]^2 (kept off the axes), class = sign(x) != sign(y)
            var a = rng.uniform(-1, 1), b = rng.uniform(-1, 1)
            a += a >= 0 ? 0.05 : -0.05
            b += b >= 0 ? 0.05 : -0.05
            return (a, b, (a > 0) != (b > 0) ? 1 : 0)
        case .gauss:
            // two Gaussian blobs at (-0.5, -0.5) and (0.5, 0.5), sd 0.25
            let c = i % 2, m = c == 0 ? -0.5 : 0.5
            let a = m + 0.25 * rng.normal()
            return (a, m + 0.25 * rng.normal(), c)
        default:
            // moons: two interleaved half circles
            let c = i % 2, t = Double.pi * rng.uniform()
            return c == 0 ? (_cos(t), _sin(t), 0) : (1 - _cos(t), 0.5 - _sin(t), 1)
        }
    }

    /// A value over `[-1, 1]²`: the plane `t = (x1 + x2) / 2`, or six bumps of alternating
    /// sign (sd 0.2) in two rows, `t` their sum clipped to `[-1, 1]`; noise on `t`.
    static func plane(_ source: DataSource, samples: Int, noise: Double, _ rng: inout RandomSource) -> SampleStore {
        let bumps: [(Double, Double, Double)] = [
            (-0.67, 0.42, 1), (0, 0.42, -1), (0.67, 0.42, 1),
            (-0.67, -0.42, -1), (0, -0.42, 1), (0.67, -0.42, -1),
        ]
        var x: [Float] = [], t: [Float] = []
        for _ in 0..<samples {
            let a = rng.uniform(-1, 1), b = rng.uniform(-1, 1)
            var v = (a + b) / 2
            if source == .multiGauss {
                v = bumps.reduce(0) {
                    $0 + $1.2 * _exp(-((a - $1.0) * (a - $1.0) + (b - $1.1) * (b - $1.1)) / (2 * 0.04))
                }
                v = min(max(v, -1), 1)
            }
            x.append(Float(a)); x.append(Float(b))
            t.append(Float(v + noise * rng.normal()))
        }
        return SampleStore(features: .float(x), featureCount: 2, targets: .values(t, width: 1))
    }
}
