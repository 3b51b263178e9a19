/// What the UI asks of the training session; carried out on the engine thread
/// between two mini-batches.
public enum SessionCommand: Sendable {
    case togglePause
    /// Train every active run to the end of its current epoch.
    case stepEpoch
    /// Train one mini-batch of every active run.
    case stepBatch
    /// Rebuild the runs from their presets: same seed, or the next seed.
    case reset(newSeed: Bool)
    /// New settings for the single run: optimizer, learning rate, schedule, batch
    /// size, weight decay and epochs apply at the next mini-batch; data,
    /// architecture, activation, init and seed reset the run.
    case update(Preset)
    /// Multiplies run `run`'s learning rate by `factor`.
    case scaleLearningRate(run: Int, factor: Float)
    /// Moves the speed limit `by` steps through `TrainingSession.speeds` (positive: slower).
    case changeSpeed(by: Int)
    /// Adds the preset's epoch count to every run.
    case extend
    /// Compare mode: one run per value of `key` (each optimizer at its own
    /// suggested learning rate), or the preset's `compare:` list when `key` is nil.
    case enterCompare(key: String?, values: [String])
    case leaveCompare
    /// Makes run `i` of a comparison the single run, keeping its progress.
    case promote(Int)
    case saveCheckpoint(run: Int)
    case savePreset
    case changePolynomialDegree(by: Int)
    case setView(ViewRequest, run: Int)
}
