@testable import NNEngine
@testable import NNFiles
@testable import NNSession
@testable import NNTUI

/// Fixed inputs for the view snapshot tests.
enum ViewFixtures {
    static func record(_ e: Int, loss: Double, acc: Double?, layers: [LayerStatistics] = []) -> EpochRecord {
        EpochRecord(
            epoch: e, step: e * 10, lr: 0.01, trainLoss: loss, trainAccuracy: acc, validationLoss: loss * 1.1,
            validationAccuracy: acc.map { $0 - 0.01 }, seconds: Double(e) * 0.5, layers: layers)
    }

    static func run(
        label: String = "spiral-tanh", preset: Preset? = nil, sizes: [Int] = [2, 16, 16, 3],
        losses: [Double] = [1.0, 0.8, 0.5, 0.3, 0.2], classification: Bool = true
    ) -> RunSnapshot {
        var p = preset ?? (try! Preset.load("spiral-tanh"))
        if !classification { p.network.output = .identity }
        let history = losses.enumerated().map {
            record($0.offset + 1, loss: $0.element, acc: classification ? 1 - $0.element / 2 : nil)
        }
        return RunSnapshot(
            label: label, setting: "lr=0.01", preset: p, sizes: sizes, state: .running, divergence: nil,
            history: EpochHistory(history), epoch: history.count, totalEpochs: 300, step: history.count * 15,
            batchInEpoch: 3, batchesInEpoch: 15, batchSize: 32, seconds: 2.5, samplesPerSecond: 12_345,
            learningRate: 0.01,
            plannedLearningRates: LearningRatePlan(epochs: Array(0..<300), rates: Array(repeating: 0.01, count: 300)))
    }

    static func data(classes: [String] = ["0", "1", "2"], features: Int = 2) -> DataSummary {
        DataSummary(
            source: .spiral, trainCount: 480, validationCount: 120, testCount: nil, featureCount: features,
            classNames: classes, imageShape: nil,
            points: [
                PlanePoint(x: -0.5, y: 0.5, label: 0, isValidation: false),
                PlanePoint(x: 0.5, y: -0.5, label: 1, isValidation: true),
            ])
    }

    static func state(
        _ runs: [RunSnapshot], width: Int = 120, height: Int = 40, data: DataSummary? = ViewFixtures.data()
    ) -> AppState {
        var s = Snapshot()
        s.runs = runs
        s.compareMode = runs.count > 1
        s.data = data
        s.speedIndex = 3
        var a = AppState(snapshot: s, width: width, height: height)
        a.colors = false
        return a
    }
}
