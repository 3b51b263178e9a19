import Foundation
import Testing

@testable import NNEngine
@testable import NNFiles
@testable import NNSession

/// The statistics a comparison over seeds reports: spreads by R's quantiles, the
/// sign test's exact p-value, the seed lists, and the paired verdicts.
@Suite struct SeedStatisticsTests {
    /// R: quantile(c(3, 1, 4, 1, 5, 9, 2, 6), c(.25, .5, .75)) gives 1.75, 3.5, 5.25.
    @Test func spreadsAreRsQuantiles() throws {
        let s = try #require(Spread([3, 1, 4, 1, 5, 9, 2, 6]))
        #expect(s.count == 8 && s.min == 1 && s.max == 9)
        #expect(abs(s.q1 - 1.75) < 1e-12 && abs(s.median - 3.5) < 1e-12 && abs(s.q3 - 5.25) < 1e-12)
        let one = try #require(Spread([7, .nan, .infinity]))
        #expect(one.count == 1 && one.median == 7 && one.q1 == 7 && one.q3 == 7)
        #expect(Spread([]) == nil && Spread([.nan]) == nil)
    }

    /// Two-sided exact binomial: 11 wins of 11 is 2/2048; 10 of 12 is 2 (1 + 12 + 66) / 4096.
    @Test func theSignTestIsTheExactBinomial() {
        #expect(abs(SignTest.p(11, 0) - 2.0 / 2048) < 1e-15)
        #expect(abs(SignTest.p(2, 10) - 2.0 * 79 / 4096) < 1e-12)
        #expect(SignTest.p(6, 6) == 1 && SignTest.p(0, 0) == 1)
        // symmetric, and finite for thousands of pairs
        #expect(SignTest.p(3, 9) == SignTest.p(9, 3))
        #expect(SignTest.p(1500, 1500) == 1 && SignTest.p(1400, 1600) < 0.001)
    }

    @Test func seedListsReadCountsRangesAndLists() throws {
        #expect(try SeedList.parse("12") == Array(1...12))
        #expect(try SeedList.parse("3-7") == [3, 4, 5, 6, 7])
        #expect(try SeedList.parse("3,7,9") == [3, 7, 9])
        for bad in ["0", "1001", "7-3", "a", "3,3", "1,,2", "-", "1-5000", "99999999999999999999"] {
            #expect(throws: NNError.self, "\(bad)") { try SeedList.parse(bad) }
        }
    }

    /// Reaching the threshold earlier wins, never reaching it loses, two that never do tie.
    @Test func verdictsPairTheVariantsSeedBySeed() throws {
        func record(_ epoch: Int, _ acc: Double) -> EpochRecord {
            EpochRecord(epoch: epoch, step: epoch, lr: 0.1, trainLoss: 1 - acc, trainAccuracy: acc, seconds: 0)
        }
        // a history reaching 90% at epoch `at`, or never (nil) within 5 epochs
        func run(_ at: Int?) -> SeededComparison.Result {
            SeededComparison.Result((1...5).map { e in record(e, at.map { e >= $0 } == true ? 0.95 : 0.5) })
        }
        let variants = ["a", "b"].map { RunSpec(label: $0, setting: "", preset: Preset()) }
        let c = try SeededComparison(variants: variants, seeds: [1, 2, 3, 4])
        #expect(throws: NNError.self) { try SeededComparison(variants: variants, seeds: Array(1...5001)) }
        // seed by seed: a 2 vs b 3 (a), a never vs b 4 (b), both never (tie), a 3 vs b 3 (tie)
        let results = [run(2), run(nil), run(nil), run(3), run(3), run(4), run(nil), run(3)]
        #expect(results[0].reachedAt == 2 && results[1].reachedAt == nil)
        let v = c.verdict(0, 1, results)
        #expect(v.aBetter == 1 && v.bBetter == 1 && v.ties == 2 && v.p == 1 && v.byThreshold)
        let s = c.summary(0, results)
        #expect(s.reached == 2 && s.reachedAt?.median == 2.5 && s.seeds == 4)
    }

    /// Every variant of one seed starts from the same weights; another seed, other weights.
    @Test func variantsArePairedByTheirSeed() throws {
        var base = try Preset.load("xor-sigmoid")
        base.training.epochs = 1
        let variants = try Comparison.specs(base: base, variation: .presetList)
        let c = try SeededComparison(variants: variants, seeds: [4, 9])
        let data = try DataLoader.load(base.data, output: base.network.output)
        let trainers = try Comparison.trainers(c.runs, base: base, data: data)
        func w(_ i: Int) -> [Float] {
            let W = trainers[i].network.layers[0].W
            return (0..<W.count).map { W.data[$0] }
        }
        #expect(c.runs.map(\.preset.training.seed) == [4, 9, 4, 9])
        #expect(w(0) == w(2) && w(1) == w(3) && w(0) != w(1))
        #expect(c.runs.allSatisfy { $0.preset.data.seed == base.data.seed })
    }
}
