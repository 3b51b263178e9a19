import Foundation
import NNDrawing
import NNEngine
import NNFiles
import NNSession

/// `nntui train`: trains a preset headless with a progress bar (terminal), plain
/// lines (pipe), JSON lines (`--json`) or nothing (`--quiet`); logs CSV and saves
/// safetensors checkpoints. SIGINT, SIGTERM, SIGHUP and SIGPIPE finish the
/// mini-batch, write the log and the checkpoint, and exit 128 + the signal.
public struct TrainCommand {
    public let preset: Preset
    public let log: String?
    public let json: Bool
    public let save: String?
    public let saveInit: String?
    public let load: String?
    public let quiet: Bool
    /// An SVG of the result: the fit for a 1-D regression set, the loss curves otherwise.
    public let plot: String?
    /// A folder for TensorBoard's event files (`--tensorboard`).
    public let tensorboard: String?
    /// Polled between mini-batches: a request stops the run after the batch.
    public let interrupt: Interrupt

    /// Every field, so that a runner is never built with one forgotten.
    public init(
        preset: Preset, log: String?, json: Bool, save: String?, saveInit: String?, load: String?, quiet: Bool,
        plot: String?, tensorboard: String?, interrupt: Interrupt
    ) {
        self.preset = preset; self.log = log; self.json = json; self.save = save; self.saveInit = saveInit;
        self.load = load
        self.quiet = quiet; self.plot = plot; self.tensorboard = tensorboard; self.interrupt = interrupt
    }

    /// Runs and returns the process exit code. Every output path is checked before
    /// the data is loaded; the log is first written when an epoch has completed, so
    /// a run that ends before one (diverged, interrupted) leaves an existing log as it was.
    public func run() throws -> Int32 {
        try OutputFiles.check([("--log", log), ("--save", save), ("--save-init", saveInit), ("--plot", plot)])
        if let tensorboard { try TensorBoardLog.check(folder: tensorboard) }
        let trainer = try Experiment.trainer(preset, interrupt: interrupt)
        if let load, let note = try trainer.load(checkpoint: load) { Console.say(note) }
        if let saveInit { try Checkpoint.save(trainer.network, preset: preset, to: saveInit) }
        let metrics = log.map { MetricsLog(path: $0) }
        let board = try tensorboard.map { TensorBoardLog(folder: $0, run: preset.name, settings: try preset.yaml()) }
        var (outputFailure, logFailure) = train(trainer, metrics: metrics, board: board)
        let learned = !trainer.history.isEmpty
        if learned && logFailure == nil {
            do { try metrics?.flush(); try board?.flush() } catch { logFailure = NNError.atRunTime(error) }
        }
        // a diverged run's weights are its last sound epoch's; with no epoch done they are the start's
        do {
            if let save, learned { try Checkpoint.save(trainer.network, preset: preset, to: save) }
            if let plot, learned {
                try Plot.write(
                    plot, preset: preset,
                    labels: ["network \(trainer.network.sizes.map(String.init).joined(separator: "/"))"],
                    trainers: [trainer])
            }
        } catch {
            throw NNError.atRunTime(error)
        }
        if let logFailure {
            let saved = save != nil && learned ? "; the checkpoint was written" : ""
            let why = logFailure.description.trimmingCharacters(in: CharacterSet(charactersIn: "."))
            Console.say("stopped after epoch \(trainer.epoch): the log could not be written: \(why)\(saved).")
            return 1
        }
        if outputFailure == nil && !interrupt.isRequested {
            reportTest(trainer)
            outputFailure = Console.outputFailure()
        }
        return ending(trainer, learned: learned, outputFailure: outputFailure)
    }

    /// Trains to the end (or divergence, an interrupt, a failing output or log): each
    /// epoch's record to the log, TensorBoard and stdout, the progress bar on a terminal.
    private func train(_ trainer: Trainer, metrics: MetricsLog?, board: TensorBoardLog?) -> (
        output: String?, log: NNError?
    ) {
        let progressOnStdout = !quiet && !json && isatty(STDOUT_FILENO) == 1
        let progressOnStderr = !quiet && json && isatty(STDERR_FILENO) == 1
        let plain = !quiet && !json && !progressOnStdout
        let bar = ProgressBar(total: trainer.epochs, batches: trainer.batchesInEpoch)
        var lastDraw = 0.0, lastFlush = 0.0
        var outputFailure: String?
        // a log that cannot be written stops the run; the weights are still saved
        var logFailure: NNError?
        let run = preset.name
        while !trainer.isFinished && trainer.divergence == nil && !interrupt.isRequested && outputFailure == nil
            && logFailure == nil
        {
            let record = trainer.trainMiniBatch()
            if let r = record {
                metrics?.append(run: run, r)
                board?.append(r)
                if json { print(MetricsLog.json(run: run, r)) }
                if plain { print(Self.line(r, total: trainer.epochs)) }
                if json || plain { outputFailure = Console.outputFailure() }
            }
            if (progressOnStdout || progressOnStderr) && (trainer.seconds - lastDraw > 0.1 || record != nil) {
                lastDraw = trainer.seconds
                bar.draw(trainer, to: progressOnStdout ? STDOUT_FILENO : STDERR_FILENO)
            }
            if metrics != nil || board != nil, record != nil, trainer.seconds - lastFlush > 1 {
                lastFlush = trainer.seconds
                do { try metrics?.flush(); try board?.flush() } catch { logFailure = NNError.atRunTime(error) }
            }
        }
        if progressOnStdout || progressOnStderr {
            bar.finish(trainer, to: progressOnStdout ? STDOUT_FILENO : STDERR_FILENO)
        }
        return (outputFailure, logFailure)
    }

    /// The test split's loss and accuracy, where the data has one: the final JSON
    /// line (`"final": true`), or a line of text.
    private func reportTest(_ trainer: Trainer) {
        let test = trainer.data.test.map { trainer.evaluate($0) }
        if json, let last = trainer.history.last {
            var line = MetricsLog.Line(run: preset.name, last)
            line.final = true
            if let test {
                line.test_loss = Number(test.loss)
                line.test_acc = Number(test.accuracy)
            }
            print(JSONLine.encode(line))
        } else if !quiet, let test {
            print("test: loss \(Format.value(test.loss))  accuracy \(Format.percent(test.accuracy))")
        }
    }

    /// How the run ended, said in one sentence on stderr when it is not success, and
    /// its exit code: 1 diverged or failing output, 128 + N interrupted by signal N.
    private func ending(_ trainer: Trainer, learned: Bool, outputFailure: String?) -> Int32 {
        let files = [log.map { _ in "log" }, save.map { _ in "checkpoint" }, plot.map { _ in "plot" }].compactMap { $0 }
        let named =
            files.count > 1 ? files.dropLast().joined(separator: ", ") + " and " + files.last! : files.first ?? ""
        let kept =
            files.isEmpty
            ? ""
            : learned
                ? "; \(named) written"
                : "; no epoch completed, so the \(named) \(files.count > 1 ? "were" : "was") not written"
        if let why = trainer.divergence {
            Console.say("training diverged: \(why). Lower the learning rate (optimizer.lr)\(kept).")
            return 1
        }
        if Console.readerGone(interrupt) { return Console.readerGoneExitCode }
        if interrupt.isRequested {
            Console.say("interrupted (\(Interrupt.name(of: interrupt.received))) after epoch \(trainer.epoch)\(kept).")
            return interrupt.exitCode
        }
        if let outputFailure {
            Console.say(
                "cannot write to standard output: \(outputFailure); stopped after epoch \(trainer.epoch)\(kept).")
            return 1
        }
        return 0
    }

    /// One plain line per epoch.
    static func line(_ r: EpochRecord, total: Int) -> String {
        var s = "epoch \(r.epoch)/\(total)  lr \(Format.value(Double(r.lr)))  loss \(Format.value(r.trainLoss))"
        if let a = r.trainAccuracy { s += "  acc \(Format.percent(a))" }
        if let v = r.validationLoss { s += "  val_loss \(Format.value(v))" }
        if let a = r.validationAccuracy { s += "  val_acc \(Format.percent(a))" }
        return s + String(format: "  %.2fs", r.seconds)
    }
}

/// A one-line progress bar with rate, ETA, loss and accuracy, redrawn with `\r`.
final class ProgressBar {
    let total: Int
    let batches: Int
    init(total: Int, batches: Int) { self.total = total; self.batches = batches }

    func text(_ t: Trainer) -> String {
        let done = Double(t.epoch) + Double(t.batchInEpoch) / Double(max(t.batchesInEpoch, 1))
        let share = min(done / Double(max(total, 1)), 1)
        let width = 24, filled = Int(share * Double(width))
        let bar = String(repeating: "█", count: filled) + String(repeating: "░", count: width - filled)
        let eta = done > 0 ? t.seconds / done * (Double(total) - done) : .infinity
        var s =
            "\(bar) epoch \(t.epoch)/\(total)  \(Format.rate(t.samplesPerSecond)) samples/s  ETA "
            + "\(Format.duration(eta))"
        if let r = t.history.last {
            s += "  loss \(Format.value(r.trainLoss))"
            if let a = r.validationAccuracy ?? r.trainAccuracy { s += "  acc \(Format.percent(a))" }
        }
        return s
    }
    func draw(_ t: Trainer, to fd: Int32) {
        fflush(nil)
        Console.write("\r\u{1B}[2K" + text(t), to: fd)
    }
    func finish(_ t: Trainer, to fd: Int32) {
        draw(t, to: fd)
        Console.write("\n", to: fd)
    }
}
