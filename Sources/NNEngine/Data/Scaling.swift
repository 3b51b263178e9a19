/// Feature scaling, fitted on the training split only and applied to every split.
public enum Scaling: String, CaseIterable, Sendable {
    case none
    /// `x' = (x - mean) / sd` per feature (features with `sd = 0` only centred).
    case standardize
    /// `x' = (x - min) / (max - min)` per feature, to `[0, 1]`.
    case minmax

    /// Fits the map on `train` and installs it on the shared store.
    public func fit(on train: Dataset) {
        let s = train.store, n = s.featureCount
        var scale = [Float](repeating: 1, count: n), shift = [Float](repeating: 0, count: n)
        switch self {
        case .none: break
        case .standardize:
            var sum = [Double](repeating: 0, count: n), sq = [Double](repeating: 0, count: n)
            s.forEachRawRow(train.indices) { row in
                for f in 0..<n { let v = Double(row[f]); sum[f] += v; sq[f] += v * v }
            }
            let m = Double(max(train.count, 1))
            for f in 0..<n {
                let mean = sum[f] / m
                let sd = max(sq[f] / m - mean * mean, 0).squareRoot()
                scale[f] = sd > 1e-8 ? Float(1 / sd) : 1
                shift[f] = -Float(mean) * scale[f]
            }
        case .minmax:
            var lo = [Float](repeating: .infinity, count: n), hi = [Float](repeating: -.infinity, count: n)
            s.forEachRawRow(train.indices) { row in
                for f in 0..<n { let v = row[f]; lo[f] = min(lo[f], v); hi[f] = max(hi[f], v) }
            }
            for f in 0..<n where lo[f].isFinite {
                let range = hi[f] - lo[f]
                scale[f] = range > 1e-12 ? 1 / range : 1
                shift[f] = -lo[f] * scale[f]
            }
        }
        s.setScaling(scale: scale, shift: shift)
    }
}
