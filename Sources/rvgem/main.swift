#if canImport(Glibc)
import Glibc
#endif
import Gemmini
import RISCVMachine

func printToStandardError(_ line: String) {
    var text = line + "\n"
    text.withUTF8 { bytes in _ = write(2, bytes.baseAddress, bytes.count) }
}

let action: CommandLineAction
do throws(CommandLineError) {
    action = try parseCommandLine(Array(CommandLine.arguments.dropFirst()))
} catch {
    printToStandardError(error.line)
    exit(1)
}

switch action {
case .showHelp:
    print(usageText, terminator: "")
    exit(0)
case .printGemminiParameters(let configuration):
    print(configuration.cHeader(), terminator: "")
    exit(0)
case .run(let configuration):
    var statisticsFile: StatisticsFile?
    do throws(MachineError) {
        let machine = try Machine(configuration: configuration)
        statisticsFile = try configuration.statisticsPath.map { path throws(MachineError) in
            try StatisticsFile(path: path, machine: machine)
        }
        let status = try machine.run()
        statisticsFile?.write(exitCode: status)
        if let signal = machine.terminatingSignal { dieOfSignal(signal) }
        exit(status)
    } catch {
        printToStandardError("rvgem: \(error.description)")
        statisticsFile?.write(exitCode: 1)
        exit(1)
    }
}

/// Ends rvgem the way the guest ended: killed by `signal` (without a core dump), so a shell sees the
/// same status as for the program run natively.
func dieOfSignal(_ signal: Int32) -> Never {
    var noCore = rlimit(rlim_cur: 0, rlim_max: 0)
    setrlimit(__rlimit_resource_t(RLIMIT_CORE.rawValue), &noCore)
    Glibc.signal(signal, SIG_DFL)
    var set = sigset_t()
    sigemptyset(&set)
    sigaddset(&set, signal)
    sigprocmask(SIG_UNBLOCK, &set, nil)
    raise(signal)
    exit(128 + signal)
}
