/// The dashboard's views, which `v` cycles through (only those that fit the data are
/// offered) and a lesson names (`setup.view`, the `view:` condition). The raw value is
/// the view's title.
public enum ViewKind: String, CaseIterable, Sendable {
    case curves = "training curves"
    case boundary = "decision boundary"
    case fit = "fit"
    case confusion = "confusion matrix"
    case gradients = "gradients and weights"
    case network = "network"
    case learningRate = "learning rate"
    case equations = "equations"

    /// The name a lesson file gives the view: `curves`, `learning-rate`.
    public var name: String {
        switch self {
        case .curves: "curves"
        case .boundary: "boundary"
        case .fit: "fit"
        case .confusion: "confusion"
        case .gradients: "gradients"
        case .network: "network"
        case .learningRate: "learning-rate"
        case .equations: "equations"
        }
    }

    /// The view a lesson file names.
    public init?(name: String) {
        guard let v = Self.allCases.first(where: { $0.name == name }) else { return nil }
        self = v
    }
}
