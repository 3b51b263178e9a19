import Foundation
import Testing

@testable import NNEngine
@testable import NNFiles
@testable import NNSession

/// Seeded random-mutation fuzzing of every reader: each mutated input must either
/// parse or throw an `NNError`; a crash fails the whole run. Bounded by an
/// iteration count (a few seconds in CI); raise NNTUI_FUZZ_ITERATIONS for a longer run.
@Suite struct FuzzTests {
    static let iterations = Int(ProcessInfo.processInfo.environment["NNTUI_FUZZ_ITERATIONS"] ?? "") ?? 400

    /// Flips, inserts, deletes, duplicates and truncates bytes.
    static func mutate(_ input: [UInt8], _ rng: inout RandomSource) -> [UInt8] {
        var b = input
        for _ in 0..<(1 + rng.index(below: 4)) {
            switch rng.index(below: 6) {
            case 0 where !b.isEmpty: b[rng.index(below: b.count)] ^= UInt8(1 << rng.index(below: 8))
            case 1: b.insert(UInt8(rng.index(below: 256)), at: rng.index(below: b.count + 1))
            case 2 where !b.isEmpty: b.remove(at: rng.index(below: b.count))
            case 3 where !b.isEmpty: b = Array(b.prefix(rng.index(below: b.count)))
            case 4 where !b.isEmpty:
                b[rng.index(below: b.count)] = [0, 0xFF, 0x7F, 0x80, 0x3A, 0x2C, 0x0A][rng.index(below: 7)]
            case 5 where b.count > 2:
                let i = rng.index(below: b.count - 1), n = min(8, b.count - i)
                b.insert(contentsOf: b[i..<(i + n)], at: rng.index(below: b.count))
            default: break
            }
        }
        return b
    }

    func fuzz(_ seedInputs: [[UInt8]], seed: UInt64, _ body: ([UInt8]) throws -> Void) {
        var rng = RandomSource(seed: seed)
        var accepted = 0, rejected = 0
        for i in 0..<Self.iterations {
            let input = Self.mutate(seedInputs[i % seedInputs.count], &rng)
            do {
                try body(input)
                accepted += 1
            } catch is NNError {
                rejected += 1
            } catch {
                Issue.record("not an NNError: \(error)")
            }
        }
        #expect(accepted + rejected == Self.iterations)
        #expect(rejected > 0, "the mutations never produced a bad input")
    }

    @Test func presetReader() {
        let inputs = BuiltinPresets.names.map { Array(BuiltinPresets.yaml[$0]!.utf8) }
        fuzz(inputs, seed: 1) { bytes in
            var p = try Preset.parse(yaml: String(decoding: bytes, as: UTF8.self), file: "fuzz.yaml")
            try p.apply(sets: ["optimizer.lr=0.01"])
        }
    }

    @Test func idxReader() throws {
        var valid: [UInt8] = [0, 0, 8, 3, 0, 0, 0, 4, 0, 0, 0, 3, 0, 0, 0, 2]
        valid += (0..<24).map { UInt8($0 * 9 % 256) }
        fuzz([valid, [0, 0, 8, 1, 0, 0, 0, 5, 1, 2, 3, 4, 5]], seed: 2) { bytes in
            let (h, data) = try IDX.parse(bytes, name: "fuzz-idx")
            #expect(h.count == data.count)
        }
    }

    @Test func csvReader() {
        let inputs = [Array("a,b,label\n1,2,x\n3.5,-1,y\n0,0,x\n".utf8), Array("y,f\n1.5,2\n2.5,3\n".utf8)]
        fuzz(inputs, seed: 3) { bytes in
            let text = String(decoding: bytes, as: UTF8.self)
            _ = try CSVReader.parse(text, name: "fuzz.csv", target: nil, classification: true)
            _ = try CSVReader.parse(text, name: "fuzz.csv", target: nil, classification: false)
        }
    }

    @Test func safetensorsReader() throws {
        let dir = NSTemporaryDirectory() + "nntui-fuzz-\(UUID().uuidString)"
        try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
        let net = Network(sizes: [3, 4, 2], hidden: .tanh, output: .softmax)
        var rng = RandomSource(seed: 1)
        net.initialize(.xavier, rng: &rng)
        try Checkpoint.save(net, preset: Preset(), to: dir + "/c.safetensors")
        let valid = [UInt8](try Data(contentsOf: URL(fileURLWithPath: dir + "/c.safetensors")))
        let target = Network(sizes: [3, 4, 2], hidden: .tanh, output: .softmax)
        fuzz([valid], seed: 4) { bytes in
            let (tensors, _) = try Checkpoint.parse(Data(bytes), name: "fuzz.safetensors")
            try Checkpoint.apply(tensors, name: "fuzz.safetensors", to: target)
        }
    }

    /// Presets with anchors and aliases put anywhere (nested alias bombs among them):
    /// each is refused or read, quickly; none is expanded.
    @Test func presetAliases() {
        let inputs = BuiltinPresets.names.map { Array(BuiltinPresets.yaml[$0]!.utf8) }
        var rng = RandomSource(seed: 5)
        var refused = 0
        for i in 0..<Self.iterations {
            var lines = String(decoding: inputs[i % inputs.count], as: UTF8.self).split(separator: "\n").map(
                String.init)
            for _ in 0..<(1 + rng.index(below: 3)) where !lines.isEmpty {
                let k = rng.index(below: lines.count)
                let token = ["&a ", "*a", "&b [1, 2]", "*b", "{x: *a}", "[*a, *a, *a]"][rng.index(below: 6)]
                if let colon = lines[k].firstIndex(of: ":") {
                    lines[k] = String(lines[k][...colon]) + " " + token
                } else {
                    lines[k] += " " + token
                }
            }
            let bytes = Array(Self.mutate(Array(lines.joined(separator: "\n").utf8), &rng))
            do {
                _ = try Preset.parse(yaml: String(decoding: bytes, as: UTF8.self), file: "fuzz.yaml")
            } catch let e as NNError {
                if e.description.contains("anchors and aliases") { refused += 1 }
            } catch {
                Issue.record("not an NNError: \(error)")
            }
        }
        #expect(refused > Self.iterations / 4, "only \(refused) refused as aliases")
    }

    /// IDX folders whose splits disagree (shapes, label ranges) or whose headers promise
    /// too much: each loads or is refused with an NNError; what loads evaluates its
    /// test split without touching memory out of bounds (sizes checked in the store).
    @Test func idxFolders() throws {
        var rng = RandomSource(seed: 6)
        let shapes: [[Int]] = [
            [6, 4, 4], [6, 8, 8], [6, 2, 8], [0, 4, 4], [6, 0, 4], [3, 4, 4], [6, 16], [6, 65536, 65536],
        ]
        var evaluated = 0, refused = 0
        for i in 0..<max(Self.iterations / 10, 20) {
            let dir = temporaryFolder()
            defer { try? FileManager.default.removeItem(atPath: dir) }
            for split in ["train", "t10k"] where split == "train" || rng.index(below: 3) > 0 {
                let dims = shapes[rng.index(below: shapes.count)]
                let count = dims.count == 3 && dims[1] * dims[2] <= 256 ? dims.reduce(1, *) : 0
                var images: [UInt8] = [0, 0, 8, UInt8(dims.count)]
                for d in dims {
                    images += [UInt8(d >> 24 & 255), UInt8(d >> 16 & 255), UInt8(d >> 8 & 255), UInt8(d & 255)]
                }
                images += (0..<count).map { _ in UInt8(rng.index(below: 256)) }
                images = rng.index(below: 4) == 0 ? Self.mutate(images, &rng) : images
                let labels =
                    [0, 0, 8, 1, 0, 0, 0, UInt8(dims[0] & 255)]
                    + (0..<dims[0]).map { _ in UInt8([0, 1, 2, 9, 200, 255][rng.index(below: 6)]) }
                try Data(images).write(to: URL(fileURLWithPath: "\(dir)/\(split)-images-idx3-ubyte"))
                try Data(labels).write(to: URL(fileURLWithPath: "\(dir)/\(split)-labels-idx1-ubyte"))
            }
            var d = Preset.DataSettings()
            d.source = .idx
            d.path = dir
            d.seed = UInt64(i)
            do {
                let data = try DataLoader.load(d, output: .softmax)
                var p = Preset()
                p.data = d
                p.network.layers = [nil, 3, nil]
                p.training.batch = .full
                let t = try Experiment.trainer(p, data: data)
                _ = t.trainEpoch()
                if let test = data.test {
                    #expect(test.store.featureCount == data.featureCount)
                    #expect(test.indices.allSatisfy { test.store.label($0) < data.classNames.count })
                    let e = t.evaluate(test)
                    #expect(e.accuracy.map { (0...1).contains($0) } ?? true)
                    evaluated += 1
                }
            } catch is NNError {
                refused += 1
            } catch {
                Issue.record("not an NNError: \(error)")
            }
        }
        #expect(evaluated > 0 && refused > 0, "evaluated \(evaluated), refused \(refused)")
    }
}
