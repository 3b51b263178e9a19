import Foundation
import NNEngine
import NNFiles

/// The training session's state and work, owned by the engine queue: the runs, the
/// settings they were built from, pause and speed, and the views' computations.
/// `TrainingSession` is its only user; nothing here is shared between threads.
final class SessionEngine {
    var base: Preset
    /// The preset the session started from (a saved preset says how it differs).
    let loaded: Preset
    /// The last learning-rate range test: the run it copied and its result.
    var learningRateTest: LearningRateTest?
    var gradientCheck: GradientCheckResult?
    /// The runs: one, or a comparison's. Each is what it was built from and its
    /// trainer, so the two can never disagree in number.
    var runs: [Run] = [] {
        didSet { assignThreads() }
    }
    struct Run {
        var spec: RunSpec
        let trainer: Trainer
    }
    var data: LoadedData
    var dataSummary: DataSummary
    var compareMode = false
    /// A comparison over seeds: its variants' labels (the runs are variant by variant,
    /// `runs.count / variantLabels.count` seeds each); empty otherwise.
    var variantLabels: [String] = []
    /// A grid of two keys: its axes (the variants row by row of the first key's values);
    /// empty otherwise.
    var gridAxes: [Variation.Axis] = []
    var paused: Bool
    var speedIndex: Int
    /// The focused view's request and what was computed for it.
    var views = ViewCache()
    /// What the last intent did, until the next one.
    private(set) var outcome: Outcome?
    /// Work asked for and not yet handed to the runner (`takeEffects`).
    private var effects: [Effect] = []
    /// The number of the newest learning-rate test asked for: an older one's result is dropped.
    var learningRateTestID = 0
    var degree: Int
    var batchSteps = 0
    var epochSteps = 0
    private var sequence = 0
    private var publishNow = true
    private var lastPublish = 0.0
    var lastEpochStart = 0.0 { didSet { if lastEpochStart == 0 { pacedEpoch = -1 } } }
    /// The epoch count at the last paced start: a comparison's runs start an epoch in
    /// turn, and only the first of each round waits for the speed limit, so every run
    /// trains at most the limit's epochs a second, however many runs there are.
    private var pacedEpoch = -1
    /// Where `w` and `p` write their files.
    let outputFolder: String

    /// A checkpoint every run starts from instead of its seeded weights, where it fits.
    let startWeights: String?

    init(preset: Preset, data: LoadedData, paused: Bool, outputFolder: String, startWeights: String? = nil) throws {
        base = preset
        loaded = preset
        self.data = data
        self.paused = paused
        self.outputFolder = outputFolder
        degree = preset.data.degree
        // a toy set is paced at 10 epochs a second so it can be watched, unless the
        // run is long (the homework's 100,000 epochs run at full speed)
        speedIndex = data.train.count <= 5000 && preset.training.epochs <= 3000 ? 3 : 0
        dataSummary = DataSummary(data)
        self.startWeights = startWeights
        // the first run must take the checkpoint: a misfit is the user's error here
        let spec = RunSpec(label: preset.name, setting: "", preset: preset)
        runs = [Run(spec: spec, trainer: try Comparison.trainers([spec], base: base, data: data)[0])]
        if let startWeights {
            outcome = try runs[0].trainer.load(checkpoint: startWeights).map(Outcome.checkpointMapped)
        }
        assignThreads()
    }

    /// Threads: a single run splits its mini-batches across `training.threads`; the
    /// runs of a comparison train one thread each, `comparePool` of them at once.
    private func assignThreads() {
        for r in runs { r.trainer.threads = runs.count > 1 ? 1 : base.training.resolvedThreads }
    }

    /// Runs of a comparison trained at once: one per core.
    var comparePool: Int { min(base.training.resolvedThreads, Trainer.allowedCPUs) }

    static func now() -> Double { Double(DispatchTime.now().uptimeNanoseconds) / 1e9 }

    // MARK: work

    /// Applies `intents` in order, then does one unit of work: a requested step, a
    /// mini-batch of the run furthest behind, or nothing. Returns how long to wait
    /// for new intents before the next call (nil: call again at once).
    func advance(applying intents: [Intent]) -> Double? {
        for intent in intents {
            let step = apply(intent)
            outcome = step.outcome
            effects += step.effects
        }
        if !intents.isEmpty { publishNow = true }
        if batchSteps > 0 {
            batchSteps -= 1
            for r in runs where canTrain(r.trainer) { r.trainer.trainMiniBatch() }
            publishNow = true
        } else if epochSteps > 0 {
            epochSteps -= 1
            for r in runs where canTrain(r.trainer) { r.trainer.trainEpoch() }
            publishNow = true
        } else if !paused, let t = nextTrainer() {
            let limit = TrainingSession.speeds[speedIndex]
            if limit > 0 && t.batchInEpoch == 0 && t.epoch > pacedEpoch {
                let due = lastEpochStart + 1 / limit
                let now = Self.now()
                if now < due { return min(due - now, 0.05) }
                lastEpochStart = now
                pacedEpoch = t.epoch
            }
            if limit == 0 && runs.count > 1 {
                if trainFurthestBehind() { publishNow = true }
            } else {
                t.trainMiniBatch()
                if t.divergence != nil { publishNow = true }
            }
        } else {
            return 0.05
        }
        return nil
    }

    /// A mini-batch of every run furthest behind (the least epochs plus share of the
    /// current one), all at once: the runs split into `comparePool` shares, one a
    /// thread, each share's runs of one small shape trained as one computation. Runs of
    /// one batch size move in lockstep; a run with fewer batches an epoch waits for the
    /// others, so none gets ahead. Whether one of them diverged.
    private func trainFurthestBehind() -> Bool {
        let trainable = runs.map(\.trainer).filter(canTrain)
        guard let low = trainable.map(progress).min() else { return false }
        let behind = Set(trainable.filter { progress($0) <= low }.map(ObjectIdentifier.init))
        nonisolated(unsafe) let work = shares()
        DispatchQueue.concurrentPerform(iterations: work.count) { k in
            for s in work[k].stacks { s.trainMiniBatch { behind.contains(ObjectIdentifier($0)) } }
            for t in work[k].single where behind.contains(ObjectIdentifier(t)) { t.trainMiniBatch() }
        }
        return trainable.contains { $0.divergence != nil }
    }

    /// The runs in `comparePool` shares (run `k` in share `k % pool`), each share's runs
    /// of one small shape stacked (`RunStack.group`); made again when the runs change.
    private func shares() -> [(stacks: [RunStack], single: [Trainer])] {
        let ids = runs.map { ObjectIdentifier($0.trainer) }
        if let made = madeShares, made.ids == ids { return made.shares }
        let shares = RunStack.shares(runs.map(\.trainer), pool: comparePool)
        madeShares = (ids, shares)
        return shares
    }
    private var madeShares: (ids: [ObjectIdentifier], shares: [(stacks: [RunStack], single: [Trainer])])?

    /// Whether a run can still train (neither finished nor diverged).
    private func canTrain(_ t: Trainer) -> Bool { !t.isFinished && t.divergence == nil }

    /// The trainable run that is furthest behind (epochs plus the share of the
    /// current one), so a comparison advances fairly. Allocates nothing: it runs
    /// before every mini-batch.
    private func nextTrainer() -> Trainer? {
        var best: Trainer?
        for r in runs where canTrain(r.trainer) {
            let t = r.trainer
            if best.map({ progress(t) < progress($0) }) ?? true { best = t }
        }
        return best
    }
    private func progress(_ t: Trainer) -> Double {
        Double(t.epoch) + Double(t.batchInEpoch) / Double(max(t.batchesInEpoch, 1))
    }

    /// The runs of `specs`, each starting from `startWeights` where the checkpoint fits
    /// its network (runs of another shape start from their seed, and the status says so).
    /// `misfit` is what to report when the checkpoint does not fit some of them.
    func build(_ specs: [RunSpec], base: Preset, data: LoadedData) throws -> (runs: [Run], misfit: Outcome?) {
        let built = zip(specs, try Comparison.trainers(specs, base: base, data: data)).map {
            Run(spec: $0, trainer: $1)
        }
        guard let startWeights else { return (built, nil) }
        var misfits = 0
        for r in built {
            do { try r.trainer.load(checkpoint: startWeights) } catch { misfits += 1 }
        }
        return (built, misfits > 0 ? .checkpointMisfit(path: startWeights, runs: misfits) : nil)
    }

    /// Resumes every diverged run (`Trainer.resume`); whether there was one.
    @discardableResult
    func resumeDiverged() -> Bool {
        let diverged = runs.map(\.trainer).filter { $0.divergence != nil }
        for t in diverged { t.resume() }
        if !diverged.isEmpty { lastEpochStart = 0 }
        return !diverged.isEmpty
    }

    /// A saved preset's description: the original's when nothing changed, else which
    /// keys differ from the preset it came from.
    static func description(of p: Preset, from original: Preset) -> String {
        let changed = Preset.keys.filter { !["name", "description"].contains($0) && p.text($0) != original.text($0) }
        guard !changed.isEmpty else { return original.description }
        // drawn points are counted, not listed: the list is the preset's data.points
        return "\(original.name) with "
            + changed.map { $0 == "data.points" ? "\(p.data.points.count) drawn points" : "\($0)=\(p.text($0))" }
            .joined(separator: ", ")
    }

    /// Where `w`, `p` and `P` write: `stem` made a safe file name, in the output folder.
    func outputPath(_ stem: String, _ ext: String) -> String {
        let safe = String(stem.map { $0.isLetter || $0.isNumber || $0 == "-" ? $0 : "_" })
        return PathText.join(outputFolder, "\(safe).\(ext)")
    }

    /// New settings for the single run: data, architecture, activation, init and
    /// seed rebuild it (loading data only when the data settings changed); the rest
    /// apply live.
    /// Returns whether the run was rebuilt.
    @discardableResult
    func change(to p: Preset) throws -> Bool {
        guard p.data != base.data || p.network != base.network || p.training.seed != base.training.seed else {
            try changeLive(0, to: p)
            base = p
            return false
        }
        let newData = p.data != base.data ? try DataLoader.load(p.data, output: p.network.output) : data
        let newRuns = try build([RunSpec(label: p.name, setting: "", preset: p)], base: p, data: newData).runs
        data = newData
        dataSummary = DataSummary(newData)
        base = p
        runs = newRuns
        lastEpochStart = 0
        return true
    }

    /// Optimizer, learning rate, schedule, batch size, weight decay and epochs of run
    /// `run`, from its next mini-batch on.
    func changeLive(_ run: Int, to p: Preset) throws {
        if case .size(let n) = p.training.batch, n > data.train.count {
            throw NNError.input("batch size \(n) is larger than the \(data.train.count) training samples")
        }
        let t = runs[run].trainer
        t.optimizer = p.optimizer
        t.schedule = p.schedule
        t.batch = p.training.batch
        t.weightDecay = p.training.weightDecay
        t.regularization = p.training.regularization
        if p.training.epochs != runs[run].spec.preset.training.epochs { t.epochs = p.training.epochs }
        runs[run].spec.preset = p
    }

    /// The work asked for since the last call, for the runner to perform.
    func takeEffects() -> [Effect] {
        defer { effects = [] }
        return effects
    }

    // MARK: snapshots

    /// A snapshot when one is due: something changed that the user must see at
    /// once, or a thirtieth of a second passed since the last.
    func publication() -> Snapshot? {
        let now = Self.now()
        guard publishNow || now - lastPublish >= 1.0 / 30 else { return nil }
        lastPublish = now
        // the views' predictions: 5 a second on toy sets, once a second on large ones
        let viewInterval = data.train.count <= 5000 ? 0.2 : 1.0
        if publishNow || now - views.lastUpdate >= viewInterval {
            views.lastUpdate = now
            views.compute(runs.map(\.trainer), labels: runs.map(\.spec.label), comparing: compareMode, degree: degree)
        }
        publishNow = false
        return snapshot()
    }

    /// The session as it is now.
    func snapshot() -> Snapshot {
        sequence += 1
        var s = Snapshot()
        s.sequence = sequence
        s.compareMode = compareMode
        s.variants = variantLabels
        s.grid = gridAxes
        s.paused = paused
        s.speedIndex = speedIndex
        s.data = dataSummary
        views.fill(&s)
        s.outcome = outcome
        s.learningRateTest = learningRateTest
        s.gradientCheck = gradientCheck
        s.polynomialDegree = degree
        s.runs = runs.map {
            RunSnapshot(
                $0.spec, $0.trainer, paused: paused,
                threads: runs.count > 1 ? comparePool : $0.trainer.sliceCount($0.trainer.batchSize))
        }
        return s
    }
}
