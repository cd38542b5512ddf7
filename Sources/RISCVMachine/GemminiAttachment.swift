import Gemmini
import RISCVCore

/// One Gemmini per hart behind the core's RoCC interface: the accelerator reaches the hart's memory
/// through virtual-memory reads and writes, and a misuse it reports becomes one line on stderr plus
/// an illegal-instruction trap in the guest.
final class GemminiAttachment: RoCCAccelerator {
    let gemmini: GemminiAccelerator

    init(configuration: GemminiConfiguration) {
        gemmini = GemminiAccelerator(configuration: configuration)
    }

    func execute(_ command: RoCCCommand, for hart: Hart) -> UInt64? {
        do {
            return try gemmini.execute(funct7: command.funct7, rs1: command.rs1, rs2: command.rs2,
                                       memory: HartMemory(hart: hart))
        } catch {
            printToStandardError("rvgem: hart \(hart.hartID), pc 0x\(String(hart.pc, radix: 16)): \(error.description)")
            return nil
        }
    }

    /// What this Gemmini did, for `--stats`.
    func work(hartID: UInt64) -> RunStatistics.GemminiWork {
        let s = gemmini.statistics
        return .init(hartID: hartID, commands: s.commands, rowsIn: s.rowsMovedIn, rowsOut: s.rowsMovedOut,
                     computes: s.computes, macs: s.macs)
    }

    /// The hart's data memory, by virtual address.
    private struct HartMemory: GemminiMemory {
        unowned let hart: Hart
        func read(_ address: UInt64, into buffer: UnsafeMutableRawBufferPointer) -> Bool {
            hart.readVirtual(address, into: buffer)
        }
        func write(_ address: UInt64, from buffer: UnsafeRawBufferPointer) -> Bool {
            hart.writeVirtual(address, from: buffer)
        }
    }
}
