#if canImport(Glibc)
import Glibc
#endif
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
case .run(let configuration):
    do throws(MachineError) {
        let machine = try Machine(configuration: configuration)
        exit(try machine.run())
    } catch {
        printToStandardError("rvgem: \(error.description)")
        exit(1)
    }
}
