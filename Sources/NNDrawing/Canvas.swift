/// A terminal colour: one of the 8 standard colours, the terminal's default, or a
/// colour of the 256-colour palette with the standard colour to show where the
/// terminal has only 8.
public struct Color: Hashable, Sendable {
    /// The palette index (0-7 standard, 16-231 the 6x6x6 cube), or -1 for the default.
    public let index: Int16
    /// The standard colour (0-7, or -1) an 8-colour terminal shows instead.
    public let basic: Int16

    public static let `default` = Color(index: -1, basic: -1)
    public static let black = Color(index: 0, basic: 0), red = Color(index: 1, basic: 1),
        green = Color(index: 2, basic: 2)
    public static let yellow = Color(index: 3, basic: 3), blue = Color(index: 4, basic: 4),
        magenta = Color(index: 5, basic: 5)
    public static let cyan = Color(index: 6, basic: 6), white = Color(index: 7, basic: 7)

    /// The cube colour `(r, g, b)`, each 0...5, shown as `fallback` on 8 colours.
    public static func cube(_ r: Int, _ g: Int, _ b: Int, fallback: Color) -> Color {
        let c = { Int16(min(max($0, 0), 5)) }
        return Color(index: 16 + 36 * c(r) + 6 * c(g) + c(b), basic: fallback.basic)
    }

    /// This standard colour's corners of the cube (`red` is (5, 0, 0)); nil for the default.
    public var rgb: (Int, Int, Int)? {
        guard basic >= 0 else { return nil }
        let b = Int(basic)
        return ((b & 1) * 5, (b >> 1 & 1) * 5, (b >> 2 & 1) * 5)
    }

    /// This colour mixed toward black: `share` 1 is the colour itself, 0 black.
    public func dimmed(_ share: Double) -> Color {
        guard let (r, g, b) = rgb else { return self }
        let s = Scale.unit(share)
        return .cube(
            Int((Double(r) * s).rounded()), Int((Double(g) * s).rounded()), Int((Double(b) * s).rounded()),
            fallback: self)
    }
}

/// How a cell is drawn.
public struct Style: Equatable, Hashable, Sendable {
    public var fg: Color = .default
    public var bg: Color = .default
    public var bold = false
    public var reverse = false
    public var dim = false
    public init(
        fg: Color = .default, bg: Color = .default, bold: Bool = false, reverse: Bool = false, dim: Bool = false
    ) {
        self.fg = fg; self.bg = bg; self.bold = bold; self.reverse = reverse; self.dim = dim
    }
    public static let plain = Style()
    public static let bold = Style(bold: true)
    public static let dim = Style(dim: true)
    public static let selected = Style(reverse: true)
}

/// One character cell.
public struct Cell: Equatable, Sendable {
    public var char: Unicode.Scalar = " "
    public var style = Style.plain
    /// The right half of a wide character drawn in the cell to its left.
    public static let continuation: Unicode.Scalar = "\u{0}"
}

/// A rectangle of cells in canvas coordinates.
public struct Rect: Equatable, Sendable {
    public var x, y, width, height: Int
    public init(x: Int, y: Int, width: Int, height: Int) {
        self.x = x; self.y = y; self.width = width; self.height = height
    }
    /// The rectangle shrunk by `n` cells on every side.
    /// Whether the cell `(px, py)` lies inside.
    public func contains(_ px: Int, _ py: Int) -> Bool { px >= x && px < x + width && py >= y && py < y + height }
    public func inset(_ n: Int) -> Rect {
        Rect(x: x + n, y: y + n, width: max(0, width - 2 * n), height: max(0, height - 2 * n))
    }
    public var maxX: Int { x + width }
    public var maxY: Int { y + height }
    /// Splits off the top `h` rows: (top, rest).
    public func splitTop(_ h: Int) -> (Rect, Rect) {
        let h = min(max(h, 0), height)
        return (Rect(x: x, y: y, width: width, height: h), Rect(x: x, y: y + h, width: width, height: height - h))
    }
    /// Splits off the left `w` columns: (left, rest).
    public func splitLeft(_ w: Int) -> (Rect, Rect) {
        let w = min(max(w, 0), width)
        return (Rect(x: x, y: y, width: w, height: height), Rect(x: x + w, y: y, width: width - w, height: height))
    }
}

/// A grid of styled cells that views draw into; pure Swift, so every view can be
/// snapshot-tested without a terminal. The terminal layer only blits it.
public final class Canvas {
    public let width: Int
    public let height: Int
    public private(set) var cells: [Cell]

    public init(width: Int, height: Int) {
        self.width = max(0, width)
        self.height = max(0, height)
        cells = Array(repeating: Cell(), count: self.width * self.height)
    }

    public subscript(x: Int, y: Int) -> Cell {
        get { cells[y * width + x] }
        set { if x >= 0 && y >= 0 && x < width && y < height { cells[y * width + x] = newValue } }
    }

    /// Writes `text` from `(x, y)`, cut at `maxWidth` cells (and the canvas edge).
    /// Each character takes the cells `TerminalText.width` says: a wide one two (the
    /// second a `Cell.continuation`), a combining one none (it is left out); a
    /// control character is drawn as `�`.
    public func put(_ x: Int, _ y: Int, _ text: String, _ style: Style = .plain, maxWidth: Int = .max) {
        guard y >= 0 && y < height else { return }
        var cx = x
        for s in text.unicodeScalars {
            let w = TerminalText.width(s)
            if w == 0 { continue }
            if cx - x + w > maxWidth || cx + w > width { break }
            if cx >= 0 {
                cells[y * width + cx] = Cell(
                    char: TerminalText.isControl(s) ? TerminalText.replacement : s, style: style)
            }
            if w == 2 && cx + 1 >= 0 { cells[y * width + cx + 1] = Cell(char: Cell.continuation, style: style) }
            cx += w
        }
    }

    /// Sets one cell.
    public func set(_ x: Int, _ y: Int, _ char: Unicode.Scalar, _ style: Style = .plain) {
        self[x, y] = Cell(char: char, style: style)
    }

    /// Fills a rectangle with `char`.
    public func fill(_ r: Rect, _ char: Unicode.Scalar = " ", _ style: Style = .plain) {
        for y in max(r.y, 0)..<max(min(r.maxY, height), max(r.y, 0)) {
            for x in max(r.x, 0)..<max(min(r.maxX, width), max(r.x, 0)) {
                cells[y * width + x] = Cell(char: char, style: style)
            }
        }
    }

    /// The characters of row `y` (trailing spaces kept).
    public func row(_ y: Int) -> String {
        String(
            String.UnicodeScalarView(
                cells[(y * width)..<((y + 1) * width)].map(\.char).filter { $0 != Cell.continuation }))
    }

    /// All rows, trailing spaces trimmed: what a snapshot test compares.
    public var text: String {
        (0..<height).map { y in
            var r = row(y)
            while r.hasSuffix(" ") { r.removeLast() }
            return r
        }.joined(separator: "\n")
    }

    /// The canvas with ANSI colour escapes (for headless output on a terminal).
    /// `light`: for a light background, text colours too pale for it are darkened
    /// (`Color.onWhite`, as 256-colour sequences).
    public func ansiText(light: Bool = false) -> String {
        var out = ""
        for y in 0..<height {
            var current = Style.plain
            for x in 0..<width {
                let c = self[x, y]
                if c.style != current {
                    out += "\u{1B}[0m"
                    if c.style.bold { out += "\u{1B}[1m" }
                    if c.style.fg != .default {
                        out += light ? "\u{1B}[38;5;\(c.style.fg.onWhite.index)m" : "\u{1B}[3\(c.style.fg.basic)m"
                    }
                    if c.style.bg != .default { out += "\u{1B}[4\(c.style.bg.basic)m" }
                    current = c.style
                }
                if c.char != Cell.continuation { out.unicodeScalars.append(c.char) }
            }
            out += "\u{1B}[0m\n"
        }
        return out
    }
}
