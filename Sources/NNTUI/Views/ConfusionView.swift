import NNDrawing
import NNEngine
import NNFiles
import NNSession

/// Confusion counts (rows: true class, columns: predicted), coloured by the share
/// of the row, with per-class accuracy; for image data a few images with their
/// true and predicted labels, misclassified ones marked.
enum ConfusionView {
    /// The accuracy column: `100.0%` and the blank before it.
    static let accWidth = 7

    static func draw(_ state: AppState, _ canvas: Canvas, _ r: Rect) {
        guard let c = state.snapshot.confusion, let data = state.snapshot.data else {
            canvas.put(r.x + 1, r.y + 1, "computing the confusion matrix…", .dim)
            return
        }
        let names = data.classNames
        let k = names.count
        // counts where they fit; in a narrow panel each cell is its share of the row
        // in percent and the columns are class numbers
        var labelWidth = r.width >= 70 ? 10 : (r.width >= 50 ? 8 : 6)
        // every column, the accuracy's too, keeps a blank before its number; the labels
        // give up a column where the cells would not fit
        let cell = min(7, max(3, (r.width - labelWidth - accWidth) / max(k, 1)))
        labelWidth = max(min(labelWidth, r.width - accWidth - cell * k), 4)
        let counts = cell >= 5 && String(c.counts.joined().max() ?? 0).count < cell
        let total = c.counts.joined().reduce(0, +), correct = (0..<k).reduce(0) { $0 + c.counts[$1][$1] }
        // the header in the longest form that fits whole, never cut mid-number
        let share = Format.percent(total > 0 ? Double(correct) / Double(total) : nil)
        canvas.put(
            r.x, r.y,
            Format.fitting(
                [
                    "on the \(c.split) split: \(share) correct of \(Format.grouped(total))",
                    "\(c.split): \(share) correct of \(Format.grouped(total))",
                    "\(share) correct of \(Format.grouped(total))", "\(share) correct",
                ], r.width), .bold, maxWidth: r.width)
        var y = r.y + 1
        var header = Format.pad("", labelWidth)
        for j in 0..<k { header += Format.pad(counts ? String(names[j].prefix(cell - 1)) : "\(j)", cell, right: true) }
        canvas.put(r.x, y, header + Format.pad("acc", accWidth, right: true), .dim, maxWidth: r.width)
        for i in 0..<k where y + 1 < r.maxY {
            y += 1
            let label =
                counts ? String(names[i].prefix(labelWidth - 1)) : String("\(i) \(names[i])".prefix(labelWidth - 1))
            canvas.put(r.x, y, Format.pad(label, labelWidth), .plain)
            let rowTotal = c.counts[i].reduce(0, +)
            for j in 0..<k {
                let n = c.counts[i][j]
                let share = rowTotal > 0 ? Double(n) / Double(rowTotal) : 0
                let style: Style =
                    n == 0
                    ? .dim
                    : (i == j
                        ? Style(fg: .green, bold: share > 0.5)
                        : Style(fg: share > 0.05 ? .red : .yellow, bold: share > 0.1))
                let text = counts ? "\(n)" : (n == 0 ? "·" : "\(min(Int((100 * share).rounded()), 99))")
                canvas.put(r.x + labelWidth + j * cell, y, Format.pad(text, cell, right: true), style)
            }
            canvas.put(
                r.x + labelWidth + k * cell, y,
                Format.pad(
                    Format.percent(rowTotal > 0 ? Double(c.counts[i][i]) / Double(rowTotal) : nil), accWidth,
                    right: true), .bold)
        }
        if y + 1 < r.maxY {
            canvas.put(
                r.x, y + 1,
                Format.fitting(
                    [
                        "rows: true class · columns: predicted" + (counts ? "" : " (% of the row)"),
                        "rows: true · columns: predicted" + (counts ? "" : ", % of row"),
                    ], r.width), .dim, maxWidth: r.width)
        }
        y += 1
        guard let shape = data.imageShape, !c.images.isEmpty else { return }
        drawImages(c.images, shape: shape, names: names, canvas, Rect(x: r.x, y: y, width: r.width, height: r.maxY - y))
    }

    /// Sample images in braille (2x4 pixels a cell, lit above mid-grey), each with its
    /// prediction (✓ green, ✗ red with the true class), as many rows as `r` holds.
    static func drawImages(
        _ images: [(pixels: [UInt8], truth: Int, predicted: Int)], shape: (rows: Int, cols: Int), names: [String],
        _ canvas: Canvas, _ r: Rect
    ) {
        let y = r.y
        let w = (shape.cols + 1) / 2, h = (shape.rows + 3) / 4
        // as many rows of images as the panel has room for
        var x = r.x, top = y + 2
        for img in images {
            if x + w >= r.maxX { x = r.x; top += h + 3 }
            guard top + h + 1 < r.maxY else { return }
            for cy in 0..<h {
                for cx in 0..<w {
                    var bits: UInt32 = 0
                    for dy in 0..<4 {
                        for dx in 0..<2 {
                            let py = cy * 4 + dy, px = cx * 2 + dx
                            if py < shape.rows && px < shape.cols && img.pixels[py * shape.cols + px] > 100 {
                                bits |= LineChart.dotBits[dx][dy]
                            }
                        }
                    }
                    canvas.set(
                        x + cx, top + cy, Unicode.Scalar(0x2800 + bits)!,
                        img.truth == img.predicted ? .plain : Style(fg: .red))
                }
            }
            let ok = img.truth == img.predicted
            let label = ok ? "✓ \(names[img.predicted])" : "✗ \(names[img.predicted])"
            canvas.put(x, top + h, label, ok ? Style(fg: .green) : Style(fg: .red, bold: true), maxWidth: w)
            if !ok { canvas.put(x, top + h + 1, "(\(names[img.truth]))", .dim, maxWidth: w) }
            x += w + 2
        }
    }
}
