import NNDrawing
import NNEngine
import NNFiles
import NNSession

/// `P`: what the dashboard shows, as an SVG figure of the same data (the file a
/// student hands in). Pure: built from the state alone.
enum ViewFigure {
    /// Light versions of `Figure.runColors`: a decision boundary's regions, under points in the full colour.
    static let regionColors = ["#aec7e8", "#ffbb78", "#ff9896", "#c5b0d5", "#c49c94", "#9edae5"]

    /// The figure for the current view (compare mode: the runs' fits or losses) and
    /// the file name it is saved under (without `.svg`); nil before the first snapshot.
    static func make(_ state: AppState) -> (figure: Figure, name: String)? {
        guard let run = state.run else { return nil }
        let runs = state.snapshot.runs
        let cost = run.preset.network.shownCost.name
        if state.snapshot.compareMode {
            if let fit = state.snapshot.fit {
                return (fitFigure(fit, title: "\(run.preset.name): fit of every run"), "\(run.preset.name)-compare-fit")
            }
            if state.grouped { return (seededFigure(state, cost: cost), "\(run.preset.name)-compare-seeds") }
            return (
                Figure.losses(
                    title: "\(run.preset.name): loss per epoch", costName: cost,
                    runs: runs.map { ($0.label, $0.history.map(\.trainLoss), $0.history.map(\.validationLoss)) }),
                "\(run.preset.name)-compare"
            )
        }
        let name = "\(run.label)-\(state.view.rawValue.replacingOccurrences(of: " ", with: "-"))"
        switch state.view {
        case .curves:
            return (
                Figure.losses(
                    title: "\(run.label): loss per epoch", costName: cost,
                    runs: [(run.label, run.history.map(\.trainLoss), run.history.map(\.validationLoss))]), name
            )
        case .network: return state.snapshot.network.map { (networkPage($0, run), name) }
        case .fit:
            guard let fit = state.snapshot.fit else { return nil }
            return (fitFigure(fit, title: "\(run.label): fit of \(fit.points.x.count) points"), name)
        case .boundary:
            guard let grid = state.snapshot.boundary, let data = state.snapshot.data else { return nil }
            return (boundaryFigure(grid, data, run), name)
        case .confusion:
            guard let c = state.snapshot.confusion, let data = state.snapshot.data else { return nil }
            return (confusionPage(c, data, run), name)
        case .gradients:
            let layers = run.history.last?.layers.count ?? 0
            var f = Figure(
                title: "\(run.label): gradient norm per layer", xLabel: "epoch", yLabel: "‖dC/dW[l]‖",
                series: (0..<layers).map { l in
                    Figure.Series(
                        label: "layer \(l + 1)", x: run.history.map { Double($0.epoch) },
                        y: run.history.map { $0.layers[l].gradientNorm },
                        color: Figure.runColor(l))
                })
            f.logY = true
            return (f, name)
        case .learningRate:
            let plan = run.plannedLearningRates, planned = plan.rates.map(Double.init)
            var f = Figure(
                title: "\(run.label): learning rate (\(run.preset.schedule.kind.rawValue))", xLabel: "epoch",
                yLabel: "learning rate",
                series: [
                    Figure.Series(
                        label: "planned", x: plan.epochs.map { Double($0 + 1) }, y: planned, mark: .dashed,
                        color: Figure.runColor(0)),
                    Figure.Series(
                        label: "actual", x: run.history.map { Double($0.epoch) }, y: run.history.map { Double($0.lr) },
                        color: Figure.runColor(1)),
                ])
            f.logY = planned.allSatisfy { $0 > 0 }
            return (f, name)
        case .equations:
            return (
                Figure.page(
                    title: "\(run.label): the lecture's equations for \(Format.layers(run.sizes))",
                    lines: EquationsView.lines(run)), name
            )
        }
    }

    /// A comparison over seeds: each variant's median training loss per epoch over a
    /// band of its seeds' range, as `compare --plot` draws it.
    static func seededFigure(_ state: AppState, cost: String) -> Figure {
        let n = state.snapshot.seedsPerVariant
        var f = Figure(
            title: "\(state.run?.preset.name ?? ""): loss per epoch, median and range of \(n) seeds", xLabel: "epoch",
            yLabel: "loss (\(cost))", series: [])
        f.logY = true
        for (row, s) in CompareView.rowSeries(state, Array(0..<state.rowCount), { $0.history.map(\.trainLoss) })
            .enumerated()
        {
            let x = s.values.indices.map { Double($0 + 1) }
            if let band = s.band {
                f.bands.append(Figure.Band(x: x, lower: band.lower, upper: band.upper, color: Figure.runColor(row)))
            }
            f.series.append(
                Figure.Series(
                    label: "\(state.snapshot.variants[row]) (median of \(n))", x: x, y: s.values,
                    color: Figure.runColor(row)))
        }
        return f
    }

    /// The network view as text: each layer's units, their range and active share.
    static func networkPage(_ p: NetworkPicture, _ run: RunSnapshot) -> Figure {
        var lines: [String] = []
        for (k, layer) in p.layers.enumerated() {
            lines.append("layer \(k + 1): N\(k + 1) = \(layer.size), \(layer.activation)")
            for u in layer.units {
                let range = "[\(Format.value(Double(u.minimum))), \(Format.value(Double(u.maximum)))]"
                let state = u.dead ? ", dead" : (u.saturated ? ", saturated" : "")
                lines.append("  unit \(u.index + 1): a in \(range), active on \(Format.percent(u.activeShare))\(state)")
            }
            if layer.size > layer.units.count { lines.append("  … and \(layer.size - layer.units.count) more units") }
        }
        return Figure.page(
            title: "\(run.label): the network \(p.sizes.map(String.init).joined(separator: "/")) at epoch \(run.epoch)",
            lines: lines)
    }

    /// The decision boundary: the predicted class of each cell, the points over it
    /// (validation hollow).
    static func boundaryFigure(_ grid: BoundaryGrid, _ data: DataSummary, _ run: RunSnapshot) -> Figure {
        var f = Figure(
            title: "\(run.label): decision boundary at epoch \(run.epoch)", xLabel: "x1", yLabel: "x2", series: [])
        f.cells = Figure.Cells(
            columns: grid.columns, rows: grid.rows, x: (Double(grid.xRange.0), Double(grid.xRange.1)),
            y: (Double(grid.yRange.0), Double(grid.yRange.1)),
            colors: grid.predicted.map { regionColors[$0 % regionColors.count] })
        for (k, className) in data.classNames.enumerated() {
            for validation in [false, true] {
                let p = data.points.filter { $0.label == k && $0.isValidation == validation }
                f.series.append(
                    Figure.Series(
                        label: "class \(className)" + (validation ? " (validation)" : ""),
                        x: p.map { Double($0.x) }, y: p.map { Double($0.y) },
                        mark: validation ? .hollowPoints : .points, color: Figure.runColor(k)))
            }
        }
        return f
    }

    /// The confusion matrix as a table of counts.
    static func confusionPage(_ c: ConfusionData, _ data: DataSummary, _ run: RunSnapshot) -> Figure {
        let names = data.classNames.map { String($0.prefix(9)) }
        var lines = [
            "rows: true class, columns: predicted (\(c.split) split)", "",
            Format.pad("", 10) + names.map { Format.pad($0, 10, right: true) }.joined(),
        ]
        for (i, row) in c.counts.enumerated() {
            lines.append(Format.pad(names[i], 10) + row.map { Format.pad("\($0)", 10, right: true) }.joined())
        }
        return Figure.page(title: "\(run.label): confusion matrix at epoch \(run.epoch)", lines: lines)
    }

    static func fitFigure(_ fit: FitCurves, title: String) -> Figure {
        Figure.fit(
            title: title, points: fit.points, x: fit.x, truth: fit.truth,
            polynomial: fit.polynomial.y, degree: fit.degree, networks: fit.networks.map { ($0.label, $0.y) })
    }
}
