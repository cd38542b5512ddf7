import Foundation
import Testing
import RISCVISA

/// Our disassembler against Spike's own, on the words of Vectors/spike-disasm.txt
/// (made by scripts/isa/make-disasm-vectors.sh with spike-dasm --strict for our ISA).
@Suite struct SpikeDisassemblyTests {
    struct Vector {
        let bits: UInt32
        let text: String
    }

    static func vectors() throws -> [Vector] {
        let url = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
            .appendingPathComponent("Vectors/spike-disasm.txt")
        let contents = try String(contentsOf: url, encoding: .utf8)
        return try contents.split(separator: "\n").map { line in
            let fields = line.split(separator: "\t", maxSplits: 1, omittingEmptySubsequences: false)
            guard fields.count == 2, let bits = UInt32(fields[0], radix: 16) else {
                throw VectorFileError.malformedLine(String(line))
            }
            return Vector(bits: bits, text: String(fields[1]))
        }
    }

    enum VectorFileError: Error { case malformedLine(String) }

    @Test func everyWordDisassemblesAsSpikePrintsIt() throws {
        let vectors = try Self.vectors()
        let mismatches = vectors.compactMap { v -> String? in
            let ours = disassemble(v.bits, pc: 0x8000_0000)
            return ours == v.text ? nil : "\(String(v.bits, radix: 16)): spike \"\(v.text)\", ours \"\(ours)\""
        }
        #expect(vectors.count > 70_000)
        #expect(mismatches.isEmpty,
                "\(mismatches.count) of \(vectors.count) differ:\n\(mismatches.prefix(40).joined(separator: "\n"))")
    }

    /// Whether Spike raises an illegal-instruction exception for a word, judged from its strict
    /// disassembly and the `require(...)` checks of Spike's riscv/insns: words outside our ISA,
    /// dret outside debug mode, quad conversions without Q, and the reserved compressed forms.
    static func spikeTraps(_ v: Vector) -> Bool {
        let rd = v.bits >> 7 & 0x1f
        let mnemonic = v.text.prefix(while: { $0 != " " })
        switch mnemonic {
        case "unknown", "dret", "fcvt.s.q", "fcvt.d.q", "c.unimp": return true
        case "c.addi4spn": return v.bits & 0x1fe0 == 0  // nzuimm[9:2] is zero
        case "c.lui", "c.addi16sp": return v.bits & 0x107c == 0  // the 6-bit immediate is zero
        case "c.lwsp", "c.ldsp", "c.addiw", "c.jr": return rd == 0
        default: return false
        }
    }

    /// custom-3 decodes as a RoCC command, which is an illegal instruction while no accelerator is attached.
    @Test func decodesAsIllegalExactlyWhatSpikeTrapsOn() throws {
        let wrong = try Self.vectors().filter {
            let op = decode($0.bits).op
            return (op == .illegal || op == .custom3) != Self.spikeTraps($0)
        }
        #expect(wrong.isEmpty, "\(wrong.prefix(20).map { "\(String($0.bits, radix: 16)) \($0.text)" })")
    }
}
