/// A plot area in braille dots, 2 x 4 to a cell (U+2800 + the dots' bits): each cell
/// takes the colour of the series that drew in it, or `overlap` where two series did.
struct BrailleGrid {
    /// Cells.
    let width: Int, height: Int
    let overlap: Color?
    /// The series drawing now (`dot` tells overlaps by it).
    var current = 0
    private var bits: [UInt32]
    private var colors: [Color]
    /// The series that drew each cell; -1 none yet, -2 shared.
    private var owner: [Int]

    /// The bit of dot `(x % 2, y % 4)` within its cell.
    static let dotBits: [[UInt32]] = [[0x01, 0x02, 0x04, 0x40], [0x08, 0x10, 0x20, 0x80]]

    init(width: Int, height: Int, overlap: Color?) {
        self.width = width; self.height = height; self.overlap = overlap
        bits = Array(repeating: 0, count: width * height)
        colors = Array(repeating: .default, count: width * height)
        owner = Array(repeating: -1, count: width * height)
    }

    var dotsWide: Int { width * 2 }
    var dotsHigh: Int { height * 4 }

    /// Sets dot `(dx, dy)` (from the top left) in colour `c`; off the grid, nothing.
    mutating func dot(_ dx: Int, _ dy: Int, _ c: Color) {
        guard dx >= 0, dy >= 0, dx < dotsWide, dy < dotsHigh else { return }
        let k = (dy / 4) * width + dx / 2
        bits[k] |= Self.dotBits[dx % 2][dy % 4]
        if owner[k] == -2 { return }  // already shared
        if let overlap, owner[k] >= 0, owner[k] != current {
            colors[k] = overlap
            owner[k] = -2
        } else {
            colors[k] = c
            owner[k] = current
        }
    }

    /// Bresenham's line of dots from `(fromX, fromY)` to `(toX, toY)`.
    mutating func line(_ fromX: Int, _ fromY: Int, _ toX: Int, _ toY: Int, _ c: Color) {
        var x0 = fromX, y0 = fromY
        let ddx = abs(toX - x0), sx = x0 < toX ? 1 : -1, ddy = -abs(toY - y0), sy = y0 < toY ? 1 : -1
        var err = ddx + ddy
        while true {
            dot(x0, y0, c)
            if x0 == toX && y0 == toY { break }
            let e2 = 2 * err
            if e2 >= ddy { err += ddy; x0 += sx }
            if e2 <= ddx { err += ddx; y0 += sy }
        }
    }

    /// The cells that hold dots, onto `canvas` at `plot`'s corner.
    func draw(_ canvas: Canvas, at plot: Rect) {
        for cy in 0..<height {
            for cx in 0..<width where bits[cy * width + cx] != 0 {
                canvas.set(
                    plot.x + cx, plot.y + cy, Unicode.Scalar(0x2800 + bits[cy * width + cx])!,
                    Style(fg: colors[cy * width + cx]))
            }
        }
    }
}
