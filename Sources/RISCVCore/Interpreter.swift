import CGuestAtomics
import RISCVISA

/// Why one run of the inner loop stopped.
enum RunStop {
    /// The instruction budget is spent.
    case budget
    /// A serializing instruction retired, or one is next: interrupts are checked before going on.
    case serialized
    /// A trap was taken; like Spike, it ends the hart's step.
    case trapped
    /// WFI retired; the hart idles until an interrupt is pending.
    case waiting
}

extension Hart {
    /// Runs up to `count` instructions with Spike's `processor_t::step` semantics: interrupts are taken
    /// at the start and at every serialization point, a trap or WFI ends the step, and minstret/mcycle
    /// are bumped at those points only.
    public func step<T: ExecutionTracer>(_ count: Int, tracer: inout T) {
        decodeCache.dropPosted()
        var n = count
        while n > 0 {
            if let interrupt = pendingInterrupt() {
                takeTrap(cause: interrupt, interrupt: true, tval: 0, epc: pc)
                return
            }
            if inWFI {
                bumpCounters(1)
                return
            }
            let (retired, stop) = run(budget: n, tracer: &tracer)
            bumpCounters(retired)
            switch stop {
            case .serialized: n -= retired
            case .waiting: inWFI = true; return
            case .budget, .trapped: return
            }
        }
    }

    /// The untraced step, specialized here so callers in other modules get the fast loop.
    public func step(_ count: Int) {
        var tracer = NoTracer()
        step(count, tracer: &tracer)
    }

    /// Spike counts one cycle per instruction; an explicit write to a counter replaces that instruction's bump.
    func bumpCounters(_ retired: Int) {
        if minstretWritten { minstretWritten = false } else if mcountinhibit & 4 == 0 { minstret &+= UInt64(retired) }
        if mcycleWritten { mcycleWritten = false } else if mcountinhibit & 1 == 0 { mcycle &+= UInt64(retired) }
    }

    /// The interpreter loop. Blocks are charged against the budget as a whole when they fit; otherwise
    /// (and whenever a tracer observes instructions) one instruction at a time.
    ///
    /// Only the register file, the slot pointer, pc and the memory bounds stay live across instructions;
    /// each case reads the operand fields it needs straight from the slot.
    @inline(__always)
    func run<T: ExecutionTracer>(budget: Int, tracer: inout T) -> (Int, RunStop) {
        let x = self.x
        // A compile-time false without a tracer, so the recording code vanishes from the fast loop.
        let records = T.observesInstructions && commitLog.enabled
        var mem = DataAccess(self)
        var pc = self.pc
        var remaining = budget
        var stepping = false
        // A sequential instruction whose blockLength equals this is the last of the current block.
        var lastInBlock: UInt16 = 1
        // Where straddling instructions run; its empty successor slot sends the loop to resolve the pc.
        let scratch = decodeCache.scratch
        var slot = scratch + 1
        var stop = RunStop.trapped
        var trap = Trap(.illegalInstruction)

        blocks: while true {
            if remaining == 0 { stop = .budget; break blocks }
            if slot.pointee.inst.length == 0 {
                do { slot = try resolveSlot(pc) } catch {
                    self.pc = pc
                    takeException(error, epc: pc)
                    return (budget &- remaining, .trapped)
                }
            }
            let blockLength = slot.pointee.blockLength
            stepping = T.observesInstructions || Int(blockLength) > remaining
            remaining &-= stepping ? 1 : Int(blockLength)
            lastInBlock = stepping ? blockLength : 1

            while true {
                let s = slot
                // The instruction as fetched: a store can clear its own slot before it is logged.
                let observed = T.observesInstructions ? slot.pointee.inst : DecodedInstruction(op: .illegal)
                if T.observesInstructions {
                    self.pc = pc
                    if commitLog.enabled { commitLog.reset() }
                    tracer.willExecute(self, pc: pc, instruction: observed)
                }
                // Field readers, so each case loads only the operands it uses.
                var rd: Int { Int(s.pointee.inst.rd) }
                var rs1: UInt64 { x[Int(s.pointee.inst.rs1)] }
                var rs2: UInt64 { x[Int(s.pointee.inst.rs2)] }
                var imm: UInt64 { UInt64(bitPattern: Int64(s.pointee.inst.imm)) }
                let length = UInt64(s.pointee.inst.length)
                // Read before executing: a store may rewrite (and so clear) this very slot.
                let leftInBlock = s.pointee.blockLength
                // Set by control transfers that leave the straight line, and by stores that rewrote code.
                var target: UInt64 = 0
                var taken = false
                var rewroteCode = false

                switch slot.pointee.inst.op {
                // MARK: integer computation
                case .lui: x[rd] = imm
                case .auipc: x[rd] = pc &+ imm
                case .addi: x[rd] = rs1 &+ imm
                case .slti: x[rd] = Int64(bitPattern: rs1) < Int64(bitPattern: imm) ? 1 : 0
                case .sltiu: x[rd] = rs1 < imm ? 1 : 0
                case .xori: x[rd] = rs1 ^ imm
                case .ori: x[rd] = rs1 | imm
                case .andi: x[rd] = rs1 & imm
                case .slli: x[rd] = rs1 << (imm & 63)
                case .srli: x[rd] = rs1 >> (imm & 63)
                case .srai: x[rd] = UInt64(bitPattern: Int64(bitPattern: rs1) >> (imm & 63))
                case .add: x[rd] = rs1 &+ rs2
                case .sub: x[rd] = rs1 &- rs2
                case .sll: x[rd] = rs1 << (rs2 & 63)
                case .slt: x[rd] = Int64(bitPattern: rs1) < Int64(bitPattern: rs2) ? 1 : 0
                case .sltu: x[rd] = rs1 < rs2 ? 1 : 0
                case .xor: x[rd] = rs1 ^ rs2
                case .srl: x[rd] = rs1 >> (rs2 & 63)
                case .sra: x[rd] = UInt64(bitPattern: Int64(bitPattern: rs1) >> (rs2 & 63))
                case .or: x[rd] = rs1 | rs2
                case .and: x[rd] = rs1 & rs2
                case .addiw: x[rd] = signExtend32(rs1 &+ imm)
                case .slliw: x[rd] = signExtend32(rs1 << (imm & 31))
                case .srliw: x[rd] = signExtend32(UInt64(UInt32(truncatingIfNeeded: rs1) >> UInt32(imm & 31)))
                case .sraiw: x[rd] = UInt64(bitPattern: Int64(Int32(truncatingIfNeeded: rs1) >> Int32(imm & 31)))
                case .addw: x[rd] = signExtend32(rs1 &+ rs2)
                case .subw: x[rd] = signExtend32(rs1 &- rs2)
                case .sllw: x[rd] = signExtend32(rs1 << (rs2 & 31))
                case .srlw: x[rd] = signExtend32(UInt64(UInt32(truncatingIfNeeded: rs1) >> UInt32(rs2 & 31)))
                case .sraw: x[rd] = UInt64(bitPattern: Int64(Int32(truncatingIfNeeded: rs1) >> Int32(rs2 & 31)))
                case .mul: x[rd] = rs1 &* rs2
                case .mulh: x[rd] = IntegerArithmetic.mulh(rs1, rs2)
                case .mulhsu: x[rd] = IntegerArithmetic.mulhsu(rs1, rs2)
                case .mulhu: x[rd] = rs1.multipliedFullWidth(by: rs2).high
                case .div: x[rd] = IntegerArithmetic.div(rs1, rs2)
                case .divu: x[rd] = rs2 == 0 ? .max : rs1 / rs2
                case .rem: x[rd] = IntegerArithmetic.rem(rs1, rs2)
                case .remu: x[rd] = rs2 == 0 ? rs1 : rs1 % rs2
                case .mulw: x[rd] = signExtend32(rs1 &* rs2)
                case .divw: x[rd] = IntegerArithmetic.divw(rs1, rs2)
                case .divuw: x[rd] = IntegerArithmetic.divuw(rs1, rs2)
                case .remw: x[rd] = IntegerArithmetic.remw(rs1, rs2)
                case .remuw: x[rd] = IntegerArithmetic.remuw(rs1, rs2)
                case .fence: rvgem_atomic_fence()  // orders this hart against others on host threads

                // MARK: loads and stores
                case .lb:
                    guard let v = mem.load(rs1 &+ imm, UInt8.self, recording: records) else { trap = mem.fault; break blocks }
                    x[rd] = UInt64(bitPattern: Int64(Int8(bitPattern: v)))
                case .lh:
                    guard let v = mem.load(rs1 &+ imm, UInt16.self, recording: records) else { trap = mem.fault; break blocks }
                    x[rd] = UInt64(bitPattern: Int64(Int16(bitPattern: v)))
                case .lw:
                    guard let v = mem.load(rs1 &+ imm, UInt32.self, recording: records) else { trap = mem.fault; break blocks }
                    x[rd] = UInt64(bitPattern: Int64(Int32(bitPattern: v)))
                case .ld:
                    guard let v = mem.load(rs1 &+ imm, UInt64.self, recording: records) else { trap = mem.fault; break blocks }
                    x[rd] = v
                case .lbu:
                    guard let v = mem.load(rs1 &+ imm, UInt8.self, recording: records) else { trap = mem.fault; break blocks }
                    x[rd] = UInt64(v)
                case .lhu:
                    guard let v = mem.load(rs1 &+ imm, UInt16.self, recording: records) else { trap = mem.fault; break blocks }
                    x[rd] = UInt64(v)
                case .lwu:
                    guard let v = mem.load(rs1 &+ imm, UInt32.self, recording: records) else { trap = mem.fault; break blocks }
                    x[rd] = UInt64(v)
                case .sb:
                    guard mem.store(rs1 &+ imm, UInt8(truncatingIfNeeded: rs2), recording: records) else { trap = mem.fault; break blocks }
                    rewroteCode = mem.touchedCode
                case .sh:
                    guard mem.store(rs1 &+ imm, UInt16(truncatingIfNeeded: rs2), recording: records) else { trap = mem.fault; break blocks }
                    rewroteCode = mem.touchedCode
                case .sw:
                    guard mem.store(rs1 &+ imm, UInt32(truncatingIfNeeded: rs2), recording: records) else { trap = mem.fault; break blocks }
                    rewroteCode = mem.touchedCode
                case .sd:
                    guard mem.store(rs1 &+ imm, rs2, recording: records) else { trap = mem.fault; break blocks }
                    rewroteCode = mem.touchedCode

                // MARK: atomics
                case .lr_w, .lr_d, .sc_w, .sc_d, .amoswap_w, .amoadd_w, .amoxor_w, .amoand_w, .amoor_w,
                     .amomin_w, .amomax_w, .amominu_w, .amomaxu_w, .amoswap_d, .amoadd_d, .amoxor_d,
                     .amoand_d, .amoor_d, .amomin_d, .amomax_d, .amominu_d, .amomaxu_d:
                    guard executeAtomic(slot.pointee.inst, rs1, rs2, &mem) else { trap = mem.fault; break blocks }
                    rewroteCode = mem.touchedCode

                // MARK: control transfers
                case .jal, .jalr:
                    target = slot.pointee.inst.op == .jal ? pc &+ imm : (rs1 &+ imm) & ~1
                    if _slowPath(target & 2 != 0 && !enabledExtensions.contains(.c)) {
                        trap = Trap(.instructionAddressMisaligned, tval: target)
                        break blocks
                    }
                    x[rd] = pc &+ length
                    taken = true
                case .beq: if rs1 == rs2 { target = pc &+ imm; taken = true }
                case .bne: if rs1 != rs2 { target = pc &+ imm; taken = true }
                case .blt: if Int64(bitPattern: rs1) < Int64(bitPattern: rs2) { target = pc &+ imm; taken = true }
                case .bge: if Int64(bitPattern: rs1) >= Int64(bitPattern: rs2) { target = pc &+ imm; taken = true }
                case .bltu: if rs1 < rs2 { target = pc &+ imm; taken = true }
                case .bgeu: if rs1 >= rs2 { target = pc &+ imm; taken = true }

                // MARK: system
                case .illegal:
                    if length == 0 { continue blocks }  // an empty slot: resolve and decode
                    trap = illegalInstruction(at: pc)
                    break blocks
                case .ecall:
                    trap = Trap(privilege == .machine ? .machineEcall : privilege == .supervisor ? .supervisorEcall : .userEcall)
                    break blocks
                case .ebreak:
                    trap = Trap(.breakpoint, tval: pc)
                    break blocks
                case .custom3:
                    // Ends its block: the accelerator may have rewritten memory holding code.
                    self.pc = pc
                    guard executeRoCC(slot.pointee.inst) else { trap = illegalInstruction(at: pc); break blocks }
                    if T.observesInstructions { tracer.didRetire(self, pc: pc, instruction: slot.pointee.inst) }
                    pc &+= length
                    slot = scratch + 1
                    continue blocks
                case .fence_i, .sfence_vma:
                    // Not serializing in Spike, but cached translations or code may be stale: re-resolve.
                    self.pc = pc
                    do { try executeFence(slot.pointee.inst) } catch { trap = error; break blocks }
                    if T.observesInstructions { tracer.didRetire(self, pc: pc, instruction: slot.pointee.inst) }
                    pc &+= length
                    slot = scratch + 1
                    mem = DataAccess(self)
                    continue blocks
                case .csrrw, .csrrs, .csrrc, .csrrwi, .csrrsi, .csrrci, .mret, .sret, .wfi:
                    let inst = slot.pointee.inst
                    // Spike serializes before CSR accesses: if anything retired in this run, stop in front.
                    let isCSR = inst.op != .mret && inst.op != .sret && inst.op != .wfi
                    if budget &- remaining > 1 && isCSR {
                        remaining &+= 1
                        stop = .serialized
                        resumingSerialization = true
                        break blocks
                    }
                    if isCSR { resumingSerialization = false }
                    self.pc = pc
                    do { stop = try executeSystem(inst, rs1, next: pc &+ length) } catch { trap = error; break blocks }
                    if T.observesInstructions { tracer.didRetire(self, pc: pc, instruction: inst) }
                    return (budget &- remaining, stop)

                default:
                    // Floating point: out of line, it is a large family with its own state checks.
                    do { try executeFloatingPoint(slot.pointee.inst, pc: pc, &mem) } catch { trap = error; break blocks }
                    rewroteCode = mem.touchedCode
                }

                if taken && _slowPath(target & 2 != 0 && !enabledExtensions.contains(.c)) {
                    // A branch to a misaligned target traps instead of retiring.
                    trap = Trap(.instructionAddressMisaligned, tval: target)
                    break blocks
                }
                if T.observesInstructions { tracer.didRetire(self, pc: pc, instruction: observed) }
                if taken {
                    // On the same page the target's slot is at the same distance as the target from pc
                    // (except from the scratch slot of an instruction that straddles two pages).
                    slot = (target ^ pc) >> 12 == 0 && slot != scratch
                        ? slot + Int(truncatingIfNeeded: Int64(bitPattern: target &- pc) >> 1)
                        : scratch + 1
                    pc = target
                    continue blocks
                }
                if _slowPath(rewroteCode) {
                    // The store rewrote decoded code: end the block here and decode afresh.
                    mem.touchedCode = false
                    if !stepping { remaining &+= Int(leftInBlock) &- 1 }
                    pc &+= length
                    slot = scratch + 1
                    continue blocks
                }
                pc &+= length
                slot += Int(truncatingIfNeeded: length >> 1)
                if leftInBlock == lastInBlock { continue blocks }
            }
        }

        self.pc = pc
        switch stop {
        case .budget, .serialized, .waiting:
            return (budget &- remaining, stop)
        case .trapped:
            break
        }
        // A trap: the faulting instruction and the rest of its block did not retire.
        let unretired = stepping ? 1 : Int(slot.pointee.blockLength)
        takeException(trap, epc: pc)
        return (budget &- remaining &- unretired, .trapped)
    }

    /// The illegal-instruction trap for the instruction at `pc`; built only when thrown, since reading
    /// the bits back costs a translation and a fetch.
    func illegalInstruction(at pc: UInt64) -> Trap {
        Trap(.illegalInstruction, tval: instructionBits(at: pc))
    }

    /// The raw bits of the instruction at `pc` (16 for a compressed one), as Spike reports in tval.
    public func instructionBits(at pc: UInt64) -> UInt64 {
        let pa = (try? translate(pc, .fetch)) ?? pc
        guard let low = memory.load(pa, size: 2) else { return 0 }
        if low & 3 != 3 { return low }
        let pa2 = (try? translate(pc &+ 2, .fetch)) ?? (pc &+ 2)
        return low | (memory.load(pa2, size: 2) ?? 0) << 16
    }
}

@inline(__always)
func signExtend32(_ v: UInt64) -> UInt64 { UInt64(bitPattern: Int64(Int32(truncatingIfNeeded: v))) }
