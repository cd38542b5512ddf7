import RISCVCore

/// Everything a run is configured with; the command line fills it in (Spike's spellings).
public struct MachineConfiguration: Sendable {
    /// One region of guest RAM (`-m<MiB>` gives one region at 0x80000000).
    public struct MemoryRegion: Sendable, Equatable {
        public var base: UInt64
        public var size: UInt64
        public init(base: UInt64, size: UInt64) { self.base = base; self.size = size }
    }

    public var programPath: String
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
    /// `--instructions=`: stop after this many instructions (Spike counts them in 5000-instruction steps).
    public var instructionLimit: UInt64? = nil
    /// `-l`: log each instruction before it executes.
    public var logInstructions: Bool = false
    /// `--log-commits`: log each instruction's effects after it retires.
    public var logCommits: Bool = false
    /// `--stats`: report instructions retired, wall time and MIPS on stderr at exit.
    public var printStatistics: Bool = false
    /// `--log=`: where logs go; nil means standard error.
    public var logPath: String? = nil
    /// `--extension=` names (RoCC accelerators).
    public var accelerators: [String] = []
    /// Host descriptors behind the guest's stdin and stdout (guest stderr follows stdout, as on Spike);
    /// tests point them at files.
    public var hostInput: Int32 = 0
    public var hostOutput: Int32 = 1

    public init(programPath: String) { self.programPath = programPath }
}
