import NNCore
import NNDrawing

extension LineChart {
    /// Labels the x axis with the epochs `history` spans where it keeps only every
    /// `stride`-th epoch (a long run): its records are evenly spaced, so a chart of
    /// them by position is the curve, and its ends are the first and last epoch kept.
    mutating func spanEpochs(of history: EpochHistory) {
        guard history.stride > 1, let first = history.first, let last = history.last else { return }
        xRange = (Double(first.epoch), Double(last.epoch))
    }
}
