import Foundation

/// `▁▂▃▄▅▆▇█` sparklines of a whole series: more values than characters are
/// averaged in equal groups, so the shape is the run's, not the last few values'
/// noise; scaled between the min and max (or a given range, log or not).
public enum Sparkline {
    static let bars: [Unicode.Scalar] = ["▁", "▂", "▃", "▄", "▅", "▆", "▇", "█"]

    /// The finite values, averaged into at most `width` groups of consecutive values.
    public static func bucketed(_ values: [Double], width: Int) -> [Double] {
        let v = values.filter(\.isFinite)
        guard v.count > width, width > 0 else { return v }
        return (0..<width).map { i in
            let part = v[(i * v.count / width)..<((i + 1) * v.count / width)]
            return part.reduce(0, +) / Double(max(part.count, 1))
        }
    }

    /// The sparkline of `values` as text, at most `width` characters (non-finite
    /// values skipped); `range` fixes the scale (shared by several sparklines) and
    /// `log` draws log10 of the values.
    public static func text(_ values: [Double], width: Int, range: (Double, Double)? = nil, log: Bool = false) -> String
    {
        let t: (Double) -> Double = { log ? log10(max($0, 1e-30)) : $0 }
        let v = bucketed(values, width: width).map(t)
        guard let lo = range.map({ t($0.0) }) ?? v.min(), let hi = range.map({ t($0.1) }) ?? v.max(), !v.isEmpty else {
            return ""
        }
        let span = hi - lo
        var s = String.UnicodeScalarView()
        for x in v {
            let k = span > 0 ? Int(((x - lo) / span * 7).rounded()) : 3
            s.append(bars[min(max(k, 0), 7)])
        }
        return String(s)
    }

    public static func draw(
        _ canvas: Canvas, x: Int, y: Int, width: Int, values: [Double], style: Style = .plain,
        range: (Double, Double)? = nil, log: Bool = false
    ) {
        canvas.put(x, y, text(values, width: width, range: range, log: log), style, maxWidth: width)
    }
}
