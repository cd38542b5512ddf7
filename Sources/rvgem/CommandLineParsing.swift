import ArgumentParser
import Gemmini
import RISCVMachine

/// What the command line asks for.
enum CommandLineAction {
    case showHelp
    /// `--print-gemmini-params`: the C header for guest programs built for this Gemmini.
    case printGemminiParameters(GemminiConfiguration)
    case run(MachineConfiguration)
}

/// Reads `rvgem [host options] <program> [program args]` (without the command name) into a machine
/// configuration, without running anything.
func parseCommandLine(_ arguments: [String]) throws(CommandLineError) -> CommandLineAction {
    let split = try splitHostArguments(arguments)
    if split.helpRequested { return .showHelp }
    let options: HostOptions
    do {
        options = try HostOptions.parse(split.options)
    } catch {
        // The split accepted only options HostOptions declares, so this is a mismatch between the two.
        throw .usage(HostOptions.message(for: error))
    }
    if options.gemmini.printParameters {
        return .printGemminiParameters(try options.makeConfiguration(programPath: "", programArguments: []).gemmini)
    }
    guard let programPath = split.programPath else { throw .usage("missing program") }
    return .run(try options.makeConfiguration(programPath: programPath, programArguments: split.programArguments))
}

/// `rvgem --help`, in the shape of Spike's help.
let usageText = """
    RVGem RISC-V ISA emulator (Spike-compatible)

    usage: rvgem [host options] <target program> [target options]
    Host Options:
      -p<n>                 Simulate <n> processors [default 1, at most \(HostOptions.maximumHarts)]
      -m<n>                 Provide <n> MiB of target memory [default 2048]
      -m<a:m,b:n,...>       Provide memory regions of size m and n bytes
                              at base addresses a and b (with 4 KiB alignment)
      -l                    Generate a log of execution
      -h, --help            Print this help message
      --log=<name>          File name for option -l
      --isa=<name>          RISC-V ISA string [default \(MachineConfiguration(programPath: "").isaString)]
                              rv64 with i, m, a, f, d, c, g, zicsr, zifencei, zicntr, zihpm, zfbfmin
      --priv=<m|mu|msu>     RISC-V privilege modes supported [default \(HostOptions.defaultPriv)]
      --pc=<address>        Override ELF entry point
      --hartids=<a,b,...>   Explicitly specify hartids, default is 0,1,...
      --log-commits         Generate a log of commits info
      --stats               Print instructions, time and MIPS to stderr at exit
      --stats=<file>        Write the run's statistics to <file> as JSON: instructions per
                              hart, guest pages written, Gemmini work, time
      --extension=<name>    Specify RoCC Extension (\(HostOptions.knownAccelerators.joined(separator: ", ")))
                              This flag can be used multiple times.
      --gemmini-config=<name> What each Gemmini is built as: \(GemminiConfiguration.presetNames.joined(separator: ", "))
                              [default int8]
      --gemmini-dim=<n>     Override the preset's array side (DIM)
      --gemmini-elem=<type>, --gemmini-acc=<type>, --gemmini-array-out=<type>
                            Override element, accumulator or array-output type (int8/int32, fp32, bf16)
      --gemmini-scale=<type> Override the scale type (fp32, bf16)
      --gemmini-spad-kib=<n>, --gemmini-acc-kib=<n>
                            Override scratchpad / accumulator capacity in KiB
      --gemmini-dataflow=<os|ws|both> Override the dataflows the array supports
      --check-bf16=<file>   Check every BF16 result of Gemmini against FP64 and FP32 shadows;
                              write per call site errors to <file> (JSON), a summary to stderr
      --check-bf16-tolerance=<rel> With --check-bf16: exit with status \(BF16CheckReport.toleranceExitStatus) naming the first
                              call site whose relative error exceeds <rel>
      --print-gemmini-params Print the gemmini_params.h matching the configuration and exit
      --instructions=<n>    Stop after n instructions
      --parallel            Run each hart on a host thread of its own (default: Spike's
                              deterministic round-robin schedule, which logs need)
      --linux               Run the program as a static Linux executable (the default when
                              it has no tohost symbol): U-mode, Linux system calls on the host
      --bare                Run the program bare metal (HTIF tohost/fromhost) even without tohost
      --chroot=<dir>        Confine a Linux program's file paths below <dir>

    """
