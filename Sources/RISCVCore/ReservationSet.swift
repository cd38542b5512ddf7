import CGuestAtomics

/// The LR reservations of harts that run on several host threads, where a store by one hart must
/// break another's reservation on the same address. (On one thread the schedule does this for
/// free: a hart's reservation is dropped whenever another hart gets a turn.)
///
/// Stores test `activeCount` first, so they pay one load while no reservation is held.
public final class ReservationSet: @unchecked Sendable {
    static let none = UInt64.max
    /// Reservations are held on naturally aligned 8-byte granules.
    static let granuleMask = ~UInt64(7)

    /// Per-hart reserved physical address (or `none`), each on a cache line of its own (`stride`
    /// words apart), and how many are held; all accessed atomically.
    let addresses: UnsafeMutablePointer<UInt64>
    let activeCount: UnsafeMutablePointer<UInt64>
    let count: Int
    static let stride = 16

    public init(harts: Int) {
        count = harts
        addresses = allocateHartLocal(UInt64.self, count: harts * Self.stride, initialValue: Self.none)
        activeCount = allocateHartLocal(UInt64.self, count: 1, initialValue: 0)
    }

    deinit {
        addresses.deallocate()
        activeCount.deallocate()
    }

    /// Hart `slot` reserves `address` (replacing any reservation it held).
    func reserve(_ slot: Int, _ address: UInt64) {
        if rvgem_atomic_exchange64(addresses + slot * Self.stride, address & Self.granuleMask) == Self.none {
            _ = rvgem_atomic_fetch_add64(activeCount, 1)
        }
    }

    /// Hart `slot` gives up its reservation; returns the granule it still held, or `none` if a
    /// store broke it.
    func take(_ slot: Int) -> UInt64 {
        let held = rvgem_atomic_exchange64(addresses + slot * Self.stride, Self.none)
        if held != Self.none { _ = rvgem_atomic_fetch_add64(activeCount, UInt64.max) }
        return held
    }

    /// A store to `address`: every other hart's reservation on its granule is broken.
    func storeDone(_ address: UInt64, by slot: Int) { storesDone(address, count: 1, by: slot) }

    /// Stores to the `count` bytes at `address`: every other hart's reservation on a granule among
    /// them is broken.
    func storesDone(_ address: UInt64, count byteCount: Int, by slot: Int) {
        let first = address & Self.granuleMask
        let end = address &+ UInt64(byteCount)
        for i in 0..<count where i != slot {
            let entry = addresses + i * Self.stride
            let granule = rvgem_atomic_load64(entry)
            if granule != Self.none && first <= granule && granule < end && rvgem_atomic_cas64(entry, granule, Self.none) {
                _ = rvgem_atomic_fetch_add64(activeCount, UInt64.max)
            }
        }
    }
}

/// Memory a hart's thread writes often (registers, caches), on cache lines of its own so that harts
/// on other host threads never share a line with it (false sharing would cost a miss per write).
func allocateHartLocal<T>(_ type: T.Type, count: Int, initialValue: T) -> UnsafeMutablePointer<T> {
    let line = 128  // two 64-byte lines: x86 prefetches pairs
    let bytes = (MemoryLayout<T>.stride * count + line - 1) / line * line
    let p = UnsafeMutableRawPointer.allocate(byteCount: bytes, alignment: line).bindMemory(to: T.self, capacity: count)
    p.initialize(repeating: initialValue, count: count)
    return p
}
