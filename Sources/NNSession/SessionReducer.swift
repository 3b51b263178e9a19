import Foundation
import NNEngine
import NNFiles

/// What one intent did: an outcome for the dashboard to word, and the work to do
/// elsewhere (`Effect`).
struct Reduction {
    var outcome: Outcome?
    var effects: [Effect] = []

    init(_ outcome: Outcome? = nil, effects: [Effect] = []) {
        self.outcome = outcome
        self.effects = effects
    }
}

/// The session as a reducer: `apply` changes the engine's state for one intent, in
/// the order intents came, and returns what happened as values. Nothing here writes
/// a file, waits for the finder or puts a sentence together.
extension SessionEngine {
    /// Applies one intent to the current settings; what it cannot do is a `.failed` outcome.
    func apply(_ intent: Intent) -> Reduction {
        do {
            switch intent {
            case .togglePause, .stepEpoch, .stepBatch, .reset, .extend, .changeSpeed: return try control(intent)
            case .step(let setting, let by, let run): return try step(setting, by: by, run: run)
            case .setLayers, .toggleFeature, .addHiddenLayer, .reshape: return try shape(intent)
            case .setLearningRate, .setDrawnPoints, .setWeight: return try edit(intent)
            case .compare, .leaveCompare, .promote: return try comparison(intent)
            case .findLearningRate, .cancelLearningRateTest, .learningRateTested: return try findLearningRate(intent)
            case .checkGradients, .gradientsChecked: return checkGradients(intent)
            case .saveCheckpoint, .savePreset, .saveFigure, .fileWritten: return try files(intent)
            case .changePolynomialDegree, .showView: return view(intent)
            }
        } catch {
            return Reduction(.failed(error as? NNError ?? .runtime("\(error)")))
        }
    }

    /// Pause, steps, reset, extension and speed.
    private func control(_ intent: Intent) throws -> Reduction {
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
            let built = try build(specs, base: base, data: data)
            runs = built.runs
            lastEpochStart = 0
            return Reduction(built.misfit)
        case .extend:
            resumeDiverged()
            for r in runs { r.trainer.epochs += r.spec.preset.training.epochs }
            paused = false
        case .changeSpeed(let step):
            speedIndex = min(max(speedIndex + step, 0), TrainingSession.speeds.count - 1)
            return Reduction(.speed(limit: TrainingSession.speeds[speedIndex]))
        default: break
        }
        return Reduction()
    }

    /// A settings row moved: live where it can change live, else the run restarts; a
    /// comparison keeps what its runs share.
    private func step(_ setting: Setting, by step: Int, run: Int) throws -> Reduction {
        guard runs.indices.contains(run) else { return Reduction() }
        if let why = setting.fixedReason(runs[run].spec.preset, data: dataSummary) {
            return Reduction(.fixed(setting, why))
        }
        let before = runs[run].spec.preset
        let p = setting.stepped(before, by: step, sizes: runs[run].trainer.network.sizes, data: dataSummary)
        if !compareMode {
            if try change(to: p) { return Reduction(.restarted(.settings)) }
        } else if setting.resetsRun {
            return Reduction(.fixedInComparison(.setting(setting)))
        } else {
            try changeLive(run, to: p)
        }
        // a live change says what it did
        guard !setting.resetsRun, let key = setting.key(for: before), before.text(key) != p.text(key) else {
            return Reduction()
        }
        return Reduction(
            .changedLive(
                run: compareMode ? runs[run].spec.label : nil, key: key,
                from: Self.value(key, of: before), to: Self.value(key, of: p)))
    }

    /// `key`'s value as a change reports it: the preset's text, or for a key left to its
    /// default (written as nothing) the value in use, so "from" is never blank.
    static func value(_ key: String, of p: Preset) -> String {
        let text = p.text(key)
        guard text.isEmpty else { return text }
        switch key {
        case "schedule.gamma": return Preset.format(Double(p.schedule.effectiveGamma))
        case "optimizer.eps": return Preset.format(Double(p.optimizer.epsilon))
        default: return "default"
        }
    }

    /// The network's shape and inputs: typed sizes, a feature, a layer or unit more or less.
    private func shape(_ intent: Intent) throws -> Reduction {
        switch intent {
        case .setLayers(let text):
            guard !compareMode else { return Reduction(.fixedInComparison(.setting(.layers))) }
            var p = base
            try p.assign("network.layers", text, at: "layers")
            try change(to: p)
            return Reduction(.restarted(.layers(runs[0].trainer.network.sizes)))
        case .toggleFeature(let feature):
            guard !compareMode else { return Reduction(.fixedInComparison(.setting(.features))) }
            if let why = Setting.features.fixedReason(base, data: dataSummary) {
                return Reduction(.fixed(.features, why))
            }
            let features = feature.toggled(in: base.data.features)
            guard !features.isEmpty else { return Reduction(.onlyInputLeft(feature)) }
            var p = base
            p.data.features = features
            p.network.layers[0] = nil
            try change(to: p)
            return Reduction(.restarted(.inputs(features)))
        case .addHiddenLayer:
            guard !compareMode else { return Reduction() }
            if try change(to: Setting.addingHiddenLayer(base, sizes: runs[0].trainer.network.sizes)) {
                return Reduction(.restarted(.settings))
            }
        case .reshape(let r):
            guard !compareMode else { return Reduction(.fixedInComparison(.setting(.layers))) }
            guard let sizes = r.applied(to: runs[0].trainer.network.sizes) else { return Reduction() }
            var p = base
            p.network.layers = sizes.map { Optional($0) }
            p.network.layers[0] = base.network.layers.first ?? nil  // auto stays auto
            p.network.layers[sizes.count - 1] = base.network.layers.last ?? nil
            try change(to: p)
            return Reduction(.restarted(.layers(sizes)))
        default: break
        }
        return Reduction()
    }

    /// Edits of the run itself: a weight, the drawn set, the learning rate.
    private func edit(_ intent: Intent) throws -> Reduction {
        switch intent {
        case .setWeight(let layer, let unit, let from, let value):
            guard !compareMode else { return Reduction(.fixedInComparison(.weight)) }
            let net = runs[0].trainer.network
            guard (1...net.depth).contains(layer), (0..<net.sizes[layer]).contains(unit),
                (0..<net.sizes[layer - 1]).contains(from), value.isFinite
            else { return Reduction() }
            let W = net.layers[layer - 1].W, before = W[unit, from]
            W[unit, from] = value
            return Reduction(.weightEdited(layer: layer, unit: unit + 1, from: from + 1, before: before, after: value))
        case .setDrawnPoints(let points):
            guard !compareMode else { return Reduction(.fixedInComparison(.drawnPoints)) }
            if let problem = DrawnPoint.check(points) { return Reduction(.drawnSetRefused(problem)) }
            var p = base
            p.data.source = .drawn
            p.data.points = points
            p.data.features = InputFeature.plain
            p.network.layers[0] = nil
            p.network.layers[p.network.layers.count - 1] = nil
            if case .size(let n) = p.training.batch, n > max(1, Int(Double(points.count) * (1 - p.data.validation))) {
                p.training.batch = .full
            }
            // a sigmoid output tells two classes apart: a third class switches the run to
            // softmax with its cross-entropy, never to K sigmoid units under BCE
            let classes = Int(points.map(\.target).max() ?? 0) + 1
            let switched = p.network.output == .sigmoid && classes > 2
            if switched {
                p.network.output = .softmax
                p.network.cost = nil
            }
            try change(to: p)
            return Reduction(
                .restarted(
                    switched
                        ? .drawnSetToSoftmax(points: points.count, classes: classes)
                        : .drawnSet(points: points.count)))
        case .setLearningRate(let lr, let run):
            guard runs.indices.contains(run) else { return Reduction() }
            var p = runs[run].spec.preset
            p.optimizer.lr = lr
            if compareMode { try changeLive(run, to: p) } else { try change(to: p) }
            return Reduction(.learningRateSet(lr))
        default: return Reduction()
        }
    }

    /// Entering, leaving and promoting out of a comparison.
    private func comparison(_ intent: Intent) throws -> Reduction {
        switch intent {
        case .compare(let variation, let seeds):
            let variants = try Comparison.specs(base: base, variation: variation)
            let specs =
                seeds > 1
                ? try SeededComparison(variants: variants, seeds: Array(1...UInt64(min(seeds, SeedList.most)))).runs
                : variants
            let built = try build(specs, base: base, data: data)
            runs = built.runs
            compareMode = true
            variantLabels = seeds > 1 ? variants.map(\.label) : []
            if case .grid(let axes) = variation, axes.count == 2 { gridAxes = axes } else { gridAxes = [] }
            return Reduction(built.misfit)
        case .leaveCompare:
            let built = try build([RunSpec(label: base.name, setting: "", preset: base)], base: base, data: data)
            runs = built.runs
            compareMode = false
            variantLabels = []
            gridAxes = []
            return Reduction(built.misfit)
        case .promote(let i):
            guard compareMode, runs.indices.contains(i) else { return Reduction() }
            base = runs[i].spec.preset
            variantLabels = []
            gridAxes = []
            runs = [
                Run(
                    spec: RunSpec(label: base.name, setting: runs[i].spec.label, preset: base), trainer: runs[i].trainer
                )
            ]
            compareMode = false
        default: break
        }
        return Reduction()
    }

    /// The learning-rate range test: asked for (an effect on a copy of the run's
    /// weights, so the run trains on), cancelled, or its result come back.
    private func findLearningRate(_ intent: Intent) throws -> Reduction {
        switch intent {
        case .findLearningRate(let run, let fromStart):
            guard runs.indices.contains(run) else { return Reduction() }
            learningRateTest = nil
            learningRateTestID += 1
            // from the start: a fresh build of the run (its seed, or the checkpoint it started from)
            let weights =
                fromStart
                ? try build([runs[run].spec], base: runs[run].spec.preset, data: data).runs[0].trainer.network
                : runs[run].trainer.network.copy()
            let job = LearningRateJob(
                id: learningRateTestID, run: run, preset: runs[run].spec.preset, data: data, weights: weights)
            return Reduction(effects: [.cancel(.learningRateTest), .findLearningRate(job)])
        case .cancelLearningRateTest:
            learningRateTest = nil
            learningRateTestID += 1
            return Reduction(effects: [.cancel(.learningRateTest)])
        case .learningRateTested(let id, let result):
            guard id == learningRateTestID else { return Reduction() }  // cancelled, or a newer test asked for
            switch result {
            case .success(let test): learningRateTest = test
            case .failure(.interrupted): return Reduction(.learningRateTestStopped)
            case .failure(let error): return Reduction(.failed(error))
            }
        default: break
        }
        return Reduction()
    }

    /// Backprop against finite differences on a copy of run `run`'s weights now, as
    /// `nntui gradcheck` does; the result comes back as an intent.
    private func checkGradients(_ intent: Intent) -> Reduction {
        switch intent {
        case .checkGradients(let run):
            guard runs.indices.contains(run) else { return Reduction() }
            let t = runs[run].trainer
            let job = GradientCheckJob(run: run, epoch: t.epoch, network: t.network.copy(), data: t.data.train)
            return Reduction(effects: [.checkGradients(job)])
        case .gradientsChecked(let result):
            gradientCheck = result
            return Reduction(.gradientsChecked(result))
        default: return Reduction()
        }
    }

    /// Files asked for (their bytes taken here, written elsewhere) and their outcome.
    private func files(_ intent: Intent) throws -> Reduction {
        switch intent {
        case .saveCheckpoint(let run):
            guard runs.indices.contains(run) else { return Reduction() }
            let r = runs[run]
            let path = outputPath("\(r.spec.label)-epoch\(r.trainer.epoch)", "safetensors")
            let bytes = try Checkpoint.bytes(r.trainer.network, preset: r.spec.preset)
            return Reduction(effects: [.write(FileWrite(path: path, bytes: bytes, file: .checkpoint))])
        case .savePreset:
            var p = base
            p.data.degree = degree
            p.description = Self.description(of: p, from: loaded)
            let path = outputPath("\(base.name)-saved", "yaml")
            return Reduction(effects: [.write(FileWrite(path: path, bytes: Data(try p.yaml().utf8), file: .preset))])
        case .saveFigure(let svg, let name):
            let path = outputPath(name, "svg")
            return Reduction(effects: [.write(FileWrite(path: path, bytes: Data(svg.utf8), file: .figure))])
        case .fileWritten(let file, let path, let failure):
            return Reduction(failure.map(Outcome.failed) ?? .saved(file, path: path))
        default: return Reduction()
        }
    }

    /// What the focused view needs computed.
    private func view(_ intent: Intent) -> Reduction {
        switch intent {
        case .changePolynomialDegree(let step):
            degree = min(max(degree + step, 0), 20)
            views.lastUpdate = 0
        case .showView(let v, let run): views.show(v, run: run)
        default: break
        }
        return Reduction()
    }
}
