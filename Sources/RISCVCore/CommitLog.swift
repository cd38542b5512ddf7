/// What one instruction changed, gathered for Spike's `--log-commits` line.
public struct CommitRecord {
    public var enabled = false
    /// Register and CSR writes keyed as Spike keys them (`number << 4 | kind`: 0 x, 1 f, 4 CSR);
    /// a later write to the same key replaces the earlier one.
    public private(set) var writes: [(key: UInt32, value: UInt64)] = []
    public private(set) var loads: [UInt64] = []
    public private(set) var stores: [(address: UInt64, value: UInt64, size: Int)] = []

    public mutating func reset() {
        writes.removeAll(keepingCapacity: true)
        loads.removeAll(keepingCapacity: true)
        stores.removeAll(keepingCapacity: true)
    }

    public mutating func recordWrite(key: UInt32, value: UInt64) {
        if let i = writes.firstIndex(where: { $0.key == key }) { writes[i].value = value } else { writes.append((key, value)) }
    }

    public mutating func recordLoad(_ address: UInt64) { loads.append(address) }
    public mutating func recordStore(_ address: UInt64, _ value: UInt64, size: Int) { stores.append((address, value, size)) }

    /// Writes in Spike's order (its std::map is sorted by key).
    public var sortedWrites: [(key: UInt32, value: UInt64)] { writes.sorted { $0.key < $1.key } }
}
