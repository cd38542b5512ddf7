/// A synchronous exception on its way to `takeTrap`.
public struct Trap: Error, Sendable {
    public var cause: ExceptionCause
    public var tval: UInt64
    public init(_ cause: ExceptionCause, tval: UInt64 = 0) { self.cause = cause; self.tval = tval }
}

extension Hart {
    static let interruptFlag: UInt64 = 1 << 63

    /// Enters the trap handler for an exception (or, with `interrupt`, an interrupt number) raised at `epc`.
    /// Follows Spike's `take_trap`: delegation only from S/U, vectored mode only for interrupts.
    func takeTrap(cause: UInt64, interrupt: Bool, tval: UInt64, epc: UInt64) {
        if let observer = trapObserver { observer(self, cause, interrupt, tval, epc) }
        let delegation = interrupt ? mideleg : medeleg
        if privilege <= .supervisor && cause < 64 && (delegation >> cause) & 1 != 0 {
            let vector: UInt64 = (stvec & 1 != 0 && interrupt) ? 4 * cause : 0
            pc = (stvec & ~1) &+ vector
            scause = cause | (interrupt ? Hart.interruptFlag : 0)
            sepc = epc
            stval = tval
            var s = mstatus
            s = (s & ~MStatus.spie) | ((s & MStatus.sie) << 4)
            s = (s & ~MStatus.spp) | (privilege == .supervisor ? MStatus.spp : 0)
            s &= ~MStatus.sie
            setMStatus(s)
            setPrivilege(.supervisor)
        } else {
            let vector: UInt64 = (mtvec & 1 != 0 && interrupt) ? 4 * cause : 0
            pc = (mtvec & ~1) &+ vector
            mepc = epc
            mcause = cause | (interrupt ? Hart.interruptFlag : 0)
            mtval = tval
            var s = mstatus
            s = (s & ~MStatus.mpie) | ((s & MStatus.mie) << 4)
            s = (s & ~MStatus.mpp) | (UInt64(privilege.rawValue) << 11)
            s &= ~MStatus.mie
            setMStatus(s)
            setPrivilege(.machine)
        }
    }

    func takeException(_ trap: Trap, epc: UInt64) {
        if privilege == .user, let environment = userEnvironment {
            if let observer = trapObserver { observer(self, trap.cause.rawValue, false, trap.tval, epc) }
            pc = epc
            environment.handle(trap, at: epc, on: self)
            return
        }
        takeTrap(cause: trap.cause.rawValue, interrupt: false, tval: trap.tval, epc: epc)
    }

    func setPrivilege(_ p: Privilege) {
        if p != privilege {
            privilege = p
            translationChanged()
        }
    }

    /// The interrupt to take now, if any (Spike's `take_interrupt` without the H extension).
    /// Any pending-and-enabled bit in mip & mie also ends WFI, whether or not it can be taken.
    func pendingInterrupt() -> UInt64? {
        collectDeviceInterrupts()
        let pending = mip & mie
        if pending == 0 { return nil }
        inWFI = false
        let machineEnabled = privilege < .machine || mstatus & MStatus.mie != 0
        var enabled = machineEnabled ? pending & ~mideleg : 0
        if enabled == 0 {
            let supervisorEnabled = privilege < .supervisor || (privilege == .supervisor && mstatus & MStatus.sie != 0)
            enabled = supervisorEnabled ? pending & mideleg : 0
        }
        if enabled == 0 { return nil }
        // Spike's default priority: MEI, MSI, MTI, SEI, SSI, STI.
        for bit in [InterruptBit.machineExternal, InterruptBit.machineSoftware, InterruptBit.machineTimer,
                    InterruptBit.supervisorExternal, InterruptBit.supervisorSoftware, InterruptBit.supervisorTimer]
        where enabled & (1 << bit) != 0 {
            return bit
        }
        return nil
    }

    // MARK: returns from traps

    func executeMRET() {
        pc = mepc & pcAlignmentMask
        var s = mstatus
        let previous = Privilege(rawValue: UInt8((s >> 11) & 3)) ?? .user
        if previous != .machine { s &= ~MStatus.mprv }
        s = (s & ~MStatus.mie) | ((s & MStatus.mpie) >> 4)
        s |= MStatus.mpie
        s = (s & ~MStatus.mpp) | (hasUser ? 0 : MStatus.mpp)
        setMStatus(s)
        setPrivilege(previous)
    }

    func executeSRET() {
        pc = sepc & pcAlignmentMask
        var s = mstatus
        let previous: Privilege = s & MStatus.spp != 0 ? .supervisor : .user
        s = (s & ~MStatus.sie) | ((s & MStatus.spie) >> 4)
        s |= MStatus.spie
        s &= ~MStatus.spp
        s &= ~MStatus.mprv
        setMStatus(s)
        setPrivilege(previous)
    }
}
