import CGuestAtomics
import RISCVISA

/// One custom-3 instruction as a RoCC accelerator receives it (Spike's `rocc_insn_t` plus operands).
public struct RoCCCommand: Sendable {
    public var funct7: UInt32
    /// rs1 and rs2 values (zero when the instruction does not read them: xs1/xs2 clear).
    public var rs1: UInt64
    public var rs2: UInt64
    /// funct3's xd bit: the result goes to rd.
    public var writesRd: Bool

    /// Where the decoder keeps funct3's bits in `imm` (after funct7's seven): xd, xs1, xs2.
    static let writesRdBit: Int32 = 4 << 7
    static let readsRs1Bit: Int32 = 2 << 7
    static let readsRs2Bit: Int32 = 1 << 7
}

/// An accelerator attached to a hart through the RoCC interface (Gemmini). It reaches the hart's
/// memory only through `readVirtual`/`writeVirtual`, so it knows nothing of the interpreter.
/// Called once per custom-3 instruction: an existential call there is nothing next to the work done.
public protocol RoCCAccelerator: AnyObject {
    /// Executes `command` for `hart`; returns the value for rd, or nil when the accelerator refuses
    /// it (misuse it has already reported), which the hart takes as an illegal instruction.
    func execute(_ command: RoCCCommand, for hart: Hart) -> UInt64?
}

extension Hart {
    /// Attaches (or with nil detaches) the accelerator that answers custom-3 on this hart.
    public func attach(_ accelerator: (any RoCCAccelerator)?) {
        self.accelerator = accelerator
    }

    /// Runs a custom-3 instruction; false means an illegal-instruction trap.
    func executeRoCC(_ inst: DecodedInstruction) -> Bool {
        guard let accelerator else { return false }
        let command = RoCCCommand(funct7: UInt32(inst.imm & 0x7f),
                                  rs1: inst.imm & RoCCCommand.readsRs1Bit != 0 ? register(Int(inst.rs1)) : 0,
                                  rs2: inst.imm & RoCCCommand.readsRs2Bit != 0 ? register(Int(inst.rs2)) : 0,
                                  writesRd: inst.imm & RoCCCommand.writesRdBit != 0)
        guard let result = accelerator.execute(command, for: self) else { return false }
        if command.writesRd { x[Int(inst.rd)] = result }  // the log reads rd back, as for any instruction
        return true
    }

    /// Copies guest memory at virtual address `va` (translated as data loads, page by page) into
    /// `buffer`; false if any byte faults. For accelerators.
    public func readVirtual(_ va: UInt64, into buffer: UnsafeMutableRawBufferPointer) -> Bool {
        var done = 0
        while done < buffer.count {
            let address = va &+ UInt64(done)
            let chunk = min(buffer.count - done, 4096 - Int(address & 0xfff))
            guard let pa = transferAddress(address, .load, count: chunk),
                  let source = hostRAM(pa, count: chunk) else { return false }
            (buffer.baseAddress! + done).copyMemory(from: source, byteCount: chunk)
            done += chunk
        }
        return true
    }

    /// Copies `buffer` to guest memory at virtual address `va` (translated as data stores), page by
    /// page in order; false at the first page where any byte faults, which is left unwritten like the
    /// pages after it (the pages before keep their new bytes, as a run of single stores would). The
    /// pages count as this hart's writes; decoded code there is dropped and other harts'
    /// reservations break.
    public func writeVirtual(_ va: UInt64, from buffer: UnsafeRawBufferPointer) -> Bool {
        var done = 0
        while done < buffer.count {
            let address = va &+ UInt64(done)
            let chunk = min(buffer.count - done, 4096 - Int(address & 0xfff))
            guard let pa = transferAddress(address, .store, count: chunk),
                  let destination = hostRAM(pa, count: chunk) else { return false }
            destination.copyMemory(from: buffer.baseAddress! + done, byteCount: chunk)
            noteTransferWrite(pa, count: chunk)
            done += chunk
        }
        return true
    }

    /// The physical address of a transfer's `count` bytes at `va`, all in one page: from the
    /// translation cache when it holds the page (PMP then allows all of it), else translated.
    @inline(__always)
    private func transferAddress(_ va: UInt64, _ access: AccessType, count: Int) -> UInt64? {
        let vpn = va >> 12
        let i = TranslationCache.slot(access, vpn)
        if tlb.tags[i] == vpn { return tlb.pages[i] | (va & 0xfff) }
        return translateTransfer(va, access, count: count)
    }

    /// A translation-cache miss. M-mode data accesses with no locked PMP entry are neither translated
    /// nor checked, so the page goes into the cache as it is (only this context uses it: any change of
    /// privilege, MPRV, satp or PMP flushes the cache); otherwise `translate` checks it and fills the cache.
    @inline(never)
    private func translateTransfer(_ va: UInt64, _ access: AccessType, count: Int) -> UInt64? {
        guard needsTranslation(access) else {
            tlb.insert(access, virtualPage: va >> 12, physicalBase: va & ~0xfff)
            return va
        }
        return try? translate(va, access, size: UInt64(count), bytewise: true)
    }

    /// The host address of `count` bytes of RAM at `pa`, if they lie inside one region.
    @inline(__always)
    private func hostRAM(_ pa: UInt64, count: Int) -> UnsafeMutableRawPointer? {
        let offset = pa &- memory.ramBase
        if offset < memory.ramSize && UInt64(count) <= memory.ramSize &- offset { return memory.ram + Int(offset) }
        return memory.hostPointer(pa, size: UInt64(count))
    }

    /// What a store does besides storing, for `count` written bytes of RAM at `pa`: marks the written
    /// lines, drops decoded code there, breaks other harts' reservations there.
    private func noteTransferWrite(_ pa: UInt64, count: Int) {
        let offset = pa &- memory.ramBase
        if offset < memory.ramSize {
            // The fast-path region: its lines come first in the written-line map, as in `codeLines`.
            let first = Int(offset >> PhysicalMemory.codeLineShift)
            let last = Int((offset &+ UInt64(count) &- 1) >> PhysicalMemory.codeLineShift)
            let marks = writtenPages.marks, codeLines = memory.codeLines
            var holdsCode: UInt8 = 0
            for line in first...last {
                marks[line] = 1
                holdsCode |= codeLines[line]
            }
            if holdsCode != 0 { memory.dropDecodedCode(pa, count: count) }
        } else {
            writtenPages.mark(pa, count: count)
            memory.dropDecodedCode(pa, count: count)
        }
        if let reservations, rvgem_atomic_load_relaxed64(reservations.activeCount) != 0 {
            reservations.storesDone(pa, count: count, by: reservationSlot)
        }
    }
}
