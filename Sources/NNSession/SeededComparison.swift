import Foundation
import NNEngine
import NNFiles

/// The training seeds a comparison runs every variant over: `12` (seeds 1 to 12),
/// `3-7` or `3,7,9`. Each seed sets the initial weights and the mini-batch order
/// (`training.seed`); the data set stays as its own seed makes it.
public enum SeedList {
    /// The most seeds one comparison takes.
    public static let most = Preset.mostSeeds

    public static func parse(_ text: String) throws -> [UInt64] {
        func fail(_ why: String) -> NNError { .input("--seeds \(text): \(why).") }
        let t = text.trimmingCharacters(in: .whitespaces)
        var seeds: [UInt64]
        if let n = Int(t) {
            guard (1...most).contains(n) else { throw fail("a count of seeds is 1 to \(most)") }
            seeds = (1...n).map(UInt64.init)
        } else if let dash = t.firstIndex(of: "-"), let a = UInt64(t[..<dash]),
            let b = UInt64(t[t.index(after: dash)...])
        {
            guard a <= b, b - a < UInt64(most), b <= Preset.largestSeed else {
                throw fail("a range is FIRST-LAST, FIRST at most LAST, at most \(most) seeds")
            }
            seeds = Array(a...b)
        } else {
            let parts = t.split(separator: ",", omittingEmptySubsequences: false).map {
                $0.trimmingCharacters(in: .whitespaces)
            }
            seeds = try parts.map { p in
                guard let s = UInt64(p), s <= Preset.largestSeed else {
                    throw fail("'\(p)' is not a seed (a whole number from 0 to \(Preset.largestSeed))")
                }
                return s
            }
            guard seeds.count <= most else { throw fail("at most \(most) seeds") }
            guard Set(seeds).count == seeds.count else { throw fail("a seed is named twice") }
        }
        return seeds
    }
}

/// A comparison over seeds: every variant trained once per seed from the same
/// initial weights as the other variants at that seed, so the variants are paired
/// seed by seed. Its answers are spreads over the seeds and paired verdicts.
public struct SeededComparison {
    public let variants: [RunSpec]
    public let seeds: [UInt64]
    /// The accuracy a run must reach for `reachedAt` (the table's "90% at").
    public static let threshold = 0.9

    /// The most runs (variants x seeds) one comparison trains.
    public static let mostRuns = 10_000

    /// Variants known by their labels alone (read back from a log, or from a snapshot),
    /// for their summaries and verdicts.
    public init(labels: [String], seeds: [UInt64]) throws {
        try self.init(variants: labels.map { RunSpec(label: $0, setting: $0, preset: Preset()) }, seeds: seeds)
    }

    /// Refuses more than `mostRuns` runs, naming the variants and the seeds.
    public init(variants: [RunSpec], seeds: [UInt64]) throws {
        guard variants.count * seeds.count <= Self.mostRuns else {
            throw NNError.input(
                "the comparison of \(variants.count) variants x \(seeds.count) seeds = \(variants.count * seeds.count) "
                    + "runs is more than the \(Self.mostRuns) one comparison trains; use fewer seeds or values.")
        }
        self.variants = variants
        self.seeds = seeds
    }

    /// The runs, variant by variant, seed by seed: run `v * seeds.count + k` is
    /// variant `v` at seed `seeds[k]`, named `bce seed 3` (over one seed, as the variant).
    public var runs: [RunSpec] {
        variants.flatMap { v in
            seeds.map { s in
                var r = v
                r.preset.training.seed = s
                if seeds.count > 1 { r.label += " seed \(s)" }
                return r
            }
        }
    }

    /// What one run came to: its last epoch's losses and accuracy, and the first
    /// epoch whose accuracy (validation, else training) reached the threshold.
    public struct Result: Sendable, Equatable {
        public var trainLoss: Double?
        public var validationLoss: Double?
        public var validationAccuracy: Double?
        public var reachedAt: Int?
        public var classification: Bool

        public init<History: BidirectionalCollection>(_ history: History) where History.Element == EpochRecord {
            let last = history.last
            trainLoss = last?.trainLoss
            validationLoss = last?.validationLoss
            validationAccuracy = last?.validationAccuracy ?? last?.trainAccuracy
            classification = last.map { $0.trainAccuracy != nil } ?? false
            reachedAt =
                history.first { ($0.validationAccuracy ?? $0.trainAccuracy ?? 0) >= SeededComparison.threshold }?
                .epoch
        }

        /// The loss a regression is judged by: validation, else training.
        var judgedLoss: Double? { validationLoss ?? trainLoss }
    }

    /// One variant over its seeds.
    public struct Summary: Sendable {
        public var label: String
        public var seeds: Int
        public var trainLoss: Spread?
        public var validationLoss: Spread?
        public var validationAccuracy: Spread?
        /// Over the seeds that reached the threshold.
        public var reachedAt: Spread?
        /// How many seeds reached it.
        public var reached: Int
        /// The runs classify (accuracy and the threshold mean something).
        public var classification: Bool
    }

    /// The summary of variant `v` from every run's result (in `runs`' order).
    public func summary(_ v: Int, _ results: [Result]) -> Summary {
        let mine = Array(results[(v * seeds.count)..<((v + 1) * seeds.count)])
        return Summary(
            label: variants[v].label, seeds: mine.count, trainLoss: Spread(mine.compactMap(\.trainLoss)),
            validationLoss: Spread(mine.compactMap(\.validationLoss)),
            validationAccuracy: Spread(mine.compactMap(\.validationAccuracy)),
            reachedAt: Spread(mine.compactMap(\.reachedAt).map(Double.init)),
            reached: mine.filter { $0.reachedAt != nil }.count, classification: mine.contains { $0.classification })
    }

    /// Two variants seed by seed: how often each did better, the ties, the sign test.
    public struct Verdict: Sendable, Equatable {
        public var a: String
        public var b: String
        public var aBetter: Int
        public var bBetter: Int
        public var ties: Int
        public var p: Double
        /// Judged by when the threshold was reached (classification), else by the final loss.
        public var byThreshold: Bool

        /// A verdict in words: "bce reached 90% before mse in 11 of 12 seeds (1 tie);
        /// sign test p = 0.001".
        public var sentence: String {
            let v = self
            let n = v.aBetter + v.bBetter + v.ties
            let ties = v.ties == 0 ? "" : " (\(v.ties) tie\(v.ties == 1 ? "" : "s"))"
            let p = "p = " + String(format: "%.2g", v.p)
            let (winner, loser, wins) = v.aBetter >= v.bBetter ? (v.a, v.b, v.aBetter) : (v.b, v.a, v.bBetter)
            let threshold = "\(Int(SeededComparison.threshold * 100))%"
            if v.aBetter == v.bBetter {
                let how = v.byThreshold ? "reached \(threshold) first" : "ended with the lower loss"
                return "\(v.a) and \(v.b): each \(how) in \(v.aBetter) of \(n) seeds\(ties); sign test \(p)"
            }
            let how = v.byThreshold ? "reached \(threshold) before" : "ended with a lower loss than"
            return "\(winner) \(how) \(loser) in \(wins) of \(n) seeds\(ties); sign test \(p)"
        }
    }

    /// `median [min–max]` of a spread (the median alone where all are equal), each
    /// number as `text` writes it; `-` without one.
    public static func rangeText(_ s: Spread?, _ text: (Double) -> String) -> String {
        guard let s else { return "-" }
        return s.min == s.max ? text(s.median) : "\(text(s.median)) [\(text(s.min))–\(text(s.max))]"
    }

    /// An epoch count as a median writes it: whole, or with one decimal between two epochs.
    public static func epochText(_ x: Double) -> String { x == x.rounded() ? "\(Int(x))" : String(format: "%.1f", x) }

    /// Whether `x` did better than `y` at one seed: +1, -1, or 0 for a tie. With
    /// classes, reaching the threshold earlier is better (never reaching it is worst,
    /// two that never reach it tie); otherwise a lower final (validation) loss.
    static func compare(_ x: Result, _ y: Result) -> Int {
        if x.classification || y.classification {
            switch (x.reachedAt, y.reachedAt) {
            case (nil, nil): return 0
            case (_?, nil): return 1
            case (nil, _?): return -1
            case (let a?, let b?): return a == b ? 0 : (a < b ? 1 : -1)
            }
        }
        let a = x.judgedLoss.flatMap { $0.isFinite ? $0 : nil } ?? .infinity
        let b = y.judgedLoss.flatMap { $0.isFinite ? $0 : nil } ?? .infinity
        return a == b ? 0 : (a < b ? 1 : -1)
    }

    /// The verdict of variant `a` against variant `b`.
    public func verdict(_ a: Int, _ b: Int, _ results: [Result]) -> Verdict {
        var wins = 0, losses = 0, ties = 0
        for k in seeds.indices {
            switch Self.compare(results[a * seeds.count + k], results[b * seeds.count + k]) {
            case 1: wins += 1
            case -1: losses += 1
            default: ties += 1
            }
        }
        let byThreshold = results.contains { $0.classification }
        return Verdict(
            a: variants[a].label, b: variants[b].label, aBetter: wins, bBetter: losses, ties: ties,
            p: SignTest.p(wins, losses), byThreshold: byThreshold)
    }

    /// How many verdicts `verdicts` reports for `variants` variants: none for one, the
    /// pair for two, each but the best against the best for more.
    public static func verdictCount(variants: Int) -> Int { max(variants - 1, 0) }

    /// The verdicts to report: the pair, for two variants; for more, each against the
    /// best (the one that beats the others in the most seeds, summed over pairs).
    public func verdicts(_ results: [Result]) -> [Verdict] {
        let n = variants.count
        guard Self.verdictCount(variants: n) > 0 else { return [] }
        if n == 2 { return [verdict(0, 1, results)] }
        let score = (0..<n).map { a in (0..<n).filter { $0 != a }.map { verdict(a, $0, results).aBetter }.reduce(0, +) }
        let best = score.indices.max { score[$0] < score[$1] } ?? 0
        return (0..<n).filter { $0 != best }.map { verdict(best, $0, results) }
    }
}
