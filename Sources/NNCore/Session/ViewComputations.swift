/// The numbers behind the views that need the network, computed on the engine thread.
public enum ViewComputations {
    /// The class an output vector predicts: `y > 0.5` for one sigmoid unit, else the argmax.
    static func predictedClass(_ y: [Float]) -> Int {
        y.count == 1 ? (y[0] > 0.5 ? 1 : 0) : (y.indices.max { y[$0] < y[$1] } ?? 0)
    }

    /// Predicted class on a `columns x rows` grid over the training
    /// data's raw range (padded by 10%); row 0 is the top (largest y).
    public static func boundary(_ t: Trainer, columns: Int, rows: Int) -> BoundaryGrid? {
        let s = t.data.store
        guard s.featureCount == 2, s.isClassification, columns > 0, rows > 0 else { return nil }
        var lo: (Float, Float) = (.infinity, .infinity), hi: (Float, Float) = (-.infinity, -.infinity)
        for i in t.data.train.indices {
            lo = (min(lo.0, s.raw(i, 0)), min(lo.1, s.raw(i, 1)))
            hi = (max(hi.0, s.raw(i, 0)), max(hi.1, s.raw(i, 1)))
        }
        let px = (hi.0 - lo.0) * 0.1 + 1e-3, py = (hi.1 - lo.1) * 0.1 + 1e-3
        let xr = (lo.0 - px, hi.0 + px), yr = (lo.1 - py, hi.1 + py)
        var inputs: [[Float]] = []
        inputs.reserveCapacity(columns * rows)
        for r in 0..<rows {
            let y = yr.1 - (Float(r) + 0.5) / Float(rows) * (yr.1 - yr.0)
            for c in 0..<columns {
                inputs.append([xr.0 + (Float(c) + 0.5) / Float(columns) * (xr.1 - xr.0), y])
            }
        }
        let predicted = t.predict(raw: inputs).map(predictedClass)
        return BoundaryGrid(columns: columns, rows: rows, xRange: xr, yRange: yr, predicted: predicted)
    }

    /// The network's curve, the true curve and (Lawrence–Giles) the polynomial of
    /// `degree`, on `points` x values over the data range, with RMSEs against the
    /// training points and against the true curve.
    public static func fit(_ t: Trainer, points: Int, degree: Int) -> FitCurves? {
        let s = t.data.store
        guard s.featureCount == 1, !s.isClassification, points > 1 else { return nil }
        let tx = t.data.train.indices.map { Double(s.raw($0, 0)) }, ty = t.data.train.indices.map { Double(s.value($0)) }
        guard let lo = tx.min(), let hi = tx.max() else { return nil }
        let xs = (0..<points).map { lo + (hi - lo) * Double($0) / Double(points - 1) }
        let net = t.predict(raw: xs.map { [Float($0)] }).map { Double($0[0]) }
        let netAt = t.predict(raw: tx.map { [Float($0)] }).map { Double($0[0]) }
        let trainRMSE = PolynomialFit.rmse(netAt, ty)
        let truth = t.data.truth.map { f in xs.map(f) }
        var curves = FitCurves(x: xs, network: net, truth: truth, polynomial: nil, degree: nil,
                               networkTrainRMSE: trainRMSE, networkTruthRMSE: nil, polynomialTrainRMSE: nil, polynomialTruthRMSE: nil)
        if let truth {
            curves.networkTruthRMSE = PolynomialFit.rmse(net, truth)
        }
        if t.data.source == .lawrenceGiles {
            let poly = PolynomialFit(x: tx, y: ty, degree: degree)
            let pys = xs.map { poly($0) }
            curves.polynomial = pys
            curves.degree = poly.degree
            curves.polynomialTrainRMSE = PolynomialFit.rmse(poly.callAsFunction, x: tx, y: ty)
            if let truth {
                curves.polynomialTruthRMSE = PolynomialFit.rmse(pys, truth)
            }
        }
        return curves
    }

    /// Confusion counts on the test split (else validation, else training) and the
    /// first 8 images of it with their predictions.
    public static func confusion(_ t: Trainer) -> ConfusionData? {
        let (name, set): (String, Dataset) = t.data.test.map { ("test", $0) }
            ?? (t.data.validation.isEmpty ? ("training", t.data.train) : ("validation", t.data.validation))
        let s = set.store
        guard s.isClassification else { return nil }
        let k = s.classNames.count
        var counts = Array(repeating: Array(repeating: 0, count: k), count: k)
        let limit = min(set.count, 10_000)
        var images: [(pixels: [UInt8], truth: Int, predicted: Int)] = []
        var start = 0
        while start < limit {
            let end = min(start + 256, limit)
            let idx = Array(set.indices[start..<end])
            let inputs = idx.map { i in (0..<s.featureCount).map { s.raw(i, $0) } }
            let out = t.predict(raw: inputs)
            for (j, y) in out.enumerated() {
                let truth = s.label(idx[j])
                let p = predictedClass(y)
                if truth < k && p < k { counts[truth][p] += 1 }
                if s.imageShape != nil && images.count < 8, case .bytes(let b) = s.features {
                    let n = s.featureCount
                    images.append((Array(b[(idx[j] * n)..<((idx[j] + 1) * n)]), truth, p))
                }
            }
            start = end
        }
        return ConfusionData(split: name, counts: counts, images: images)
    }
}
