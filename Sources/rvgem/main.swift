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
        var status = try machine.run()
        if let report = machine.bf16CheckReport, let path = configuration.bf16CheckPath {
            status = finishBF16Check(report, path: path, tolerance: configuration.bf16CheckTolerance, status: status)
        }
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

/// `--check-bf16=FILE`: writes the report, prints the summary and, when a result exceeded
/// `--check-bf16-tolerance`, the line naming its site; returns the run's exit status (3 for a tolerance
/// exceeded, unless the guest itself failed).
func finishBF16Check(_ report: BF16CheckReport, path: String, tolerance: Double?, status: Int32) -> Int32 {
    var text = report.json()
    let descriptor = open(path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o644)
    let written = descriptor >= 0 && text.withUTF8 { bytes in
        var offset = 0
        while offset < bytes.count {
            let n = write(descriptor, bytes.baseAddress! + offset, bytes.count - offset)
            if n <= 0 { return false }
            offset += n
        }
        return true
    }
    if descriptor >= 0 { close(descriptor) }
    report.summaryLines().forEach(printToStandardError)
    if !written {
        printToStandardError("rvgem: cannot write the --check-bf16 file '\(path)': \(String(cString: strerror(errno)))")
        return status == 0 ? 1 : status
    }
    if let tolerance, let line = report.violationLine(tolerance: tolerance) {
        printToStandardError(line)
        return status == 0 ? BF16CheckReport.toleranceExitStatus : status
    }
    return status
}
