import Foundation
import NNDrawing
import NNEngine
import NNFiles
import NNSession

/// `nntui compare`: trains every variant of a comparison once per seed on a pool of
/// threads, one per core (each run on one thread, so its result is bit-identical to
/// training it alone), prints a final table (over seeds: a row per variant, its spread
/// and the paired verdicts; on a terminal with a small overlaid loss chart) or JSON
/// lines, and logs one block of CSV rows per run with its variant and seed.
public struct CompareCommand {
    public let preset: Preset
    public let optimizers: [OptimizerKind]?
    /// Every `--vary`: one key's values, or (more than one) the grid of their product.
    public let vary: [String]?
    /// The training seeds every variant runs over; nil: the preset's `compare-seeds`
    /// (seeds 1 to N), or its own seed alone.
    public let seeds: [UInt64]?
    /// JSON lines instead of the table: every epoch, every run's end, every variant's
    /// spread, every verdict (docs/commands.md names the keys).
    public let json: Bool
    /// A finished comparison's log to report on instead of training (`--from`).
    public var from: String? = nil
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
        preset: Preset, optimizers: [OptimizerKind]?, vary: [String]?, seeds: [UInt64]?, json: Bool, log: String?,
        plot: String?, tensorboard: String?, appearance: Appearance, interrupt: Interrupt
    ) {
        self.preset = preset; self.optimizers = optimizers; self.vary = vary; self.log = log; self.plot = plot
        self.seeds = seeds; self.json = json
        self.tensorboard = tensorboard; self.appearance = appearance
        self.interrupt = interrupt
    }

    public func run() throws -> Int32 {
        if let from { return try report(from) }
        try OutputFiles.check([("--log", log), ("--plot", plot)])
        if let tensorboard { try TensorBoardLog.check(folder: tensorboard) }
        let variation = try Variation.named(optimizers: optimizers, vary: vary ?? [])
        let seedList = seeds ?? preset.comparisonSeeds
        let comparison = try SeededComparison(
            variants: try Comparison.specs(base: preset, variation: variation), seeds: seedList)
        let specs = comparison.runs
        let data = try DataLoader.load(preset.data, output: preset.network.output, interrupt: interrupt)
        let trainers = try Comparison.trainers(specs, base: preset, data: data)
        Comparison.trainInParallel(trainers, threads: preset.training.resolvedThreads, interrupt: interrupt)
        let learned = trainers.contains { !$0.history.isEmpty }
        if learned { try write(comparison, specs, trainers, variation) }
        if json {
            printJSON(comparison, specs, trainers)
        } else {
            if isatty(STDOUT_FILENO) == 1 { print(chart(specs, trainers)) }
            let results = trainers.map { SeededComparison.Result($0.history) }
            let summaries = comparison.variants.indices.map { comparison.summary($0, results) }
            if seedList.count == 1 {
                print(Self.table(specs: specs, trainers: trainers))
            } else {
                print(SeedReport.table(comparison, summaries))
                for v in comparison.verdicts(results) { print(v.sentence) }
            }
            if case .grid(let axes) = variation, axes.count == 2 { print(SeedReport.heatMap(axes, summaries)) }
        }
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

    /// `--from LOG`: the table and verdicts of a finished comparison (its log's runs,
    /// every variant at every seed), or its JSON lines.
    private func report(_ path: String) throws -> Int32 {
        let logged = try ComparisonLog.read(path)
        var variants: [String] = []
        for r in logged where !variants.contains(r.variant) { variants.append(r.variant) }
        let seeds = Set(logged.map(\.seed)).sorted()
        var byKey: [String: ComparisonLog.Run] = [:]
        for r in logged { byKey["\(r.seed) \(r.variant)"] = r }
        var runs: [ComparisonLog.Run] = []
        for v in variants {
            for s in seeds {
                guard let r = byKey["\(s) \(v)"] else {
                    throw NNError.input(
                        "\(path): variant \(v) has no run at seed \(s); a paired verdict needs every variant at "
                            + "every seed."
                    )
                }
                runs.append(r)
            }
        }
        let comparison = try SeededComparison(
            labels: variants, seeds: seeds)
        let results = runs.map { SeededComparison.Result($0.history) }
        if json {
            printOutcomes(comparison, results, seedOf: runs.map(\.seed))
        } else {
            print(SeedReport.table(comparison, variants.indices.map { comparison.summary($0, results) }))
            for v in comparison.verdicts(results) { print(v.sentence) }
        }
        return Console.outputFailure() == nil ? 0 : 1
    }

    /// The log (a row per epoch of every run, with its variant and seed), TensorBoard's
    /// files (a folder per run) and the plot (a grid of two keys: its heat map).
    private func write(
        _ comparison: SeededComparison, _ specs: [RunSpec], _ trainers: [Trainer], _ variation: Variation
    ) throws {
        let n = comparison.seeds.count
        do {
            if let log {
                let m = MetricsLog(path: log, seeded: true)
                for (i, (s, t)) in zip(specs, trainers).enumerated() {
                    let variant = comparison.variants[i / n].label
                    for r in t.history { m.append(run: s.label, r, variant: variant, seed: s.preset.training.seed) }
                }
                try m.flush()
            }
            if let tensorboard {
                for (s, t) in zip(specs, trainers) where !t.history.isEmpty {
                    let board = TensorBoardLog(folder: tensorboard, run: s.label, settings: try s.preset.yaml())
                    for r in t.history { board.append(r) }
                    try board.flush()
                }
            }
            if let plot {
                if case .grid(let axes) = variation, axes.count == 2 {
                    try Plot.write(plot, preset: preset, grid: axes, comparison: comparison, trainers: trainers)
                } else {
                    try Plot.write(
                        plot, preset: preset, comparison: comparison, labels: specs.map(\.label), trainers: trainers)
                }
            }
        } catch { throw NNError.atRunTime(error) }
    }

    /// The runs' training losses overlaid, for a terminal.
    private func chart(_ specs: [RunSpec], _ trainers: [Trainer]) -> String {
        let canvas = Canvas(width: 78, height: 14)
        let series = zip(specs, trainers).enumerated().map { (i, st) in
            ChartSeries(label: st.0.label, values: st.1.history.map(\.trainLoss), color: Palette.series(i))
        }
        LineChart(title: "training loss", series: series, logScale: true).draw(
            in: canvas, Rect(x: 0, y: 0, width: 78, height: 14))
        return appearance.text(of: canvas, tty: true)
    }

    /// `--json`: every run's epochs, then a final line per run, an aggregate line per
    /// variant and a line per verdict.
    private func printJSON(_ comparison: SeededComparison, _ specs: [RunSpec], _ trainers: [Trainer]) {
        let n = comparison.seeds.count
        for (i, (s, t)) in zip(specs, trainers).enumerated() {
            for r in t.history {
                print(
                    JSONLine.encode(
                        SeedReport.EpochJSON(
                            line: MetricsLog.Line(run: s.label, r), variant: comparison.variants[i / n].label,
                            seed: s.preset.training.seed)))
            }
        }
        printOutcomes(
            comparison, trainers.map { SeededComparison.Result($0.history) }, seedOf: specs.map(\.preset.training.seed))
    }

    /// The final line of every run, the aggregate line of every variant, the verdicts.
    private func printOutcomes(_ comparison: SeededComparison, _ results: [SeededComparison.Result], seedOf: [UInt64]) {
        let n = comparison.seeds.count
        for (i, r) in results.enumerated() {
            print(
                JSONLine.encode(
                    SeedReport.FinalJSON(
                        variant: comparison.variants[i / n].label, seed: seedOf[i], train_loss: Number(r.trainLoss),
                        val_loss: Number(r.validationLoss), val_acc: Number(r.validationAccuracy),
                        reached_at: r.reachedAt)))
        }
        for v in comparison.variants.indices {
            print(JSONLine.encode(SeedReport.AggregateJSON(comparison.summary(v, results))))
        }
        for v in comparison.verdicts(results) { print(JSONLine.encode(SeedReport.VerdictJSON(v))) }
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
