import NNEngine
import NNFiles

/// A lesson's claims trained and judged over their seeds (`nntui learn --check`): each
/// claim's runs (its variants, or its single run, at seeds 1 to N, paired) trained
/// headless, every seed's run measured, and the claim holding where at least
/// `holdsIn` seeds satisfy it.
public enum ClaimCheck {
    public struct Outcome: Sendable {
        public var claim: LessonClaim
        /// Seeds whose runs satisfy the claim.
        public var holding: Int
        public var passed: Bool { holding >= claim.holdsIn }
        /// What was measured, in words: each variant's range over the seeds.
        public var measured: String
    }

    /// Trains and judges `claim`; `epochs` (when given) shortens every run.
    public static func check(_ claim: LessonClaim, epochs: Int? = nil, interrupt: Interrupt) throws -> Outcome {
        var base = claim.preset
        if let epochs { base.training.epochs = min(base.training.epochs, epochs) }
        let names = claim.variants
        let variants: [RunSpec]
        if names.isEmpty {
            variants = [RunSpec(label: base.name, setting: "", preset: base)]
        } else {
            let listed = try Comparison.specs(base: base, variation: .presetList)
            variants = try names.map { name in
                guard let v = listed.first(where: { $0.label == name }) else {
                    throw NNError.input(
                        "claim '\(claim.text)': no variant \(name) in the set-up's compare list (its variants: "
                            + "\(listed.map(\.label).joined(separator: ", "))).")
                }
                return v
            }
        }
        let comparison = try SeededComparison(variants: variants, seeds: Array(1...UInt64(claim.seeds)))
        let data = try DataLoader.load(base.data, output: base.network.output, interrupt: interrupt)
        let trainers = try Comparison.trainers(comparison.runs, base: base, data: data)
        let measure = claim.measure
        switch measure {
        case .finderSuggestion:
            break  // read from the initial weights: nothing to train
        case .secondsPerEpoch:
            // a time is a run's own: each trained alone, one after another, not sharing
            // a stack's products or the cores with another run
            for t in trainers {
                t.threads = 1
                t.trainToEnd { interrupt.isRequested }
            }
        default:
            Comparison.trainInParallel(trainers, threads: base.training.resolvedThreads, interrupt: interrupt)
        }
        if interrupt.isRequested { throw NNError.input("interrupted while checking '\(claim.text)'.") }
        let n = claim.seeds
        // results[v][k]: variant v at seed k + 1
        let results = try variants.indices.map { v in
            try (0..<n).map { k in
                try Measured(trainers[v * n + k], preset: comparison.runs[v * n + k].preset, measure, interrupt)
            }
        }
        /// Whether `x` lies within the bounds.
        func within(_ x: Double?, _ low: Double?, _ high: Double?) -> Bool {
            guard let x else { return false }
            return x >= (low ?? -.infinity) && x <= (high ?? .infinity)
        }
        let holding: Int
        var ratioText = ""
        switch claim.test {
        case .bound(_, let measure, let low, let high):
            holding = results[0].filter { within(value(measure, $0), low, high) }.count
        case .ratio(let a, let b, let measure, let low, let high):
            let ratios = zip(results[0], results[1]).map { x, y -> Double? in
                guard let x = value(measure, x), let y = value(measure, y), y != 0 else { return nil }
                return x / y
            }
            holding = ratios.filter { within($0, low, high) }.count
            let r = ratios.compactMap { $0 }
            if let lo = r.min(), let hi = r.max() {
                ratioText =
                    "; \(a) / \(b) " + (lo == hi ? String(format: "%.3g", lo) : String(format: "%.3g–%.3g", lo, hi))
            }
        case .before:
            holding =
                (0..<n).filter { k in
                    guard let a = results[0][k].reachedAt else { return false }
                    return results[1][k].reachedAt.map { a < $0 } ?? true
                }.count
        }
        let measured = zip(variants, results).map { v, rs in
            (names.isEmpty ? "" : v.label + " ")
                + describe(
                    rs.filter { !$0.diverged }.map { value(measure, $0) }, measure,
                    diverged: rs.filter(\.diverged).count)
        }.joined(separator: "; ")
        return Outcome(claim: claim, holding: holding, measured: measured + ratioText)
    }

    /// What a claim reads of one run: the comparison's result, the last epoch's
    /// first-to-last gradient ratio, the seconds an epoch took, and (only where the
    /// claim measures them, as they cost finite differences or a range test) the
    /// gradient check's errors and the finder's suggestion from the initial weights of
    /// `preset`.
    struct Measured {
        var result: SeededComparison.Result
        var gradientRatio: Double?
        var secondsPerEpoch: Double?
        var gradientError: Double?
        var biasGradientError: Double?
        var finderSuggestion: Double?
        /// Whether the run diverged (its loss or gradients stopped being finite).
        var diverged: Bool
        var reachedAt: Int? { result.reachedAt }
        init(_ trainer: Trainer, preset: Preset, _ measure: LessonClaim.Measure, _ interrupt: Interrupt) throws {
            let history = trainer.history
            result = SeededComparison.Result(history)
            diverged = trainer.divergence != nil
            let layers = history.last?.layers ?? []
            if let first = layers.first, let last = layers.last, last.gradientNorm > 0 {
                gradientRatio = first.gradientNorm / last.gradientNorm
            }
            if trainer.epoch > 0 { secondsPerEpoch = trainer.seconds / Double(trainer.epoch) }
            if measure == .gradientError || measure == .biasGradientError {
                // G's check on the trained weights, over one mini-batch of m samples
                let train = trainer.data.train
                let m = min(trainer.batchSize, train.count)
                let check = GradientCheck.run(
                    network: trainer.network, data: train, indices: Array(train.indices.prefix(m)), perLayer: 30)
                biasGradientError = check.map(\.worstBiasError).max()
                gradientError = check.map { max($0.worstWeightError, $0.worstBiasError) }.max()
            }
            if measure == .finderSuggestion {
                // the range test from the seed's initial weights, as `f` before training
                finderSuggestion = try LearningRateFinder().run(preset, data: trainer.data, interrupt: interrupt)
                    .suggested.map(Double.init)
            }
        }
    }

    /// `measure` of one run; nil where there is none, infinity for a run that never
    /// reached 90%. A run that diverged learned nothing it can be judged by: its accuracy
    /// counts as 0 and its losses as infinite (so "stays below 20%" holds of it and
    /// "passes 83%" does not).
    static func value(_ measure: LessonClaim.Measure, _ m: Measured) -> Double? {
        let r = m.result
        if m.diverged {
            switch measure {
            case .validationAccuracy: return 0
            case .trainLoss, .validationLoss: return .infinity
            default: break
            }
        }
        switch measure {
        case .reachedAt: return r.reachedAt.map(Double.init) ?? .infinity
        case .validationAccuracy: return r.validationAccuracy
        case .trainLoss: return r.trainLoss
        case .validationLoss: return r.validationLoss ?? r.trainLoss
        case .gradientRatio: return m.gradientRatio
        case .gradientError: return m.gradientError
        case .biasGradientError: return m.biasGradientError
        case .secondsPerEpoch: return m.secondsPerEpoch
        case .finderSuggestion: return m.finderSuggestion
        }
    }

    /// A variant's values over its seeds that did not diverge, in words, and how many
    /// diverged: "epochs 45–137 (never in 1 of 12)", "11.1%–15.2% (diverged in 2 of 4)".
    static func describe(_ values: [Double?], _ measure: LessonClaim.Measure, diverged: Int = 0) -> String {
        let gone = diverged > 0 ? " (diverged in \(diverged) of \(values.count + diverged))" : ""
        let finite = values.compactMap { $0 }.filter(\.isFinite)
        let never = values.count - finite.count
        guard let lo = finite.min(), let hi = finite.max() else {
            return (measure == .reachedAt ? "never reached 90%" : "no value") + gone
        }
        func text(_ x: Double) -> String {
            switch measure {
            case .reachedAt: String(Int(x))
            case .validationAccuracy: String(format: "%.1f%%", x * 100)
            case .trainLoss, .validationLoss, .gradientRatio, .finderSuggestion: String(format: "%.4g", x)
            case .gradientError, .biasGradientError: String(format: "%.2e", x)
            case .secondsPerEpoch: String(format: "%.3g s", x)
            }
        }
        let range = lo == hi ? text(lo) : "\(text(lo))–\(text(hi))"
        let what = measure == .reachedAt ? "90% at epoch " : ""
        return what + range + (never > 0 ? " (never in \(never) of \(values.count))" : "") + gone
    }
}
