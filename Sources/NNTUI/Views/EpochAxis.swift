import Foundation
import NNDrawing
import NNEngine
import NNFiles
import NNSession

/// How the charts lay out epochs (`L` cycles): a log axis past `logEpochsFrom`
/// epochs, always, or never.
public enum EpochAxisMode: String, CaseIterable, Equatable, Sendable {
    case automatic = "auto", logarithmic = "log", linear
}

extension LineChart {
    /// Runs longer than this draw their epochs on a log axis (in `automatic`).
    static let logEpochsFrom = 3000

    /// Puts the chart's x axis in epochs: series `i` is drawn at the epochs of
    /// `histories[i]` (one history: every series at its epochs), so runs of unequal
    /// length and thinned histories stand at their true epochs. On a log axis
    /// (`x = log10(epoch)`, labelled by decade) a long run's early epochs are not
    /// squashed into the first columns; `mode` says when it is used.
    mutating func epochAxis(of histories: [EpochHistory], _ mode: EpochAxisMode) {
        guard let first = histories.compactMap(\.first?.epoch).min(),
            let last = histories.compactMap(\.last?.epoch).max()
        else { return }
        let log = mode == .logarithmic || (mode == .automatic && last > Self.logEpochsFrom)
        func x(_ epoch: Int) -> Double { log ? log10(Double(max(epoch, 1))) : Double(epoch) }
        for i in series.indices {
            let history = histories.count == 1 ? histories[0] : (i < histories.count ? histories[i] : nil)
            guard let history, series[i].values.count == history.count else { continue }
            series[i].xs = history.map { x($0.epoch) }
        }
        xRange = (x(first), max(x(last), x(first)))
        logX = log
    }
}
