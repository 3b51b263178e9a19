import NNEngine
import NNFiles

/// The numbers behind the views that need the network, computed on the engine thread.
public enum ViewComputations {
    /// The class an output vector predicts: `y > 0.5` for one sigmoid unit, else the argmax.
    static func predictedClass(_ y: [Float]) -> Int {
        y.count == 1 ? (y[0] > 0.5 ? 1 : 0) : (y.indices.max { y[$0] < y[$1] } ?? 0)
    }

    /// The predicted class's probability: the largest softmax output, or `max(y, 1 - y)`
    /// for one sigmoid unit.
    static func confidence(_ y: [Float]) -> Float {
        y.count == 1 ? max(y[0], 1 - y[0]) : (y.max() ?? 1)
    }

    /// Predicted class on a `columns x rows` grid over the training
    /// data's raw range (padded by 10%); row 0 is the top (largest y).
    public static func boundary(_ t: Trainer, columns: Int, rows: Int) -> BoundaryGrid? {
        let d = t.data
        guard d.isPlane, columns > 0, rows > 0 else { return nil }
        let (xr, yr) = planeExtent(d, margin: boundaryMargin)
        let inputs = gridInputs(d, x: xr, y: yr, columns: columns, rows: rows)
        let outputs = t.predict(raw: inputs)
        if !d.isClassification {
            // a value over the plane: the output itself, a heat map
            return BoundaryGrid(
                columns: columns, rows: rows, xRange: xr, yRange: yr,
                predicted: Array(repeating: 0, count: outputs.count),
                confidence: Array(repeating: 1, count: outputs.count), pointPredictions: [],
                values: outputs.map { $0.first ?? 0 })
        }
        // the points in DataSummary's order: training, then validation
        let points = (d.train.indices + d.validation.indices).map {
            d.inputs(x1: d.planePoint($0).0, x2: d.planePoint($0).1)
        }
        return BoundaryGrid(
            columns: columns, rows: rows, xRange: xr, yRange: yr, predicted: outputs.map(predictedClass),
            confidence: outputs.map(confidence), pointPredictions: t.predict(raw: points).map(predictedClass))
    }

    /// The decision boundary's margin around the training points (a tenth of their range).
    static let boundaryMargin: Float = 0.1

    /// The range of the training points on the plane, widened by `margin` of its
    /// size (and 0.001) on every side.
    static func planeExtent(_ d: LoadedData, margin: Float) -> (x: (Float, Float), y: (Float, Float)) {
        var lo: (Float, Float) = (.infinity, .infinity), hi: (Float, Float) = (-.infinity, -.infinity)
        for i in d.train.indices {
            let p = d.planePoint(i)
            lo = (min(lo.0, p.0), min(lo.1, p.1))
            hi = (max(hi.0, p.0), max(hi.1, p.1))
        }
        let px = (hi.0 - lo.0) * margin + 1e-3, py = (hi.1 - lo.1) * margin + 1e-3
        // a drawn set's plane stays put while points are added: at least [-1, 1]²
        if d.source == .drawn {
            return ((min(lo.0 - px, -1), max(hi.0 + px, 1)), (min(lo.1 - py, -1), max(hi.1 + py, 1)))
        }
        return ((lo.0 - px, hi.0 + px), (lo.1 - py, hi.1 + py))
    }

    /// The network's raw inputs at the centres of a `columns x rows` grid over the
    /// plane ranges `x`, `y`; row 0 is the top (largest y).
    static func gridInputs(_ d: LoadedData, x xr: (Float, Float), y yr: (Float, Float), columns: Int, rows: Int)
        -> [[Float]]
    {
        var inputs: [[Float]] = []
        inputs.reserveCapacity(columns * rows)
        for r in 0..<rows {
            let y = yr.1 - (Float(r) + 0.5) / Float(rows) * (yr.1 - yr.0)
            for c in 0..<columns {
                inputs.append(d.inputs(x1: xr.0 + (Float(c) + 0.5) / Float(columns) * (xr.1 - xr.0), x2: y))
            }
        }
        return inputs
    }

    /// The homework's plot for `trainers` (one curve each, named by `labels`) on their
    /// shared 1-D regression data: `points` x values over the data's range (and the
    /// true curve's), the polynomial of `degree` fitted to the training points as R's
    /// `lm(y ~ poly(x, degree))` does, and every curve's RMSE against the points and the
    /// true curve. Nil when the data is not one input and one target.
    public static func fit(_ trainers: [Trainer], labels: [String], points: Int, degree: Int) -> FitCurves? {
        guard let data = trainers.first?.data, data.isCurve, points > 1 else { return nil }
        let (tx, ty) = data.curvePoints
        let truthX = data.truth?.gridX ?? []
        guard let lo = (tx + truthX).min(), let hi = (tx + truthX).max() else { return nil }
        let xs = (0..<points).map { lo + (hi - lo) * Double($0) / Double(points - 1) }
        let poly = PolynomialFit(x: tx, y: ty, degree: degree)
        func curve(_ label: String, _ f: ([Double]) -> [Double]) -> FittedCurve {
            FittedCurve(
                label: label, y: f(xs), pointsRMSE: PolynomialFit.rmse(f(tx), ty),
                truthRMSE: data.truth.map { PolynomialFit.rmse(f($0.gridX), $0.gridY) })
        }
        let networks = zip(trainers, labels).map { t, label in
            curve(label) { x in t.predict(raw: x.map { [Float($0)] }).map { Double($0[0]) } }
        }
        return FitCurves(
            x: xs, points: (tx, ty), truth: data.truth.map { t in xs.map(t.value) },
            polynomial: curve("degree \(poly.degree)") { $0.map(poly.callAsFunction) }, degree: poly.degree,
            networks: networks)
    }

    /// Samples the unit statistics look at (dead units in the gradients view, each
    /// unit's range, active share and histogram in the network view): the first of
    /// the training split.
    public static let statisticsSamples = 1024

    /// The first `statisticsSamples` training samples run forward, in one workspace.
    static func sampleForward(_ t: Trainer) -> Workspace {
        let d = t.data.train, count = min(d.count, statisticsSamples)
        let ws = Workspace(sizes: t.network.sizes, capacity: max(count, 1))
        ws.setBatch(count)
        d.store.gather(d.indices.prefix(count), into: ws.X, targets: ws.T)
        t.network.forward(ws)
        return ws
    }

    /// Every layer's dead share and unit spread (`LayerUnits`) for the gradients view.
    /// A unit is dead when it is stuck (a ReLU with `z <= 0`, a sigmoid/tanh with
    /// `f'(z)` below 1% of its peak) on every one of the statistics samples.
    public static func layerUnits(_ t: Trainer) -> [LayerUnits] {
        let net = t.network, hiddenLayers = net.depth - 1
        var everAlive = (0..<hiddenLayers).map { [Bool](repeating: false, count: net.sizes[$0 + 1]) }
        let ws = sampleForward(t)
        for k in 0..<hiddenLayers {
            let z = ws.Z[k + 1], a = ws.A[k + 1], units = z.rows
            for i in 0..<z.count where !everAlive[k][i % units] && !net.hidden.isStuck(z: z.data[i], a: a.data[i]) {
                everAlive[k][i % units] = true
            }
        }
        return net.layers.enumerated().map { k, layer in
            let dead =
                k < hiddenLayers ? Double(everAlive[k].filter { !$0 }.count) / Double(max(everAlive[k].count, 1)) : 0
            let (spread, size) = unitSpread(layer)
            return LayerUnits(deadShare: dead, spread: spread, size: size)
        }
    }

    /// Over the units `u_i = (W[i,:], b[i])` of a layer: their spread
    /// `sqrt((1/N) sum_i ||u_i - mean u||^2)` and their size `sqrt((1/N) sum_i ||u_i||^2)`.
    public static func unitSpread(_ layer: DenseLayer) -> (spread: Double, size: Double) {
        let n = layer.outputs, k = layer.inputs, w = layer.W.data, b = layer.b.data
        var total = 0.0, squares = 0.0
        for c in 0...k {
            // column c of (W | b): one coordinate over all units
            let column = c < k ? w + c * n : b
            var mean = 0.0
            for i in 0..<n { mean += Double(column[i]) }
            mean /= Double(n)
            for i in 0..<n {
                let d = Double(column[i]) - mean; total += d * d; squares += Double(column[i]) * Double(column[i])
            }
        }
        return ((total / Double(n)).squareRoot(), (squares / Double(n)).squareRoot())
    }

    /// Images the confusion view gets: it shows as many rows of them as fit.
    static let confusionImages = 36

    /// Confusion counts on the test split (else validation, else training) and the
    /// first `confusionImages` images of it with their predictions.
    public static func confusion(_ t: Trainer) -> ConfusionData? {
        let (name, set): (String, Dataset) =
            t.data.test.map { ("test", $0) }
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
                if s.imageShape != nil && images.count < Self.confusionImages, case .bytes(let b) = s.features {
                    let n = s.featureCount
                    images.append((Array(b[(idx[j] * n)..<((idx[j] + 1) * n)]), truth, p))
                }
            }
            start = end
        }
        return ConfusionData(split: name, counts: counts, images: images)
    }
}
