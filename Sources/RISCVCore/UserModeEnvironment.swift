/// Stands in for everything above U-mode when a hart runs one user program (Linux user-mode
/// emulation): the hart hands it every trap it takes in U-mode instead of entering a trap handler.
///
/// Called only when a trap happens (ecall, fault), never per instruction, so a protocol is fine here.
public protocol UserModeEnvironment: AnyObject {
    /// Handles `trap`, raised by the instruction at `epc`. The hart's pc is `epc`; the environment
    /// sets it to where execution resumes (e.g. `epc + 4` after a system call).
    func handle(_ trap: Trap, at epc: UInt64, on hart: Hart)
}

extension Hart {
    /// Starts the hart as a user process: U-mode at `entry`, bare translation, all memory reachable
    /// (one PMP entry spanning the address space), FP state Initial, counters readable, and `environment`
    /// receiving its traps.
    public func startUserProcess(at entry: UInt64, environment: any UserModeEnvironment) {
        userEnvironment = environment
        pmpAddress[0] = .max >> 10
        pmpConfig[0] = 0x18 | 0x7  // NAPOT, read/write/execute
        mcounteren = 7
        scounteren = 7
        if extensions.contains(.f) { setMStatus((mstatus & ~MStatus.fs) | MStatus.fsInitial) }
        pc = entry
        setPrivilege(.user)
        translationChanged()
    }
}
