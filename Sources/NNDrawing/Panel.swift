/// A box-drawn frame with a title; returns the inner rectangle.
public enum Panel {
    @discardableResult
    public static func draw(
        _ canvas: Canvas, _ r: Rect, title: String, style: Style = .plain, titleStyle: Style = .bold
    ) -> Rect {
        guard r.width >= 2 && r.height >= 2 else { return Rect(x: r.x, y: r.y, width: 0, height: 0) }
        for x in (r.x + 1)..<(r.maxX - 1) {
            canvas.set(x, r.y, "─", style)
            canvas.set(x, r.maxY - 1, "─", style)
        }
        for y in (r.y + 1)..<(r.maxY - 1) {
            canvas.set(r.x, y, "│", style)
            canvas.set(r.maxX - 1, y, "│", style)
        }
        canvas.set(r.x, r.y, "┌", style)
        canvas.set(r.maxX - 1, r.y, "┐", style)
        canvas.set(r.x, r.maxY - 1, "└", style)
        canvas.set(r.maxX - 1, r.maxY - 1, "┘", style)
        if !title.isEmpty && r.width > 4 {
            canvas.put(r.x + 2, r.y, " \(title) ", titleStyle, maxWidth: r.width - 4)
        }
        return r.inset(1)
    }
}
