import Foundation
import TestSupport
import Testing

@testable import NNEngine
@testable import NNFiles
@testable import NNSession

/// Names and paths of every shape a user can type: exported, written and read back,
/// or refused with one sentence, never run as code and never a crash.
extension EndToEnd {
    @Suite struct HostileNamesAndPathsTests {
        /// Names that must survive: export, byte-compile, one epoch of train.py, the
        /// preset reloaded by nntui, and the CSV's run column read back.
        static let names = [
            "x\"\"\"; __import__(\"os\").system(\"touch PWNED\") ; \"\"\"", "'''", "\\N", "back\\slash\\",
            "alpha, &beta", "*star", "#hash", "key: value", "-lead", "\"quoted\"", "日本 🙂",
            String(repeating: "long ", count: 205) + "end",
        ]

        @Test(Python.needed) func exportedNamesRoundTrip() throws {
            let dir = Binary.temporaryFolder()
            var r = try Python.run(
                "python", ["-m", "py_compile", Binary.packageRoot + "/Sources/NNCommands/Resources/train.py"], in: dir)
            #expect(r.status == 0, "\(r.stderr)")
            let programs = ["train.py", "sweep.py"].map { Binary.packageRoot + "/Sources/NNCommands/Resources/" + $0 }
            r = try Python.run("python", ["-m", "pyflakes"] + programs, in: dir)
            #expect(r.status == 0, "pyflakes: \(r.stdout) \(r.stderr)")
            for (k, name) in Self.names.enumerated() {
                let out = "run\(k)"
                r = try Binary.run(
                    [
                        "export", "--out", out, "--set", "name=\(name)", "--set", "description=see [a, *b] \(name)",
                        "--epochs", "1", "--set", "training.batch=full",
                    ], in: dir)
                #expect(r.status == 0, "\(name): \(r.stderr)")
                r = try Python.run("python", ["\(out)/train.py", "--log", "\(out)/torch.csv"], in: dir)
                #expect(r.status == 0, "\(name): \(r.stderr)")
                #expect(!FileManager.default.fileExists(atPath: dir + "/PWNED"), "the name ran as code")
                r = try Binary.run(
                    ["train", "--preset", "\(out)/preset.yaml", "--quiet", "--log", "\(out)/nntui.csv"], in: dir)
                #expect(r.status == 0, "\(name): \(r.stderr)")
                for log in ["torch.csv", "nntui.csv"] {
                    let follower = LogFollower(path: "\(dir)/\(out)/\(log)")
                    follower.poll()
                    #expect(
                        follower.malformed == 0 && follower.runs.map(\.name) == [name],
                        "\(log): \(follower.runs.map(\.name))")
                }
            }
        }

        /// Names no file can hold on one line: refused with one sentence, nothing written.
        @Test func controlCharactersInANameAreRefused() throws {
            let dir = Binary.temporaryFolder()
            for name in ["a\rb", "a\u{2028}b", "a\nb", "a\u{1B}[2Jb"] {
                try Binary.expectRefused(
                    ["export", "--out", "out", "--set", "name=\(name)"], in: dir, saying: "control character")
            }
            #expect(!FileManager.default.fileExists(atPath: dir + "/out"))
        }

        /// Every writing command with output paths of 1 to 255 bytes (ASCII, a
        /// multi-byte letter, '-', a trailing slash): it writes the file or refuses
        /// with one sentence, and never crashes.
        @Test func outputPathsOfEveryLength() throws {
            let dir = Binary.temporaryFolder()
            var rng = RandomSource(seed: 11)
            var written = 0, refused = 0
            let shapes = ["a", "é", "-", "x/", "e"]
            for length in [1, 2, 3, 17, 64, 200, 240, 250, 254, 255] {
                let base = shapes[rng.index(below: shapes.count)]
                var path = String(repeating: "n", count: max(length - base.utf8.count, 0)) + base
                if base == "-" && length == 1 { path = "-" }
                let command: [String] = [
                    ["train", "--epochs", "1", "--quiet", "--log", path],
                    ["train", "--epochs", "1", "--quiet", "--save", path],
                    ["polyfit", "--preset", "lawrence-giles", "--plot", path],
                    ["export", "--out", path, "--epochs", "1"],
                ][rng.index(below: 4)]
                let r = try Binary.run(command, in: dir)
                #expect(!r.stderr.contains("crashed") && !r.stderr.contains("Fatal error"), "\(command): \(r.stderr)")
                if r.status == 0 {
                    written += 1
                } else {
                    #expect(
                        r.status == 2 && r.stderr.split(separator: "\n").count == 1,
                        "\(command): \(r.status) \(r.stderr)")
                    refused += 1
                }
            }
            #expect(written >= 5, "written \(written), refused \(refused)")
            try Binary.expectRefused(["train", "--epochs", "1", "--log", "-"], in: dir, saying: "/dev/stdout")
            try Binary.expectRefused(
                ["train", "--epochs", "1", "--log", String(repeating: "n", count: 256)], in: dir,
                saying: "File name too long")
        }

        /// An export that is refused leaves no folder; a folder whose parent is a file
        /// and a link loop are named as such; two exports into one new folder both land.
        @Test func exportFolders() throws {
            let dir = Binary.temporaryFolder()
            try "x".write(toFile: dir + "/f", atomically: true, encoding: .utf8)
            try Binary.expectRefused(
                ["export", "--out", "new", "--set", "data.source=csv", "--set", "data.path=missing.csv"], in: dir,
                saying: "missing.csv")
            #expect(!FileManager.default.fileExists(atPath: dir + "/new"))
            try Binary.expectRefused(["export", "--out", "f/sub"], in: dir, saying: "f is a file, not a folder")
            symlink("loop2", dir + "/loop1"); symlink("loop1", dir + "/loop2")
            try Binary.expectRefused(["export", "--out", "loop1"], in: dir, saying: "symbolic links")
            let r = try Binary.shell(
                "$NNTUI export --out both --epochs 1 >/dev/null & $NNTUI export --out both --epochs 1 >/dev/null; "
                    + "s=$?; wait $!; echo $s $?",
                in: dir)
            #expect(r.stdout.trimmingCharacters(in: .whitespacesAndNewlines) == "0 0", "\(r.stdout) \(r.stderr)")
        }

        /// A folder deleted or a log replaced by a folder mid-run: exit 1 (a failure at
        /// run time), one sentence, and the checkpoint is still written.
        @Test func aLogThatFailsMidRunKeepsTheWeights() throws {
            let dir = Binary.temporaryFolder()
            let r = try Binary.shell(
                "$NNTUI train --epochs 100000 --quiet --log l.csv --save w.safetensors & sleep 2; rm l.csv; mkdir "
                    + "l.csv; wait $!; echo rc=$?",
                in: dir)
            #expect(r.stdout.contains("rc=1"), "\(r.stdout) \(r.stderr)")
            #expect(
                r.stderr.contains("the log could not be written") && r.stderr.contains("checkpoint was written"),
                "\(r.stderr)")
            #expect(FileManager.default.fileExists(atPath: dir + "/w.safetensors"))
        }
    }
}
