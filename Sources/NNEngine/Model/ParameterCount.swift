/// The parameter count of a network `N0/N1/.../NL`, from its sizes alone:
/// `N_b = N1 + ... + NL`, `N_w = N0 N1 + ... + N(L-1) NL` (784/100/10 -> 79,510).
public struct ParameterCount: Equatable, Sendable {
    public let biases: Int
    public let weights: Int
    public var total: Int { biases + weights }

    public init(sizes: [Int]) {
        biases = sizes.dropFirst().reduce(0, +)
        weights = zip(sizes, sizes.dropFirst()).reduce(0) { $0 + $1.0 * $1.1 }
    }
}
