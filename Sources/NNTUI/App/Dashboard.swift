import Foundation
import NNDrawing
import NNEngine
import NNFiles
import NNSession

/// `nntui` with no command: loads the preset, starts the training session on its
/// background queue, and runs the UI loop on the main thread. Every key, resize and
/// new snapshot is an `Event` for `update`, whose intents go to the session; the
/// state is drawn after each event, at most about 30 times a second.
public enum Dashboard {
    /// Runs until `q`, until `interrupt` is requested or until the terminal is lost
    /// (129, as for SIGHUP); returns the exit code.
    /// `load`: a checkpoint to start from (and reset to). `lesson`: a lesson to do,
    /// opened paused on its setup and its page; `progress` is where its completion is
    /// recorded. `appearance`: `--color` and `--theme`. `tensorboard`: a folder for
    /// TensorBoard's event files of every run. `seeds`: the seeds a comparison started
    /// from the compare set-up runs each variant over (the set-up's seeds row); `compare`:
    /// the comparison the dashboard opens on (`--vary`).
    public static func run(
        preset: Preset, load: String? = nil, lesson: LessonRun? = nil, progress: String? = nil,
        appearance: Appearance = Appearance(), tensorboard: String? = nil, seeds: Int = 1, compare: Variation? = nil,
        interrupt: Interrupt
    ) throws -> Int32 {
        if let tensorboard { try TensorBoardLog.check(folder: tensorboard) }
        let board = tensorboard.map(LiveTensorBoard.init(folder:))
        let preset = lesson?.lesson.preset ?? preset
        // a comparison's seeds: --seeds, else the preset's own (compare-seeds)
        let seeds = seeds > 1 ? seeds : max(preset.compareSeeds, 1)
        // a comparison to open on is checked before the terminal is taken
        if let compare {
            _ = try SeededComparison(
                variants: Comparison.specs(base: preset, variation: compare), seeds: Array(1...UInt64(seeds)))
        }
        let data = try DataLoader.load(preset.data, output: preset.network.output, interrupt: interrupt)
        let session = try TrainingSession(preset: preset, data: data, paused: lesson != nil, startWeights: load)
        let terminal = try Terminal(frameMilliseconds: 33, appearance: appearance)
        defer { terminal.restore() }
        session.start()
        if let compare { session.send([.compare(compare, seeds: seeds)]) }
        let (w, h) = terminal.size
        var state = AppState(snapshot: session.snapshot, width: w, height: h)
        state.colors = terminal.hasColors
        state.compareSeeds = seeds
        if let lesson {
            state.lesson = lesson
            state.mode = .lessonPage
            if let view = lesson.lesson.view, state.availableViews.contains(view) { state.view = view }
        }
        session.send([viewRequest(state)])
        var recorded = false
        var lastSequence = state.snapshot.sequence
        terminal.draw(render(state))
        // event files that cannot be written end the dashboard, saying why
        var boardFailure: Error?
        while !interrupt.isRequested && !state.quit && !terminal.lost && boardFailure == nil {
            var events: [Event] = []
            if let event = terminal.readEvent() { events.append(event) }
            let snapshot = session.snapshot
            if snapshot.sequence != lastSequence {
                lastSequence = snapshot.sequence
                events.append(.snapshot(snapshot))
                do { try board?.record(snapshot) } catch { boardFailure = error }
            }
            for event in events { session.send(update(&state, event)) }
            if let run = state.lesson, run.completed, !recorded, let progress {
                recorded = true
                // a convenience: a read-only home does not stop the lesson
                try? LessonProgress.record(run.lesson.id, in: progress)
            }
            if !events.isEmpty { terminal.draw(render(state)) }
        }
        session.stop()
        terminal.restore()
        if boardFailure == nil { do { try board?.flush() } catch { boardFailure = error } }
        if let boardFailure { throw NNError.atRunTime(boardFailure) }
        if terminal.lost { return 128 + SIGHUP }
        return interrupt.isRequested ? interrupt.exitCode : 0
    }
}
