import Foundation
import Testing

@testable import NNEngine
@testable import NNFiles
@testable import NNSession

/// `network.activation` is a closed set parsed once: an alias is stored as its
/// canonical name, and a file saved after reads back the same.
@Suite struct ActivationNameTests {
    @Test func anAliasIsStoredAsItsCanonicalName() throws {
        var p = Preset()
        try p.apply(sets: ["network.activation=linear"])
        #expect(p.network.activation == .identity && p.text("network.activation") == "identity")
        #expect(try Preset.parse(yaml: try p.yaml(), file: "saved").network.activation == .identity)
        #expect(ActivationKind.allCases.map(\.rawValue) == Activation.names)
        for kind in ActivationKind.allCases { #expect(kind.activation(leakySlope: 0.2).kind == kind) }
    }
}
