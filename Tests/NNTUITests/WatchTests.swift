import Foundation
import Testing

@testable import NNDrawing
@testable import NNEngine
@testable import NNFiles
@testable import NNSession
@testable import NNTUI

/// `nntui watch` over whatever a file can hold: random bytes, rows with NaN and
/// ±1e308 in every column, lines with no end, thousands of runs. Each poll and each
/// frame returns; memory stays bounded by the longest line kept.
@Suite struct WatchFuzzTests {
    static func folder() -> String {
        let path = NSTemporaryDirectory() + "nntui-watch-\(UUID().uuidString)"
        try! FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
        return path
    }

    @Test func randomBytesAndExtremeValues() throws {
        let dir = Self.folder()
        var rng = RandomSource(seed: 21)
        let values = [
            "nan", "-nan", "inf", "-inf", "1e308", "-1e308", "1e999", "", "0", "-0", "3", "1e-320", "x", "\"",
            "9223372036854775808",
        ]
        for round in 0..<120 {
            let path = "\(dir)/\(round).csv"
            var text = round % 3 == 0 ? "" : MetricsLog.header + "\n"
            for _ in 0..<(1 + rng.index(below: 20)) {
                if rng.index(below: 5) == 0 {
                    // a JSON line as `train --json` writes, its numbers extreme or not numbers at all
                    let json = [
                        "1e308", "-1e308", "1e999", "null", "\"nan\"", "3", "-1", "9223372036854775808", "[]", "{}",
                    ]
                    func any() -> String { json[rng.index(below: json.count)] }
                    let (epoch, step, lr, loss) = (any(), any(), any(), any())
                    text += "{\"run\":\"j\",\"epoch\":\(epoch),\"step\":\(step),\"lr\":\(lr),\"train_loss\":\(loss)}"
                } else if rng.index(below: 4) == 0 {
                    text += String(
                        decoding: (0..<rng.index(below: 80)).map { _ in UInt8(rng.index(below: 256)) }, as: UTF8.self)
                } else {
                    text +=
                        "r\(rng.index(below: 3)),"
                        + (0..<8).map { _ in values[rng.index(below: values.count)] }.joined(separator: ",")
                }
                text += rng.index(below: 10) == 0 ? "" : "\n"
            }
            try text.write(toFile: path, atomically: true, encoding: .utf8)
            let f = LogFollower(path: path)
            f.poll()
            for (w, h) in [(80, 24), (60, 16), (200, 60)] {
                let c = WatchDashboard.render([f], width: w, height: h, options: .init(), now: LogFollower.now())
                #expect(c.text.split(separator: "\n").count <= h)
            }
        }
    }

    /// A file with no line break: memory holds at most the longest line, the line is
    /// counted as malformed, and the screen says so.
    @Test func aLogWithoutLineBreaksStaysBounded() throws {
        let path = Self.folder() + "/flat.csv"
        let chunk = Data(repeating: 0x41, count: 3 << 20)
        FileManager.default.createFile(atPath: path, contents: chunk)
        let f = LogFollower(path: path)
        f.poll()
        let h = try FileHandle(forWritingTo: URL(fileURLWithPath: path))
        try h.seekToEnd(); try h.write(contentsOf: chunk); try h.write(contentsOf: Data("\nr,1,1,0.1,2,,,,1\n".utf8));
        try h.close()
        while f.poll() {}
        #expect(f.malformed == 1 && f.runs.map(\.name) == ["r"], "\(f.malformed) \(f.runs.map(\.name))")
        let screen = WatchDashboard.render([f], width: 100, height: 30, options: .init(), now: LogFollower.now()).text
        #expect(screen.contains("1 malformed line skipped"), "\(screen)")
    }

    /// 20,000 runs: a frame charts the first 64 and still lists the count.
    @Test func twentyThousandRuns() throws {
        let path = Self.folder() + "/many.csv"
        let rows = (0..<20_000).map { "run\($0),1,1,0.1,\(Double($0 % 7) + 1),,,,0.1" }
        try ([MetricsLog.header] + rows).joined(separator: "\n").appending("\n").write(
            toFile: path, atomically: true, encoding: .utf8)
        let f = LogFollower(path: path)
        f.poll()
        let start = Date()
        let screen = WatchDashboard.render([f], width: 120, height: 40, options: .init(), now: LogFollower.now()).text
        #expect(screen.contains("20000 runs (charts: the first 64)"), "\(screen.prefix(200))")
        print("a frame of 20,000 runs: \(Date().timeIntervalSince(start)) s")
    }

    /// 200 files: the last line of the file block counts the rest, whole.
    @Test func manyFilesKeepTheHeaderWhole() throws {
        let dir = Self.folder()
        let followers = (0..<200).map { LogFollower(path: "\(dir)/f\($0).csv") }
        for f in followers { f.poll() }
        let lines = WatchDashboard.render(followers, width: 80, height: 24, options: .init(), now: 0).text.split(
            separator: "\n")
        #expect(lines[6] == "… and 195 more files" && lines[5].hasPrefix("○ f4.csv"), "\(lines.prefix(8))")
    }
}

/// `watch` tells a finished run from a stalled one, takes a replaced file in its
/// stride, and draws validation losses beside the training losses.
@Suite struct WatchStatesTests {
    @Test func finishedReplacedAndValidation() throws {
        let dir = WatchFuzzTests.folder()
        let jsonl = dir + "/run.jsonl"
        try
            ([
                MetricsLog.json(
                    run: "a", EpochRecord(epoch: 1, step: 1, lr: 0.1, trainLoss: 1, validationLoss: 1.2, seconds: 1))
            ]
            + [#"{"final":true,"run":"a","epoch":1,"step":1,"lr":0.1,"train_loss":1,"seconds":1}"#]).joined(
                separator: "\n"
            )
            .appending("\n").write(toFile: jsonl, atomically: true, encoding: .utf8)
        let f = LogFollower(path: jsonl)
        f.poll()
        #expect(f.isFinished)
        // long after its last line: finished, not stalled
        let late = (f.lastLine ?? 0) + 3600
        let screen = WatchDashboard.render([f], width: 100, height: 30, options: .init(), now: late).text
        #expect(screen.contains("✓ finished") && !screen.contains("no new line"), "\(screen)")
        #expect(screen.contains("loss: training, validation (dimmer)"), "\(screen)")
        // a CSV replaced by renaming: read again, no warning
        let csv = dir + "/l.csv"
        try (MetricsLog.header + "\nr,1,1,0.1,1,,,,1\n").write(toFile: csv, atomically: true, encoding: .utf8)
        let g = LogFollower(path: csv)
        g.poll()
        try (MetricsLog.header + "\nr,1,1,0.1,1,,,,1\nr,2,2,0.1,0.9,,,,2\n").write(
            toFile: csv, atomically: true, encoding: .utf8)
        g.poll()
        #expect(g.restarts == 1 && !g.isFinished)
        let text = WatchDashboard.render([g], width: 100, height: 30, options: .init(), now: LogFollower.now()).text
        #expect(text.contains("epoch 2") && !text.contains("re-read"), "\(text)")
    }
}
