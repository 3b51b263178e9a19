import Foundation

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
        (127, 127, 127), (255, 0, 0), (0, 255, 0), (255, 255, 0), (92, 92, 255), (255, 0, 255), (0, 255, 255),
        (255, 255, 255),
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

/// Text on a light background (`--theme light`): a colour too pale to read on white
/// gives way to the nearest one that keeps WCAG's contrast of 4.5:1.
extension Color {
    /// WCAG's relative luminance of an sRGB colour (channels 0...255).
    public static func luminance(_ c: (Int, Int, Int)) -> Double {
        func linear(_ v: Int) -> Double {
            let s = Double(v) / 255
            return s <= 0.03928 ? s / 12.92 : pow((s + 0.055) / 1.055, 2.4)
        }
        return 0.2126 * linear(c.0) + 0.7152 * linear(c.1) + 0.0722 * linear(c.2)
    }

    /// WCAG's contrast ratio of two colours, from 1 to 21.
    public static func contrast(_ a: (Int, Int, Int), _ b: (Int, Int, Int)) -> Double {
        let (x, y) = (luminance(a), luminance(b))
        return (max(x, y) + 0.05) / (min(x, y) + 0.05)
    }

    /// The contrast text needs (WCAG AA for normal text).
    public static let readableContrast = 4.5

    /// This colour as text on white: itself when it keeps 4.5:1, else the nearest
    /// (by RGB distance) 256-colour cube or grey colour that does.
    public var onWhite: Color {
        guard (0...255).contains(index) else { return self }
        let i = Self.onWhiteIndex[Int(index)]
        return i == index ? self : Color(index: i, basic: basic)
    }

    /// `onWhite`'s index for each of the 256 palette colours, worked out once.
    static let onWhiteIndex: [Int16] = {
        let white = (255, 255, 255)
        let readable = (16...255).filter { contrast(Color(paletteIndex: $0)!.rgb255!, white) >= readableContrast }
        return (0...255).map { i in
            let c = Color(paletteIndex: i)!.rgb255!
            guard contrast(c, white) < readableContrast else { return Int16(i) }
            func distance(_ j: Int) -> Int {
                let d = Color(paletteIndex: j)!.rgb255!
                return (c.0 - d.0) * (c.0 - d.0) + (c.1 - d.1) * (c.1 - d.1) + (c.2 - d.2) * (c.2 - d.2)
            }
            return Int16(readable.min { distance($0) < distance($1) }!)
        }
    }()
}

extension Color {
    /// The colour of a 256-colour palette index (its standard colour the nearest of
    /// the eight), or nil outside 0...255.
    public init?(paletteIndex i: Int) {
        guard (0...255).contains(i) else { return nil }
        self.init(index: Int16(i), basic: Int16(i < 8 ? i : (i < 16 ? i - 8 : 7)))
    }
}
