import Foundation
import TestSupport
import Testing

/// `nntui compare --seeds`: every variant over the seeds, a row per variant with its
/// spread, the paired verdict, JSON lines and a log with variant and seed columns.
extension EndToEnd {
    @Suite struct SeedsEndToEndTests {
        /// The lecture's point over 12 seeds: behind a sigmoid, cross-entropy reaches 90%
        /// before squared error at most seeds (measured: 11 of 12, one tie where neither does).
        @Test func xorSigmoidOverTwelveSeeds() throws {
            let dir = Binary.temporaryFolder()
            let r = try Binary.run(
                ["compare", "--preset", "xor-sigmoid", "--seeds", "12", "--log", "x.csv", "--plot", "x.svg"], in: dir)
            #expect(r.status == 0 && r.stderr.isEmpty, "\(r.stderr)")
            let lines = r.stdout.split(separator: "\n").map(String.init)
            #expect(lines.first?.hasPrefix("12 seeds (1-12), each variant from the same initial weights") == true)
            let bce = try #require(lines.first { $0.hasPrefix("bce ") }),
                mse = try #require(lines.first { $0.hasPrefix("mse ") })
            #expect(bce.contains(" of 12") && mse.contains(" of 12") && bce.contains("["), "\(r.stdout)")
            // from 8 seeds on, each variant's quartiles on a row of their own
            #expect(lines.filter { $0.contains("quartiles q1–q3") }.count == 2)
            let verdict = try #require(lines.last)
            let match = try #require(
                verdict.firstMatch(of: /^bce reached 90% before mse in (\d+) of 12 seeds.*; sign test p = [0-9.e-]+$/))
            #expect(Int(match.1)! >= 9, "\(verdict)")
            // the log: 24 runs, each with its variant and seed
            let log = try String(contentsOfFile: dir + "/x.csv", encoding: .utf8).split(separator: "\n")
            #expect(log.first == "run,epoch,step,lr,train_loss,train_acc,val_loss,val_acc,seconds,variant,seed")
            let runs = Set(log.dropFirst().map { $0.split(separator: ",").suffix(2).joined(separator: ",") })
            #expect(runs.count == 24 && runs.contains("bce,7") && runs.contains("mse,12"), "\(runs.sorted())")
            // the plot: a band and a median line per variant
            let svg = try String(contentsOfFile: dir + "/x.svg", encoding: .utf8)
            #expect(
                svg.components(separatedBy: "fill-opacity").count == 3 && svg.contains("bce training (median of 12)"))
            // the log alone gives the same table and verdict (compare --from: a finished sweep)
            let again = try Binary.run(["compare", "--from", "x.csv"], in: dir)
            #expect(again.status == 0, "\(again.stderr)")
            let reread = again.stdout.split(separator: "\n").map(String.init)
            func cells(_ line: String) -> [String] {
                Array(line.split(separator: "  ").map { $0.trimmingCharacters(in: .whitespaces) }.suffix(5))
            }
            #expect(reread.last == verdict)
            #expect(cells(try #require(reread.first { $0.hasPrefix("bce ") })) == cells(bce), "\(again.stdout)")
        }

        /// `--json`: a line per epoch with variant and seed, a final line per run, an
        /// aggregate line per variant, a verdict line; the keys docs/commands.md names.
        @Test func jsonLinesCarryVariantsSeedsAggregatesAndVerdicts() throws {
            let r = try Binary.run(["compare", "--preset", "xor-sigmoid", "--seeds", "2-4", "--epochs", "30", "--json"])
            #expect(r.status == 0, "\(r.stderr)")
            let objects = try r.stdout.split(separator: "\n").map {
                try #require(try JSONSerialization.jsonObject(with: Data($0.utf8)) as? [String: Any])
            }
            let epochs = objects.filter { $0["epoch"] != nil }
            #expect(epochs.count == 2 * 3 * 30)
            #expect(Set(epochs.map { "\($0["variant"]!) \($0["seed"]!)" }).count == 6)
            let finals = objects.filter { $0["final"] as? Bool == true }
            #expect(finals.count == 6 && finals.allSatisfy { $0.keys.contains("reached_at") && $0["val_acc"] != nil })
            let aggregates = objects.filter { $0["aggregate"] as? Bool == true }
            #expect(aggregates.map { $0["variant"] as? String } == ["bce", "mse"])
            for a in aggregates {
                #expect(a["seeds"] as? Int == 3)
                let acc = try #require(a["val_acc"] as? [String: Any])
                #expect(Set(acc.keys) == ["median", "min", "max", "q1", "q3"])
            }
            let verdicts = objects.filter { $0["verdict"] as? Bool == true }
            #expect(verdicts.count == 1)
            let v = try #require(verdicts.first)
            #expect(v["a"] as? String == "bce" && v["b"] as? String == "mse")
            #expect((v["a_better"] as! Int) + (v["b_better"] as! Int) + (v["ties"] as! Int) == 3 && v["p"] != nil)
        }

        /// Two `--vary`: a variant per pair of values, and the grid as a matrix of medians.
        @Test func aGridOfTwoKeysEndsWithItsHeatMap() throws {
            let dir = Binary.temporaryFolder()
            let r = try Binary.run(
                [
                    "compare", "--preset", "spiral-tanh", "--vary", "optimizer.lr=0.003..0.03:log:2",
                    "--vary", "network.activation=tanh,relu", "--seeds", "2", "--epochs", "5", "--plot", "grid.svg",
                ], in: dir)
            #expect(r.status == 0, "\(r.stderr)")
            let lines = r.stdout.split(separator: "\n").map(String.init)
            // a table row ends with how many seeds reached 90% (a verdict also starts with a variant)
            let rows = lines.filter { $0.hasPrefix("lr=0.003 activation=") || $0.hasPrefix("lr=0.03 activation=") }
            #expect(rows.filter { $0.hasSuffix(" of 2") }.count == 4, "\(r.stdout)")
            let at = try #require(
                lines.firstIndex(of: "median validation accuracy (rows: optimizer.lr, columns: network.activation)"))
            #expect(lines.count == at + 4, "\(r.stdout)")
            #expect(lines[at + 1].contains("tanh") && lines[at + 1].contains("relu"))
            #expect(lines[at + 2].hasPrefix("0.003") && lines[at + 3].hasPrefix("0.03") && lines[at + 3].hasSuffix("%"))
            // --plot draws the same grid: four coloured cells with their medians, the best outlined
            let svg = try String(contentsOfFile: dir + "/grid.svg", encoding: .utf8)
            #expect(svg.contains("spiral-tanh: median validation accuracy over 2 seeds"))
            #expect(svg.components(separatedBy: "stroke=\"white\"").count - 1 == 4)
            #expect(svg.contains("stroke=\"#d62728\"") && svg.contains(">relu<") && svg.contains(">0.003<"))
            let cells = lines[(at + 2)...].flatMap { $0.split(separator: " ").dropFirst() }
            for cell in cells { #expect(svg.contains(">\(cell)<"), "\(cell)") }
        }

        /// The dashboard opens on a grid (`--vary` twice): its heat map beside the race, `V`
        /// switching to the loss, `E` a variant's seeds as rows; a bad range is refused
        /// before the terminal is taken.
        @Test func theDashboardOpensOnAGridWithItsHeatMap() throws {
            let t = try Tmux(
                [
                    "--preset", "spiral-tanh", "--vary", "optimizer.name=sgd,adam", "--vary", "optimizer.lr=0.01,0.1",
                    "--seeds", "2", "--set", "training.epochs=8",
                ], width: 120, height: 40)
            var s = t.wait(timeout: 60) { $0.contains("median validation accuracy") && $0.contains("* best") }
            #expect(s.contains("variants over 2 seeds") && s.contains("name=adam lr=0.1"), "\(s)")
            t.send("V")
            s = t.show("median final validation loss")
            t.send("E")
            s = t.show("╰ seed 2")
            t.quit()
            try Binary.expectRefused(
                ["--vary", "optimizer.lr=0..1:log:3", "--vary", "optimizer.name=sgd,adam"],
                saying: "a range is A..B:log:N or A..B:lin:N")
        }

        /// The dashboard over seeds: `--seeds 4`, then `c` and enter race each variant
        /// over seeds 1 to 4; the table has a row a variant with its spread, the verdict
        /// under it, at 80x24 and at 120x40.
        @Test(arguments: [(80, 24), (120, 40)])
        func theDashboardRacesEachVariantOverTheSeeds(size: (Int, Int)) throws {
            let t = try Tmux.dashboard(["--preset", "xor-sigmoid", "--seeds", "4"], width: size.0, height: size.1)
            t.send("c")
            t.show("seeds 4: each variant over seeds 1 to 4, paired")
            t.send("Enter")
            let s = t.wait(timeout: 60) { $0.contains("variants over 4 seeds") && $0.contains("sign test p =") }
            let rows = s.split(separator: "\n").map(String.init)
            #expect(rows.contains { $0.contains("━ bce ") && $0.contains(" of 4") }, "\(s)")
            #expect(rows.contains { $0.contains("━ mse ") && $0.contains(" of 4") }, "\(s)")
            #expect(s.contains("bce ×4") && s.contains("mse ×4"), "\(s)")
            t.quit()
        }

        @Test func aSeedListThatIsNoneIsRefused() throws {
            for (seeds, why) in [
                ("0", "a count of seeds is 1 to 1000"), ("5-2", "a range is FIRST-LAST"),
                ("1,1", "a seed is named twice"), ("x", "'x' is not a seed"),
            ] {
                try Binary.expectRefused(["compare", "--seeds", seeds], saying: "--seeds \(seeds): \(why)")
            }
            try Binary.expectRefused(
                ["compare", "--vary", "optimizer.lr=1,2,3,4,5,6,7,8,9,10,11", "--seeds", "1000"],
                saying: "11 variants x 1000 seeds = 11000 runs is more than the 10000")
            try Binary.expectRefused(
                ["compare", "--vary", "optimizer.lr=0..1:log:3"], saying: "a range is A..B:log:N or A..B:lin:N")
            let dir = Binary.temporaryFolder()
            try "run,epoch,train_loss,variant,seed\na,1,0.5,a,1\nb,1,0.4,b,1\na,1,0.5,a,2\n"
                .write(toFile: dir + "/gap.csv", atomically: true, encoding: .utf8)
            try Binary.expectRefused(
                ["compare", "--from", "gap.csv"], in: dir,
                saying: "gap.csv: variant b has no run at seed 2; a paired verdict needs every variant at every seed.")
            try Binary.expectRefused(["compare", "--from", "/etc/hostname"], saying: "not a comparison's log")
        }
    }
}
