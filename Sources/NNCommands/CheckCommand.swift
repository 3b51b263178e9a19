import NNEngine
import NNFiles
import NNSession

/// `nntui learn --check [N|FILE]`: every claim of the lessons (all built-in ones, or the
/// one named) trained over its seeds and judged; a line a claim with "holds in k of N
/// seeds" and what was measured. Exit 1 when a claim misses its bound.
public struct CheckCommand {
    public let lessons: [(number: Int?, lesson: Lesson)]
    /// At most this many epochs a run (a quicker check, as CI runs it); nil: the lessons' own.
    public let epochs: Int?
    public let interrupt: Interrupt

    public init(lessons: [(number: Int?, lesson: Lesson)], epochs: Int?, interrupt: Interrupt) {
        self.lessons = lessons; self.epochs = epochs; self.interrupt = interrupt
    }

    public func run() throws -> Int32 {
        var checked = 0, missed = 0
        for (number, lesson) in lessons {
            print("lesson \(number.map(String.init) ?? lesson.id) · \(lesson.title)")
            if lesson.claims.isEmpty { print("  (no claims)") }
            for claim in lesson.claims {
                let o = try ClaimCheck.check(claim, epochs: epochs, interrupt: interrupt)
                checked += 1
                if !o.passed { missed += 1 }
                print(
                    "  \(o.passed ? "✓" : "✗") \(claim.text): holds in \(o.holding) of \(claim.seeds) seeds"
                        + " (needs \(claim.holdsIn)) · \(o.measured)")
            }
        }
        print(
            missed == 0
                ? (checked == 1 ? "the claim holds" : "all \(checked) claims hold")
                : (checked == 1 ? "the claim misses its bound" : "\(missed) of \(checked) claims miss their bound"))
        return missed == 0 ? 0 : 1
    }
}
