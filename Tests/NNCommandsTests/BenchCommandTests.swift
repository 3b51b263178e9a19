import Testing

@testable import NNCommands

@Suite struct BenchCommandTests {
    /// 784/100/10: forward 2 N_w = 158,800; dC/dW 2 N_w = 158,800; W^T delta only
    /// for layer 2, 2 x 1,000 = 2,000: 319,600 FLOPs a sample.
    @Test func flopsPerSampleCountsForwardBackwardAndNoInputDelta() {
        #expect(BenchCommand.flopsPerSample([784, 100, 10]) == 319_600)
        // one layer: forward and dC/dW only
        #expect(BenchCommand.flopsPerSample([2, 3]) == 24)
    }
}
