import ArgumentParser
import Foundation
import NNCommands
import NNDrawing
import NNEngine
import NNFiles
import NNSession
import NNTUI

/// Options every command shares: the preset and dotted overrides.
struct PresetOptions: ParsableArguments {
    @Option(
        name: .long, help: ArgumentHelp("A built-in preset name or a YAML file.", valueName: "NAME|PATH"),
        completion: .custom { _, _, prefix in Completions.presets(prefix) })
    var preset: String = BuiltinPresets.defaultName

    @Option(
        name: .customLong("set"),
        help: ArgumentHelp(
            "Override a preset key, e.g. optimizer.lr=0.01 or network.layers=784,100,10 (repeatable).",
            valueName: "KEY=VALUE"),
        completion: .custom { _, _, prefix in Completions.keys(prefix) })
    var sets: [String] = []

    @Option(help: "The hidden layers' activation (network.activation).") var activation: ActivationKind?
    @Option(help: "The cost (network.cost; by default the one matched to the output).") var cost: Cost?
    @Option(name: .customLong("init"), help: "The weights' initialization (network.init).") var initializer:
        Initializer?
    @Option(help: "The optimizer (optimizer.name).") var optimizer: OptimizerKind?
    @Option(help: "The learning-rate schedule (schedule.name).") var schedule: ScheduleKind?

    /// The typed choices as the preset keys they set, applied after `--set`.
    var choices: [(key: String, value: String?)] {
        [
            ("network.activation", activation?.rawValue), ("network.cost", cost?.rawValue),
            ("network.init", initializer?.rawValue), ("optimizer.name", optimizer?.rawValue),
            ("schedule.name", schedule?.rawValue),
        ]
    }

    func load(epochs: Int? = nil, seed: UInt64? = nil) throws -> Preset {
        var p = try Preset.load(preset)
        try p.apply(sets: sets)
        for (key, value) in choices {
            if let value { try p.assign(key, value, at: "--" + key.split(separator: ".")[1]) }
        }
        if let epochs { try p.assign("training.epochs", "\(epochs)", at: "--epochs") }
        if let seed { p.training.seed = seed }
        return p
    }
}

/// `--color auto|always|never`: colour on a terminal (`auto` honours NO_COLOR);
/// `--theme auto|dark|light`: the terminal's background (`auto` reads COLORFGBG).
struct ColorOption: ParsableArguments {
    @Option(
        help: ArgumentHelp("Colour: auto (a terminal, unless NO_COLOR is set), always or never.", valueName: "WHEN"))
    var color: ColorMode = .auto
    @Option(
        help: ArgumentHelp(
            "The terminal's background: auto (from COLORFGBG, else dark), dark or light.", valueName: "THEME"))
    var theme: Theme = .auto

    var appearance: Appearance { Appearance(color: color, theme: theme) }
}

extension ColorMode: ExpressibleByArgument {}
extension Theme: ExpressibleByArgument {}
// the closed sets of the engine: `--help` lists their values and completion offers them
extension ActivationKind: ExpressibleByArgument {}
extension Cost: ExpressibleByArgument {}
extension Initializer: ExpressibleByArgument {}
extension OptimizerKind: ExpressibleByArgument {}
extension ScheduleKind: ExpressibleByArgument {}

/// `--optimizers sgd,adam`: a comma-separated list of optimizers, each a name of
/// `OptimizerKind` (completion offers them after each comma).
struct OptimizerList: ExpressibleByArgument {
    let kinds: [OptimizerKind]
    init?(argument: String) {
        let names = argument.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }.filter {
            !$0.isEmpty
        }
        let kinds = names.compactMap(OptimizerKind.init(rawValue:))
        guard kinds.count == names.count else { return nil }
        self.kinds = kinds
    }
    static var allValueStrings: [String] { OptimizerKind.allCases.map(\.rawValue) }
    static var defaultCompletionKind: CompletionKind { .custom { _, _, prefix in Completions.optimizers(prefix) } }
}

/// `--epochs N`: the run's length, over the preset's `training.epochs`.
struct EpochsOption: ParsableArguments {
    @Option(parsing: .unconditional, help: "Number of epochs (overrides training.epochs).") var epochs: Int?
}

/// `--json`: the command's output as JSON (docs/commands.md lists each command's keys).
struct JSONOption: ParsableArguments {
    @Flag(help: "Print JSON instead of text: one object (train: one per epoch, then a final one).") var json = false
}

/// `--tensorboard DIR`: TensorBoard event files of every run while it trains.
struct TensorBoardOption: ParsableArguments {
    @Option(
        help: ArgumentHelp(
            "Write TensorBoard event files (per-epoch losses, accuracies, rate; the settings as text) here.",
            valueName: "DIR"), completion: .directory)
    var tensorboard: String?
}

/// `--load FILE`: start from a checkpoint's weights instead of the seeded ones.
struct LoadOption: ParsableArguments {
    @Option(
        help: ArgumentHelp(
            "Start from these weights (a checkpoint from train --save, w, or train.py).", valueName: "FILE.safetensors")
    )
    var load: String?
}

/// ArgumentParser's message in one line: a list of choices (`\n  - sgd\n  - adam`) joined
/// with commas ("Please provide one of: sgd, adam").
func oneLine(_ message: String) -> String {
    let lines = message.split(separator: "\n")
    let choices = lines.filter { $0.hasPrefix("  - ") }.map { $0.dropFirst(4) }
    let text = lines.filter { !$0.hasPrefix("  - ") }.joined(separator: " ")
    guard !choices.isEmpty else { return text }
    let lead = text.replacingOccurrences(of: " the following:", with: "")
    return lead + (lead.hasSuffix(":") ? " " : ": ") + choices.joined(separator: ", ")
}

/// Turns a runner's exit code into ArgumentParser's exit.
func finish(_ code: Int32) throws { if code != 0 { throw ExitCode(code) } }

struct Nntui: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "nntui",
        abstract: "Train neural networks live in the terminal, exactly as backpropagation derives them.",
        discussion: """
            With no command, opens the dashboard on the default preset (spiral-tanh).
            Examples:
              nntui
              nntui --preset fashion-mnist
              nntui train --preset xor-sigmoid --log xor.csv
              nntui compare --preset optimizer-race --epochs 50
            Completion (bash, zsh, fish) and the manual page: 'make install PREFIX=~/.local'
            installs them; or 'source <(nntui --generate-completion-script bash)'.
            """,
        version: VersionText.line,
        subcommands: [
            Tui.self, Learn.self, Train.self, Compare.self, Summary.self, Gradcheck.self, Presets.self, Bench.self,
            Polyfit.self,
            Export.self, Watch.self, LRFind.self,
        ],
        defaultSubcommand: Tui.self)
}

struct Tui: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Open the dashboard (the default command).",
        discussion: """
            Keys (? in the dashboard lists them all):
            \(KeyMap.commandLineHelp)
            Examples:
              nntui
              nntui tui --preset lawrence-giles
              nntui --preset circle-relu --set optimizer.name=sgd
            """)
    @OptionGroup var options: PresetOptions
    @OptionGroup var start: LoadOption
    @OptionGroup var board: TensorBoardOption
    @Option(
        help: ArgumentHelp(
            "Comparisons (c) run each variant over seeds 1 to N (the set-up's seeds row starts here).",
            valueName: "N"))
    var seeds: Int = 1
    @Option(
        help: ArgumentHelp(
            "Open on a comparison: one preset key and its values (or A..B:log:N, A..B:lin:N); repeated: their "
                + "grid, with a heat map.",
            valueName: "KEY=V1,V2,..."))
    var vary: [String] = []
    @OptionGroup var colors: ColorOption
    func validate() throws {
        guard (1...SeedList.most).contains(seeds) else {
            throw ValidationError("--seeds \(seeds): a count of seeds is 1 to \(SeedList.most)")
        }
    }
    func run() throws {
        try finish(
            try Dashboard.run(
                preset: try options.load(), load: start.load, appearance: colors.appearance,
                tensorboard: board.tensorboard, seeds: seeds,
                compare: vary.isEmpty ? nil : try Variation.parse(vary: vary), interrupt: processInterrupt))
    }
}

struct Learn: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "The lecture as lessons in the dashboard: list them, or open one.",
        discussion: """
            With no lesson, lists the lessons (✓: completed). A lesson opens the dashboard
            paused on its set-up and its page; its panel ticks each step as you do it.
            Progress is kept in $XDG_STATE_HOME/nntui/progress.json (else ~/.local/state/nntui/).
            Examples:
              nntui learn
              nntui learn 4
              nntui learn my-lesson.yaml
              nntui learn --check          # every lesson's claims, over their seeds
              nntui learn --check 6
            """)
    @Argument(help: ArgumentHelp("A lesson number, or a lesson file (YAML, as in lessons/).", valueName: "N|PATH"))
    var lesson: String?
    @Flag(help: "Check the lessons' claims over their seeds (all, or the one named); exit 1 when one misses.")
    var check = false
    @Option(help: ArgumentHelp("With --check: at most this many epochs a run.", valueName: "N"))
    var checkEpochs: Int?
    @OptionGroup var colors: ColorOption
    func validate() throws {
        if let n = checkEpochs, !(1...Preset.big).contains(n) {
            throw ValidationError("--check-epochs \(n): expected a whole number of epochs, 1 or more")
        }
        if checkEpochs != nil && !check { throw ValidationError("--check-epochs goes with --check") }
    }
    func run() throws {
        if check {
            let lessons: [(Int?, Lesson)] =
                try lesson.map { [(Int($0), try Lesson.load($0))] }
                ?? Lesson.builtIn().enumerated().map { ($0.offset + 1, $0.element) }
            try finish(try CheckCommand(lessons: lessons, epochs: checkEpochs, interrupt: processInterrupt).run())
            return
        }
        let folder = LessonProgress.folder()
        let (progress, warning) =
            folder.map { LessonProgress.load(from: $0) } ?? (LessonProgress(), LessonProgress.notKept)
        if let warning { Console.say(warning) }
        guard let which = lesson else {
            print(Reports.lessons(try Lesson.builtIn(), completed: progress.completed), terminator: "")
            return
        }
        let l = try Lesson.load(which)
        let number = Int(which)
        try finish(
            try Dashboard.run(
                preset: l.preset, lesson: LessonRun(l, number: number), progress: folder, appearance: colors.appearance,
                interrupt: processInterrupt))
    }
}

struct Train: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Train headless: progress bar, CSV/JSON logs, safetensors checkpoints.",
        discussion: """
            Examples:
              nntui train --preset xor-sigmoid --quiet --log x.csv
              nntui train --preset fashion-mnist --epochs 3 --json
              nntui train --preset spiral-tanh --save spiral.safetensors
              nntui train --preset spiral-tanh --load spiral.safetensors --epochs 10
            Ctrl-C finishes the mini-batch, writes the log and checkpoint, and exits 130.
            """)
    @OptionGroup var options: PresetOptions
    @OptionGroup var length: EpochsOption
    @Option(parsing: .unconditional, help: "Seed of the weights and mini-batch order (overrides training.seed).")
    var seed: UInt64?
    @Option(help: ArgumentHelp("Write per-epoch metrics as CSV.", valueName: "FILE.csv")) var log: String?
    @OptionGroup var output: JSONOption
    @Option(help: ArgumentHelp("Save the trained weights.", valueName: "FILE.safetensors")) var save: String?
    @Option(
        name: .customLong("save-init"), help: ArgumentHelp("Save the initial weights.", valueName: "FILE.safetensors"))
    var saveInit: String?
    @OptionGroup var start: LoadOption
    @Flag(help: "Print nothing but errors.") var quiet = false
    @Option(
        help: ArgumentHelp("Draw the result as SVG: the fit for a 1-D curve, else the loss.", valueName: "FILE.svg"))
    var plot: String?
    @OptionGroup var board: TensorBoardOption

    func run() throws {
        let cmd = TrainCommand(
            preset: try options.load(epochs: length.epochs, seed: seed), log: log, json: output.json, save: save,
            saveInit: saveInit, load: start.load, quiet: quiet, plot: plot, tensorboard: board.tensorboard,
            interrupt: processInterrupt)
        try finish(try cmd.run())
    }
}

struct Compare: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Race optimizers (or any varied key) from identical starting weights.",
        discussion: """
            Examples:
              nntui compare --preset optimizer-race --epochs 5 --log race.csv
              nntui compare --optimizers sgd,adam --epochs 100
              nntui compare --vary optimizer.lr=0.3,0.1,0.03 --set optimizer.name=sgd
            """)
    @OptionGroup var options: PresetOptions
    @Option(help: ArgumentHelp("Optimizers to race, comma-separated.", valueName: "sgd,momentum,...")) var optimizers:
        OptimizerList?
    @Option(
        help: ArgumentHelp(
            "One preset key and its values, one run each (or A..B:log:N, A..B:lin:N); repeated: their product.",
            valueName: "KEY=V1,V2,..."))
    var vary: [String] = []
    @Option(
        help: ArgumentHelp(
            "Train every variant once per seed (N: seeds 1 to N; or FIRST-LAST, or a list) and report the spread.",
            valueName: "N|A-B|A,B,.."))
    var seeds: String?
    @Option(
        help: ArgumentHelp(
            "Report on a finished comparison's log (compare --log, or a sweep's) instead of training.",
            valueName: "LOG.csv"))
    var from: String?
    @OptionGroup var output: JSONOption
    @OptionGroup var length: EpochsOption
    @Option(help: ArgumentHelp("Write every run's per-epoch metrics as CSV.", valueName: "FILE.csv")) var log: String?
    @Option(
        help: ArgumentHelp("Draw the runs as SVG: every fit for a 1-D curve, else the losses.", valueName: "FILE.svg"))
    var plot: String?
    @OptionGroup var board: TensorBoardOption

    @OptionGroup var colors: ColorOption
    func run() throws {
        var cmd = CompareCommand(
            preset: try options.load(epochs: length.epochs),
            optimizers: optimizers?.kinds,
            vary: vary.isEmpty ? nil : vary, seeds: try seeds.map(SeedList.parse), json: output.json, log: log,
            plot: plot,
            tensorboard: board.tensorboard, appearance: colors.appearance, interrupt: processInterrupt)
        cmd.from = from
        try finish(try cmd.run())
    }
}

struct Summary: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Print the layer table and the parameter counts N_b, N_w.",
        discussion:
            "Examples:\n  nntui summary --set network.layers=784,100,10\n  nntui summary --preset vanishing-sigmoid")
    @OptionGroup var options: PresetOptions
    func run() throws { print(try Reports.summary(try options.load())) }
}

struct Gradcheck: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Check backprop against finite differences for every layer.",
        discussion:
            "Examples:\n  nntui gradcheck\n  nntui gradcheck --preset vanishing-sigmoid --set network.activation=swish")
    @OptionGroup var options: PresetOptions
    func run() throws {
        let (text, ok) = try Reports.gradcheck(try options.load())
        print(text)
        if !ok { throw ExitCode(1) }
    }
}

struct Presets: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "List the built-in presets and the files in ./presets.",
        discussion: "Example:\n  nntui presets")
    func run() throws { print(Reports.presets(), terminator: "") }
}

struct Bench: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Time training epochs: epoch time, samples/s, GFLOP/s against the sgemm peak.",
        discussion: """
            Examples:
              nntui bench --preset fashion-mnist
              nntui bench --preset fashion-mnist --set training.batch=32 --json
            """)
    @OptionGroup var options: PresetOptions
    @Option(parsing: .unconditional, help: "Timed epochs (after one warm-up epoch).") var epochs: Int = 3
    @OptionGroup var output: JSONOption
    func run() throws {
        guard epochs >= 1 else { throw NNError.input("--epochs: \(epochs) must be at least 1.") }
        try finish(try BenchCommand(preset: try options.load(), epochs: epochs, json: output.json).run())
    }
}

struct Polyfit: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "R's lm(y ~ poly(x, N)) on a 1-D data set: residuals and RMSEs.",
        discussion: """
            Fits the training points of a data set with one input and one target by least
            squares in R's orthogonal polynomial basis, in double precision, and prints each
            point's x, y, fitted value and residual, then the RMSE against the points and
            against the true curve (where the set has one).
            Examples:
              nntui polyfit --preset lawrence-giles --degree 15
              nntui polyfit --preset lawrence-giles --degree 15 --json
              nntui polyfit --preset sine-regression --degree 5 --plot sine.svg
            """)
    @OptionGroup var options: PresetOptions
    @Option(parsing: .unconditional, help: "Degree of the polynomial (default: data.degree, 15).") var degree: Int?
    @OptionGroup var output: JSONOption
    @Option(help: ArgumentHelp("Draw the points, the true curve and the polynomial as SVG.", valueName: "FILE.svg"))
    var plot: String?
    func run() throws {
        try finish(try PolyfitCommand(preset: try options.load(), degree: degree, json: output.json, plot: plot).run())
    }
}

struct Export: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Write the run as a PyTorch project: train.py (also under torchrun), weights, data, preset.",
        discussion: """
            DIR/train.py trains the same network with the same cost, optimizer, schedule,
            split and epochs in PyTorch, on a CPU, a GPU or many under torchrun; it logs
            nntui's CSV and saves final.safetensors with nntui's names.
            Examples:
              nntui export --preset spiral-tanh --out spiral-torch
              python spiral-torch/train.py --log torch.csv
              torchrun --nproc_per_node=2 spiral-torch/train.py
              nntui train --preset spiral-torch/preset.yaml --load spiral-torch/final.safetensors
            With --compare, --optimizers, --vary or --seeds, DIR holds a sweep instead: a
            trial per variant and seed under DIR/trials/, and DIR/sweep.py, which runs them
            on Ray Tune (this machine, or the cluster RAY_ADDRESS names) into one CSV log.
              nntui export --preset spiral-tanh --optimizers sgd,adam --seeds 8 --out sweep
              python sweep/sweep.py --log sweep.csv & nntui watch sweep.csv
              nntui compare --from sweep.csv
            """)
    @OptionGroup var options: PresetOptions
    @Option(help: ArgumentHelp("The folder to write (created if its parent exists).", valueName: "DIR")) var out: String
    @OptionGroup var length: EpochsOption
    @OptionGroup var start: LoadOption
    @Flag(help: "Export the preset's comparison (its compare: list) as a Ray sweep: a trial per variant and seed.")
    var compare = false
    @Option(help: ArgumentHelp("A sweep of these optimizers.", valueName: "sgd,momentum,...")) var optimizers:
        OptimizerList?
    @Option(
        help: ArgumentHelp(
            "A sweep of one preset key's values (or A..B:log:N, A..B:lin:N); repeated: their grid.",
            valueName: "KEY=V1,V2,..."))
    var vary: [String] = []
    @Option(
        help: ArgumentHelp(
            "A sweep's seeds: every variant once per seed (N: seeds 1 to N; or FIRST-LAST, or a list).",
            valueName: "N|A-B|A,B,.."))
    var seeds: String?
    func run() throws {
        let preset = try options.load(epochs: length.epochs)
        var sweep: (variation: Variation, seeds: [UInt64])?
        if compare || optimizers != nil || !vary.isEmpty || seeds != nil {
            sweep = (
                try Variation.named(optimizers: optimizers?.kinds, vary: vary),
                try seeds.map(SeedList.parse) ?? preset.comparisonSeeds
            )
        }
        try finish(
            try ExportCommand(preset: preset, out: out, load: start.load, sweep: sweep, interrupt: processInterrupt)
                .run())
    }
}

struct Watch: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract:
            "Follow metrics logs as they grow: nntui's CSV (from train, compare, an exported train.py, anyone) or "
            + "train --json lines.",
        discussion: """
            Every run of every file overlays as in compare mode, with a table of runs;
            a file with no new line for 60 s (--stall) is marked as stalled; a partial
            last line is waited for, a malformed one skipped and counted, a truncated
            or replaced file read again. q quits, l toggles the log scale.
            Examples:
              nntui watch torch.csv
              nntui watch run-a.csv run-b.csv
              nntui train --json > progress.jsonl & nntui watch progress.jsonl
            """)
    @Argument(help: ArgumentHelp("The logs to follow.", valueName: "LOG")) var logs: [String]
    @Option(parsing: .unconditional, help: "Seconds without a new line before a file is marked as stalled.") var stall:
        Double = 60
    func validate() throws {
        guard !logs.isEmpty else { throw ValidationError("name at least one log to watch.") }
    }
    @OptionGroup var colors: ColorOption
    func run() throws {
        guard stall > 0, stall.isFinite else {
            throw NNError.input("--stall: \(stall) must be a positive number of seconds.")
        }
        var options = WatchDashboard.Options()
        options.stallSeconds = stall
        try finish(
            try WatchDashboard.run(
                paths: logs, options: options, appearance: colors.appearance, interrupt: processInterrupt))
    }
}

struct LRFind: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "lr-find",
        abstract: "The learning-rate range test: loss against a rate growing from 1e-7 to 10, and a suggestion.",
        discussion: """
            From the preset's initial weights (or --load), 200 mini-batches with the
            rate growing exponentially, until the smoothed loss explodes; suggests
            the rate of the steepest descent (or the minimum's / 10), or nothing when
            the loss only rises. The run itself is not trained.
            Examples:
              nntui lr-find --preset fashion-mnist --set optimizer.name=sgd
              nntui lr-find --preset spiral-tanh --json
            """)
    @OptionGroup var options: PresetOptions
    @OptionGroup var output: JSONOption
    @OptionGroup var start: LoadOption
    @OptionGroup var colors: ColorOption
    func run() throws {
        try finish(
            try LRFindCommand(
                preset: try options.load(), json: output.json, load: start.load, appearance: colors.appearance,
                interrupt: processInterrupt
            ).run())
    }
}

// BLAS kernel (a re-exec, before anything else runs), BLAS threads, signals.
ProcessSetup.run()

// Errors: one sentence on stderr (never trapping, whatever stderr is); exit 2 for
// bad input, 1 for a failure at run time, 128 + N for signal N.
do {
    var command = try Nntui.parseAsRoot()
    try command.run()
    // a reader that stopped reading (`| head`) is no failure to speak of; a report that
    // never reached its reader otherwise is a failure, not success
    if Console.readerGone(processInterrupt) { exit(Console.readerGoneExitCode) }
    if let failure = Console.outputFailure() {
        Console.say("cannot write to standard output: \(failure).")
        exit(1)
    }
} catch let error as NNError {
    if case .interrupted(SIGPIPE, _) = error { exit(Console.readerGoneExitCode) }
    Console.say("\(error.description)")
    exit(error.exitCode)
} catch let error as ExitCode {
    exit(error.rawValue)
} catch {
    if Nntui.exitCode(for: error) == .success { Nntui.exit(withError: error) }
    Console.say("\(oneLine(Nntui.message(for: error))) (nntui help lists the commands and options).")
    exit(2)
}
