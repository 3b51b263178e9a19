import Foundation
import TestSupport
import Testing

@testable import NNEngine
@testable import NNFiles
@testable import NNSession

/// `nntui watch` in a real terminal on logs that grow, break, stall and are replaced.
extension EndToEnd {
    @Suite struct WatchTests {
        func append(_ text: String, to path: String) throws {
            if !FileManager.default.fileExists(atPath: path) {
                FileManager.default.createFile(atPath: path, contents: nil)
            }
            let h = try FileHandle(forWritingTo: URL(fileURLWithPath: path))
            try h.seekToEnd()
            try h.write(contentsOf: Data(text.utf8))
            try h.close()
        }

        func rows(_ run: String, _ epochs: ClosedRange<Int>) -> String {
            epochs.map {
                "\(run),\($0),\($0 * 10),0.1,\(String(format: "%.4f", 2.0 / Double($0))),0.\($0),,,\(Double($0) / 10)\n"
            }.joined()
        }

        @Test func watchFollowsLogsAsTheyGrow() throws {
            let dir = Binary.temporaryFolder()
            try append(MetricsLog.header + "\n" + rows("alpha", 1...3), to: dir + "/a.csv")
            let t = try Tmux(["watch", "--stall", "3", "a.csv", "b.csv"], width: 100, height: 30, directory: dir)
            var s = t.wait { $0.contains("● a.csv  epoch 3") }
            #expect(s.contains("○ b.csv: no such file (yet)"), "\(s)")
            // rows arrive, one partial and one malformed
            try append(rows("alpha", 4...6) + "x,y\nalpha,7,70,0.1,0.3", to: dir + "/a.csv")
            s = t.wait { $0.contains("epoch 6") && $0.contains("1 malformed line skipped") }
            #expect(s.contains("epoch 6") && !s.contains("epoch 7"), "\(s)")
            try append(",0.7,,,0.7\n", to: dir + "/a.csv")
            s = t.wait { $0.contains("● a.csv  epoch 7") }
            // a second file, then a stall
            try append(MetricsLog.header + "\n" + rows("beta", 1...2), to: dir + "/b.csv")
            s = t.wait { $0.contains("● b.csv  epoch 2") && $0.contains("beta") }
            #expect(s.contains("2 files") || s.contains("2 runs"), "\(s)")
            s = t.wait(timeout: 10) { $0.contains("no new line for") }
            #expect(s.contains("no new line for"), "\(s)")
            // a.csv replaced by a new run: read again, as a normal thing (no warning)
            try (MetricsLog.header + "\n" + rows("gamma", 1...4)).write(
                toFile: dir + "/a.csv", atomically: true, encoding: .utf8)
            s = t.wait { $0.contains("gamma") }
            #expect(s.contains("gamma") && !s.contains("alpha") && !s.contains("re-read"), "\(s)")
            t.send("q")
            s = t.wait { Tmux.number(after: "EXIT=", in: $0) != nil }
            #expect(s.contains("EXIT=0"), "\(s)")
        }

        @Test func watchFitsEightyByTwentyFour() throws {
            let dir = Binary.temporaryFolder()
            var r = try Binary.run(
                ["compare", "--optimizers", "sgd,adam", "--epochs", "20", "--log", "race.csv"], in: dir)
            #expect(r.status == 0)
            r = try Binary.run(["train", "--epochs", "20", "--json"], in: dir)
            try r.stdout.write(toFile: dir + "/run.jsonl", atomically: true, encoding: .utf8)
            let t = try Tmux(["watch", "race.csv", "run.jsonl"], width: 80, height: 24, directory: dir)
            let s = t.wait { $0.contains("● run.jsonl  epoch 20") }
            #expect(
                s.contains("● race.csv  epoch 20") && s.contains("sgd") && s.contains("adam")
                    && s.contains("spiral-tanh"), "\(s)")
            // the JSON run sent its final line: finished, and never marked stalled
            #expect(s.contains("✓ finished") && s.contains("validation"), "\(s)")
            #expect(s.split(separator: "\n").allSatisfy { $0.count <= 80 })
            t.send("q")
        }
    }
}
