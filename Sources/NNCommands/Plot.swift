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
}
