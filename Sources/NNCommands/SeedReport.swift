import Foundation
import NNDrawing
import NNEngine
import NNFiles
import NNSession

/// A comparison over seeds in words and in JSON: a row per variant (median [min–max],
/// quartiles from 8 seeds on, how many seeds reached the threshold) and the verdicts.
enum SeedReport {
    /// `q1–q3` of a spread.
    static func quartiles(_ s: Spread?, _ text: (Double) -> String) -> String {
        s.map { "\(text($0.q1))–\(text($0.q3))" } ?? "-"
    }

    /// The table: a row per variant, with its quartiles on a second row from 8 seeds on.
    static func table(_ c: SeededComparison, _ summaries: [SeededComparison.Summary]) -> String {
        let loss = { (x: Double) in Format.value(x, digits: 3) }
        let percent = { (x: Double) in Format.percent(x) }
        let range = SeededComparison.rangeText, epoch = SeededComparison.epochText
        let threshold = "\(Int(SeededComparison.threshold * 100))% at"
        var head = ["variant", "setting", "train_loss", "val_loss", "val_acc", threshold, "reached"]
        var rows: [[String]] = []
        for (v, s) in zip(c.variants, summaries) {
            rows.append([
                s.label, v.setting, range(s.trainLoss, loss), range(s.validationLoss, loss),
                range(s.validationAccuracy, percent), range(s.reachedAt, epoch),
                s.classification ? "\(s.reached) of \(s.seeds)" : "-",
            ])
            if s.seeds >= 8 {
                rows.append([
                    "", "  quartiles q1–q3", quartiles(s.trainLoss, loss), quartiles(s.validationLoss, loss),
                    quartiles(s.validationAccuracy, percent), quartiles(s.reachedAt, epoch), "",
                ])
            }
        }
        // a grid's variants are named by their settings: one column says it
        if zip(c.variants, summaries).allSatisfy({ $0.setting == $1.label }) {
            head.remove(at: 1)
            rows = rows.map {
                var r = $0; r[0] = r[0].isEmpty ? r[1] : r[0]; r.remove(at: 1); return r
            }
        }
        let widths = head.indices.map { i in ([head[i]] + rows.map { $0[i] }).map(TerminalText.width).max() ?? 0 }
        func line(_ cells: [String]) -> String {
            let text = cells.indices.map { Format.pad(cells[$0], widths[$0]) }.joined(separator: "  ")
            return String(text.reversed().drop { $0 == " " }.reversed())
        }
        let seeds = c.seeds.count == 1 ? "seed \(c.seeds[0])" : "\(c.seeds.count) seeds (\(seedText(c.seeds)))"
        return
            (["\(seeds), each variant from the same initial weights at each seed; median [min–max]", line(head)]
            + rows.map(line)).joined(separator: "\n")
    }

    /// A grid of two keys as a heat map's model: rows the first key's values, columns
    /// the second's, each cell `measure` over the seeds.
    static func heatMap(_ axes: [Variation.Axis], _ summaries: [SeededComparison.Summary], _ measure: GridMeasure)
        -> HeatMap?
    {
        guard axes.count == 2, summaries.count == axes[0].values.count * axes[1].values.count else { return nil }
        return HeatMap(
            title: "\(measure.rawValue) over \(summaries.first?.seeds ?? 1) seeds", rowKey: axes[0].key,
            columnKey: axes[1].key, rows: axes[0].values, columns: axes[1].values, values: summaries.map(measure.value),
            percent: measure == .accuracy, higherIsBetter: measure.higherIsBetter)
    }

    /// A grid of two keys as a matrix of text: rows the first key's values, columns the
    /// second's, each cell the median validation accuracy (classes) or final validation
    /// loss over the seeds.
    static func heatMap(_ axes: [Variation.Axis], _ summaries: [SeededComparison.Summary]) -> String {
        let measure = GridMeasure.first(classification: summaries.contains { $0.classification })
        guard let map = heatMap(axes, summaries, measure) else { return "" }
        let rows = map.rows.indices.map { i in
            [map.rows[i]] + map.columns.indices.map { j in map.texts[i * map.columns.count + j] }
        }
        let table = [[""] + map.columns] + rows
        let widths = table[0].indices.map { k in table.map { TerminalText.width($0[k]) }.max() ?? 0 }
        let lines = table.map { r in
            r.indices.map { Format.pad(r[$0], widths[$0], right: $0 > 0) }.joined(separator: "  ")
        }
        return (["\(measure.rawValue) (rows: \(map.rowKey), columns: \(map.columnKey))"] + lines).joined(
            separator: "\n")
    }

    /// `1-12`, or the seeds listed.
    static func seedText(_ seeds: [UInt64]) -> String {
        if let first = seeds.first, seeds == Array(first...(first + UInt64(seeds.count - 1))) {
            return "\(first)-\(first + UInt64(seeds.count - 1))"
        }
        return seeds.map(String.init).joined(separator: ",")
    }

    /// A spread as JSON: `median`, `min`, `max`, `q1`, `q3` (null without values).
    struct SpreadJSON: Encodable {
        var median, min, max, q1, q3: Number
        init(_ s: Spread?) {
            median = Number(s?.median); min = Number(s?.min); max = Number(s?.max)
            q1 = Number(s?.q1); q3 = Number(s?.q3)
        }
    }

    /// A run's last line: `"final": true`, its variant and seed, and what it came to.
    struct FinalJSON: Encodable {
        var final = true
        var variant: String
        var seed: UInt64
        var train_loss, val_loss, val_acc: Number
        var reached_at: Int?

        func encode(to encoder: Encoder) throws {
            var c = encoder.container(keyedBy: Key.self)
            try c.encode(final, forKey: .final); try c.encode(variant, forKey: .variant);
            try c.encode(seed, forKey: .seed)
            try c.encode(train_loss, forKey: .train_loss); try c.encode(val_loss, forKey: .val_loss)
            try c.encode(val_acc, forKey: .val_acc)
            // null, not absent, for a run that never reached the threshold
            if let reached_at {
                try c.encode(reached_at, forKey: .reached_at)
            } else {
                try c.encodeNil(forKey: .reached_at)
            }
        }
        enum Key: String, CodingKey { case final, variant, seed, train_loss, val_loss, val_acc, reached_at }
    }

    /// A variant's line: `"aggregate": true`, its seeds, the spreads and the count reached.
    struct AggregateJSON: Encodable {
        var aggregate = true
        var variant: String
        var seeds: Int
        var train_loss, val_loss, val_acc, reached_at: SpreadJSON
        var reached: Int
        init(_ s: SeededComparison.Summary) {
            variant = s.label; seeds = s.seeds; reached = s.reached
            train_loss = SpreadJSON(s.trainLoss); val_loss = SpreadJSON(s.validationLoss)
            val_acc = SpreadJSON(s.validationAccuracy); reached_at = SpreadJSON(s.reachedAt)
        }
    }

    /// A verdict's line: `"verdict": true`, the two variants, the counts and `p`.
    struct VerdictJSON: Encodable {
        var verdict = true
        var a, b: String
        var a_better, b_better, ties: Int
        var p: Number
        init(_ v: SeededComparison.Verdict) {
            a = v.a; b = v.b; a_better = v.aBetter; b_better = v.bBetter; ties = v.ties; p = Number(v.p)
        }
    }

    /// An epoch's line of a run: the log's keys plus `variant` and `seed`.
    struct EpochJSON: Encodable {
        var line: MetricsLog.Line
        var variant: String
        var seed: UInt64
        func encode(to encoder: Encoder) throws {
            try line.encode(to: encoder)
            var c = encoder.container(keyedBy: Key.self)
            try c.encode(variant, forKey: .variant)
            try c.encode(seed, forKey: .seed)
        }
        enum Key: String, CodingKey { case variant, seed }
    }
}
