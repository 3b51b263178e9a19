/// The colours runs and classes are drawn in.
public enum Palette {
    static let cycle: [Color] = [.cyan, .yellow, .green, .magenta, .red, .blue, .white]
    /// Colour of series / run / class `i`.
    public static func series(_ i: Int) -> Color { cycle[i % cycle.count] }
}
