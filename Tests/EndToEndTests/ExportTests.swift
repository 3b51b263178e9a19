import Foundation
import TestSupport
import Testing

@testable import NNEngine
@testable import NNFiles
@testable import NNSession

/// `nntui export`: the exported PyTorch run against nntui's own, single process and
/// under torchrun, and the weights both ways. Runs the project's venv.
extension EndToEnd {
    @Suite struct ExportTests {
        /// The `train_loss` and `lr` columns of a log in nntui's CSV columns.
        static func losses(_ path: String) throws -> [(loss: Double, lr: Double)] {
            let rows = try String(contentsOfFile: path, encoding: .utf8).split(separator: "\n")
            #expect(rows.first == Substring(MetricsLog.header))
            return rows.dropFirst().map { row in
                let f = row.split(separator: ",", omittingEmptySubsequences: false)
                return (Double(f[4]) ?? .nan, Double(f[3]) ?? .nan)
            }
        }

        /// The largest relative difference of two runs' per-epoch losses (and equal rates,
        /// to the CSV's 6 significant digits).
        static func largestDifference(_ a: [(loss: Double, lr: Double)], _ b: [(loss: Double, lr: Double)]) -> Double {
            #expect(a.count == b.count && !a.isEmpty)
            for (x, y) in zip(a, b) { #expect(abs(x.lr - y.lr) <= 1e-5 * x.lr, "lr \(x.lr) vs \(y.lr)") }
            return zip(a, b).map { abs($0.loss - $1.loss) / abs($0.loss) }.max() ?? .infinity
        }

        /// Full batch: train.py, one process and two torchrun ranks (gloo), reproduce
        /// nntui's per-epoch training loss to 1e-3 relative, for every cost.
        @Test(
            Python.needed,
            arguments: [
                [
                    "--preset", "spiral-tanh", "--set", "optimizer.name=adamw", "--set", "training.weight-decay=0.01",
                    "--set", "schedule.name=cosine", "--set", "schedule.warmup=3", "--epochs", "40",
                ],
                [
                    "--preset", "xor-sigmoid", "--set", "optimizer.name=momentum", "--set", "schedule.name=step",
                    "--epochs", "60",
                ],
                [
                    "--preset", "lawrence-giles", "--set", "schedule.name=plateau", "--set", "schedule.patience=2",
                    "--epochs", "80",
                ],
                // Playground's regularization, a penalty in the cost: L2 with Adam, L1 with SGD
                [
                    "--preset", "spiral-tanh", "--set", "training.regularization=l2", "--set",
                    "training.regularization-rate=0.03", "--epochs", "40",
                ],
                // a value over the plane (Playground's multi-gauss)
                [
                    "--preset", "spiral-tanh", "--set", "data.source=multi-gauss", "--set", "network.output=identity",
                    "--epochs", "30",
                ],
                [
                    "--preset", "circle-relu", "--set", "optimizer.name=sgd", "--set", "optimizer.lr=0.1", "--set",
                    "training.regularization=l1",
                    "--set", "training.regularization-rate=0.01", "--epochs", "40",
                ],
            ])
        func fullBatchReproducesNntui(args: [String]) throws {
            let dir = Binary.temporaryFolder()
            var r = try Binary.run(["export", "--out", "run", "--set", "training.batch=full"] + args, in: dir)
            #expect(r.status == 0, "\(r.stderr)")
            r = try Binary.run(["train", "--preset", "run/preset.yaml", "--quiet", "--log", "nntui.csv"], in: dir)
            #expect(r.status == 0, "\(r.stderr)")
            r = try Python.run("python", ["run/train.py", "--log", "torch.csv"], in: dir)
            #expect(r.status == 0, "\(r.stderr)")
            r = try Python.run(
                "torchrun",
                [
                    "--standalone", "--nproc_per_node=2", "run/train.py", "--csv", "ddp.csv", "--save",
                    "ddp.safetensors",
                ], in: dir)
            if r.status != 0 {
                try? (r.stdout + r.stderr).write(toFile: "/tmp/ddp-fail.txt", atomically: true, encoding: .utf8)
            }
            #expect(r.status == 0, "\(r.stderr)")
            let nntui = try Self.losses(dir + "/nntui.csv")
            let single = Self.largestDifference(nntui, try Self.losses(dir + "/torch.csv"))
            let ranks = Self.largestDifference(nntui, try Self.losses(dir + "/ddp.csv"))
            print(
                "export \(args[1]): \(nntui.count) epochs, largest relative difference train.py \(single), torchrun "
                    + "x2 \(ranks)"
            )
            #expect(single <= 1e-3 && ranks <= 1e-3, "train.py \(single), torchrun \(ranks)")
        }

        /// Torch's weights load into nntui (its loss there is torch's final loss), and
        /// nntui's load into train.py (`--init`): torch's first epoch is nntui's next.
        @Test(Python.needed) func weightsGoBothWays() throws {
            let dir = Binary.temporaryFolder()
            var r = try Binary.run(
                ["export", "--out", "run", "--set", "training.batch=full", "--epochs", "20"], in: dir)
            #expect(r.status == 0, "\(r.stderr)")
            r = try Python.run("python", ["run/train.py"], in: dir)
            let torchFinal = try #require(
                r.stdout.split(separator: "\n").first { $0.hasPrefix("final train_loss") }
                    .flatMap { Double($0.split(separator: " ")[2]) }, "\(r.stdout) \(r.stderr)")
            r = try Binary.run(
                [
                    "train", "--preset", "run/preset.yaml", "--load", "run/final.safetensors", "--epochs", "1",
                    "--quiet", "--log", "back.csv",
                ], in: dir)
            #expect(r.status == 0, "\(r.stderr)")
            let back = try Self.losses(dir + "/back.csv")[0].loss
            #expect(abs(back - torchFinal) <= 1e-5 * torchFinal, "nntui \(back) vs torch \(torchFinal)")
            // nntui -> torch
            r = try Binary.run(
                ["train", "--preset", "run/preset.yaml", "--epochs", "10", "--quiet", "--save", "mine.safetensors"],
                in: dir)
            r = try Binary.run(
                ["train", "--preset", "run/preset.yaml", "--epochs", "11", "--quiet", "--log", "eleven.csv"], in: dir)
            r = try Python.run(
                "python", ["run/train.py", "--init", "mine.safetensors", "--epochs", "1", "--log", "from-nntui.csv"],
                in: dir)
            #expect(r.status == 0, "\(r.stderr)")
            let eleventh = try Self.losses(dir + "/eleven.csv")[10].loss,
                first = try Self.losses(dir + "/from-nntui.csv")[0].loss
            #expect(
                abs(eleventh - first) <= 1e-4 * eleventh,
                "nntui epoch 11 \(eleventh) vs torch from nntui's weights \(first)")
        }

        /// Mini-batches: the same chunker with torch's generator, the same statistics.
        /// An IDX set goes as indices and scaling, and train.py reads the IDX files.
        @Test(Python.needed) func miniBatchesAndIDXData() throws {
            let dir = Binary.temporaryFolder()
            let folder = dir + "/idx"
            try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
            // two classes of 4x4 images: bright top half or bright bottom half, with noise
            var rng = RandomSource(seed: 3)
            var images: [UInt8] = [], labels: [UInt8] = []
            for i in 0..<600 {
                let c = i % 2
                labels.append(UInt8(c))
                for p in 0..<16 {
                    images.append(UInt8((p < 8) == (c == 0) ? 160 + rng.index(below: 90) : rng.index(below: 100)))
                }
            }
            // gzip-compressed, the images without .gz in their name: both readers tell by the bytes
            try IDX.write(path: folder + "/train-images-idx3-ubyte", dimensions: [600, 4, 4], data: images, gzip: true)
            try IDX.write(path: folder + "/train-labels-idx1-ubyte.gz", dimensions: [600], data: labels, gzip: true)
            let set = [
                "--set", "data.source=idx", "--set", "data.path=\(folder)", "--set", "network.layers=auto,8,auto",
                "--set", "optimizer.name=sgd", "--set", "optimizer.lr=0.1", "--set", "training.batch=32", "--epochs",
                "15",
            ]
            var r = try Binary.run(["export", "--out", "run"] + set, in: dir)
            #expect(r.status == 0, "\(r.stderr)")
            r = try Python.run(
                "python",
                [
                    "-c",
                    "from safetensors.torch import load_file; d = load_file('run/data.safetensors'); "
                        + "print(sorted((k, tuple(v.shape), str(v.dtype)) for k, v in d.items()))",
                ], in: dir)
            #expect(
                r.stdout.contains("('train_index', (480,), 'torch.int64')")
                    && r.stdout.contains("('scale', (16,), 'torch.float32')"), "\(r.stdout)")
            r = try Binary.run(["train", "--preset", "run/preset.yaml", "--quiet", "--log", "nntui.csv"], in: dir)
            r = try Python.run("python", ["run/train.py", "--log", "torch.csv"], in: dir)
            #expect(r.status == 0, "\(r.stderr)")
            let nntui = try Self.losses(dir + "/nntui.csv"), torch = try Self.losses(dir + "/torch.csv")
            #expect(nntui.count == 15 && torch.count == 15)
            // the order differs; the run does not: both fall from the same start to within 30% of each other
            #expect(abs(nntui[0].loss - torch[0].loss) <= 0.05 * nntui[0].loss, "\(nntui[0]) \(torch[0])")
            #expect(
                torch[14].loss < 0.5 * torch[0].loss && abs(torch[14].loss - nntui[14].loss) <= 0.3 * nntui[14].loss,
                "nntui \(nntui.map(\.loss)) torch \(torch.map(\.loss))")
        }

        /// L1 from zero weights puts every weight at |w|'s kink, where rounding decides
        /// each step's sign: nntui and train.py parted by 48% by epoch 9. Refused, and
        /// nothing is written.
        @Test func exportRefusesL1FromZeroWeights() throws {
            let dir = Binary.temporaryFolder()
            let r = try Binary.run(
                [
                    "export", "--out", "run", "--preset", "circle-relu", "--set", "network.init=zeros",
                    "--set", "training.regularization=l1", "--set", "training.regularization-rate=0.01",
                ], in: dir)
            #expect(
                r.status == 2 && r.stderr.hasPrefix("nntui: L1 regularization from zero weights cannot be exported")
                    && r.stderr.filter { $0 == "\n" }.count == 1, "\(r.stderr)")
            #expect(!FileManager.default.fileExists(atPath: dir + "/run"))
        }

        /// Weights saved from an ordinary `nn.Sequential` of Linear layers (`0.weight`,
        /// `2.weight`, …) load with one line saying how they map; nntui's copy of them
        /// is torch's to the bit; a shape that does not fit is one sentence.
        @Test(Python.needed) func aSequentialsWeightsLoad() throws {
            let dir = Binary.temporaryFolder()
            try """
            import sys, torch
            from safetensors.torch import save_file, load_file
            torch.manual_seed(3)
            if sys.argv[1] == "save":
                for name, sizes in (("seq", [2, 16, 16, 3]), ("small", [2, 8, 3])):
                    layers = []
                    for a, b in zip(sizes, sizes[1:]):
                        layers += [torch.nn.Linear(a, b), torch.nn.Tanh()]
                    model = torch.nn.Sequential(*layers[:-1])
                    save_file({k: v.contiguous() for k, v in model.state_dict().items()}, name + ".safetensors")
            else:
                a, b = load_file("seq.safetensors"), load_file("init.safetensors")
                pairs = [("0", "layers.0"), ("2", "layers.1"), ("4", "layers.2")]
                print(all(torch.equal(a[t + s], b[n + s]) for t, n in pairs for s in (".weight", ".bias")))
            """.write(toFile: dir + "/seq.py", atomically: true, encoding: .utf8)
            var r = try Python.run("python", ["seq.py", "save"], in: dir)
            #expect(r.status == 0, "\(r.stderr)")
            r = try Binary.run(
                [
                    "train", "--preset", "spiral-tanh", "--load", "seq.safetensors", "--save-init", "init.safetensors",
                    "--epochs", "1", "--quiet",
                ], in: dir)
            #expect(
                r.status == 0
                    && r.stderr
                        == "nntui: seq.safetensors: nn.Sequential's Linear layers 0, 2, 4 loaded as nntui's layers 1 "
                        + "to 3 (W[l], b[l]).\n",
                "\(r.stderr)")
            r = try Python.run("python", ["seq.py", "check"], in: dir)
            #expect(r.stdout == "True\n", "\(r.stdout) \(r.stderr)")
            r = try Binary.run(
                ["train", "--preset", "spiral-tanh", "--load", "small.safetensors", "--epochs", "1", "--quiet"], in: dir
            )
            #expect(
                r.status == 2
                    && r.stderr
                        == "nntui: small.safetensors: tensor '0.weight' has shape [8, 2] but the network's layer 1 "
                        + "needs [16, 2].\n",
                "\(r.stderr)")
        }

        @Test func exportRefusesAFileAsItsFolder() throws {
            let dir = Binary.temporaryFolder()
            try "x".write(toFile: dir + "/f", atomically: true, encoding: .utf8)
            var r = try Binary.run(["export", "--out", "f"], in: dir)
            #expect(r.status == 2 && r.stderr == "nntui: --out f: is a file, not a folder.\n", "\(r.stderr)")
            r = try Binary.run(["export", "--out", "no/such"], in: dir)
            #expect(r.status == 2 && r.stderr.contains("--out no/such: the folder no does not exist."), "\(r.stderr)")
        }
    }
}
