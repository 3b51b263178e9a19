import Foundation
import TestSupport
import Testing

@testable import NNEngine
@testable import NNFiles
@testable import NNSession

extension EndToEnd {
    @Suite struct CommandLineTests {
        /// `--version`: the release, the commit, the Swift and the BLAS kernel, exit 0.
        @Test func versionNamesReleaseCommitSwiftAndKernel() throws {
            let r = try Binary.run(["--version"])
            #expect(r.status == 0 && r.stderr.isEmpty)
            #expect(
                r.stdout.contains(
                    /^nntui \d+\.\d+\.\d+ \(commit ([0-9a-f]{7,}|unknown), Swift 6\.\d[^,]*, OpenBLAS kernel \w+\)\n$/),
                "\(r.stdout)")
        }

        /// Completion in bash, as `make install` installs it: `nntui --preset <TAB>` offers
        /// the built-in presets (options before a command are the dashboard's), `--set`
        /// the keys and a closed key's values, `--color` its choices.
        @Test func bashCompletesPresetsKeysAndChoices() throws {
            let dir = Binary.temporaryFolder()
            var r = try Binary.shell("\(Binary.packageRoot)/scripts/completions.sh \"$NNTUI\" completions", in: dir)
            #expect(r.status == 0, "\(r.stderr)")
            func complete(_ words: [String]) throws -> [String] {
                let line = "nntui " + words.joined(separator: " ")
                let array = (["nntui"] + words).map { "'\($0)'" }.joined(separator: " ")
                r = try Binary.shell(
                    """
                    PATH="$(dirname "$NNTUI"):$PATH" bash --norc -c 'source completions/bash/nntui; \
                    COMP_WORDS=(\(array)); \
                    COMP_CWORD=\(words.count); COMP_LINE="\(line)"; COMP_POINT=${#COMP_LINE}; \
                    _nntui_default_command nntui "${COMP_WORDS[COMP_CWORD]}" "${COMP_WORDS[COMP_CWORD-1]}"; \
                    printf "%s\\n" "${COMPREPLY[@]}"'
                    """, in: dir)
                return r.stdout.split(separator: "\n").map(String.init)
            }
            let presets = try complete(["--preset", ""])
            #expect(presets.starts(with: BuiltinPresets.names), "\(presets) \(r.stderr)")
            #expect(try complete(["train", "--preset", "xor"]) == ["xor-sigmoid"])
            #expect(try complete(["compare", "--set", "optimizer.na"]) == ["optimizer.name="])
            #expect(
                try complete(["train", "--set", "optimizer.name=ad"]) == [
                    "optimizer.name=adagrad", "optimizer.name=adam", "optimizer.name=adamw",
                ])
            #expect(try complete(["watch", "--color", ""]).sorted() == ["always", "auto", "never"])
            #expect(try complete(["train", "--optimizer", "ad"]) == ["adagrad", "adam", "adamw"])
            #expect(try complete(["compare", "--optimizers", "sgd,ad"]) == ["sgd,adagrad", "sgd,adam", "sgd,adamw"])
            #expect(try complete(["summary", "--activation", "s"]).sorted() == ["sigmoid", "softplus", "swish"])
        }

        /// The closed sets are typed options: `--help` lists their values, a choice sets its
        /// preset key, and a value outside the set is one line naming the choices, exit 2.
        @Test func choicesAreTypedOptions() throws {
            var r = try Binary.run(["train", "--help"])
            #expect(
                r.stdout.contains("(values: sgd,") && r.stdout.contains("one-cycle)")
                    && r.stdout.contains("he-uniform"), "\(r.stdout)")
            r = try Binary.run(["summary", "--activation", "relu", "--init", "he", "--optimizer", "sgd"])
            #expect(r.status == 0 && r.stdout.contains("16       relu") && !r.stdout.contains(" tanh "), "\(r.stdout)")
            r = try Binary.run(["summary", "--activation", "relux"])
            #expect(r.status == 2 && r.stdout.isEmpty)
            #expect(
                r.stderr
                    == "nntui: The value 'relux' is invalid for '--activation <activation>'. Please provide one of: "
                    + "sigmoid, tanh, "
                    + "relu, leaky-relu, softplus, swish, identity (nntui help lists the commands and options).\n",
                "\(r.stderr)")
            r = try Binary.run(["compare", "--optimizers", "sgd,sgdd", "--epochs", "1"])
            #expect(
                r.status == 2 && r.stderr.split(separator: "\n").count == 1 && r.stderr.contains("adamw"), "\(r.stderr)"
            )
        }

        /// NNTUI_DATA names the folder that holds fashion-mnist/ (Debian's
        /// /usr/share/datasets otherwise).
        @Test(
            .enabled(
                if: FileManager.default.fileExists(atPath: "/usr/share/datasets/fashion-mnist"),
                "needs dataset-fashion-mnist (make test installs it)"))
        func theDataFolderIsConfigurable() throws {
            let dir = Binary.temporaryFolder()
            try FileManager.default.createSymbolicLink(
                atPath: dir + "/fashion-mnist", withDestinationPath: "/usr/share/datasets/fashion-mnist")
            var r = try Binary.shell(
                "NNTUI_DATA=\"$PWD\" \"$NNTUI\" train --preset fashion-mnist --epochs 1 --set data.samples=500 --quiet",
                in: dir)
            #expect(r.status == 0, "\(r.stderr)")
            r = try Binary.shell(
                "NNTUI_DATA=/no/such \"$NNTUI\" train --preset fashion-mnist --epochs 1 --quiet", in: dir)
            #expect(
                r.status == 2 && r.stderr.hasPrefix("nntui: /no/such/fashion-mnist: no such folder;"), "\(r.stderr)")
        }

        @Test func summaryCountsParameters() throws {
            let r = try Binary.run(["summary", "--set", "network.layers=784,100,10"])
            #expect(r.status == 0)
            #expect(r.stdout.contains("79,510"))
            #expect(r.stdout.contains("100 x 784"))
        }

        @Test func trainWritesTheDesignedCSV() throws {
            let dir = Binary.temporaryFolder()
            let r = try Binary.run(["train", "--preset", "xor-sigmoid", "--quiet", "--log", "x.csv"], in: dir)
            #expect(r.status == 0, "\(r.stderr)")
            #expect(r.stdout.isEmpty)
            let lines = try String(contentsOfFile: dir + "/x.csv", encoding: .utf8).split(separator: "\n")
            #expect(lines.first == "run,epoch,step,lr,train_loss,train_acc,val_loss,val_acc,seconds")
            #expect(lines.count == 1 + 200)
            #expect(lines[1].hasPrefix("xor-sigmoid,1,"))
            #expect(lines.last!.split(separator: ",", omittingEmptySubsequences: false).count == 9)
        }

        @Test func jsonPrintsOneObjectPerEpochAndAFinalOne() throws {
            let r = try Binary.run(["train", "--epochs", "4", "--json"])
            #expect(r.status == 0)
            let objects = r.stdout.split(separator: "\n").map {
                try! JSONSerialization.jsonObject(with: Data($0.utf8)) as! [String: Any]
            }
            #expect(objects.count == 5)
            #expect(objects[0]["epoch"] as? Int == 1)
            #expect(objects[4]["final"] as? Bool == true)
            for key in ["run", "epoch", "step", "lr", "train_loss", "train_acc", "val_loss", "val_acc", "seconds"] {
                #expect(objects[0][key] != nil, "missing \(key)")
            }
        }

        @Test func badInputExitsTwoWithOneSentence() throws {
            let dir = Binary.temporaryFolder()
            try "name: broken\nnetwork:\n  activation: sigmod\n".write(
                toFile: dir + "/b.yaml", atomically: true, encoding: .utf8)
            try "name: x\nnetwork:\n  layerz: [2, 3]\n".write(
                toFile: dir + "/k.yaml", atomically: true, encoding: .utf8)
            try "name: x\ntraining: {epochs: many}\n".write(toFile: dir + "/t.yaml", atomically: true, encoding: .utf8)
            try "name: [unclosed\n".write(toFile: dir + "/s.yaml", atomically: true, encoding: .utf8)
            let cases: [([String], String)] = [
                (
                    ["train", "--preset", "b.yaml"],
                    "b.yaml:3: network.activation: unknown value 'sigmod' (choices: sigmoid, tanh"
                ),
                (["train", "--preset", "k.yaml"], "k.yaml:3: unknown key 'network.layerz'"),
                (["train", "--preset", "t.yaml"], "t.yaml:2: training.epochs: 'many' is not a whole number"),
                (["train", "--preset", "s.yaml"], "s.yaml:2: YAML syntax error"),
                (["train", "--preset", "nope"], "preset 'nope' is neither a built-in preset"),
                (["train", "--set", "optimizer.lr=-1"], "optimizer.lr: -1 is out of range"),
                (["train", "--set", "training.batch=0"], "batch size 0 must be at least 1"),
                (
                    ["train", "--set", "training.batch=5000"],
                    "training.batch: 5000 is larger than the 480 training samples"
                ),
                (["train", "--set", "data.validation=1"], "data.validation: 1 is out of range"),
                (["train", "--set", "schedule.name=warp"], "unknown value 'warp' (choices: constant, step"),
                (["train", "--set", "data.source=cifar"], "unknown value 'cifar'"),
                (["train", "--set", "noequals"], "expected KEY=VALUE"),
                (["train", "--set", "network.layers=2,0,3"], "size '0' is not a whole number from 1"),
                (["train", "--set", "network.layers=5,16,3"], "the first size is 5 but spiral has 2 features"),
                (["train", "--load", "missing.safetensors"], "missing.safetensors: no such file"),
                (
                    ["train", "--set", "data.source=mnist", "--set", "data.path=/nonexistent"],
                    "/nonexistent: no such folder"
                ),
                (["train", "--set", "data.source=csv", "--set", "data.path=none.csv"], "none.csv: no such file"),
            ]
            for (args, want) in cases { try Binary.expectRefused(args, in: dir, saying: want) }
        }

        @Test func checkpointRoundTripContinuesFromTheSameWeights() throws {
            let dir = Binary.temporaryFolder()
            let preset = try Preset.load("spiral-tanh")
            let t = try Experiment.trainer(preset)
            for _ in 0..<5 { t.trainEpoch() }
            let before = t.evaluate(t.data.validation).loss
            try Checkpoint.save(t.network, preset: preset, to: dir + "/c.safetensors")
            let fresh = try Experiment.trainer(preset)
            #expect(fresh.evaluate(fresh.data.validation).loss != before)
            try Checkpoint.load(path: dir + "/c.safetensors", into: fresh.network)
            #expect(fresh.evaluate(fresh.data.validation).loss == before)
            // no temporary file is left beside it
            #expect(try FileManager.default.contentsOfDirectory(atPath: dir) == ["c.safetensors"])
            // the CLI continues from it
            let r = try Binary.run(["train", "--epochs", "1", "--load", "c.safetensors", "--json"], in: dir)
            #expect(r.status == 0, "\(r.stderr)")
        }

        @Test func checkpointErrorsNameTheProblem() throws {
            let dir = Binary.temporaryFolder()
            let preset = try Preset.load("spiral-tanh")
            let t = try Experiment.trainer(preset)
            try Checkpoint.save(t.network, preset: preset, to: dir + "/c.safetensors")
            let bytes = try Data(contentsOf: URL(fileURLWithPath: dir + "/c.safetensors"))
            try bytes.prefix(bytes.count - 10).write(to: URL(fileURLWithPath: dir + "/cut.safetensors"))
            try Data([1, 2, 3]).write(to: URL(fileURLWithPath: dir + "/tiny.safetensors"))
            var bad = Data([16, 0, 0, 0, 0, 0, 0, 0]); bad.append(Data("{not json}      ".utf8))
            try bad.write(to: URL(fileURLWithPath: dir + "/json.safetensors"))
            let cases: [([String], String)] = [
                (["train", "--load", "cut.safetensors"], "truncated"),
                (["train", "--load", "tiny.safetensors"], "truncated safetensors file"),
                (["train", "--load", "json.safetensors"], "header is not valid JSON"),
                (
                    ["train", "--load", "c.safetensors", "--set", "network.layers=auto,8,auto"],
                    "has shape [16, 2] but the network's layer 1 needs [8, 2]"
                ),
            ]
            for (args, want) in cases {
                let r = try Binary.run(args, in: dir)
                #expect(r.status == 2, "\(args): \(r.stderr)")
                #expect(r.stderr.contains(want), "\(args): \(r.stderr)")
            }
        }

        @Test(Python.needed) func checkpointLoadsInPython() throws {
            let dir = Binary.temporaryFolder()
            let r = try Binary.run(
                [
                    "train", "--epochs", "2", "--quiet", "--save", "s.safetensors", "--set",
                    "network.layers=auto,16,8,auto",
                ], in: dir)
            #expect(r.status == 0)
            let py = try Python.run(
                "python",
                [
                    "-c",
                    """
                    import json
                    from safetensors.numpy import load_file
                    from safetensors import safe_open
                    d = load_file('s.safetensors')
                    print(sorted((k, v.shape, str(v.dtype)) for k, v in d.items()))
                    with safe_open('s.safetensors', 'np') as f:
                        print(json.loads(f.metadata()['preset'])['network.layers'])
                    """,
                ], in: dir)
            let text = py.stdout
            #expect(py.status == 0, "\(py.stderr)")
            #expect(text.contains("('layers.0.weight', (16, 2), 'float32')"), "\(text)")
            #expect(text.contains("('layers.1.weight', (8, 16), 'float32')"))
            #expect(text.contains("('layers.2.bias', (3,), 'float32')"))
            #expect(text.contains("auto,16,8,auto"))
        }

        @Test func compareRaceLogsSixRuns() throws {
            let dir = Binary.temporaryFolder()
            let r = try Binary.run(
                ["compare", "--preset", "optimizer-race", "--seeds", "1", "--epochs", "5", "--log", "race.csv"], in: dir
            )
            #expect(r.status == 0, "\(r.stderr)")
            let rows = try String(contentsOfFile: dir + "/race.csv", encoding: .utf8).split(separator: "\n").dropFirst()
            let runs = rows.map { String($0.split(separator: ",")[0]) }
            #expect(Set(runs) == ["sgd", "momentum", "nesterov", "adagrad", "rmsprop", "adam"])
            #expect(rows.count == 30)
            // one contiguous block per run
            #expect(
                runs
                    == runs.enumerated().sorted {
                        ($0.element != $1.element)
                            ? runs.firstIndex(of: $0.element)! < runs.firstIndex(of: $1.element)!
                            : $0.offset < $1.offset
                    }.map(\.element))
            for name in ["sgd", "adam", "rmsprop"] { #expect(r.stdout.contains(name)) }
        }

        @Test func helpShowsExamples() throws {
            for cmd in ["train", "compare", "summary", "gradcheck", "presets", "bench", "tui"] {
                let r = try Binary.run([cmd, "--help"])
                #expect(r.status == 0)
                #expect(r.stdout.contains("nntui"), "\(cmd)")
                #expect(r.stdout.contains("Example"), "\(cmd)")
            }
        }

        @Test func gradcheckPasses() throws {
            let r = try Binary.run(["gradcheck", "--preset", "vanishing-sigmoid"])
            #expect(r.status == 0)
            #expect(r.stdout.contains("PASS") && !r.stdout.contains("FAIL"))
            #expect(r.stdout.split(separator: "\n").filter { $0.hasSuffix("PASS") }.count == 7)
        }
    }
}
