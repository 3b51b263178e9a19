import Foundation
import Testing

@testable import NNEngine
@testable import NNFiles
@testable import NNSession

@Suite struct PresetTests {
    /// Every file of Presets/ is built in, under the name its file has (a file added to the
    /// folder but not to `BuiltinPresets` would be missing from the binary).
    @Test func everyPresetFileIsBuiltInUnderItsName() throws {
        let folder = Fixtures.packageRoot + "/Sources/NNFiles/Presets"
        let files = try FileManager.default.contentsOfDirectory(atPath: folder).filter { $0.hasSuffix(".yaml") }
        #expect(Set(BuiltinPresets.names) == Set(files.map { String($0.dropLast(5)) }))
        #expect(BuiltinPresets.names.first == "spiral-tanh" && BuiltinPresets.names.count == files.count)
        #expect(Array(BuiltinPresets.names.dropFirst()) == BuiltinPresets.names.dropFirst().sorted())
    }

    @Test(arguments: BuiltinPresets.names)
    func everyBuiltInPresetParsesAndTrainsOneEpoch(name: String) throws {
        var p = try Preset.load(name)
        #expect(p.name == name)
        if p.data.source == .mnist {
            // a tiny MNIST-shaped folder written here
            let dir = temporaryFolder()
            let images = (0..<(40 * 784)).map { UInt8($0 % 256) }
            try IDX.write(
                path: dir + "/train-images-idx3-ubyte.gz", dimensions: [40, 28, 28], data: images, gzip: true)
            try IDX.write(
                path: dir + "/train-labels-idx1-ubyte.gz", dimensions: [40], data: (0..<40).map { UInt8($0 % 10) },
                gzip: true)
            p.data.path = dir
            p.training.batch = .size(8)
        }
        if p.data.source == .fashionMNIST && !FileManager.default.fileExists(atPath: DataFolders.fashionMNIST) {
            // make test installs the data set, so there it must be found; plain swift test says what it left out
            #expect(
                ProcessInfo.processInfo.environment["NNTUI_REQUIRE_PYTHON"] != "1",
                "make test installs dataset-fashion-mnist, but \(DataFolders.fashionMNIST) is missing")
            print("left out: \(name) (no \(DataFolders.fashionMNIST); make test installs it)")
            return
        }
        let t = try Experiment.trainer(p)
        let r = try #require(t.trainEpoch())
        #expect(r.epoch == 1 && r.trainLoss.isFinite)
        // and survives a YAML round trip
        let again = try Preset.parse(yaml: try p.yaml(), file: "roundtrip")
        #expect(again == p)
    }

    @Test func overridesParse() throws {
        var p = try Preset.load("spiral-tanh")
        try p.apply(sets: [
            "optimizer.name=sgd", "optimizer.lr=0.5", "network.layers=784,100,10", "training.batch=full",
            "schedule.name=one-cycle", "network.activation=leaky-relu", "network.leaky-slope=0.2",
        ])
        #expect(p.optimizer.kind == .sgd && p.optimizer.lr == 0.5)
        #expect(p.network.layers == [784, 100, 10])
        #expect(p.training.batch == .full)
        #expect(p.schedule.kind == .oneCycle)
        #expect(p.network.hidden == .leakyRelu(slope: 0.2))
        #expect(p.compare.isEmpty)
        let race = try Preset.load("optimizer-race")
        #expect(race.compare.count == 6)
        #expect(
            race.compare[1] == [
                .init(key: "optimizer.name", value: "momentum"), .init(key: "optimizer.lr", value: "0.05"),
            ])
    }

    @Test func yamlErrorsCarryTheLine() {
        let cases: [(String, String)] = [
            ("name: x\noptimizer:\n  name: adam\n  lr: fast\n", "f.yaml:4: optimizer.lr: 'fast' is not a number"),
            ("- just\n- a list\n", "f.yaml:1: a preset must be a mapping"),
            ("compare:\n  - optimizer: {name: sgdd}\n", "f.yaml:2 (compare): optimizer.name: unknown value 'sgdd'"),
            ("network: {layers: [2, auto, 3]}\n", "only the first and last sizes may be 'auto'"),
            ("schedule: {factor: 2}\n", "schedule.factor: 2 is out of range"),
        ]
        for (yaml, want) in cases {
            do {
                _ = try Preset.parse(yaml: yaml, file: "f.yaml")
                Issue.record("no error for \(yaml)")
            } catch {
                #expect("\(error)".contains(want), "\(error)")
            }
        }
    }
}
