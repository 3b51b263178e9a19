import NNEngine

/// A lesson: one point of the lecture, done in the live dashboard. It opens a run set
/// up for the point (paused), asks for a few steps, each checked by the dashboard from
/// its own state, and ends with what the student saw and a question to think about.
/// Written as YAML in `lessons/` (docs/lessons.md describes the keys).
public struct Lesson: Sendable, Equatable {
    /// The file's name without `.yaml` (`04-w-zero`): progress is kept under it.
    public var id: String
    public var title: String
    /// What the student will have seen, in one line.
    public var goal: String
    public var minutes: Int
    /// The lecture's point, in a few sentences.
    public var point: String
    /// The equation it rests on, in the lecture's notation.
    public var equation: String
    /// The run the lesson opens: a preset with the lesson's overrides.
    public var preset: Preset
    /// The view the dashboard opens on, or nil for its usual first view.
    public var view: ViewKind?
    public var steps: [Step]
    /// What the student saw, and why.
    public var saw: String
    public var question: String
    public var answer: String
    /// The lesson's factual claims, each checked over seeds by `nntui learn --check`.
    public var claims: [LessonClaim] = []

    public struct Step: Sendable, Equatable {
        /// What to press and where to look.
        public var instruction: String
        /// The keys the instruction names, in order (`LessonKeys`): what a student
        /// presses, and what the end-to-end test sends.
        public var keys: [String]
        /// Every condition must hold for the step to be ticked.
        public var until: [LessonCondition]
    }
}

/// A fact the dashboard checks on its own state and snapshots.
public enum LessonCondition: Sendable, Equatable {
    /// This view is shown.
    case view(ViewKind)
    /// The run has trained at least this many epochs.
    case epoch(Int)
    /// ... or this many mini-batches.
    case step(Int)
    /// Every unit of hidden layer `l` is the same (spread 0 up to rounding), or not.
    case identicalUnits(layer: Int, Bool)
    /// The latest validation accuracy (training accuracy without a validation split) is at least this.
    case accuracy(Double)
    /// The latest training loss is below this.
    case lossBelow(Double)
    /// `‖dC/dW[1]‖ / ‖dC/dW[L]‖` is at least this (or, with `Bool` false, at most).
    case gradientRatio(Double, atLeast: Bool)
    /// A preset key has this value, as `--set` writes it (`network.init=he`).
    case setting(key: String, value: String)
    /// The network's sizes are `N0/.../NL`.
    case layers([Int])
    /// A comparison of this many runs is on screen.
    case comparing(Int)
    /// Every run of the comparison has finished its epochs.
    case comparisonFinished
    /// The learning-rate finder has a suggestion on screen.
    case finderSuggests
    /// The gradient check (`G`) has passed on the current weights.
    case gradientCheckPassed
    /// The run has diverged (its loss or gradients stopped being finite, or the loss exploded).
    case diverged
}

extension Lesson {
    /// The views the dashboard offers for `p`'s data, as it decides once the data is
    /// read (the boundary for sets on the plane, the fit for one input and a value,
    /// the confusion matrix for classes), told from the preset alone; nil for a CSV,
    /// whose columns are known only when it is read.
    public static func views(offeredBy p: Preset) -> Set<ViewKind>? {
        let classification = p.network.output != .identity
        let onPlane = DataSource.onPlane.contains(p.data.source) || p.data.source == .drawn
        let oneInput = p.data.source == .sine || p.data.source == .lawrenceGiles
        guard p.data.source != .csv else { return nil }
        return Set(
            ViewKind.allCases.filter { view in
                switch view {
                case .boundary: onPlane
                case .fit: oneInput && !classification
                case .confusion: classification
                default: true
                }
            })
    }
}

/// The keys a step names: space-separated words, each a printable character or one
/// of `names`, optionally repeated (`n*20`).
public enum LessonKeys {
    public static let names = ["space", "enter", "tab", "backtab", "esc", "up", "down", "left", "right", "backspace"]
    public static let mostRepeats = 500

    /// The keys of `text`, repeats written out; nil with the word that is not a key.
    public static func parse(_ text: String) -> Result<[String], Problem> {
        var keys: [String] = []
        for word in text.split(separator: " ") {
            var name = String(word), count = 1
            if let star = word.lastIndex(of: "*"), star != word.startIndex {
                guard let n = Int(word[word.index(after: star)...]), (1...mostRepeats).contains(n) else {
                    return .failure(Problem(word: String(word), why: "a repeat is *1 to *\(mostRepeats)"))
                }
                name = String(word[..<star])
                count = n
            }
            let printable =
                name.unicodeScalars.count == 1 && name.unicodeScalars.allSatisfy { $0.value >= 0x21 && $0.value < 0x7f }
            guard printable || names.contains(name) else {
                return .failure(
                    Problem(
                        word: String(word),
                        why: "a key is one printable character or one of " + names.joined(separator: ", ")))
            }
            keys += Array(repeating: name, count: count)
        }
        return .success(keys)
    }

    public struct Problem: Error, Equatable {
        public var word: String
        public var why: String
    }
}
