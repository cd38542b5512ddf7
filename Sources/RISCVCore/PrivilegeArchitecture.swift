/// Privilege levels, numbered as in mstatus.MPP and Spike's commit log.
public enum Privilege: UInt8, Sendable {
    case user = 0, supervisor = 1, machine = 3
}

/// Exception and interrupt causes (mcause values without the interrupt bit).
public enum ExceptionCause: UInt64, Sendable {
    case instructionAddressMisaligned = 0, instructionAccessFault = 1, illegalInstruction = 2, breakpoint = 3
    case loadAddressMisaligned = 4, loadAccessFault = 5, storeAddressMisaligned = 6, storeAccessFault = 7
    case userEcall = 8, supervisorEcall = 9, machineEcall = 11
    case instructionPageFault = 12, loadPageFault = 13, storePageFault = 15

    /// Spike's name for the trap in `-l` logs.
    public var spikeName: String {
        switch self {
        case .instructionAddressMisaligned: "trap_instruction_address_misaligned"
        case .instructionAccessFault: "trap_instruction_access_fault"
        case .illegalInstruction: "trap_illegal_instruction"
        case .breakpoint: "trap_breakpoint"
        case .loadAddressMisaligned: "trap_load_address_misaligned"
        case .loadAccessFault: "trap_load_access_fault"
        case .storeAddressMisaligned: "trap_store_address_misaligned"
        case .storeAccessFault: "trap_store_access_fault"
        case .userEcall: "trap_user_ecall"
        case .supervisorEcall: "trap_supervisor_ecall"
        case .machineEcall: "trap_machine_ecall"
        case .instructionPageFault: "trap_instruction_page_fault"
        case .loadPageFault: "trap_load_page_fault"
        case .storePageFault: "trap_store_page_fault"
        }
    }

    /// Whether Spike reports a tval line for it (ecalls carry none).
    public var hasTval: Bool {
        switch self {
        case .userEcall, .supervisorEcall, .machineEcall: false
        default: true
        }
    }
}

/// Interrupt numbers (bit positions in mip/mie).
public enum InterruptBit {
    public static let supervisorSoftware: UInt64 = 1
    public static let machineSoftware: UInt64 = 3
    public static let supervisorTimer: UInt64 = 5
    public static let machineTimer: UInt64 = 7
    public static let supervisorExternal: UInt64 = 9
    public static let machineExternal: UInt64 = 11
}

/// CSR addresses (the Zicsr numbering, as in Spike's encoding.h).
public enum CSR {
    public static let fflags: UInt16 = 0x001, frm: UInt16 = 0x002, fcsr: UInt16 = 0x003
    public static let cycle: UInt16 = 0xc00, time: UInt16 = 0xc01, instret: UInt16 = 0xc02
    public static let hpmcounter3: UInt16 = 0xc03, hpmcounter31: UInt16 = 0xc1f
    public static let sstatus: UInt16 = 0x100, sie: UInt16 = 0x104, stvec: UInt16 = 0x105
    public static let scounteren: UInt16 = 0x106, senvcfg: UInt16 = 0x10a
    public static let sscratch: UInt16 = 0x140, sepc: UInt16 = 0x141, scause: UInt16 = 0x142
    public static let stval: UInt16 = 0x143, sip: UInt16 = 0x144, satp: UInt16 = 0x180
    public static let mstatus: UInt16 = 0x300, misa: UInt16 = 0x301, medeleg: UInt16 = 0x302
    public static let mideleg: UInt16 = 0x303, mie: UInt16 = 0x304, mtvec: UInt16 = 0x305
    public static let mcounteren: UInt16 = 0x306, menvcfg: UInt16 = 0x30a
    public static let mcountinhibit: UInt16 = 0x320
    public static let mhpmevent3: UInt16 = 0x323, mhpmevent31: UInt16 = 0x33f
    public static let mscratch: UInt16 = 0x340, mepc: UInt16 = 0x341, mcause: UInt16 = 0x342
    public static let mtval: UInt16 = 0x343, mip: UInt16 = 0x344, mvip: UInt16 = 0x309
    public static let pmpcfg0: UInt16 = 0x3a0, pmpcfg15: UInt16 = 0x3af
    public static let pmpaddr0: UInt16 = 0x3b0, pmpaddr63: UInt16 = 0x3ef
    public static let mseccfg: UInt16 = 0x747
    public static let tselect: UInt16 = 0x7a0, tdata1: UInt16 = 0x7a1, tdata2: UInt16 = 0x7a2, tdata3: UInt16 = 0x7a3
    public static let tinfo: UInt16 = 0x7a4
    public static let mcycle: UInt16 = 0xb00, minstret: UInt16 = 0xb02
    public static let mhpmcounter3: UInt16 = 0xb03, mhpmcounter31: UInt16 = 0xb1f
    public static let mvendorid: UInt16 = 0xf11, marchid: UInt16 = 0xf12, mimpid: UInt16 = 0xf13
    public static let mhartid: UInt16 = 0xf14, mconfigptr: UInt16 = 0xf15
}

/// mstatus fields.
public enum MStatus {
    public static let sie: UInt64 = 1 << 1, mie: UInt64 = 1 << 3
    public static let spie: UInt64 = 1 << 5, ube: UInt64 = 1 << 6, mpie: UInt64 = 1 << 7
    public static let spp: UInt64 = 1 << 8, vs: UInt64 = 3 << 9, mpp: UInt64 = 3 << 11
    public static let fs: UInt64 = 3 << 13, xs: UInt64 = 3 << 15
    public static let fsInitial: UInt64 = 1 << 13
    public static let mprv: UInt64 = 1 << 17, sum: UInt64 = 1 << 18, mxr: UInt64 = 1 << 19
    public static let tvm: UInt64 = 1 << 20, tw: UInt64 = 1 << 21, tsr: UInt64 = 1 << 22
    public static let uxl: UInt64 = 3 << 32, sxl: UInt64 = 3 << 34
    public static let sd: UInt64 = 1 << 63
}

extension Privilege: Comparable {
    public static func < (a: Privilege, b: Privilege) -> Bool { a.rawValue < b.rawValue }
}
