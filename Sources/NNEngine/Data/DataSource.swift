/// Where a run's samples come from (`data.source`).
public enum DataSource: String, CaseIterable, Sendable, CustomStringConvertible {
    case spiral, circle, xor, gauss, moons, sine
    /// Playground's 2-D regression sets: a tilted plane and six signed bumps.
    case regressionPlane = "plane"
    case multiGauss = "multi-gauss"
    case lawrenceGiles = "lawrence-giles"
    case fashionMNIST = "fashion-mnist"
    case mnist, idx, csv
    /// Points drawn by hand in the boundary view, kept in `data.points`.
    case drawn

    /// The built-in 2-D classification sets, in the order the settings panel cycles them.
    public static let plane: [DataSource] = [.spiral, .circle, .xor, .gauss, .moons]
    /// The built-in 2-D regression sets (a value over the plane).
    public static let planeRegression: [DataSource] = [.regressionPlane, .multiGauss]
    /// Every built-in set on the plane, in the order the data row cycles them.
    public static let onPlane = plane + planeRegression

    public var description: String { rawValue }
    /// Built in and seeded (`data.samples`, `data.noise` and `data.seed` apply).
    public var isSynthetic: Bool { Self.onPlane.contains(self) || self == .sine }
    /// Read from a folder of IDX files.
    public var isIDX: Bool { self == .fashionMNIST || self == .mnist || self == .idx }
    /// Its samples are read from files (their seed only splits them).
    public var isRead: Bool { isIDX || self == .csv }
    /// Needs `data.path`.
    public var needsPath: Bool { self == .mnist || self == .idx || self == .csv }
}
