import Foundation
import Testing

@testable import NNEngine
@testable import NNFiles
@testable import NNSession

/// `LogFollower`: a log read as it grows, whoever writes it.
@Suite struct LogFollowerTests {
    func append(_ text: String, to path: String) throws {
        let h = try FileHandle(forWritingTo: URL(fileURLWithPath: path))
        try h.seekToEnd()
        try h.write(contentsOf: Data(text.utf8))
        try h.close()
    }

    @Test func followsPartialMalformedTruncatedAndReplacedLogs() throws {
        let path = temporaryFolder() + "/l.csv"
        let f = LogFollower(path: path)
        #expect(f.poll() && f.problem == "no such file (yet)")
        try (MetricsLog.header + "\n\"a,\"\"b\"\"\",1,10,0.1,0.9,0.5,0.8,0.55,0.01\n").write(
            toFile: path, atomically: false, encoding: .utf8)
        #expect(f.poll() && f.problem == nil && f.runs.count == 1 && f.runs[0].name == "a,\"b\"")
        #expect(f.runs[0].records[0].validationAccuracy == 0.55 && f.runs[0].records[0].step == 10)
        try append("\"a,\"\"b\"\"\",2,20,0.1,0.8", to: path)  // a partial line waits
        #expect(!f.poll() && f.runs[0].records.count == 1)
        try append(",,,,0.02\nnot,a,row\nrun2,1,5,0.2,1.5,,,,0.1\n", to: path)
        #expect(f.poll() && f.malformed == 1)
        #expect(f.runs.map(\.name) == ["a,\"b\"", "run2"] && f.runs[0].records.map(\.epoch) == [1, 2])
        // truncated: read again from the start
        try (MetricsLog.header + "\nc,1,1,0.1,2.0,,,,0.1\n").write(toFile: path, atomically: false, encoding: .utf8)
        f.poll()
        #expect(f.runs.map(\.name) == ["c"] && f.restarts == 1 && f.malformed == 0)
        // replaced (a new inode), even if longer
        try (MetricsLog.header + "\nd,1,1,0.1,2.0,,,,0.1\nd,2,2,0.1,1.0,,,,0.2\nd,3,3,0.1,0.5,,,,0.3\n").write(
            toFile: path, atomically: true, encoding: .utf8)
        f.poll()
        #expect(f.runs.map(\.name) == ["d"] && f.runs[0].records.map(\.trainLoss) == [2, 1, 0.5] && f.restarts == 2)
    }

    /// A run whose quoted name holds a line break (another program's writer, RFC 4180)
    /// is one run, its rows whole, even when a poll ends inside the quotes; a JSON line
    /// with escaped quotes is not taken for a quoted field.
    @Test func aQuotedLineBreakIsPartOfTheName() throws {
        let path = temporaryFolder() + "/q.csv"
        let f = LogFollower(path: path)
        try (MetricsLog.header + "\n\"two\nlines\",1,1,0.1,0.9,,,,0.1\n\"two\nli").write(
            toFile: path, atomically: false, encoding: .utf8)
        f.poll()
        #expect(f.runs.map(\.name) == ["two\nlines"] && f.malformed == 0)
        try append(
            "nes\",2,2,0.1,0.8,,,,0.2\n{\"run\":\"say \\\"hi\",\"epoch\":1,\"train_loss\":0.5}\nz,1,1,0.1,0.4,,,,0.1\n",
            to: path)
        f.poll()
        #expect(
            f.runs.map(\.name) == ["two\nlines", "say \"hi", "z"] && f.runs[0].records.map(\.epoch) == [1, 2]
                && f.malformed == 0,
            "\(f.runs.map(\.name)) \(f.malformed)")
    }

    /// An accuracy outside 0 to 1 (`-inf`, 7, written by someone's loop) is no
    /// accuracy: watch's title showed `acc -inf%`.
    @Test func anAccuracyIsAShare() throws {
        let path = temporaryFolder() + "/a.csv"
        try (MetricsLog.header + "\nr,1,1,0.1,0.9,-inf,0.8,7,0.1\nr,2,2,0.1,0.8,0.5,0.7,1,0.2\n").write(
            toFile: path, atomically: false, encoding: .utf8)
        let f = LogFollower(path: path)
        f.poll()
        #expect(
            f.runs[0].records.map(\.trainAccuracy) == [nil, 0.5]
                && f.runs[0].records.map(\.validationAccuracy) == [nil, 1])
    }

    @Test func readsJSONLinesAndHeaderlessRows() throws {
        let dir = temporaryFolder()
        try
            (#"{"run":"x","epoch":1,"step":3,"lr":0.01,"train_loss":0.7,"train_acc":0.5,"val_loss":null,"#
            + #""val_acc":null,"seconds":0.1}"# + "\n" + #"{"final":true,"run":"x","epoch":1,"train_loss":0.7}"#
            + "\n{broken\n")
            .write(toFile: dir + "/j.jsonl", atomically: false, encoding: .utf8)
        let j = LogFollower(path: dir + "/j.jsonl")
        j.poll()
        #expect(
            j.runs.count == 1 && j.runs[0].records.count == 1 && j.runs[0].records[0].validationLoss == nil
                && j.malformed == 1)
        try "y,1,1,0.1,0.3,,,,0.1\n".write(toFile: dir + "/h.csv", atomically: false, encoding: .utf8)
        let h = LogFollower(path: dir + "/h.csv")
        h.poll()
        #expect(h.runs.first?.records.first?.trainLoss == 0.3)
    }
}
