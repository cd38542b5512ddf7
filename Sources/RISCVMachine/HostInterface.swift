#if canImport(Glibc)
import Glibc
#endif
import CGuestAtomics
import RISCVCore

/// Spike's HTIF: the guest writes a command to `tohost`, the host polls it between scheduling
/// rounds, performs it, and answers through `fromhost`.
/// `tohost` = device[63:56] | command[55:48] | payload[47:0].
final class HostInterface {
    let memory: PhysicalMemory
    let tohost: UInt64
    let fromhost: UInt64?
    let syscalls: HostSyscalls
    private var fromhostQueue: [UInt64] = []
    /// Set once the guest asked to exit: the exit code (`payload >> 1`).
    private(set) var exitCode: UInt64?

    init(memory: PhysicalMemory, tohost: UInt64, fromhost: UInt64?, syscalls: HostSyscalls) {
        self.memory = memory
        self.tohost = tohost
        self.fromhost = fromhost
        self.syscalls = syscalls
    }

    /// Reads and clears `tohost`; performs the command if there was one. Returns whether there was.
    func poll() throws(MachineError) -> Bool {
        guard let word = memory.hostPointer(tohost, size: 8), tohost % 8 == 0 else {
            throw MachineError("tohost at 0x\(String(tohost, radix: 16)) is not an aligned word of guest RAM")
        }
        // Read and clear in one step: with harts on several threads a hart may write it meanwhile.
        guard rvgem_atomic_load64(word) != 0 else { return false }
        let value = rvgem_atomic_exchange64(word, 0)
        try handle(value)
        return true
    }

    /// Hands a queued response to the guest once it has consumed the previous one.
    func deliverResponses() {
        guard let fromhost, !fromhostQueue.isEmpty, memory.load(fromhost, size: 8) == 0 else { return }
        _ = memory.store(fromhost, size: 8, value: fromhostQueue.removeFirst())
    }

    func exit(_ code: UInt64) { exitCode = code }

    private func handle(_ value: UInt64) throws(MachineError) {
        let device = value >> 56
        let command = (value >> 48) & 0xff
        let payload = value & 0xffff_ffff_ffff
        switch (device, command) {
        case (0, 0):
            if payload & 1 != 0 {
                exitCode = payload >> 1
            } else {
                try syscalls.dispatch(magicMemory: payload, htif: self)
                fromhostQueue.append(1)
            }
        case (1, 1):
            var byte = UInt8(truncatingIfNeeded: payload)
            _ = Glibc.write(syscalls.consoleOutput, &byte, 1)  // Spike's console answers no write
        case (1, 0):
            var byte: UInt8 = 0
            let n = Glibc.read(0, &byte, 1)
            fromhostQueue.append(device << 56 | command << 48 | (n == 1 ? 0x100 | UInt64(byte) : 0))
        default:
            throw MachineError("guest sent an unknown HTIF command (tohost = 0x\(String(value, radix: 16)))")
        }
    }
}
