import Foundation
import Testing

@testable import NNEngine
@testable import NNFiles
@testable import NNSession

/// A run of any length keeps a bounded, evenly spaced history whose newest record
/// is always the last epoch trained.
@Suite struct EpochHistoryTests {
    @Test func aMillionEpochsKeepAtMostTheLimit() {
        var h = EpochHistory(limit: 1000)
        for e in 1...1_000_000 {
            h.append(EpochRecord(epoch: e, step: e, lr: Float(e), trainLoss: 1 / Double(e), seconds: 0))
            #expect(h.count <= 1001)
        }
        #expect(h.last?.epoch == 1_000_000 && h.first?.epoch == 1)
        let kept = h.dropLast().map(\.epoch)
        #expect(zip(kept, kept.dropFirst()).allSatisfy { $1 - $0 == h.stride }, "evenly spaced by \(h.stride)")
        #expect(h.stride == 1024 && h.count > 500)
        // the rate of an early epoch is the nearest kept one's
        #expect(h.learningRate(atEpochIndex: 0) == 1 && h.learningRate(atEpochIndex: 2048) == 2049)
        var short = EpochHistory(limit: 1000)
        for e in 1...10 { short.append(EpochRecord(epoch: e, step: e, lr: 0.1, trainLoss: 1, seconds: 0)) }
        #expect(short.map(\.epoch) == Array(1...10) && short.stride == 1)
    }
}
