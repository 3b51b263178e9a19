/// The last `capacity` values appended, oldest first: a full ring overwrites its
/// oldest value, so memory never grows past `capacity`.
public struct RingBuffer<Element: Sendable>: Sendable {
    public let capacity: Int
    private var storage: [Element] = []
    /// Where the oldest value is once the ring is full.
    private var head = 0

    public init(capacity: Int) {
        self.capacity = max(capacity, 1)
        storage.reserveCapacity(self.capacity)
    }

    public mutating func append(_ x: Element) {
        if storage.count < capacity {
            storage.append(x)
        } else {
            storage[head] = x
            head = (head + 1) % capacity
        }
    }

    /// The newest value, without copying the ring.
    public var last: Element? { storage.isEmpty ? nil : storage[(head + storage.count - 1) % storage.count] }

    /// Every value, oldest first.
    public var elements: [Element] { Array(storage[head...] + storage[..<head]) }

    public var count: Int { storage.count }
}
