import NNEngine
import NNFiles

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
    /// Sets the single run's weight `W[layer][unit, from]` (the network view's edit);
    /// training goes on from the edited weights.
    case setWeight(layer: Int, unit: Int, from: Int, value: Float)
    /// The set drawn in the boundary view, whole after each edit (`data.source:
    /// drawn`, `data.points`); the run restarts on it from the same seed.
    case setDrawnPoints([DrawnPoint])
    /// The network view's `u U i x`: a change relative to the run's current sizes, so
    /// a burst of them all count (the run restarts from the same seed).
    case reshape(Reshape)
    /// Moves the speed limit `by` places through `TrainingSession.speeds` (positive: slower).
    case changeSpeed(by: Int)
    /// Adds the settings' epoch count to every run.
    case extend
    /// Compare mode: one run per value of `key` (each optimizer at its own suggested
    /// learning rate), or the preset's `compare:` list when `key` is nil.
    /// With `seeds` above 1, every variant runs once per training seed 1 to `seeds`
    /// (paired: at each seed every variant starts from the same weights).
    case compare(Variation, seeds: Int = 1)
    case leaveCompare
    /// Makes run `i` of a comparison the single run, keeping its progress.
    case promote(Int)
    case saveCheckpoint(run: Int)
    case savePreset
    /// Writes `svg` (the current view as a figure) to `name.svg` in the output folder.
    case saveFigure(svg: String, name: String)
    case changePolynomialDegree(by: Int)
    /// The learning-rate range test from a copy of run `run`'s weights (the run is
    /// untouched), or from the run's initial weights (its seed, or the checkpoint it
    /// started from) when `fromStart`.
    case findLearningRate(run: Int, fromStart: Bool = false)
    /// Checks run `run`'s backprop against central finite differences on its current
    /// weights (`GradientCheck`, a few samples of the training set).
    case checkGradients(run: Int)
    /// Stops the learning-rate test under way (or about to start) and drops its result.
    case cancelLearningRateTest
    /// The outcome of a `FileWrite` the session asked for (sent by the effect, not the UI).
    case fileWritten(Outcome.SavedFile, path: String, failure: NNError?)
    /// The result of the learning-rate test `id` (sent by the effect, not the UI).
    case learningRateTested(id: Int, Result<LearningRateTest, NNError>)
    /// The result of a gradient check (sent by the effect, not the UI).
    case gradientsChecked(GradientCheckResult)
    /// Sets run `run`'s learning rate (the finder's suggestion, applied with enter).
    case setLearningRate(Float, run: Int)
    /// What the focused view needs computed, for run `run`.
    case showView(ViewRequest, run: Int)
}

/// A change to one layer of `N0/.../NL`, `layer` counted as the lecture does (1...L).
public enum Reshape: Equatable, Sendable {
    /// One more unit in hidden layer `layer`.
    case addUnit(layer: Int)
    /// One unit fewer in hidden layer `layer` (never below one).
    case removeUnit(layer: Int)
    /// A copy of hidden layer `layer` inserted before it (of the last hidden layer
    /// after it, for the output layer), up to `Setting.mostHiddenLayers`.
    case insertLayer(at: Int)
    /// Hidden layer `layer` removed.
    case deleteLayer(at: Int)

    /// `sizes` after the change, or nil when it does not apply to them (the output
    /// layer's size comes from the data; a layer keeps one unit; at most
    /// `Setting.mostHiddenLayers` hidden layers).
    public func applied(to sizes: [Int]) -> [Int]? {
        let L = sizes.count - 1
        var hidden = Array(sizes.dropFirst().dropLast())
        switch self {
        case .addUnit(let l) where (1..<L).contains(l) && hidden[l - 1] < 100_000: hidden[l - 1] += 1
        case .removeUnit(let l) where (1..<L).contains(l) && hidden[l - 1] > 1: hidden[l - 1] -= 1
        case .insertLayer(let l) where (1...L).contains(l) && hidden.count < Setting.mostHiddenLayers:
            hidden.insert(l < L ? hidden[l - 1] : (hidden.last ?? 8), at: l < L ? l - 1 : hidden.count)
        case .deleteLayer(let l) where (1..<L).contains(l): hidden.remove(at: l - 1)
        default: return nil
        }
        return [sizes[0]] + hidden + [sizes[L]]
    }
}
