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
