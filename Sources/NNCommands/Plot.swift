import Foundation
import NNDrawing
import NNEngine
import NNFiles
import NNSession

/// `--plot FILE.svg` of `train`, `compare` and `polyfit`: the homework's fit plot for
/// a 1-D regression set, the loss curves otherwise.
enum Plot {
    /// 200 x values spanning the points.
    static func grid(_ x: [Double]) -> [Double] {
        let lo = x.min() ?? 0, hi = x.max() ?? 1
        return (0..<200).map { lo + (hi - lo) * Double($0) / 199 }
    }

    /// The figure for finished runs (`labels`, `trainers`) of `preset`, written to `path`.
    static func write(_ path: String, preset: Preset, labels: [String], trainers: [Trainer]) throws {
        let figure: Figure
        if let fit = ViewComputations.fit(trainers, labels: labels, points: 200, degree: preset.data.degree) {
            figure = Figure.fit(
                title: "\(preset.name): fits of \(fit.points.x.count) points", points: fit.points, x: fit.x,
                truth: fit.truth,
                polynomial: fit.polynomial.y, degree: fit.degree,
                networks: fit.networks.map { ($0.label, $0.y) })
        } else {
            figure = Figure.losses(
                title: "\(preset.name): loss per epoch", costName: preset.network.shownCost.name,
                runs: zip(labels, trainers).map { ($0, $1.history.map(\.trainLoss), $1.history.map(\.validationLoss)) })
        }
        try AtomicFile.write(figure.svg(), to: path)
    }

    /// The figure of a comparison over seeds, written to `path`: for each variant its
    /// median training loss per epoch over the seeds (its validation loss dashed) and a
    /// band from the seeds' least to their largest training loss. A curve's fits are
    /// drawn run by run, as `write` draws them.
    static func write(
        _ path: String, preset: Preset, comparison: SeededComparison, labels: [String], trainers: [Trainer]
    )
        throws
    {
        let n = comparison.seeds.count
        guard n > 1, ViewComputations.fit(trainers, labels: labels, points: 2, degree: 0) == nil else {
            return try write(path, preset: preset, labels: labels, trainers: trainers)
        }
        var figure = Figure(
            title: "\(preset.name): loss per epoch, median and range of \(n) seeds", xLabel: "epoch",
            yLabel: "loss (\(preset.network.shownCost.name))", series: [])
        figure.logY = true
        for (v, variant) in comparison.variants.enumerated() {
            let runs = trainers[(v * n)..<((v + 1) * n)].map { Array($0.history) }
            let train = Spread.atEachIndex(runs.map { $0.map(\.trainLoss) })
            guard !train.isEmpty else { continue }
            let x = (1...train.count).map(Double.init)
            let color = Figure.runColor(v)
            figure.bands.append(
                Figure.Band(
                    x: x, lower: train.map { $0?.min ?? .nan }, upper: train.map { $0?.max ?? .nan }, color: color))
            figure.series.append(
                Figure.Series(
                    label: "\(variant.label) training (median of \(n))", x: x, y: train.map { $0?.median ?? .nan },
                    color: color))
            let validation = Spread.atEachIndex(runs.map { $0.map { $0.validationLoss ?? .nan } })
            if validation.contains(where: { $0 != nil }) {
                figure.series.append(
                    Figure.Series(
                        label: "\(variant.label) validation (median)", x: x, y: validation.map { $0?.median ?? .nan },
                        mark: .dashed, color: color))
            }
        }
        try AtomicFile.write(figure.svg(), to: path)
    }

    /// The heat map of a grid of two keys, written to `path`: a cell a pair of values,
    /// coloured and numbered by the median validation accuracy over the seeds (the
    /// final validation loss for a regression), the best cell outlined.
    static func write(
        _ path: String, preset: Preset, grid axes: [Variation.Axis], comparison: SeededComparison,
        trainers: [Trainer]
    ) throws {
        let results = trainers.map { SeededComparison.Result($0.history) }
        let summaries = comparison.variants.indices.map { comparison.summary($0, results) }
        let measure = GridMeasure.first(classification: summaries.contains { $0.classification })
        guard var map = SeedReport.heatMap(axes, summaries, measure) else { return }
        map.title = "\(preset.name): \(map.title)"
        try AtomicFile.write(map.svg(), to: path)
    }
}
