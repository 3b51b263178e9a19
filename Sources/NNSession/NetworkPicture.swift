import NNEngine
import NNFiles

/// The network view's picture: every layer's units (a readable subset of wide
/// layers) with, for each unit, a tile of its activation `A[l][i]` (over the input
/// plane for 2-D data, else as a histogram over a sample of the data), its range and
/// the share of samples it is active on; and the selected unit's incoming weights.
public struct NetworkPicture: Sendable, Equatable {
    public struct Unit: Sendable, Equatable {
        /// The unit's index in its layer.
        public var index: Int
        /// Tile values in [0, 1]: `tileColumns x tileRows` over the plane (row 0 at the
        /// top), or histogram bar heights.
        public var tile: [Float]
        public var minimum: Float, maximum: Float
        /// Share of the samples on which the unit is not stuck (`Activation.isStuck`).
        public var activeShare: Double
        /// Stuck on every sample (dead), or active on more than none but its output
        /// saturated (`|a|` near the activation's bounds) on 99% of them.
        public var dead: Bool
        public var saturated: Bool
    }
    public struct Layer: Sendable, Equatable {
        /// `N_l`.
        public var size: Int
        public var units: [Unit]
        public var activation: String
        /// The activation values the tiles' colours span, one scale for every unit of
        /// the layer (0 and 1 of the tiles): the activation's own range where it has
        /// one (tanh −1…1, sigmoid and softmax 0…1), else 0 or −m to the layer's
        /// largest value m. A flat unit looks flat; saturation shows.
        public var scale: (low: Float, high: Float)

        public static func == (a: Layer, b: Layer) -> Bool {
            a.size == b.size && a.units == b.units && a.activation == b.activation && a.scale == b.scale
        }
    }

    /// `N0/.../NL`.
    public var sizes: [Int]
    /// Layers 1...L.
    public var layers: [Layer]
    /// The inputs' tiles for a set on the plane (each input over the plane, as
    /// Playground draws `x1`, `x2`, ...), the first `unitsPerLayer`; empty otherwise.
    /// Each on its own scale, symmetric about 0 (white).
    public var inputs: [[Float]]
    public var tileColumns: Int, tileRows: Int
    /// Tiles are maps over the input plane (else histograms).
    public var isPlane: Bool
    /// The selected unit (layer 1...L, index in the layer) and its incoming weights
    /// `W[l][i, :]` with the bias, as `(from unit, weight)` sorted by size.
    public var selected: (layer: Int, unit: Int)
    public var incoming: [(from: Int, weight: Float)]
    public var bias: Float
    /// The selected layer's weight matrix, sampled to at most 24 x 24, for the heat map.
    public var weights: [[Float]]

    public static func == (a: NetworkPicture, b: NetworkPicture) -> Bool {
        a.sizes == b.sizes && a.layers == b.layers && a.inputs == b.inputs && a.selected == b.selected
            && a.bias == b.bias
            && a.incoming.map(\.from) == b.incoming.map(\.from) && a.incoming.map(\.weight) == b.incoming.map(\.weight)
    }
}

extension ViewComputations {
    /// Units per layer whose tiles a picture holds at most (the selected one and
    /// those its details name come too); the view counts the rest.
    public static let unitsPerLayer = 64
    /// The selected unit's largest incoming weights the view names (and so the units
    /// of the layer below whose tiles the picture holds, wherever they are).
    public static let namedIncoming = 5

    /// The network picture of `t` with tiles of `columns x rows`, unit `unit` of layer
    /// `layer` selected (clamped to the network).
    public static func networkPicture(_ t: Trainer, columns: Int, rows: Int, layer: Int, unit: Int) -> NetworkPicture {
        let net = t.network, L = net.depth
        let layer = min(max(layer, 1), L), unit = min(max(unit, 0), net.sizes[layer] - 1)
        // statistics over a sample of the training data; tiles over the plane, one forward over its grid
        let stats = sampleForward(t)
        let grid = planeForward(t, columns: columns, rows: rows)
        let inputTiles =
            grid.map { g in
                (0..<min(net.sizes[0], unitsPerLayer)).map { i -> [Float] in
                    let values = (0..<(columns * rows)).map { g.X.column($0)[i] }
                    let m = largest(values)
                    return scaled(values, (-m, m))
                }
            } ?? []
        let W = net.layers[layer - 1].W, inputs = net.sizes[layer - 1]
        let incoming = (0..<inputs).map { (from: $0, weight: W[unit, $0]) }.sorted { abs($0.weight) > abs($1.weight) }
        let named = incoming.prefix(namedIncoming).map(\.from).sorted()
        let layers = (1...L).map { l in
            let extra = l == layer ? [unit] : (l == layer - 1 ? named : [])
            return layerPicture(
                net, l, shown: Array(0..<min(net.sizes[l], unitsPerLayer)) + extra.filter { $0 >= unitsPerLayer },
                stats: stats, grid: grid, tiles: (columns, rows))
        }
        let rowsShown = min(net.sizes[layer], 24), colsShown = min(inputs, 24)
        let weights = (0..<rowsShown).map { r in
            (0..<colsShown).map { c in W[r * net.sizes[layer] / rowsShown, c * inputs / colsShown] }
        }
        return NetworkPicture(
            sizes: net.sizes, layers: layers, inputs: inputTiles, tileColumns: columns, tileRows: rows,
            isPlane: grid != nil, selected: (layer, unit), incoming: incoming,
            bias: net.layers[layer - 1].b.data[unit], weights: weights)
    }

    /// One forward pass over a `columns x rows` grid of the plane (for a set on the
    /// plane; nil otherwise): every unit's tile is its activation there.
    static func planeForward(_ t: Trainer, columns: Int, rows: Int) -> Workspace? {
        let net = t.network, d = t.data
        guard d.isPlane, columns > 0, rows > 0 else { return nil }
        let (xr, yr) = planeExtent(d, margin: 0)
        let inputs = gridInputs(d, x: xr, y: yr, columns: columns, rows: rows)
        let g = Workspace(sizes: net.sizes, capacity: inputs.count)
        g.setBatch(inputs.count)
        for (j, x) in inputs.enumerated() { d.store.scale(raw: x, into: g.X.column(j)) }
        net.forward(g)
        return g
    }

    /// Values placed on a fixed scale, `low` 0 and `high` 1, clamped (NaN: 0.5);
    /// computed in halves so ±3e38 does not overflow.
    static func scaled(_ values: [Float], _ s: (low: Float, high: Float)) -> [Float] {
        values.map { v in
            let t = (v / 2 - s.low / 2) / (s.high / 2 - s.low / 2)
            return t.isFinite ? min(max(t, 0), 1) : 0.5
        }
    }

    /// The largest `|a|` of the values (at least a tiny positive number).
    static func largest(_ values: [Float]) -> Float { max(values.lazy.filter(\.isFinite).map(abs).max() ?? 0, 1e-6) }

    /// Layer `l`'s units `shown`, on one scale for the layer from its activation's range.
    static func layerPicture(
        _ net: Network, _ l: Int, shown: [Int], stats: Workspace, grid: Workspace?,
        tiles: (columns: Int, rows: Int)
    ) -> NetworkPicture.Layer {
        let activation = l < net.depth ? net.hidden : nil
        let values: [Float] =
            grid.map { g in (0..<g.A[l].count).map { g.A[l].data[$0] } }
            ?? (0..<stats.A[l].count).map { stats.A[l].data[$0] }
        let m = largest(values)
        let scale: (low: Float, high: Float)
        switch activation {
        case .tanh?: scale = (-1, 1)
        case .sigmoid?: scale = (0, 1)
        case .relu?, .softplus?: scale = (0, m)
        case nil where net.output != .identity: scale = (0, 1)  // softmax, sigmoid
        default: scale = (-m, m)  // identity, leaky relu, swish, an identity output
        }
        let units = shown.map {
            unitPicture($0, of: l, activation: activation, stats: stats, grid: grid, tiles: tiles, scale: scale)
        }
        return NetworkPicture.Layer(
            size: net.sizes[l], units: units,
            activation: activation?.name ?? net.output.rawValue, scale: scale)
    }

    /// Unit `i` of layer `l`: its range and active share over the sample, and its tile
    /// (its activation over the plane's grid, or a histogram of it over the sample).
    static func unitPicture(
        _ i: Int, of l: Int, activation: Activation?, stats: Workspace, grid: Workspace?,
        tiles: (columns: Int, rows: Int), scale: (low: Float, high: Float)
    ) -> NetworkPicture.Unit {
        let count = stats.T.cols
        var lo = Float.infinity, hi = -Float.infinity, active = 0, saturated = 0
        for j in 0..<count {
            let a = stats.A[l].column(j)[i], z = stats.Z[l].column(j)[i]
            lo = min(lo, a); hi = max(hi, a)
            if let f = activation {
                if !f.isStuck(z: z, a: a) { active += 1 } else if z > 0 || f != .relu { saturated += 1 }
            } else {
                active += 1
            }
        }
        let tile: [Float]
        if let g = grid {
            tile = scaled((0..<(tiles.columns * tiles.rows)).map { g.A[l].column($0)[i] }, scale)
        } else {
            tile = histogram((0..<count).map { stats.A[l].column($0)[i] }, bins: max(tiles.columns, 1), lo: lo, hi: hi)
        }
        return NetworkPicture.Unit(
            index: i, tile: tile, minimum: lo, maximum: hi, activeShare: Double(active) / Double(max(count, 1)),
            dead: activation != nil && active == 0,
            saturated: activation != nil && active > 0 && Double(saturated) >= 0.99 * Double(count))
    }

    /// A histogram of `values` over `bins` equal bins from `lo` to `hi`, its tallest bin 1
    /// (in halves, so ±3e38 does not overflow; NaN and infinity go to the middle bin).
    static func histogram(_ values: [Float], bins: Int, lo: Float, hi: Float) -> [Float] {
        var h = [Float](repeating: 0, count: bins)
        for a in values {
            let t = (a / 2 - lo / 2) / (hi / 2 - lo / 2)
            let k = hi > lo && t.isFinite ? min(max(Int(t * Float(bins)), 0), bins - 1) : bins / 2
            h[k] += 1
        }
        let top = h.max() ?? 1
        return h.map { top > 0 ? $0 / top : 0 }
    }
}
