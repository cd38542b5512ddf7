// The RV64C instructions (with the D-extension loads and stores, Zcd). Match and mask values are
// Spike's riscv/encoding.h MATCH_C_*/MASK_C_*. Each row names the base operation it expands to;
// overlapping rows are listed most specific first, as Spike's disasm/disasm.cc adds them.

/// Every compressed row, in lookup priority order.
let compressedTable: [InstructionEncoding] = [
    // Quadrant 0.
    addi4spn.alias("c.unimp", .compressedOperandsZero, operands: []),
    addi4spn,
    InstructionEncoding("c.fld", 0x2000, 0xe003, .fld, .compressedLoadDouble,
                        [.compressedFloatRs2Prime, .compressedLdAddress]),
    InstructionEncoding("c.lw", 0x4000, 0xe003, .lw, .compressedLoadWord,
                        [.compressedRs2Prime, .compressedLwAddress]),
    InstructionEncoding("c.ld", 0x6000, 0xe003, .ld, .compressedLoadDouble,
                        [.compressedRs2Prime, .compressedLdAddress]),
    InstructionEncoding("c.fsd", 0xa000, 0xe003, .fsd, .compressedStoreDouble,
                        [.compressedFloatRs2Prime, .compressedLdAddress]),
    InstructionEncoding("c.sw", 0xc000, 0xe003, .sw, .compressedStoreWord,
                        [.compressedRs2Prime, .compressedLwAddress]),
    InstructionEncoding("c.sd", 0xe000, 0xe003, .sd, .compressedStoreDouble,
                        [.compressedRs2Prime, .compressedLdAddress]),

    // Quadrant 1.
    compressedAddi.alias("c.nop", .rd(0), .compressedImmediateZero, operands: []),
    compressedAddi,
    InstructionEncoding("c.addiw", 0x2001, 0xe003, .addiw, .compressedImmediate, [.xrd, .compressedImmediate],
                        reserved: .zeroRd),
    InstructionEncoding("c.li", 0x4001, 0xe003, .addi, .compressedLoadImmediate, [.xrd, .compressedImmediate]),
    // c.addi16sp is c.lui with rd = sp.
    InstructionEncoding("c.addi16sp", 0x6101, 0xef83, .addi, .compressedAddi16sp,
                        [.compressedSp, .compressedAddi16spImmediate], reserved: .zeroImmediate),
    InstructionEncoding("c.lui", 0x6001, 0xe003, .lui, .compressedUpper, [.xrd, .compressedUpperImmediate],
                        reserved: .zeroImmediate),
    InstructionEncoding("c.srli", 0x8001, 0xec03, .srli, .compressedPrimeShift,
                        [.compressedRs1Prime, .compressedShamt]),
    InstructionEncoding("c.srai", 0x8401, 0xec03, .srai, .compressedPrimeShift,
                        [.compressedRs1Prime, .compressedShamt]),
    InstructionEncoding("c.andi", 0x8801, 0xec03, .andi, .compressedPrimeImmediate,
                        [.compressedRs1Prime, .compressedImmediate]),
    primeRegister("c.sub", 0x8c01, .sub), primeRegister("c.xor", 0x8c21, .xor),
    primeRegister("c.or", 0x8c41, .or), primeRegister("c.and", 0x8c61, .and),
    primeRegister("c.subw", 0x9c01, .subw), primeRegister("c.addw", 0x9c21, .addw),
    InstructionEncoding("c.j", 0xa001, 0xe003, .jal, .compressedJump, [.compressedJumpTarget]),
    InstructionEncoding("c.beqz", 0xc001, 0xe003, .beq, .compressedBranch,
                        [.compressedRs1Prime, .compressedBranchTarget]),
    InstructionEncoding("c.bnez", 0xe001, 0xe003, .bne, .compressedBranch,
                        [.compressedRs1Prime, .compressedBranchTarget]),

    // Quadrant 2.
    InstructionEncoding("c.slli", 0x2, 0xe003, .slli, .compressedShift, [.compressedRs1, .compressedShamt]),
    InstructionEncoding("c.fldsp", 0x2002, 0xe003, .fld, .compressedStackLoadDouble,
                        [.frd, .compressedLdspAddress]),
    InstructionEncoding("c.lwsp", 0x4002, 0xe003, .lw, .compressedStackLoadWord, [.xrd, .compressedLwspAddress],
                        reserved: .zeroRd),
    InstructionEncoding("c.ldsp", 0x6002, 0xe003, .ld, .compressedStackLoadDouble, [.xrd, .compressedLdspAddress],
                        reserved: .zeroRd),
    // c.ebreak and c.jalr are c.add with rs2 = x0; c.jr is c.mv with rs2 = x0.
    InstructionEncoding("c.ebreak", 0x9002, 0xffff, .ebreak, .none, []),
    compressedJr.alias("c.ret", .rd(1), operands: []),
    compressedJr,
    InstructionEncoding("c.jalr", 0x9002, 0xf07f, .jalr, .compressedJumpLinkRegister, [.compressedRs1]),
    InstructionEncoding("c.mv", 0x8002, 0xf003, .add, .compressedMove, [.xrd, .compressedRs2]),
    InstructionEncoding("c.add", 0x9002, 0xf003, .add, .compressedAdd, [.xrd, .compressedRs2]),
    InstructionEncoding("c.fsdsp", 0xa002, 0xe003, .fsd, .compressedStackStoreDouble,
                        [.compressedFloatRs2, .compressedSdspAddress]),
    InstructionEncoding("c.swsp", 0xc002, 0xe003, .sw, .compressedStackStoreWord,
                        [.compressedRs2, .compressedSwspAddress]),
    InstructionEncoding("c.sdsp", 0xe002, 0xe003, .sd, .compressedStackStoreDouble,
                        [.compressedRs2, .compressedSdspAddress]),
]

private let addi4spn = InstructionEncoding(
    "c.addi4spn", 0x0, 0xe003, .addi, .compressedAddi4spn,
    [.compressedRs2Prime, .compressedSp, .compressedAddi4spnImmediate], reserved: .zeroImmediate)

private let compressedAddi = InstructionEncoding(
    "c.addi", 0x1, 0xe003, .addi, .compressedImmediate, [.xrd, .compressedImmediate])

private let compressedJr = InstructionEncoding(
    "c.jr", 0x8002, 0xf07f, .jalr, .compressedJumpRegister, [.compressedRs1], reserved: .zeroRs1)

private func primeRegister(_ name: String, _ match: UInt32, _ op: Opcode) -> InstructionEncoding {
    InstructionEncoding(name, match, 0xfc63, op, .compressedPrimeRegister, [.compressedRs1Prime, .compressedRs2Prime])
}
