import Testing
@testable import RISCVISA

/// Properties of the tables themselves: coverage, reachability of every row, and overlaps that
/// cannot make decoding depend on anything but specificity.
@Suite struct InstructionTableTests {
    static let rows = instructionTable + compressedTable

    /// The first row in table order that fits, found without the index.
    static func firstRow(for bits: UInt32) -> InstructionEncoding? {
        rows.first { bits & $0.mask == $0.match && $0.isCompressed == (bits & 3 != 3) }
    }

    static func randomFill(of row: InstructionEncoding, using rng: inout some RandomNumberGenerator) -> UInt32 {
        let width: UInt32 = row.isCompressed ? 0xffff : 0xffff_ffff
        return row.match | UInt32.random(in: 0 ... .max, using: &rng) & ~row.mask & width
    }

    @Test func everyOperationHasA32BitRow() {
        let covered = Set(instructionTable.map(\.opcode))
        let missing = Opcode.allCases.filter { $0 != .illegal && !covered.contains($0) }
        #expect(missing.isEmpty, "no row for \(missing)")
    }

    @Test func compressedTableHasEveryRV64CInstruction() {
        let expected: Set<String> = [
            "c.addi4spn", "c.fld", "c.lw", "c.ld", "c.fsd", "c.sw", "c.sd",
            "c.nop", "c.addi", "c.addiw", "c.li", "c.addi16sp", "c.lui", "c.srli", "c.srai", "c.andi",
            "c.sub", "c.xor", "c.or", "c.and", "c.subw", "c.addw", "c.j", "c.beqz", "c.bnez",
            "c.slli", "c.fldsp", "c.lwsp", "c.ldsp", "c.jr", "c.mv", "c.ebreak", "c.jalr", "c.add",
            "c.fsdsp", "c.swsp", "c.sdsp",
            "c.unimp", "c.ret",  // Spike's spellings of an illegal c.addi4spn and of c.jr ra
        ]
        #expect(Set(compressedTable.map(\.mnemonic)) == expected)
        #expect(compressedTable.allSatisfy { $0.isCompressed })
        #expect(!instructionTable.contains { $0.isCompressed })
    }

    /// Where two rows fit the same word, the earlier one must be strictly more specific, or both
    /// must be spellings of the same operation (as `li` and `mv` are for `addi a0, zero, 0`).
    @Test func overlappingRowsAreOrderedMostSpecificFirst() {
        var ambiguous: [String] = []
        for (i, a) in Self.rows.enumerated() {
            for b in Self.rows[(i + 1)...] where a.isCompressed == b.isCompressed {
                guard (a.match ^ b.match) & a.mask & b.mask == 0 else { continue }
                let nested = a.mask & b.mask == b.mask && a.mask != b.mask
                let sameOperation = a.opcode == b.opcode && a.layout == b.layout && a.reserved == b.reserved
                if !nested && !sameOperation { ambiguous.append("\(a.mnemonic) / \(b.mnemonic)") }
            }
        }
        #expect(ambiguous.isEmpty, "\(ambiguous)")
    }

    /// Each row owns some words no earlier row claims, and those decode to its operation.
    @Test func everyRowIsReachableAndDecodesToItsOperation() {
        var rng = SystemRandomNumberGenerator()
        for row in Self.rows {
            let owned = (0 ..< 4096).lazy.map { _ in Self.randomFill(of: row, using: &rng) }
                .filter { Self.firstRow(for: $0)?.mnemonic == row.mnemonic }.prefix(16)
            #expect(!owned.isEmpty, "\(row.mnemonic) is shadowed by earlier rows")
            for bits in owned {
                let decoded = decode(bits)
                // Reserved compressed encodings are the only words a row names but does not execute.
                let mayTrap = row.opcode == .illegal || row.reserved != .never
                #expect(decoded.op == row.opcode || (decoded.op == .illegal && mayTrap),
                        "\(row.mnemonic) \(String(bits, radix: 16)) decodes as \(decoded.op)")
                #expect(decoded.length == (row.isCompressed ? 2 : 4))
            }
        }
    }

    /// The bucketed lookup finds exactly the row a scan of the tables would.
    @Test func indexAgreesWithALinearScan() {
        var rng = SystemRandomNumberGenerator()
        var words = (0 ... 0xffff).map { UInt32($0) }.filter { $0 & 3 != 3 }
        words += (0 ..< 50_000).map { _ in UInt32.random(in: 0 ... .max, using: &rng) | 3 }
        words += Self.rows.flatMap { row in (0 ..< 32).map { _ in Self.randomFill(of: row, using: &rng) } }
        let disagreements = words.filter { bits in
            let indexed = InstructionIndex.shared.row(for: bits).map { InstructionIndex.shared.encodings[Int($0.encoding)].mnemonic }
            return indexed != Self.firstRow(for: bits)?.mnemonic
        }
        #expect(disagreements.isEmpty, "\(disagreements.prefix(10).map { String($0, radix: 16) })")
    }
}

extension InstructionEncoding {
    var isCompressed: Bool { match & 3 != 3 }
}
