import Testing

@testable import NNEngine
@testable import NNFiles
@testable import NNSession

/// The lecture's observation, on the numbers the gradient view draws.
@Suite struct VanishingGradientTests {
    func ratios(_ activation: String, initializer: Initializer) throws -> [Double] {
        var p = try Preset.load("vanishing-sigmoid")
        p.network.activation = try #require(ActivationKind(name: activation))
        p.network.initializer = initializer
        let t = try Experiment.trainer(p)
        return (0..<5).map { _ in
            let layers = t.trainEpoch()!.layers
            return layers.first!.gradientNorm / layers.last!.gradientNorm
        }
    }

    @Test func deepSigmoidFirstLayerGradientIsAHundredTimesSmaller() throws {
        let sigmoid = try ratios("sigmoid", initializer: .xavier)
        for r in sigmoid { #expect(r <= 0.01, "‖dC/dW[1]‖/‖dC/dW[L]‖ = \(r)") }
        // the relu twin keeps its gradients alive
        let relu = try ratios("relu", initializer: .he)
        for (s, r) in zip(sigmoid, relu) { #expect(r > 10 * s) }
    }
}
