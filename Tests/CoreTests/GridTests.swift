import Foundation
import Testing

@testable import NNEngine
@testable import NNFiles
@testable import NNSession

/// `--vary` more than once is a grid: the product of the keys' values, each a variant;
/// a value list may be a range, log- or evenly spaced.
@Suite struct GridTests {
    @Test func rangesAreLogOrEvenlySpaced() throws {
        #expect(try Variation.range("1e-4..1e-1:log:4", in: "") == ["0.0001", "0.001", "0.01", "0.1"])
        #expect(try Variation.range("0..1:lin:5", in: "") == ["0", "0.25", "0.5", "0.75", "1"])
        for bad in ["0..1:log:3", "1..0:lin:3", "1..2:lin:1", "1..2:lin:101", "1..2:cube:3", "1..2", "a..2:lin:3"] {
            #expect(throws: NNError.self, "\(bad)") { try Variation.range(bad, in: "") }
        }
    }

    /// Two keys: every pair of values, the first key slowest, named by both settings.
    @Test func aGridIsTheProductOfItsKeys() throws {
        let base = try Preset.load("spiral-tanh")
        let v = try Variation.parse(vary: ["optimizer.lr=0.01..1:log:3", "network.activation=tanh,relu"])
        guard case .grid(let axes) = v else { Issue.record("\(v)"); return }
        #expect(axes.map(\.key) == ["optimizer.lr", "network.activation"] && axes[0].values == ["0.01", "0.1", "1"])
        let specs = try Comparison.specs(base: base, variation: v)
        #expect(specs.count == 6)
        #expect(
            specs.map(\.label) == [
                "lr=0.01 activation=tanh", "lr=0.01 activation=relu", "lr=0.1 activation=tanh",
                "lr=0.1 activation=relu", "lr=1 activation=tanh", "lr=1 activation=relu",
            ])
        #expect(specs[3].preset.optimizer.lr == 0.1 && specs[3].preset.network.activation == .relu)
        // one key is today's list; a key twice, a bad value, a grid past its size: refused
        #expect(try Variation.parse(vary: ["optimizer.lr=0.1,0.2"]) == .values(key: "optimizer.lr", ["0.1", "0.2"]))
        #expect(throws: NNError.self) { try Variation.parse(vary: ["optimizer.lr=1,2", "optimizer.lr=3,4"]) }
        #expect(throws: NNError.self) {
            try Comparison.specs(
                base: base, variation: try Variation.parse(vary: ["optimizer.lr=1,x", "network.activation=tanh"]))
        }
        #expect(throws: NNError.self) {
            try Variation.parse(vary: ["optimizer.lr=1..2:lin:100", "training.epochs=1..20:lin:11"])
        }
    }
}
