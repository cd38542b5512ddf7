/// The text Spike's disassembler prints for an instruction (what follows the instruction bits in a
/// `spike -l` log line), or `unknown`. When `bits & 3 != 3` only the low halfword is read.
///
/// Spike prints branch and jump targets relative to the pc (`pc + 12`), so `pc` does not change
/// the text; it is part of the signature for callers that log alongside the address.
public func disassemble(_ bits: UInt32, pc: UInt64) -> String {
    let word = bits & 3 != 3 ? bits & 0xffff : bits
    let index = InstructionIndex.shared
    guard let row = index.row(for: word) else { return "unknown" }
    let encoding = index.encodings[Int(row.encoding)]
    guard !encoding.operands.isEmpty else { return encoding.mnemonic }
    // Spike pads the mnemonic to 8 columns, with at least one space.
    let padding = String(repeating: " ", count: max(1, 8 - encoding.mnemonic.count))
    let f = InstructionBits(word)
    return encoding.mnemonic + padding + encoding.operands.map { text(of: $0, in: f) }.joined(separator: ", ")
}

private func text(of operand: Operand, in f: InstructionBits) -> String {
    let x = xRegisterNames, fp = fRegisterNames
    switch operand {
    case .xrd: return x[Int(f.rd)]
    case .xrs1: return x[Int(f.rs1)]
    case .xrs2: return x[Int(f.rs2)]
    case .frd: return fp[Int(f.rd)]
    case .frs1: return fp[Int(f.rs1)]
    case .frs2: return fp[Int(f.rs2)]
    case .frs3: return fp[Int(f.rs3)]
    case .imm: return String(f.iImmediate)
    case .shamt: return String(f.shamt)
    case .bigImmediate: return hex(f.bits >> 12)
    case .loadAddress: return address(f.iImmediate, f.rs1)
    case .storeAddress: return address(f.sImmediate, f.rs1)
    case .baseOnlyAddress: return "(" + x[Int(f.rs1)] + ")"
    case .branchTarget: return pcRelative(f.bImmediate)
    case .jumpTarget: return "pc " + (f.jImmediate < 0 ? "-" : "+") + " " + hex(f.jImmediate.magnitude)
    case .csr:
        let number = UInt16(f.upper12)
        return csrName(number) ?? "unknown_" + zeroPadded(String(number, radix: 16), to: 3)
    case .zimm5: return String(f.rs1)
    case .fenceSets: return fenceSets(f.field(20, 8))

    case .compressedRs1: return x[Int(f.rd)]
    case .compressedRs2: return x[Int(f.compressedRs2)]
    case .compressedFloatRs2: return fp[Int(f.compressedRs2)]
    case .compressedRs1Prime: return x[Int(f.compressedRs1Prime)]
    case .compressedRs2Prime: return x[Int(f.compressedRs2Prime)]
    case .compressedFloatRs2Prime: return fp[Int(f.compressedRs2Prime)]
    case .compressedSp: return x[2]
    case .compressedImmediate: return String(f.compressedImmediate)
    case .compressedAddi4spnImmediate: return String(f.addi4spnImmediate)
    case .compressedAddi16spImmediate: return String(f.addi16spImmediate)
    case .compressedShamt: return String(f.compressedShamt)
    case .compressedUpperImmediate: return hex(UInt32(bitPattern: f.compressedImmediate) & 0xfffff)
    case .compressedLwspAddress: return address(f.lwspImmediate, 2)
    case .compressedLdspAddress: return address(f.ldspImmediate, 2)
    case .compressedSwspAddress: return address(f.swspImmediate, 2)
    case .compressedSdspAddress: return address(f.sdspImmediate, 2)
    case .compressedLwAddress: return address(f.lwImmediate, f.compressedRs1Prime)
    case .compressedLdAddress: return address(f.ldImmediate, f.compressedRs1Prime)
    case .compressedBranchTarget: return pcRelative(f.compressedBImmediate)
    case .compressedJumpTarget: return pcRelative(f.compressedJImmediate)
    }
}

private func hex(_ value: UInt32) -> String { "0x" + String(value, radix: 16) }

private func zeroPadded(_ digits: String, to width: Int) -> String {
    String(repeating: "0", count: max(0, width - digits.count)) + digits
}

private func address(_ offset: Int32, _ base: UInt8) -> String {
    String(offset) + "(" + xRegisterNames[Int(base)] + ")"
}

private func pcRelative(_ offset: Int32) -> String {
    (offset < 0 ? "pc - " : "pc + ") + String(offset.magnitude)
}

/// `iorw` bits: the predecessor set, a comma only if it is not empty, then the successor set.
private func fenceSets(_ iorw: UInt32) -> String {
    let letters: [Character] = ["w", "r", "o", "i"]
    var text = ""
    for bit in (4 ... 7).reversed() where iorw >> bit & 1 == 1 { text.append(letters[bit - 4]) }
    if !text.isEmpty { text += "," }
    for bit in (0 ... 3).reversed() where iorw >> bit & 1 == 1 { text.append(letters[bit]) }
    return text
}
