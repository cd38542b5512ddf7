import Gemmini
import RISCVCore

/// Everything a run is configured with; the command line fills it in (Spike's spellings).
public struct MachineConfiguration: Sendable {
    /// One region of guest RAM (`-m<MiB>` gives one region at 0x80000000).
    public struct MemoryRegion: Sendable, Equatable {
        public var base: UInt64
        public var size: UInt64
        public init(base: UInt64, size: UInt64) { self.base = base; self.size = size }
    }

    /// What kind of program to expect: bare metal talks to the host through HTIF, a Linux program
    /// through system calls.
    public enum ProgramKind: Sendable, Equatable {
        /// Linux when the ELF has no `tohost` symbol, else bare metal.
        case automatic
        case bareMetal
        case linux
    }

    public var programPath: String
    public var programKind: ProgramKind = .automatic
    /// `--chroot=`: a Linux program's file paths are confined below this host directory.
    public var rootDirectory: String? = nil
    /// A Linux program's environment; nil means the host process's own.
    public var environment: [String]? = nil
    public var programArguments: [String] = []
    public var harts: Int = 1
    /// Hart ids (`--hartids=`); nil means 0..<harts.
    public var hartIDs: [UInt64]? = nil
    public var memory: [MemoryRegion] = [MemoryRegion(base: 0x8000_0000, size: 2048 << 20)]
    /// The `--isa=` string as given (default: Spike's).
    public var isaString: String = "rv64imafdc_zicntr_zihpm"
    public var extensions: ISAExtensions = [.i, .m, .a, .f, .d, .c, .zicsr, .zifencei, .zicntr, .zihpm,
                                            .supervisor, .user]
    /// `--pc=`: start here instead of the ELF entry.
    public var startPC: UInt64? = nil
    /// `--parallel`: each hart on a host thread of its own instead of Spike's round-robin schedule.
    public var parallel: Bool = false
    /// `--instructions=`: stop after this many instructions (Spike counts them in 5000-instruction steps).
    public var instructionLimit: UInt64? = nil
    /// `-l`: log each instruction before it executes.
    public var logInstructions: Bool = false
    /// `--log-commits`: log each instruction's effects after it retires.
    public var logCommits: Bool = false
    /// `--stats`: report instructions retired, wall time and MIPS on stderr at exit.
    public var printStatistics: Bool = false
    /// `--stats=FILE`: where the front end writes `Machine.statistics` as JSON after the run.
    public var statisticsPath: String? = nil
    /// `--log=`: where logs go; nil means standard error.
    public var logPath: String? = nil
    /// `--extension=` names (RoCC accelerators): "gemmini" gives every hart a Gemmini.
    public var accelerators: [String] = []
    /// `--check-bf16=FILE`: where the BF16 shadow check's report goes; nil: no check.
    public var bf16CheckPath: String? = nil
    /// `--check-bf16-tolerance=REL`: the relative error above which the run fails.
    public var bf16CheckTolerance: Double? = nil
    /// What each Gemmini is built as (`--gemmini-config=`).
    public var gemmini: GemminiConfiguration = .int8
    /// Host descriptors behind the guest's stdin, stdout and stderr; tests point them at files. A
    /// bare-metal guest's stderr follows its stdout, as on Spike.
    public var hostInput: Int32 = 0
    public var hostOutput: Int32 = 1
    public var hostError: Int32 = 2

    public init(programPath: String) { self.programPath = programPath }
}
