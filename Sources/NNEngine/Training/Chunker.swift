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

    /// One epoch as a flat permutation of `0..<M` and the batch sizes in order:
    /// batch `k` is the next `sizes[k]` entries of `order`. Two arrays per epoch,
    /// whatever the batch size, so training allocates nothing per mini-batch.
    public struct Plan: Sendable {
        public var order: [Int]
        public var sizes: [Int]
        /// Start of each batch in `order`.
        public var starts: [Int]
    }

    public func plan(rng: inout RandomSource) -> Plan {
        let permutation = rng.permutation(count)
        var order = sizes
        rng.shuffle(&order)
        var starts: [Int] = []
        starts.reserveCapacity(order.count)
        var start = 0
        for size in order {
            starts.append(start)
            start += size
        }
        return Plan(order: permutation, sizes: order, starts: starts)
    }

    /// One epoch's batches as index lists into `0..<M` (the same cut as `plan`).
    public func epoch(rng: inout RandomSource) -> [[Int]] {
        let p = plan(rng: &rng)
        return zip(p.starts, p.sizes).map { Array(p.order[$0..<($0 + $1)]) }
    }
}
