import Foundation
import NNCore
import NNDrawing

extension LineChart {
    /// Runs longer than this draw their epochs on a log axis.
    static let logEpochsFrom = 3000

    /// Puts the chart's x axis in epochs of `history`: past `logEpochsFrom` epochs on a
    /// log axis (labelled by decade), so a long run's early epochs are not squashed
    /// into the first columns; otherwise, where the history keeps only every
    /// `stride`-th epoch, spanning the first to the last epoch kept.
    mutating func epochAxis(of history: EpochHistory) {
        guard let first = history.first, let last = history.last else { return }
        if last.epoch > Self.logEpochsFrom {
            let xs = history.map { log10(Double(max($0.epoch, 1))) }
            for i in series.indices where series[i].values.count == xs.count { series[i].xs = xs }
            xRange = (xs[0], xs[xs.count - 1])
            logX = true
        } else if history.stride > 1 {
            xRange = (Double(first.epoch), Double(last.epoch))
        }
    }
}
