import Foundation
import NNEngine
import NNFiles
import NNSession

/// The session's outcomes in words, for the bottom line: the one place they become
/// English, naming the keys `KeyMap` binds.
enum OutcomeText {
    static func text(_ outcome: Outcome) -> String {
        switch outcome {
        case .speed(let limit):
            limit == 0 ? "speed: full" : "speed: at most \(Int(limit)) epoch\(limit == 1 ? "" : "s") a second"
        case .fixed(_, let why): fixed(why)
        case .fixedInComparison(let what):
            "leave the comparison (\(KeyMap.key(for: .leaveComparison))) to change the \(alike(what))"
        case .changedLive(let run, let key, let from, let to):
            "\(run.map { "\($0): " } ?? "")\(key) \(from) → \(to), from the next mini-batch"
        case .restarted(let restart): restarted(restart)
        case .weightEdited(let layer, let unit, let from, let before, let after):
            "W[\(layer)][\(unit), \(from)] \(Preset.format(Double(before))) → \(Preset.format(Double(after))): "
                + "training goes on from the edited weights (\(KeyMap.key(for: .reset(newSeed: false)))"
                + " starts again from the seed)"
        case .onlyInputLeft(let feature): "\(feature.rawValue) is the only input left: turn another on first"
        case .learningRateSet(let lr): String(format: "learning rate set to %.3g", lr)
        case .learningRateTestStopped: "learning-rate test stopped"
        case .gradientsChecked(let r):
            (r.passed ? "backprop agrees with finite differences: " : "backprop DISAGREES with finite differences: ")
                + "\(r.checked) derivatives, worst error " + String(format: "%.0e", r.worstError)
        case .saved(.checkpoint, let path): "saved checkpoint to \(path)"
        case .saved(.preset, let path): "saved preset to \(path)"
        case .saved(.figure, let path): "saved the view as \(path)"
        case .checkpointMisfit(let path, let runs): "\(path) does not fit \(runs) run(s): they start from their seed"
        case .checkpointMapped(let note): note
        case .drawnSetRefused(let problem):
            "the drawn set is unchanged: it \(problem.reason)"
                + (problem.tooMany
                    ? " (\(KeyMap.key(for: .removeNearestPoint)) removes the nearest point, "
                        + "\(KeyMap.key(for: .clearPoints)) clears the plane)" : "")
        case .failed(let error): error.description
        }
    }

    /// Why a settings row cannot change.
    static func fixed(_ why: Setting.Fixed) -> String {
        switch why {
        case .drawnSet:
            "a drawn set: edit it in the boundary view (click, \(KeyMap.shown(for: .pickDrawClass(0))), "
                + "\(KeyMap.key(for: .removeNearestPoint)), \(KeyMap.key(for: .clearPoints)))"
        case .dataFromPreset: "this data set comes from the preset"
        case .readNotMade(let source): "\(source) is read, not made: no noise or size to set"
        case .featuresOnPlaneOnly: "input features are for the 2-D sets"
        case .outputFollowsData: "the output follows the data"
        case .nothingToTune(let kind): "\(kind.rawValue) has nothing to tune here"
        case .noDecay(let kind): "a \(kind.rawValue) schedule has no decay to set"
        case .noRegularization: "no regularization: choose L1 or L2 on the row above first"
        case .noPeriod: "only step and plateau schedules wait a number of epochs"
        }
    }

    private static func alike(_ what: Outcome.ComparedAlike) -> String {
        switch what {
        case .setting(.features): "input features"
        case .setting(let s): s.rawValue
        case .weight: "weights"
        case .drawnPoints: "drawn points"
        }
    }

    private static func restarted(_ restart: Outcome.Restart) -> String {
        switch restart {
        case .settings: "settings changed: the run was reset"
        case .layers(let sizes):
            "layers \(sizes.map(String.init).joined(separator: "/")): the run restarted from the same seed"
        case .drawnSet(let n): "drawn set: \(n) point\(n == 1 ? "" : "s"); the run restarted from the same seed"
        case .drawnSetToSoftmax(let n, let k):
            "drawn set: \(n) point\(n == 1 ? "" : "s") in \(k) classes: a sigmoid output tells only two apart, so "
                + "the output is now softmax with cross-entropy; the run restarted from the same seed"
        case .inputs(let features):
            "inputs \(features.map(\.rawValue).joined(separator: ", ")): the run restarted from the same seed"
        }
    }
}
