import NNEngine
import NNFiles
import NNSession

/// `nntui --tensorboard DIR`: the dashboard's runs as TensorBoard event files while
/// they train. Each snapshot's new epochs are appended to their run's log (a second
/// at a time on disk); a run that starts again (a reset, a new setting, a comparison)
/// goes on in a new run folder, `NAME-2`, `NAME-3`, …, so curves never fold back.
final class LiveTensorBoard {
    let folder: String
    private var logs: [String: (log: TensorBoardLog, last: Int)] = [:]
    private var starts: [String: Int] = [:]
    private var lastFlush = 0.0

    init(folder: String) { self.folder = folder }

    /// Takes the epochs each run of `snapshot` completed since the last call.
    func record(_ snapshot: Snapshot) throws {
        for run in snapshot.runs {
            var entry = logs[run.label]
            if let e = entry, run.epoch < e.last {  // started again: the old run's file is finished
                try e.log.flush()
                entry = nil
            }
            if entry == nil {
                let n = (starts[run.label] ?? 0) + 1
                starts[run.label] = n
                let name = n == 1 ? run.label : "\(run.label)-\(n)"
                entry = (TensorBoardLog(folder: folder, run: name, settings: try run.preset.yaml()), 0)
            }
            guard var e = entry else { continue }
            let new = run.history.reversed().prefix { $0.epoch > e.last }
            for r in new.reversed() { e.log.append(r) }
            e.last = max(e.last, new.first?.epoch ?? e.last)
            logs[run.label] = e
        }
        let now = LogFollower.now()
        if now - lastFlush >= 1 { try flush(); lastFlush = now }
    }

    /// Writes every run's appended epochs.
    func flush() throws { for e in logs.values { try e.log.flush() } }
}
