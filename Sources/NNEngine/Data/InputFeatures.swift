import Foundation

/// An input the network sees for a point `(x1, x2)` of a 2-D set, as TensorFlow
/// Playground offers them: `x1^2, x2^2` and no hidden layer solve the circle with a
/// linear model.
public enum InputFeature: String, CaseIterable, Sendable {
    case x1, x2
    case x1Squared = "x1^2", x2Squared = "x2^2", x1TimesX2 = "x1*x2"
    case sinX1 = "sin(x1)", sinX2 = "sin(x2)"

    /// The feature's value at `(x1, x2)`.
    public func value(_ x1: Float, _ x2: Float) -> Float {
        switch self {
        case .x1: x1
        case .x2: x2
        case .x1Squared: x1 * x1
        case .x2Squared: x2 * x2
        case .x1TimesX2: x1 * x2
        case .sinX1: sin(x1)
        case .sinX2: sin(x2)
        }
    }

    /// The plain coordinates, what a 2-D set gives without `data.features`.
    public static let plain: [InputFeature] = [.x1, .x2]

    /// `features` with this one turned on (in `allCases` order) or off.
    public func toggled(in features: [InputFeature]) -> [InputFeature] {
        features.contains(self)
            ? features.filter { $0 != self } : Self.allCases.filter { $0 == self || features.contains($0) }
    }

    /// The store of `features` computed from a 2-D store's points.
    package static func expand(_ store: SampleStore, _ features: [InputFeature]) -> SampleStore {
        var values = [Float]()
        values.reserveCapacity(store.count * features.count)
        for i in 0..<store.count {
            let x1 = store.raw(i, 0), x2 = store.raw(i, 1)
            for f in features { values.append(f.value(x1, x2)) }
        }
        return SampleStore(features: .float(values), featureCount: features.count, targets: store.targets)
    }
}
