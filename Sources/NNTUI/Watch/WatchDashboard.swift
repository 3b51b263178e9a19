import Foundation
import NNDrawing
import NNEngine
import NNFiles
import NNSession

/// `nntui watch LOG.csv [MORE …]`: the dashboard on logs written by anyone, followed
/// as they grow. Every run of every file overlays as in compare mode: a header line
/// per file (its epoch, last loss, a stall), the training loss, the validation
/// accuracy (or loss), and a table of runs. `q` quits, `l` toggles the log scale.
public enum WatchDashboard {
    /// What the screen shows, apart from the logs themselves.
    public struct Options {
        public var logScale = true
        /// A file that has had no new line for this long is marked as stalled.
        public var stallSeconds = 60.0
        public init() {}
    }

    /// Runs until `q`, `interrupt` or a lost terminal; returns the exit code.
    public static func run(
        paths: [String], options start: Options = Options(), appearance: Appearance = Appearance(),
        interrupt: Interrupt
    ) throws -> Int32 {
        for path in paths {
            var st = stat()
            if stat(path, &st) == 0 && st.st_mode & S_IFMT != S_IFREG {
                try InputFile.checkRegular(path, what: "log")
            }
        }
        let followers = paths.map(LogFollower.init(path:))
        for f in followers { f.poll() }
        let terminal = try Terminal(frameMilliseconds: 250, appearance: appearance)
        defer { terminal.restore() }
        var options = start
        var quit = false
        var lastDraw = 0.0
        var (width, height) = terminal.size
        terminal.draw(render(followers, width: width, height: height, options: options, now: LogFollower.now()))
        while !quit && !interrupt.isRequested && !terminal.lost {
            var changed = false
            switch terminal.readEvent() {
            case .key(let key):
                switch KeyMap.action(key, in: .watch) {
                case .quit?: quit = true
                case .toggleLogScale?: options.logScale.toggle(); changed = true
                default: break
                }
            case .resize(let w, let h): (width, height) = (w, h); changed = true
            default: break
            }
            for f in followers where f.poll() { changed = true }
            let now = LogFollower.now()
            // stall timers tick: redraw at least every second
            if changed || now - lastDraw >= 1 {
                lastDraw = now
                terminal.draw(render(followers, width: width, height: height, options: options, now: now))
            }
        }
        terminal.restore()
        if terminal.lost { return 128 + SIGHUP }
        return interrupt.isRequested ? interrupt.exitCode : 0
    }

    /// One followed run: its file, name and epochs.
    struct Run {
        var label: String
        var records: [EpochRecord]
    }

    /// Every run of every file; labelled `run` where names are unique, else `file:run`.
    static func runs(_ followers: [LogFollower]) -> [Run] {
        let all = followers.flatMap { f in f.runs.map { (file: PathText.name(of: f.path), run: $0) } }
        var count: [String: Int] = [:]
        for item in all { count[item.run.name, default: 0] += 1 }
        return all.map { item in
            Run(
                label: count[item.run.name] == 1 ? item.run.name : "\(item.file):\(item.run.name)",
                records: item.run.records)
        }
    }

    /// The most runs the charts draw: more are listed in the table's count, not drawn
    /// (20,000 runs in one file would take seconds a frame and show nothing readable).
    static let chartedRuns = 64

    /// The screen at `width x height`.
    public static func render(_ followers: [LogFollower], width: Int, height: Int, options: Options, now: Double)
        -> Canvas
    {
        let canvas = Canvas(width: width, height: height)
        guard width >= 60, height >= 16 else {
            canvas.put(0, 0, "enlarge the terminal (at least 60x16)", .bold, maxWidth: width)
            return canvas
        }
        let allRuns = Self.runs(followers), runs = Array(allRuns.prefix(chartedRuns))
        let drawn = allRuns.count > runs.count ? " (charts: the first \(runs.count))" : ""
        let quit = KeyMap.key(for: .quit), log = KeyMap.key(for: .toggleLogScale)
        let files =
            "\(followers.count) file\(followers.count == 1 ? "" : "s"), \(allRuns.count) "
            + "run\(allRuns.count == 1 ? "" : "s")"
        canvas.put(
            0, 0,
            Format.fitting(
                [
                    "nntui watch · \(files)\(drawn)   \(quit) quit · \(log) log scale "
                        + "\(options.logScale ? "on" : "off")",
                    "nntui watch   \(quit) quit · \(log) log scale",
                ], width), .bold, maxWidth: width)
        let fileLines = drawFiles(followers, canvas, width: width, height: height, options: options, now: now)
        let top = 1 + fileLines
        let tableHeight = min(runs.count + 3, (height - top) / 3 + 1)
        let body = Rect(x: 0, y: top, width: width, height: height - top - tableHeight)
        let table = Rect(x: 0, y: height - tableHeight, width: width, height: tableHeight)
        drawCharts(runs, canvas, body, logScale: options.logScale)
        drawTable(allRuns, canvas, table)
        return canvas
    }

    /// A line per file, as many as fit in a quarter of the screen (the last of them says
    /// how many more files there are when not all fit), a stalled one marked; the lines used.
    static func drawFiles(
        _ followers: [LogFollower], _ canvas: Canvas, width: Int, height: Int, options: Options,
        now: Double
    ) -> Int {
        let fileLines = min(followers.count, max(2, height / 4))
        let shownFiles = followers.count > fileLines ? fileLines - 1 : fileLines
        for (k, f) in followers.prefix(shownFiles).enumerated() {
            canvas.put(0, 1 + k, fileLine(f, now: now, width: width), f.problem != nil ? .dim : .plain, maxWidth: width)
            // a finished file is done, not stalled
            if let last = f.lastLine, now - last >= options.stallSeconds, f.problem == nil, !f.isFinished {
                let stall = "no new line for \(Int(now - last)) s"
                canvas.put(max(0, width - stall.count), 1 + k, stall, Style(fg: .yellow, bold: true))
            }
        }
        if shownFiles < followers.count {
            canvas.put(0, 1 + shownFiles, "… and \(followers.count - shownFiles) more files", .dim, maxWidth: width)
        }
        return fileLines
    }

    /// Each run's training loss (its validation loss in a dimmer shade of its colour),
    /// and its accuracy (or validation loss) beside.
    static func drawCharts(_ runs: [Run], _ canvas: Canvas, _ body: Rect, logScale: Bool) {
        let width = body.width
        let (left, right) = body.splitLeft(width * 3 / 5)
        let hasValidation = runs.contains { $0.records.contains { $0.validationLoss != nil } }
        let li = Panel.draw(
            canvas, left, title: hasValidation ? "loss: training, validation (dimmer)" : "training loss")
        var losses: [ChartSeries] = []
        for (i, run) in runs.enumerated() {
            losses.append(ChartSeries(label: run.label, values: run.records.map(\.trainLoss), color: Palette.series(i)))
            if run.records.contains(where: { $0.validationLoss != nil }) {
                var val = ChartSeries(
                    label: run.label + " val", values: run.records.map { $0.validationLoss ?? .nan },
                    color: Palette.series(i).dimmed(0.55))
                val.legendValue = run.records.last?.validationLoss
                losses.append(val)
            }
        }
        LineChart(title: "loss", series: losses, logScale: logScale).draw(in: canvas, li)
        let classification = runs.contains { $0.records.contains { $0.trainAccuracy != nil } }
        let split = hasValidation ? "validation" : "training"
        let ri = Panel.draw(canvas, right, title: classification ? "\(split) accuracy" : "\(split) loss")
        var chart = LineChart(
            title: "",
            series: runs.enumerated().map { i, run in
                ChartSeries(
                    label: run.label,
                    values: run.records.map { r in
                        (classification
                            ? (hasValidation ? r.validationAccuracy : r.trainAccuracy)
                            : (hasValidation ? r.validationLoss : r.trainLoss)) ?? .nan
                    }, color: Palette.series(i))
            })
        chart.showLegend = false
        chart.draw(in: canvas, ri)
    }

    /// `file  epoch N  loss X  val_acc Y`, or why the file cannot be read yet.
    static func fileLine(_ f: LogFollower, now: Double, width: Int) -> String {
        let name = PathText.name(of: f.path)
        if let problem = f.problem { return "○ \(name): \(problem)" }
        let skipped = f.malformed > 0 ? "\(f.malformed) malformed line\(f.malformed == 1 ? "" : "s") skipped" : ""
        guard let last = f.runs.lazy.compactMap({ $0.records.last }).max(by: { $0.epoch < $1.epoch }) else {
            return "○ \(name): no rows yet" + (skipped.isEmpty ? "" : " · " + skipped)
        }
        var items: [(String, Int)] = [
            ("● \(name)", 0), ("epoch \(last.epoch)", 0), ("loss \(Format.value(last.trainLoss))", 1),
        ]
        if let a = last.validationAccuracy ?? last.trainAccuracy { items.append(("acc \(Format.percent(a))", 2)) }
        if f.runs.count > 1 { items.append(("\(f.runs.count) runs", 3)) }
        if !skipped.isEmpty { items.append((skipped, 1)) }
        if f.isFinished { items.append(("✓ finished", 0)) }
        return Format.prioritized(items.map { (text: $0.0, priority: $0.1) }, width - 24, separator: "  ")
    }

    static func drawTable(_ runs: [Run], _ canvas: Canvas, _ r: Rect) {
        let inner = Panel.draw(canvas, r, title: "runs")
        canvas.put(
            inner.x, inner.y,
            "  " + Format.pad("run", 22) + Format.pad("epoch", 7) + Format.pad("train", 9) + Format.pad("val", 9)
                + Format.pad("acc", 8) + Format.pad("best", 6) + "s/epoch", .dim, maxWidth: inner.width)
        let rows = max(inner.height - 1, 0)
        for (i, run) in runs.prefix(rows).enumerated() {
            let last = run.records.last
            let best = run.records.min { $0.monitoredLoss < $1.monitoredLoss }?.epoch
            let perEpoch = (last?.epoch ?? 0) > 0 ? (last?.seconds ?? 0) / Double(last!.epoch) : 0
            let text =
                "  " + Format.pad(run.label, 22) + Format.pad("\(last?.epoch ?? 0)", 7)
                + Format.pad(Format.value(last?.trainLoss), 9)
                + Format.pad(Format.value(last?.validationLoss), 9)
                + Format.pad(Format.percent(last?.validationAccuracy ?? last?.trainAccuracy), 8)
                + Format.pad(best.map(String.init) ?? "-", 6) + String(format: "%.4f", perEpoch)
            canvas.put(inner.x, inner.y + 1 + i, text, .plain, maxWidth: inner.width)
            if i < chartedRuns { canvas.set(inner.x, inner.y + 1 + i, "━", Style(fg: Palette.series(i), bold: true)) }
        }
    }
}
