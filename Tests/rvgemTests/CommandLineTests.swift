import Gemmini
import RISCVCore
import RISCVMachine
import Testing
@testable import rvgem

private struct HelpInsteadOfRun: Error {}

private func configuration(_ arguments: String...) throws -> MachineConfiguration {
    switch try parseCommandLine(arguments) {
    case .run(let configuration): return configuration
    case .showHelp, .printGemminiParameters: throw HelpInsteadOfRun()
    }
}

private func errorLine(_ arguments: [String]) -> String? {
    do throws(CommandLineError) {
        _ = try parseCommandLine(arguments)
        return nil
    } catch {
        return error.line
    }
}

struct CommandLineTests {
    @Test func defaults() throws {
        let c = try configuration("prog.elf")
        #expect(c.programPath == "prog.elf")
        #expect(c.programArguments == [])
        #expect(c.harts == 1)
        #expect(c.hartIDs == nil)
        #expect(c.memory == [.init(base: 0x8000_0000, size: 2048 << 20)])
        #expect(c.isaString == "rv64imafdc_zicntr_zihpm")
        #expect(c.extensions == [.i, .m, .a, .f, .d, .c, .zicsr, .zifencei, .zicntr, .zihpm, .supervisor, .user])
        #expect(c.startPC == nil)
        #expect(c.instructionLimit == nil)
        #expect(!c.logInstructions && !c.logCommits)
        #expect(c.logPath == nil)
        #expect(c.accelerators == [])
    }

    @Test func everyOptionWithAttachedValues() throws {
        let c = try configuration("-p2", "-m64", "-l", "--log=trace.txt", "--log-commits", "--isa=rv64gc",
                                  "--priv=mu", "--pc=0x80001000", "--hartids=4,2", "--instructions=1000",
                                  "prog.elf", "a", "b")
        #expect(c.programPath == "prog.elf")
        #expect(c.programArguments == ["a", "b"])
        #expect(c.harts == 2)
        #expect(c.hartIDs == [2, 4])  // sorted, as Spike sorts them
        #expect(c.memory == [.init(base: 0x8000_0000, size: 64 << 20)])
        #expect(c.logInstructions && c.logCommits)
        #expect(c.logPath == "trace.txt")
        #expect(c.isaString == "rv64gc")
        #expect(c.extensions == [.i, .m, .a, .f, .d, .c, .zicsr, .zifencei, .user])
        #expect(c.startPC == 0x8000_1000)
        #expect(c.instructionLimit == 1000)
    }

    @Test func valuesInTheNextArgument() throws {
        let c = try configuration("-p", "2", "-m", "0x40", "--log", "trace.txt", "--isa", "rv64imac",
                                  "--priv", "m", "--pc", "4096", "--hartids", "0,1", "--instructions", "010",
                                  "prog.elf")
        #expect(c.harts == 2)
        #expect(c.memory == [.init(base: 0x8000_0000, size: 64 << 20)])
        #expect(c.logPath == "trace.txt")
        #expect(c.extensions == [.i, .m, .a, .c, .zicsr, .zifencei])
        #expect(c.startPC == 4096)
        #expect(c.hartIDs == [0, 1])
        #expect(c.instructionLimit == 8)  // a leading 0 is octal, as for Spike's strtoull
        #expect(c.programPath == "prog.elf")
    }

    @Test func guestArgumentsPassThroughUntouched() throws {
        let c = try configuration("-l", "prog.elf", "-l", "--isa=rv32i", "-p0", "--help", "--", "x")
        #expect(c.logInstructions)
        #expect(c.isaString == "rv64imafdc_zicntr_zihpm")
        #expect(c.programArguments == ["-l", "--isa=rv32i", "-p0", "--help", "--", "x"])
    }

    @Test func hartIDsAloneSetTheHartCount() throws {
        let c = try configuration("--hartids=7,3,5", "prog.elf")
        #expect(c.harts == 3)
        #expect(c.hartIDs == [3, 5, 7])
    }

    @Test func laterOptionsWin() throws {
        let c = try configuration("--isa=rv64i", "--isa=rv64gc", "-p1", "-p3", "prog.elf")
        #expect(c.isaString == "rv64gc")
        #expect(c.harts == 3)
    }

    @Test func memoryRegions() throws {
        #expect(try configuration("-m0x80000000:0x10000000,0:4096", "p").memory
                == [.init(base: 0, size: 0x1000), .init(base: 0x8000_0000, size: 0x1000_0000)])
        // Overlapping regions merge, as in Spike; touching ones stay apart.
        #expect(try configuration("-m0x80000000:0x2000,0x80001000:0x2000,0x80003000:0x1000", "p").memory
                == [.init(base: 0x8000_0000, size: 0x3000), .init(base: 0x8000_3000, size: 0x1000)])
        #expect(try configuration("-m0xfffffffffffff000:0x1000", "p").memory == [.init(base: 0xffff_ffff_ffff_f000, size: 0x1000)])
    }

    @Test func gemminiPresets() throws {
        #expect(try configuration("--extension=gemmini", "prog").gemmini == .int8)
        #expect(try configuration("--extension=gemmini", "--gemmini-config=fp32", "prog").gemmini == .fp32)
        guard case .printGemminiParameters(let preset) = try parseCommandLine(["--gemmini-config=bf16", "--print-gemmini-params"]) else {
            Issue.record("--print-gemmini-params did not ask for the header")
            return
        }
        #expect(preset == .bf16)
        let custom = try configuration("--extension=gemmini", "--gemmini-config=bf16", "--gemmini-dim=8", "--gemmini-acc=fp32",
                                       "--gemmini-scale=fp32", "--gemmini-spad-kib=64", "--gemmini-acc-kib=16", "--gemmini-dataflow=both", "prog").gemmini
        #expect(custom.dim == 8 && custom.elementType == .bf16 && custom.accumulatorType == .fp32 && custom.arrayOutputType == .bf16)
        #expect(custom.scratchpadRows * 8 * 2 == 64 << 10 && custom.accumulatorRows * 8 * 4 == 16 << 10 && custom.dataflows == .both)
    }

    @Test func statisticsFlagAndFile() throws {
        let plain = try configuration("--stats", "prog")
        #expect(plain.printStatistics && plain.statisticsPath == nil)
        let file = try configuration("--stats=run.json", "prog")
        #expect(!file.printStatistics && file.statisticsPath == "run.json")
        let both = try configuration("--stats", "--stats=run.json", "prog")
        #expect(both.printStatistics && both.statisticsPath == "run.json")
        // Only the attached form takes a file: after a plain --stats the next argument is the program.
        let separate = try configuration("--stats", "run.json", "prog")
        #expect(separate.printStatistics && separate.statisticsPath == nil)
        #expect(separate.programPath == "run.json" && separate.programArguments == ["prog"])
    }

    @Test func programKindAndRoot() throws {
        #expect(try configuration("prog").programKind == .automatic)
        #expect(try configuration("--linux", "prog").programKind == .linux)
        #expect(try configuration("--bare", "prog").programKind == .bareMetal)
        let confined = try configuration("--chroot", "/srv/root", "prog", "--chroot=guest")
        #expect(confined.rootDirectory == "/srv/root" && confined.programArguments == ["--chroot=guest"])
    }

    @Test func help() throws {
        for arguments in [["--help"], ["-h"], ["-l", "-h", "prog.elf"], ["-p0", "--help"]] {
            guard case .showHelp = try parseCommandLine(arguments) else {
                Issue.record("\(arguments) did not ask for help")
                continue
            }
        }
        for option in HostOptionSpelling.help.union(HostOptionSpelling.flags).union(HostOptionSpelling.takingValue) {
            #expect(usageText.contains(" \(option)"), "--help does not describe \(option)")
        }
    }

    @Test(arguments: [
        (["--foo", "prog"], "rvgem: error: unknown option '--foo' (see rvgem --help)"),
        (["-x", "prog"], "rvgem: error: unknown option '-x' (see rvgem --help)"),
        (["-", "prog"], "rvgem: error: unknown option '-' (see rvgem --help)"),
        (["--isax=rv64gc", "prog"], "rvgem: error: unknown option '--isax=rv64gc' (see rvgem --help)"),
        (["-lp2", "prog"], "rvgem: error: option '-l' takes no value (see rvgem --help)"),
        (["--log-commits=yes", "prog"], "rvgem: error: option '--log-commits' takes no value (see rvgem --help)"),
        (["--isa"], "rvgem: error: option '--isa' requires a value (see rvgem --help)"),
        (["-p"], "rvgem: error: option '-p' requires a value (see rvgem --help)"),
        ([], "rvgem: error: missing program (see rvgem --help)"),
        (["-l", "--isa=rv64gc"], "rvgem: error: missing program (see rvgem --help)"),
        (["-p0", "prog"], "rvgem: error: invalid -p value '0' (expected a number of harts from 1 to 64)"),
        (["-p65", "prog"], "rvgem: error: invalid -p value '65' (expected a number of harts from 1 to 64)"),
        (["-p+2", "prog"], "rvgem: error: invalid -p value '+2' (expected a number of harts from 1 to 64)"),
        (["-mlots", "prog"], "rvgem: error: invalid -m value 'lots' (expected <MiB> or <base:size,...>)"),
        (["-m0x80000000:0x1000,", "prog"], "rvgem: error: invalid -m value '0x80000000:0x1000,' (expected <MiB> or <base:size,...>)"),
        (["-m0", "prog"], "rvgem: error: invalid -m size '0' (expected a non-zero number of MiB)"),
        (["-m0x100000000000", "prog"], "rvgem: error: invalid -m size '0x100000000000' (the memory would run past the end of the address space)"),
        (["-m0x80000800:0x1000", "prog"], "rvgem: error: memory region '0x80000800:0x1000' must have a non-zero size and base and size multiples of 4 KiB"),
        (["-m0xfffffffffffff000:0x2000", "prog"], "rvgem: error: memory region '0xfffffffffffff000:0x2000' runs past the end of the address space"),
        (["--pc=main", "prog"], "rvgem: error: invalid --pc address 'main' (expected a number such as 0x80000000)"),
        (["--instructions=-1", "prog"], "rvgem: error: invalid --instructions count '-1'"),
        (["--hartids=0,1", "-p3", "prog"], "rvgem: error: --hartids lists 2 hart ids but -p asks for 3 harts"),
        (["--hartids=1,1", "prog"], "rvgem: error: duplicate hart id 1 in --hartids"),
        (["--hartids=", "prog"], "rvgem: error: invalid --hartids value '' (expected decimal hart ids separated by commas)"),
        (["--isa=rv32gc", "prog"], "rvgem: error: bad --isa option 'rv32gc': rvgem implements RV64 only"),
        (["--isa=rv64gc_zba", "prog"], "rvgem: error: bad --isa option 'rv64gc_zba': unsupported extension 'zba'"),
        (["--priv=s", "prog"], "rvgem: error: bad --priv option 's' (expected m, mu or msu)"),
        (["--extension=hwacha", "prog"], "rvgem: error: unknown --extension 'hwacha' (known: gemmini)"),
        (["--gemmini-config=int4", "--extension=gemmini", "prog"], "rvgem: error: unknown --gemmini-config 'int4' (known: int8, fp32, bf16, bf16-acc32)"),
        (["--gemmini-config=fp32", "prog"], "rvgem: error: --gemmini-* options need --extension=gemmini"),
        (["--extension=gemmini", "--gemmini-dim=0", "prog"], "rvgem: error: invalid --gemmini-dim '0' (expected 1 to 64)"),
        (["--extension=gemmini", "--gemmini-elem=fp16", "prog"], "rvgem: error: invalid --gemmini-elem 'fp16' (expected int8, fp32 or bf16)"),
        (["--extension=gemmini", "--gemmini-elem=fp32", "prog"], "rvgem: error: gemmini: float elements need a float accumulator and array output"),
        (["--extension=gemmini", "--gemmini-spad-kib=0", "prog"], "rvgem: error: invalid --gemmini-spad-kib '0' (expected a positive number of KiB)"),
        (["--extension=gemmini", "--gemmini-dataflow=is", "prog"], "rvgem: error: invalid --gemmini-dataflow 'is' (expected os, ws or both)"),
        (["--linux", "--bare", "prog"], "rvgem: error: --linux and --bare contradict each other; give one"),
        (["--bare", "--chroot=/tmp", "prog"], "rvgem: error: --chroot applies to Linux programs, not with --bare"),
        (["--chroot=", "prog"], "rvgem: error: --chroot needs a directory"),
        (["--linux=yes", "prog"], "rvgem: error: option '--linux' takes no value (see rvgem --help)"),
        (["--stats=", "prog"], "rvgem: error: option '--stats=' needs a file name (see rvgem --help)"),
        (["--stats-file=run.json", "prog"], "rvgem: error: unknown option '--stats-file=run.json' (see rvgem --help)"),
    ])
    func mistakes(arguments: [String], expected: String) {
        #expect(errorLine(arguments) == expected)
    }
}
