import Foundation
import NNCore
import NNDrawing

/// `nntui` with no command: loads the preset, starts the training session on its
/// background queue, and runs the UI loop on the main thread. Every key, resize and
/// new snapshot is an `Event` for `update`, whose intents go to the session; the
/// state is drawn after each event, at most about 30 times a second.
public enum Dashboard {
    /// Runs until `q` or until `interrupt` is requested; returns the exit code.
    /// `load`: a checkpoint to start from (and reset to).
    public static func run(preset: Preset, load: String? = nil, interrupt: Interrupt) throws -> Int32 {
        let data = try DataLoader.load(preset.data, output: preset.network.output)
        let session = try TrainingSession(preset: preset, data: data, startWeights: load)
        guard let terminal = Terminal(frameMilliseconds: 33) else {
            throw NNError.input("the dashboard needs a terminal (TERM set, input and output a tty); use 'nntui train' for headless runs.")
        }
        defer { terminal.restore() }
        session.start()
        let (w, h) = terminal.size
        var state = AppState(snapshot: session.snapshot, width: w, height: h)
        state.colors = terminal.hasColors
        var lastSequence = state.snapshot.sequence
        terminal.draw(render(state))
        while !interrupt.isRequested && !state.quit {
            var events: [Event] = []
            if let event = terminal.readEvent() { events.append(event) }
            let snapshot = session.snapshot
            if snapshot.sequence != lastSequence {
                lastSequence = snapshot.sequence
                events.append(.snapshot(snapshot))
            }
            for event in events { session.send(update(&state, event)) }
            if !events.isEmpty { terminal.draw(render(state)) }
        }
        session.stop()
        terminal.restore()
        return interrupt.isRequested ? interrupt.exitCode : 0
    }
}
