// The 32-bit instructions of RV64IMAFD, Zicsr, Zifencei, the privileged instructions and Zfbfmin.
// Match values are Spike's riscv/encoding.h MATCH_*; each format helper states the MASK_* its
// instructions share. Pseudo-instructions precede the instruction they spell, in the order of
// Spike's disasm/disasm.cc, because Spike prints the first spelling that fits.

/// Every 32-bit row, in lookup priority order.
let instructionTable: [InstructionEncoding] =
    integerInstructions + systemInstructions + multiplyInstructions + atomicInstructions
    + floatInstructions + doubleInstructions + halfAndBrainFloatInstructions + roccInstructions

// MARK: Format helpers

private func register(_ name: String, _ match: UInt32, _ op: Opcode) -> InstructionEncoding {
    InstructionEncoding(name, match, 0xfe00_707f, op, .register, [.xrd, .xrs1, .xrs2])
}

private func immediate(_ name: String, _ match: UInt32, _ op: Opcode) -> InstructionEncoding {
    InstructionEncoding(name, match, 0x707f, op, .immediate, [.xrd, .xrs1, .imm])
}

/// Shifts of a 64-bit register take a 6-bit amount; the word shifts reserve its top bit.
private func shift(_ name: String, _ match: UInt32, _ op: Opcode, word: Bool = false) -> InstructionEncoding {
    InstructionEncoding(name, match, word ? 0xfe00_707f : 0xfc00_707f, op, .shift, [.xrd, .xrs1, .shamt])
}

private func load(_ name: String, _ match: UInt32, _ op: Opcode, into destination: Operand = .xrd)
    -> InstructionEncoding {
    InstructionEncoding(name, match, 0x707f, op, .immediate, [destination, .loadAddress])
}

private func store(_ name: String, _ match: UInt32, _ op: Opcode, from source: Operand = .xrs2)
    -> InstructionEncoding {
    InstructionEncoding(name, match, 0x707f, op, .store, [source, .storeAddress])
}

private func branch(_ name: String, _ match: UInt32, _ op: Opcode) -> InstructionEncoding {
    InstructionEncoding(name, match, 0x707f, op, .branch, [.xrs1, .xrs2, .branchTarget])
}

private func csr(_ name: String, _ match: UInt32, _ op: Opcode, source: Operand) -> InstructionEncoding {
    InstructionEncoding(name, match, 0x707f, op, .csr, [.xrd, .csr, source])
}

private func noOperands(_ name: String, _ match: UInt32, _ op: Opcode) -> InstructionEncoding {
    InstructionEncoding(name, match, 0xffff_ffff, op, .none, [])
}

/// An AMO or store-conditional, spelled four ways like Spike does: plain, `.rl`, `.aq`, `.aqrl`.
private func atomic(_ name: String, _ match: UInt32, _ op: Opcode) -> [InstructionEncoding] {
    ["", ".rl", ".aq", ".aqrl"].enumerated().map { ordering, suffix in
        InstructionEncoding(name + suffix, match | UInt32(ordering) << 25, 0xf800_707f | 0x0600_0000, op, .atomic,
                            [.xrd, .xrs2, .baseOnlyAddress])
    }
}

/// Spike prints LR without its ordering bits.
private func loadReserved(_ name: String, _ match: UInt32, _ op: Opcode) -> InstructionEncoding {
    InstructionEncoding(name, match, 0xf9f0_707f, op, .loadReserved, [.xrd, .baseOnlyAddress])
}

/// FP operations with a rounding-mode field (which Spike does not print).
private func floatRounding(_ name: String, _ match: UInt32, _ op: Opcode) -> InstructionEncoding {
    InstructionEncoding(name, match, 0xfe00_007f, op, .registerRounding, [.frd, .frs1, .frs2])
}

/// FP operations whose funct3 selects the operation: sign injection, min/max, comparisons.
private func floatSelect(_ name: String, _ match: UInt32, _ op: Opcode, into destination: Operand = .frd)
    -> InstructionEncoding {
    InstructionEncoding(name, match, 0xfe00_707f, op, .register, [destination, .frs1, .frs2])
}

/// One-source FP operations with a rounding mode: square roots and conversions.
private func floatUnary(_ name: String, _ match: UInt32, _ op: Opcode, _ operands: [Operand] = [.frd, .frs1])
    -> InstructionEncoding {
    InstructionEncoding(name, match, 0xfff0_007f, op, .unaryRounding, operands)
}

/// One-source FP operations without a rounding mode: moves and classification.
private func floatMove(_ name: String, _ match: UInt32, _ op: Opcode, _ operands: [Operand]) -> InstructionEncoding {
    InstructionEncoding(name, match, 0xfff0_707f, op, .unary, operands)
}

private func fused(_ name: String, _ match: UInt32, _ op: Opcode) -> InstructionEncoding {
    InstructionEncoding(name, match, 0x0600_007f, op, .fused, [.frd, .frs1, .frs2, .frs3])
}

/// Quad-precision conversions that Spike names whenever F or D is present; without Q they trap.
private func quadConversion(_ name: String, _ match: UInt32) -> InstructionEncoding {
    InstructionEncoding(name, match, 0xfff0_007f, .illegal, .none, [.frd, .frs1])
}

// MARK: Base rows that pseudo-instructions are derived from

private let jal = InstructionEncoding("jal", 0x6f, 0x7f, .jal, .jump, [.xrd, .jumpTarget])
private let jalr = immediate("jalr", 0x67, .jalr)
private let beq = branch("beq", 0x63, .beq)
private let bne = branch("bne", 0x1063, .bne)
private let blt = branch("blt", 0x4063, .blt)
private let bge = branch("bge", 0x5063, .bge)
private let addi = immediate("addi", 0x13, .addi)
private let sltiu = immediate("sltiu", 0x3013, .sltiu)
private let xori = immediate("xori", 0x4013, .xori)
private let ori = immediate("ori", 0x6013, .ori)
private let addiw = immediate("addiw", 0x1b, .addiw)
private let sltu = register("sltu", 0x3033, .sltu)
private let fence = InstructionEncoding("fence", 0xf, 0x707f, .fence, .fence, [.fenceSets])
private let csrrw = csr("csrrw", 0x1073, .csrrw, source: .xrs1)
private let csrrs = csr("csrrs", 0x2073, .csrrs, source: .xrs1)
private let csrrc = csr("csrrc", 0x3073, .csrrc, source: .xrs1)
private let csrrwi = csr("csrrwi", 0x5073, .csrrwi, source: .zimm5)
private let csrrsi = csr("csrrsi", 0x6073, .csrrsi, source: .zimm5)
private let csrrci = csr("csrrci", 0x7073, .csrrci, source: .zimm5)

// MARK: Sections

private let integerInstructions: [InstructionEncoding] = [
    // Hints in the ori encoding space.
    ori.alias("prefetch.r", .rd(0), .rs2(1), operands: [.storeAddress]),
    ori.alias("prefetch.w", .rd(0), .rs2(3), operands: [.storeAddress]),
    ori.alias("prefetch.i", .rd(0), .rs2(0), operands: [.storeAddress]),

    load("lb", 0x3, .lb), load("lbu", 0x4003, .lbu), load("lh", 0x1003, .lh), load("lhu", 0x5003, .lhu),
    load("lw", 0x2003, .lw), load("lwu", 0x6003, .lwu), load("ld", 0x3003, .ld),
    store("sb", 0x23, .sb), store("sh", 0x1023, .sh), store("sw", 0x2023, .sw), store("sd", 0x3023, .sd),

    jal.alias("j", .rd(0), operands: [.jumpTarget]),
    jal.alias("jal", .rd(1), operands: [.jumpTarget]),
    jal,

    beq.alias("beqz", .rs2(0), operands: [.xrs1, .branchTarget]),
    bne.alias("bnez", .rs2(0), operands: [.xrs1, .branchTarget]),
    blt.alias("bltz", .rs2(0), operands: [.xrs1, .branchTarget]),
    bge.alias("bgez", .rs2(0), operands: [.xrs1, .branchTarget]),
    beq, bne, blt, bge, branch("bltu", 0x6063, .bltu), branch("bgeu", 0x7063, .bgeu),

    InstructionEncoding("lui", 0x37, 0x7f, .lui, .upper, [.xrd, .bigImmediate]),
    InstructionEncoding("auipc", 0x17, 0x7f, .auipc, .upper, [.xrd, .bigImmediate]),

    jalr.alias("ret", .rd(0), .rs1(1), .imm12(0), operands: []),
    jalr.alias("jr", .rd(0), .imm12(0), operands: [.xrs1]),
    jalr.alias("jalr", .rd(1), .imm12(0), operands: [.xrs1]),
    jalr,

    addi.alias("nop", .rd(0), .rs1(0), .imm12(0), operands: []),
    addi.alias("li", .rs1(0), operands: [.xrd, .imm]),
    addi.alias("mv", .imm12(0), operands: [.xrd, .xrs1]),
    addi,
    immediate("slti", 0x2013, .slti),
    sltiu.alias("seqz", .imm12(1), operands: [.xrd, .xrs1]),
    sltiu,
    xori.alias("not", .imm12(-1), operands: [.xrd, .xrs1]),
    xori,
    shift("slli", 0x1013, .slli), shift("srli", 0x5013, .srli), shift("srai", 0x4000_5013, .srai),
    ori,
    immediate("andi", 0x7013, .andi),

    addiw.alias("sext.w", .imm12(0), operands: [.xrd, .xrs1]),
    addiw,
    shift("slliw", 0x101b, .slliw, word: true), shift("srliw", 0x501b, .srliw, word: true),
    shift("sraiw", 0x4000_501b, .sraiw, word: true),
    register("addw", 0x3b, .addw), register("subw", 0x4000_003b, .subw), register("sllw", 0x103b, .sllw),
    register("srlw", 0x503b, .srlw), register("sraw", 0x4000_503b, .sraw),

    register("add", 0x33, .add), register("sub", 0x4000_0033, .sub), register("sll", 0x1033, .sll),
    register("slt", 0x2033, .slt),
    sltu.alias("snez", .rs1(0), operands: [.xrd, .xrs2]),
    sltu,
    register("xor", 0x4033, .xor), register("srl", 0x5033, .srl), register("sra", 0x4000_5033, .sra),
    register("or", 0x6033, .or), register("and", 0x7033, .and),
]

private let systemInstructions: [InstructionEncoding] = [
    noOperands("ecall", 0x73, .ecall),
    noOperands("ebreak", 0x10_0073, .ebreak),
    noOperands("mret", 0x3020_0073, .mret),
    // Spike names dret, but outside debug mode (which we do not model) it is an illegal instruction.
    noOperands("dret", 0x7b20_0073, .illegal),
    noOperands("wfi", 0x1050_0073, .wfi),
    fence.alias("pause", .rd(0), .rs1(0), .imm12(0x010), operands: []),
    fence,
    InstructionEncoding("fence.i", 0x100f, 0x707f, .fence_i, .none, []),

    // `unimp` is the canonical illegal instruction, but it decodes as a CSR write to the read-only
    // cycle counter; the interpreter's CSR access check makes it trap.
    csrrw.alias("unimp", .rd(0), .rs1(0), .imm12(0xc00), operands: []),
    csrrs.alias("csrr", .rs1(0), operands: [.xrd, .csr]),
    csrrw.alias("csrw", .rd(0), operands: [.csr, .xrs1]),
    csrrs.alias("csrs", .rd(0), operands: [.csr, .xrs1]),
    csrrc.alias("csrc", .rd(0), operands: [.csr, .xrs1]),
    csrrwi.alias("csrwi", .rd(0), operands: [.csr, .zimm5]),
    csrrsi.alias("csrsi", .rd(0), operands: [.csr, .zimm5]),
    csrrci.alias("csrci", .rd(0), operands: [.csr, .zimm5]),
    csrrw, csrrs, csrrc, csrrwi, csrrsi, csrrci,

    noOperands("sret", 0x1020_0073, .sret),
    InstructionEncoding("sfence.vma", 0x1200_0073, 0xfe00_7fff, .sfence_vma, .register, [.xrs1, .xrs2]),
]

private let multiplyInstructions: [InstructionEncoding] = [
    register("mul", 0x200_0033, .mul), register("mulh", 0x200_1033, .mulh),
    register("mulhu", 0x200_3033, .mulhu), register("mulhsu", 0x200_2033, .mulhsu),
    register("div", 0x200_4033, .div), register("divu", 0x200_5033, .divu),
    register("rem", 0x200_6033, .rem), register("remu", 0x200_7033, .remu),
    register("mulw", 0x200_003b, .mulw), register("divw", 0x200_403b, .divw),
    register("divuw", 0x200_503b, .divuw), register("remw", 0x200_603b, .remw),
    register("remuw", 0x200_703b, .remuw),
]

private let atomicInstructions: [InstructionEncoding] = [
    atomic("amoadd.w", 0x202f, .amoadd_w), atomic("amoswap.w", 0x800_202f, .amoswap_w),
    atomic("amoand.w", 0x6000_202f, .amoand_w), atomic("amoor.w", 0x4000_202f, .amoor_w),
    atomic("amoxor.w", 0x2000_202f, .amoxor_w), atomic("amomin.w", 0x8000_202f, .amomin_w),
    atomic("amomax.w", 0xa000_202f, .amomax_w), atomic("amominu.w", 0xc000_202f, .amominu_w),
    atomic("amomaxu.w", 0xe000_202f, .amomaxu_w),
    atomic("amoadd.d", 0x302f, .amoadd_d), atomic("amoswap.d", 0x800_302f, .amoswap_d),
    atomic("amoand.d", 0x6000_302f, .amoand_d), atomic("amoor.d", 0x4000_302f, .amoor_d),
    atomic("amoxor.d", 0x2000_302f, .amoxor_d), atomic("amomin.d", 0x8000_302f, .amomin_d),
    atomic("amomax.d", 0xa000_302f, .amomax_d), atomic("amominu.d", 0xc000_302f, .amominu_d),
    atomic("amomaxu.d", 0xe000_302f, .amomaxu_d),
    [loadReserved("lr.w", 0x1000_202f, .lr_w)], atomic("sc.w", 0x1800_202f, .sc_w),
    [loadReserved("lr.d", 0x1000_302f, .lr_d)], atomic("sc.d", 0x1800_302f, .sc_d),
].flatMap { $0 }

private let floatInstructions: [InstructionEncoding] = [
    load("flw", 0x2007, .flw, into: .frd), store("fsw", 0x2027, .fsw, from: .frs2),
    floatMove("fmv.w.x", 0xf000_0053, .fmv_w_x, [.frd, .xrs1]),
    floatMove("fmv.x.w", 0xe000_0053, .fmv_x_w, [.xrd, .frs1]),
    floatRounding("fadd.s", 0x53, .fadd_s), floatRounding("fsub.s", 0x800_0053, .fsub_s),
    floatRounding("fmul.s", 0x1000_0053, .fmul_s), floatRounding("fdiv.s", 0x1800_0053, .fdiv_s),
    floatUnary("fsqrt.s", 0x5800_0053, .fsqrt_s),
    floatSelect("fmin.s", 0x2800_0053, .fmin_s), floatSelect("fmax.s", 0x2800_1053, .fmax_s),
    fused("fmadd.s", 0x43, .fmadd_s), fused("fmsub.s", 0x47, .fmsub_s),
    fused("fnmadd.s", 0x4f, .fnmadd_s), fused("fnmsub.s", 0x4b, .fnmsub_s),
    floatSelect("fsgnj.s", 0x2000_0053, .fsgnj_s), floatSelect("fsgnjn.s", 0x2000_1053, .fsgnjn_s),
    floatSelect("fsgnjx.s", 0x2000_2053, .fsgnjx_s),
    floatUnary("fcvt.s.d", 0x4010_0053, .fcvt_s_d),
    quadConversion("fcvt.s.q", 0x4030_0053),
    floatUnary("fcvt.s.w", 0xd000_0053, .fcvt_s_w, [.frd, .xrs1]),
    floatUnary("fcvt.s.wu", 0xd010_0053, .fcvt_s_wu, [.frd, .xrs1]),
    floatUnary("fcvt.w.s", 0xc000_0053, .fcvt_w_s, [.xrd, .frs1]),
    floatUnary("fcvt.wu.s", 0xc010_0053, .fcvt_wu_s, [.xrd, .frs1]),
    floatMove("fclass.s", 0xe000_1053, .fclass_s, [.xrd, .frs1]),
    floatSelect("feq.s", 0xa000_2053, .feq_s, into: .xrd), floatSelect("flt.s", 0xa000_1053, .flt_s, into: .xrd),
    floatSelect("fle.s", 0xa000_0053, .fle_s, into: .xrd),
    floatUnary("fcvt.s.l", 0xd020_0053, .fcvt_s_l, [.frd, .xrs1]),
    floatUnary("fcvt.s.lu", 0xd030_0053, .fcvt_s_lu, [.frd, .xrs1]),
    floatUnary("fcvt.l.s", 0xc020_0053, .fcvt_l_s, [.xrd, .frs1]),
    floatUnary("fcvt.lu.s", 0xc030_0053, .fcvt_lu_s, [.xrd, .frs1]),
]

private let doubleInstructions: [InstructionEncoding] = [
    load("fld", 0x3007, .fld, into: .frd), store("fsd", 0x3027, .fsd, from: .frs2),
    floatMove("fmv.d.x", 0xf200_0053, .fmv_d_x, [.frd, .xrs1]),
    floatMove("fmv.x.d", 0xe200_0053, .fmv_x_d, [.xrd, .frs1]),
    floatRounding("fadd.d", 0x200_0053, .fadd_d), floatRounding("fsub.d", 0xa00_0053, .fsub_d),
    floatRounding("fmul.d", 0x1200_0053, .fmul_d), floatRounding("fdiv.d", 0x1a00_0053, .fdiv_d),
    floatUnary("fsqrt.d", 0x5a00_0053, .fsqrt_d),
    floatSelect("fmin.d", 0x2a00_0053, .fmin_d), floatSelect("fmax.d", 0x2a00_1053, .fmax_d),
    fused("fmadd.d", 0x200_0043, .fmadd_d), fused("fmsub.d", 0x200_0047, .fmsub_d),
    fused("fnmadd.d", 0x200_004f, .fnmadd_d), fused("fnmsub.d", 0x200_004b, .fnmsub_d),
    floatSelect("fsgnj.d", 0x2200_0053, .fsgnj_d), floatSelect("fsgnjn.d", 0x2200_1053, .fsgnjn_d),
    floatSelect("fsgnjx.d", 0x2200_2053, .fsgnjx_d),
    floatUnary("fcvt.d.s", 0x4200_0053, .fcvt_d_s),
    quadConversion("fcvt.d.q", 0x4230_0053),
    floatUnary("fcvt.d.w", 0xd200_0053, .fcvt_d_w, [.frd, .xrs1]),
    floatUnary("fcvt.d.wu", 0xd210_0053, .fcvt_d_wu, [.frd, .xrs1]),
    floatUnary("fcvt.w.d", 0xc200_0053, .fcvt_w_d, [.xrd, .frs1]),
    floatUnary("fcvt.wu.d", 0xc210_0053, .fcvt_wu_d, [.xrd, .frs1]),
    floatMove("fclass.d", 0xe200_1053, .fclass_d, [.xrd, .frs1]),
    floatSelect("feq.d", 0xa200_2053, .feq_d, into: .xrd), floatSelect("flt.d", 0xa200_1053, .flt_d, into: .xrd),
    floatSelect("fle.d", 0xa200_0053, .fle_d, into: .xrd),
    floatUnary("fcvt.d.l", 0xd220_0053, .fcvt_d_l, [.frd, .xrs1]),
    floatUnary("fcvt.d.lu", 0xd230_0053, .fcvt_d_lu, [.frd, .xrs1]),
    floatUnary("fcvt.l.d", 0xc220_0053, .fcvt_l_d, [.xrd, .frs1]),
    floatUnary("fcvt.lu.d", 0xc230_0053, .fcvt_lu_d, [.xrd, .frs1]),
]

/// Zfbfmin: the half-precision moves it shares with Zfhmin, and the BF16 conversions.
private let halfAndBrainFloatInstructions: [InstructionEncoding] = [
    load("flh", 0x1007, .flh, into: .frd), store("fsh", 0x1027, .fsh, from: .frs2),
    floatMove("fmv.h.x", 0xf400_0053, .fmv_h_x, [.frd, .xrs1]),
    floatMove("fmv.x.h", 0xe400_0053, .fmv_x_h, [.xrd, .frs1]),
    floatUnary("fcvt.bf16.s", 0x4480_0053, .fcvt_bf16_s),
    floatUnary("fcvt.s.bf16", 0x4060_0053, .fcvt_s_bf16),
]

/// custom-3, the opcode RoCC accelerators such as Gemmini answer (an illegal instruction when none is
/// attached). Spike's RoCC extensions register no disassembly, so its logs print it as `unknown`.
private let roccInstructions: [InstructionEncoding] = [
    InstructionEncoding("unknown", 0x7b, 0x7f, .custom3, .rocc, []),
]
