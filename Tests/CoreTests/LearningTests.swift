import Testing

@testable import NNEngine
@testable import NNFiles
@testable import NNSession

@Suite struct LearningTests {
    @Test func xorIsLearnedToFullAccuracy() {
        // the built-in xor set: quadrants kept 0.05 off the axes, no noise
        let store = Synthetic.make(.xor, samples: 200, noise: 0, seed: 1)
        let data = LoadedData(
            source: .xor, train: Dataset(store: store), validation: Dataset(store: store, indices: []),
            test: nil, truth: nil)
        let t = Fixtures.trainer(
            data, sizes: [2, 8, 8, 1], hidden: .sigmoid, output: .sigmoid,
            optimizer: .adam, lr: 0.03, batch: .size(16))
        for _ in 0..<300 { t.trainEpoch() }
        let e = t.evaluate(data.train)
        #expect(e.accuracy == 1.0, "accuracy \(e.accuracy ?? -1), loss \(e.loss)")
    }

    /// The ring of recent batch losses, oldest first, and its newest entry, before and
    /// after it wraps (200 entries).
    @Test func recentBatchLossesKeepTheLastTwoHundred() {
        let store = Synthetic.make(.xor, samples: 160, noise: 0, seed: 1)
        let data = LoadedData(
            source: .xor, train: Dataset(store: store), validation: Dataset(store: store, indices: []),
            test: nil, truth: nil)
        let t = Fixtures.trainer(
            data, sizes: [2, 4, 1], hidden: .tanh, output: .sigmoid, optimizer: .sgd, lr: 0.1, batch: .size(16))
        #expect(t.lastBatchLoss == nil && t.recentBatchLosses.isEmpty)
        var all: [Double] = []
        for _ in 0..<250 {
            t.trainMiniBatch()
            all.append(t.lastBatchLoss!)
            #expect(t.lastBatchLoss == t.recentBatchLosses.last)
        }
        #expect(t.recentBatchLosses == Array(all.suffix(Trainer.recentCount)))
    }

    @Test func softmaxSeparatesThreeClasses() {
        let data = Fixtures.classification(count: 300, classes: 3, seed: 2) { a, b in
            a + b > 0.5 ? 2 : (a - b > 0 ? 1 : 0)
        }
        let t = Fixtures.trainer(data, sizes: [2, 16, 3], hidden: .tanh, output: .softmax, optimizer: .sgd, lr: 0.5)
        for _ in 0..<150 { t.trainEpoch() }
        #expect((t.evaluate(data.train).accuracy ?? 0) > 0.95)
    }

    @Test func lossDecreasesOnRegression() {
        let data = Fixtures.regression(count: 100, inputs: 3, outputs: 2, seed: 4)
        let t = Fixtures.trainer(data, sizes: [3, 8, 2], hidden: .tanh, output: .identity, lr: 0.1)
        let before = t.evaluate(data.train).loss
        for _ in 0..<50 { t.trainEpoch() }
        #expect(t.evaluate(data.train).loss < before / 10)
    }

    /// A diverged run stops, goes back to the weights of its last sound epoch, and
    /// resumes from them at a lower rate: the loss is finite again and falls.
    @Test func divergenceGoesBackToTheLastSoundEpochAndResumes() throws {
        let data = Fixtures.regression(count: 64, inputs: 3, outputs: 1, seed: 4)
        let t = Fixtures.trainer(data, sizes: [3, 8, 1], hidden: .relu, output: .identity, lr: 0.05)
        for _ in 0..<5 { t.trainEpoch() }
        let good = t.network.layers.map(\.W.values), goodLoss = t.evaluate(data.train).loss
        t.optimizer.lr = 1000
        for _ in 0..<20 { t.trainEpoch() }
        let why = try #require(t.divergence)
        #expect(why.epoch == 6 && why.description.hasSuffix("the weights are back to the end of epoch 5"), "\(why)")
        #expect(t.network.layers.map(\.W.values) == good, "the weights of epoch 5, not the exploded ones")
        let steps = t.step
        t.trainEpoch()
        #expect(t.step == steps, "a diverged run does not train")
        t.optimizer.lr = 0.01
        t.resume()
        #expect(t.divergence == nil && t.epoch == 5)
        for _ in 0..<10 { t.trainEpoch() }
        #expect(t.divergence == nil && t.epoch == 15)
        #expect(t.evaluate(data.train).loss < goodLoss)
    }

    /// A schedule picked mid-run starts from the current epoch and rate: switching to
    /// `step` at epoch 10 keeps 0.032 and halves it ten epochs later; exponential
    /// decays by 0.95 an epoch unless told otherwise.
    @Test func aScheduleChosenLiveStartsFromNow() {
        let data = Fixtures.regression(count: 32, inputs: 2, outputs: 1, seed: 2)
        let t = Fixtures.trainer(
            data, sizes: [2, 4, 1], hidden: .tanh, output: .identity, lr: 0.032, batch: .full, epochs: 100)
        for _ in 0..<10 { t.trainEpoch() }
        var s = Schedule()
        s.kind = .step
        t.schedule = s
        #expect(t.currentLearningRate == 0.032)
        for _ in 0..<10 { t.trainEpoch() }
        #expect(t.currentLearningRate == 0.016)
        #expect(
            t.plannedLearningRates.rates.prefix(10).allSatisfy { $0 == 0.032 }
                && t.plannedLearningRates.rates[20] == 0.016)
        t.optimizer.lr = 0.064  // + during the schedule doubles it from here
        #expect(t.currentLearningRate == 0.032)
        s.kind = .exponential
        #expect(s.effectiveGamma == 0.95 && abs(s.rate(epoch: 2, base: 1, epochs: 10) - Float(0.95 * 0.95)) <= 1e-6)
    }
}
