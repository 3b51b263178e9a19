import Foundation
import Testing

@testable import NNEngine
@testable import NNFiles
@testable import NNSession

/// Training flushes subnormal floats to zero for its own speed, and leaves the
/// caller's thread as it found it.
@Suite struct FloatModeTests {
    @inline(never) static func halve(_ x: Float, times n: Int) -> Float {
        var y = x
        for _ in 0..<n { y /= 2 }
        return y
    }

    @Test func trainingLeavesTheCallersFloatModeAlone() throws {
        #expect(Self.halve(.leastNormalMagnitude, times: 4) > 0, "subnormals before training")
        let data = Fixtures.classification(count: 32, classes: 2, seed: 1) { a, _ in a > 0 ? 1 : 0 }
        let t = Fixtures.trainer(
            data, sizes: [2, 4, 2], hidden: .tanh, output: .softmax, lr: 0.1, batch: .size(8), epochs: 1)
        t.trainMiniBatch()
        #expect(Self.halve(.leastNormalMagnitude, times: 4) > 0, "training left flush-to-zero on for the caller")
    }
}
