import Foundation
import Testing

@testable import NNEngine
@testable import NNFiles
@testable import NNSession

/// A lesson's claims trained over their seeds and judged.
@Suite struct ClaimCheckTests {
    static func claim(_ test: LessonClaim.Test, seeds: Int = 3, holdsIn: Int? = nil) throws -> LessonClaim {
        var p = try Preset.load("xor-sigmoid")
        p.training.epochs = 200
        return LessonClaim(text: "t", preset: p, test: test, seeds: seeds, holdsIn: holdsIn ?? seeds)
    }

    /// bce before mse holds at seeds 1 to 3 and its reverse does not; each seed's run is
    /// what `compare --seeds` trains (the same epochs reached).
    @Test func anOrderHoldsOneWayOnly() throws {
        let forward = try ClaimCheck.check(try Self.claim(.before(first: "bce", then: "mse")), interrupt: Interrupt())
        let backward = try ClaimCheck.check(try Self.claim(.before(first: "mse", then: "bce")), interrupt: Interrupt())
        #expect(forward.passed && forward.holding == 3, "\(forward.measured)")
        #expect(!backward.passed && backward.holding == 0)
        #expect(forward.measured.hasPrefix("bce 90% at epoch ") && forward.measured.contains("; mse "))
    }

    /// A bound counts the seeds inside it; a run that never reaches 90% is later than any epoch.
    @Test func aBoundCountsTheSeedsInside() throws {
        let early = try ClaimCheck.check(
            try Self.claim(.bound(variant: "bce", measure: .reachedAt, atLeast: nil, atMost: 5)), interrupt: Interrupt()
        )
        #expect(early.holding == 0 && !early.passed)
        let late = try ClaimCheck.check(
            try Self.claim(.bound(variant: "bce", measure: .reachedAt, atLeast: 5, atMost: nil)), interrupt: Interrupt()
        )
        #expect(late.holding == 3 && late.passed)
        let accuracy = try ClaimCheck.check(
            try Self.claim(.bound(variant: nil, measure: .validationAccuracy, atLeast: 0, atMost: 1)),
            interrupt: Interrupt())
        #expect(accuracy.holding == 3 && accuracy.measured.hasSuffix("%"))
    }

    /// `gradient-error` and `bias-gradient-error` are G's check on each seed's trained
    /// weights: within Float32 rounding of finite differences, never exactly equal.
    @Test func theGradientCheckIsAMeasure() throws {
        for measure in [LessonClaim.Measure.gradientError, .biasGradientError] {
            var within = try Self.claim(.bound(variant: nil, measure: measure, atLeast: nil, atMost: 2e-3))
            within.preset.training.epochs = 5
            let ok = try ClaimCheck.check(within, interrupt: Interrupt())
            #expect(ok.passed && ok.holding == 3 && ok.measured.contains("e-"), "\(ok.measured)")
            var exact = within
            exact.test = .bound(variant: nil, measure: measure, atLeast: nil, atMost: 1e-12)
            #expect(try ClaimCheck.check(exact, interrupt: Interrupt()).holding == 0)
        }
    }

    /// `finder-suggestion` runs the range test from each seed's initial weights.
    @Test func theFindersSuggestionIsAMeasure() throws {
        var claim = try Self.claim(.bound(variant: nil, measure: .finderSuggestion, atLeast: 1e-6, atMost: 10))
        let found = try ClaimCheck.check(claim, interrupt: Interrupt())
        #expect(found.holding == 3 && found.measured.first?.isNumber == true, "\(found.measured)")
        claim.test = .bound(variant: nil, measure: .finderSuggestion, atLeast: 100, atMost: nil)
        #expect(try ClaimCheck.check(claim, interrupt: Interrupt()).holding == 0)
    }

    /// A ratio is taken seed by seed, the first variant's measure over the second's.
    @Test func aRatioComparesTwoVariantsSeedBySeed() throws {
        let some = try ClaimCheck.check(
            try Self.claim(.ratio(first: "bce", then: "mse", measure: .validationAccuracy, atLeast: 0.5, atMost: 3)),
            interrupt: Interrupt())
        #expect(some.passed && some.holding == 3 && some.measured.contains("; bce / mse "), "\(some.measured)")
        let none = try ClaimCheck.check(
            try Self.claim(.ratio(first: "bce", then: "mse", measure: .validationAccuracy, atLeast: 4, atMost: nil)),
            interrupt: Interrupt())
        #expect(none.holding == 0 && !none.passed)
    }

    /// A run that diverged counts as 0% accurate and infinitely lossy, and is counted.
    @Test func aDivergedRunLearnedNothing() throws {
        var below = try Self.claim(.bound(variant: nil, measure: .validationAccuracy, atLeast: nil, atMost: 0.2))
        below.preset.optimizer.kind = .sgd
        below.preset.optimizer.lr = 1e4
        let gone = try ClaimCheck.check(below, interrupt: Interrupt())
        #expect(gone.holding == 3 && gone.measured.contains("(diverged in 3 of 3)"), "\(gone.measured)")
        var above = below
        above.test = .bound(variant: nil, measure: .trainLoss, atLeast: nil, atMost: 100)
        #expect(try ClaimCheck.check(above, interrupt: Interrupt()).holding == 0)
    }

    /// A variant the compare list does not have is named in one sentence with the ones it has.
    @Test func anUnknownVariantIsNamed() throws {
        #expect(throws: NNError.self) {
            try ClaimCheck.check(try Self.claim(.before(first: "bce", then: "huber")), interrupt: Interrupt())
        }
        do {
            _ = try ClaimCheck.check(try Self.claim(.before(first: "bce", then: "huber")), interrupt: Interrupt())
        } catch let NNError.input(m) {
            #expect(m.contains("no variant huber") && m.contains("bce, mse"))
        }
    }
}
