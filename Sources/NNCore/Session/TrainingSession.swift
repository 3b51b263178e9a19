import Foundation

/// Runs one or more trainers on a background Dispatch queue, takes commands between
/// mini-batches, and publishes immutable snapshots for the UI. The UI thread only
/// ever calls `send` and reads `snapshot`, so it is never blocked by training.
public final class TrainingSession: @unchecked Sendable {
    /// Speed limits in epochs a second; 0 is full speed.
    public static let speeds: [Double] = [0, 100, 30, 10, 3, 1]

    private let lock = NSLock()
    private var pending: [SessionCommand] = []
    private var latest = Snapshot()
    private let wake = DispatchSemaphore(value: 0)
    private let done = DispatchSemaphore(value: 0)
    private let queue = DispatchQueue(label: "nntui.engine", qos: .userInitiated)
    private var stopRequested = false

    // Engine-thread state below.
    private var base: Preset
    private var specs: [RunSpec]
    private var trainers: [Trainer] = []
    private var data: LoadedData
    private var compareMode = false
    private var paused: Bool
    private var speedIndex: Int
    private var view = ViewRequest.none
    private var viewRun = 0
    private var message: String?
    private var degree: Int
    private var batchSteps = 0
    private var epochSteps = 0
    private var sequence = 0
    private var handledCommands = 0
    private var lastPublish = 0.0
    private var lastViewUpdate = 0.0
    private var lastEpochStart = 0.0
    private var dataSummary: DataSummary
    private var boundary: BoundaryGrid?
    private var fit: FitCurves?
    private var confusion: ConfusionData?
    /// Where `w` and `p` write their files.
    public let outputFolder: String

    /// A session on already-loaded data; throws what building the run throws.
    public init(preset: Preset, data: LoadedData, paused: Bool = false, outputFolder: String = ".") throws {
        base = preset
        self.data = data
        self.paused = paused
        self.outputFolder = outputFolder
        degree = preset.data.degree
        speedIndex = data.train.count <= 5000 ? 3 : 0
        specs = [RunSpec(label: preset.name, setting: "", preset: preset)]
        dataSummary = Self.summarize(data)
        trainers = try Comparison.trainers(specs, base: base, data: data)
        publish(force: true)
    }

    /// Starts the engine loop.
    public func start() {
        queue.async { [self] in loop() }
    }

    /// Stops the engine loop and waits for it (at most a mini-batch).
    public func stop() {
        lock.lock()
        stopRequested = true
        lock.unlock()
        wake.signal()
        done.wait()
    }

    public func send(_ command: SessionCommand) {
        lock.lock()
        pending.append(command)
        lock.unlock()
        wake.signal()
    }

    /// The latest published snapshot.
    public var snapshot: Snapshot {
        lock.lock()
        defer { lock.unlock() }
        return latest
    }

    // MARK: engine loop

    static func now() -> Double { Double(DispatchTime.now().uptimeNanoseconds) / 1e9 }

    private func loop() {
        while true {
            lock.lock()
            let commands = pending
            pending = []
            let stopping = stopRequested
            lock.unlock()
            if stopping { break }
            for c in commands { handle(c) }
            handledCommands += commands.count
            if !commands.isEmpty { publish(force: true) }
            if batchSteps > 0 {
                batchSteps -= 1
                for t in trainers where canTrain(t) { t.trainMiniBatch() }
                publish(force: true)
            } else if epochSteps > 0 {
                epochSteps -= 1
                for t in trainers where canTrain(t) { t.trainEpoch() }
                publish(force: true)
            } else if !paused, let t = nextTrainer() {
                let limit = Self.speeds[speedIndex]
                if limit > 0 && t.batchInEpoch == 0 {
                    let due = lastEpochStart + 1 / limit
                    let now = Self.now()
                    if now < due {
                        publish(force: false)
                        _ = wake.wait(timeout: .now() + min(due - now, 0.05))
                        continue
                    }
                    lastEpochStart = now
                }
                t.trainMiniBatch()
                publish(force: t.divergence != nil)
            } else {
                publish(force: false)
                _ = wake.wait(timeout: .now() + 0.05)
            }
        }
        done.signal()
    }

    /// Whether a run can still train (neither finished nor diverged).
    private func canTrain(_ t: Trainer) -> Bool { !t.isFinished && t.divergence == nil }

    /// The trainable run that is furthest behind (epochs plus the share of the
    /// current one), so a comparison advances fairly. Allocates nothing: it runs
    /// before every mini-batch.
    private func nextTrainer() -> Trainer? {
        var best: Trainer?
        for t in trainers where canTrain(t) {
            if best.map({ progress(t) < progress($0) }) ?? true { best = t }
        }
        return best
    }
    private func progress(_ t: Trainer) -> Double {
        Double(t.epoch) + Double(t.batchInEpoch) / Double(max(t.batchesInEpoch, 1))
    }

    private func handle(_ command: SessionCommand) {
        message = nil
        do {
            switch command {
            case .togglePause: paused.toggle()
            case .stepEpoch: paused = true; epochSteps += 1
            case .stepBatch: paused = true; batchSteps += 1
            case .reset(let newSeed):
                if newSeed {
                    base.training.seed &+= 1
                    for i in specs.indices { specs[i].preset.training.seed = base.training.seed }
                }
                trainers = try Comparison.trainers(specs, base: base, data: data)
                lastEpochStart = 0
            case .update(let p): try update(p)
            case .scaleLearningRate(let run, let factor):
                guard trainers.indices.contains(run) else { break }
                let lr = min(max(trainers[run].optimizer.lr * factor, 1e-6), 1000)
                trainers[run].optimizer.lr = lr
                specs[run].preset.optimizer.lr = lr
                if !compareMode { base.optimizer.lr = lr }
            case .changeSpeed(let step): speedIndex = min(max(speedIndex + step, 0), Self.speeds.count - 1)
            case .extend:
                for (i, t) in trainers.enumerated() {
                    t.epochs += specs[i].preset.training.epochs
                }
                paused = false
            case .enterCompare(let key, let values):
                switch key {
                case nil: specs = try Comparison.specs(base: base)
                case "optimizer.name": specs = try Comparison.specs(base: base, optimizers: values)
                case let key?: specs = try Comparison.specs(base: base, vary: "\(key)=\(values.joined(separator: ","))")
                }
                trainers = try Comparison.trainers(specs, base: base, data: data)
                compareMode = true
            case .leaveCompare:
                specs = [RunSpec(label: base.name, setting: "", preset: base)]
                trainers = try Comparison.trainers(specs, base: base, data: data)
                compareMode = false
            case .promote(let i):
                guard compareMode, trainers.indices.contains(i) else { break }
                base = specs[i].preset
                specs = [RunSpec(label: base.name, setting: specs[i].label, preset: base)]
                trainers = [trainers[i]]
                compareMode = false
            case .saveCheckpoint(let run):
                guard trainers.indices.contains(run) else { break }
                let t = trainers[run]
                let path = (outputFolder as NSString).appendingPathComponent("\(Self.fileName(specs[run].label))-epoch\(t.epoch).safetensors")
                try Checkpoint.save(t.network, preset: specs[run].preset, to: path)
                message = "saved checkpoint to \(path)"
            case .savePreset:
                var p = base
                p.data.degree = degree
                let path = (outputFolder as NSString).appendingPathComponent("\(Self.fileName(base.name))-saved.yaml")
                try AtomicFile.write(p.yaml(), to: path)
                message = "saved preset to \(path)"
            case .changePolynomialDegree(let step):
                degree = min(max(degree + step, 0), 20)
                lastViewUpdate = 0
            case .setView(let v, let run):
                if v != view || run != viewRun { lastViewUpdate = 0 }
                view = v
                viewRun = run
            }
        } catch {
            message = "\(error)"
        }
    }

    static func fileName(_ s: String) -> String {
        String(s.map { $0.isLetter || $0.isNumber || $0 == "-" ? $0 : "_" })
    }

    /// Applies new single-run settings: live where design.md says so, else a reset.
    private func update(_ p: Preset) throws {
        let resets = p.data != base.data || p.network != base.network || p.training.seed != base.training.seed
        if resets {
            let newData = p.data != base.data ? try DataLoader.load(p.data, output: p.network.output) : data
            let newSpecs = [RunSpec(label: p.name, setting: "", preset: p)]
            let newTrainers = try Comparison.trainers(newSpecs, base: p, data: newData)
            data = newData
            dataSummary = Self.summarize(newData)
            base = p
            specs = newSpecs
            trainers = newTrainers
            compareMode = false
            lastEpochStart = 0
            message = "settings changed: the run was reset"
            return
        }
        if case .size(let n) = p.training.batch, n > data.train.count {
            throw NNError.input("batch size \(n) is larger than the \(data.train.count) training samples")
        }
        base = p
        for (i, t) in trainers.enumerated() {
            specs[i].preset.optimizer = p.optimizer
            specs[i].preset.schedule = p.schedule
            specs[i].preset.training.batch = p.training.batch
            specs[i].preset.training.weightDecay = p.training.weightDecay
            t.optimizer = p.optimizer
            t.schedule = p.schedule
            t.batch = p.training.batch
            t.weightDecay = p.training.weightDecay
            if p.training.epochs != specs[i].preset.training.epochs {
                t.epochs = p.training.epochs
                specs[i].preset.training.epochs = p.training.epochs
            }
        }
    }

    // MARK: snapshots

    private func publish(force: Bool) {
        let now = Self.now()
        guard force || now - lastPublish >= 1.0 / 30 else { return }
        lastPublish = now
        // the views' predictions: 5 a second on toy sets, once a second on large ones
        let viewInterval = data.train.count <= 5000 ? 0.2 : 1.0
        if force || now - lastViewUpdate >= viewInterval {
            lastViewUpdate = now
            computeView()
        }
        sequence += 1
        var s = Snapshot()
        s.sequence = sequence
        s.compareMode = compareMode
        s.paused = paused
        s.speedIndex = speedIndex
        s.data = dataSummary
        s.boundary = boundary
        s.fit = fit
        s.confusion = confusion
        s.message = message
        s.polynomialDegree = degree
        s.handledCommands = handledCommands
        s.runs = zip(specs, trainers).map { spec, t in
            let state: RunState = t.divergence != nil ? .diverged : (t.isFinished ? .finished : (paused ? .paused : .running))
            return RunSnapshot(label: spec.label, setting: spec.setting, preset: spec.preset, sizes: t.network.sizes,
                               state: state, divergence: t.divergence, history: t.history, epoch: t.epoch,
                               totalEpochs: t.epochs, step: t.step, batchInEpoch: t.batchInEpoch,
                               batchesInEpoch: t.batchesInEpoch, batchSize: t.batch.resolved(count: t.data.train.count),
                               seconds: t.seconds, samplesPerSecond: t.samplesPerSecond, learningRate: t.currentLearningRate,
                               plannedLearningRates: t.plannedLearningRates)
        }
        lock.lock()
        latest = s
        lock.unlock()
    }

    private func computeView() {
        guard trainers.indices.contains(viewRun) else { return }
        let t = trainers[viewRun]
        switch view {
        case .none: break
        case .boundary(let columns, let rows): boundary = ViewComputations.boundary(t, columns: columns, rows: rows)
        case .fit(let points): fit = ViewComputations.fit(t, points: points, degree: degree)
        case .confusion: confusion = ViewComputations.confusion(t)
        }
    }

    static func summarize(_ d: LoadedData) -> DataSummary {
        let s = d.store
        var points: [(Float, Float, Int, Bool)] = []
        var curve: [(Double, Double)] = []
        if s.featureCount == 2 && s.isClassification {
            points = d.train.indices.map { (s.raw($0, 0), s.raw($0, 1), s.label($0), false) }
                + d.validation.indices.map { (s.raw($0, 0), s.raw($0, 1), s.label($0), true) }
        }
        if s.featureCount == 1 && !s.isClassification {
            curve = d.train.indices.map { (Double(s.raw($0, 0)), Double(s.value($0))) }
        }
        return DataSummary(source: d.source, trainCount: d.train.count, validationCount: d.validation.count,
                           testCount: d.test?.count, featureCount: s.featureCount, classNames: s.classNames,
                           imageShape: s.imageShape, points: points, curvePoints: curve)
    }
}
