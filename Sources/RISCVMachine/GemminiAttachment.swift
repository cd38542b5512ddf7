import Gemmini
import RISCVCore

/// One Gemmini per hart behind the core's RoCC interface: the accelerator reaches the hart's memory
/// through virtual-memory reads and writes, and a misuse it reports becomes one line on stderr plus
/// an illegal-instruction trap in the guest.
final class GemminiAttachment: RoCCAccelerator {
    let gemmini: GemminiAccelerator

    /// With `--check-bf16`: the program's functions, to count results against the guest's call site.
    private let functions: FunctionSymbols?
    /// Per issuing pc, whether it lies in a library routine (then the caller is the site).
    private var inLibraryRoutine: [UInt64: Bool] = [:]

    init(configuration: GemminiConfiguration, bf16Check: (functions: FunctionSymbols, tolerance: Double?)? = nil) {
        gemmini = GemminiAccelerator(configuration: configuration)
        functions = bf16Check?.functions
        if let bf16Check { gemmini.enableBF16Check(tolerance: bf16Check.tolerance) }
    }

    func execute(_ command: RoCCCommand, for hart: Hart) -> UInt64? {
        if let check = gemmini.bf16Check { check.pc = sitePC(hart) }
        do {
            return try gemmini.execute(funct7: command.funct7, rs1: command.rs1, rs2: command.rs2,
                                       memory: HartMemory(hart: hart))
        } catch {
            printToStandardError("rvgem: hart \(hart.hartID), pc 0x\(String(hart.pc, radix: 16)): \(error.description)")
            return nil
        }
    }

    /// The pc results are counted against: the issuing instruction's, or, when that lies in a library
    /// routine (`FunctionSymbols.isLibraryRoutine`), a return address into its caller: ra while it
    /// still points outside library routines (in a leaf routine, or before its first call: any later
    /// return address points back into the routine), else the one a frame-pointer frame saves at
    /// [s0 - 8]; the routine's own pc when neither lies in a function of the guest's own.
    private func sitePC(_ hart: Hart) -> UInt64 {
        let pc = hart.pc
        let library: Bool
        if let known = inLibraryRoutine[pc] {
            library = known
        } else {
            library = functions?.function(containing: pc).map { FunctionSymbols.isLibraryRoutine($0.name) } ?? false
            inLibraryRoutine[pc] = library
        }
        guard library else { return pc }
        if isGuestCode(hart.register(1)) { return hart.register(1) }
        var saved: UInt64 = 0
        let read = withUnsafeMutableBytes(of: &saved) { hart.readVirtual(hart.register(8) &- 8, into: $0) }
        return read && isGuestCode(saved) ? saved : pc
    }

    /// Whether `address` lies in a function that is not a library routine.
    private func isGuestCode(_ address: UInt64) -> Bool {
        guard let function = functions?.function(containing: address) else { return false }
        return !FunctionSymbols.isLibraryRoutine(function.name)
    }

    /// What this Gemmini did, for `--stats`.
    func work(hartID: UInt64) -> RunStatistics.GemminiWork {
        let s = gemmini.statistics
        return .init(hartID: hartID, commands: s.commands, rowsIn: s.rowsMovedIn, rowsOut: s.rowsMovedOut,
                     computes: s.computes, macs: s.macs)
    }

    /// The hart's data memory, by virtual address.
    private struct HartMemory: GemminiMemory {
        // unowned(unsafe): a command never outlives its hart, and a checked reference costs a retain per access.
        unowned(unsafe) let hart: Hart
        func read(_ address: UInt64, into buffer: UnsafeMutableRawBufferPointer) -> Bool {
            hart.readVirtual(address, into: buffer)
        }
        func write(_ address: UInt64, from buffer: UnsafeRawBufferPointer) -> Bool {
            hart.writeVirtual(address, from: buffer)
        }
    }
}
