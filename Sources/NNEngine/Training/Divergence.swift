import Foundation

/// Why a run stopped: its loss or its gradients stopped being finite. The weights are
/// back to the end of the last sound epoch (`epoch - 1`; 0 is the start).
public struct Divergence: Sendable, Equatable, CustomStringConvertible {
    public enum Cause: Sendable, Equatable {
        /// The loss became NaN or infinite, or exploded to 1000x its first value.
        case loss(Double)
        /// A gradient stopped being finite.
        case gradients
    }
    public let cause: Cause
    /// The epoch (1-based) and mini-batch (1-based) whose step was refused.
    public let epoch: Int
    public let batch: Int
    /// The learning rate of that step.
    public let lr: Float

    /// One sentence: what happened, where, and where the weights are now.
    public var description: String {
        let what: String
        switch cause {
        case .loss(let l): what = "the loss became \(l.isFinite ? String(format: "%.3g", l) : "\(l)")"
        case .gradients: what = "the gradients stopped being finite"
        }
        return "\(what) at epoch \(epoch), mini-batch \(batch) (lr \(String(format: "%g", lr))); "
            + "the weights are back to \(epoch == 1 ? "their start" : "the end of epoch \(epoch - 1)")"
    }
}
