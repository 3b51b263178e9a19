import NNDrawing
import NNEngine
import NNFiles
import NNSession

/// The overlay `c` opens: which setting the comparison varies and which values
/// become runs. Every run shares the data, split, initial weights and batch order.
public struct ComparePicker: Equatable, Sendable {
    public struct Dimension: Equatable, Sendable {
        public var title: String
        /// The preset key varied; nil for the preset's own `compare:` list.
        public var key: String?
        public var values: [String]
        public var selected: Set<Int>
    }

    public var dimensions: [Dimension]
    public var current = 0
    public var cursor = 0
    /// The training seeds (1 to `seeds`) each variant runs over; 1: the preset's own seed.
    public var seeds: Int
    /// The counts `+`/`-` step through.
    static let seedChoices = [1, 3, 5, 8, 12, 20, 32]

    /// The choices for a preset: its own list first when it has one, then the
    /// optimizers (the six classic ones ticked), learning rates around its own, hidden
    /// units (every hidden layer that wide; `sizes` are the run's `N0/.../NL`),
    /// activations, batch sizes and schedules.
    public init(preset p: Preset, sizes: [Int], trainCount: Int, seeds: Int = 1) {
        self.seeds = seeds
        var d: [Dimension] = []
        if !p.compare.isEmpty {
            let labels = p.compare.map { $0.map(\.short).joined(separator: " ") }
            d.append(Dimension(title: "preset's list", key: nil, values: labels, selected: Set(labels.indices)))
        }
        let kinds = OptimizerKind.allCases.map(\.rawValue)
        d.append(
            Dimension(
                title: "optimizer", key: "optimizer.name", values: kinds,
                selected: Set(kinds.indices.filter { kinds[$0] != "adamw" })))
        let lrs = [0.1, 0.3, 1, 3, 10].map { Preset.format(Double(p.optimizer.lr) * $0) }
        d.append(Dimension(title: "learning rate", key: "optimizer.lr", values: lrs, selected: Set(lrs.indices)))
        let depth = max(sizes.count - 2, 1)
        let widths = [2, 5, 10, 20, 50, 100, 200].map { h in
            ([sizes.first ?? 1] + Array(repeating: h, count: depth) + [sizes.last ?? 1]).map(String.init).joined(
                separator: "/")
        }
        d.append(Dimension(title: "hidden units", key: "network.layers", values: widths, selected: [1, 3, 5]))
        d.append(
            Dimension(
                title: "activation", key: "network.activation", values: Activation.names,
                selected: Set(
                    Activation.names.indices.filter { ["sigmoid", "tanh", "relu"].contains(Activation.names[$0]) })))
        let batches = ([1, 8, 16, 32, 64, 128, 256].filter { $0 <= trainCount }.map(String.init)) + ["full"]
        d.append(
            Dimension(
                title: "batch size", key: "training.batch", values: batches,
                selected: Set(batches.indices.filter { ["16", "32", "128", "full"].contains(batches[$0]) })))
        let schedules = ScheduleKind.allCases.map(\.rawValue)
        d.append(
            Dimension(
                title: "schedule", key: "schedule.name", values: schedules,
                selected: Set(
                    schedules.indices.filter { ["constant", "step", "cosine", "one-cycle"].contains(schedules[$0]) })))
        dimensions = d
        current = d.firstIndex { $0.key == nil } ?? 0
    }

    /// Applies one of the picker's actions (`KeyMap`'s picker scope); returns the
    /// intent that starts the comparison.
    mutating func handle(_ action: KeyAction) -> Intent? {
        var d = dimensions[current]
        switch action {
        case .pickerDimension(let by):
            current = (current + by + dimensions.count) % dimensions.count
            cursor = 0
        case .pickerValue(let by): cursor = (cursor + by + d.values.count) % d.values.count
        case .pickerSeeds(let by):
            let choices = Array(Set(Self.seedChoices + [seeds])).sorted()
            seeds = choices[min(max((choices.firstIndex(of: seeds) ?? 0) + by, 0), choices.count - 1)]
        case .pickerTick:
            if d.selected.contains(cursor) { d.selected.remove(cursor) } else { d.selected.insert(cursor) }
            dimensions[current] = d
        case .pickerStart:
            let values = d.selected.sorted().map { d.values[$0] }
            guard !values.isEmpty else { return nil }
            switch d.key {
            case nil: return .compare(.presetList, seeds: seeds)
            case "optimizer.name"?:
                return .compare(.optimizers(values.compactMap(OptimizerKind.init(rawValue:))), seeds: seeds)
            case let key?: return .compare(.values(key: key, values), seeds: seeds)
            }
        default: break
        }
        return nil
    }

    /// Where each dimension's title goes on the "vary:" rows of `width` cells, after the
    /// label: left to right, onto the next row where the next title would not fit whole.
    func titlePlaces(width: Int) -> [(row: Int, x: Int)] {
        var row = 0, x = 6
        return dimensions.map { dim in
            let cells = TerminalText.width(dim.title) + 2
            if x + cells > width && x > 6 { row += 1; x = 6 }
            defer { x += cells + 1 }
            return (row, x)
        }
    }

    func draw(_ canvas: Canvas) {
        let d = dimensions[current]
        let w = min(72, canvas.width - 4)
        let places = titlePlaces(width: w - 3), rows = (places.last?.row ?? 0) + 1
        let h = min(d.values.count + 7 + rows, canvas.height - 2)
        let r = Rect(x: (canvas.width - w) / 2, y: (canvas.height - h) / 2, width: w, height: h)
        canvas.fill(r)
        let inner = Panel.draw(canvas, r, title: "compare: choose the runs", style: .bold)
        canvas.put(inner.x + 1, inner.y, "vary:", .dim)
        for (i, (dim, place)) in zip(dimensions, places).enumerated() {
            canvas.put(
                inner.x + 1 + place.x, inner.y + place.row, " \(dim.title) ", i == current ? .selected : .plain,
                maxWidth: inner.maxX - inner.x - 1 - place.x)
        }
        let top = inner.y + rows + 1
        for (i, v) in d.values.enumerated() where top + i < inner.maxY - 3 {
            let mark = d.selected.contains(i) ? "[x]" : "[ ]"
            canvas.put(
                inner.x + 1, top + i, Format.pad("\(mark) \(v)", inner.width - 2),
                i == cursor ? .selected : .plain)
        }
        let seedKeys = "\(KeyMap.key(for: .pickerSeeds(by: 1)))/\(KeyMap.key(for: .pickerSeeds(by: -1)))"
        let over = seeds == 1 ? "one seed, the preset's" : "each variant over seeds 1 to \(seeds), paired"
        canvas.put(
            inner.x + 1, inner.maxY - 2, "seeds \(seeds): \(over) · \(seedKeys) more/fewer", seeds == 1 ? .dim : .bold,
            maxWidth: inner.width - 2)
        let keys =
            "\(KeyMap.key(for: .pickerDimension(by: 1))): vary another setting · \(KeyMap.key(for: .pickerTick)): "
            + "tick · "
            + "\(KeyMap.key(for: .pickerStart)): start · \(KeyMap.key(for: .closePicker)): cancel"
        canvas.put(inner.x + 1, inner.maxY - 1, keys, .dim, maxWidth: inner.width - 2)
    }
}
