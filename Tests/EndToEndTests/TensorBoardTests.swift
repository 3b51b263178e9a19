import Foundation
import TestSupport
import Testing

/// TensorBoard's event files, from nntui and from the exported train.py, read back by
/// TensorBoard's own event reader in the test venv.
extension EndToEnd {
    @Suite struct TensorBoardTests {
        /// Prints, per run folder under argv[1], its scalar tags with (step, value)
        /// pairs and its text tags, as one JSON object.
        static let reader = """
            import json, os, sys
            from tensorboard.backend.event_processing.event_accumulator import EventAccumulator
            out = {}
            for run in sorted(os.listdir(sys.argv[1])):
                ea = EventAccumulator(os.path.join(sys.argv[1], run)); ea.Reload()
                out[run] = {"scalars": {t: [[e.step, e.value] for e in ea.Scalars(t)] for t in ea.Tags()["scalars"]},
                            "tensors": ea.Tags()["tensors"]}
            print(json.dumps(out))
            """

        static func read(_ folder: String, in dir: String) throws -> [String: Any] {
            try reader.write(toFile: dir + "/read_events.py", atomically: true, encoding: .utf8)
            let r = try Python.run("python", ["read_events.py", folder], in: dir)
            #expect(r.status == 0, "\(r.stderr)")
            return (try JSONSerialization.jsonObject(with: Data(r.stdout.utf8)) as? [String: Any]) ?? [:]
        }

        /// `train --tensorboard`, `compare --tensorboard` and train.py's `--tensorboard`
        /// write every epoch's scalars and the settings; the full-batch run's training
        /// loss is the same in nntui's events and torch's.
        @Test(Python.needed) func eventFilesReadBackInTensorBoard() throws {
            let dir = Binary.temporaryFolder()
            var r = try Binary.run(
                ["export", "--preset", "xor-sigmoid", "--set", "training.batch=full", "--epochs", "15", "--out", "ex"],
                in: dir)
            #expect(r.status == 0, "\(r.stderr)")
            r = try Binary.run(["train", "--preset", "ex/preset.yaml", "--quiet", "--tensorboard", "tb"], in: dir)
            #expect(r.status == 0, "\(r.stderr)")
            r = try Python.run("python", ["ex/train.py", "--tensorboard", "torch"], in: dir)
            #expect(r.status == 0, "\(r.stderr)")
            r = try Binary.run(
                ["compare", "--preset", "xor-sigmoid", "--epochs", "5", "--tensorboard", "race"], in: dir)
            #expect(r.status == 0, "\(r.stderr)")
            let nntui = try #require(try Self.read("tb", in: dir)["xor-sigmoid"] as? [String: Any])
            let torch = try #require(try Self.read("torch", in: dir)["xor-sigmoid"] as? [String: Any])
            let race = try Self.read("race", in: dir)
            #expect(race.keys.sorted() == ["bce", "mse"], "\(race.keys)")
            for run in [nntui, torch] {
                let scalars = run["scalars"] as? [String: [[Double]]] ?? [:]
                #expect(
                    Set(scalars.keys) == [
                        "loss/train", "learning_rate", "loss/validation", "accuracy/train", "accuracy/validation",
                    ], "\(scalars.keys)")
                #expect(scalars["loss/train"]?.map { Int($0[0]) } == Array(1...15))
                #expect(run["tensors"] as? [String] == ["settings/text_summary"])
            }
            let a = (nntui["scalars"] as? [String: [[Double]]])?["loss/train"] ?? []
            let b = (torch["scalars"] as? [String: [[Double]]])?["loss/train"] ?? []
            let apart = zip(a, b).map { abs($0[1] - $1[1]) / abs($0[1]) }.max() ?? .infinity
            #expect(apart < 1e-3, "nntui \(a) torch \(b)")
        }

        /// The dashboard writes its runs while they train; a reset goes on in a new run
        /// folder, so the first run's curve stays whole.
        @Test(Python.needed) func theDashboardWritesItsRuns() throws {
            let t = try Tmux(["--tensorboard", "tb"], width: 120, height: 40)
            _ = t.wait { (Tmux.epoch($0) ?? 0) > 8 }
            t.send("r")
            _ = t.wait(timeout: 10) { (Tmux.epoch($0) ?? 99) < 8 }
            _ = t.wait { (Tmux.epoch($0) ?? 0) > 3 }
            t.quit()
            let runs = try Self.read("tb", in: t.directory)
            #expect(runs.keys.sorted() == ["spiral-tanh", "spiral-tanh-2"], "\(runs.keys)")
            let first =
                ((runs["spiral-tanh"] as? [String: Any])?["scalars"] as? [String: [[Double]]])?["loss/train"] ?? []
            #expect(first.count > 8 && first.map { Int($0[0]) } == Array(1...first.count), "\(first.map { $0[0] })")
        }

        @Test func aFileIsNoFolder() throws {
            let dir = Binary.temporaryFolder()
            try "x".write(toFile: dir + "/f", atomically: true, encoding: .utf8)
            let r = try Binary.run(["train", "--epochs", "1", "--tensorboard", "f"], in: dir)
            #expect(r.status == 2 && r.stderr == "nntui: --tensorboard f: is a file, not a folder.\n", "\(r.stderr)")
        }
    }
}
