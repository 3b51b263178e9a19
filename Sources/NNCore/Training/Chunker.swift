/// The lecture's mini-batch chunker (`chunker.cl`): each epoch a fresh permutation
/// of the `M` samples, cut into batches of size `B`; when `B` does not divide `M`
/// exactly one batch is smaller (`M mod B`), and the order of the batch sizes is
/// shuffled too, so the short batch is not always last. Every sample appears
/// exactly once per epoch.
public struct Chunker: Sendable {
    public let count: Int
    public let batchSize: Int

    public init(count: Int, batchSize: Int) {
        precondition(count > 0 && batchSize > 0)
        self.count = count
        self.batchSize = min(batchSize, count)
    }

    /// Number of mini-batches per epoch: `ceil(M / B)`.
    public var batchesPerEpoch: Int { (count + batchSize - 1) / batchSize }

    /// The batch sizes of one epoch before shuffling: all `B`, one `M mod B` if nonzero.
    public var sizes: [Int] {
        let full = count / batchSize, rest = count % batchSize
        return Array(repeating: batchSize, count: full) + (rest > 0 ? [rest] : [])
    }

    /// One epoch's batches: index lists into `0..<M`.
    public func epoch(rng: inout RandomSource) -> [[Int]] {
        let permutation = rng.permutation(count)
        var order = sizes
        rng.shuffle(&order)
        var batches: [[Int]] = []
        batches.reserveCapacity(order.count)
        var start = 0
        for size in order {
            batches.append(Array(permutation[start..<(start + size)]))
            start += size
        }
        return batches
    }
}
