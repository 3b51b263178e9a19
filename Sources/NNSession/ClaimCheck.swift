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
        Comparison.trainInParallel(trainers, threads: base.training.resolvedThreads, interrupt: interrupt)
        if interrupt.isRequested { throw NNError.input("interrupted while checking '\(claim.text)'.") }
        let n = claim.seeds
        // results[v][k]: variant v at seed k + 1
        let results = variants.indices.map { v in
            (0..<n).map { k in Measured(trainers[v * n + k].history) }
        }
        let holding: Int
        switch claim.test {
        case .bound(_, let measure, let low, let high):
            holding =
                results[0].filter { r in
                    guard let x = value(measure, r) else { return false }
                    return x >= (low ?? -.infinity) && x <= (high ?? .infinity)
                }.count
        case .before:
            holding =
                (0..<n).filter { k in
                    guard let a = results[0][k].reachedAt else { return false }
                    return results[1][k].reachedAt.map { a < $0 } ?? true
                }.count
        }
        let measure: LessonClaim.Measure
        if case .bound(_, let m, _, _) = claim.test { measure = m } else { measure = .reachedAt }
        let measured = zip(variants, results).map { v, rs in
            (names.isEmpty ? "" : v.label + " ") + describe(rs.map { value(measure, $0) }, measure)
        }.joined(separator: "; ")
        return Outcome(claim: claim, holding: holding, measured: measured)
    }

    /// What a claim reads of one run: the comparison's result and the last epoch's
    /// first-to-last gradient ratio.
    struct Measured {
        var result: SeededComparison.Result
        var gradientRatio: Double?
        var reachedAt: Int? { result.reachedAt }
        init(_ history: EpochHistory) {
            result = SeededComparison.Result(history)
            let layers = history.last?.layers ?? []
            if let first = layers.first, let last = layers.last, last.gradientNorm > 0 {
                gradientRatio = first.gradientNorm / last.gradientNorm
            }
        }
    }

    /// `measure` of one run; nil where there is none, infinity for a run that never reached 90%.
    static func value(_ measure: LessonClaim.Measure, _ m: Measured) -> Double? {
        let r = m.result
        switch measure {
        case .reachedAt: return r.reachedAt.map(Double.init) ?? .infinity
        case .validationAccuracy: return r.validationAccuracy
        case .trainLoss: return r.trainLoss
        case .validationLoss: return r.validationLoss ?? r.trainLoss
        case .gradientRatio: return m.gradientRatio
        }
    }

    /// A variant's values over its seeds in words: "epochs 45–137 (never in 1)", "67.5%–72.5%".
    static func describe(_ values: [Double?], _ measure: LessonClaim.Measure) -> String {
        let finite = values.compactMap { $0 }.filter(\.isFinite)
        let never = values.count - finite.count
        guard let lo = finite.min(), let hi = finite.max() else {
            return measure == .reachedAt ? "never reached 90%" : "no value"
        }
        func text(_ x: Double) -> String {
            switch measure {
            case .reachedAt: String(Int(x))
            case .validationAccuracy: String(format: "%.1f%%", x * 100)
            case .trainLoss, .validationLoss, .gradientRatio: String(format: "%.4g", x)
            }
        }
        let range = lo == hi ? text(lo) : "\(text(lo))–\(text(hi))"
        let what = measure == .reachedAt ? "90% at epoch " : ""
        return what + range + (never > 0 ? " (never in \(never) of \(values.count))" : "")
    }
}
