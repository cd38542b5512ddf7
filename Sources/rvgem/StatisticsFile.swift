#if canImport(Glibc)
import Glibc
#endif
import RISCVMachine

/// `--stats=FILE`: opened before the run, so that a path that cannot be written fails at once rather
/// than after a long run; written once rvgem knows its exit status, also when the guest failed, was
/// killed by a signal or the run stopped on an emulator error (exit status 1).
struct StatisticsFile {
    private let descriptor: Int32
    private let machine: Machine

    init(path: String, machine: Machine) throws(MachineError) {
        descriptor = open(path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o644)
        guard descriptor >= 0 else { throw MachineError("cannot open --stats file '\(path)': \(String(cString: strerror(errno)))") }
        self.machine = machine
    }

    /// Writes the statistics and closes the file; a failed write is reported, not fatal.
    func write(exitCode: Int32) {
        var text = machine.statistics.json(program: machine.configuration.programPath, exitCode: exitCode)
        let written = text.withUTF8 { bytes in
            var offset = 0
            while offset < bytes.count {
                let n = Glibc.write(descriptor, bytes.baseAddress! + offset, bytes.count - offset)
                if n <= 0 { return false }
                offset += n
            }
            return true
        }
        if !written { printToStandardError("rvgem: cannot write the --stats file: \(String(cString: strerror(errno)))") }
        close(descriptor)
    }
}
