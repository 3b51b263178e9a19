import Foundation

/// Number and time formatting shared by the headless commands and the dashboard.
public enum Format {
    /// `79510` -> `79,510`.
    /// `n` and the noun, singular for one: "1 epoch", "2 epochs".
    public static func count(_ n: Int, _ noun: String) -> String { "\(n) \(noun)\(n == 1 ? "" : "s")" }

    public static func grouped(_ n: Int) -> String {
        let s = String(abs(n))
        var out = ""
        for (i, c) in s.enumerated() {
            if i > 0 && (s.count - i) % 3 == 0 { out.append(",") }
            out.append(c)
        }
        return (n < 0 ? "-" : "") + out
    }
    /// `N_b = 110   N_w = 79,400   parameters = 79,510`.
    public static func parameters(biases: Int, weights: Int) -> String {
        "N_b = \(grouped(biases))   N_w = \(grouped(weights))   parameters = \(grouped(biases + weights))"
    }
    /// A loss or rate with 4 significant digits (`-` when missing, `NaN` shown as such).
    public static func value(_ x: Double?, digits: Int = 4) -> String {
        guard let x else { return "-" }
        if !x.isFinite { return x.isNaN ? "NaN" : "Inf" }
        return String(format: "%.\(digits)g", x)
    }
    /// A share as a percentage, `0.9312` -> `93.1%` (`-` when missing or not finite).
    public static func percent(_ x: Double?) -> String {
        guard let x, x.isFinite else { return "-" }
        return String(format: "%.1f%%", 100 * x)
    }
    /// Seconds as `m:ss` (or `h:mm:ss`).
    public static func duration(_ s: Double) -> String {
        guard s.isFinite else { return "--:--" }
        let t = Int(s.rounded())
        return t >= 3600
            ? String(format: "%d:%02d:%02d", t / 3600, t / 60 % 60, t % 60) : String(format: "%d:%02d", t / 60, t % 60)
    }
    /// A rate such as samples per second: `1.2M`, `34.5k`, `812`.
    public static func rate(_ x: Double) -> String {
        if !x.isFinite { return "-" }
        if x >= 1e6 { return String(format: "%.1fM", x / 1e6) }
        if x >= 1e3 { return String(format: "%.1fk", x / 1e3) }
        return String(format: "%.0f", x)
    }
    /// The first of `alternatives` (longest first) that fits in `width`; the last one
    /// cut at a word boundary when none does, never in the middle of a word.
    public static func fitting(_ alternatives: [String], _ width: Int) -> String {
        if let a = alternatives.first(where: { $0.count <= width }) { return a }
        return wrap(alternatives.last ?? "", max(width, 1)).first.map { $0.count <= width ? $0 : "" } ?? ""
    }

    /// `items` joined by `separator`, leaving out whole items, lowest `priority`
    /// first, until the line fits in `width`; the order is kept.
    public static func prioritized(_ items: [(text: String, priority: Int)], _ width: Int, separator: String = " · ")
        -> String
    {
        var kept = Array(items.indices)
        func line() -> String { kept.map { items[$0].text }.joined(separator: separator) }
        while line().count > width, let drop = kept.min(by: { items[$0].priority < items[$1].priority }) {
            kept.removeAll { $0 == drop }
        }
        return line()
    }

    /// `N0/.../NL` as the lecture writes it, `2/16/16/3`; `compact` writes a run of
    /// equal hidden widths once with its count, `2/32×6/3`.
    public static func layers(_ sizes: [Int], compact: Bool = false) -> String {
        guard compact, sizes.count > 2 else { return sizes.map(String.init).joined(separator: "/") }
        let hidden = Array(sizes.dropFirst().dropLast())
        var parts = ["\(sizes[0])"], i = 0
        while i < hidden.count {
            var j = i
            while j + 1 < hidden.count && hidden[j + 1] == hidden[i] { j += 1 }
            parts.append(j > i ? "\(hidden[i])×\(j - i + 1)" : "\(hidden[i])")
            i = j + 1
        }
        return (parts + ["\(sizes[sizes.count - 1])"]).joined(separator: "/")
    }

    /// `text` broken into lines of at most `width` characters, between words.
    public static func wrap(_ text: String, _ width: Int) -> [String] {
        var lines: [String] = [], line = ""
        for word in text.split(separator: " ") {
            if !line.isEmpty && line.count + 1 + word.count > width {
                lines.append(line)
                line = ""
            }
            line += (line.isEmpty ? "" : " ") + word
        }
        return line.isEmpty ? lines : lines + [line]
    }

    /// `line` within `width` cells: whole where it fits, else wrapped at spaces, its
    /// indent kept and two more spaces on the lines it continues on.
    public static func hangingWrap(_ line: String, _ width: Int) -> [String] {
        guard TerminalText.width(line) > width else { return [line] }
        let indent = String(line.prefix { $0 == " " }), body = String(line.dropFirst(indent.count))
        return wrap(body, max(width - indent.count - 2, 8)).enumerated().map { k, part in
            (k == 0 ? indent : indent + "  ") + part
        }
    }

    /// `text` in `width` columns, kept apart at its gaps of three or more spaces: the
    /// parts between gaps packed onto lines (three spaces between them) as many as fit,
    /// a part too long for a line wrapped at spaces with two more spaces of indent. So
    /// "δ[L] = ŷ − t" and the equation after it never run together into one.
    public static func wrapAtGaps(_ text: String, _ width: Int) -> [String] {
        guard TerminalText.width(text) > width else { return [text] }
        var parts: [String] = [], part = "", spaces = 0
        for ch in text {
            if ch == " " { spaces += 1; continue }
            if spaces >= 3, !part.isEmpty {
                parts.append(part)
                part = ""
            } else if spaces > 0, !part.isEmpty {
                part += String(repeating: " ", count: spaces)
            }
            spaces = 0
            part.append(ch)
        }
        if !part.isEmpty { parts.append(part) }
        var lines: [String] = []
        for p in parts {
            if let last = lines.last, TerminalText.width(last) + 3 + TerminalText.width(p) <= width {
                lines[lines.count - 1] = last + "   " + p
            } else if TerminalText.width(p) <= width {
                lines.append(p)
            } else {
                lines += hangingWrap(p, width)
            }
        }
        return lines
    }

    /// Pads or cuts `s` to `width` cells (as `TerminalText` measures them).
    public static func pad(_ s: String, _ width: Int, right: Bool = false) -> String {
        let cut = TerminalText.prefix(s, cells: width), used = TerminalText.width(cut)
        let fill = String(repeating: " ", count: max(width - used, 0))
        return right ? fill + cut : cut + fill
    }
}
