import NNDrawing
import NNEngine
import NNFiles
import NNSession

/// A decoded key press.
public enum Key: Equatable, Sendable {
    case char(Character)
    case up, down, left, right, enter, tab, backTab, escape, backspace
}

public enum MouseAction: Equatable, Sendable {
    case click, wheelUp, wheelDown
}

/// What reaches `update`: the user's keys, the terminal's size, and each new
/// snapshot the training session publishes.
public enum Event: Sendable {
    case key(Key)
    /// A click or a turn of the wheel at a cell (where the terminal reports the mouse).
    case mouse(x: Int, y: Int, MouseAction)
    case resize(width: Int, height: Int)
    case snapshot(Snapshot)
}

/// How a comparison over seeds draws each variant's seeds around its median.
public enum SpreadMode: String, CaseIterable, Sendable {
    /// A band from the seeds' least to their largest value.
    case range = "min–max band"
    /// A band from the first to the third quartile.
    case quartiles = "quartile band"
    /// Every seed's own curve, faintly.
    case seeds = "every seed"
}

/// A cell of the boundary view's plane, from its top-left corner.
public struct PlaneCell: Equatable, Sendable {
    public var x: Int
    public var y: Int
}

/// The rows of the settings panel: the session's settings, then the speed limit.
public enum SettingRow: Equatable, Sendable {
    case setting(Setting)
    case speed

    public static let all: [SettingRow] = Setting.allCases.map(SettingRow.setting) + [.speed]
}

/// Where keys go, one at a time: an overlay, sizes being typed, the network view's
/// units, or (normal) the settings panel or the comparison's runs.
public enum Mode: Equatable, Sendable {
    case normal
    /// `?`: the help overlay, scrolled down this many lines.
    case help(scroll: Int)
    /// `f`: the learning-rate finder's overlay, open on this run.
    case finder(run: Int)
    /// `c`: the compare set-up overlay.
    case picker(ComparePicker)
    /// The lesson's page: its point, equation and steps before it starts (and on `k`),
    /// what was seen, the question and its answer once it is done.
    case lessonPage
    /// Sizes being typed on the layers row (`2/8/8/3`).
    case typingLayers(String)
    /// A weight being typed for the network view's selected connection (`W`).
    case typingWeight(String)
    /// The arrows select the network view's units (after `[ ] { }` or a click on a
    /// unit), until tab or esc gives them back to the settings.
    case selectingUnits
    /// `*` in the boundary view: the arrows move a drawing cursor (a cell of the view's
    /// plane) and space drops a point there.
    case drawing(PlaneCell)

    /// An overlay takes every key (and the mouse is ignored).
    public var isOverlay: Bool {
        switch self {
        case .help, .finder, .picker, .lessonPage: true
        case .normal, .typingLayers, .typingWeight, .selectingUnits, .drawing: false
        }
    }
}

/// Everything the dashboard shows: the latest snapshot plus UI-only state.
public struct AppState: Sendable {
    public var snapshot: Snapshot
    public var width: Int
    public var height: Int
    public var colors = true
    public var focus = SettingRow.setting(.data)
    public var view = ViewKind.curves
    /// The view a comparison's race covered, given back when the comparison ends.
    public var viewBeforeComparison: ViewKind?
    public var mode = Mode.normal
    public var showHelp: Bool { if case .help = mode { true } else { false } }
    /// The network view's selection: layer `1...L` and a unit in it.
    public var networkLayer = 1
    public var networkUnit = 0
    /// The selected unit's incoming connection: the unit of the layer below it (`(` `)`).
    public var networkSource = 0
    /// The weight being typed (`W`), or nil.
    public var weightInput: String? { if case .typingWeight(let typed) = mode { typed } else { nil } }
    /// The arrows select in the network view, not in the settings panel.
    public var arrowsSelectUnits: Bool { mode == .selectingUnits }
    /// Sizes being typed on the layers row (`2/8/8/3`), or nil.
    public var layersInput: String? { if case .typingLayers(let typed) = mode { typed } else { nil } }
    /// The input feature the features row points at (an index of `InputFeature.allCases`).
    public var featureCursor = 0
    /// The learning-rate finder's overlay (`f`), open on this run.
    public var finderRun: Int? { if case .finder(let run) = mode { run } else { nil } }
    public var logScale = false
    /// The boundary view's toggles (Playground's): validation points, every point,
    /// and the output in flat class colours instead of shades of confidence.
    public var showValidationPoints = true
    public var showPoints = true
    public var discretize = false
    /// Drawing your own set in the boundary view: the points as drawn (nil until the
    /// first edit, then the whole set each edit sends) and the class new points take.
    public var drawnPoints: [DrawnPoint]?
    public var drawClass = 0
    /// The plane was emptied (`C`, or its last point removed): there is nothing to train
    /// on until the first point is drawn, whatever the run last trained on.
    public var planeCleared: Bool { drawnPoints?.isEmpty == true }
    /// The keyboard's drawing cursor (`Mode.drawing`), or nil while hidden.
    public var drawCursor: PlaneCell? { if case .drawing(let cell) = mode { cell } else { nil } }
    /// The lesson being done (`nntui learn N`), if any.
    public var lesson: LessonRun?
    /// The charts' epoch axis (`L`).
    public var epochAxis = EpochAxisMode.automatic
    /// The settings panel is shown (`H` hides it).
    public var showSettings = true
    /// Where everything goes at this size.
    public var layout: Layout {
        Layout(width: width, height: height, settings: showSettings, lessonRows: LessonView.rows(self))
    }
    public var quit = false
    /// Compare mode: the selected run, hidden runs, small multiples, validation curves.
    public var selectedRun = 0
    /// The seeds a comparison started from the compare set-up runs each variant over (`--seeds`).
    public var compareSeeds = 1
    /// What a variant's spread over its seeds is drawn as (`s`).
    public var spread = SpreadMode.range
    /// What the last key did where the session has nothing to say (a view's toggle), for
    /// the bottom line; the next key clears it.
    public var note: String?
    /// What a grid's heat map shows (`V`); nil: accuracy where the runs classify, else loss.
    public var gridMeasure: GridMeasure?
    public var hiddenRuns: Set<Int> = []
    /// Over seeds, the variant whose seeds are rows of their own (`E`); nil: none.
    public var expandedVariant: Int?
    public var smallMultiples = false
    public var compareValidation = false
    /// The compare set-up overlay, while open.
    public var picker: ComparePicker? { if case .picker(let p) = mode { p } else { nil } }
    /// `P` was pressed before the view's data arrived: saved with the next snapshot that has it.
    public var figureWanted = false

    /// The first view: a CSV's decision boundary (two features) or fit (one);
    /// the network itself for a single run on a 2-D set (as
    /// TensorFlow Playground opens), else the training curves (a comparison's race).
    public init(snapshot: Snapshot, width: Int, height: Int) {
        self.snapshot = snapshot
        self.width = width
        self.height = height
        // your own CSV: its classes over the plane, or its curve
        if !snapshot.compareMode, let d = snapshot.data {
            if d.source == .csv && !d.points.isEmpty && !d.classNames.isEmpty {
                view = .boundary
            } else if !d.points.isEmpty {
                view = .network
            } else if d.source == .csv && d.featureCount == 1 && d.classNames.isEmpty {
                view = .fit
            }
        }
    }

    public static let minimumWidth = 80
    public static let minimumHeight = 24
    public var tooSmall: Bool { width < Self.minimumWidth || height < Self.minimumHeight }

    /// The single run (or the selected run of a comparison).
    public var run: RunSnapshot? {
        let runs = snapshot.runs
        guard !runs.isEmpty else { return nil }
        return runs[min(max(runIndex(selectedRun), 0), runs.count - 1)]
    }

    /// A comparison over seeds: its rows are variants, each `seedsPerVariant` runs.
    public var grouped: Bool { !snapshot.variants.isEmpty }
    /// What a row of a comparison's table stands for.
    public enum CompareRow: Hashable, Sendable {
        /// A run of a comparison on one seed.
        case run(Int)
        /// A variant over its seeds.
        case variant(Int)
        /// One seed's run of the expanded variant (`seed` counts from 0).
        case seed(variant: Int, seed: Int)
    }

    /// The rows a comparison shows: its variants over seeds (the expanded one followed
    /// by a row for each of its seeds), else its runs.
    public var rowCount: Int {
        guard grouped else { return snapshot.runs.count }
        return snapshot.variants.count + (expandedVariant == nil ? 0 : snapshot.seedsPerVariant)
    }

    /// What row `row` stands for.
    public func compareRow(_ row: Int) -> CompareRow {
        guard grouped else { return .run(row) }
        guard let v = expandedVariant, row > v else { return .variant(row) }
        let n = snapshot.seedsPerVariant
        return row <= v + n ? .seed(variant: v, seed: row - v - 1) : .variant(row - n)
    }

    /// The variant of row `row` (its own, or the one its seed belongs to); the run's index outside seeds.
    public func variant(ofRow row: Int) -> Int {
        switch compareRow(row) {
        case .run(let i), .variant(let i), .seed(let i, _): i
        }
    }

    /// The run row `row` stands for: a variant's first seed, the seed's run, or the run itself.
    public func runIndex(_ row: Int) -> Int { runIndices(row).lowerBound }
    /// The runs of row `row`: every seed of a variant, or one run.
    public func runIndices(_ row: Int) -> Range<Int> {
        let n = snapshot.seedsPerVariant
        switch compareRow(row) {
        case .run(let i): return i..<(i + 1)
        case .variant(let v): return (v * n)..<((v + 1) * n)
        case .seed(let v, let k): return (v * n + k)..<(v * n + k + 1)
        }
    }

    /// Over seeds, shows the selected row's variant's seeds as rows of their own, or
    /// folds them back into their variant (selected then); hidden rows stay hidden.
    public mutating func toggleExpanded() {
        guard grouped else { return }
        let hidden = Set(hiddenRuns.map(compareRow))
        let selected = compareRow(selectedRun)
        if let v = expandedVariant {
            expandedVariant = nil
            selectedRun = v
            if case .variant(let w) = selected { selectedRun = w }
        } else {
            expandedVariant = variant(ofRow: selectedRun)
        }
        // the same rows hidden, at their new places (a folded seed's row is gone)
        hiddenRuns = Set((0..<rowCount).filter { hidden.contains(compareRow($0)) })
    }

    /// Forgets the selected, hidden and expanded rows (the set of runs is about to change).
    public mutating func clearRunSelection() {
        selectedRun = 0
        hiddenRuns = []
        expandedVariant = nil
    }

    /// Views that fit the current data.
    public var availableViews: [ViewKind] {
        guard let d = snapshot.data else { return [.curves] }
        return ViewKind.allCases.filter { v in
            switch v {
            // a 2-D set on the plane (also with data.features), classes or a value
            case .boundary: !d.points.isEmpty && d.featureCount >= 2
            case .fit: d.featureCount == 1 && d.classNames.isEmpty
            case .confusion: !d.classNames.isEmpty
            default: true
            }
        }
    }
}
