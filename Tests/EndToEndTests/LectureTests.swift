import Foundation
import TestSupport
import Testing

extension EndToEnd {
    /// The lecture's homework from the command line: its residual table, its sweep
    /// over hidden units, its plot, and its two observations.
    @Suite struct LectureTests {
        /// `polyfit` prints R's residuals of `lm(y ~ poly(x, 15))` on seed 12345.
        @Test func polyfitPrintsTheLecturesResidualTable() throws {
            let r = try Binary.run(["polyfit", "--preset", "lawrence-giles", "--degree", "15"])
            #expect(r.status == 0, "\(r.stderr)")
            let lines = r.stdout.split(separator: "\n").map(String.init)
            #expect(lines.first == "lm(y ~ poly(x, 15)) on lawrence-giles (seed 12345): 20 training points")
            #expect(lines[2].hasPrefix("  1    0.083333   -0.7555735   -0.7555736   1.53955e-07"), "\(lines[2])")
            #expect(lines[21].hasPrefix(" 20    1.000000   -0.7741706   -0.7743717   2.01113e-04"), "\(lines[21])")
            #expect(r.stdout.contains("RMSE against the points      0.0843694"))
            #expect(r.stdout.contains("RMSE against the true curve  7655.34  (99 grid points)"))

            let j = try Binary.run(["polyfit", "--preset", "lawrence-giles", "--degree", "15", "--json"])
            let o = try #require(try JSONSerialization.jsonObject(with: Data(j.stdout.utf8)) as? [String: Any])
            #expect(o["degree"] as? Int == 15)
            let points = try #require(o["points"] as? [[String: Double]])
            #expect(points.count == 20)
            let first = try #require(points.first?["residual"])
            #expect(abs(first - 1.5395515589930312e-07) < 1e-12)
            #expect(abs((o["rmse_truth"] as? Double ?? 0) - 7655.3372542444858) < 1e-3)
        }

        @Test func polyfitRefusesWhatItCannotFit() throws {
            let cases: [([String], String)] = [
                (
                    ["polyfit", "--preset", "lawrence-giles", "--degree", "20"],
                    "--degree 20: the 20 training points have 20 distinct x values, so the degree must be 0 to 19."
                ),
                (
                    ["polyfit", "--preset", "spiral-tanh"],
                    "polyfit needs one input and one regression target, but spiral has 2 feature(s) and class labels."
                ),
                (
                    ["polyfit", "--preset", "lawrence-giles", "--plot", "nodir/p.svg"],
                    "--plot nodir/p.svg: the folder nodir does not exist."
                ),
            ]
            for (args, want) in cases {
                let r = try Binary.run(args)
                #expect(r.status == 2 && r.stderr == "nntui: \(want)\n", "\(args): \(r.status) \(r.stderr)")
            }
        }

        /// The homework's sweep headless: three widths, one log, one plot with every curve.
        @Test func sweepOverHiddenUnitsLogsAndPlotsEveryWidth() throws {
            let dir = Binary.temporaryFolder()
            let r = try Binary.run(
                [
                    "compare", "--preset", "lawrence-giles", "--vary", "network.layers=1/5/1,1/20/1,1/100/1",
                    "--epochs", "3000", "--log", "sweep.csv", "--plot", "sweep.svg",
                ], in: dir)
            #expect(r.status == 0, "\(r.stderr)")
            for label in ["layers=1/5/1", "layers=1/20/1", "layers=1/100/1"] {
                #expect(r.stdout.contains(label), "\(r.stdout)")
            }
            let rows = try String(contentsOfFile: dir + "/sweep.csv", encoding: .utf8).split(separator: "\n")
            #expect(rows.count == 1 + 3 * 3000)
            let svg = try String(contentsOfFile: dir + "/sweep.svg", encoding: .utf8)
            #expect(svg.hasPrefix("<svg xmlns=\"http://www.w3.org/2000/svg\""))
            for text in ["true curve", "polynomial, degree 15", "1/5/1", "1/20/1", "1/100/1", "20 points"] {
                #expect(svg.contains(">\(text)</text>"), "legend lacks \(text)")
            }
            #expect(svg.components(separatedBy: "<circle").count - 1 == 20 + 1, "20 points and the legend's marker")
        }

        /// Squared error behind a sigmoid learns more slowly than cross-entropy (its
        /// delta[L] carries sigma'(z)); other pairs are refused, naming the allowed ones.
        @Test func squaredErrorBehindASigmoid() throws {
            let r = try Binary.run([
                "compare", "--preset", "xor-sigmoid", "--vary", "network.cost=bce,mse", "--epochs", "40",
            ])
            #expect(r.status == 0, "\(r.stderr)")
            let rows = r.stdout.split(separator: "\n").filter { $0.hasPrefix("bce ") || $0.hasPrefix("mse ") }
            #expect(rows.count == 2, "\(r.stdout)")
            let accuracy = rows.map { row in Double(row.split(separator: " ").first { $0.hasSuffix("%") }!.dropLast())!
            }
            #expect(accuracy[0] > accuracy[1], "bce \(accuracy[0])% should beat mse \(accuracy[1])% after 40 epochs")
            let g = try Binary.run(["gradcheck", "--preset", "xor-sigmoid", "--set", "network.cost=mse"])
            #expect(g.status == 0 && g.stdout.contains("PASS: backprop agrees"), "\(g.stdout)")
            let bad = try Binary.run(["train", "--preset", "xor-sigmoid", "--set", "network.cost=cross-entropy"])
            #expect(bad.status == 2)
            #expect(
                bad.stderr
                    == "nntui: network.cost: cross-entropy cannot follow a sigmoid output (allowed: auto, mse, bce).\n")
        }

        @Test func trainPlotsTheFitOfACurveAndTheLossOtherwise() throws {
            let dir = Binary.temporaryFolder()
            var r = try Binary.run(
                ["train", "--preset", "lawrence-giles", "--epochs", "2000", "--quiet", "--plot", "fit.svg"], in: dir)
            #expect(r.status == 0, "\(r.stderr)")
            let fit = try String(contentsOfFile: dir + "/fit.svg", encoding: .utf8)
            #expect(fit.contains(">network 1/5/1</text>") && fit.contains(">true curve</text>"))
            r = try Binary.run(
                ["train", "--preset", "xor-sigmoid", "--epochs", "20", "--quiet", "--plot", "loss.svg"], in: dir)
            #expect(r.status == 0, "\(r.stderr)")
            let loss = try String(contentsOfFile: dir + "/loss.svg", encoding: .utf8)
            #expect(loss.contains(">loss (binary cross-entropy)</text>") && loss.contains(">validation</text>"))
        }
    }
}
