/// A palette colour on terminals of other depths: 24-bit RGB for direct-colour
/// terminals (`TERM=xterm-direct`), the nearest of the 16 ANSI colours for
/// 16-colour ones. The 256-colour cube's levels and the ANSI colours' values are
/// xterm's.
extension Color {
    /// xterm's six levels of each channel of the 6x6x6 cube.
    static let cubeLevels = [0, 95, 135, 175, 215, 255]
    /// xterm's 16 ANSI colours: the 8 standard ones, then their bright versions.
    static let ansi16: [(Int, Int, Int)] = [
        (0, 0, 0), (205, 0, 0), (0, 205, 0), (205, 205, 0), (0, 0, 238), (205, 0, 205), (0, 205, 205), (229, 229, 229),
        (127, 127, 127), (255, 0, 0), (0, 255, 0), (255, 255, 0), (92, 92, 255), (255, 0, 255), (0, 255, 255), (255, 255, 255),
    ]

    /// The colour as red, green and blue from 0 to 255; nil for the terminal's default.
    public var rgb255: (Int, Int, Int)? {
        switch index {
        case 0..<16: return Self.ansi16[Int(index)]
        case 16...231:
            let k = Int(index) - 16
            return (Self.cubeLevels[k / 36], Self.cubeLevels[k / 6 % 6], Self.cubeLevels[k % 6])
        case 232...255:
            let v = 8 + 10 * (Int(index) - 232)
            return (v, v, v)
        default: return nil
        }
    }

    /// The colour number for a direct-colour terminal: the 8 standard colours as the
    /// terminal's own (numbers below 8 are its palette), every other as `r<<16 | g<<8 | b`.
    public var direct: Int32 {
        guard index >= 8, let (r, g, b) = rgb255 else { return Int32(index) }
        return Int32(max(r << 16 | g << 8 | b, 8))
    }

    /// The nearest of the 16 ANSI colours (by squared RGB distance); -1 for the default.
    public var nearest16: Int16 {
        guard index >= 16, let (r, g, b) = rgb255 else { return index }
        let d = Self.ansi16.map { (r - $0.0) * (r - $0.0) + (g - $0.1) * (g - $0.1) + (b - $0.2) * (b - $0.2) }
        return Int16(d.indices.min { d[$0] < d[$1] }!)
    }
}
