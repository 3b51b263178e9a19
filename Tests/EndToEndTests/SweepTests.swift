import Foundation
import TestSupport
import Testing

@testable import NNFiles

/// `nntui export` of a comparison as a Ray Tune sweep, run on a local Ray instance.
extension EndToEnd {
    @Suite struct SweepTests {
        /// 2 variants x 2 seeds, full batch: `nntui watch` follows the gathered log while
        /// the trials run, every trial's losses are nntui's own, and `compare --from`
        /// reads the finished sweep.
        @Test(Python.needed) func aSweepOnRayFindsNntuisLosses() throws {
            let dir = Binary.temporaryFolder()
            let settings = [
                "--preset", "xor-sigmoid", "--seeds", "2", "--set", "training.batch=full", "--epochs", "60",
            ]
            var r = try Binary.run(["export", "--out", "sweep"] + settings, in: dir)
            #expect(r.status == 0, "\(r.stderr)")
            let trials = try String(contentsOfFile: dir + "/sweep/sweep.json", encoding: .utf8)
            #expect(trials.contains("\"folder\" : \"trials/004\"") && trials.contains("\"variant\" : \"mse\""))
            // the sweep in the background; the watcher starts once the log has its header
            let python = Python.bin + "/python"
            let t = try Tmux(
                ["watch", "sweep.csv"], width: 120, height: 40, directory: dir,
                setup: "('\(python)' sweep/sweep.py --log sweep.csv > sweep.out 2>&1; echo SWEEP=$? >> sweep.out) & "
                    + "while [ ! -s sweep.csv ]; do sleep 0.1; done")
            let live = t.wait(timeout: 240) { $0.contains("bce seed 1") && $0.contains("mse seed 2") }
            #expect(live.contains("bce seed 1") && live.contains("mse seed 2"), "\(live)")
            let deadline = Date().addingTimeInterval(300)
            var out = ""
            while Date() < deadline {
                out = (try? String(contentsOfFile: dir + "/sweep.out", encoding: .utf8)) ?? ""
                if out.contains("SWEEP=") { break }
                Thread.sleep(forTimeInterval: 0.5)
            }
            t.send("q")
            #expect(out.contains("wrote sweep.csv: 4 trials") && out.contains("SWEEP=0"), "\(out)")
            // every trial's epochs against nntui's own comparison, run by run
            r = try Binary.run(["compare", "--log", "nntui.csv"] + settings, in: dir)
            #expect(r.status == 0, "\(r.stderr)")
            let ours = try ComparisonLog.read(dir + "/nntui.csv"), theirs = try ComparisonLog.read(dir + "/sweep.csv")
            #expect(ours.count == 4 && theirs.count == 4)
            var worst = 0.0
            for a in ours {
                let b = try #require(theirs.first { $0.variant == a.variant && $0.seed == a.seed })
                #expect(a.history.count == 60 && b.history.count == 60, "\(a.variant) seed \(a.seed)")
                for (x, y) in zip(a.history, b.history) {
                    worst = max(worst, abs(x.trainLoss - y.trainLoss) / max(abs(x.trainLoss), 1e-12))
                }
            }
            print("sweep on Ray: 4 trials x 60 epochs, largest relative difference from nntui \(worst)")
            #expect(worst <= 1e-3, "largest relative difference \(worst)")
            r = try Binary.run(["compare", "--from", "sweep.csv"], in: dir)
            #expect(r.status == 0 && r.stdout.contains("2 seeds (1-2)") && r.stdout.contains("sign test p ="))
        }

        /// What a sweep export refuses, before it writes anything.
        @Test func aSweepExportRefusesBeforeWriting() throws {
            let dir = Binary.temporaryFolder()
            try Binary.expectRefused(
                ["export", "--out", "s", "--vary", "optimizer.lr=1..2:lin:40", "--seeds", "30"], in: dir,
                saying: "40 variants x 30 seeds = 1200 trials is more than the 1000 one export writes")
            try Binary.expectRefused(
                ["export", "--out", "s", "--seeds", "2", "--load", "nothing.safetensors"], in: dir,
                saying: "--load: a sweep's trials start from their own seeds' weights")
            #expect(!FileManager.default.fileExists(atPath: dir + "/s"))
        }
    }
}
