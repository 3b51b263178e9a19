import NNEngine
import Yams

/// One factual claim of a lesson as a statement `nntui learn --check` tests over seeds:
/// what is trained (the lesson's set-up with `set:` changed, its `compare:` list where
/// the claim names variants), what must hold of each seed's run, and in how many seeds
/// at least. A lesson's text states what holds across seeds; its claims are how that is
/// kept true.
///
/// ```yaml
/// claims:
///   - claim: bce reaches 90% validation accuracy before mse
///     before: [bce, mse]
///     seeds: 12
///     holds-in: 10
///   - claim: from zero weights the network stays under 75%
///     set: {network: {init: zeros}}
///     measure: val-acc
///     at-most: 0.75
///   - claim: a batch of one takes over 3 times as long an epoch as a batch of 32
///     ratio: [batch-1, batch-32]
///     measure: seconds-per-epoch
///     at-least: 3
/// ```
public struct LessonClaim: Sendable, Equatable {
    /// The claim in words, as the check reports it.
    public var text: String
    /// The lesson's set-up with these preset sections changed (`set:`).
    public var preset: Preset
    public var test: Test
    /// Seeds 1 to `seeds`.
    public var seeds: Int
    /// How many of the seeds must satisfy the test.
    public var holdsIn: Int

    /// What one run came to, as a claim measures it.
    public enum Measure: String, CaseIterable, Sendable {
        /// The first epoch at 90% validation accuracy (training accuracy without a
        /// validation split); a run that never gets there counts as later than any epoch.
        case reachedAt = "reached-at"
        /// The last epoch's validation accuracy (training accuracy without a split).
        case validationAccuracy = "val-acc"
        case trainLoss = "train-loss"
        /// The last epoch's validation loss (training loss without a split).
        case validationLoss = "val-loss"
        /// `‖∂C/∂W[1]‖ / ‖∂C/∂W[L]‖` of the last epoch's last mini-batch: how much of the
        /// output layer's gradient reaches the first layer.
        case gradientRatio = "gradient-ratio"
        /// The largest relative error between backprop's gradient and central finite
        /// differences, over checked entries of every `W[l]` and `b[l]`, on the trained
        /// weights and the run's first mini-batch of `m` training samples (`G`'s check).
        case gradientError = "gradient-error"
        /// The same for the biases alone: `∂C/∂b[l] = (1/m) δ[l] 1`.
        case biasGradientError = "bias-gradient-error"
        /// Wall-clock seconds per epoch of training (for `ratio:` claims: a time is the
        /// machine's, a ratio of two runs' times on it is the method's).
        case secondsPerEpoch = "seconds-per-epoch"
        /// The learning-rate range test's suggestion (`f`) from the run's initial
        /// weights; no value where the loss never fell.
        case finderSuggestion = "finder-suggestion"
    }

    public enum Test: Sendable, Equatable {
        /// `measure` of the single run, or of compare variant `variant`, within the bounds.
        case bound(variant: String?, measure: Measure, atLeast: Double?, atMost: Double?)
        /// Variant `first` reaches 90% at an earlier epoch than `then` (or `then` never does).
        case before(first: String, then: String)
        /// `measure` of variant `first` divided by `measure` of variant `then`, seed by
        /// seed, within the bounds.
        case ratio(first: String, then: String, measure: Measure, atLeast: Double?, atMost: Double?)
    }

    /// The variants the claim names (none: the single run).
    public var variants: [String] {
        switch test {
        case .bound(let v, _, _, _): v.map { [$0] } ?? []
        case .before(let a, let b), .ratio(let a, let b, _, _, _): [a, b]
        }
    }

    /// What the claim reads of each run (`before:` reads `reached-at`).
    public var measure: Measure {
        switch test {
        case .bound(_, let m, _, _), .ratio(_, _, let m, _, _): m
        case .before: .reachedAt
        }
    }

    /// The most seeds a claim is checked over.
    public static let mostSeeds = 100
    static let keys = [
        "claim", "set", "variant", "measure", "at-least", "at-most", "before", "ratio", "seeds", "holds-in",
    ]

    /// The `claims:` list of a lesson whose set-up is `base`; every problem names `file`,
    /// the line and the key, as the rest of a lesson file's.
    static func parse(_ node: Node, base: Preset, file: String) throws -> [LessonClaim] {
        func fail(_ n: Node?, _ key: String, _ problem: String) -> NNError {
            NNError.input("\(file):\(n?.mark?.line ?? node.mark?.line ?? 1): \(key): \(problem).")
        }
        guard case .sequence(let items) = node, !items.isEmpty else {
            throw fail(node, "claims", "expected a list of claims (- claim: ..., measure: ... or before: [a, b])")
        }
        return try items.enumerated().map { (i, item) in
            let at = "claims[\(i + 1)]"
            guard case .mapping(let m) = item else { throw fail(item, at, "expected claim: and what must hold") }
            var fields: [String: Node] = [:]
            for (k, v) in m {
                guard let key = k.scalar?.string, keys.contains(key) else {
                    throw fail(k, at, "\(k.scalar?.string ?? "?") is not a claim key (\(keys.joined(separator: ", ")))")
                }
                fields[key] = v
            }
            func number(_ key: String) throws -> Double? {
                guard let n = fields[key] else { return nil }
                guard let v = n.scalar.flatMap({ Double($0.string) }), v.isFinite else {
                    throw fail(n, "\(at).\(key)", "expected a number")
                }
                return v
            }
            func whole(_ key: String, _ range: ClosedRange<Int>, _ otherwise: Int) throws -> Int {
                guard let n = fields[key] else { return otherwise }
                guard let v = n.scalar.flatMap({ Int($0.string) }), range.contains(v) else {
                    throw fail(
                        n, "\(at).\(key)", "expected a whole number from \(range.lowerBound) to \(range.upperBound)")
                }
                return v
            }
            guard let text = fields["claim"]?.scalar?.string, !text.isEmpty, !text.contains("\n") else {
                throw fail(fields["claim"] ?? item, "\(at).claim", "expected the claim in one line of words")
            }
            var preset = base
            if let set = fields["set"] {
                guard case .mapping(let sections) = set else {
                    throw fail(set, "\(at).set", "expected preset sections, as a preset file writes them")
                }
                try preset.merge(sections, file: file)
            }
            /// Two variants, `[first, then]`, of `key`.
            func pair(_ key: String) throws -> (String, String)? {
                guard let node = fields[key] else { return nil }
                guard case .sequence(let pair) = node, pair.count == 2, let a = pair[0].scalar?.string,
                    let b = pair[1].scalar?.string, a != b
                else { throw fail(node, "\(at).\(key)", "expected two variants, [first, then]") }
                return (a, b)
            }
            let test: Test
            if let (a, b) = try pair("before") {
                test = .before(first: a, then: b)
            } else {
                guard let name = fields["measure"]?.scalar?.string, let measure = Measure(rawValue: name) else {
                    throw fail(
                        fields["measure"] ?? item, "\(at).measure",
                        "expected one of \(Measure.allCases.map(\.rawValue).joined(separator: ", ")), or before:")
                }
                let low = try number("at-least"), high = try number("at-most")
                guard low != nil || high != nil else {
                    throw fail(item, at, "a measure needs at-least:, at-most: or both")
                }
                if let low, let high, low > high { throw fail(item, at, "at-least is above at-most: it never holds") }
                if let (a, b) = try pair("ratio") {
                    test = .ratio(first: a, then: b, measure: measure, atLeast: low, atMost: high)
                } else {
                    test = .bound(
                        variant: fields["variant"]?.scalar?.string, measure: measure, atLeast: low, atMost: high)
                }
            }
            let seeds = try whole("seeds", 1...mostSeeds, 12)
            let claim = LessonClaim(
                text: text, preset: preset, test: test, seeds: seeds, holdsIn: try whole("holds-in", 1...seeds, seeds))
            if !claim.variants.isEmpty && preset.compare.isEmpty {
                throw fail(item, at, "names variants, but the set-up has no compare: list")
            }
            return claim
        }
    }
}
