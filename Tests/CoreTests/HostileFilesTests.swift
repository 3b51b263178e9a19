import Foundation
import Testing

@testable import NNEngine
@testable import NNFiles
@testable import NNSession

/// The readers and writers under hostile input, at the library level.
@Suite struct HostileFilesTests {
    func error(_ body: () throws -> Void) -> NNError? {
        do { try body() } catch let e as NNError { return e } catch { Issue.record("not an NNError: \(error)") }
        return nil
    }

    @Test func csvFollowsRFC4180() throws {
        let text =
            "a,\"b, with comma\",label\r\n1,\"2\",\"say \"\"hi\"\"\"\n\n3, 4 ,\"two\nlines\"\n5,6,\"say \"\"hi\"\"\"\n"
        let s = try CSVReader.parse(text, name: "q.csv", target: nil, classification: true)
        #expect(s.count == 3 && s.featureCount == 2)
        #expect(s.classNames == ["say \"hi\"", "two\nlines"])
        #expect(s.raw(1, 1) == 4 && s.label(0) == 0 && s.label(1) == 1 && s.label(2) == 0)
        #expect(
            error { _ = try CSVReader.parse("a,b\n1,\"2\n", name: "u.csv", target: nil, classification: false) }?
                .description == "u.csv:2: a quoted field is not closed.")
        #expect(
            error { _ = try CSVReader.parse("a,b\n1,\"2\"x\n", name: "u.csv", target: nil, classification: false) }?
                .description == "u.csv:2: text follows a quoted field's closing quote.")
        #expect(
            error { _ = try CSVReader.parse("a,b\n1,2\n3,x\n", name: "r.csv", target: nil, classification: false) }?
                .description.hasPrefix("r.csv:3: target 'b' is 'x', not a number") == true)
    }

    /// A byte order mark is not part of the first column's name; an empty label is
    /// refused, not read as a class named ''.
    @Test func csvByteOrderMarkAndEmptyLabels() throws {
        let s = try CSVReader.parse(
            "\u{FEFF}x1,x2,y\n1,2,3\n3,4,5\n", name: "bom.csv", target: "x1", classification: false)
        #expect(s.count == 2)
        #expect(
            error {
                _ = try CSVReader.parse("x1,label\n1,a\n2,\n3,b\n", name: "e.csv", target: nil, classification: true)
            }?
            .description == "e.csv:3: target 'label' is empty; every row needs a class label.")
        #expect(
            error {
                _ = try CSVReader.parse("x1,label\n1,a\n2,\"  \"\n", name: "e.csv", target: nil, classification: true)
            }?
            .description == "e.csv:3: target 'label' is empty; every row needs a class label.")
    }

    /// A CSV emptied, shortened or lengthened while it is read: each load reads a whole
    /// file or refuses with one sentence, never a bus error (the file was memory-mapped).
    @Test func filesChangingUnderTheReader() throws {
        let dir = temporaryFolder(), path = dir + "/shrinks.csv"
        let rows = (0..<150_000).map { "\($0 % 97).25,\($0 % 13),\($0 % 3)" }.joined(separator: "\n")
        let full = Data(("a,b,label\n" + rows + "\n").utf8)
        var outcomes: [String: Int] = [:]
        for k in 0..<24 {
            try full.write(to: URL(fileURLWithPath: path))
            let changer = Thread {
                usleep(UInt32(k % 6) * 2_000)
                let fd = open(path, O_WRONLY)
                // shrink to nothing, to a part, or grow by a row
                switch k % 3 {
                case 0: ftruncate(fd, 0)
                case 1: ftruncate(fd, off_t(full.count / 3))
                default: lseek(fd, 0, SEEK_END); _ = "1,2,0\n".withCString { write(fd, $0, 6) }
                }
                close(fd)
            }
            changer.start()
            do {
                let s = try CSVReader.load(path: path, target: nil, classification: true)
                #expect(s.count > 0)
                outcomes["read", default: 0] += 1
            } catch let e as NNError {
                let text = e.description
                #expect(e.exitCode == 2 && text.hasPrefix(path) && !text.contains("\n"), "\(text)")
                outcomes[text.contains("changed while it was being read") ? "changed" : "refused", default: 0] += 1
            }
            while !changer.isFinished { usleep(1_000) }
        }
        #expect(outcomes.values.reduce(0, +) == 24, "\(outcomes)")
        print("files changing under the reader: \(outcomes)")
    }

    /// What nntui writes, nntui (and RFC 4180) reads back.
    @Test func metricsLogQuotesRunNames() {
        #expect(MetricsLog.csvField("plain") == "plain")
        #expect(MetricsLog.csvField("a,\"b\"") == "\"a,\"\"b\"\"\"")
        #expect(MetricsLog.csvField("two\nlines") == "\"two\nlines\"")
    }

    @Test func readersStopWhenInterrupted() throws {
        let interrupt = Interrupt()
        interrupt.note(SIGINT)
        let dir = temporaryFolder()
        let rows = (0..<70_000).map { "\($0),\($0 % 2)" }.joined(separator: "\n")
        try ("x,label\n" + rows + "\n").write(toFile: dir + "/big.csv", atomically: true, encoding: .utf8)
        let e = error {
            _ = try CSVReader.load(path: dir + "/big.csv", target: nil, classification: true, interrupt: interrupt)
        }
        #expect(e == .interrupted(SIGINT, while: "reading \(dir)/big.csv") && e?.exitCode == 130)
        try IDX.write(path: dir + "/i", dimensions: [4, 2], data: [UInt8](repeating: 1, count: 8), gzip: false)
        #expect(error { _ = try IDX.read(path: dir + "/i", interrupt: interrupt) }?.exitCode == 130)
        #expect(try IDX.read(path: dir + "/i").1.count == 8)
    }

    @Test func idxReadsExactlyWhatTheHeaderPromises() throws {
        let header: [UInt8] = [0, 0, 8, 2, 0, 0, 0, 2, 0, 0, 0, 3]
        #expect(try IDX.parse(header + [1, 2, 3, 4, 5, 6], name: "x").1 == [1, 2, 3, 4, 5, 6])
        #expect(
            error { _ = try IDX.parse(header + [1, 2, 3, 4, 5, 6, 7], name: "x") }?.description
                == "x: more bytes follow the 6 the IDX header promises; the file is not a well-formed IDX file.")
        // a header promising 4 GB over 3 bytes is refused without allocating 4 GB
        #expect(
            error { _ = try IDX.parse([0, 0, 8, 1, 0xF0, 0, 0, 0, 1, 2, 3], name: "x") }?.description
                == "x: truncated IDX file: the header promises 4026531840 bytes of data but the file holds 3.")
    }

    @Test func presetsAreCheckedAsTheEngineHoldsThem() {
        var p = Preset()
        for (set, want) in [
            ("optimizer.beta2=0.99999999999", "is 1.0 in the engine's 32-bit floats, out of range (0 <= beta2 < 1)"),
            ("optimizer.eps=1e-45", "is 0 in the engine's 32-bit floats"),
            ("optimizer.momentum=0.999999999", "is 1.0 in the engine's 32-bit floats"),
            ("schedule.decay=1e39", "is too large for the engine's 32-bit floats"),
            ("training.weight-decay=1e300", "out of range (0 <= weight-decay <= 10)"),
            ("data.noise=1e308", "out of range (0 <= noise <= 100)"),
        ] {
            let e = error { try p.apply(sets: [set]) }
            #expect(e?.description.contains(want) == true, "\(set): \(String(describing: e))")
        }
        #expect(throws: Never.self) {
            try p.apply(sets: ["optimizer.beta2=0.9999", "optimizer.eps=1e-30", "schedule.decay=0"])
        }
    }

    /// Anchors and aliases are refused before Yams builds the document; text that
    /// only looks like them is not.
    @Test func yamlAnchorsAreFoundBeforeComposing() throws {
        #expect(Preset.firstAnchorLine("a: &x 1\nb: *x\n") == 1)
        #expect(Preset.firstAnchorLine("a: 1\nb: [1, *x]\n") == 2)
        #expect(Preset.firstAnchorLine("- !!map &m {a: 1}\n") == 1)
        #expect(
            Preset.firstAnchorLine(
                "name: R&D *draft*\ndescription: 'it''s &x'\nc: \"*y\" # *z\nd: |\n  *bold* &x\ne: 1\n") == nil)
        #expect(Preset.firstAnchorLine("d: >\n  &x\nf: *a\n") == 3)
    }

    /// Every name and description a user may type survives `p` (save) and load.
    @Test func savedPresetsReadBack() throws {
        for text in [
            "*star", "&anchor", "back\\slash", "a: b", "# hash", "|pipe", ">gt", "'q'", "\"dq\"", "- dash", "!tag",
            "two\nlines", "[x]", "{y}", "@at", "`tick`", "%pct", " padded ", "yes", "null", "1e3", "",
        ] {
            var p = Preset()
            p.name = text.isEmpty || text.contains("\n") ? "x" : text  // a name is one line
            p.description = text
            let back = try Preset.parse(yaml: try p.yaml(), file: "saved.yaml")
            #expect(back.name == p.name && back.description == p.description, "\(text)")
        }
    }

    @Test func writesNeverReplaceSpecialFiles() throws {
        let dir = temporaryFolder()
        try AtomicFile.write("one\n", to: dir + "/a.txt")
        try FileManager.default.createSymbolicLink(atPath: dir + "/l.txt", withDestinationPath: "a.txt")
        try AtomicFile.write("two\n", to: dir + "/l.txt")
        #expect(try String(contentsOfFile: dir + "/a.txt", encoding: .utf8) == "two\n")
        #expect(try FileManager.default.destinationOfSymbolicLink(atPath: dir + "/l.txt") == "a.txt")
        #expect(
            AtomicFile.sameFile(dir + "/l.txt", dir + "/a.txt") && AtomicFile.sameFile(dir + "/a.txt", dir + "/./a.txt")
        )
        #expect(try AtomicFile.target("/dev/null") == .stream("/dev/null"))
        try AtomicFile.write("into the void\n", to: "/dev/null")
        #expect(error { try AtomicFile.write("x", to: dir) }?.description == "\(dir): is a folder, not a file.")
        #expect(
            error { try AtomicFile.checkWritable(dir + "/none/x") }?.description
                == "\(dir)/none/x: the folder \(dir)/none does not exist.")
        // the replaced file keeps its permissions
        chmod(dir + "/a.txt", 0o600)
        try AtomicFile.write("three\n", to: dir + "/a.txt")
        var st = stat()
        #expect(stat(dir + "/a.txt", &st) == 0 && st.st_mode & 0o777 == 0o600)
        #expect(try FileManager.default.contentsOfDirectory(atPath: dir).sorted() == ["a.txt", "l.txt"])
    }

    @Test func aBillionEpochPlanIsASample() {
        var s = Schedule()
        s.kind = .step
        s.step = 250_000_000
        let plan = LearningRatePlan(epochs: LearningRatePlan.sample(1_000_000_000), rates: [])
        #expect(
            plan.epochs.count == LearningRatePlan.maxPoints && plan.epochs.first == 0 && plan.epochs.last == 999_999_999
        )
        let rates = plan.epochs.map { s.rate(epoch: $0, base: 0.1, epochs: 1_000_000_000) }
        let sampled = LearningRatePlan(epochs: plan.epochs, rates: rates)
        #expect(sampled.rate(at: 0) == 0.1 && sampled.rate(at: 999_999_999) == Float(0.1 * pow(0.5, 3.0)))
        #expect(LearningRatePlan.sample(300) == Array(0..<300))
    }

    @Test func memoryIsEstimatedBeforeAllocating() throws {
        // 784/100/10 at batch 128: 79,510 parameters x 5 floats + 894 units x 640 columns x 4 floats
        #expect(Experiment.memoryNeeded(sizes: [784, 100, 10], batch: 128) == 79_510 * 20 + 894 * 640 * 16)
        #expect(Experiment.memoryNeeded(sizes: [1 << 40, 1 << 40], batch: 1) == nil)
        let e = error {
            try Memory.check(40_000_000_000, for: "training the network 2/100000/100000/3", available: 8_000_000_000)
        }
        #expect(
            e?.description
                == "training the network 2/100000/100000/3 needs 40.0 GB of memory but this machine has 8.0 GB "
                + "available."
        )
    }

    /// A run resumed from a checkpoint that diverges goes back to the checkpoint's
    /// weights, not the seeded ones the checkpoint replaced.
    @Test func aDivergedRunGoesBackToTheLoadedWeights() throws {
        let dir = temporaryFolder()
        var p = try Preset.load("spiral-tanh")
        p.training.epochs = 5
        let first = try Experiment.trainer(p)
        for _ in 0..<5 { _ = first.trainEpoch() }
        try Checkpoint.save(first.network, preset: p, to: dir + "/c.safetensors")
        p.optimizer.kind = .sgd
        p.optimizer.lr = 1000
        let resumed = try Experiment.trainer(p)
        try resumed.load(checkpoint: dir + "/c.safetensors")
        _ = resumed.trainEpoch()
        #expect(resumed.divergence != nil)
        #expect(resumed.network.layers.map(\.W.values) == first.network.layers.map(\.W.values))
    }
}
