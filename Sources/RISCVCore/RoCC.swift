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

    /// Copies guest memory at virtual address `va` (translated as a data load, page by page) into
    /// `buffer`; false if any byte faults. For accelerators.
    public func readVirtual(_ va: UInt64, into buffer: UnsafeMutableRawBufferPointer) -> Bool {
        forEachPage(va, buffer.count, .load) { pa, offset, count in
            guard let p = memory.hostPointer(pa, size: UInt64(count)) else { return false }
            (buffer.baseAddress! + offset).copyMemory(from: p, byteCount: count)
            return true
        }
    }

    /// Copies `buffer` to guest memory at virtual address `va` (translated as a data store); false if
    /// any byte faults. Its pages count as this hart's writes; decoded code there is dropped and other
    /// harts' reservations break.
    public func writeVirtual(_ va: UInt64, from buffer: UnsafeRawBufferPointer) -> Bool {
        forEachPage(va, buffer.count, .store) { pa, offset, count in
            guard let p = memory.hostPointer(pa, size: UInt64(count)) else { return false }
            p.copyMemory(from: buffer.baseAddress! + offset, byteCount: count)
            memory.dropDecodedCode(pa, count: count)
            writtenPages.mark(pa, count: count)
            if let reservations { reservations.storeDone(pa, by: reservationSlot) }
            return true
        }
    }

    private func forEachPage(_ va: UInt64, _ count: Int, _ access: AccessType,
                             _ body: (UInt64, Int, Int) -> Bool) -> Bool {
        var done = 0
        while done < count {
            let address = va &+ UInt64(done)
            let chunk = min(count - done, 4096 - Int(address & 0xfff))
            guard let pa = try? translate(address, access, size: 1), body(pa, done, chunk) else { return false }
            done += chunk
        }
        return true
    }
}
