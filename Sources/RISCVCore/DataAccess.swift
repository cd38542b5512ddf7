import CGuestAtomics

/// The interpreter's view of data memory for one run of the loop: raw pointers and flags copied out
/// of the hart so that loads and stores never touch a class property on the fast path.
struct DataAccess {
    unowned(unsafe) let hart: Hart
    let ram: UnsafeMutableRawPointer
    let ramBase: UInt64
    /// The largest RAM offset at which any access of up to 8 bytes fits.
    let ramLimit: UInt64
    let codeLines: UnsafeMutablePointer<UInt8>
    /// This hart's written-line marks (`WrittenPageMap`); the fast-path region's lines come first.
    let writtenPages: UnsafeMutablePointer<UInt8>
    let tlbTags: UnsafeMutablePointer<UInt64>
    let tlbPages: UnsafeMutablePointer<UInt64>
    let translates: Bool
    /// Non-zero while some hart on another thread holds an LR reservation that stores must break.
    let activeReservations: UnsafeMutablePointer<UInt64>
    /// Set when an access faults; the loop then takes it as a trap.
    var fault = Trap(.loadAccessFault)
    /// Set when a store hit a page holding decoded code: the block must end after this instruction.
    var touchedCode = false

    init(_ hart: Hart) {
        self.hart = hart
        let m = hart.memory
        ram = m.ram
        ramBase = m.ramBase
        ramLimit = m.ramSize &- 8
        codeLines = m.codeLines
        writtenPages = hart.writtenPages.marks
        tlbTags = hart.tlb.tags
        tlbPages = hart.tlb.pages
        translates = hart.needsTranslation(.load)  // loads and stores share the data privilege
        activeReservations = hart.reservations?.activeCount ?? DataAccess.noReservations
    }

    /// The physical address of a data access, or nil with `fault` set.
    @inline(__always)
    mutating func physical(_ va: UInt64, size: UInt64, _ access: AccessType) -> UInt64? {
        if _slowPath(va & (size &- 1) != 0) {
            fault = Trap(access.misaligned, tval: va)
            return nil
        }
        guard _slowPath(translates) else { return va }
        let vpn = va >> 12
        let i = TranslationCache.slot(access, vpn)
        if tlbTags[i] == vpn { return tlbPages[i] | (va & 0xfff) }
        return translateSlow(va, access, size: size)
    }

    @inline(never)
    mutating func translateSlow(_ va: UInt64, _ access: AccessType, size: UInt64) -> UInt64? {
        do { return try hart.translate(va, access, size: size) } catch { fault = error; return nil }
    }

    @inline(__always)
    mutating func load<T: FixedWidthInteger & UnsignedInteger>(_ va: UInt64, _ type: T.Type, recording: Bool) -> T? {
        guard let pa = physical(va, size: UInt64(MemoryLayout<T>.size), .load) else { return nil }
        if recording { hart.commitLog.recordLoad(va) }
        let offset = pa &- ramBase
        if _fastPath(offset <= ramLimit) {
            return ram.loadUnaligned(fromByteOffset: Int(truncatingIfNeeded: offset), as: T.self)
        }
        return loadSlow(pa, va, size: MemoryLayout<T>.size).map { T(truncatingIfNeeded: $0) }
    }

    @inline(never)
    mutating func loadSlow(_ pa: UInt64, _ va: UInt64, size: Int) -> UInt64? {
        if let v = hart.memory.load(pa, size: size) { return v }
        fault = Trap(.loadAccessFault, tval: va)
        return nil
    }

    @inline(__always)
    mutating func store<T: FixedWidthInteger & UnsignedInteger>(_ va: UInt64, _ value: T, recording: Bool) -> Bool {
        guard let pa = physical(va, size: UInt64(MemoryLayout<T>.size), .store) else { return false }
        if recording { hart.commitLog.recordStore(va, UInt64(value), size: MemoryLayout<T>.size) }
        let offset = pa &- ramBase
        if _fastPath(offset <= ramLimit) {
            ram.storeBytes(of: value, toByteOffset: Int(truncatingIfNeeded: offset), as: T.self)
            markWritten(offset: offset)
            if _slowPath(codeLines[Int(truncatingIfNeeded: offset >> PhysicalMemory.codeLineShift)] != 0) { storeHitCode(pa) }
            if _slowPath(rvgem_atomic_load_relaxed64(activeReservations) != 0) { breakReservations(pa) }
            return true
        }
        return storeSlow(pa, va, UInt64(value), size: MemoryLayout<T>.size)
    }

    /// Counts the fast-path line at RAM offset `offset` as written: one byte store, no test, and the
    /// same index as the code-line check next to it.
    @inline(__always)
    func markWritten(offset: UInt64) {
        writtenPages[Int(truncatingIfNeeded: offset >> PhysicalMemory.codeLineShift)] = 1
    }

    /// Where `activeReservations` points on one thread: never set.
    nonisolated(unsafe) static let noReservations: UnsafeMutablePointer<UInt64> = {
        let p = UnsafeMutablePointer<UInt64>.allocate(capacity: 1)
        p.initialize(to: 0)
        return p
    }()

    @inline(never)
    mutating func storeHitCode(_ pa: UInt64) {
        hart.memory.codeWasOverwritten(pa, by: hart.decodeCache)
        touchedCode = true
    }

    @inline(never)
    func breakReservations(_ pa: UInt64) {
        hart.reservations?.storeDone(pa, by: hart.reservationSlot)
    }

    @inline(never)
    mutating func storeSlow(_ pa: UInt64, _ va: UInt64, _ value: UInt64, size: Int) -> Bool {
        if hart.memory.holdsCode(pa) { touchedCode = true }
        if hart.memory.store(pa, size: size, value: value, by: hart.decodeCache) {
            hart.writtenPages.mark(pa, count: size)
            if rvgem_atomic_load_relaxed64(activeReservations) != 0 { breakReservations(pa) }
            return true
        }
        fault = Trap(.storeAccessFault, tval: va)
        return false
    }

    /// The physical address for an atomic memory operation: AMOs need write permission and report
    /// store faults, whatever they read.
    @inline(__always)
    mutating func atomicAddress(_ va: UInt64, size: UInt64) -> UInt64? {
        guard let pa = physical(va, size: size, .store) else { return nil }
        let offset = pa &- ramBase
        guard offset <= ramLimit else { fault = Trap(.storeAccessFault, tval: va); return nil }
        return pa
    }
}
