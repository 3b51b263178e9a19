import Foundation
import Testing

@testable import NNEngine
@testable import NNFiles
@testable import NNSession

/// Inputs a hostile campaign found: each refused with one sentence, or handled.
@Suite struct TrustTests {
    func refusal(_ body: () throws -> Void) -> String? {
        do { try body(); return nil } catch let e as NNError { return e.description } catch {
            return "not an NNError: \(error)"
        }
    }

    @Test func namesAreOneLineOfText() throws {
        for bad in ["a\nb", "a\rb", "a\u{0}b", "a\u{2028}b", "a\u{1B}[31mb", "tab\there", "c1\u{85}"] {
            var p = Preset()
            let message = refusal { try p.apply(sets: ["name=\(bad)"]) }
            #expect(message?.contains("control character") == true, "\(bad.debugDescription): \(message ?? "accepted")")
        }
        var p = Preset()
        for good in [
            "x\"\"\"; __import__(\"os\")", "\\N{BULLET}", "alpha, &beta", "*star", "-lead: #x", "日本 🙂",
            String(repeating: "é", count: 600),
        ] {
            try p.apply(sets: ["name=\(good)"])
            #expect(p.name == good)
        }
    }

    @Test func layersWithEmptySizesAreRefused() {
        for bad in ["2//16//3", "2/16/3/", ",2,16,3,", "2,,3", "/"] {
            var p = Preset()
            #expect(refusal { try p.apply(sets: ["network.layers=\(bad)"]) }?.contains("empty size") == true, "\(bad)")
        }
        var p = Preset()
        #expect(refusal { try p.apply(sets: ["network.layers=[2, 16, 3]"]) } == nil && p.network.layers == [2, 16, 3])
    }

    @Test func seedsAreBoundedAndStepsSaturate() throws {
        var p = Preset()
        #expect(
            refusal { try p.apply(sets: ["training.seed=9223372036854775808"]) }?.contains(
                "from 0 to 9223372036854775807") == true)
        #expect(refusal { try p.apply(sets: ["data.seed=18446744073709551615"]) } != nil)
        try p.apply(sets: ["training.seed=9223372036854775807"])
        let data = DataSummary(
            source: .spiral, trainCount: 10, validationCount: 0, testCount: nil, featureCount: 2,
            classNames: ["a", "b"], imageShape: nil, points: [])
        #expect(Setting.seed.stepped(p, by: 1, sizes: [2, 16, 3], data: data).training.seed == Preset.largestSeed)
        #expect(Setting.seed.stepped(p, by: -1, sizes: [2, 16, 3], data: data).training.seed == Preset.largestSeed - 1)
        p.training.seed = 0
        #expect(Setting.seed.stepped(p, by: -5, sizes: [2, 16, 3], data: data).training.seed == 0)
    }

    /// Plain text that merely holds `&`, `*`, `[` or `,` reads back; real anchors
    /// and aliases, in block and flow context and after a wrapped quoted line, do not.
    @Test func theAliasScanReadsPlainTextAsText() {
        #expect(Preset.firstAnchorLine("name: alpha, &beta\ndescription: see [a, *b]\n") == nil)
        #expect(Preset.firstAnchorLine("name: \"long text\n  *continued\"\n") == nil)
        #expect(Preset.firstAnchorLine("a: {b: x, c: *y}\n") == 1)
        #expect(Preset.firstAnchorLine("a: [x, &y z]\n") == 1)
        #expect(Preset.firstAnchorLine("a:\n  - *x\n") == 2)
        #expect(Preset.firstAnchorLine("a: {b: [1, {c: 2}], d: *e}\n") == 1)
    }

    @Test func variedValuesAreComparedAsAssigned() {
        let message = refusal {
            _ = try Comparison.specs(base: Preset(), variation: Variation.parse(vary: "optimizer.lr=0.1,0.10"))
        }
        #expect(message?.contains("given twice") == true, "\(message ?? "accepted")")
    }

    @Test func safetensorsWhoseTensorsShareBytesAreRefused() throws {
        // two tensors over the same 8 bytes
        let header =
            #"{"a":{"dtype":"F32","shape":[2],"data_offsets":[0,8]},"#
            + #""b":{"dtype":"F32","shape":[2],"data_offsets":[0,8]}}"#
        var bytes = withUnsafeBytes(of: UInt64(header.utf8.count).littleEndian, Array.init) + Array(header.utf8)
        bytes += [UInt8](repeating: 0, count: 8)
        let message = refusal { _ = try Checkpoint.parse(Data(bytes), name: "shared.safetensors") }
        #expect(message?.contains("share bytes") == true, "\(message ?? "accepted")")
    }

    @Test func aRankDeficientPolynomialIsNamed() {
        // over x in [0, 100) the recurrence's norms grow ~25^(2k): past double's range near k = 110
        let x = (0..<400).map { Double($0) / 4 }, y = x.map { sin($0) }
        #expect(!PolynomialFit(x: x, y: y, degree: 15).isRankDeficient)
        #expect(PolynomialFit(x: x, y: y, degree: 300).isRankDeficient)
        let best = PolynomialFit.highestWorkingDegree(x: x, below: 300)
        #expect(best > 15 && best < 300 && !PolynomialFit(x: x, y: y, degree: best).isRankDeficient)
        #expect(PolynomialFit(x: x, y: y, degree: best + 1).isRankDeficient)
        // the recurrence alone finds the limit, before any fit is built
        #expect(PolynomialFit.highestRecurrenceDegree(x: x, upTo: 300) == best)
        #expect(PolynomialFit.highestRecurrenceDegree(x: x, upTo: 15) == 15)
        #expect(PolynomialFit.bytes(points: 200_000, degree: 20_000)! > 24 << 30)
    }

    @Test func jsonNeverDropsAnObjectForANaN() {
        struct Inner: Encodable { var d: Number }
        struct Outer: Encodable { var a: Number; var b: [Number]; var c: Inner; var e: String }
        let line = JSONLine.encode(
            Outer(
                a: Number(Double.nan), b: [1.0, Number(Double.infinity)], c: Inner(d: Number(-Double.infinity)),
                e: "x/y"))
        #expect(line == #"{"a":null,"b":[1,null],"c":{"d":null},"e":"x/y"}"#)
        // an epoch of a diverged run: every key, the lost ones null
        let r = EpochRecord(epoch: 3, step: 30, lr: 0.003, trainLoss: .nan, trainAccuracy: nil, seconds: 1.5)
        #expect(
            MetricsLog.json(run: "a", r)
                == #"{"epoch":3,"lr":0.003,"run":"a","seconds":1.5,"step":30,"train_acc":null,"#
                + #""train_loss":null,"val_acc":null,"val_loss":null}"#
        )
    }

    /// The log is written whole once, then appended: a reader sees the header once
    /// and every row, and an existing file stays as it was until the first flush.
    @Test func theLogIsAppended() throws {
        let path = temporaryFolder() + "/l.csv"
        try "old\n".write(toFile: path, atomically: true, encoding: .utf8)
        let log = MetricsLog(path: path)
        let r = EpochRecord(epoch: 1, step: 1, lr: 0.1, trainLoss: 1, seconds: 0)
        log.append(run: "a", r)
        #expect(try String(contentsOfFile: path, encoding: .utf8) == "old\n")
        try log.flush()
        var second = r
        second.epoch = 2
        log.append(run: "a", second)
        try log.flush()
        try log.flush()
        let lines = try String(contentsOfFile: path, encoding: .utf8).split(separator: "\n")
        #expect(lines.count == 3 && lines[0] == Substring(MetricsLog.header) && lines[2].hasPrefix("a,2,"))
    }

    /// A folder or a vanished path met while a run is under way is a failure at run
    /// time (exit 1), not bad input.
    @Test func failuresDuringARunAreRuntimeFailures() {
        #expect(NNError.atRunTime(NNError.input("x")) == .runtime("x"))
        #expect(NNError.atRunTime(NNError.interrupted(15, while: "y")).exitCode == 143)
    }

    /// Paths of every length and shape split without Foundation's traps.
    @Test func pathsSplitAtTheirLastSlash() {
        #expect(
            PathText.folder(of: "a") == "." && PathText.folder(of: "/a") == "/" && PathText.folder(of: "x/y/z") == "x/y"
        )
        #expect(PathText.name(of: "é") == "é" && PathText.name(of: "x/") == "" && PathText.join("x/", "y") == "x/y")
        #expect(PathText.prefix("éé", bytes: 3) == "é")
        let long = String(repeating: "n", count: 250)
        #expect(PathText.name(of: AtomicFile.temporaryName(of: "d/" + long, pid: 99999)).utf8.count <= 255)
    }
}
