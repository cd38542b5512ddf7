@testable import RISCVCore
import Testing

/// `Hart.readVirtual` / `writeVirtual`, an accelerator's way into guest memory: split per page,
/// translated like data loads and stores (through the translation cache), held to PMP byte by byte,
/// and with a store's side effects on what they write.
struct AcceleratorMemoryTests {
    static let ram: UInt64 = 0x8000_0000
    /// Sv39 tables: the root, one level-1 and one level-0 table.
    static let rootTable = ram + 0x1_0000, levelOneTable = ram + 0x1_1000, levelZeroTable = ram + 0x1_2000
    /// Virtual pages and the physical pages behind them (0x3000 is not mapped).
    static let mappings: [(virtual: UInt64, physical: UInt64)] = [(0x1000, ram + 0x2_0000), (0x2000, ram + 0x3_7000), (0x4000, ram + 0x4_0000)]

    static func pte(_ physical: UInt64, _ flags: UInt64) -> UInt64 { (physical >> 12) << 10 | flags }
    static let pointer: UInt64 = 1
    static let readWrite: UInt64 = 1 | 2 | 4 | 64 | 128  // V R W A D

    /// A hart in S-mode under Sv39 with `mappings`; PMP entry 1 lets S reach everything, entry 0 is
    /// free for a test to deny something.
    static func supervisorHart() throws -> (Hart, PhysicalMemory) {
        let memory = try PhysicalMemory(regions: [(ram, 1 << 20)])
        let hart = Hart(hartID: 0, extensions: [.i, .m, .a, .supervisor, .user], memory: memory)
        #expect(memory.store(rootTable, size: 8, value: pte(levelOneTable, pointer)))
        #expect(memory.store(levelOneTable, size: 8, value: pte(levelZeroTable, pointer)))
        for (virtual, physical) in mappings {
            #expect(memory.store(levelZeroTable + (virtual >> 12) * 8, size: 8, value: pte(physical, readWrite)))
        }
        hart.writeCSRValue(CSR.pmpaddr0 + 1, (1 << 54) - 1)  // NAPOT: all of memory
        hart.writeCSRValue(CSR.pmpcfg0, 0x1f << 8)           // entry 1: NAPOT, RWX
        hart.writeCSRValue(CSR.satp, 8 << 60 | rootTable >> 12)
        hart.setPrivilege(.supervisor)
        memory.clearWrittenPages()
        return (hart, memory)
    }

    static func write(_ hart: Hart, _ va: UInt64, _ bytes: [UInt8]) -> Bool {
        bytes.withUnsafeBytes { hart.writeVirtual(va, from: $0) }
    }

    static func read(_ hart: Hart, _ va: UInt64, count: Int) -> [UInt8]? {
        var bytes = [UInt8](repeating: 0, count: count)
        return bytes.withUnsafeMutableBytes { hart.readVirtual(va, into: $0) } ? bytes : nil
    }

    static func pattern(_ count: Int, from first: UInt8 = 1) -> [UInt8] { (0..<count).map { first &+ UInt8(truncatingIfNeeded: $0) } }

    @Test func aRangeAcrossPagesIsSplitAndTranslatedPerPage() throws {
        let (hart, memory) = try Self.supervisorHart()
        let bytes = Self.pattern(32)
        #expect(Self.write(hart, 0x1ff0, bytes))
        #expect(memory.read(Self.ram + 0x2_0ff0, count: 16) == Array(bytes[..<16]))
        #expect(memory.read(Self.ram + 0x3_7000, count: 16) == Array(bytes[16...]))
        #expect(memory.writtenPageCount() == 2)
        #expect(Self.read(hart, 0x1ff0, count: 32) == bytes, "read back (now from the translation cache)")
    }

    @Test func aFaultingPageFailsTheAccessAndIsNotWritten() throws {
        let (hart, memory) = try Self.supervisorHart()
        #expect(Self.read(hart, 0x2ff0, count: 32) == nil, "the second page is not mapped")
        #expect(Self.read(hart, 0x3ff0, count: 32) == nil, "the first page is not mapped")

        // Nothing reaches the mapped page after an unmapped one.
        #expect(!Self.write(hart, 0x3ff0, Self.pattern(32)))
        #expect(memory.read(Self.ram + 0x4_0000, count: 16) == [UInt8](repeating: 0, count: 16))
        #expect(memory.writtenPageCount() == 0)

        // Pages are written in order, as a run of single stores would: the one before the fault is.
        #expect(!Self.write(hart, 0x2ff0, Self.pattern(32)))
        #expect(memory.read(Self.ram + 0x3_7ff0, count: 16) == Self.pattern(16))
        #expect(memory.writtenPageCount() == 1)
    }

    /// PMP entry 0 denies S the 64 bytes at physical 0x80037800 (virtual 0x2800), in the middle of
    /// a page: no access may touch them, accesses next to them go through.
    @Test func pmpDeniesEveryByteOfItsRange() throws {
        let (hart, memory) = try Self.supervisorHart()
        hart.writeCSRValue(CSR.pmpaddr0, (Self.ram + 0x3_7800) >> 2 | 0b111)  // NAPOT, 64 bytes
        hart.writeCSRValue(CSR.pmpcfg0, 0x1f << 8 | 0x18)                    // entry 0: NAPOT, no access

        #expect(!Self.write(hart, 0x27f0, Self.pattern(32)), "only the last 16 bytes are denied")
        #expect(memory.read(Self.ram + 0x3_77f0, count: 32) == [UInt8](repeating: 0, count: 32))
        #expect(!Self.write(hart, 0x1ff0, Self.pattern(0x820)), "the second page's piece reaches the range")
        #expect(memory.read(Self.ram + 0x3_7000, count: 16) == [UInt8](repeating: 0, count: 16))
        #expect(Self.read(hart, 0x283f, count: 1) == nil)
        #expect(Self.read(hart, 0x2000, count: 0x1000) == nil)

        #expect(Self.write(hart, 0x27c0, Self.pattern(64)), "ends where the range starts")
        #expect(Self.write(hart, 0x2840, Self.pattern(64)), "starts where the range ends")
        #expect(Self.read(hart, 0x27c0, count: 64) == Self.pattern(64))
        #expect(memory.read(Self.ram + 0x3_7840, count: 64) == Self.pattern(64))
    }

    /// M-mode without translation: locked PMP entries bind it, and locking one takes effect at once
    /// although the page was reached (and cached) before.
    @Test func machineModeIsHeldToLockedEntries() throws {
        let memory = try PhysicalMemory(regions: [(Self.ram, 1 << 20)])
        let hart = Hart(hartID: 0, extensions: [.i, .m, .a], memory: memory)
        #expect(Self.write(hart, Self.ram + 0x5000, Self.pattern(16)))

        hart.writeCSRValue(CSR.pmpaddr0, (Self.ram + 0x5000) >> 2 | 0x1ff)  // NAPOT, 4 KiB
        hart.writeCSRValue(CSR.pmpcfg0, 0x80 | 0x18 | 1)                    // locked, read-only
        #expect(!Self.write(hart, Self.ram + 0x5000, Self.pattern(16, from: 100)))
        #expect(Self.read(hart, Self.ram + 0x5000, count: 16) == Self.pattern(16))
        #expect(!Self.write(hart, Self.ram + 0x4ff8, Self.pattern(16, from: 100)))
        #expect(memory.read(Self.ram + 0x4ff8, count: 8) == Self.pattern(8, from: 100), "the page before the entry")
        #expect(memory.read(Self.ram + 0x5000, count: 8) == Self.pattern(8))
        #expect(Self.write(hart, Self.ram + 0x6000, Self.pattern(16)), "no entry matches: M may")
    }

    /// A write drops decoded code on its lines and breaks another hart's reservation anywhere in it.
    @Test func writesDoWhatStoresDo() throws {
        let memory = try PhysicalMemory(regions: [(Self.ram, 1 << 20)])
        let hart = Hart(hartID: 0, extensions: [.i, .m, .a], memory: memory)
        let reservations = ReservationSet(harts: 2)
        hart.shareReservations(reservations, slot: 0)
        memory.markCode(Self.ram + 0x7040, length: 64)
        reservations.reserve(1, Self.ram + 0x7088)

        #expect(Self.write(hart, Self.ram + 0x7000, Self.pattern(0x80)))
        #expect(!memory.holdsCode(Self.ram + 0x7040))
        #expect(reservations.take(1) == Self.ram + 0x7088, "the reservation past the write stands")
        reservations.reserve(1, Self.ram + 0x7088)
        #expect(Self.write(hart, Self.ram + 0x7000, Self.pattern(0x100)))
        #expect(reservations.take(1) == ReservationSet.none)
    }
}
