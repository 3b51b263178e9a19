import Foundation
import NNCore
import NNDrawing

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
    /// Tile size in cells, and the grid it asks the session for (two rows a cell).
    static let tileWidth = 6, tileHeight = 2
    static let tileGrid = (columns: tileWidth, rows: 2 * tileHeight)

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

    static func draw(_ state: AppState, _ canvas: Canvas, _ r: Rect) {
        guard let picture = state.snapshot.network, let run = state.run, picture.sizes == run.sizes else {
            canvas.put(r.x + 1, r.y + 1, "drawing the network…", .dim)
            return
        }
        // the arrows select here once a bracket or a click took them from the settings
        let arrows = !state.showSettings || state.arrowsSelectUnits
        let (layer, unit) = arrows ? ("←→", "↑↓") : ("[ ]", "{ }")
        let back = state.showSettings && arrows ? " · tab: settings" : ""
        canvas.put(r.x, r.y, Format.fitting(["\(layer) layer · \(unit) unit · u/U unit +/- · i/x insert/delete layer" + back,
                                              "\(layer) layer · \(unit) unit · u/U · i/x" + back,
                                              "\(layer) layer · \(unit) unit · u/U · i/x", "\(layer) \(unit) u U i x"], r.width), .dim, maxWidth: r.width)
        let area = Self.unitsArea(r, picture), columnWidth = Self.columnWidth(picture, area)
        // the input column: N0, and on the plane each input's tile with its name
        canvas.put(area.x, area.y, "N0=\(picture.sizes[0])", .bold, maxWidth: columnWidth - 1)
        canvas.put(area.x, area.y + 1, "input", .dim, maxWidth: columnWidth - 1)
        let names = run.preset.data.features.map(\.rawValue), inputs = Self.inputPlaces(picture, area)
        for place in inputs {
            drawTile(picture.inputs[place.unit], picture, canvas, x: place.x, y: place.y, width: tileWidth, height: tileHeight, colors: state.colors)
            if place.unit < names.count { canvas.put(place.x, place.y + tileHeight, names[place.unit], .dim, maxWidth: columnWidth - 1) }
        }
        if !inputs.isEmpty && picture.sizes[0] > inputs.count {
            canvas.put(area.x, Self.tileY(area, row: inputs.count), "+\(picture.sizes[0] - inputs.count) more", .dim, maxWidth: columnWidth - 1)
        }
        for (k, layer) in picture.layers.enumerated() {
            let l = k + 1, x = Self.columnX(picture, area, layer: l)
            guard x + tileWidth <= area.maxX else { break }
            let selectedLayer = l == picture.selected.layer
            canvas.put(x, area.y, "N\(l)=\(layer.size)", selectedLayer ? Style(bold: true, reverse: true) : .bold, maxWidth: columnWidth - 1)
            canvas.put(x, area.y + 1, layer.activation, .dim, maxWidth: columnWidth - 1)
        }
        var shownIn = [Int](repeating: 0, count: picture.layers.count)
        let placed = Self.places(picture, area)
        for place in placed {
            let layer = picture.layers[place.layer - 1]
            guard let unit = layer.units.first(where: { $0.index == place.unit }) else { continue }
            shownIn[place.layer - 1] += 1
            drawTile(unit.tile, picture, canvas, x: place.x, y: place.y, width: tileWidth, height: tileHeight, colors: state.colors)
            let selected = place.layer == picture.selected.layer && unit.index == picture.selected.unit
            let mark: String = unit.dead ? "✖" : (unit.saturated ? "◐" : (selected ? "◀" : " "))
            canvas.put(place.x + tileWidth, place.y, mark, unit.dead ? Style(fg: .red, bold: true) : (selected ? Style(fg: .yellow, bold: true) : .dim))
            if selected { canvas.put(place.x - 1, place.y, "▶", Style(fg: .yellow, bold: true)) }
        }
        drawConnections(picture, area, from: picture.selected.layer == 1 ? inputs : placed.filter { $0.layer == picture.selected.layer - 1 }
            .map { ($0.unit, $0.x, $0.y) }, canvas, colors: state.colors)
        for (k, layer) in picture.layers.enumerated() where layer.size > shownIn[k] && shownIn[k] > 0 {
            canvas.put(Self.columnX(picture, area, layer: k + 1), min(Self.tileY(area, row: shownIn[k]), area.maxY - 1), "+\(layer.size - shownIn[k]) more", .dim, maxWidth: columnWidth - 1)
        }
        drawLegend(picture, canvas, x: r.x, y: r.maxY - 1, width: r.width, colors: state.colors)
        if area.maxX < r.maxX { drawDetails(picture, canvas, Rect(x: area.maxX, y: area.y, width: r.maxX - area.maxX, height: area.height), colors: state.colors) }
    }

    /// The selected unit's incoming weights between the columns: beside each shown
    /// unit of the layer below (or input), at `sources`, a bar towards the selected unit
    /// as long as `|w| / max |w|` of the gap, blue for a positive weight, orange for a
    /// negative one (`+`/`-` without colour).
    static func drawConnections(_ p: NetworkPicture, _ area: Rect, from sources: [(unit: Int, x: Int, y: Int)],
                                _ canvas: Canvas, colors: Bool) {
        let largest = p.incoming.map { abs($0.weight) }.max() ?? 0
        guard largest > 0 else { return }
        let gap = columnWidth(p, area) - tileWidth - 2
        guard gap >= 1 else { return }
        let weight = Dictionary(p.incoming.map { ($0.from, $0.weight) }, uniquingKeysWith: { a, _ in a })
        for s in sources {
            guard let w = weight[s.unit] else { continue }
            let length = max(1, Int((Double(abs(w) / largest) * Double(gap)).rounded()))
            let text = colors ? String(repeating: "━", count: length) : String(repeating: w > 0 ? "+" : "-", count: length)
            canvas.put(s.x + tileWidth + 1, s.y + 1, text, colors ? Style(fg: color(w > 0 ? 1 : 0)) : .dim)
        }
    }

    /// Where the columns of units go in the view's rect `r`: below the keys line, above
    /// the colour legend, left of the selected unit's details (30 columns, where `r` is
    /// at least 70 wide and every layer's column still fits beside them: a deep
    /// network's layers, the output included, always come first).
    static func unitsArea(_ r: Rect, _ p: NetworkPicture) -> Rect {
        let columns = p.layers.count + 1
        let details = r.width >= 70 && (r.width - 30) / columns >= tileWidth + 1 ? 30 : 0
        return Rect(x: r.x, y: r.y + 1, width: r.width - details, height: r.height - 2)
    }

    /// The colours' scales, one entry per kind of layer: `tanh −1 ▇▇▇▇▇ 1`, the
    /// inputs' first (each symmetric about 0), every layer's fixed range after.
    static func drawLegend(_ p: NetworkPicture, _ canvas: Canvas, x: Int, y: Int, width: Int, colors: Bool) {
        var items: [(label: String, low: Float, high: Float)] = []
        if !p.inputs.isEmpty { items.append(("inputs", -1, 1)) }
        for layer in p.layers where !items.contains(where: { $0.label == layer.activation && $0.low == layer.scale.low && $0.high == layer.scale.high }) {
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
    static func columnWidth(_ p: NetworkPicture, _ area: Rect) -> Int { max(area.width / (p.layers.count + 1), tileWidth + 1) }
    /// The left edge of layer `l`'s column (0: the inputs).
    static func columnX(_ p: NetworkPicture, _ area: Rect, layer l: Int) -> Int { area.x + l * columnWidth(p, area) }

    /// Tiles a column of `area` holds, and the top of the tile in row `row`.
    static func rowsThatFit(_ area: Rect) -> Int { max((area.height - 3) / (tileHeight + 1), 1) }
    static func tileY(_ area: Rect, row: Int) -> Int { area.y + 2 + row * (tileHeight + 1) }

    /// Where the inputs' tiles go (a set on the plane): the first that fit, in the first column.
    static func inputPlaces(_ p: NetworkPicture, _ area: Rect) -> [(unit: Int, x: Int, y: Int)] {
        p.inputs.indices.prefix(rowsThatFit(area)).map { ($0, area.x, tileY(area, row: $0)) }
    }

    /// Where each shown unit's tile goes in `area`: the first units of each layer
    /// that fit, the selected one in the last place when it is further down.
    static func places(_ p: NetworkPicture, _ area: Rect) -> [(layer: Int, unit: Int, x: Int, y: Int)] {
        let fits = rowsThatFit(area)
        var out: [(layer: Int, unit: Int, x: Int, y: Int)] = []
        for (k, layer) in p.layers.enumerated() {
            let l = k + 1, x = columnX(p, area, layer: l)
            guard x + tileWidth <= area.maxX else { break }
            var shown = Array(layer.units.prefix(fits).map(\.index))
            if l == p.selected.layer, !shown.contains(p.selected.unit), layer.units.contains(where: { $0.index == p.selected.unit }) {
                shown[shown.count - 1] = p.selected.unit
            }
            for (row, unit) in shown.enumerated() { out.append((l, unit, x, tileY(area, row: row))) }
        }
        return out
    }

    /// The unit whose tile (or its mark) is at the cell `(x, y)` of the dashboard.
    static func unit(at x: Int, _ y: Int, _ state: AppState) -> (layer: Int, unit: Int)? {
        guard let p = state.snapshot.network else { return nil }
        return places(p, unitsArea(state.layout.view.inset(1), p)).first { x >= $0.x && x <= $0.x + tileWidth && y >= $0.y && y < $0.y + tileHeight }
            .map { ($0.layer, $0.unit) }
    }

    /// A tile: plane maps as half blocks (upper row foreground, lower background), a
    /// histogram as bars.
    static func drawTile(_ tile: [Float], _ p: NetworkPicture, _ canvas: Canvas, x: Int, y: Int, width: Int, height: Int, colors: Bool) {
        if p.isPlane {
            for cy in 0..<height {
                for cx in 0..<width {
                    let gx = cx * p.tileColumns / width
                    let top = tile[min((2 * cy) * p.tileRows / (2 * height), p.tileRows - 1) * p.tileColumns + gx]
                    let bottom = tile[min((2 * cy + 1) * p.tileRows / (2 * height), p.tileRows - 1) * p.tileColumns + gx]
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

    static func drawDetails(_ p: NetworkPicture, _ canvas: Canvas, _ r: Rect, colors: Bool) {
        let (l, i) = p.selected
        guard let unit = p.layers[l - 1].units.first(where: { $0.index == i }) else { return }
        let inner = Panel.draw(canvas, r, title: "unit \(i + 1) of layer \(l)")
        drawTile(unit.tile, p, canvas, x: inner.x, y: inner.y, width: min(inner.width, 2 * tileWidth), height: 2 * tileHeight, colors: colors)
        var y = inner.y + 2 * tileHeight
        func line(_ text: String, _ style: Style = .plain) {
            guard y < inner.maxY else { return }
            canvas.put(inner.x, y, text, style, maxWidth: inner.width)
            y += 1
        }
        line("a in [\(Format.value(Double(unit.minimum), digits: 3)), \(Format.value(Double(unit.maximum), digits: 3))]")
        line("active on \(Format.percent(unit.activeShare))" + (unit.dead ? "  ✖ dead" : (unit.saturated ? "  ◐ saturated" : "")),
             unit.dead ? Style(fg: .red, bold: true) : .plain)
        line("bias \(Format.value(Double(p.bias), digits: 3))")
        line("largest incoming weights:", .dim)
        let top = p.incoming.prefix(max(0, min(5, inner.maxY - y - 4)))
        let biggest = max(abs(top.first?.weight ?? 1), 1e-9)
        for w in top {
            let n = Int((abs(w.weight) / biggest * 10).rounded())
            let label = "from \(w.from + 1)".padding(toLength: 9, withPad: " ", startingAt: 0)
            guard y < inner.maxY else { break }
            canvas.put(inner.x, y, label, .dim)
            // the colours of the tiles and the connections: blue positive, orange negative
            canvas.put(inner.x + 9, y, String(repeating: "█", count: max(n, 1)), Style(fg: color(w.weight > 0 ? 1 : 0)))
            canvas.put(inner.x + 20, y, Format.value(Double(w.weight), digits: 3), .plain, maxWidth: inner.maxX - inner.x - 20)
            y += 1
        }
        // the layer's weights as a heat map (sampled), if rows are left
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
}
