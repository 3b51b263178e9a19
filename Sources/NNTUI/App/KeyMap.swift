import NNDrawing

/// Where a binding acts. `update` asks the scopes in `KeyMap.scopes(for:)` in order
/// and takes the first binding of the first scope that has the key.
public enum KeyScope: String, Sendable, CaseIterable {
    /// The help overlay is open.
    case help
    /// The learning-rate finder's overlay is open.
    case finder
    /// The compare set-up overlay is open.
    case picker
    /// The lesson's page is open (before the lesson and after it).
    case lessonPage = "lesson page"
    /// A lesson is under way.
    case lesson
    /// Sizes typed on the layers row of the settings.
    case layersRow = "layers row"
    /// The features row of the settings: a checkbox per input.
    case featuresRow = "features row"
    /// The network view of a single run.
    case network
    /// A weight typed for the selected connection (`W`).
    case weightEntry = "weight entry"
    /// The decision boundary view.
    case boundary = "boundary view"
    /// The boundary view's drawing cursor is shown (`*`).
    case drawing = "drawing"
    /// One run or a comparison.
    case everywhere
    /// One run: the settings panel.
    case single = "one run"
    /// A comparison: its runs.
    case comparison
}

/// What a key does; `perform` in Update.swift carries each out. Where one binding
/// holds a pair of keys (`r`/`R`, `+`/`-`), the key says which of the two.
public enum KeyAction: Sendable, Equatable {
    case closeHelp, scrollHelp, applySuggestion, testFromStart, closeFinder
    case closePicker, pickerKey
    case toggleValidationPoints, togglePoints, toggleDiscretize
    case pickDrawClass, toggleDrawCursor, removeNearestPoint, clearPoints, moveDrawCursor, dropPoint
    case closeLessonPage, showAnswer, scrollLessonPage, toggleLessonPanel, skipStep, openLessonPage, checkGradients
    case typeSize, eraseSize, applySizes, cancelSizes
    case pointAtFeature, toggleFeature
    case giveArrowsBack, selectLayer, selectUnit, resizeLayer, insertLayer, deleteLayer
    case selectConnection, typeWeight, typeWeightCharacter, eraseWeightCharacter, applyWeight, cancelWeight
    case togglePause, stepEpoch, stepBatch, reset, extend, savePreset, saveFigure, help, findLearningRate
    case quit, toggleLogScale, epochAxis, speed, nextView, polynomialDegree
    case moveFocus, changeFocused, enterOnFocused, quickSetting, learningRate, saveCheckpoint, toggleSettings, openPicker
    case selectRun, hideRun, smallMultiples, trainOrValidation, promote, leaveComparison
}

/// A key's line in the footer: its text and, per mode, how long it stays as the
/// line shortens (higher stays longer; nil: not shown there).
public struct FooterEntry: Sendable {
    public var text: String
    public var single: Int?
    public var comparison: Int?
    /// Shown only when the run has finished (`e extend`).
    public var whenFinished = false
}

/// One binding: its keys, where they act, what they do, and how help, the footer and
/// `nntui tui --help` show them.
public struct KeyBinding: Sendable {
    public let keys: [Key]
    /// The keys as help shows them: `space`, `+ / -`.
    public let shown: String
    public let help: String
    public let scope: KeyScope
    public let action: KeyAction
    public let footer: FooterEntry?

    init(_ keys: [Key], _ shown: String, _ help: String, _ scope: KeyScope, _ action: KeyAction, footer: FooterEntry? = nil) {
        self.keys = keys; self.shown = shown; self.help = help; self.scope = scope; self.action = action; self.footer = footer
    }
}

/// Every key of the dashboard, once: matching (`update`), the footer, the help
/// overlay, `nntui tui --help` and docs/guide.md's table all read this table.
public enum KeyMap {
    /// Digits, `/` and `,`: what sizes are typed with on the layers row.
    static let sizeKeys: [Key] = "0123456789/,".map { Key.char($0) }

    public static let bindings: [KeyBinding] = [
        // overlays
        KeyBinding([.char("?"), .escape, .char("q")], "? esc q", "close this help", .help, .closeHelp),
        KeyBinding([.up, .down], "↑ ↓", "scroll this help", .help, .scrollHelp),
        KeyBinding([.enter], "↵", "apply the suggested rate", .finder, .applySuggestion),
        KeyBinding([.char("i")], "i", "test the initial weights", .finder, .testFromStart),
        KeyBinding([.escape, .char("f"), .char("q")], "esc f q", "close (q: close and quit)", .finder, .closeFinder),
        KeyBinding([.escape, .char("c"), .char("q")], "esc c q", "close the compare set-up", .picker, .closePicker),
        KeyBinding([.tab, .backTab, .left, .right, .up, .down, .char(" "), .enter], "arrows ↵",
                   "choose, space ticks, start", .picker, .pickerKey),
        KeyBinding([.enter, .escape, .char("k")], "↵ esc", "to the dashboard", .lessonPage, .closeLessonPage),
        KeyBinding([.char("y")], "y", "show the answer", .lessonPage, .showAnswer),
        KeyBinding([.up, .down], "↑ ↓", "scroll the page", .lessonPage, .scrollLessonPage),
        KeyBinding([.char("q")], "q", "quit", .lessonPage, .quit),
        KeyBinding([.char("g")], "g", "hide / show the lesson", .lesson, .toggleLessonPanel),
        KeyBinding([.char("j")], "j", "skip this step", .lesson, .skipStep),
        KeyBinding([.char("k")], "k", "the lesson's page", .lesson, .openLessonPage),
        // the settings' special rows
        KeyBinding(sizeKeys, "0-9 / ,", "type sizes (2/8/8/3)", .layersRow, .typeSize),
        KeyBinding([.backspace], "⌫", "erase a typed character", .layersRow, .eraseSize),
        KeyBinding([.enter], "↵", "apply the typed sizes", .layersRow, .applySizes),
        KeyBinding([.escape, .up, .down, .tab, .backTab], "esc", "drop the typed sizes", .layersRow, .cancelSizes),
        KeyBinding([.left, .right], "← →", "point at an input", .featuresRow, .pointAtFeature),
        KeyBinding([.enter], "↵", "turn the input on or off", .featuresRow, .toggleFeature),
        // the decision boundary view: Playground's toggles
        KeyBinding([.char("T")], "T", "show / hide the validation points", .boundary, .toggleValidationPoints),
        KeyBinding([.char(".")], ".", "show / hide all points", .boundary, .togglePoints),
        KeyBinding([.char("B")], "B", "discretize the output", .boundary, .toggleDiscretize),
        // drawing your own points (a click adds one too)
        KeyBinding("0123456789".map { Key.char($0) }, "0-9", "the class new points take", .boundary, .pickDrawClass),
        KeyBinding([.char("*")], "*", "draw with the keys (a cursor)", .boundary, .toggleDrawCursor),
        KeyBinding([.char("x")], "x", "remove the nearest point", .boundary, .removeNearestPoint),
        KeyBinding([.char("C")], "C", "clear the plane", .boundary, .clearPoints),
        KeyBinding([.up, .down, .left, .right], "arrows", "move the cursor", .drawing, .moveDrawCursor),
        KeyBinding([.char(" "), .enter], "space ↵", "drop a point at the cursor", .drawing, .dropPoint),
        KeyBinding([.escape, .char("*")], "esc *", "hide the cursor", .drawing, .toggleDrawCursor),
        // the network view
        KeyBinding([.tab, .backTab, .escape], "tab esc", "arrows back to the settings", .network, .giveArrowsBack),
        KeyBinding([.char("["), .char("]"), .left, .right], "[ ]", "select a layer (then ← →)", .network, .selectLayer),
        KeyBinding([.char("{"), .char("}"), .up, .down], "{ }", "select a unit (then ↑ ↓)", .network, .selectUnit),
        KeyBinding([.char("u"), .char("U")], "u / U", "add / remove a unit", .network, .resizeLayer),
        KeyBinding([.char("i")], "i", "insert a copy of the layer", .network, .insertLayer),
        KeyBinding([.char("x")], "x", "delete the layer", .network, .deleteLayer),
        KeyBinding([.char("("), .char(")")], "( )", "select an incoming connection", .network, .selectConnection),
        KeyBinding([.char("W")], "W", "type the connection's weight", .network, .typeWeight),
        KeyBinding("0123456789.-e".map { Key.char($0) }, "0-9 . - e", "type the weight", .weightEntry, .typeWeightCharacter),
        KeyBinding([.backspace], "⌫", "erase a typed character", .weightEntry, .eraseWeightCharacter),
        KeyBinding([.enter], "↵", "set the weight", .weightEntry, .applyWeight),
        KeyBinding([.escape], "esc", "drop the typed weight", .weightEntry, .cancelWeight),
        // one run or a comparison
        KeyBinding([.char(" ")], "space", "pause / resume", .everywhere, .togglePause,
                   footer: FooterEntry(text: "space pause", single: 9, comparison: 9)),
        KeyBinding([.char("n")], "n", "train one epoch", .everywhere, .stepEpoch,
                   footer: FooterEntry(text: "n epoch", single: 6, comparison: 5)),
        KeyBinding([.char("b")], "b", "train one mini-batch", .everywhere, .stepBatch,
                   footer: FooterEntry(text: "b batch", single: 4, comparison: 3)),
        KeyBinding([.char("r"), .char("R")], "r / R", "reset: same / next seed", .everywhere, .reset,
                   footer: FooterEntry(text: "r reset", single: 7, comparison: nil)),
        KeyBinding([.char("e")], "e", "extend a finished run", .everywhere, .extend,
                   footer: FooterEntry(text: "e extend", single: 9, comparison: nil, whenFinished: true)),
        KeyBinding([.char("f")], "f", "learning-rate finder", .everywhere, .findLearningRate,
                   footer: FooterEntry(text: "f find lr", single: 2, comparison: nil)),
        KeyBinding([.char("v")], "v", "next view", .everywhere, .nextView,
                   footer: FooterEntry(text: "v view", single: 8, comparison: 6)),
        KeyBinding([.char("l")], "l", "log scale for the loss", .everywhere, .toggleLogScale),
        KeyBinding([.char("L")], "L", "epoch axis: auto, log, linear", .everywhere, .epochAxis),
        KeyBinding([.char("d"), .char("D")], "d / D", "polynomial degree (fit)", .everywhere, .polynomialDegree),
        KeyBinding([.char("<"), .char(">")], "< / >", "slower / faster", .everywhere, .speed),
        KeyBinding([.char("p")], "p", "save the settings (YAML)", .everywhere, .savePreset),
        KeyBinding([.char("P")], "P", "save the view (SVG)", .everywhere, .saveFigure,
                   footer: FooterEntry(text: "P save view", single: 1, comparison: nil)),
        // one run
        KeyBinding([.tab, .down, .backTab, .up], "tab ↑ ↓", "move in the settings", .single, .moveFocus,
                   footer: FooterEntry(text: "tab/↑↓ move", single: 3, comparison: nil)),
        KeyBinding([.left, .right], "← →", "change the setting", .single, .changeFocused,
                   footer: FooterEntry(text: "←→ change", single: 3, comparison: nil)),
        KeyBinding([.enter], "↵", "next value (layers: +1)", .single, .enterOnFocused),
        KeyBinding([.char("a"), .char("o"), .char("s")], "a o s", "next activation/opt./sched.", .single, .quickSetting),
        KeyBinding([.char("+"), .char("="), .char("-"), .char("_")], "+ / -", "learning rate ×2 / ÷2", .single, .learningRate,
                   footer: FooterEntry(text: "+/- lr", single: 5, comparison: nil)),
        KeyBinding([.char("w")], "w", "save a checkpoint", .single, .saveCheckpoint),
        KeyBinding([.char("H")], "H", "hide / show the settings", .single, .toggleSettings,
                   footer: FooterEntry(text: "H settings", single: 2, comparison: nil)),
        KeyBinding([.char("c")], "c", "compare runs", .single, .openPicker,
                   footer: FooterEntry(text: "c compare", single: 5, comparison: nil)),
        // a comparison
        KeyBinding([.up, .backTab, .down, .tab], "↑ ↓", "select a run", .comparison, .selectRun,
                   footer: FooterEntry(text: "↑↓ select", single: nil, comparison: 7)),
        KeyBinding([.char("h")], "h", "hide / show the run", .comparison, .hideRun,
                   footer: FooterEntry(text: "h hide", single: nil, comparison: 4)),
        KeyBinding([.char("m")], "m", "small multiples", .comparison, .smallMultiples,
                   footer: FooterEntry(text: "m multiples", single: nil, comparison: 3)),
        KeyBinding([.char("t")], "t", "training / validation loss", .comparison, .trainOrValidation,
                   footer: FooterEntry(text: "t train/val", single: nil, comparison: 3)),
        KeyBinding([.char("+"), .char("="), .char("-"), .char("_")], "+ / -", "the run's learning rate", .comparison, .learningRate,
                   footer: FooterEntry(text: "+/- lr", single: nil, comparison: 4)),
        KeyBinding([.char("w")], "w", "save the run's checkpoint", .comparison, .saveCheckpoint),
        KeyBinding([.enter], "↵", "keep only this run", .comparison, .promote,
                   footer: FooterEntry(text: "↵ promote", single: nil, comparison: 5)),
        KeyBinding([.char("c"), .escape], "c esc", "leave the comparison", .comparison, .leaveComparison,
                   footer: FooterEntry(text: "c leave", single: nil, comparison: 8)),
        // last, so every mode's footer ends with them
        KeyBinding([.char("?")], "?", "this help", .everywhere, .help,
                   footer: FooterEntry(text: "? help", single: 20, comparison: 20)),
        KeyBinding([.char("G")], "G", "check the gradients (finite diff.)", .everywhere, .checkGradients),
        KeyBinding([.char("q")], "q", "quit", .everywhere, .quit,
                   footer: FooterEntry(text: "q quit", single: 20, comparison: 20)),
    ]

    /// The scopes that may take a key in `state`, first to last.
    static func scopes(for state: AppState) -> [KeyScope] {
        switch state.mode {
        case .help: return [.help]
        case .finder: return [.finder]
        case .picker: return [.picker]
        case .lessonPage: return [.lessonPage]
        case .typingLayers: return [.layersRow] + (state.lesson == nil ? [] : [.lesson]) + [.everywhere, .single]
        case .typingWeight: return [.weightEntry]
        case .selectingUnits, .normal:
            let lesson: [KeyScope] = state.lesson == nil ? [] : [.lesson]
            let boundary: [KeyScope] = state.view != .boundary ? [] : state.drawCursor == nil ? [.boundary] : [.drawing, .boundary]
            if state.snapshot.compareMode { return lesson + boundary + [.everywhere, .comparison] }
            var scopes: [KeyScope] = lesson
            if state.focus == .setting(.layers) { scopes.append(.layersRow) }
            if state.focus == .setting(.features) { scopes.append(.featuresRow) }
            if state.view == .network { scopes.append(.network) }
            scopes += boundary
            return scopes + [.everywhere, .single]
        }
    }

    /// The binding `key` has in `scope`, if any.
    static func binding(_ key: Key, in scope: KeyScope) -> KeyBinding? {
        bindings.first { $0.scope == scope && $0.keys.contains(key) }
    }

    /// The footer's keys for a single run or a comparison, in the table's order.
    static func footer(comparison: Bool, finished: Bool) -> [(text: String, priority: Int)] {
        bindings.compactMap { b in
            guard let f = b.footer, !f.whenFinished || finished, let p = comparison ? f.comparison : f.single else { return nil }
            return (f.text, p)
        }
    }

    /// The help overlay's lines: a heading per scope, then `keys  what they do`.
    public static var helpLines: [String] {
        var lines: [String] = []
        for scope in [KeyScope.everywhere, .single, .network, .weightEntry, .boundary, .drawing, .comparison, .lesson, .layersRow, .featuresRow, .finder, .picker, .lessonPage, .help] {
            let here = bindings.filter { $0.scope == scope }
            guard !here.isEmpty else { continue }
            lines.append(scope.rawValue + ":")
            lines += here.map { " " + Format.pad($0.shown, 8) + $0.help }
        }
        return lines
    }

    /// `nntui tui --help`'s list of keys: the scopes a learner meets first, wrapped to
    /// 76 columns.
    public static var commandLineHelp: String {
        [KeyScope.everywhere, .single, .network, .comparison].map { scope in
            let items = bindings.filter { $0.scope == scope }.map { "\($0.shown) \($0.help)" }
            return Format.wrap("\(scope.rawValue): " + items.joined(separator: " · "), 76).joined(separator: "\n  ")
        }.joined(separator: "\n")
    }

    /// docs/guide.md's table of keys, one row a binding (a test checks the guide holds it).
    public static var markdownTable: String {
        (["| where | keys | what they do |", "|---|---|---|"]
         + bindings.map { "| \($0.scope.rawValue) | `\($0.shown)` | \($0.help) |" }).joined(separator: "\n")
    }
}
