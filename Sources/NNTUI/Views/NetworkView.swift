import Foundation
import NNDrawing
import NNEngine
import NNFiles
import NNSession

/// The network itself, as TensorFlow Playground draws it: the layers as columns of
/// units, input to output, `N_l` over each. For 2-D data each unit is a tile of its
/// activation over the input plane (half-block cells, orange low to blue high); for
/// other data a histogram of its activation over a sample of the data. Wide layers
/// show their first units and the count of the rest. Dead units are marked `✖`,
/// saturated ones `◐`. Beside them, the selected unit (`[ ]` layer, `{ }` unit, then
/// the arrows too until tab):
/// its tile large, its range, its active share, its bias and its largest incoming
/// weights by sign and size, and its layer's weights as a heat map.
enum NetworkView {
    /// A value in [0, 1] as Playground colours it: orange (0) through white to blue (1).
    static func color(_ v: Float) -> Color {
        let t = v.isNaN ? 0.5 : Scale.unit(Double(v))  // NaN: the neutral white
        if t < 0.5 {
            let k = t * 2  // orange (5,2,0) to white (5,5,5)
            return Color.cube(5, Int((2 + 3 * k).rounded()), Int((5 * k).rounded()), fallback: .yellow)
        }
        let k = (t - 0.5) * 2  // white to blue (0,2,5)
        return Color.cube(Int((5 * (1 - k)).rounded()), Int((5 - 3 * k).rounded()), 5, fallback: .blue)
    }

    /// Where the view puts things in its rect: the columns' area, each column's width,
    /// the tiles' size in cells (a tile shows `width x 2·height` pixels, as half
    /// blocks) and how many tiles a column holds.
    struct Geometry: Equatable {
        var area: Rect
        var columnWidth: Int
        var tileWidth: Int, tileHeight: Int
        var fits: Int

        /// The tile grid (pixels) the view asks the session for: the tiles' own, and at
        /// least the details' large tile (24 x 6 cells).
        var grid: (columns: Int, rows: Int) { (max(tileWidth, 24), max(2 * tileHeight, 12)) }

        /// The geometry for a network of `sizes` in the view's rect `r`: one column per
        /// layer (the inputs' included), the details panel (30 columns) at the right
        /// where `r` is at least 70 wide and every column keeps 5 cells beside it.
        /// Tiles take two thirds of a column (the rest holds the marks and the
        /// connections), at most 24 cells wide; they grow taller while the widest
        /// layer's units (up to 64) still fit, are at least 2 rows (1 in columns too
        /// narrow for more) and at most about square.
        init(_ r: Rect, sizes: [Int]) {
            let columns = max(sizes.count, 1)
            let details = r.width >= 70 && (r.width - 30) / columns >= 5 ? 30 : 0
            area = Rect(x: r.x, y: r.y + 1, width: r.width - details, height: r.height - 2)
            columnWidth = max(area.width / columns, 3)
            let widest = min(max(sizes.dropFirst().max() ?? 1, 1), ViewComputations.unitsPerLayer)
            let rows = area.height - 3  // two header rows and the "+n more" row
            let wide = min(max(columnWidth * 2 / 3, 2), 24)
            let tallest = max(1, wide / 2)
            tileHeight = min(max(rows / widest - 1, 2), tallest)
            tileWidth = min(wide, 2 * tileHeight + 2)
            fits = max(rows / (tileHeight + 1), 1)
        }

        /// The left edge of layer `l`'s column (0: the inputs).
        func columnX(layer l: Int) -> Int { area.x + l * columnWidth }
        /// The top of the tile in row `row` of a column.
        func tileY(row: Int) -> Int { area.y + 2 + row * (tileHeight + 1) }
    }

    static func draw(_ state: AppState, _ canvas: Canvas, _ r: Rect) {
        guard let picture = state.snapshot.network, let run = state.run, picture.sizes == run.sizes else {
            canvas.put(r.x + 1, r.y + 1, "drawing the network…", .dim)
            return
        }
        drawKeys(state, canvas, r)
        let g = Geometry(r, sizes: picture.sizes), labelWidth = g.columnWidth - 1
        let inputs = drawInputs(
            picture, names: run.preset.data.features.map(\.rawValue), g, canvas, colors: state.colors)
        for (k, layer) in picture.layers.enumerated() {
            let l = k + 1, x = g.columnX(layer: l)
            let selectedLayer = l == picture.selected.layer
            canvas.put(
                x, g.area.y, Format.fitting(["N\(l)=\(layer.size)", "\(layer.size)"], labelWidth),
                selectedLayer ? Style(bold: true, reverse: true) : .bold, maxWidth: labelWidth)
            canvas.put(
                x, g.area.y + 1, Format.fitting([layer.activation, Self.shortName(layer.activation)], labelWidth), .dim,
                maxWidth: labelWidth)
        }
        let placed = drawUnits(picture, g, canvas, colors: state.colors)
        let below =
            picture.selected.layer == 1
            ? inputs : placed.filter { $0.layer == picture.selected.layer - 1 }.map { ($0.unit, $0.x, $0.y) }
        drawConnections(picture, g, from: below, canvas, colors: state.colors)
        for (k, layer) in picture.layers.enumerated() {
            let shown = placed.filter { $0.layer == k + 1 }.count
            guard layer.size > shown, shown > 0 else { continue }
            canvas.put(
                g.columnX(layer: k + 1), min(g.tileY(row: shown), g.area.maxY - 1),
                more(layer.size - shown, labelWidth), .dim, maxWidth: labelWidth)
        }
        drawLegend(picture, canvas, x: r.x, y: r.maxY - 1, width: r.width, colors: state.colors)
        // without the details panel (80 columns) the weight being typed takes the keys' line
        if g.area.maxX >= r.maxX, let typed = state.weightInput {
            let entry =
                "W[\(picture.selected.layer)][\(picture.selected.unit + 1), \(state.networkSource + 1)] = \(typed)▌ "
            canvas.put(
                r.x, r.y, Format.pad(entry + WeightEntry.hint(typed), r.width), Style(bold: true, reverse: true),
                maxWidth: r.width)
        }
        if g.area.maxX < r.maxX {
            drawDetails(
                picture, canvas, Rect(x: g.area.maxX, y: g.area.y, width: r.maxX - g.area.maxX, height: g.area.height),
                image: state.snapshot.data?.imageShape, connection: (state.networkSource, state.weightInput),
                colors: state.colors)
        }
    }

    /// The view's keys on its top line, named as `KeyMap` binds them: the arrows once a
    /// bracket or a click took them from the settings, else the brackets.
    static func drawKeys(_ state: AppState, _ canvas: Canvas, _ r: Rect) {
        let arrows = !state.showSettings || state.arrowsSelectUnits
        let (layer, unit) = arrows ? ("←→", "↑↓") : ("[ ]", "{ }")
        let back =
            state.showSettings && arrows ? " · \(KeyMap.key(for: .giveArrowsBack(thenMove: true))): settings" : ""
        let resize = "\(KeyMap.key(for: .addUnit))/\(KeyMap.key(for: .removeUnit))"
        let shape = "\(KeyMap.key(for: .insertLayer))/\(KeyMap.key(for: .deleteLayer))"
        let lines = [
            "\(layer) layer · \(unit) unit · \(resize) unit +/- · \(shape) insert/delete layer" + back,
            "\(layer) layer · \(unit) unit · \(resize) · \(shape)" + back,
            "\(layer) layer · \(unit) unit · \(resize) · \(shape)",
            "\(layer) \(unit) \(resize) \(shape)".replacingOccurrences(of: "/", with: " "),
        ]
        canvas.put(r.x, r.y, Format.fitting(lines, r.width), .dim, maxWidth: r.width)
    }

    /// The input column: N0, and on the plane each input's tile with its name; the
    /// places of the tiles drawn.
    static func drawInputs(_ picture: NetworkPicture, names: [String], _ g: Geometry, _ canvas: Canvas, colors: Bool)
        -> [(unit: Int, x: Int, y: Int)]
    {
        let labelWidth = g.columnWidth - 1
        canvas.put(
            g.area.x, g.area.y, Format.fitting(["N0=\(picture.sizes[0])", "\(picture.sizes[0])"], labelWidth), .bold,
            maxWidth: labelWidth)
        canvas.put(g.area.x, g.area.y + 1, Format.fitting(["input", "in"], labelWidth), .dim, maxWidth: labelWidth)
        let inputs = Self.inputPlaces(picture, g)
        for place in inputs {
            drawTile(
                picture.inputs[place.unit], picture, canvas, x: place.x, y: place.y, width: g.tileWidth,
                height: g.tileHeight, colors: colors)
            if place.unit < names.count {
                canvas.put(place.x, place.y + g.tileHeight, names[place.unit], .dim, maxWidth: labelWidth)
            }
        }
        if !inputs.isEmpty && picture.sizes[0] > inputs.count {
            canvas.put(
                g.area.x, g.tileY(row: inputs.count), more(picture.sizes[0] - inputs.count, labelWidth), .dim,
                maxWidth: labelWidth)
        }
        return inputs
    }

    /// Every placed unit's tile with its mark (✖ dead, ◐ saturated, ◀ selected); the places.
    static func drawUnits(_ picture: NetworkPicture, _ g: Geometry, _ canvas: Canvas, colors: Bool)
        -> [(layer: Int, unit: Int, x: Int, y: Int, numbered: Bool)]
    {
        let labelWidth = g.columnWidth - 1
        let placed = Self.places(picture, g)
        for place in placed {
            let layer = picture.layers[place.layer - 1]
            guard let unit = layer.units.first(where: { $0.index == place.unit }) else { continue }
            drawTile(
                unit.tile, picture, canvas, x: place.x, y: place.y, width: g.tileWidth, height: g.tileHeight,
                colors: colors)
            let selected = place.layer == picture.selected.layer && unit.index == picture.selected.unit
            let mark: String = unit.dead ? "✖" : (unit.saturated ? "◐" : (selected ? "◀" : " "))
            canvas.put(
                place.x + g.tileWidth, place.y, mark,
                unit.dead ? Style(fg: .red, bold: true) : (selected ? Style(fg: .yellow, bold: true) : .dim))
            if selected { canvas.put(place.x - 1, place.y, "▶", Style(fg: .yellow, bold: true)) }
            // a column that shows some of its units names each tile by its number
            if place.numbered {
                canvas.put(place.x, place.y + g.tileHeight, "#\(unit.index + 1)", .dim, maxWidth: labelWidth)
            }
        }
        return placed
    }

    /// The count of a column's hidden units, `+n more` or `+n` where that is too wide.
    static func more(_ n: Int, _ width: Int) -> String { Format.fitting(["+\(n) more", "+\(n)"], width) }

    /// An activation's name in five letters or fewer, for narrow columns.
    static func shortName(_ name: String) -> String {
        [
            "sigmoid": "sigm", "softmax": "smax", "softplus": "splus", "leaky-relu": "lrelu", "identity": "id",
            "swish": "swish",
        ][name] ?? name
    }

    /// The selected unit's incoming weights between the columns: beside each shown
    /// unit of the layer below (or input), at `sources`, a bar towards the selected unit
    /// as long as `|w| / max |w|` of the gap, blue for a positive weight, orange for a
    /// negative one (`+`/`-` without colour).
    static func drawConnections(
        _ p: NetworkPicture, _ g: Geometry, from sources: [(unit: Int, x: Int, y: Int)],
        _ canvas: Canvas, colors: Bool
    ) {
        let largest = p.incoming.map { abs($0.weight) }.max() ?? 0
        guard largest > 0 else { return }
        let gap = connectionGap(g)
        guard gap >= 1 else { return }
        let weight = Dictionary(p.incoming.map { ($0.from, $0.weight) }, uniquingKeysWith: { a, _ in a })
        for s in sources {
            guard let w = weight[s.unit] else { continue }
            let length = max(1, Int((Double(abs(w) / largest) * Double(gap)).rounded()))
            let text =
                colors ? String(repeating: "━", count: length) : String(repeating: w > 0 ? "+" : "-", count: length)
            canvas.put(
                s.x + g.tileWidth + 1, s.y + g.tileHeight / 2, text, colors ? Style(fg: color(w > 0 ? 1 : 0)) : .dim)
        }
    }

    /// Cells between a tile's mark and the next column's selection mark.
    static func connectionGap(_ g: Geometry) -> Int { g.columnWidth - g.tileWidth - 2 }

    /// The colours' scales, one entry per kind of layer: `tanh −1 ▇▇▇▇▇ 1`, the
    /// inputs' first (each symmetric about 0), every layer's fixed range after.
    static func drawLegend(_ p: NetworkPicture, _ canvas: Canvas, x: Int, y: Int, width: Int, colors: Bool) {
        var items: [(label: String, low: Float, high: Float)] = []
        if !p.inputs.isEmpty { items.append(("inputs", -1, 1)) }
        for layer in p.layers
        where !items.contains(where: {
            $0.label == layer.activation && $0.low == layer.scale.low && $0.high == layer.scale.high
        }) {
            items.append((layer.activation, layer.scale.low, layer.scale.high))
        }
        var cx = x
        canvas.put(cx, y, "colour:", .dim)
        cx += 8
        for item in items {
            let low = item.label == "inputs" ? "−" : Format.value(Double(item.low), digits: 2)
            let high = item.label == "inputs" ? "+" : Format.value(Double(item.high), digits: 2)
            let text = "\(item.label) \(low) "
            guard cx + text.count + 5 + high.count + 2 <= x + width else { break }
            canvas.put(cx, y, text, .dim)
            cx += text.count
            for k in 0..<5 {
                let c = color(Float(k) / 4)
                canvas.set(cx + k, y, colors ? "█" : [" ", "░", "▒", "▓", "█"][k], colors ? Style(fg: c) : .dim)
            }
            cx += 5
            canvas.put(cx, y, " \(high)", .dim)
            cx += high.count + 3
        }
    }

    /// Where the inputs' tiles go (a set on the plane): the first that fit, in the first column.
    static func inputPlaces(_ p: NetworkPicture, _ g: Geometry) -> [(unit: Int, x: Int, y: Int)] {
        p.inputs.indices.prefix(g.fits).map { ($0, g.area.x, g.tileY(row: $0)) }
    }

    /// The units of layer `l` a column of `fits` tiles shows, in order: all when they
    /// fit; in the selected layer a window scrolled to keep the selected unit; in the
    /// layer below it the units the details name (its largest incoming weights) and
    /// the first others; elsewhere the first units.
    static func shownUnits(_ p: NetworkPicture, layer l: Int, fits: Int) -> [Int] {
        let available = p.layers[l - 1].units.map(\.index).sorted()
        guard available.count > fits else { return available }
        if l == p.selected.layer, let k = available.firstIndex(of: p.selected.unit) {
            let start = max(0, k - fits + 1)
            return Array(available[start..<start + fits])
        }
        if l == p.selected.layer - 1 {
            let named = p.incoming.prefix(min(detailsWeights, fits)).map(\.from).filter(available.contains)
            return (named + available.filter { !named.contains($0) }.prefix(fits - named.count)).sorted()
        }
        return Array(available.prefix(fits))
    }

    /// How many incoming weights the details list (largest first): the units the
    /// picture holds tiles for past its first ones.
    static let detailsWeights = ViewComputations.namedIncoming

    /// Where each shown unit's tile goes, and whether the column numbers its tiles
    /// (it shows other units than its first ones).
    static func places(_ p: NetworkPicture, _ g: Geometry) -> [(layer: Int, unit: Int, x: Int, y: Int, numbered: Bool)]
    {
        var out: [(layer: Int, unit: Int, x: Int, y: Int, numbered: Bool)] = []
        for l in 1...p.layers.count {
            let shown = shownUnits(p, layer: l, fits: g.fits), x = g.columnX(layer: l)
            let numbered = shown != Array(0..<shown.count)
            for (row, unit) in shown.enumerated() { out.append((l, unit, x, g.tileY(row: row), numbered)) }
        }
        return out
    }

    /// The unit whose tile (or its mark) is at the cell `(x, y)` of the dashboard.
    static func unit(at x: Int, _ y: Int, _ state: AppState) -> (layer: Int, unit: Int)? {
        guard let p = state.snapshot.network else { return nil }
        let g = Geometry(state.layout.view.inset(1), sizes: p.sizes)
        return places(p, g).first { x >= $0.x && x <= $0.x + g.tileWidth && y >= $0.y && y < $0.y + g.tileHeight }
            .map { ($0.layer, $0.unit) }
    }

    /// A tile: plane maps as half blocks (upper row foreground, lower background), a
    /// histogram as bars.
    static func drawTile(
        _ tile: [Float], _ p: NetworkPicture, _ canvas: Canvas, x: Int, y: Int, width: Int, height: Int, colors: Bool
    ) {
        if p.isPlane {
            for cy in 0..<height {
                for cx in 0..<width {
                    let gx = cx * p.tileColumns / width
                    let top = tile[min((2 * cy) * p.tileRows / (2 * height), p.tileRows - 1) * p.tileColumns + gx]
                    let bottom = tile[
                        min((2 * cy + 1) * p.tileRows / (2 * height), p.tileRows - 1) * p.tileColumns + gx]
                    if colors {
                        canvas.set(x + cx, y + cy, "▀", Style(fg: color(top), bg: color(bottom)))
                    } else {
                        canvas.set(x + cx, y + cy, [" ", "░", "▒", "▓", "█"][min(Int(top * 5), 4)])
                    }
                }
            }
        } else {
            let bars: [Unicode.Scalar] = [" ", "▁", "▂", "▃", "▄", "▅", "▆", "▇", "█"]
            for cx in 0..<width {
                let v = tile[min(cx * tile.count / width, tile.count - 1)] * Float(height)
                for cy in 0..<height {
                    let fill = min(max(v - Float(height - 1 - cy), 0), 1)
                    canvas.set(x + cx, y + cy, bars[Int((fill * 8).rounded())], Style(fg: .cyan))
                }
            }
        }
    }

    /// The selected unit in the panel `r`: its tile large, its range, active share and
    /// bias; for a first-layer unit of an image set (`image`: rows x columns) its
    /// incoming weights `W[1][i, :]` as that image, else its largest incoming weights;
    /// then its layer's weights as a heat map while rows are left.
    static func drawDetails(
        _ p: NetworkPicture, _ canvas: Canvas, _ r: Rect, image: (rows: Int, cols: Int)?,
        connection: (from: Int, typed: String?) = (0, nil), colors: Bool
    ) {
        let (l, i) = p.selected
        guard let unit = p.layers[l - 1].units.first(where: { $0.index == i }) else { return }
        let inner = Panel.draw(canvas, r, title: "unit \(i + 1) of layer \(l)")
        let large = min(inner.height / 4, 6)
        drawTile(
            unit.tile, p, canvas, x: inner.x, y: inner.y, width: min(inner.width, 24), height: large, colors: colors)
        var y = inner.y + large
        func line(_ text: String, _ style: Style = .plain) {
            guard y < inner.maxY else { return }
            canvas.put(inner.x, y, text, style, maxWidth: inner.width)
            y += 1
        }
        line(
            "a in [\(Format.value(Double(unit.minimum), digits: 3)), \(Format.value(Double(unit.maximum), digits: 3))]")
        line(
            "active on \(Format.percent(unit.activeShare))"
                + (unit.dead ? "  ✖ dead" : (unit.saturated ? "  ◐ saturated" : "")),
            unit.dead ? Style(fg: .red, bold: true) : .plain)
        line("bias \(Format.value(Double(p.bias), digits: 3))")
        // the selected incoming connection, and its weight being typed (`W`)
        for (text, style) in connectionLines(p, connection, width: inner.width) { line(text, style) }
        if l == 1, let image, image.rows * image.cols == p.sizes[0], y + 2 < inner.maxY {
            line(
                Format.fitting(
                    [
                        "incoming weights as the \(image.rows)x\(image.cols) image:",
                        "incoming weights, \(image.rows)x\(image.cols):",
                    ],
                    inner.width), .dim)
            y += drawWeightImage(
                p.incoming, image, canvas, Rect(x: inner.x, y: y, width: inner.width, height: inner.maxY - y),
                colors: colors)
            return
        }
        drawIncoming(p, canvas, Rect(x: inner.x, y: y, width: inner.width, height: inner.maxY - y))
    }

    /// The selected connection (`( )` picks it) with its weight, or the weight being
    /// typed and what enter does with it; on two lines where one is too narrow.
    static func connectionLines(_ p: NetworkPicture, _ connection: (from: Int, typed: String?), width: Int)
        -> [(String, Style)]
    {
        guard let w = p.incoming.first(where: { $0.from == connection.from }) else { return [] }
        if let typed = connection.typed {
            let entry = "w from \(w.from + 1) = \(typed)▌", hint = WeightEntry.hint(typed)
            let texts = TerminalText.width(entry + " " + hint) <= width ? [entry + " " + hint] : [entry, hint]
            return texts.map { ($0, Style(bold: true, reverse: true)) }
        }
        let pick = "\(KeyMap.key(for: .selectConnection(by: -1))) \(KeyMap.key(for: .selectConnection(by: 1)))"
        let shown = "\(pick) from \(w.from + 1): w \(Format.value(Double(w.weight), digits: 3))"
        let edit = "\(KeyMap.key(for: .typeWeight)) edit"
        let texts = TerminalText.width(shown + " · " + edit) <= width ? [shown + " · " + edit] : [shown, edit]
        return texts.map { ($0, Style(bold: true)) }
    }

    /// The selected unit's largest incoming weights as bars (blue positive, orange
    /// negative, as the tiles and connections), then its layer's weights as a heat map
    /// (sampled) while rows are left.
    static func drawIncoming(_ p: NetworkPicture, _ canvas: Canvas, _ inner: Rect) {
        let l = p.selected.layer
        var y = inner.y
        func line(_ text: String, _ style: Style = .plain) {
            guard y < inner.maxY else { return }
            canvas.put(inner.x, y, text, style, maxWidth: inner.width)
            y += 1
        }
        line("largest incoming weights:", .dim)
        let top = p.incoming.prefix(max(0, min(detailsWeights, inner.maxY - y - 4)))
        let biggest = max(abs(top.first?.weight ?? 1), 1e-9)
        for w in top {
            let n = Int((abs(w.weight) / biggest * 10).rounded())
            let label = "from \(w.from + 1)".padding(toLength: 9, withPad: " ", startingAt: 0)
            guard y < inner.maxY else { break }
            canvas.put(inner.x, y, label, .dim)
            // the colours of the tiles and the connections: blue positive, orange negative
            canvas.put(inner.x + 9, y, String(repeating: "█", count: max(n, 1)), Style(fg: color(w.weight > 0 ? 1 : 0)))
            canvas.put(
                inner.x + 20, y, Format.value(Double(w.weight), digits: 3), .plain, maxWidth: inner.maxX - inner.x - 20)
            y += 1
        }
        guard y + 2 < inner.maxY, !p.weights.isEmpty else { return }
        line("W[\(l)] (\(p.sizes[l])x\(p.sizes[l - 1])):", .dim)
        let big = max(p.weights.flatMap { $0 }.map(abs).max() ?? 1, 1e-9)
        for row in p.weights.prefix(inner.maxY - y) {
            for (c, w) in row.prefix(inner.width).enumerated() {
                canvas.set(inner.x + c, y, "█", Style(fg: color(0.5 + w / big / 2)))
            }
            y += 1
        }
    }

    /// Weights over the pixels of a `rows x cols` image, drawn in `r` as half blocks
    /// (two pixel rows a cell, sampled down where `r` is smaller), blue for positive
    /// and orange for negative on one scale `±max |w|`; returns the rows it used.
    static func drawWeightImage(
        _ incoming: [(from: Int, weight: Float)], _ image: (rows: Int, cols: Int), _ canvas: Canvas, _ r: Rect,
        colors: Bool
    ) -> Int {
        var w = [Float](repeating: 0, count: image.rows * image.cols)
        for e in incoming where e.from < w.count { w[e.from] = e.weight }
        let big = max(w.lazy.filter(\.isFinite).map(abs).max() ?? 0, 1e-9)
        let width = min(image.cols, r.width), height = min((image.rows + 1) / 2, r.height)
        guard width > 0, height > 0 else { return 0 }
        func shade(_ row: Int, _ col: Int) -> Float {
            let v = w[min(row, image.rows - 1) * image.cols + col]
            return v.isFinite ? 0.5 + v / big / 2 : 0.5
        }
        for cy in 0..<height {
            for cx in 0..<width {
                let col = cx * image.cols / width
                let top = shade(2 * cy * image.rows / (2 * height), col),
                    bottom = shade((2 * cy + 1) * image.rows / (2 * height), col)
                if colors {
                    canvas.set(r.x + cx, r.y + cy, "▀", Style(fg: color(top), bg: color(bottom)))
                } else {
                    canvas.set(r.x + cx, r.y + cy, [" ", "░", "▒", "▓", "█"][min(Int(abs(top - 0.5) * 10), 4)])
                }
            }
        }
        return height
    }
}
