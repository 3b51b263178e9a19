import Foundation
import TestSupport
import Testing

@testable import NNEngine
@testable import NNFiles
@testable import NNSession

/// Hostile and unlucky input, class by class, run against the real
/// binary: each ends with one sentence and the right exit code, and no file the
/// user had is lost or replaced.
extension EndToEnd {
    @Suite struct HostileInputTests {
        /// An IDX folder: `train` images of `train` dimensions (labels `i % 10`), and
        /// a `t10k` split when `test` is given.
        static func idxFolder(
            _ dir: String, _ name: String, train: [Int] = [40, 28, 28], test: [Int]? = nil,
            testLabel: UInt8? = nil
        ) throws -> String {
            let folder = dir + "/" + name
            try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
            func write(_ split: String, _ dims: [Int], label: UInt8?) throws {
                let count = dims.reduce(1, *)
                try IDX.write(
                    path: "\(folder)/\(split)-images-idx3-ubyte", dimensions: dims,
                    data: (0..<count).map { UInt8($0 % 251) }, gzip: false)
                try IDX.write(
                    path: "\(folder)/\(split)-labels-idx1-ubyte", dimensions: [dims[0]],
                    data: (0..<dims[0]).map { label ?? UInt8($0 % 10) }, gzip: false)
            }
            try write("train", train, label: nil)
            if let test { try write("t10k", test, label: testLabel) }
            return folder
        }

        /// Raw bytes as a file.
        static func bytes(_ b: [UInt8], _ path: String) throws { try Data(b).write(to: URL(fileURLWithPath: path)) }

        /// A safetensors file of `tensors` (name, shape), values all 0.1.
        static func safetensors(_ tensors: [(String, [Int])], _ path: String) throws {
            var header: [String: Any] = [:], body = Data(), offset = 0
            for (name, shape) in tensors {
                let n = shape.reduce(1, *)
                header[name] = ["dtype": "F32", "shape": shape, "data_offsets": [offset, offset + 4 * n]]
                [Float](repeating: 0.1, count: n).withUnsafeBufferPointer { body.append(Data(buffer: $0)) }
                offset += 4 * n
            }
            var json = try JSONSerialization.data(withJSONObject: header)
            while json.count % 8 != 0 { json.append(0x20) }
            var n = UInt64(json.count).littleEndian
            var file = Data(bytes: &n, count: 8)
            file.append(json)
            file.append(body)
            try file.write(to: URL(fileURLWithPath: path))
        }

        /// Every case: exit 2, one sentence naming the cause, no crash, within seconds.
        @Test func hostileInputGetsOneSentenceAndExitTwo() throws {
            let dir = Binary.temporaryFolder()
            let idx = [
                "--set", "data.source=idx", "--set", "network.layers=auto,8,auto", "--set", "training.epochs=1",
                "--quiet",
            ]
            func data(_ folder: String) -> [String] { ["train", "--set", "data.path=\(folder)"] + idx }
            var cases: [([String], String)] = [
                // 1. splits checked against the training split before any buffer is sized
                (
                    data(try Self.idxFolder(dir, "big", test: [20, 112, 112])),
                    "the t10k images are 112x112 but the training images are 28x28"
                ),
                (
                    data(try Self.idxFolder(dir, "small", test: [20, 14, 14])),
                    "the t10k images are 14x14 but the training images are 28x28"
                ),
                (
                    data(try Self.idxFolder(dir, "label", test: [20, 28, 28], testLabel: 255)),
                    "label 255 is beyond the 10 classes of the training labels"
                ),
                (
                    data(try Self.idxFolder(dir, "empty", train: [5, 0, 28])),
                    "images of 0x28 pixels are outside what nntui reads"
                ),
                // 2. memory estimated before allocating
                (
                    ["train", "--set", "network.layers=2,100000,100000,3", "--quiet"],
                    "training the network 2/100000/100000/3 needs"
                ),
                // 6. (YAML) aliases refused before the document is built
                (
                    ["summary", "--preset", "bomb.yaml"],
                    "bomb.yaml:3: YAML anchors and aliases (&name, *name) are not supported"
                ),
                // 13. hyperparameters checked as the engine's floats
                (
                    ["train", "--set", "optimizer.beta2=0.99999999999"],
                    "optimizer.beta2: 0.99999999999 is 1.0 in the engine's 32-bit floats"
                ),
                (["train", "--set", "optimizer.eps=1e-45"], "optimizer.eps: 1e-45 is 0 in the engine's 32-bit floats"),
                (["train", "--set", "training.weight-decay=1e300"], "training.weight-decay: 1e300 is out of range"),
                (["train", "--set", "data.noise=1e308"], "data.noise: 1e308 is out of range"),
                // 15. messages that tell the truth
                (
                    ["train", "--set", "data.source=csv", "--set", "data.path=one.csv"],
                    "every row's 'label' is 'a'; classification needs at least two classes"
                ),
                (
                    ["gradcheck", "--set", "data.source=csv", "--set", "data.path=one.csv"],
                    "classification needs at least two classes"
                ),
                (
                    ["train", "--load", "extra.safetensors", "--set", "network.layers=2,16,3"],
                    "holds tensors the 2-layer network has no place for (layers.2.bias, layers.2.weight)"
                ),
                (["summary", "--preset", "."], ".: is a folder, not a preset file."),
                (["train", "--epochs", "-1"], "--epochs: training.epochs: -1 is out of range"),
                (["bench", "--epochs", "0"], "--epochs: 0 must be at least 1."),
                (["compare", "--optimizers", ""], "--optimizers: no optimizer named"),
                (["compare", "--vary", "optimizer.lr=0.1,0.1"], "the value 0.1 is given twice"),
            ]
            // 1-2. headers that promise the impossible
            let huge = dir + "/huge"
            try FileManager.default.createDirectory(atPath: huge, withIntermediateDirectories: true)
            try Self.bytes([0, 0, 8, 3, 0, 0, 0, 0, 0, 1, 0, 0, 0, 1, 0, 0], huge + "/train-images-idx3-ubyte")
            try Self.bytes([0, 0, 8, 1, 0, 0, 0, 0], huge + "/train-labels-idx1-ubyte")
            cases.append((data(huge), "images of 65536x65536 pixels are outside what nntui reads"))
            let wrap = dir + "/wrap"
            try FileManager.default.createDirectory(atPath: wrap, withIntermediateDirectories: true)
            try Self.bytes(
                [0, 0, 8, 4, 0, 0, 0, 1] + Array(repeating: 0xFF, count: 12), wrap + "/train-images-idx3-ubyte")
            try Self.bytes([0, 0, 8, 1, 0, 0, 0, 1, 0], wrap + "/train-labels-idx1-ubyte")
            cases.append(
                (
                    data(wrap),
                    "the IDX header's dimensions [1, 4294967295, 4294967295, 4294967295] multiply beyond any file size"
                ))
            // 3. a gzip file with data after what its header promises; a device; a FIFO
            let junk = try Self.idxFolder(dir, "junk", train: [10, 28, 28])
            try FileManager.default.removeItem(atPath: junk + "/train-images-idx3-ubyte")
            try IDX.write(
                path: junk + "/train-images-idx3-ubyte.gz", dimensions: [10, 28, 28],
                data: [UInt8](repeating: 0, count: 7840 + 1 << 20), gzip: true)
            cases.append((data(junk), "more bytes follow the 7840 the IDX header promises"))
            let device = try Self.idxFolder(dir, "device", train: [10, 28, 28])
            try FileManager.default.removeItem(atPath: device + "/train-images-idx3-ubyte")
            try FileManager.default.createSymbolicLink(
                atPath: device + "/train-images-idx3-ubyte", withDestinationPath: "/dev/zero")
            cases.append((data(device), "is a device, not a regular file"))
            let fifo = try Self.idxFolder(dir, "fifo", train: [10, 28, 28])
            try FileManager.default.removeItem(atPath: fifo + "/train-images-idx3-ubyte")
            #expect(mkfifo(fifo + "/train-images-idx3-ubyte", 0o644) == 0)
            cases.append((data(fifo), "is a FIFO, not a regular file"))
            // the fixtures of the preset and CSV cases
            var bomb = "compare:\n  - optimizer:\n      a: &a {x: 1, y: 1, z: 1, w: 1, v: 1, u: 1, t: 1, s: 1, r: 1}\n"
            for (k, name) in ["b", "c", "d", "e", "f", "g", "h"].enumerated() {
                let previous = k == 0 ? "a" : ["b", "c", "d", "e", "f", "g"][k - 1]
                bomb +=
                    "      \(name): &\(name) {" + (0..<9).map { "k\($0): *\(previous)" }.joined(separator: ", ") + "}\n"
            }
            try bomb.write(toFile: dir + "/bomb.yaml", atomically: true, encoding: .utf8)
            try ("x,y,label\n" + (0..<30).map { "\($0),\($0 * 2),a" }.joined(separator: "\n") + "\n")
                .write(toFile: dir + "/one.csv", atomically: true, encoding: .utf8)
            try Self.safetensors(
                [
                    ("layers.0.weight", [16, 2]), ("layers.0.bias", [16]), ("layers.1.weight", [3, 16]),
                    ("layers.1.bias", [3]), ("layers.2.weight", [3, 3]), ("layers.2.bias", [3]),
                ], dir + "/extra.safetensors")
            for (args, want) in cases { try Binary.expectRefused(args, in: dir, saying: want, timeout: 30) }
        }

        /// Output paths are checked before training; an existing log is not touched.
        @Test func outputPathsAreCheckedBeforeAnyWork() throws {
            let dir = Binary.temporaryFolder()
            try "keep\n".write(toFile: dir + "/log.csv", atomically: true, encoding: .utf8)
            let cases: [([String], String)] = [
                (
                    ["train", "--epochs", "100000", "--log", "log.csv", "--save", "nodir/x.safetensors"],
                    "--save nodir/x.safetensors: the folder nodir does not exist."
                ),
                (["train", "--log", "same.x", "--save", "same.x"], "--log and --save name the same file, same.x"),
                (["train", "--log", "log.csv", "--save", "./log.csv"], "--log and --save name the same file"),
                (["train", "--save", "."], "--save .: is a folder, not a file."),
                (
                    ["compare", "--epochs", "100000", "--log", "nodir/c.csv"],
                    "--log nodir/c.csv: the folder nodir does not exist."
                ),
            ]
            for (args, want) in cases {
                let r = try Binary.run(args, in: dir, timeout: 20)
                #expect(r.status == 2 && r.stderr.contains(want), "\(args): \(r.status) \(r.stderr)")
            }
            #expect(try String(contentsOfFile: dir + "/log.csv", encoding: .utf8) == "keep\n")
            #expect(!FileManager.default.fileExists(atPath: dir + "/same.x"))
        }

        /// Resuming a good checkpoint at a rate that diverges at once leaves the
        /// checkpoint and the log as they were, and says so.
        @Test func aDivergedRunKeepsTheGoodFiles() throws {
            let dir = Binary.temporaryFolder()
            var r = try Binary.run(
                ["train", "--epochs", "30", "--quiet", "--log", "l.csv", "--save", "s.safetensors"], in: dir)
            #expect(r.status == 0)
            let log = try Data(contentsOf: URL(fileURLWithPath: dir + "/l.csv"))
            let checkpoint = try Data(contentsOf: URL(fileURLWithPath: dir + "/s.safetensors"))
            r = try Binary.run(
                [
                    "train", "--load", "s.safetensors", "--set", "optimizer.name=sgd", "--set", "optimizer.lr=1000",
                    "--epochs", "5", "--quiet", "--log", "l.csv", "--save", "s.safetensors",
                ], in: dir)
            #expect(r.status == 1)
            #expect(
                r.stderr.contains("training diverged")
                    && r.stderr.contains("no epoch completed, so the log and checkpoint were not written"),
                "\(r.stderr)")
            #expect(try Data(contentsOf: URL(fileURLWithPath: dir + "/l.csv")) == log)
            #expect(try Data(contentsOf: URL(fileURLWithPath: dir + "/s.safetensors")) == checkpoint)
            // a divergence in epoch 2: the log holds epoch 1, the checkpoint is epoch 1's weights
            r = try Binary.run(
                [
                    "train", "--set", "optimizer.name=momentum", "--set", "optimizer.lr=100",
                    "--epochs", "100", "--quiet", "--log", "d.csv", "--save", "d.safetensors",
                ], in: dir)
            #expect(
                r.status == 1 && r.stderr.contains("at epoch 2") && r.stderr.contains("log and checkpoint written"),
                "\(r.stderr)")
            #expect(try String(contentsOfFile: dir + "/d.csv", encoding: .utf8).split(separator: "\n").count == 2)
            let net = Network(sizes: [2, 16, 16, 3], hidden: .tanh, output: .softmax)
            try Checkpoint.load(path: dir + "/d.safetensors", into: net)
        }

        /// Links are followed (the link stays), FIFOs and devices written into,
        /// temporaries of a killed write removed.
        @Test func specialFilesAreWrittenIntoNeverReplaced() throws {
            let dir = Binary.temporaryFolder()
            try FileManager.default.createDirectory(atPath: dir + "/real", withIntermediateDirectories: true)
            try FileManager.default.createSymbolicLink(
                atPath: dir + "/link.csv", withDestinationPath: "real/target.csv")
            #expect(mkfifo(dir + "/pipe.csv", 0o644) == 0)
            // a temporary left by a process that no longer runs
            let gone = Process()
            gone.executableURL = URL(fileURLWithPath: "/bin/true")
            try gone.run()
            gone.waitUntilExit()
            let stale = dir + "/link2.csv.nntui-tmp-\(gone.processIdentifier)"
            try "half".write(toFile: stale, atomically: false, encoding: .utf8)
            let r = try Binary.shell(
                """
                cat pipe.csv > from-pipe.txt & reader=$!
                "$NNTUI" train --epochs 3 --quiet --log link.csv --save /dev/null \
                  && "$NNTUI" train --epochs 2 --quiet --log pipe.csv \
                  && "$NNTUI" train --epochs 2 --quiet --log link2.csv; status=$?
                wait $reader; exit $status
                """, in: dir, timeout: 60)
            #expect(r.status == 0, "\(r.stderr)")
            let link = try FileManager.default.attributesOfItem(atPath: dir + "/link.csv")
            #expect(link[.type] as? FileAttributeType == .typeSymbolicLink)
            #expect(
                try String(contentsOfFile: dir + "/real/target.csv", encoding: .utf8).split(separator: "\n").count == 4)
            var st = stat()
            #expect(lstat(dir + "/pipe.csv", &st) == 0 && st.st_mode & S_IFMT == S_IFIFO)
            #expect(
                try String(contentsOfFile: dir + "/from-pipe.txt", encoding: .utf8).split(separator: "\n").count == 3)
            #expect(stat("/dev/null", &st) == 0 && st.st_mode & S_IFMT == S_IFCHR)
            #expect(!FileManager.default.fileExists(atPath: stale))
        }

        /// Failing streams and files: the system's reason, an error exit, never a trap.
        @Test func failingStreamsAndFilesSayWhy() throws {
            let dir = Binary.temporaryFolder()
            var r = try Binary.shell("\"$NNTUI\" train --epochs 3 >&-", in: dir)
            #expect(
                r.status == 1 && r.stderr.contains("cannot write to standard output: Bad file descriptor"),
                "\(r.status) \(r.stderr)")
            r = try Binary.shell("\"$NNTUI\" train --preset nope 2>&-; echo status=$? >&2", in: dir)
            #expect(r.stderr.contains("status=2"), "\(r.stderr)")
            // a file-size limit: write(2) fails with EFBIG, as a full disk fails with ENOSPC
            r = try Binary.shell("ulimit -f 4; \"$NNTUI\" train --epochs 300 --quiet --log big.csv", in: dir)
            #expect(
                r.status == 1 && r.stderr.contains("big.csv: cannot write the file: File too large."),
                "\(r.status) \(r.stderr)")
            #expect(
                try FileManager.default.contentsOfDirectory(atPath: dir).filter { $0.contains("nntui-tmp") }.isEmpty)
            var st = stat()
            if stat("/dev/full", &st) == 0 && st.st_mode & S_IFMT == S_IFCHR {
                r = try Binary.shell("\"$NNTUI\" train --epochs 3 > /dev/full", in: dir)
                #expect(r.status == 1 && r.stderr.contains("No space left on device"), "\(r.stderr)")
                r = try Binary.shell("\"$NNTUI\" train --preset nope 2>/dev/full; echo status=$?", in: dir)
                #expect(r.stdout.contains("status=2"), "\(r.stdout)")
            }
        }

        /// `| head -1` ends the run as SIGINT does: log and checkpoint written, exit 141,
        /// and nothing said (a reader that stops is normal); so for compare and --json.
        @Test func aClosedPipeFinishesTheRun() throws {
            let dir = Binary.temporaryFolder()
            let r = try Binary.shell(
                """
                ("$NNTUI" train --epochs 100000 --log l.csv --save s.safetensors; echo $? > status) | head -1
                """, in: dir, timeout: 60)
            #expect(r.stdout.hasPrefix("epoch 1/100000"), "\(r.stdout)")
            #expect(r.stderr.isEmpty, "\(r.stderr)")
            // a report written whole into the pipe before head left is a success
            for (command, codes) in [
                ("train --epochs 100000 --json", ["141\n"]),
                ("compare --preset xor-sigmoid --epochs 20", ["0\n", "141\n"]),
            ] {
                let quiet = try Binary.shell(
                    "(\"$NNTUI\" \(command); echo $? > quiet) | head -1 > /dev/null", in: dir, timeout: 60)
                let status = try String(contentsOfFile: dir + "/quiet", encoding: .utf8)
                #expect(quiet.stderr.isEmpty && codes.contains(status), "\(command): \(status) \(quiet.stderr)")
            }
            #expect(try String(contentsOfFile: dir + "/status", encoding: .utf8) == "141\n")
            #expect(try String(contentsOfFile: dir + "/l.csv", encoding: .utf8).split(separator: "\n").count >= 2)
            let net = Network(sizes: [2, 16, 16, 3], hidden: .tanh, output: .softmax)
            try Checkpoint.load(path: dir + "/s.safetensors", into: net)
        }

        /// A terminal that cannot move the cursor is named, not shown as a blank screen.
        @Test func aDumbTerminalIsRefused() throws {
            let t = try Tmux([], width: 100, height: 24, term: "dumb")
            let s = t.wait { Tmux.number(after: "EXIT=", in: $0) != nil }
            #expect(s.contains("TERM=dumb cannot move the cursor") && s.contains("EXIT=2"), "\(s)")
        }

        /// A dashboard whose terminal goes away quits, even with SIGHUP ignored.
        @Test func anOrphanedDashboardQuits() throws {
            let t = try Tmux([], setup: "trap '' HUP")
            _ = t.wait { (Tmux.epoch($0) ?? 0) > 0 }
            let pid = try #require(ReliabilityTests.dashboardPid(t))
            _ = try t.tmux(["kill-server"])
            let deadline = Date().addingTimeInterval(10)
            while kill(pid, 0) == 0 && Date() < deadline { usleep(50_000) }
            #expect(kill(pid, 0) != 0, "nntui \(pid) still runs after its terminal went away")
        }

        /// A billion-epoch run draws its learning-rate plan from a sample: the view
        /// shows, and the process stays small.
        @Test func aBillionEpochPlanIsDrawnFromASample() throws {
            let t = try Tmux(["--set", "training.epochs=1000000000", "--set", "schedule.name=cosine"])
            _ = t.wait { (Tmux.epoch($0) ?? 0) > 0 }
            var s = ""
            for _ in 0..<8 where !s.contains("schedule cosine") {
                t.send("v")
                s = t.wait(timeout: 2) { $0.contains("schedule cosine") }
            }
            #expect(s.contains("schedule cosine") && s.contains("planned"), "\(s)")
            let pid = try #require(ReliabilityTests.dashboardPid(t))
            #expect(ReliabilityTests.residentKB(pid) < 200 * 1024)
            t.quit()
        }
    }
}
