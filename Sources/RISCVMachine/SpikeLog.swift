import RISCVCore
import RISCVISA

/// Spike's `-l` execution log and `--log-commits` commit log, line for line.
struct SpikeLogTracer: ExecutionTracer {
    static var observesInstructions: Bool { true }

    let output: LogWriter
    let logsInstructions: Bool
    let logsCommits: Bool
    let symbols: SymbolNames
    /// Spike folds repeats of the same instruction at the same pc into one "Executed N times" line,
    /// remembering the last instruction per hart.
    private var repeats: [UInt64: (pc: UInt64, bits: UInt64, executions: Int)] = [:]
    /// The privilege the current instruction started in (Spike logs that one, not the one after an mret).
    private var privilege = Privilege.machine
    /// The current instruction's bits, read before it runs (after an sret its page may be out of reach).
    private var bits: UInt64 = 0

    init(output: LogWriter, logsInstructions: Bool, logsCommits: Bool, symbols: SymbolNames) {
        self.output = output
        self.logsInstructions = logsInstructions
        self.logsCommits = logsCommits
        self.symbols = symbols
    }

    private func prefix(_ hart: Hart) {
        let id = String(hart.hartID)
        output.write("core" + String(repeating: " ", count: max(0, 4 - id.count)) + id + ": ")
    }

    mutating func willExecute(_ hart: Hart, pc: UInt64, instruction: DecodedInstruction) {
        privilege = hart.privilege
        bits = hart.instructionBits(at: pc)
        guard logsInstructions && !hart.resumingSerialization else { return }
        let last = repeats[hart.hartID] ?? (pc: .max, bits: .max, executions: 1)
        if pc == last.pc && bits == last.bits {
            repeats[hart.hartID]?.executions += 1
            return
        }
        if let name = symbols.name(at: pc) {
            prefix(hart); output.write(">>>>  " + name + "\n")
        }
        if last.executions != 1 {
            prefix(hart); output.write("Executed \(last.executions) times\n")
        }
        prefix(hart)
        output.writeHex(pc, digits: 16)
        output.write(" (")
        output.writeHex(bits, digits: 8)
        output.write(") " + disassemble(UInt32(truncatingIfNeeded: bits), pc: pc) + "\n")
        repeats[hart.hartID] = (pc, bits, 1)
    }

    mutating func didRetire(_ hart: Hart, pc: UInt64, instruction: DecodedInstruction) {
        guard logsCommits else { return }
        if instruction.rd != 0 && instruction.rd < 32 && operationWritesIntegerRegister(instruction.op) {
            hart.commitLog.recordWrite(key: UInt32(instruction.rd) << 4, value: hart.register(Int(instruction.rd)))
        }
        let log = hart.commitLog
        prefix(hart)
        output.write(String(privilege.rawValue) + " ")
        output.writeHex(pc, digits: 16)
        output.write(" (")
        output.writeHex(bits, digits: instruction.length == 2 ? 4 : 8)
        output.write(")")
        for (key, value) in log.sortedWrites where key != 0 {
            let number = Int(key >> 4)
            switch key & 0xf {
            case 0: output.write(" x" + String(number).padding(2) + " ")
            case 1: output.write(" f" + String(number).padding(2) + " ")
            default: output.write(" c\(number)_\(csrName(UInt16(number)) ?? "unknown") ")
            }
            output.writeHex(value, digits: 16)
        }
        for address in log.loads {
            output.write(" mem "); output.writeHex(address, digits: 16)
        }
        for store in log.stores {
            output.write(" mem "); output.writeHex(store.address, digits: 16)
            output.write(" "); output.writeHex(store.value, digits: store.size * 2)
        }
        output.write("\n")
    }

}
private extension String {
    func padding(_ width: Int) -> String { count >= width ? self : self + String(repeating: " ", count: width - count) }
}

/// Spike's symbol lookup for `>>>>` lines: every symbol, later duplicates of a name replacing earlier
/// ones, and per address the name that sorts first.
struct SymbolNames {
    private var byAddress: [UInt64: String] = [:]

    init(_ symbols: [(name: String, address: UInt64)]) {
        var byName: [String: UInt64] = [:]
        for s in symbols { byName[s.name] = s.address }
        for (name, address) in byName.sorted(by: { Array($0.key.utf8).lexicographicallyPrecedes(Array($1.key.utf8)) }) where byAddress[address] == nil {
            byAddress[address] = name
        }
    }

    func name(at address: UInt64) -> String? { byAddress[address] }
}
