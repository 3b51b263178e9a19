import NNCore
import NNDrawing

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

/// The views `v` cycles through (only those that fit the data are offered).
public enum ViewKind: String, CaseIterable, Sendable {
    case curves = "training curves"
    case boundary = "decision boundary"
    case fit = "fit"
    case confusion = "confusion matrix"
    case gradients = "gradients and weights"
    case network = "network"
    case learningRate = "learning rate"
    case equations = "equations"
}

/// The rows of the settings panel: the session's settings, then the speed limit.
public enum SettingRow: Equatable, Sendable {
    case setting(Setting)
    case speed

    public static let all: [SettingRow] = Setting.allCases.map(SettingRow.setting) + [.speed]
}

/// Everything the dashboard shows: the latest snapshot plus UI-only state.
public struct AppState: Sendable {
    public var snapshot: Snapshot
    public var width: Int
    public var height: Int
    public var colors = true
    public var focus = SettingRow.setting(.data)
    public var view = ViewKind.curves
    public var showHelp = false
    /// The network view's selection: layer `1...L` and a unit in it.
    public var networkLayer = 1
    public var networkUnit = 0
    /// The arrows select in the network view (after `[ ] { }` or a click on a unit),
    /// not in the settings panel, until tab or esc gives them back.
    public var arrowsSelectUnits = false
    /// Sizes being typed on the layers row (`2/8/8/3`), or nil.
    public var layersInput: String?
    /// The input feature the features row points at (an index of `InputFeature.allCases`).
    public var featureCursor = 0
    /// The learning-rate finder's overlay (`f`), open on this run.
    public var finderRun: Int?
    public var logScale = false
    /// The settings panel is shown (`H` hides it).
    public var showSettings = true
    /// Where everything goes at this size.
    public var layout: Layout { Layout(width: width, height: height, settings: showSettings) }
    public var quit = false
    /// Compare mode: the selected run, hidden runs, small multiples, validation curves.
    public var selectedRun = 0
    public var hiddenRuns: Set<Int> = []
    public var smallMultiples = false
    public var compareValidation = false
    /// The compare set-up overlay, while open.
    public var picker: ComparePicker?
    /// `P` was pressed before the view's data arrived: saved with the next snapshot that has it.
    public var figureWanted = false

    /// The first view: the network itself for a single run on a 2-D set (as
    /// TensorFlow Playground opens), else the training curves (a comparison's race).
    public init(snapshot: Snapshot, width: Int, height: Int) {
        self.snapshot = snapshot
        self.width = width
        self.height = height
        if !snapshot.compareMode, let d = snapshot.data, !d.points.isEmpty { view = .network }
    }

    public static let minimumWidth = 80
    public static let minimumHeight = 24
    public var tooSmall: Bool { width < Self.minimumWidth || height < Self.minimumHeight }

    /// The single run (or the selected run of a comparison).
    public var run: RunSnapshot? {
        let runs = snapshot.runs
        guard !runs.isEmpty else { return nil }
        return runs[min(max(selectedRun, 0), runs.count - 1)]
    }

    /// Forgets the selected and hidden runs (the set of runs is about to change).
    public mutating func clearRunSelection() {
        selectedRun = 0
        hiddenRuns = []
    }

    /// Views that fit the current data.
    public var availableViews: [ViewKind] {
        guard let d = snapshot.data else { return [.curves] }
        return ViewKind.allCases.filter { v in
            switch v {
            case .boundary: !d.points.isEmpty && !d.classNames.isEmpty  // a 2-D set on the plane (also with data.features)
            case .fit: d.featureCount == 1 && d.classNames.isEmpty
            case .confusion: !d.classNames.isEmpty
            default: true
            }
        }
    }
}
