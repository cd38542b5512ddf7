#if canImport(Glibc)
import Glibc
#endif
import CLinuxHost
import ELFLoader
import RISCVCore

/// One static Linux program run in U-mode, with this class in the kernel's place: it lays out the
/// address space and initial stack, answers system calls by the RISC-V Linux numbers on the host,
/// and turns faults into the signal that would have killed the process.
final class LinuxProcess: UserModeEnvironment {
    /// How the process ended: its exit status, or the signal that killed it (and why).
    enum Termination: Equatable {
        case exited(Int32)
        case killed(signal: Int32, reason: String)
    }

    let guest: GuestMemory
    let space: LinuxAddressSpace
    let files: LinuxFileTable
    let programPath: String
    /// The program's absolute host path (what /proc/self/exe names).
    let executablePath: String
    private(set) var termination: Termination?
    /// Signal dispositions and mask, kept so rt_sigaction/rt_sigprocmask answer consistently (signals
    /// are never delivered to guest handlers).
    var signalActions: [UInt64: [UInt8]] = [:]
    var signalMask: UInt64 = 0
    var alternateSignalStack = [UInt8](repeating: 0, count: 24)
    /// The deterministic source behind AT_RANDOM and getrandom (runs repeat exactly).
    var randomState: UInt64 = 0x9E37_79B9_7F4A_7C15
    private var warnedNumbers: Set<UInt64> = []

    init(memory: PhysicalMemory, image: ELFImage, files: LinuxFileTable) {
        guest = GuestMemory(memory: memory)
        let spans = image.segments.map { $0.virtualAddress..<($0.virtualAddress + $0.memorySize) }
        space = LinuxAddressSpace(memory: memory, imageEnd: spans.map(\.upperBound).max() ?? memory.regions[0].base,
                                  imageRanges: spans)
        self.files = files
        programPath = image.path
        if let resolved = realpath(image.path, nil) {
            executablePath = String(cString: resolved)
            free(resolved)
        } else {
            executablePath = image.path
        }
        inheritSignalState()
    }

    /// Lays out the initial stack and starts `hart` at the entry point in U-mode.
    func start(_ hart: Hart, image: ELFImage, arguments: [String], environment: [String]) throws(MachineError) {
        let stack = LinuxInitialStack(top: space.top)
        let random = (0..<2).flatMap { _ in withUnsafeBytes(of: nextRandom()) { Array($0) } }
        let auxiliary: [(LinuxInitialStack.AuxiliaryKey, UInt64)] = [
            (.phdr, image.programHeaderTable?.address ?? 0), (.phent, image.programHeaderTable?.entrySize ?? 56),
            (.phnum, image.programHeaderTable?.count ?? 0), (.pagesz, LinuxAddressSpace.pageSize),
            (.base, 0), (.flags, 0), (.entry, image.entry),
            (.uid, UInt64(getuid())), (.euid, UInt64(geteuid())), (.gid, UInt64(getgid())), (.egid, UInt64(getegid())),
            (.hwcap, hart.misa & 0x3ff_ffff), (.clktck, 100), (.secure, 0),
        ]
        guard let sp = stack.build(into: guest, arguments: arguments, environment: environment,
                                   auxiliary: auxiliary, random: random, executableName: arguments.first ?? programPath)
        else { throw MachineError("\(programPath): arguments and environment do not fit on the guest stack") }
        hart.startUserProcess(at: image.entry, environment: self)
        hart.x[2] = sp
    }

    /// Like execve, the process starts with rvgem's own blocked-signal mask and ignored signals.
    private func inheritSignalState() {
        signalMask = rvgem_blocked_signals()
        for signal in Int32(1)...64 where rvgem_signal_ignored(signal) != 0 {
            var ignored = GuestStructure(size: 24)
            ignored.put(UInt64(1), at: 0)  // SIG_IGN
            signalActions[UInt64(signal)] = ignored.bytes
        }
    }

    // MARK: traps

    func handle(_ trap: Trap, at epc: UInt64, on hart: Hart) {
        guard termination == nil else { return }
        if trap.cause == .userEcall {
            let number = hart.x[17]
            let result = systemCall(number, hart)
            if termination == nil {
                hart.x[10] = UInt64(bitPattern: result)
                hart.pc = epc &+ 4
            }
            return
        }
        let (signal, name) = Self.signal(for: trap.cause)
        let detail = switch trap.cause {
        case .illegalInstruction: ", instruction 0x\(String(trap.tval, radix: 16))"
        case .breakpoint, .userEcall, .supervisorEcall, .machineEcall: ""
        default: ", address 0x\(String(trap.tval, radix: 16))"
        }
        termination = .killed(signal: signal, reason: "\(name) at pc 0x\(String(epc, radix: 16))" + detail)
    }

    /// The signal Linux sends for a trap it does not resolve (its name as strsignal spells it).
    static func signal(for cause: ExceptionCause) -> (Int32, String) {
        switch cause {
        case .illegalInstruction: (SIGILL, "illegal instruction")
        case .breakpoint: (SIGTRAP, "breakpoint")
        case .loadAddressMisaligned, .storeAddressMisaligned, .instructionAddressMisaligned: (SIGBUS, "misaligned access")
        default: (SIGSEGV, "segmentation fault")
        }
    }

    func exit(_ status: UInt64) {
        termination = .exited(Int32(truncatingIfNeeded: status & 0xff))
    }

    func kill(signal: Int32, reason: String) {
        termination = .killed(signal: signal, reason: reason)
    }

    /// One warning per unknown system-call number, then -ENOSYS as Linux answers.
    func unsupported(_ number: UInt64) -> Int64 {
        if warnedNumbers.insert(number).inserted {
            printToStandardError("rvgem: warning: unsupported Linux system call \(number); returning -ENOSYS")
        }
        return -Int64(ENOSYS)
    }

    /// xorshift64*: a fixed sequence, so guest "randomness" is the same on every run.
    func nextRandom() -> UInt64 {
        randomState ^= randomState >> 12
        randomState ^= randomState << 25
        randomState ^= randomState >> 27
        return randomState &* 0x2545_F491_4F6C_DD1D
    }
}
