/// Text as a terminal shows it. User text (run names, class labels, CSV headers,
/// file names) reaches the screen only through here: a control character never
/// reaches the terminal (it is drawn as `�`), and every character is measured by
/// the cells it takes, so wide, combining and emoji characters keep columns aligned.
public enum TerminalText {
    /// Drawn in place of a control character.
    public static let replacement: Unicode.Scalar = "\u{FFFD}"

    /// C0 (tab and line breaks included), DEL, C1, and the Unicode line and
    /// paragraph separators: characters that move the cursor or start an escape.
    public static func isControl(_ s: Unicode.Scalar) -> Bool {
        s.value < 0x20 || (0x7F...0x9F).contains(s.value) || s.value == 0x2028 || s.value == 0x2029
    }

    /// The cells `s` takes: 0 for a combining mark, a zero-width joiner or another
    /// format character; 2 for East Asian wide and full-width characters and emoji
    /// shown as pictures; 1 otherwise (a control character is drawn as `�`).
    public static func width(_ s: Unicode.Scalar) -> Int {
        // printable ASCII, most of every frame: one cell, no Unicode tables consulted
        if s.value >= 0x20 && s.value < 0x7F { return 1 }
        if isControl(s) { return 1 }
        switch s.properties.generalCategory {
        case .nonspacingMark, .enclosingMark, .format: return 0
        default: break
        }
        if s.properties.isEmojiPresentation { return 2 }
        let v = s.value
        for range in wideRanges where range.contains(v) { return 2 }
        return 1
    }

    /// East Asian Wide and Fullwidth blocks (Unicode's EastAsianWidth W and F).
    static let wideRanges: [ClosedRange<UInt32>] = [
        0x1100...0x115F, 0x2E80...0x303E, 0x3041...0x33FF, 0x3400...0x4DBF, 0x4E00...0x9FFF, 0xA000...0xA4CF,
        0xAC00...0xD7A3, 0xF900...0xFAFF, 0xFE30...0xFE4F, 0xFF00...0xFF60, 0xFFE0...0xFFE6,
        0x1F300...0x1F64F, 0x1F900...0x1F9FF, 0x20000...0x2FFFD, 0x30000...0x3FFFD,
    ]

    /// The cells `text` takes.
    public static func width(_ text: String) -> Int { text.unicodeScalars.reduce(0) { $0 + width($1) } }

    /// `text` with each control character replaced by `�`.
    public static func cleaned(_ text: String) -> String {
        guard text.unicodeScalars.contains(where: isControl) else { return text }
        return String(String.UnicodeScalarView(text.unicodeScalars.map { isControl($0) ? replacement : $0 }))
    }

    /// The longest start of `cleaned(text)` that takes at most `cells` cells.
    public static func prefix(_ text: String, cells: Int) -> String {
        var out = String.UnicodeScalarView(), used = 0
        for s in cleaned(text).unicodeScalars {
            let w = width(s)
            if used + w > cells { break }
            out.append(s)
            used += w
        }
        return String(out)
    }
}
