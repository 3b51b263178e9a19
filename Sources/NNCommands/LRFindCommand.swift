import Foundation
import NNDrawing
import NNEngine
import NNFiles
import NNSession

/// `nntui lr-find`: the learning-rate range test on the preset's run (see
/// `LearningRateFinder`): a table of (lr, loss), a chart on a terminal, and the
/// suggestions; `--json` gives `{"suggested_lr": … (null when the loss did not fall),
/// "points": [{"lr": …, "loss": …}]}`.
public struct LRFindCommand {
    public let preset: Preset
    public let json: Bool
    /// Start from these weights (a checkpoint) instead of the seeded ones.
    public let load: String?
    public let interrupt: Interrupt
    /// `--color` and `--theme`: the chart on a terminal in colour or not, for which background.
    public let appearance: Appearance

    /// Every field, so that a runner is never built with one forgotten.
    public init(preset: Preset, json: Bool, load: String?, appearance: Appearance, interrupt: Interrupt) {
        self.preset = preset; self.json = json; self.load = load; self.appearance = appearance;
        self.interrupt = interrupt
    }

    public func run() throws -> Int32 {
        let data = try DataLoader.load(preset.data, output: preset.network.output, interrupt: interrupt)
        var weights: Network?
        if let load {
            let t = try Experiment.trainer(preset, data: data)
            if let note = try t.load(checkpoint: load) { Console.say(note) }
            weights = t.network
        }
        let result = try LearningRateFinder().run(preset, data: data, weights: weights, interrupt: interrupt)
        if json {
            struct Point: Encodable { var lr, loss, smoothed: Number }
            struct Report: Encodable {
                var suggested_lr, steepest_lr, minimum_lr_over_10: Number
                var optimizer: String
                var points: [Point]
            }
            print(
                JSONLine.encode(
                    Report(
                        suggested_lr: Number(result.suggested.map(Double.init)),
                        steepest_lr: Number(Double(result.steepest)),
                        minimum_lr_over_10: Number(Double(result.minimumOverTen)),
                        optimizer: preset.optimizer.kind.rawValue,
                        points: result.points.map {
                            Point(lr: Number(Double($0.lr)), loss: Number($0.loss), smoothed: Number($0.smoothed))
                        })))
            return 0
        }
        print(
            "learning-rate range test: \(preset.name), \(preset.optimizer.kind.rawValue), batch "
                + "\(preset.training.batch), "
                + "\(result.points.count) mini-batches from 1e-07 up")
        // the dashboard's chart: decades on x, the useful loss range on y, the suggestion marked
        let canvas = Canvas(width: 78, height: 15)
        var chart = LineChart(
            title: "smoothed loss against the learning rate (log)", label: "loss",
            values: result.points.map(\.smoothed), logX: result.points.map { Double($0.lr) }, color: .cyan)
        chart.yRange = result.usefulLossRange
        chart.draw(in: canvas, Rect(x: 0, y: 0, width: 78, height: 14))
        if let suggested = result.suggested,
            let x = chart.column(ofX: Double(suggested), in: Rect(x: 0, y: 0, width: 78, height: 14))
        {
            let mark = String(format: "▲ suggested %.3g", suggested)
            canvas.put(min(x, 78 - mark.count), 14, mark, Style(fg: .yellow, bold: true))
        }
        // colour on a terminal, plain text in a pipe or a file
        print(appearance.text(of: canvas, tty: isatty(STDOUT_FILENO) == 1))
        print("        lr      loss  smoothed")
        let stride = max(1, result.points.count / 24)
        for (i, p) in result.points.enumerated() where i % stride == 0 || i == result.points.count - 1 {
            print(String(format: "%10.3g %9.4g %9.4g", p.lr, p.loss, p.smoothed))
        }
        guard let suggested = result.suggested else {
            print(LearningRateFinder.noDescent)
            return 0
        }
        print(
            String(
                format: "steepest descent at lr %.3g; minimum / 10 at lr %.3g", result.steepest, result.minimumOverTen))
        print(String(format: "suggested: optimizer.lr=%.3g", suggested))
        return 0
    }
}
