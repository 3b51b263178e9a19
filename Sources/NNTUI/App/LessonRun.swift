import NNEngine
import NNFiles
import NNSession

/// A lesson under way in the dashboard: which step the student is on, which steps were
/// met and which skipped, and whether its panel and its answer are shown.
public struct LessonRun: Equatable, Sendable {
    public var lesson: Lesson
    /// Its number among the built-in lessons (nil for a teacher's file).
    public var number: Int?
    /// The step being worked on; `lesson.steps.count` once every step is done.
    public var step = 0
    /// Steps passed over with `j`, not met.
    public var skipped: Set<Int> = []
    /// The panel is shown (`g` hides it).
    public var panelShown = true
    public var answerShown = false
    /// Lines the page is scrolled down by.
    public var pageScroll = 0

    public init(_ lesson: Lesson, number: Int?) {
        self.lesson = lesson
        self.number = number
    }

    public var finished: Bool { step >= lesson.steps.count }
    /// Finished with every step met, none skipped: what progress records as done.
    public var completed: Bool { finished && skipped.isEmpty }

    /// Ticks every step, from the current one, whose conditions all hold in `state`;
    /// returns whether the lesson just finished.
    mutating func advance(_ state: AppState) -> Bool {
        guard !finished else { return false }
        while !finished, lesson.steps[step].until.allSatisfy({ Self.holds($0, state) }) { step += 1 }
        return finished
    }

    /// Passes over the current step (`j`); returns whether the lesson just finished.
    mutating func skip() -> Bool {
        guard !finished else { return false }
        skipped.insert(step)
        step += 1
        return finished
    }

    /// Whether `condition` holds in the dashboard's state and latest snapshot, for the
    /// single run (or the comparison's selected run).
    static func holds(_ condition: LessonCondition, _ state: AppState) -> Bool {
        let snapshot = state.snapshot
        guard let run = state.run else { return false }
        let last = run.history.last
        switch condition {
        case .view(let view):
            return view == state.view && !state.mode.isOverlay
        case .epoch(let n): return run.epoch >= n
        case .step(let n): return run.step >= n
        case .identicalUnits(let layer, let identical):
            // the gradients view asks for the units' spread; it describes the run now shown
            guard state.view == .gradients, let units = snapshot.layerUnits, layer <= units.count else { return false }
            return units[layer - 1].identical == identical
        case .accuracy(let x):
            guard let a = last.flatMap({ $0.validationAccuracy ?? $0.trainAccuracy }) else { return false }
            return a >= x
        case .lossBelow(let x): return (last?.trainLoss).map { $0 < x } ?? false
        case .gradientRatio(let x, let atLeast):
            guard let ratio = GradientView.firstToLastRatio(run) else { return false }
            return atLeast ? ratio >= x : ratio <= x
        case .setting(let key, let value): return run.preset.text(key) == value
        case .layers(let sizes): return run.sizes == sizes
        case .comparing(let n): return snapshot.compareMode && snapshot.runs.count == n
        case .comparisonFinished:
            return snapshot.compareMode && snapshot.runs.allSatisfy { $0.state == .finished }
        case .finderSuggests:
            guard let open = state.finderRun, let test = snapshot.learningRateTest else { return false }
            return test.run == open && test.result.suggested != nil
        case .gradientCheckPassed:
            // a check of the weights the run has now
            guard let check = snapshot.gradientCheck else { return false }
            return check.passed && check.run == (snapshot.compareMode ? state.runIndex(state.selectedRun) : 0)
                && check.epoch == run.epoch
        case .diverged: return run.state == .diverged
        }
    }
}
