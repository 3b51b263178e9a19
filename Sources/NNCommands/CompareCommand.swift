import Foundation
import NNDrawing
import NNEngine
import NNFiles
import NNSession

/// `nntui compare`: trains the runs of a comparison on a pool of threads, one per
/// core (each run on one thread, so its result is bit-identical to training it alone),
/// prints a final table (and on a terminal a small overlaid loss chart), and logs
/// one block of CSV rows per run.
public struct CompareCommand {
    public let preset: Preset
    public let optimizers: [OptimizerKind]?
    public let vary: String?
    public let log: String?
    /// An SVG of the runs: every fit over the points for a 1-D regression set, the loss curves otherwise.
    public let plot: String?
    /// A folder for TensorBoard's event files, one sub-folder per run (`--tensorboard`).
    public let tensorboard: String?
    /// `--color` and `--theme`: the chart on a terminal in colour or not, for which background.
    public let appearance: Appearance
    /// Polled between epochs: a request stops every run after its epoch.
    public let interrupt: Interrupt

    /// Every field, so that a runner is never built with one forgotten.
    public init(
        preset: Preset, optimizers: [OptimizerKind]?, vary: String?, log: String?, plot: String?, tensorboard: String?,
        appearance: Appearance, interrupt: Interrupt
    ) {
        self.preset = preset; self.optimizers = optimizers; self.vary = vary; self.log = log; self.plot = plot
        self.tensorboard = tensorboard; self.appearance = appearance
        self.interrupt = interrupt
    }

    public func run() throws -> Int32 {
        try OutputFiles.check([("--log", log), ("--plot", plot)])
        if let tensorboard { try TensorBoardLog.check(folder: tensorboard) }
        let variation = try optimizers.map(Variation.optimizers) ?? vary.map(Variation.parse) ?? .presetList
        let specs = try Comparison.specs(base: preset, variation: variation)
        let data = try DataLoader.load(preset.data, output: preset.network.output, interrupt: interrupt)
        let trainers = try Comparison.trainers(specs, base: preset, data: data)
        Comparison.trainInParallel(trainers, threads: preset.training.resolvedThreads, interrupt: interrupt)
        let learned = trainers.contains { !$0.history.isEmpty }
        if let log, learned {
            let m = MetricsLog(path: log)
            for (s, t) in zip(specs, trainers) { for r in t.history { m.append(run: s.label, r) } }
            do { try m.flush() } catch { throw NNError.atRunTime(error) }
        }
        if let tensorboard, learned {
            do {
                for (s, t) in zip(specs, trainers) where !t.history.isEmpty {
                    let board = TensorBoardLog(folder: tensorboard, run: s.label, settings: try s.preset.yaml())
                    for r in t.history { board.append(r) }
                    try board.flush()
                }
            } catch { throw NNError.atRunTime(error) }
        }
        if let plot, learned {
            do { try Plot.write(plot, preset: preset, labels: specs.map(\.label), trainers: trainers) } catch {
                throw NNError.atRunTime(error)
            }
        }
        if isatty(STDOUT_FILENO) == 1 {
            let canvas = Canvas(width: 78, height: 14)
            let series = zip(specs, trainers).enumerated().map { (i, st) in
                ChartSeries(label: st.0.label, values: st.1.history.map(\.trainLoss), color: Palette.series(i))
            }
            LineChart(title: "training loss", series: series, logScale: true).draw(
                in: canvas, Rect(x: 0, y: 0, width: 78, height: 14))
            print(appearance.text(of: canvas, tty: true))
        }
        print(Self.table(specs: specs, trainers: trainers))
        if Console.readerGone(interrupt) { return Console.readerGoneExitCode }
        if interrupt.isRequested {
            Console.say(
                "interrupted (\(Interrupt.name(of: interrupt.received))) after epoch "
                    + "\(trainers.map(\.epoch).max() ?? 0)\(log != nil && learned ? "; log written" : "")."
            )
            return interrupt.exitCode
        }
        if let failure = Console.outputFailure() {
            Console.say("cannot write to standard output: \(failure).")
            return 1
        }
        return 0
    }

    /// The final table: run, setting, epochs, losses, accuracy, best epoch, time per
    /// epoch; the first two columns as wide as their longest entry.
    static func table(specs: [RunSpec], trainers: [Trainer]) -> String {
        let lw = max(12, (specs.map(\.label.count).max() ?? 0) + 1),
            sw = max(15, (specs.map(\.setting.count).max() ?? 0) + 1)
        var lines = [
            Format.pad("run", lw) + " " + Format.pad("setting", sw)
                + "   epoch  train_loss  val_loss  val_acc    best  90% at  s/epoch  state"
        ]
        for (s, t) in zip(specs, trainers) {
            let last = t.history.last
            let best = t.history.min { $0.monitoredLoss < $1.monitoredLoss }?.epoch
            let perEpoch = t.epoch > 0 ? t.seconds / Double(t.epoch) : 0
            lines.append(
                [
                    Format.pad(s.label, lw), Format.pad(s.setting, sw), Format.pad("\(t.epoch)", 7, right: true),
                    Format.pad(Format.value(last?.trainLoss), 11, right: true),
                    Format.pad(Format.value(last?.validationLoss), 9, right: true),
                    Format.pad(Format.percent(last?.validationAccuracy ?? last?.trainAccuracy), 8, right: true),
                    Format.pad(best.map(String.init) ?? "-", 7, right: true),
                    // the first epoch that reached 90% accuracy: who learns faster
                    Format.pad(
                        t.history.first { ($0.validationAccuracy ?? $0.trainAccuracy ?? 0) >= 0.9 }.map {
                            "\($0.epoch)"
                        } ?? "-", 7, right: true),
                    Format.pad(String(format: "%.4f", perEpoch), 8, right: true),
                    t.divergence != nil ? "diverged" : (t.isFinished ? "finished" : "stopped"),
                ].joined(separator: " "))
        }
        return lines.joined(separator: "\n")
    }
}
