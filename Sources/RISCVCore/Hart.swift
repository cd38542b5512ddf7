import CGuestAtomics
import RISCVISA

/// One RISC-V hart: architectural state, CSRs, and the caches the interpreter keeps for it.
///
/// The interpreter copies the hot state (register pointers, memory bounds, translation flags) into
/// locals on entry, so a class is fine here: nothing in the per-instruction path reads a property.
public final class Hart {
    public let hartID: UInt64
    /// The extensions configured (`--isa`), the most misa can enable.
    public let extensions: ISAExtensions
    /// The extensions misa currently enables (Spike lets software turn M, A, F, D and C off and on).
    public internal(set) var enabledExtensions: ISAExtensions
    public let memory: PhysicalMemory

    /// x0...x31, then x32: pre-decoding redirects writes to x0 there, so x0 always reads 0.
    public let x: UnsafeMutablePointer<UInt64>
    /// f0...f31 as 64-bit NaN-boxed patterns.
    public let f: UnsafeMutablePointer<UInt64>
    public var pc: UInt64 = 0
    public internal(set) var privilege: Privilege = .machine

    // Machine-level CSR state.
    var mstatus: UInt64
    public var misa: UInt64 { Hart.misaValue(enabledExtensions) }
    var medeleg: UInt64 = 0
    var mideleg: UInt64 = 0
    var mie: UInt64 = 0
    /// Software-writable pending bits (SSIP, STIP, SEIP) and device-driven ones (MSIP, MTIP, …) together.
    var mip: UInt64 = 0
    var mtvec: UInt64 = 0
    var mepc: UInt64 = 0
    var mcause: UInt64 = 0
    var mtval: UInt64 = 0
    var mscratch: UInt64 = 0
    var mcounteren: UInt64 = 0
    var mcountinhibit: UInt64 = 0
    var triggerSelect: UInt64 = 0
    var triggerData2: UInt64 = 0
    var pmpConfig = [UInt8](repeating: 0, count: 16)
    var pmpAddress = [UInt64](repeating: 0, count: 16)

    // Supervisor-level CSR state.
    var stvec: UInt64 = 0
    var sepc: UInt64 = 0
    var scause: UInt64 = 0
    var stval: UInt64 = 0
    var sscratch: UInt64 = 0
    var scounteren: UInt64 = 0
    var satp: UInt64 = 0

    // Floating-point CSR state.
    var fflags: UInt64 = 0
    var frm: UInt64 = 0

    /// Retired-instruction and cycle counters as of the last serialization point (Spike bumps them
    /// only there, so a CSR read sees exactly what Spike's does).
    var minstret: UInt64 = 0
    var mcycle: UInt64 = 0
    /// Set by an explicit write so the write's own retirement does not bump the counter.
    var minstretWritten = false
    var mcycleWritten = false
    /// The real-time counter, advanced by the machine's CLINT (perhaps from another thread).
    public var time: UInt64 {
        get { rvgem_atomic_load64(timeWord) }
        set { _ = rvgem_atomic_exchange64(timeWord, newValue) }
    }
    private let timeWord: UnsafeMutablePointer<UInt64>
    /// The mip bits devices drive (MSIP, MTIP, MEIP), set atomically from any thread and merged
    /// into `mip` wherever it is read.
    let deviceInterrupts: UnsafeMutablePointer<UInt64>
    static let deviceInterruptMask: UInt64 = 1 << InterruptBit.machineSoftware | 1 << InterruptBit.machineTimer
        | 1 << InterruptBit.machineExternal

    /// The LR reservation (a physical address), or `noReservation`.
    public var reservation: UInt64 = Hart.noReservation
    public static let noReservation: UInt64 = .max
    /// The value LR read: with harts on several threads, SC succeeds only if memory still holds it.
    var reservationValue: UInt64 = 0
    /// Shared with the other harts when they run on threads of their own; nil on one thread.
    public private(set) var reservations: ReservationSet?
    var reservationSlot = 0
    /// Set when the loop stopped in front of a CSR access to serialize, until a CSR access executes;
    /// Spike's `-l` log does not show instructions again in that window.
    public internal(set) var resumingSerialization = false
    /// Between a WFI and the next pending interrupt.
    public internal(set) var inWFI = false

    /// The effects of the current instruction, gathered only while a commit log is being written.
    public var commitLog = CommitRecord()
    /// Called as each trap is taken (cause, interrupt?, tval, epc), for Spike's `-l` trap lines.
    public var trapObserver: ((Hart, UInt64, Bool, UInt64, UInt64) -> Void)?
    /// Answers custom-3 instructions (`--extension=gemmini`); nil: they are illegal, as on Spike.
    var accelerator: (any RoCCAccelerator)?
    /// When set, U-mode traps go to it rather than to a trap handler (see `startUserProcess`).
    public internal(set) var userEnvironment: (any UserModeEnvironment)?

    let decodeCache: DecodeCache
    let tlb = TranslationCache()
    /// Where in RAM this hart (and its accelerator) wrote, for `--stats=FILE`'s pages touched.
    let writtenPages: WrittenPageMap

    public init(hartID: UInt64, extensions: ISAExtensions, memory: PhysicalMemory) {
        self.hartID = hartID
        self.extensions = extensions
        enabledExtensions = extensions
        self.memory = memory
        x = allocateHartLocal(UInt64.self, count: 33, initialValue: 0)
        f = allocateHartLocal(UInt64.self, count: 32, initialValue: 0)
        timeWord = allocateHartLocal(UInt64.self, count: 1, initialValue: 0)
        deviceInterrupts = allocateHartLocal(UInt64.self, count: 1, initialValue: 0)
        // Spike's reset value: MPP=U when U exists, UXL=SXL=64-bit.
        mstatus = (extensions.contains(.user) ? 2 << 32 : 0) | (extensions.contains(.supervisor) ? 2 << 34 : 0)
        decodeCache = DecodeCache(memory: memory, extensions: extensions)
        memory.decodeCaches.append(decodeCache)
        writtenPages = memory.makeWrittenPageMap()
    }

    deinit {
        x.deallocate()
        f.deallocate()
        timeWord.deallocate()
        deviceInterrupts.deallocate()
    }

    /// Makes the hart one of several on host threads of their own: LR/SC go through `reservations`
    /// (where this hart is `slot`).
    public func shareReservations(_ reservations: ReservationSet, slot: Int) {
        self.reservations = reservations
        reservationSlot = slot
    }

    static func misaValue(_ e: ISAExtensions) -> UInt64 {
        var v: UInt64 = 2 << 62
        func bit(_ c: Character) -> UInt64 { 1 << UInt64(c.asciiValue! - 65) }
        if e.contains(.i) { v |= bit("I") }
        if e.contains(.m) { v |= bit("M") }
        if e.contains(.a) { v |= bit("A") }
        if e.contains(.f) { v |= bit("F") }
        if e.contains(.d) { v |= bit("D") }
        if e.contains(.c) { v |= bit("C") }
        if e.contains(.supervisor) { v |= bit("S") }
        if e.contains(.user) { v |= bit("U") }
        return v
    }

    /// Device side of mip: the CLINT raises and lowers MSIP and MTIP through this, from any thread.
    public func setInterruptPending(_ bit: UInt64, _ pending: Bool) {
        if pending { _ = rvgem_atomic_fetch_or64(deviceInterrupts, 1 << bit) } else { _ = rvgem_atomic_fetch_and64(deviceInterrupts, ~(1 << bit)) }
    }

    /// Brings the device-driven bits into mip (before mip is read).
    func collectDeviceInterrupts() {
        mip = (mip & ~Hart.deviceInterruptMask) | rvgem_atomic_load_relaxed64(deviceInterrupts)
    }

    /// Retired instructions, as minstret reads them.
    public var instructionsRetired: UInt64 { minstret }

    /// Drops the LR reservation (Spike does so when a hart's quantum ends).
    public func yieldReservation() {
        reservation = Hart.noReservation
        if let reservations { _ = reservations.take(reservationSlot) }
    }

    /// Reads an integer register (for logs and host-side services).
    public func register(_ n: Int) -> UInt64 { n == 0 ? 0 : x[n] }
}

extension Hart {
    public func interruptPending(_ bit: UInt64) -> Bool {
        (mip | rvgem_atomic_load_relaxed64(deviceInterrupts)) & (1 << bit) != 0
    }
}
