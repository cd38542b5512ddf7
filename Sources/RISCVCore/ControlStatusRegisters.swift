/// CSR reads and writes with Spike's WARL rules, permission checks and commit-log records.
extension Hart {
    static let supervisorInterrupts: UInt64 = (1 << InterruptBit.supervisorSoftware)
        | (1 << InterruptBit.supervisorTimer) | (1 << InterruptBit.supervisorExternal)
    static let machineInterrupts: UInt64 = (1 << InterruptBit.machineSoftware)
        | (1 << InterruptBit.machineTimer) | (1 << InterruptBit.machineExternal)

    var hasSupervisor: Bool { extensions.contains(.supervisor) }
    var hasUser: Bool { extensions.contains(.user) }
    var floatingPointOn: Bool { mstatus & MStatus.fs != 0 }

    var mstatusWriteMask: UInt64 {
        var mask: UInt64 = MStatus.mie | MStatus.mpie | MStatus.mpp
        if hasSupervisor { mask |= MStatus.sie | MStatus.spie | MStatus.spp | MStatus.sum | MStatus.mxr | MStatus.tsr | MStatus.tvm }
        if hasSupervisor || extensions.contains(.f) { mask |= MStatus.fs }
        if hasUser { mask |= MStatus.mprv | MStatus.tw }
        return mask
    }

    var sstatusReadMask: UInt64 {
        var mask: UInt64 = MStatus.ube | MStatus.uxl | MStatus.sd
        if hasSupervisor { mask |= MStatus.sie | MStatus.spie | MStatus.spp | MStatus.sum | MStatus.mxr }
        if hasSupervisor || extensions.contains(.f) { mask |= MStatus.fs }
        return mask
    }

    var delegableExceptions: UInt64 {
        let causes: [ExceptionCause] = [.instructionAccessFault, .illegalInstruction, .breakpoint,
            .loadAddressMisaligned, .loadAccessFault, .storeAddressMisaligned, .storeAccessFault,
            .userEcall, .supervisorEcall, .instructionPageFault, .loadPageFault, .storePageFault]
        var mask: UInt64 = causes.reduce(0) { $0 | (1 << $1.rawValue) }
        if !enabledExtensions.contains(.c) { mask |= 1 << ExceptionCause.instructionAddressMisaligned.rawValue }
        if extensions.contains(.zicntr) { mask |= 1 << 19 }  // Spike: the hardware-error cause comes with Zicntr
        return mask
    }

    /// Sets mstatus with SD recomputed, and drops cached translations when the change affects them.
    func setMStatus(_ value: UInt64) {
        var v = value & ~MStatus.sd
        if v & MStatus.fs == MStatus.fs || v & MStatus.xs == MStatus.xs || v & MStatus.vs == MStatus.vs { v |= MStatus.sd }
        let translationBits = MStatus.mprv | MStatus.mpp | MStatus.sum | MStatus.mxr
        if (v ^ mstatus) & translationBits != 0 { translationChanged() }
        mstatus = v
        logCSR(CSR.mstatus, v)
    }

    /// Marks the FP state dirty after an instruction changed it (logged only when it changes, as Spike does).
    func markFloatingPointDirty() {
        if mstatus & MStatus.fs != MStatus.fs { setMStatus(mstatus | MStatus.fs) }
    }

    /// Checks privilege, read-only and per-CSR gates; returns false when the access is illegal.
    func csrAccessAllowed(_ n: UInt16, write: Bool) -> Bool {
        let required = (n >> 8) & 3
        if UInt16(privilege.rawValue) < required { return false }
        if write && (n >> 10) == 3 { return false }
        switch n {
        case CSR.fflags, CSR.frm, CSR.fcsr:
            return extensions.contains(.f) && floatingPointOn
        case CSR.satp:
            return !(privilege == .supervisor && mstatus & MStatus.tvm != 0)
        case CSR.cycle...CSR.hpmcounter31:
            let bit = UInt64(1) << UInt64(n & 31)
            if privilege < .machine && mcounteren & bit == 0 { return false }
            if hasSupervisor && privilege == .user && scounteren & bit == 0 { return false }
            return true
        default:
            return true
        }
    }

    /// The CSR's current value, or nil when it is not implemented.
    func readCSRValue(_ n: UInt16) -> UInt64? {
        switch n {
        case CSR.fflags: return extensions.contains(.f) ? fflags : nil
        case CSR.frm: return extensions.contains(.f) ? frm : nil
        case CSR.fcsr: return extensions.contains(.f) ? frm << 5 | fflags : nil
        case CSR.cycle: return extensions.contains(.zicntr) ? mcycle : nil
        case CSR.time: return extensions.contains(.zicntr) ? time : nil
        case CSR.instret: return extensions.contains(.zicntr) ? minstret : nil
        case CSR.hpmcounter3...CSR.hpmcounter31: return extensions.contains(.zihpm) ? 0 : nil
        case CSR.mcycle: return mcycle
        case CSR.minstret: return minstret
        case CSR.mhpmcounter3...CSR.mhpmcounter31, CSR.mhpmevent3...CSR.mhpmevent31: return 0
        case CSR.mstatus: return mstatus
        case CSR.misa: return misa
        case CSR.medeleg: return hasSupervisor ? medeleg : nil
        case CSR.mideleg: return hasSupervisor ? mideleg : nil
        case CSR.mie: return mie
        case CSR.mip: collectDeviceInterrupts(); return mip
        case CSR.mtvec: return mtvec
        case CSR.mepc: return mepc & pcAlignmentMask
        case CSR.mcause: return mcause
        case CSR.mtval: return mtval
        case CSR.mscratch: return mscratch
        case CSR.mcounteren: return hasUser ? mcounteren : nil
        case CSR.mcountinhibit: return mcountinhibit
        case CSR.menvcfg: return hasUser ? 0 : nil
        case CSR.mseccfg: return 0  // no Smepmp: its fields read zero
        case CSR.mvendorid, CSR.mimpid, CSR.mconfigptr: return 0
        case CSR.marchid: return 5  // Spike's architecture id
        case CSR.mhartid: return hartID
        case CSR.pmpcfg0...CSR.pmpcfg15:
            guard n & 1 == 0 else { return nil }  // RV64 has only the even pmpcfg registers
            let first = Int(n - CSR.pmpcfg0) * 4
            return (0..<8).reduce(0) { v, i in first + i < 16 ? v | UInt64(pmpConfig[first + i]) << (8 * UInt64(i)) : v }
        case CSR.pmpaddr0...CSR.pmpaddr63:
            let i = Int(n - CSR.pmpaddr0)
            return i < 16 ? pmpAddress[i] : 0
        case CSR.tselect: return triggerSelect
        case CSR.tdata2: return triggerData2
        case CSR.tdata1, CSR.tdata3, CSR.tinfo: return 0
        default: break
        }
        guard hasSupervisor else { return nil }
        switch n {
        case CSR.sstatus: return mstatus & sstatusReadMask
        case CSR.sie: return mie & mideleg & Hart.supervisorInterrupts
        case CSR.sip: collectDeviceInterrupts(); return mip & mideleg & Hart.supervisorInterrupts
        case CSR.stvec: return stvec
        case CSR.scounteren: return scounteren
        case CSR.senvcfg: return 0
        case CSR.sscratch: return sscratch
        case CSR.sepc: return sepc & pcAlignmentMask
        case CSR.scause: return scause
        case CSR.stval: return stval
        case CSR.satp: return satp
        default: return nil
        }
    }

    var pcAlignmentMask: UInt64 { enabledExtensions.contains(.c) ? ~1 : ~3 }

    /// Enable bits exist only for the counters the hart has (Zicntr: cycle, time, instret; Zihpm: the rest).
    var counterEnableMask: UInt64 {
        (extensions.contains(.zicntr) ? 7 : 0) | (extensions.contains(.zihpm) ? 0xffff_fff8 : 0)
    }

    /// Writes a CSR that exists and passed its access check, with Spike's WARL behaviour.
    func writeCSRValue(_ n: UInt16, _ value: UInt64) {
        switch n {
        case CSR.fflags: fflags = value & 0x1f; logCSR(n, fflags); markFloatingPointDirty()
        case CSR.frm: frm = value & 7; logCSR(n, frm); markFloatingPointDirty()
        case CSR.fcsr:
            fflags = value & 0x1f; frm = (value >> 5) & 7
            logCSR(CSR.fflags, fflags); logCSR(CSR.frm, frm); markFloatingPointDirty()
        case CSR.mcycle: mcycle = value; mcycleWritten = true; logCSR(n, value)
        case CSR.minstret: minstret = value; minstretWritten = true; logCSR(n, value)
        case CSR.mstatus:
            var mpp = (value >> 11) & 3
            if !hasUser { mpp = 3 } else if mpp == 2 || (mpp == 1 && !hasSupervisor) { mpp = 0 }
            let mask = mstatusWriteMask
            setMStatus((mstatus & ~mask) | (value & mask & ~MStatus.mpp) | (mpp << 11))
        case CSR.medeleg: medeleg = value & delegableExceptions; logCSR(n, medeleg)
        case CSR.mideleg: mideleg = value & Hart.supervisorInterrupts; logCSR(n, mideleg)
        case CSR.mie: mie = value & (Hart.machineInterrupts | (hasSupervisor ? Hart.supervisorInterrupts : 0)); logCSR(n, mie)
        case CSR.mip:
            collectDeviceInterrupts()
            // mvip, logged first, takes the written SEIP but still shows the old STIP and SSIP.
            logCSR(CSR.mvip, (value & (1 << InterruptBit.supervisorExternal)) | (mip & (Hart.supervisorInterrupts & ~(1 << InterruptBit.supervisorExternal))))
            let mask = hasSupervisor ? Hart.supervisorInterrupts : 0
            mip = (mip & ~mask) | (value & mask); logCSR(n, mip)
        case CSR.mtvec: mtvec = value & ~2; logCSR(n, mtvec)
        case CSR.mepc: mepc = value & ~1; logCSR(n, mepc)
        case CSR.mcause: mcause = value; logCSR(n, value)
        case CSR.mtval: mtval = value; logCSR(n, value)
        case CSR.mscratch: mscratch = value; logCSR(n, value)
        case CSR.mcounteren: mcounteren = value & counterEnableMask; logCSR(n, mcounteren)
        case CSR.mcountinhibit: mcountinhibit = value & 0xffff_fffd; logCSR(n, mcountinhibit)
        case CSR.menvcfg, CSR.senvcfg: logCSR(n, 0)  // none of their fields exist for our extensions
        case CSR.pmpcfg0...CSR.pmpcfg15:
            let first = Int(n - CSR.pmpcfg0) * 4
            for i in 0..<8 where first + i < 16 && pmpConfig[first + i] & 0x80 == 0 {
                var cfg = UInt8(truncatingIfNeeded: value >> (8 * UInt64(i))) & 0x9f
                if cfg & 1 == 0 { cfg &= ~2 }  // W without R is reserved
                pmpConfig[first + i] = cfg
            }
            translationChanged(); logCSR(n, readCSRValue(n)!)
        case CSR.pmpaddr0...CSR.pmpaddr63:
            let i = Int(n - CSR.pmpaddr0)
            if i < 16 {
                guard pmpConfig[i] & 0x80 == 0 else { return }
                pmpAddress[i] = value & ((1 << 54) - 1)
                translationChanged()
            }
            logCSR(n, readCSRValue(n)!)
        case CSR.tselect:
            // Spike has four triggers; we select among them but implement none (tdata1 reads 0).
            if value < 4 { triggerSelect = value }
            logCSR(n, triggerSelect)
        case CSR.tdata2: triggerData2 = value; logCSR(n, value)
        case CSR.misa: writeMISA(value)
        case CSR.sstatus:
            let mask = sstatusReadMask & ~(MStatus.ube | MStatus.uxl | MStatus.sd)
            writeCSRValue(CSR.mstatus, (mstatus & ~mask) | (value & mask))
        case CSR.sie:
            let mask = mideleg & Hart.supervisorInterrupts
            mie = (mie & ~mask) | (value & mask); logCSR(CSR.mie, mie); logCSR(n, mie & mask)
        case CSR.sip:
            collectDeviceInterrupts()
            logVirtualInterruptPending()
            let mask = mideleg & (1 << InterruptBit.supervisorSoftware)
            mip = (mip & ~mask) | (value & mask); logCSR(CSR.mip, mip)
        case CSR.stvec: stvec = value & ~2; logCSR(n, stvec)
        case CSR.scounteren: scounteren = value & counterEnableMask; logCSR(n, scounteren)
        case CSR.sscratch: sscratch = value; logCSR(n, value)
        case CSR.sepc: sepc = value & ~1; logCSR(n, sepc)
        case CSR.scause: scause = value; logCSR(n, value)
        case CSR.stval: stval = value; logCSR(n, value)
        case CSR.satp:
            let mode = value >> 60
            // Bare, Sv39, Sv48, Sv57; another mode leaves satp unchanged (Spike still logs the write).
            guard mode == 0 || (8...10).contains(mode) else { logCSR(n, satp); return }
            satp = value & ((0xf << 60) | (0xffff << 44) | ((1 << 44) - 1))
            translationChanged(); logCSR(n, satp)
        default: break  // read-only zero or hard-wired: writes are ignored and not logged
        }
    }

    /// Spike's misa: M, A, F, D and C can be turned off and on again (D needs F); turning C off is
    /// ignored while the current instruction is not 4-byte aligned.
    private func writeMISA(_ value: UInt64) {
        let letters: [(Character, ISAExtensions)] = [("M", .m), ("A", .a), ("F", .f), ("D", .d), ("C", .c)]
        var enabled = enabledExtensions
        for (letter, ext) in letters where extensions.contains(ext) {
            if value & (1 << UInt64(letter.asciiValue! - 65)) != 0 { enabled.insert(ext) } else { enabled.remove(ext) }
        }
        if !enabled.contains(.f) { enabled.remove(.d) }
        if !enabled.contains(.c) && enabledExtensions.contains(.c) && pc & 2 != 0 { return }
        if enabled != enabledExtensions {
            enabledExtensions = enabled
            decodeCache.extensions = enabled
            decodeCache.invalidateAll()
            translationChanged()
        }
        logCSR(CSR.misa, misa)
    }

    /// Spike (with its AIA model) also logs mvip, the alias of mip's supervisor bits, on mip/sip writes.
    private func logVirtualInterruptPending() {
        logCSR(CSR.mvip, mip & Hart.supervisorInterrupts)
    }

    @inline(__always)
    func logCSR(_ n: UInt16, _ value: UInt64) {
        if commitLog.enabled { commitLog.recordWrite(key: UInt32(n) << 4 | 4, value: value) }
    }
}
