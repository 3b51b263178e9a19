import Foundation

/// The character set the dashboard draws with. Curses writes wide characters only
/// under a UTF-8 locale: under `LANG=C` (most containers' default) every non-ASCII
/// glyph (borders, charts, tiles, arrows) came out blank.
enum TerminalLocale {
    /// Takes the user's locale; where it is not UTF-8, a UTF-8 one for characters
    /// (`C.UTF-8`, which glibc has built in, then `en_US.UTF-8`). Returns whether
    /// the terminal can be drawn in Unicode; false means `AsciiGlyphs`.
    static func useUTF8() -> Bool {
        setlocale(LC_ALL, "")
        if isUTF8 { return true }
        for name in ["C.UTF-8", "C.utf8", "en_US.UTF-8"] where setlocale(LC_CTYPE, name) != nil {
            if isUTF8 { return true }
        }
        return false
    }

    /// The character encoding of the locale in force is UTF-8.
    static var isUTF8: Bool {
        guard let codeset = nl_langinfo(nl_item(CODESET)) else { return false }
        let name = String(cString: codeset).uppercased()
        return name == "UTF-8" || name == "UTF8"
    }
}

/// ASCII stand-ins for the glyphs the views draw, for a terminal with no UTF-8
/// locale: borders as `+ - |`, shades and sparklines by density, braille chart dots
/// by how many are set, arrows and marks by the nearest ASCII sign.
enum AsciiGlyphs {
    /// The ASCII character shown for `c` (itself when it is ASCII; `?` when no
    /// stand-in is known).
    static func map(_ c: Unicode.Scalar) -> Unicode.Scalar {
        let v = c.value
        if v < 0x80 { return c }
        switch v {
        case 0x2500...0x257F: return boxDrawing(v)
        case 0x2800...0x28FF:
            // braille: a chart's dots, by how many of the eight are set
            let dots = (v - 0x2800).nonzeroBitCount
            return dots == 0 ? " " : dots <= 2 ? "." : dots <= 4 ? ":" : "#"
        case 0x2581...0x2582: return "_"
        case 0x2583...0x2584: return "-"
        case 0x2585...0x2586: return "="
        case 0x2587...0x2588: return "#"
        case 0x2580: return "\""
        case 0x2591: return "."
        case 0x2592: return ":"
        case 0x2593: return "%"
        case 0x2589...0x2590, 0x2594...0x259F: return "|"
        default: return others[v] ?? "?"
        }
    }

    /// Lines of the box-drawing block: horizontal ones `-`, vertical ones `|`,
    /// every corner and junction `+`.
    private static func boxDrawing(_ v: UInt32) -> Unicode.Scalar {
        let horizontal: Set<UInt32> = [
            0x2500, 0x2501, 0x2504, 0x2505, 0x2508, 0x2509, 0x254C, 0x254D, 0x2550, 0x2574, 0x2576, 0x2578, 0x257A,
        ]
        let vertical: Set<UInt32> = [
            0x2502, 0x2503, 0x2506, 0x2507, 0x250A, 0x250B, 0x254E, 0x254F, 0x2551, 0x2575, 0x2577, 0x2579, 0x257B,
        ]
        return horizontal.contains(v) ? "-" : vertical.contains(v) ? "|" : "+"
    }

    private static let others: [UInt32: Unicode.Scalar] = [
        0x00B7: ".", 0x2022: "*", 0x2026: ".", 0x2013: "-", 0x2014: "-", 0x2016: "|", 0x00B1: "+", 0x00D7: "x",
        0x2212: "-", 0x2264: "<", 0x2265: ">", 0x2248: "~", 0x2260: "#", 0x2299: "o", 0x00B2: "2", 0x1D40: "T",
        0x2080: "0",
        0x2190: "<", 0x2191: "^", 0x2192: ">", 0x2193: "v", 0x2195: "|", 0x21BA: "@", 0x21B5: "<", 0x21D2: ">",
        0x25B6: ">", 0x25C0: "<", 0x25B2: "^", 0x25BC: "v", 0x25CF: "*", 0x25CB: "o", 0x25A0: "#", 0x25A1: "#",
        0x25D0: "o", 0x2610: "[", 0x2611: "v", 0x2612: "x", 0x2713: "v", 0x2714: "v", 0x2715: "x", 0x2716: "x",
        0x2717: "x",
        0x2718: "x", 0x03B1: "a", 0x03B2: "b", 0x03B3: "g", 0x03B4: "d", 0x03B5: "e", 0x03B7: "n", 0x03B8: "o",
        0x03BB: "l", 0x03BC: "u", 0x03C3: "s", 0x0394: "D", 0x03A3: "S", 0x2202: "d", 0x2207: "V", 0x221A: "v",
        0x2211: "S", 0x2208: "e", 0x232B: "<", 0x1D57: "t", 0x00F7: "/", 0x207B: "-", 0x00B9: "1", 0x00B3: "3",
        0x0177: "y", 0x1E21: "g", 0x011D: "g",
    ]
}
