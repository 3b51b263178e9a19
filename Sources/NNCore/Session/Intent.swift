/// What the user meant, as the dashboard's `update` turns key presses into it. The
/// session applies intents in the order they were sent, each to its *current*
/// settings, so two quick presses make two changes: an intent never carries a whole
/// preset rebuilt from the UI's copy, which may be a snapshot behind.
public enum Intent: Equatable, Sendable {
    case togglePause
    /// Train every active run to the end of its current epoch (pauses).
    case stepEpoch
    /// Train one mini-batch of every active run (pauses).
    case stepBatch
    /// Rebuild the runs from their settings: same seed, or the next seed.
    case reset(newSeed: Bool)
    /// Moves `setting` of run `run` `by` places (see `Setting.stepped`): live settings
    /// apply at the next mini-batch, the others reset the run.
    case step(Setting, by: Int, run: Int)
    /// The sizes typed on the layers row (`2/8/8/3`; the run restarts from the same seed).
    case setLayers(String)
    /// Turns one input feature of a 2-D set on or off (the run restarts from the same seed).
    case toggleFeature(InputFeature)
    /// One more hidden layer, a copy of the last (after six, back to one).
    case addHiddenLayer
    /// Moves the speed limit `by` places through `TrainingSession.speeds` (positive: slower).
    case changeSpeed(by: Int)
    /// Adds the settings' epoch count to every run.
    case extend
    /// Compare mode: one run per value of `key` (each optimizer at its own suggested
    /// learning rate), or the preset's `compare:` list when `key` is nil.
    case compare(Variation)
    case leaveCompare
    /// Makes run `i` of a comparison the single run, keeping its progress.
    case promote(Int)
    case saveCheckpoint(run: Int)
    case savePreset
    /// Writes `svg` (the current view as a figure) to `name.svg` in the output folder.
    case saveFigure(svg: String, name: String)
    case changePolynomialDegree(by: Int)
    /// The learning-rate range test from a copy of run `run`'s weights (the run is untouched).
    case findLearningRate(run: Int)
    /// Stops the learning-rate test under way (or about to start) and drops its result.
    case cancelLearningRateTest
    /// The outcome of a `FileWrite` the session asked for (sent by the session, not the UI).
    case fileWritten(saved: String, failure: NNError?)
    /// Sets run `run`'s learning rate (the finder's suggestion, applied with enter).
    case setLearningRate(Float, run: Int)
    /// What the focused view needs computed, for run `run`.
    case showView(ViewRequest, run: Int)
}
