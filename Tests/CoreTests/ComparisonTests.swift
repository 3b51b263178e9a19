import Testing

@testable import NNEngine
@testable import NNFiles
@testable import NNSession

@Suite struct ComparisonTests {
    @Test func runsStartFromIdenticalWeightsAndBatchOrder() throws {
        let base = try Preset.load("optimizer-race")
        let data = try DataLoader.load(base.data, output: base.network.output)
        let specs = try Comparison.specs(base: base, variation: .presetList)
        #expect(specs.map(\.label) == ["sgd", "momentum", "nesterov", "adagrad", "rmsprop", "adam"])
        let trainers = try Comparison.trainers(specs, base: base, data: data)
        for t in trainers.dropFirst() {
            for (a, b) in zip(t.network.layers, trainers[0].network.layers) {
                #expect(a.W.values == b.W.values)
                #expect(a.b.values == b.b.values)
            }
        }
        // before any step every run has the same loss on the same data
        let initial = trainers.map { $0.evaluate(data.validation).loss }
        #expect(Set(initial).count == 1)
        var zero = specs
        for i in zero.indices { zero[i].preset.optimizer.lr = 0 }
        let still = try Comparison.trainers(zero, base: base, data: data)
        for _ in 0..<5 { for t in still { t.trainEpoch() } }
        // with every learning rate 0 the curves coincide exactly (same batches, same weights)
        for t in still.dropFirst() {
            #expect(t.history.map(\.trainLoss) == still[0].history.map(\.trainLoss))
            #expect(t.history.map(\.validationLoss) == still[0].history.map(\.validationLoss))
        }
        // and with their own learning rates they part ways
        let racing = try Comparison.trainers(specs, base: base, data: data)
        for t in racing { t.trainEpoch() }
        #expect(Set(racing.map { $0.history[0].trainLoss }).count == racing.count)
    }

    @Test func varyAndOptimizerLists() throws {
        let base = try Preset.load("spiral-tanh")
        let lrs = try Comparison.specs(base: base, variation: Variation.parse(vary: "optimizer.lr=0.1,0.01"))
        #expect(lrs.map(\.label) == ["lr=0.1", "lr=0.01"])
        #expect(lrs.map(\.preset.optimizer.lr) == [0.1, 0.01])
        let two = try Comparison.specs(base: base, variation: .optimizers([.sgd, .adam]))
        #expect(two.map(\.preset.optimizer.kind) == [.sgd, .adam])
        #expect(two[1].preset.optimizer.lr == base.optimizer.lr)  // the preset's own optimizer keeps its rate
        #expect(throws: NNError.self) { try Comparison.specs(base: base, variation: .optimizers([.sgd, .sgd])) }
        #expect(throws: NNError.self) { try Comparison.specs(base: base, variation: .optimizers([])) }
        #expect(throws: NNError.self) {
            try Comparison.specs(base: base, variation: Variation.parse(vary: "optimizer.lr"))
        }
        #expect(throws: NNError.self) {
            try Comparison.specs(base: base, variation: Variation.parse(vary: "network.activation=tanh,sigmod"))
        }
        let acts = try Comparison.specs(base: base, variation: Variation.parse(vary: "network.activation=tanh,relu"))
        let trainers = try Comparison.trainers(
            acts, base: base, data: DataLoader.load(base.data, output: base.network.output))
        #expect(trainers.map(\.network.hidden) == [.tanh, .relu])
    }
}
