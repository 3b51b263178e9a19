import Foundation
import Testing

@testable import NNEngine
@testable import NNFiles
@testable import NNSession

/// xor-sigmoid's own comparison shows the lecture's point in plain gradient descent:
/// behind a sigmoid, binary cross-entropy reaches 90% and squared error, whose delta
/// carries σ'(z), does not within the preset's 200 epochs.
@Suite struct CostLessonTests {
    @Test func crossEntropyLearnsFasterBehindASigmoid() throws {
        let base = try Preset.load("xor-sigmoid")
        let specs = try Comparison.specs(base: base, variation: .presetList)
        #expect(specs.map(\.label) == ["bce", "mse"] && specs.allSatisfy { $0.preset.optimizer.kind == .sgd })
        let data = try DataLoader.load(base.data, output: base.network.output)
        let trainers = try Comparison.trainers(specs, base: base, data: data)
        Comparison.trainInParallel(trainers, threads: 2, interrupt: Interrupt())
        func reached(_ t: Trainer) -> Int? { t.history.first { ($0.validationAccuracy ?? 0) >= 0.9 }?.epoch }
        let bce = try #require(reached(trainers[0]), "bce never reached 90%")
        #expect(bce < 200 && reached(trainers[1]) == nil, "bce at \(bce), mse at \(reached(trainers[1]) as Any)")
    }
}
