import NNEngine
import NNFiles
import Foundation

/// The training session's state and work, owned by the engine queue: the runs, the
/// settings they were built from, pause and speed, and the views' computations.
/// `TrainingSession` is its only user; nothing here is shared between threads.
final class SessionEngine {
    private var base: Preset
    /// The preset the session started from (a saved preset says how it differs).
    private let loaded: Preset
    /// The last learning-rate range test: the run it copied and its result.
    private var learningRateTest: LearningRateTest?
    private var gradientCheck: GradientCheckResult?
    /// The runs: one, or a comparison's. Each is what it was built from and its
    /// trainer, so the two can never disagree in number.
    private var runs: [Run] = [] {
        didSet { assignThreads() }
    }
    struct Run {
        var spec: RunSpec
        let trainer: Trainer
    }
    private var data: LoadedData
    private var dataSummary: DataSummary
    private var compareMode = false
    private var paused: Bool
    private var speedIndex: Int
    /// The focused view's request and what was computed for it.
    private var views = ViewCache()
    private var message: String?
    private var notice: Notice?
    /// Files asked for and not yet handed to the writer (`takeWrites`).
    private var writes: [FileWrite] = []
    private var degree: Int
    private var batchSteps = 0
    private var epochSteps = 0
    private var sequence = 0
    private var publishNow = true
    private var lastPublish = 0.0
    private var lastEpochStart = 0.0
    /// Where `w` and `p` write their files.
    private let outputFolder: String
    /// Noted when the user closes the finder or the session stops: the learning-rate
    /// test polls it between mini-batches, so neither waits for the test to end.
    private let finderStop: Interrupt

    /// A checkpoint every run starts from instead of its seeded weights, where it fits.
    private let startWeights: String?

    init(preset: Preset, data: LoadedData, paused: Bool, outputFolder: String, startWeights: String? = nil,
         finderStop: Interrupt = Interrupt()) throws {
        self.finderStop = finderStop
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
        if let startWeights { message = try runs[0].trainer.load(checkpoint: startWeights) }
        assignThreads()
    }

    /// Threads: a single run splits its mini-batches across `training.threads`; the
    /// runs of a comparison train one thread each, `comparePool` of them at once.
    private func assignThreads() {
        for r in runs { r.trainer.threads = runs.count > 1 ? 1 : base.training.resolvedThreads }
    }

    /// Runs of a comparison trained at once: one per core.
    private var comparePool: Int { min(base.training.resolvedThreads, Trainer.allowedCPUs) }

    static func now() -> Double { Double(DispatchTime.now().uptimeNanoseconds) / 1e9 }

    // MARK: work

    /// Applies `intents` in order, then does one unit of work: a requested step, a
    /// mini-batch of the run furthest behind, or nothing. Returns how long to wait
    /// for new intents before the next call (nil: call again at once).
    func advance(applying intents: [Intent]) -> Double? {
        for intent in intents { apply(intent) }
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
            if limit > 0 && t.batchInEpoch == 0 {
                let due = lastEpochStart + 1 / limit
                let now = Self.now()
                if now < due { return min(due - now, 0.05) }
                lastEpochStart = now
            }
            if limit == 0 && runs.count > 1 && comparePool > 1, let u = nextTrainer(besides: t) {
                // the two runs furthest behind, a mini-batch each, at once: no run gets ahead
                nonisolated(unsafe) let pair = (t, u)
                DispatchQueue.concurrentPerform(iterations: 2) { $0 == 0 ? pair.0.trainMiniBatch() : pair.1.trainMiniBatch() }
                if u.divergence != nil { publishNow = true }
            } else {
                t.trainMiniBatch()
            }
            if t.divergence != nil { publishNow = true }
        } else {
            return 0.05
        }
        return nil
    }

    /// Whether a run can still train (neither finished nor diverged).
    private func canTrain(_ t: Trainer) -> Bool { !t.isFinished && t.divergence == nil }

    /// The trainable run that is furthest behind (epochs plus the share of the
    /// current one), so a comparison advances fairly. Allocates nothing: it runs
    /// before every mini-batch.
    private func nextTrainer(besides other: Trainer? = nil) -> Trainer? {
        var best: Trainer?
        for r in runs where canTrain(r.trainer) && r.trainer !== other {
            let t = r.trainer
            if best.map({ progress(t) < progress($0) }) ?? true { best = t }
        }
        return best
    }
    private func progress(_ t: Trainer) -> Double {
        Double(t.epoch) + Double(t.batchInEpoch) / Double(max(t.batchesInEpoch, 1))
    }

    // MARK: intents

    /// Applies one intent to the current settings; what it cannot do is a notice.
    private func apply(_ intent: Intent) {
        message = nil
        notice = nil
        do {
            switch intent {
            case .togglePause, .stepEpoch, .stepBatch, .reset, .extend, .changeSpeed: try control(intent)
            case .step, .setLayers, .toggleFeature, .addHiddenLayer, .reshape, .setLearningRate, .setDrawnPoints, .setWeight: try settings(intent)
            case .compare, .leaveCompare, .promote: try comparison(intent)
            case .findLearningRate, .cancelLearningRateTest: findLearningRate(intent)
            case .checkGradients(let run): checkGradients(run)
            case .saveCheckpoint, .savePreset, .saveFigure, .fileWritten: try files(intent)
            case .changePolynomialDegree, .showView: view(intent)
            }
        } catch {
            notice = .failed(error as? NNError ?? .runtime("\(error)"))
        }
    }

    /// Pause, steps, reset, extension and speed.
    private func control(_ intent: Intent) throws {
        switch intent {
        case .togglePause:
            // on a diverged run, space is "resume": from its last sound weights
            if resumeDiverged() { paused = false } else { paused.toggle() }
        case .stepEpoch: resumeDiverged(); paused = true; epochSteps += 1
        case .stepBatch: resumeDiverged(); paused = true; batchSteps += 1
        case .reset(let newSeed):
            var specs = runs.map(\.spec)
            if newSeed {
                base.training.seed &+= 1
                for i in specs.indices { specs[i].preset.training.seed = base.training.seed }
            }
            runs = try build(specs, base: base, data: data)
            lastEpochStart = 0
        case .extend:
            resumeDiverged()
            for r in runs { r.trainer.epochs += r.spec.preset.training.epochs }
            paused = false
        case .changeSpeed(let step):
            speedIndex = min(max(speedIndex + step, 0), TrainingSession.speeds.count - 1)
            let limit = TrainingSession.speeds[speedIndex]
            message = limit == 0 ? "speed: full" : "speed: at most \(Int(limit)) epoch\(limit == 1 ? "" : "s") a second"
        default: break
        }
    }

    /// A setting of a run: live where it can change live, else the run restarts; a
    /// comparison keeps what its runs share.
    private func settings(_ intent: Intent) throws {
        switch intent {
        case .step(let setting, let step, let run):
            guard runs.indices.contains(run) else { return }
            if let why = setting.fixedReason(runs[run].spec.preset, data: dataSummary) {
                message = why
                return
            }
            let before = runs[run].spec.preset
            let p = setting.stepped(before, by: step, sizes: runs[run].trainer.network.sizes, data: dataSummary)
            if !compareMode {
                try change(to: p)
            } else if setting.resetsRun {
                notice = .fixedInComparison(setting.rawValue)
                return
            } else {
                try changeLive(run, to: p)
            }
            // a live change says what it did (a reset says so itself)
            if !setting.resetsRun, let key = setting.key(for: before), before.text(key) != p.text(key) {
                let who = compareMode ? "\(runs[run].spec.label): " : ""
                message = "\(who)\(key) \(before.text(key)) → \(p.text(key)), from the next mini-batch"
            }
        case .setLayers(let text):
            guard !compareMode else { notice = .fixedInComparison("layers"); return }
            var p = base
            try p.assign("network.layers", text, at: "layers")
            try change(to: p)
            message = "layers \(runs[0].trainer.network.sizes.map(String.init).joined(separator: "/")): the run restarted from the same seed"
        case .setWeight(let layer, let unit, let from, let value):
            guard !compareMode else { notice = .fixedInComparison("a weight"); return }
            let net = runs[0].trainer.network
            guard (1...net.depth).contains(layer), (0..<net.sizes[layer]).contains(unit), (0..<net.sizes[layer - 1]).contains(from),
                  value.isFinite else { return }
            let W = net.layers[layer - 1].W, before = W[unit, from]
            W[unit, from] = value
            message = "W[\(layer)][\(unit + 1), \(from + 1)] \(Preset.format(Double(before))) → \(Preset.format(Double(value))): "
                + "training goes on from the edited weights (r starts again from the seed)"
        case .setDrawnPoints(let points):
            guard !compareMode else { notice = .fixedInComparison("the drawn points"); return }
            if let problem = DrawnPoint.check(points) { notice = .drawnSetRefused(problem); return }
            var p = base
            p.data.source = .drawn
            p.data.points = points
            p.data.features = InputFeature.plain
            p.network.layers[0] = nil
            p.network.layers[p.network.layers.count - 1] = nil
            if case .size(let n) = p.training.batch, n > max(1, Int(Double(points.count) * (1 - p.data.validation))) { p.training.batch = .full }
            try change(to: p)
            message = "drawn set: \(p.data.points.count) point\(p.data.points.count == 1 ? "" : "s"); the run restarted from the same seed"
        case .toggleFeature(let feature):
            guard !compareMode else { notice = .fixedInComparison("input features"); return }
            if let why = Setting.features.fixedReason(base, data: dataSummary) { message = why; return }
            let features = feature.toggled(in: base.data.features)
            guard !features.isEmpty else { message = "\(feature.rawValue) is the only input left: turn another on first"; return }
            var p = base
            p.data.features = features
            p.network.layers[0] = nil
            try change(to: p)
            message = "inputs \(features.map(\.rawValue).joined(separator: ", ")): the run restarted from the same seed"
        case .addHiddenLayer:
            guard !compareMode else { return }
            try change(to: Setting.addingHiddenLayer(base, sizes: runs[0].trainer.network.sizes))
        case .reshape(let r):
            guard !compareMode else { notice = .fixedInComparison("layers"); return }
            guard let sizes = r.applied(to: runs[0].trainer.network.sizes) else { return }
            var p = base
            p.network.layers = sizes.map { Optional($0) }
            p.network.layers[0] = base.network.layers.first ?? nil  // auto stays auto
            p.network.layers[sizes.count - 1] = base.network.layers.last ?? nil
            try change(to: p)
            message = "layers \(sizes.map(String.init).joined(separator: "/")): the run restarted from the same seed"
        case .setLearningRate(let lr, let run):
            guard runs.indices.contains(run) else { return }
            var p = runs[run].spec.preset
            p.optimizer.lr = lr
            if compareMode { try changeLive(run, to: p) } else { try change(to: p) }
            message = String(format: "learning rate set to %.3g", lr)
        default: break
        }
    }

    /// Entering, leaving and promoting out of a comparison.
    private func comparison(_ intent: Intent) throws {
        switch intent {
        case .compare(let variation):
            runs = try build(try Comparison.specs(base: base, variation: variation), base: base, data: data)
            compareMode = true
        case .leaveCompare:
            runs = try build([RunSpec(label: base.name, setting: "", preset: base)], base: base, data: data)
            compareMode = false
        case .promote(let i):
            guard compareMode, runs.indices.contains(i) else { return }
            base = runs[i].spec.preset
            runs = [Run(spec: RunSpec(label: base.name, setting: runs[i].spec.label, preset: base), trainer: runs[i].trainer)]
            compareMode = false
        default: break
        }
    }

    /// The learning-rate range test from a copy of a run's weights, or its cancelling.
    private func findLearningRate(_ intent: Intent) {
        switch intent {
        case .findLearningRate(let run, let fromStart):
            guard runs.indices.contains(run) else { return }
            learningRateTest = nil
            do {
                var weights: Network? = runs[run].trainer.network
                if fromStart {
                    // a fresh build of the run: its seeded weights, or the checkpoint it started from
                    weights = try build([runs[run].spec], base: runs[run].spec.preset, data: data)[0].trainer.network
                }
                let result = try LearningRateFinder().run(runs[run].spec.preset, data: data, weights: weights,
                                                          interrupt: finderStop)
                learningRateTest = LearningRateTest(run: run, result: result)
            } catch NNError.interrupted {
                message = "learning-rate test stopped"
            } catch {
                notice = .failed(error as? NNError ?? .runtime("\(error)"))
            }
        case .cancelLearningRateTest:
            finderStop.clear()
            learningRateTest = nil
        default: break
        }
    }

    /// Backprop against finite differences on run `run`'s weights now (8 samples, 30
    /// entries of each `W[l]` and `b[l]`), as `nntui gradcheck` does; said on the bottom line.
    private func checkGradients(_ run: Int) {
        guard runs.indices.contains(run) else { return }
        let t = runs[run].trainer, count = min(8, t.data.train.count)
        let results = GradientCheck.run(network: t.network, data: t.data.train, indices: Array(t.data.train.indices.prefix(count)), perLayer: 30)
        let worst = results.map { max($0.worstWeightError, $0.worstBiasError) }.max() ?? 0
        let result = GradientCheckResult(run: run, epoch: t.epoch, worstError: worst, checked: results.map(\.checked).reduce(0, +))
        gradientCheck = result
        message = (result.passed ? "backprop agrees with finite differences: " : "backprop DISAGREES with finite differences: ")
            + "\(result.checked) derivatives, worst error " + String(format: "%.0e", worst)
    }

    /// Files asked for (written by the session, off this queue) and their outcome.
    private func files(_ intent: Intent) throws {
        switch intent {
        case .saveCheckpoint(let run):
            guard runs.indices.contains(run) else { return }
            let r = runs[run]
            let path = outputPath("\(r.spec.label)-epoch\(r.trainer.epoch)", "safetensors")
            writes.append(FileWrite(path: path, bytes: try Checkpoint.bytes(r.trainer.network, preset: r.spec.preset),
                                    saved: "saved checkpoint to \(path)"))
        case .savePreset:
            var p = base
            p.data.degree = degree
            p.description = Self.description(of: p, from: loaded)
            let path = outputPath("\(base.name)-saved", "yaml")
            writes.append(FileWrite(path: path, bytes: Data(try p.yaml().utf8), saved: "saved preset to \(path)"))
        case .saveFigure(let svg, let name):
            let path = outputPath(name, "svg")
            writes.append(FileWrite(path: path, bytes: Data(svg.utf8), saved: "saved the view as \(path)"))
        case .fileWritten(let saved, let failure):
            if let failure { notice = .failed(failure) } else { message = saved }
        default: break
        }
    }

    /// What the focused view needs computed.
    private func view(_ intent: Intent) {
        switch intent {
        case .changePolynomialDegree(let step):
            degree = min(max(degree + step, 0), 20)
            views.lastUpdate = 0
        case .showView(let v, let run): views.show(v, run: run)
        default: break
        }
    }

    /// The runs of `specs`, each starting from `startWeights` where the checkpoint fits
    /// its network (runs of another shape start from their seed, and the status says so).
    private func build(_ specs: [RunSpec], base: Preset, data: LoadedData) throws -> [Run] {
        let built = zip(specs, try Comparison.trainers(specs, base: base, data: data)).map { Run(spec: $0, trainer: $1) }
        guard let startWeights else { return built }
        var misfits = 0
        for r in built {
            do { try r.trainer.load(checkpoint: startWeights) } catch { misfits += 1 }
        }
        if misfits > 0 { message = "\(startWeights) does not fit \(misfits) run(s): they start from their seed" }
        return built
    }

    /// Resumes every diverged run (`Trainer.resume`); whether there was one.
    @discardableResult
    private func resumeDiverged() -> Bool {
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
        return "\(original.name) with " + changed.map { $0 == "data.points" ? "\(p.data.points.count) drawn points" : "\($0)=\(p.text($0))" }
            .joined(separator: ", ")
    }

    /// Where `w`, `p` and `P` write: `stem` made a safe file name, in the output folder.
    private func outputPath(_ stem: String, _ ext: String) -> String {
        let safe = String(stem.map { $0.isLetter || $0.isNumber || $0 == "-" ? $0 : "_" })
        return PathText.join(outputFolder, "\(safe).\(ext)")
    }

    /// New settings for the single run: data, architecture, activation, init and
    /// seed rebuild it (loading data only when the data settings changed); the rest
    /// apply live.
    private func change(to p: Preset) throws {
        guard p.data != base.data || p.network != base.network || p.training.seed != base.training.seed else {
            try changeLive(0, to: p)
            base = p
            return
        }
        let newData = p.data != base.data ? try DataLoader.load(p.data, output: p.network.output) : data
        let newRuns = try build([RunSpec(label: p.name, setting: "", preset: p)], base: p, data: newData)
        data = newData
        dataSummary = DataSummary(newData)
        base = p
        runs = newRuns
        lastEpochStart = 0
        message = "settings changed: the run was reset"
    }

    /// Optimizer, learning rate, schedule, batch size, weight decay and epochs of run
    /// `run`, from its next mini-batch on.
    private func changeLive(_ run: Int, to p: Preset) throws {
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

    /// The files asked for since the last call, for the session to write.
    func takeWrites() -> [FileWrite] {
        defer { writes = [] }
        return writes
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
        s.paused = paused
        s.speedIndex = speedIndex
        s.data = dataSummary
        views.fill(&s)
        s.message = message
        s.notice = notice
        s.learningRateTest = learningRateTest
        s.gradientCheck = gradientCheck
        s.polynomialDegree = degree
        s.runs = runs.map { RunSnapshot($0.spec, $0.trainer, paused: paused, threads: runs.count > 1 ? comparePool : $0.trainer.sliceCount($0.trainer.batchSize)) }
        return s
    }


}
