import Foundation
import NNCore

/// `nntui` with no command: loads the preset, starts the training session on its
/// background queue, and runs the UI loop on the main thread (keys -> update ->
/// session commands; snapshot -> render -> terminal) at up to 30 frames a second.
public enum Dashboard {
    public static func run(preset: Preset) throws -> Int32 {
        let data = try DataLoader.load(preset.data, output: preset.network.output)
        let session = try TrainingSession(preset: preset, data: data)
        SignalFlag.install()
        guard let terminal = Terminal(frameMilliseconds: 33) else {
            throw NNError.input("the dashboard needs a terminal (TERM set, input and output a tty); use 'nntui train' for headless runs.")
        }
        defer { terminal.restore() }
        session.start()
        let (w, h) = terminal.size
        var state = AppState(snapshot: session.snapshot, width: w, height: h)
        state.colors = terminal.hasColors
        var lastSequence = -1
        var dirty = true
        /// Sends a command and counts it, so `editedPreset` is kept until the session has handled it.
        func send(_ command: SessionCommand) {
            session.send(command)
            state.sentCommands += 1
        }
        while SignalFlag.pending == 0 && !state.quit {
            if let event = terminal.readEvent() {
                for command in update(&state, event) { send(command) }
                if case .resize = event { send(viewRequest(state)) }
                dirty = true
            }
            let snapshot = session.snapshot
            if snapshot.sequence != lastSequence {
                lastSequence = snapshot.sequence
                state.snapshot = snapshot
                if snapshot.handledCommands >= state.sentCommands { state.editedPreset = nil }
                if !state.availableViews.contains(state.view) {
                    state.view = .curves
                    send(viewRequest(state))
                }
                dirty = true
            }
            if dirty {
                terminal.draw(render(state))
                dirty = false
            }
        }
        session.stop()
        terminal.restore()
        return SignalFlag.pending != 0 ? SignalFlag.exitCode : 0
    }
}
