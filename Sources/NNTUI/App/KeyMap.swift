import NNDrawing
import NNSession

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
    /// A lesson whose steps are all done: ↵ opens its end page.
    case lessonDone = "lesson done"
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
    /// `nntui watch`: logs followed live.
    case watch
}

/// What a key does, with its argument (a direction, a digit, which of a pair), so
/// that carrying it out never looks at the key again; `perform` in Update.swift and
/// its helpers carry each out.
public enum KeyAction: Sendable, Equatable {
    // overlays
    case closeHelp, scrollHelp(by: Int), applySuggestion, testFromStart, closeFinder(quit: Bool)
    case closePicker, pickerDimension(by: Int), pickerValue(by: Int), pickerTick, pickerStart, pickerSeeds(by: Int)
    // a lesson
    case closeLessonPage, showAnswer, scrollLessonPage(by: Int), toggleLessonPanel, skipStep, openLessonPage
    // the boundary view and drawing
    case toggleValidationPoints, togglePoints, toggleDiscretize
    case pickDrawClass(Int), showDrawCursor, hideDrawCursor, removeNearestPoint, clearPoints
    case moveDrawCursor(dx: Int, dy: Int), dropPoint
    // the settings' special rows
    case typeSize(Character), eraseSize, applySizes, cancelSizes(thenMove: Bool)
    case pointAtFeature(by: Int), toggleFeature
    // the network view
    case giveArrowsBack(thenMove: Bool), selectLayer(by: Int, arrow: Bool), selectUnit(by: Int, arrow: Bool), addUnit,
        removeUnit, insertLayer, deleteLayer
    case selectConnection(by: Int), typeWeight, typeWeightCharacter(Character), eraseWeightCharacter, applyWeight,
        cancelWeight
    // one run or a comparison
    case togglePause, stepEpoch, stepBatch, reset(newSeed: Bool), extend, savePreset, saveFigure, help, findLearningRate
    case quit, toggleLogScale, epochAxis, speed(by: Int), nextView, polynomialDegree(by: Int), checkGradients
    // one run
    case moveFocus(by: Int), changeFocused(by: Int), enterOnFocused, quickSetting(Setting), learningRate(by: Int)
    case saveCheckpoint, toggleSettings, openPicker
    // a comparison
    case selectRun(by: Int), hideRun, smallMultiples, trainOrValidation, promote, leaveComparison, spreadMode
    case gridMeasure, expandVariant
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

/// One binding: its keys and what each does, where they act, and how help, the
/// footer and `nntui tui --help` show them.
public struct KeyBinding: Sendable {
    public let keys: [Key]
    /// `actions[i]` is what `keys[i]` does.
    public let actions: [KeyAction]
    /// The keys as help shows them: `space`, `+ / -`.
    public let shown: String
    public let help: String
    public let scope: KeyScope
    public let footer: FooterEntry?

    /// Keys that all do `action`.
    init(
        _ keys: [Key], _ shown: String, _ help: String, _ scope: KeyScope, _ action: KeyAction,
        footer: FooterEntry? = nil
    ) {
        self.init(keys.map { ($0, action) }, shown, help, scope, footer: footer)
    }

    /// Keys that each do their own action (a pair of directions, a digit each).
    init(_ pairs: [(Key, KeyAction)], _ shown: String, _ help: String, _ scope: KeyScope, footer: FooterEntry? = nil) {
        keys = pairs.map(\.0); actions = pairs.map(\.1)
        self.shown = shown; self.help = help; self.scope = scope; self.footer = footer
    }

    /// What `key` does here, if this binding has it.
    func action(for key: Key) -> KeyAction? { keys.firstIndex(of: key).map { actions[$0] } }
}

extension Key {
    /// The key as text names it: `space`, `esc`, `↵`, `c`.
    public var name: String {
        switch self {
        case .char(" "): "space"
        case .char(let c): String(c)
        case .up: "↑"
        case .down: "↓"
        case .left: "←"
        case .right: "→"
        case .enter: "↵"
        case .tab: "tab"
        case .backTab: "shift-tab"
        case .escape: "esc"
        case .backspace: "⌫"
        }
    }
}

/// Every key of the dashboard, once: matching (`update`), the footer, the help
/// overlay, `nntui tui --help` and docs/guide.md's table all read this table.
public enum KeyMap {
    /// Digits, `/` and `,`: what sizes are typed with on the layers row.
    static let sizeKeys: [Key] = "0123456789/,".map { Key.char($0) }

    /// Each digit with the action it does.
    static func digits(_ action: (Int) -> KeyAction) -> [(Key, KeyAction)] {
        (0...9).map { (Key.char(Character(String($0))), action($0)) }
    }

    public static let bindings: [KeyBinding] = overlays + editing + views + everywhere + oneRun + comparison + last

    static let overlays: [KeyBinding] = [
        KeyBinding([.char("?"), .escape, .char("q")], "? esc q", "close this help", .help, .closeHelp),
        KeyBinding([(.up, .scrollHelp(by: -1)), (.down, .scrollHelp(by: 1))], "↑ ↓", "scroll this help", .help),
        KeyBinding([.enter], "↵", "apply the suggested rate", .finder, .applySuggestion),
        KeyBinding([.char("i")], "i", "test the initial weights", .finder, .testFromStart),
        KeyBinding(
            [
                (.escape, .closeFinder(quit: false)), (.char("f"), .closeFinder(quit: false)),
                (.char("q"), .closeFinder(quit: true)),
            ],
            "esc f q", "close (q: close and quit)", .finder),
        KeyBinding([.escape, .char("c"), .char("q")], "esc c q", "close the compare set-up", .picker, .closePicker),
        KeyBinding(
            [
                (.tab, .pickerDimension(by: 1)), (.right, .pickerDimension(by: 1)),
                (.backTab, .pickerDimension(by: -1)), (.left, .pickerDimension(by: -1)),
            ],
            "tab ← →", "vary another setting", .picker),
        KeyBinding(
            [(.down, .pickerValue(by: 1)), (.up, .pickerValue(by: -1))], "↑ ↓", "move among the values", .picker),
        KeyBinding([.char(" ")], "space", "tick / untick the value", .picker, .pickerTick),
        KeyBinding(
            [(.char("+"), .pickerSeeds(by: 1)), (.char("="), .pickerSeeds(by: 1)), (.char("-"), .pickerSeeds(by: -1))],
            "+ / -", "more / fewer seeds per variant", .picker),
        KeyBinding([.enter], "↵", "start the comparison", .picker, .pickerStart),
        KeyBinding([.enter, .escape, .char("k")], "↵ esc", "to the dashboard", .lessonPage, .closeLessonPage),
        KeyBinding([.char("y")], "y", "show the answer", .lessonPage, .showAnswer),
        KeyBinding(
            [(.up, .scrollLessonPage(by: -1)), (.down, .scrollLessonPage(by: 1))], "↑ ↓", "scroll the page", .lessonPage
        ),
        KeyBinding([.char("q")], "q", "quit", .lessonPage, .quit),
        KeyBinding([.char("g")], "g", "hide / show the lesson", .lesson, .toggleLessonPanel),
        KeyBinding([.char("j")], "j", "skip this step", .lesson, .skipStep),
        KeyBinding([.char("k")], "k", "the lesson's page", .lesson, .openLessonPage),
        KeyBinding([.enter], "↵", "the end page, once every step is done", .lessonDone, .openLessonPage),
    ]

    /// The settings' special rows, a typed weight, drawing with the keys.
    static let editing: [KeyBinding] = [
        KeyBinding(
            sizeKeys.map { key in (key, KeyAction.typeSize({ if case .char(let c) = key { c } else { " " } }())) },
            "0-9 / ,", "type sizes (2/8/8/3)", .layersRow),
        KeyBinding([.backspace], "⌫", "erase a typed character", .layersRow, .eraseSize),
        KeyBinding([.enter], "↵", "apply the typed sizes", .layersRow, .applySizes),
        KeyBinding(
            [
                (.escape, .cancelSizes(thenMove: false)), (.up, .cancelSizes(thenMove: true)),
                (.down, .cancelSizes(thenMove: true)),
                (.tab, .cancelSizes(thenMove: true)), (.backTab, .cancelSizes(thenMove: true)),
            ],
            "esc", "drop the typed sizes", .layersRow),
        KeyBinding(
            [(.left, .pointAtFeature(by: -1)), (.right, .pointAtFeature(by: 1))], "← →", "point at an input",
            .featuresRow),
        KeyBinding([.enter], "↵", "turn the input on or off", .featuresRow, .toggleFeature),
        KeyBinding(
            "0123456789.-e".map { c in (Key.char(c), KeyAction.typeWeightCharacter(c)) },
            "0-9 . - e", "type the weight", .weightEntry),
        KeyBinding([.backspace], "⌫", "erase a typed character", .weightEntry, .eraseWeightCharacter),
        KeyBinding([.enter], "↵", "set the weight", .weightEntry, .applyWeight),
        KeyBinding([.escape], "esc", "drop the typed weight", .weightEntry, .cancelWeight),
        KeyBinding(
            [
                (.up, .moveDrawCursor(dx: 0, dy: -1)), (.down, .moveDrawCursor(dx: 0, dy: 1)),
                (.left, .moveDrawCursor(dx: -1, dy: 0)), (.right, .moveDrawCursor(dx: 1, dy: 0)),
            ],
            "arrows", "move the cursor", .drawing),
        KeyBinding([.char(" "), .enter], "space ↵", "drop a point at the cursor", .drawing, .dropPoint),
        KeyBinding([.escape, .char("*")], "esc *", "hide the cursor", .drawing, .hideDrawCursor),
    ]

    /// The decision boundary view (Playground's toggles, drawing your own points; a
    /// click adds one too) and the network view.
    static let views: [KeyBinding] = [
        KeyBinding([.char("T")], "T", "show / hide the validation points", .boundary, .toggleValidationPoints),
        KeyBinding([.char(".")], ".", "show / hide all points", .boundary, .togglePoints),
        KeyBinding([.char("B")], "B", "discretize the output", .boundary, .toggleDiscretize),
        KeyBinding(digits { .pickDrawClass($0) }, "0-9", "the class new points take", .boundary),
        KeyBinding([.char("*")], "*", "draw with the keys (a cursor)", .boundary, .showDrawCursor),
        KeyBinding([.char("x")], "x", "remove the nearest point", .boundary, .removeNearestPoint),
        KeyBinding([.char("C")], "C", "clear the plane", .boundary, .clearPoints),
        KeyBinding(
            [
                (.tab, .giveArrowsBack(thenMove: true)), (.backTab, .giveArrowsBack(thenMove: true)),
                (.escape, .giveArrowsBack(thenMove: false)),
            ], "tab esc", "arrows back to the settings", .network),
        // a bracket takes the arrows for the network view; an arrow selects once they are taken
        KeyBinding(
            [
                (.char("["), .selectLayer(by: -1, arrow: false)), (.char("]"), .selectLayer(by: 1, arrow: false)),
                (.left, .selectLayer(by: -1, arrow: true)), (.right, .selectLayer(by: 1, arrow: true)),
            ],
            "[ ]", "select a layer (then ← →)", .network),
        KeyBinding(
            [
                (.char("{"), .selectUnit(by: -1, arrow: false)), (.char("}"), .selectUnit(by: 1, arrow: false)),
                (.up, .selectUnit(by: -1, arrow: true)), (.down, .selectUnit(by: 1, arrow: true)),
            ],
            "{ }", "select a unit (then ↑ ↓)", .network),
        KeyBinding([(.char("u"), .addUnit), (.char("U"), .removeUnit)], "u / U", "add / remove a unit", .network),
        KeyBinding([.char("i")], "i", "insert a copy of the layer", .network, .insertLayer),
        KeyBinding([.char("x")], "x", "delete the layer", .network, .deleteLayer),
        KeyBinding(
            [(.char("("), .selectConnection(by: -1)), (.char(")"), .selectConnection(by: 1))],
            "( )", "select an incoming connection", .network),
        KeyBinding([.char("W")], "W", "type the connection's weight", .network, .typeWeight),
    ]

    /// One run or a comparison.
    static let everywhere: [KeyBinding] = [
        KeyBinding(
            [.char(" ")], "space", "pause / resume", .everywhere, .togglePause,
            footer: FooterEntry(text: "space pause", single: 9, comparison: 9)),
        KeyBinding(
            [.char("n")], "n", "train one epoch", .everywhere, .stepEpoch,
            footer: FooterEntry(text: "n epoch", single: 6, comparison: 5)),
        KeyBinding(
            [.char("b")], "b", "train one mini-batch", .everywhere, .stepBatch,
            footer: FooterEntry(text: "b batch", single: 4, comparison: 3)),
        KeyBinding(
            [(.char("r"), .reset(newSeed: false)), (.char("R"), .reset(newSeed: true))], "r / R",
            "reset: same / next seed",
            .everywhere, footer: FooterEntry(text: "r reset", single: 7, comparison: nil)),
        KeyBinding(
            [.char("e")], "e", "extend a finished run", .everywhere, .extend,
            footer: FooterEntry(text: "e extend", single: 9, comparison: nil, whenFinished: true)),
        KeyBinding(
            [.char("f")], "f", "learning-rate finder", .everywhere, .findLearningRate,
            footer: FooterEntry(text: "f find lr", single: 2, comparison: nil)),
        KeyBinding(
            [.char("v")], "v", "next view", .everywhere, .nextView,
            footer: FooterEntry(text: "v view", single: 8, comparison: 6)),
        KeyBinding([.char("l")], "l", "log scale for the loss", .everywhere, .toggleLogScale),
        KeyBinding([.char("L")], "L", "epoch axis: auto, log, linear", .everywhere, .epochAxis),
        KeyBinding(
            [(.char("d"), .polynomialDegree(by: -1)), (.char("D"), .polynomialDegree(by: 1))],
            "d / D", "polynomial degree (fit)", .everywhere),
        KeyBinding(
            [(.char("<"), .speed(by: 1)), (.char(">"), .speed(by: -1))], "< / >", "slower / faster", .everywhere),
        KeyBinding([.char("p")], "p", "save the settings (YAML)", .everywhere, .savePreset),
        KeyBinding(
            [.char("P")], "P", "save the view (SVG)", .everywhere, .saveFigure,
            footer: FooterEntry(text: "P save view", single: 1, comparison: nil)),
    ]

    /// The rate keys: `+`/`=` double it, `-`/`_` halve it.
    static let rateKeys: [(Key, KeyAction)] = [
        (.char("+"), .learningRate(by: 1)), (.char("="), .learningRate(by: 1)),
        (.char("-"), .learningRate(by: -1)), (.char("_"), .learningRate(by: -1)),
    ]

    /// One run: the settings panel.
    static let oneRun: [KeyBinding] = [
        KeyBinding(
            [
                (.tab, .moveFocus(by: 1)), (.down, .moveFocus(by: 1)), (.backTab, .moveFocus(by: -1)),
                (.up, .moveFocus(by: -1)),
            ],
            "tab ↑ ↓", "move in the settings", .single,
            footer: FooterEntry(text: "tab/↑↓ move", single: 3, comparison: nil)),
        KeyBinding(
            [(.left, .changeFocused(by: -1)), (.right, .changeFocused(by: 1))], "← →", "change the setting", .single,
            footer: FooterEntry(text: "←→ change", single: 3, comparison: nil)),
        KeyBinding([.enter], "↵", "next value (layers: +1)", .single, .enterOnFocused),
        KeyBinding(
            [
                (.char("a"), .quickSetting(.activation)), (.char("o"), .quickSetting(.optimizer)),
                (.char("s"), .quickSetting(.schedule)),
            ], "a o s", "next activation/opt./sched.", .single),
        KeyBinding(
            rateKeys, "+ / -", "learning rate ×2 / ÷2", .single,
            footer: FooterEntry(text: "+/- lr", single: 5, comparison: nil)),
        KeyBinding([.char("w")], "w", "save a checkpoint", .single, .saveCheckpoint),
        KeyBinding(
            [.char("H")], "H", "hide / show the settings", .single, .toggleSettings,
            footer: FooterEntry(text: "H settings", single: 2, comparison: nil)),
        KeyBinding(
            [.char("c")], "c", "compare runs", .single, .openPicker,
            footer: FooterEntry(text: "c compare", single: 5, comparison: nil)),
    ]

    /// A comparison: its runs.
    static let comparison: [KeyBinding] = [
        KeyBinding(
            [
                (.up, .selectRun(by: -1)), (.backTab, .selectRun(by: -1)), (.down, .selectRun(by: 1)),
                (.tab, .selectRun(by: 1)),
            ],
            "↑ ↓", "select a run", .comparison, footer: FooterEntry(text: "↑↓ select", single: nil, comparison: 7)),
        KeyBinding(
            [.char("h")], "h", "hide / show the run", .comparison, .hideRun,
            footer: FooterEntry(text: "h hide", single: nil, comparison: 4)),
        KeyBinding(
            [.char("m")], "m", "small multiples", .comparison, .smallMultiples,
            footer: FooterEntry(text: "m multiples", single: nil, comparison: 3)),
        KeyBinding(
            [.char("t")], "t", "training / validation loss", .comparison, .trainOrValidation,
            footer: FooterEntry(text: "t train/val", single: nil, comparison: 3)),
        KeyBinding(
            rateKeys, "+ / -", "the run's learning rate", .comparison,
            footer: FooterEntry(text: "+/- lr", single: nil, comparison: 4)),
        KeyBinding([.char("w")], "w", "save the run's checkpoint", .comparison, .saveCheckpoint),
        KeyBinding([.char("s")], "s", "over seeds: band min–max, quartiles, every seed", .comparison, .spreadMode),
        KeyBinding([.char("E")], "E", "over seeds: the variant's seeds as rows / fold", .comparison, .expandVariant),
        KeyBinding([.char("V")], "V", "a grid's heat map: accuracy / loss", .comparison, .gridMeasure),
        KeyBinding(
            [.enter], "↵", "keep only this run", .comparison, .promote,
            footer: FooterEntry(text: "↵ promote", single: nil, comparison: 5)),
        KeyBinding(
            [.char("c"), .escape], "c esc", "leave the comparison", .comparison, .leaveComparison,
            footer: FooterEntry(text: "c leave", single: nil, comparison: 8)),
    ]

    /// Last, so every mode's footer ends with them; then `nntui watch`'s own.
    static let last: [KeyBinding] = [
        KeyBinding(
            [.char("?")], "?", "this help", .everywhere, .help,
            footer: FooterEntry(text: "? help", single: 20, comparison: 20)),
        KeyBinding([.char("G")], "G", "check the gradients (finite diff.)", .everywhere, .checkGradients),
        KeyBinding(
            [.char("q")], "q", "quit", .everywhere, .quit,
            footer: FooterEntry(text: "q quit", single: 20, comparison: 20)),
        KeyBinding([.char("l")], "l", "log scale for the loss", .watch, .toggleLogScale),
        KeyBinding([.char("q"), .char("Q")], "q", "quit", .watch, .quit),
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
        case .selectingUnits, .normal, .drawing:
            let lesson: [KeyScope] =
                state.lesson == nil ? [] : state.lesson!.finished ? [.lessonDone, .lesson] : [.lesson]
            let boundary: [KeyScope] =
                state.view != .boundary ? [] : state.drawCursor == nil ? [.boundary] : [.drawing, .boundary]
            if state.snapshot.compareMode { return lesson + boundary + [.everywhere, .comparison] }
            var scopes: [KeyScope] = lesson
            if state.focus == .setting(.layers) { scopes.append(.layersRow) }
            if state.focus == .setting(.features) { scopes.append(.featuresRow) }
            if state.view == .network { scopes.append(.network) }
            scopes += boundary
            return scopes + [.everywhere, .single]
        }
    }

    /// What `key` does in `scope`, if it is bound there.
    public static func action(_ key: Key, in scope: KeyScope) -> KeyAction? {
        bindings.lazy.filter { $0.scope == scope }.compactMap { $0.action(for: key) }.first
    }

    /// The first key that does `action`, by name (`c`, `esc`): what a message tells the user to press.
    public static func key(for action: KeyAction) -> String {
        for b in bindings { if let i = b.actions.firstIndex(of: action) { return b.keys[i].name } }
        preconditionFailure("no key does \(action)")
    }

    /// The keys of the binding that holds `action`, as help shows them (`0-9`).
    static func shown(for action: KeyAction) -> String {
        bindings.first { $0.actions.contains(action) }?.shown ?? key(for: action)
    }

    /// The footer of a single diverged run: what gets it going again, in words, with the keys that do it.
    static func divergedFooter(resumingFrom from: String) -> [(text: String, priority: Int)] {
        [
            ("\(key(for: .learningRate(by: -1))): lower the rate", 12),
            ("\(key(for: .togglePause))/\(key(for: .stepEpoch)): resume from \(from)", 12),
            ("\(key(for: .reset(newSeed: false))): restart", 10),
        ]
            + footer(comparison: false, finished: false).filter { $0.priority >= 20 }
    }

    /// The footer's keys for a single run or a comparison, in the table's order.
    static func footer(comparison: Bool, finished: Bool) -> [(text: String, priority: Int)] {
        bindings.compactMap { b in
            guard let f = b.footer, !f.whenFinished || finished, let p = comparison ? f.comparison : f.single else {
                return nil
            }
            return (f.text, p)
        }
    }

    /// The help overlay's lines: a heading per scope, then `keys  what they do`.
    public static var helpLines: [String] {
        var lines: [String] = []
        for scope in [
            KeyScope.everywhere, .single, .network, .weightEntry, .boundary, .drawing, .comparison, .lesson,
            .lessonDone,
            .layersRow, .featuresRow, .finder, .picker, .lessonPage, .help,
        ] {
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
