/// A run's per-epoch records, bounded in memory whatever the run's length. Up to
/// `limit` epochs every record is kept; past that only every `stride`-th epoch
/// (the stride doubling each time the records reach `limit` again), and always the
/// newest. The kept epochs are evenly spaced, so a chart of them by position is the
/// run's curve, its x axis spanning the first to the last kept epoch. The full record
/// of every epoch goes to the log as it happens, never through here.
public struct EpochHistory: RandomAccessCollection, Sendable, Equatable {
    /// Records kept before the history thins to every other one.
    public static let limit = 20_000

    public private(set) var records: [EpochRecord] = []
    /// Every `stride`-th epoch is kept (1, 2, 4, …).
    public private(set) var stride = 1
    let limit: Int

    public init(_ records: [EpochRecord] = [], limit: Int = EpochHistory.limit) {
        self.limit = Swift.max(limit, 2)
        for r in records { append(r) }
    }

    public var startIndex: Int { records.startIndex }
    public var endIndex: Int { records.endIndex }
    public subscript(i: Int) -> EpochRecord { records[i] }

    /// Epoch `e` is kept for good when `(e - 1)` is a multiple of the stride.
    func onGrid(_ epoch: Int) -> Bool { (epoch - 1) % stride == 0 }

    /// Adds the newest record: the previous newest stays only if it is on the grid.
    public mutating func append(_ r: EpochRecord) {
        if let last = records.last, !onGrid(last.epoch) { records.removeLast() }
        records.append(r)
        if records.count > limit {
            stride *= 2
            let newest = records.removeLast()
            let step = stride
            records.removeAll { ($0.epoch - 1) % step != 0 }
            records.append(newest)
        }
    }

    /// The rate of the kept epoch nearest to epoch `e + 1` (`e` 0-based), or nil.
    public func learningRate(atEpochIndex e: Int) -> Float? {
        guard !records.isEmpty else { return nil }
        let k = Swift.min(Swift.max((e / stride), 0), records.count - 1)
        return records[k].lr
    }
}
