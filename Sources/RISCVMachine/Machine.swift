#if canImport(Glibc)
import Glibc
#endif
import ELFLoader
import RISCVCore

/// A fatal problem with a run's set-up (bad program, bad option value): one line for the user.
public struct MachineError: Error, CustomStringConvertible, Sendable {
    public var description: String
    public init(_ description: String) { self.description = description }
}

/// The emulated SoC: harts sharing memory, Spike's boot ROM and CLINT, and the HTIF host interface,
/// scheduled as Spike schedules them so that logs line up.
public final class Machine {
    /// Spike's scheduling quantum: instructions a hart runs before the next hart's turn.
    public static let quantum = 5000
    /// Spike advances mtime once per this many instructions (a 10 MHz clock for a 1 GIPS core).
    static let instructionsPerTick = 100

    public let configuration: MachineConfiguration
    public let memory: PhysicalMemory
    public let harts: [Hart]
    let clint: CLINT
    let htif: HostInterface?
    /// The Linux process, when the program is a Linux one.
    let process: LinuxProcess?
    /// Each hart's Gemmini (`--extension=gemmini`), in hart order.
    private var gemminis: [GemminiAttachment] = []
    let symbols: [(name: String, address: UInt64)]
    /// The program's functions when `--check-bf16` is on.
    private var bf16CheckFunctions: FunctionSymbols?
    /// True when the run ended because `--instructions` ran out rather than by the guest's exit.
    public private(set) var stoppedByInstructionLimit = false
    /// The signal that ended a Linux program (a fault, abort, ...): the front end should die of it too.
    public private(set) var terminatingSignal: Int32?
    private var currentHart = 0
    private var stepInQuantum = 0
    /// How long `run` took.
    private var wallSeconds = 0.0

    public init(configuration: MachineConfiguration) throws(MachineError) {
        self.configuration = configuration
        let path = configuration.programPath
        let image: ELFImage
        do { image = try ELFLoader.load(path: path) } catch { throw MachineError(error.description) }
        symbols = image.symbols.map { ($0.name, $0.address) }
        let tohost = image.address(of: "tohost")
        let kind = configuration.programKind == .automatic ? (tohost == nil ? .linux : .bareMetal) : configuration.programKind
        if kind == .linux {
            (memory, harts, process) = try Self.startLinuxProcess(image, configuration)
            htif = nil
            clint = CLINT(harts: harts)
            return
        }
        process = nil
        let memory: PhysicalMemory
        do {
            memory = try PhysicalMemory(regions: configuration.memory.map { ($0.base, $0.size) })
        } catch {
            throw MachineError(error.description)
        }
        self.memory = memory
        let ranges = configuration.memory.map { $0.base..<($0.base + $0.size) }
        try Self.place(image, in: memory, ranges: ranges, usePhysical: true)

        let ids = configuration.hartIDs ?? (0..<UInt64(configuration.harts)).map { $0 }
        harts = ids.map { Hart(hartID: $0, extensions: configuration.extensions, memory: memory) }
        if configuration.accelerators.contains("gemmini") {
            let functions = FunctionSymbols(image.symbols)
            let check = configuration.bf16CheckPath.map { _ in (functions: functions, tolerance: configuration.bf16CheckTolerance) }
            bf16CheckFunctions = check == nil ? nil : functions
            gemminis = harts.map { hart in
                let gemmini = GemminiAttachment(configuration: configuration.gemmini, bf16Check: check)
                hart.attach(gemmini)
                return gemmini
            }
        }
        memory.attach(BootROM(entry: configuration.startPC ?? image.entry), at: BootROM.base, size: BootROM.size)
        clint = CLINT(harts: harts)
        memory.attach(clint, at: CLINT.base, size: CLINT.size)
        for hart in harts { hart.pc = BootROM.base }

        if let tohost {
            let syscalls = try HostSyscalls(memory: memory, arguments: [path] + configuration.programArguments,
                                            input: configuration.hostInput, output: configuration.hostOutput)
            htif = HostInterface(memory: memory, tohost: tohost, fromhost: image.address(of: "fromhost"), syscalls: syscalls)
        } else if configuration.instructionLimit != nil {
            htif = nil
        } else {
            throw MachineError("\(path): no 'tohost' symbol, so the program cannot report its exit (a bare-metal program talks to the host through tohost/fromhost; or limit the run with --instructions=N)")
        }
    }

    /// Copies the image's segments into guest memory after checking they fit.
    private static func place(_ image: ELFImage, in memory: PhysicalMemory, ranges: [Range<UInt64>], usePhysical: Bool) throws(MachineError) {
        do { try image.checkPlacement(in: ranges, usePhysical: usePhysical) } catch { throw MachineError(error.description) }
        for segment in image.segments {
            let address = usePhysical ? segment.physicalAddress : segment.virtualAddress
            let ok = segment.fileBytes.withUnsafeBytes { memory.write($0, at: address) }
            guard ok else { throw MachineError("\(image.path): segment at 0x\(String(address, radix: 16)) does not fit in guest memory") }
        }
    }

    /// A Linux program: one region of RAM from the image's lowest page (addresses below it stay
    /// unmapped, so null pointers fault) as large as `-m` asks, one hart in U-mode.
    private static func startLinuxProcess(_ image: ELFImage, _ configuration: MachineConfiguration)
        throws(MachineError) -> (PhysicalMemory, [Hart], LinuxProcess) {
        let path = image.path
        if image.hasInterpreter {
            throw MachineError("\(path): a dynamically linked program (it asks for an interpreter); rvgem runs static Linux programs: link with -static")
        }
        guard configuration.harts == 1 else {
            throw MachineError("a Linux program runs on one hart (threads are not emulated); drop -p\(configuration.harts)")
        }
        let base = LinuxAddressSpace.pageAligned(down: image.segments.map(\.virtualAddress).min() ?? 0x10000)
        let size = configuration.memory.reduce(0) { $0 + $1.size }
        let imageEnd = image.segments.map { $0.virtualAddress &+ $0.memorySize }.max() ?? base
        // The image, then at least as much heap room again, then the stack and its guard gap.
        let needed = 2 * (imageEnd &- base) + LinuxAddressSpace.stackSize + LinuxAddressSpace.stackGap
        guard base > 0, imageEnd > base, needed <= size else {
            throw MachineError("\(path): the program does not fit in \(size >> 20) MiB of guest memory with its stack and heap (raise -m)")
        }
        let memory: PhysicalMemory
        do { memory = try PhysicalMemory(regions: [(base, size)]) } catch { throw MachineError(error.description) }
        try place(image, in: memory, ranges: [base..<(base + size)], usePhysical: false)
        let files = try LinuxFileTable(standardInput: configuration.hostInput, standardOutput: configuration.hostOutput,
                                       standardError: configuration.hostError, root: configuration.rootDirectory)
        let process = LinuxProcess(memory: memory, image: image, files: files)
        let hart = Hart(hartID: configuration.hartIDs?.first ?? 0, extensions: configuration.extensions, memory: memory)
        let environment = configuration.environment ?? hostEnvironment()
        try process.start(hart, image: image, arguments: [path] + configuration.programArguments, environment: environment)
        return (memory, [hart], process)
    }

    private static func hostEnvironment() -> [String] {
        var entries: [String] = []
        var cursor = environ
        while let entry = cursor.pointee {
            entries.append(String(cString: entry))
            cursor += 1
        }
        return entries
    }

    /// Runs the program to completion; returns the guest's exit status.
    public func run() throws(MachineError) -> Int32 {
        // Pages count as touched from the first instruction on: loading the program and building a
        // Linux program's initial stack do not count.
        memory.clearWrittenPages()
        let start = ContinuousClock.now
        defer {
            let elapsed = start.duration(to: .now)
            wallSeconds = Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) * 1e-18
            if configuration.printStatistics {
                RunStatistics.summaryLines(harts: hartWork, gemmini: gemminiWork, wallSeconds: wallSeconds).forEach(printToStandardError)
            }
        }
        return try runLogged()
    }

    /// What the run did so far (all of it once `run` has returned): instructions, pages written,
    /// Gemmini work, wall time. Not while harts run on threads of their own.
    public var statistics: RunStatistics {
        RunStatistics(harts: hartWork, pagesTouched: memory.writtenPageCount(), gemmini: gemminiWork, wallSeconds: wallSeconds)
    }

    /// `--check-bf16`'s findings over every hart's Gemmini (after `run`), or nil when the check is off.
    public var bf16CheckReport: BF16CheckReport? {
        guard let functions = bf16CheckFunctions else { return nil }
        return BF16CheckReport(checks: gemminis.compactMap(\.gemmini.bf16Check), functions: functions)
    }

    private var hartWork: [RunStatistics.HartWork] {
        harts.map { .init(hartID: $0.hartID, instructions: $0.instructionsRetired) }
    }

    private var gemminiWork: [RunStatistics.GemminiWork] {
        zip(harts, gemminis).map { hart, gemmini in gemmini.work(hartID: hart.hartID) }
    }

    private func runLogged() throws(MachineError) -> Int32 {
        let logging = configuration.logInstructions || configuration.logCommits
        if configuration.parallel && harts.count > 1 {
            guard !logging else { throw MachineError("--parallel cannot write -l or --log-commits logs (they follow the deterministic schedule)") }
            let schedule = ParallelSchedule(harts: harts, memory: memory, clint: clint, htif: htif,
                                            limit: configuration.instructionLimit)
            guard let code = try schedule.run() else {
                stoppedByInstructionLimit = true
                return 0
            }
            return Self.report(code)
        }
        if logging {
            let output: LogWriter = if let path = configuration.logPath { try LogWriter(path: path) } else { LogWriter(fd: 2, ownsDescriptor: false) }
            var tracer = SpikeLogTracer(output: output, logsInstructions: configuration.logInstructions,
                                        logsCommits: configuration.logCommits, symbols: SymbolNames(symbols))
            for hart in harts {
                hart.commitLog.enabled = configuration.logCommits
                if configuration.logInstructions { hart.trapObserver = { h, cause, interrupt, tval, epc in Self.logTrap(output, h, cause, interrupt, tval, epc) } }
            }
            defer { output.flush() }
            return try run { hart, count in hart.step(count, tracer: &tracer) }
        }
        return try run { hart, count in hart.step(count) }
    }

    /// Spike's HTIF loop: poll tohost; if it is empty, run one quantum; deliver responses.
    /// `execute` runs one hart for a number of instructions (called once per quantum, not per instruction).
    private func run(_ execute: (Hart, Int) -> Void) throws(MachineError) -> Int32 {
        var limit = configuration.instructionLimit
        while true {
            if let end = process?.termination { return finish(end) }
            if let htif {
                if let code = htif.exitCode { return Self.report(code) }
                if try htif.poll() {
                    htif.deliverResponses()
                    continue
                }
            }
            if let remaining = limit {
                if remaining < UInt64(Self.quantum) {
                    step(Int(remaining), execute)
                    stoppedByInstructionLimit = true
                    return 0
                }
                limit = remaining - UInt64(Self.quantum)
            }
            step(Self.quantum, execute)
            htif?.deliverResponses()
        }
    }

    /// Spike's `sim_t::step`: round-robin over harts in quanta; at each hart switch its LR reservation
    /// is dropped, and after a full round the CLINT advances.
    private func step(_ count: Int, _ execute: (Hart, Int) -> Void) {
        var done = 0
        while done < count {
            let steps = min(count - done, Self.quantum - stepInQuantum)
            execute(harts[currentHart], steps)
            done += steps
            stepInQuantum += steps
            if stepInQuantum == Self.quantum {
                stepInQuantum = 0
                harts[currentHart].yieldReservation()
                currentHart += 1
                if currentHart == harts.count {
                    currentHart = 0
                    clint.tick(UInt64(Self.quantum / Self.instructionsPerTick))
                }
            }
        }
    }

    /// A Linux program's exit status; a fatal signal is reported in one line and as status 128 + signal.
    private func finish(_ end: LinuxProcess.Termination) -> Int32 {
        switch end {
        case .exited(let status):
            return status
        case .killed(let signal, let reason):
            terminatingSignal = signal
            printToStandardError("rvgem: guest killed by signal \(signal) (\(String(cString: strsignal(signal)))): \(reason)")
            return 128 + signal
        }
    }

    /// Spike prints a failure line for a non-zero exit code and exits with its low byte.
    private static func report(_ code: UInt64) -> Int32 {
        if code != 0 { printToStandardError("*** FAILED *** (tohost = \(code))") }
        return Int32(truncatingIfNeeded: code & 0xff)
    }

    private static func logTrap(_ output: LogWriter, _ hart: Hart, _ cause: UInt64, _ interrupt: Bool, _ tval: UInt64, _ epc: UInt64) {
        let id = String(hart.hartID)
        let prefix = "core" + String(repeating: " ", count: max(0, 4 - id.count)) + id + ": "
        let exception = interrupt ? nil : ExceptionCause(rawValue: cause)
        let name = exception?.spikeName ?? (interrupt ? "interrupt #\(cause)" : "trap #\(cause)")
        output.write(prefix + "exception " + name + ", epc ")
        output.writeHex(epc, digits: 16)
        output.write("\n")
        if exception?.hasTval ?? false {
            output.write(prefix + "          tval ")
            output.writeHex(tval, digits: 16)
            output.write("\n")
        }
    }
}
