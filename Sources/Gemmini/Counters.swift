/// Gemmini's performance counters (`gemmini_counter.h`): eight slots, each counting one selected event.
/// Internal events (ids 1-44) are cycle counts in the hardware; here they count modelled cycles: one per
/// row a mover transfers, DIM per compute. External events (ids 45+, configured as 1-7 with bit 31 set)
/// count reservation-station commands and DMA bytes. As in libgemmini, while the accelerator is busy
/// (any command other than FLUSH since the last counter reset) every COUNTER access advances the
/// internal counters too (DIM cycles), standing in for the work a real Gemmini is still draining.
struct Counters {
    static let slots = 8
    var value = [UInt32](repeating: 0, count: slots)
    var snapshot = [UInt32](repeating: 0, count: slots)
    var event = [UInt16](repeating: 0, count: slots)
    var external = [Bool](repeating: false, count: slots)
    var snapshotEnabled = false
    var busy = false
    /// Bit e set when some slot counts internal (external) event e: most programs configure none, and
    /// the model counts several events per command.
    private var internalEvents: UInt64 = 0
    private var externalEvents: UInt64 = 0

    // Internal event ids used by the model.
    static let mainLoadCycles: UInt16 = 1
    static let mainStoreCycles: UInt16 = 2
    static let mainExCycles: UInt16 = 3
    static let loadActive: UInt16 = 9
    static let storeActive: UInt16 = 12
    static let storePooling: UInt16 = 13
    static let rdmaActive: UInt16 = 18
    static let wdmaActive: UInt16 = 21
    static let exeActive: UInt16 = 24
    static let aGarbage: UInt16 = 35
    static let bGarbage: UInt16 = 36
    static let dGarbage: UInt16 = 37
    static let loopMatmulActive: UInt16 = 43
    // External event ids (after subtracting INCREMENTAL_COUNTERS).
    static let reservationLoads: UInt16 = 1
    static let reservationStores: UInt16 = 2
    static let reservationExecutes: UInt16 = 3

    @inline(__always)
    mutating func count(internal id: UInt16, by n: UInt32) {
        guard internalEvents & (1 << UInt64(id & 63)) != 0 else { return }
        for i in 0..<Counters.slots where event[i] == id && !external[i] {
            value[i] &+= n
        }
    }

    @inline(__always)
    mutating func count(external id: UInt16, by n: UInt32) {
        guard externalEvents & (1 << UInt64(id & 63)) != 0 else { return }
        for i in 0..<Counters.slots where event[i] == id && external[i] {
            value[i] &+= n
        }
    }

    /// Makes slot `index` count event `id` (internal or external) from zero.
    mutating func configure(slot index: Int, event id: UInt16, external isExternal: Bool) {
        event[index] = id
        value[index] = 0
        external[index] = isExternal
        internalEvents = 0
        externalEvents = 0
        for i in 0..<Counters.slots {
            if external[i] { externalEvents |= 1 << UInt64(event[i]) } else { internalEvents |= 1 << UInt64(event[i]) }
        }
    }
}

extension GemminiAccelerator {
    /// COUNTER (funct7 126): rs1 [0] reset, [1] snapshot reset, [2] take snapshot, [3] change config,
    /// [6:4] counter index, [17:12] event id, [31] external. Returns the selected counter.
    func counterOperation(_ rs1: UInt64) -> UInt64 {
        if counters.busy {
            for i in 0..<Counters.slots where !counters.external[i] && counters.event[i] != 0 {
                counters.value[i] &+= UInt32(dim)
            }
        }
        let index = Int((rs1 >> 4) & 7)
        if rs1 & 1 != 0 {
            for i in 0..<Counters.slots { counters.value[i] = 0 }
            counters.busy = false
        }
        if rs1 & 2 != 0 { counters.snapshotEnabled = false }
        if rs1 & 4 != 0 {
            counters.snapshotEnabled = true
            counters.snapshot = counters.value
        }
        if rs1 & 8 != 0 {
            counters.configure(slot: index, event: UInt16((rs1 >> 12) & 0x3F), external: (rs1 >> 31) & 1 != 0)
        }
        return UInt64(counters.snapshotEnabled ? counters.snapshot[index] : counters.value[index])
    }

    /// Rows a mover transferred in.
    func countLoad(rows: Int) {
        let n = UInt32(truncatingIfNeeded: rows)
        statistics.rowsMovedIn &+= UInt64(rows)
        counters.count(internal: Counters.mainLoadCycles, by: n)
        counters.count(internal: Counters.loadActive, by: n)
        counters.count(internal: Counters.rdmaActive, by: n)
        counters.count(external: Counters.reservationLoads, by: 1)
    }

    func countStore(rows: Int, pooled: Bool) {
        let n = UInt32(truncatingIfNeeded: rows)
        statistics.rowsMovedOut &+= UInt64(rows)
        counters.count(internal: Counters.mainStoreCycles, by: n)
        counters.count(internal: Counters.storeActive, by: n)
        counters.count(internal: Counters.wdmaActive, by: n)
        if pooled { counters.count(internal: Counters.storePooling, by: n) }
        counters.count(external: Counters.reservationStores, by: 1)
    }
}
