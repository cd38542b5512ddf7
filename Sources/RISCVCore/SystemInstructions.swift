import CGuestAtomics
import RISCVISA

/// The slow-path instructions: CSR access, trap returns, WFI, fences of the instruction stream and
/// address translation, atomics, and finding the decoded slot for a new pc.
extension Hart {
    func executeSystem(_ inst: DecodedInstruction, _ rs1Value: UInt64, next: UInt64) throws(Trap) -> RunStop {
        var illegal: Trap { illegalInstruction(at: pc) }
        switch inst.op {
        case .mret:
            guard privilege == .machine else { throw illegal }
            executeMRET()
            return .serialized
        case .sret:
            let required: Privilege = mstatus & MStatus.tsr != 0 ? .machine : .supervisor
            guard privilege >= required else { throw illegal }
            executeSRET()
            return .serialized
        case .wfi:
            if mstatus & MStatus.tw != 0 {
                guard privilege == .machine else { throw illegal }
            } else if hasSupervisor {
                guard privilege >= .supervisor else { throw illegal }
            }
            pc = next
            return .waiting
        default:
            try executeCSR(inst, rs1Value)
            pc = next
            return .serialized
        }
    }

    private func executeCSR(_ inst: DecodedInstruction, _ rs1Value: UInt64) throws(Trap) {
        let number = UInt16(truncatingIfNeeded: inst.imm) & 0xfff
        let immediate = UInt64(inst.rs1)
        let operand: UInt64
        let writes: Bool
        switch inst.op {
        case .csrrw: operand = rs1Value; writes = true
        case .csrrwi: operand = immediate; writes = true
        case .csrrs, .csrrc: operand = rs1Value; writes = inst.rs1 != 0
        default: operand = immediate; writes = inst.rs1 != 0
        }
        guard let old = readCSRValue(number), csrAccessAllowed(number, write: writes) else {
            throw illegalInstruction(at: pc)
        }
        if writes {
            let value = switch inst.op {
            case .csrrw, .csrrwi: operand
            case .csrrs, .csrrsi: old | operand
            default: old & ~operand
            }
            writeCSRValue(number, value)
        }
        if inst.rd != 32 {
            x[Int(inst.rd)] = old
            if commitLog.enabled { commitLog.recordWrite(key: UInt32(inst.rd) << 4, value: old) }
        }
    }

    func executeFence(_ inst: DecodedInstruction) throws(Trap) {
        if inst.op == .fence_i {
            decodeCache.dropPosted()
            decodeCache.invalidateAll()
            decodeCache.flushLookup()
            return
        }
        // sfence.vma
        let required: Privilege = mstatus & MStatus.tvm != 0 ? .machine : .supervisor
        guard privilege >= required else { throw illegalInstruction(at: pc) }
        translationChanged()
    }

    /// LR/SC and AMOs, as host atomic operations so they stay atomic when harts run on several host
    /// threads. Returns false with `mem.fault` set when the access faults.
    @inline(never)
    func executeAtomic(_ inst: DecodedInstruction, _ address: UInt64, _ operand: UInt64, _ mem: inout DataAccess) -> Bool {
        let word = switch inst.op {
        case .lr_w, .sc_w, .amoswap_w, .amoadd_w, .amoxor_w, .amoand_w, .amoor_w, .amomin_w, .amomax_w, .amominu_w, .amomaxu_w: true
        default: false
        }
        let size: UInt64 = word ? 4 : 8
        let rd = Int(inst.rd)
        func extend(_ v: UInt64) -> UInt64 { word ? signExtend32(v) : v }

        if inst.op == .lr_w || inst.op == .lr_d {
            guard let pa = mem.physical(address, size: size, .load) else { return false }
            guard let v = memory.load(pa, size: Int(size)) else { mem.fault = Trap(.loadAccessFault, tval: address); return false }
            if commitLog.enabled { commitLog.recordLoad(address) }
            reservation = pa
            reservationValue = v
            reservations?.reserve(reservationSlot, pa)
            x[rd] = extend(v)
            return true
        }
        guard let pa = mem.atomicAddress(address, size: size) else { return false }
        let p = memory.ram + Int(pa &- memory.ramBase)
        if inst.op == .sc_w || inst.op == .sc_d {
            var success = reservation == pa
            reservation = Hart.noReservation
            if let reservations {
                // Still reserved (no other hart stored there since) and memory unchanged since LR.
                success = reservations.take(reservationSlot) == pa & ReservationSet.granuleMask && success
                    && (word ? rvgem_atomic_cas32(p, UInt32(truncatingIfNeeded: reservationValue), UInt32(truncatingIfNeeded: operand))
                             : rvgem_atomic_cas64(p, reservationValue, operand))
            } else if success {
                PhysicalMemory.write(p, size: Int(size), value: operand)
            }
            if success {
                storeDone(pa, &mem)
                if commitLog.enabled { commitLog.recordStore(address, word ? operand & 0xffff_ffff : operand, size: Int(size)) }
            }
            x[rd] = success ? 0 : 1
            return true
        }
        let old = word ? UInt64(Self.atomicOperation(inst.op, p, UInt32(truncatingIfNeeded: operand)))
                       : Self.atomicOperation(inst.op, p, operand)
        let result = Self.combine(inst.op, extend(old), extend(operand))
        storeDone(pa, &mem)
        if commitLog.enabled {
            commitLog.recordLoad(address)
            commitLog.recordStore(address, word ? result & 0xffff_ffff : result, size: Int(size))
        }
        x[rd] = extend(old)
        return true
    }

    /// What an AMO stores, given the old memory value and the operand (both sign-extended for .w).
    static func combine(_ op: Opcode, _ a: UInt64, _ b: UInt64) -> UInt64 {
        switch op {
        case .amoswap_w, .amoswap_d: b
        case .amoadd_w, .amoadd_d: a &+ b
        case .amoxor_w, .amoxor_d: a ^ b
        case .amoand_w, .amoand_d: a & b
        case .amoor_w, .amoor_d: a | b
        case .amomin_w, .amomin_d: Int64(bitPattern: a) < Int64(bitPattern: b) ? a : b
        case .amomax_w, .amomax_d: Int64(bitPattern: a) > Int64(bitPattern: b) ? a : b
        case .amominu_w, .amominu_d: a < b ? a : b
        default: a > b ? a : b
        }
    }

    /// Performs an AMO on host memory atomically; returns the old value. Min and max, which the host
    /// has no instruction for, retry a compare-and-swap.
    static func atomicOperation(_ op: Opcode, _ p: UnsafeMutableRawPointer, _ operand: UInt32) -> UInt32 {
        switch op {
        case .amoswap_w: return rvgem_atomic_exchange32(p, operand)
        case .amoadd_w: return rvgem_atomic_fetch_add32(p, operand)
        case .amoxor_w: return rvgem_atomic_fetch_xor32(p, operand)
        case .amoand_w: return rvgem_atomic_fetch_and32(p, operand)
        case .amoor_w: return rvgem_atomic_fetch_or32(p, operand)
        default:
            while true {
                let old = rvgem_atomic_load32(p)
                let new = UInt32(truncatingIfNeeded: combine(op, signExtend32(UInt64(old)), signExtend32(UInt64(operand))))
                if rvgem_atomic_cas32(p, old, new) { return old }
            }
        }
    }

    static func atomicOperation(_ op: Opcode, _ p: UnsafeMutableRawPointer, _ operand: UInt64) -> UInt64 {
        switch op {
        case .amoswap_d: return rvgem_atomic_exchange64(p, operand)
        case .amoadd_d: return rvgem_atomic_fetch_add64(p, operand)
        case .amoxor_d: return rvgem_atomic_fetch_xor64(p, operand)
        case .amoand_d: return rvgem_atomic_fetch_and64(p, operand)
        case .amoor_d: return rvgem_atomic_fetch_or64(p, operand)
        default:
            while true {
                let old = rvgem_atomic_load64(p)
                if rvgem_atomic_cas64(p, old, combine(op, old, operand)) { return old }
            }
        }
    }

    /// After an SC or AMO wrote `pa` (always fast-path RAM): its page counts as written, decoded code
    /// there is dropped and other harts' reservations break.
    private func storeDone(_ pa: UInt64, _ mem: inout DataAccess) {
        mem.markWritten(offset: pa &- memory.ramBase)
        if memory.holdsCode(pa) {
            memory.codeWasOverwritten(pa, by: decodeCache)
            mem.touchedCode = true
        }
        reservations?.storeDone(pa, by: reservationSlot)
    }

    /// The decoded slot for `pc`, decoding its block on first use.
    func resolveSlot(_ pc: UInt64) throws(Trap) -> UnsafeMutablePointer<CacheSlot> {
        let cache = decodeCache
        let vpn = pc >> 12
        let entry = Int(truncatingIfNeeded: vpn) & (DecodeCache.lookupEntries - 1)
        let pageBase: UInt64
        let slots: UnsafeMutablePointer<CacheSlot>
        if cache.lookupTags[entry] == vpn {
            slots = cache.lookupSlots[entry]
            pageBase = cache.lookupPhysical[entry]
        } else {
            let pa = needsTranslation(.fetch) ? try translate(pc, .fetch, size: 2) : pc
            pageBase = pa & ~0xfff
            guard memory.load(pa, size: 2) != nil else { throw Trap(.instructionAccessFault, tval: pc) }
            slots = cache.slots(physicalPage: pageBase >> 12)
            cache.remember(virtualPage: vpn, slots: slots, physicalBase: pageBase)
        }
        let index = Int(truncatingIfNeeded: (pc & 0xfff) >> 1)
        if slots[index].inst.length != 0 { return slots + index }
        if cache.decodeBlock(slots, at: index, pageBase: pageBase) { return slots + index }
        // The first instruction is not readable, or is a 32-bit one straddling the page end.
        guard let low = memory.load(pageBase + UInt64(index) * 2, size: 2) else {
            throw Trap(.instructionAccessFault, tval: pc)
        }
        let secondHalf = pc &+ 2
        let pa2 = needsTranslation(.fetch) ? try translate(secondHalf, .fetch, size: 2) : secondHalf
        guard let high = memory.load(pa2, size: 2) else { throw Trap(.instructionAccessFault, tval: secondHalf) }
        let inst = DecodeCache.prepare(decode(UInt32(low) | UInt32(high) << 16), enabledExtensions)
        cache.scratch[0] = CacheSlot(inst: inst, blockLength: 1)
        return cache.scratch
    }
}
