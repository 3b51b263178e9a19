/// `▁▂▃▄▅▆▇█` sparklines: the last `width` finite values, scaled between their min and max.
public enum Sparkline {
    static let bars: [Unicode.Scalar] = ["▁", "▂", "▃", "▄", "▅", "▆", "▇", "█"]

    /// The sparkline of `values` as text, at most `width` characters (non-finite values skipped).
    public static func text(_ values: [Double], width: Int) -> String {
        let v = values.filter(\.isFinite).suffix(max(width, 0))
        guard let lo = v.min(), let hi = v.max() else { return "" }
        let span = hi - lo
        var s = String.UnicodeScalarView()
        for x in v {
            let k = span > 0 ? Int(((x - lo) / span * 7).rounded()) : 3
            s.append(bars[min(max(k, 0), 7)])
        }
        return String(s)
    }

    public static func draw(_ canvas: Canvas, x: Int, y: Int, width: Int, values: [Double], style: Style = .plain) {
        canvas.put(x, y, text(values, width: width), style, maxWidth: width)
    }
}
