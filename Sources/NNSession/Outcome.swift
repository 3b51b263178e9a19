import NNEngine
import NNFiles

/// What applying an intent did, as a value: the session's whole report to the
/// dashboard, which puts it in words (and names its own keys). Nothing here is
/// English; tests compare outcomes, not sentences.
public enum Outcome: Sendable, Equatable {
    /// The speed limit now, in epochs a second (0: full speed).
    case speed(limit: Double)
    /// `setting` cannot change for this run, and why.
    case fixed(Setting, Setting.Fixed)
    /// A setting a comparison holds the same for every run: only a single run may change it.
    case fixedInComparison(ComparedAlike)
    /// A setting changed live, from the next mini-batch: preset key, old and new value
    /// as the preset writes them; `run` names the comparison's run (nil for a single run).
    case changedLive(run: String?, key: String, from: String, to: String)
    /// The run was rebuilt from its seed, and for which change.
    case restarted(Restart)
    /// Weight `W[layer][unit, from]` (1-based unit and source) was set; training goes
    /// on from the edited weights.
    case weightEdited(layer: Int, unit: Int, from: Int, before: Float, after: Float)
    /// A feature cannot be turned off: it is the only input left.
    case onlyInputLeft(InputFeature)
    case learningRateSet(Float)
    /// The learning-rate test stopped before it ended (the session stopped it).
    case learningRateTestStopped
    case gradientsChecked(GradientCheckResult)
    /// A file the session wrote whole.
    case saved(SavedFile, path: String)
    /// The checkpoint every run starts from does not fit `runs` of them: they start from their seed.
    case checkpointMisfit(path: String, runs: Int)
    /// The run started from a checkpoint whose `nn.Sequential` layers were renamed: how.
    case checkpointMapped(String)
    /// An edit of the drawn set was refused; the set stays as it was.
    case drawnSetRefused(DrawnPoint.Problem)
    /// An intent failed: the error as thrown.
    case failed(NNError)

    /// What a rebuilt run changed.
    public enum Restart: Sendable, Equatable {
        /// Settings that rebuild the network changed.
        case settings
        case layers([Int])
        case drawnSet(points: Int)
        /// A drawn set of more than two classes behind a sigmoid output: now softmax with cross-entropy.
        case drawnSetToSoftmax(points: Int, classes: Int)
        case inputs([InputFeature])
    }

    /// What a comparison keeps the same for every run.
    public enum ComparedAlike: Sendable, Equatable {
        case setting(Setting)
        case weight
        case drawnPoints
    }

    /// What `w`, `p` and `P` write.
    public enum SavedFile: Sendable, Equatable {
        case checkpoint, preset, figure
    }
}
