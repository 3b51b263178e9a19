/// The colours runs and classes are drawn in.
public enum Palette {
    /// Blue last: dark blue is hard to read on a black terminal.
    static let cycle: [Color] = [.cyan, .yellow, .green, .magenta, .red, .white, .blue]
    /// Colour of series / run / class `i`.
    public static func series(_ i: Int) -> Color { cycle[i % cycle.count] }
}
