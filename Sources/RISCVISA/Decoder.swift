/// Decodes one instruction. When `bits & 3 != 3` only the low halfword is read, as a compressed
/// instruction that expands to its base operation with `length == 2`. Unknown and reserved
/// encodings decode to `.illegal` with the length they occupy.
public func decode(_ bits: UInt32) -> DecodedInstruction {
    let compressed = bits & 3 != 3
    let word = compressed ? bits & 0xffff : bits
    guard let row = InstructionIndex.shared.row(for: word), row.opcode != .illegal else {
        return DecodedInstruction(op: .illegal, length: compressed ? 2 : 4)
    }
    let decoded = expand(InstructionBits(word), row.opcode, row.layout)
    return row.reserved.holds(for: decoded) ? DecodedInstruction(op: .illegal, length: 2) : decoded
}

extension ReservedCondition {
    @inline(__always)
    func holds(for d: DecodedInstruction) -> Bool {
        switch self {
        case .never: false
        case .zeroImmediate: d.imm == 0
        case .zeroRd: d.rd == 0
        case .zeroRs1: d.rs1 == 0
        }
    }
}

/// Fills the fields `layout` says the operation uses; the others stay 0.
private func expand(_ f: InstructionBits, _ op: Opcode, _ layout: FieldLayout) -> DecodedInstruction {
    let sp: UInt8 = 2, ra: UInt8 = 1
    switch layout {
    case .none:
        return DecodedInstruction(op: op, length: f.bits & 3 == 3 ? 4 : 2)
    case .register:
        return DecodedInstruction(op: op, rd: f.rd, rs1: f.rs1, rs2: f.rs2)
    case .registerRounding:
        return DecodedInstruction(op: op, rd: f.rd, rs1: f.rs1, rs2: f.rs2, rm: f.rm)
    case .unary:
        return DecodedInstruction(op: op, rd: f.rd, rs1: f.rs1)
    case .unaryRounding:
        return DecodedInstruction(op: op, rd: f.rd, rs1: f.rs1, rm: f.rm)
    case .fused:
        return DecodedInstruction(op: op, rd: f.rd, rs1: f.rs1, rs2: f.rs2, rs3: f.rs3, rm: f.rm)
    case .immediate:
        return DecodedInstruction(op: op, rd: f.rd, rs1: f.rs1, imm: f.iImmediate)
    case .shift:
        return DecodedInstruction(op: op, rd: f.rd, rs1: f.rs1, imm: f.shamt)
    case .store:
        return DecodedInstruction(op: op, rs1: f.rs1, rs2: f.rs2, imm: f.sImmediate)
    case .branch:
        return DecodedInstruction(op: op, rs1: f.rs1, rs2: f.rs2, imm: f.bImmediate)
    case .upper:
        return DecodedInstruction(op: op, rd: f.rd, imm: f.uImmediate)
    case .jump:
        return DecodedInstruction(op: op, rd: f.rd, imm: f.jImmediate)
    case .csr:
        return DecodedInstruction(op: op, rd: f.rd, rs1: f.rs1, imm: f.upper12)
    case .fence:
        return DecodedInstruction(op: op, imm: f.upper12)
    case .loadReserved:
        return DecodedInstruction(op: op, rd: f.rd, rs1: f.rs1, rm: f.ordering)
    case .atomic:
        return DecodedInstruction(op: op, rd: f.rd, rs1: f.rs1, rs2: f.rs2, rm: f.ordering)
    case .rocc:
        return DecodedInstruction(op: op, rd: f.rd, rs1: f.rs1, rs2: f.rs2, imm: Int32(f.field(25, 7) | f.field(12, 3) << 7))

    case .compressedAddi4spn:
        return DecodedInstruction(op: op, rd: f.compressedRs2Prime, rs1: sp, length: 2, imm: f.addi4spnImmediate)
    case .compressedLoadWord:
        return DecodedInstruction(op: op, rd: f.compressedRs2Prime, rs1: f.compressedRs1Prime, length: 2,
                                  imm: f.lwImmediate)
    case .compressedLoadDouble:
        return DecodedInstruction(op: op, rd: f.compressedRs2Prime, rs1: f.compressedRs1Prime, length: 2,
                                  imm: f.ldImmediate)
    case .compressedStoreWord:
        return DecodedInstruction(op: op, rs1: f.compressedRs1Prime, rs2: f.compressedRs2Prime, length: 2,
                                  imm: f.lwImmediate)
    case .compressedStoreDouble:
        return DecodedInstruction(op: op, rs1: f.compressedRs1Prime, rs2: f.compressedRs2Prime, length: 2,
                                  imm: f.ldImmediate)
    case .compressedImmediate:
        return DecodedInstruction(op: op, rd: f.rd, rs1: f.rd, length: 2, imm: f.compressedImmediate)
    case .compressedLoadImmediate:
        return DecodedInstruction(op: op, rd: f.rd, length: 2, imm: f.compressedImmediate)
    case .compressedAddi16sp:
        return DecodedInstruction(op: op, rd: sp, rs1: sp, length: 2, imm: f.addi16spImmediate)
    case .compressedUpper:
        return DecodedInstruction(op: op, rd: f.rd, length: 2, imm: f.compressedImmediate << 12)
    case .compressedShift:
        return DecodedInstruction(op: op, rd: f.rd, rs1: f.rd, length: 2, imm: f.compressedShamt)
    case .compressedPrimeShift:
        return DecodedInstruction(op: op, rd: f.compressedRs1Prime, rs1: f.compressedRs1Prime, length: 2,
                                  imm: f.compressedShamt)
    case .compressedPrimeImmediate:
        return DecodedInstruction(op: op, rd: f.compressedRs1Prime, rs1: f.compressedRs1Prime, length: 2,
                                  imm: f.compressedImmediate)
    case .compressedPrimeRegister:
        return DecodedInstruction(op: op, rd: f.compressedRs1Prime, rs1: f.compressedRs1Prime,
                                  rs2: f.compressedRs2Prime, length: 2)
    case .compressedJump:
        return DecodedInstruction(op: op, length: 2, imm: f.compressedJImmediate)
    case .compressedBranch:
        return DecodedInstruction(op: op, rs1: f.compressedRs1Prime, length: 2, imm: f.compressedBImmediate)
    case .compressedStackLoadWord:
        return DecodedInstruction(op: op, rd: f.rd, rs1: sp, length: 2, imm: f.lwspImmediate)
    case .compressedStackLoadDouble:
        return DecodedInstruction(op: op, rd: f.rd, rs1: sp, length: 2, imm: f.ldspImmediate)
    case .compressedStackStoreWord:
        return DecodedInstruction(op: op, rs1: sp, rs2: f.compressedRs2, length: 2, imm: f.swspImmediate)
    case .compressedStackStoreDouble:
        return DecodedInstruction(op: op, rs1: sp, rs2: f.compressedRs2, length: 2, imm: f.sdspImmediate)
    case .compressedJumpRegister:
        return DecodedInstruction(op: op, rs1: f.rd, length: 2)
    case .compressedJumpLinkRegister:
        return DecodedInstruction(op: op, rd: ra, rs1: f.rd, length: 2)
    case .compressedMove:
        return DecodedInstruction(op: op, rd: f.rd, rs2: f.compressedRs2, length: 2)
    case .compressedAdd:
        return DecodedInstruction(op: op, rd: f.rd, rs1: f.rd, rs2: f.compressedRs2, length: 2)
    }
}
