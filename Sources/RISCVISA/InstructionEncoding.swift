/// One row of the instruction tables: how an encoding is recognised, how the decoder extracts its
/// fields and what Spike's disassembler prints for it. Both the decoder and the disassembler are
/// driven by these rows; nothing else states an encoding.
///
/// The first row whose `match`/`mask` fits a word describes it. Where rows overlap, the earlier one
/// is either more specific (c.ebreak before c.add) or a spelling of the same operation (li before
/// mv, both addi), following the order of Spike's disasm/disasm.cc. Pseudo-instructions (`li`,
/// `c.nop`, `csrr`, ...) are rows derived from their base row by `alias`.
struct InstructionEncoding: Sendable {
    /// The mnemonic as Spike prints it (`amoadd.w.aq`, `c.addi4spn`, `li`).
    let mnemonic: String
    /// `(bits & mask) == match` selects the row; values as in Spike's riscv/encoding.h.
    let match: UInt32
    let mask: UInt32
    /// The operation it executes as; `.illegal` for encodings Spike names but always traps on.
    let opcode: Opcode
    let layout: FieldLayout
    /// Spike's disassembler arguments, in print order.
    let operands: [Operand]
    /// When Spike names the encoding but executes it as an illegal instruction (compressed only).
    let reserved: ReservedCondition

    init(_ mnemonic: String, _ match: UInt32, _ mask: UInt32, _ opcode: Opcode, _ layout: FieldLayout,
         _ operands: [Operand], reserved: ReservedCondition = .never) {
        self.mnemonic = mnemonic; self.match = match; self.mask = mask; self.opcode = opcode
        self.layout = layout; self.operands = operands; self.reserved = reserved
    }

    /// A pseudo-instruction: this encoding with some fields fixed, printed differently.
    func alias(_ mnemonic: String, _ fixed: FieldValue..., operands: [Operand]) -> InstructionEncoding {
        var match = self.match, mask = self.mask
        for field in fixed {
            match |= field.value; mask |= field.mask
        }
        return InstructionEncoding(mnemonic, match, mask, opcode, layout, operands, reserved: reserved)
    }
}

/// A field pinned to a value, for deriving pseudo-instruction rows.
struct FieldValue: Sendable {
    let mask: UInt32
    let value: UInt32

    static func rd(_ n: UInt32) -> FieldValue { FieldValue(mask: 0x1f << 7, value: n << 7) }
    static func rs1(_ n: UInt32) -> FieldValue { FieldValue(mask: 0x1f << 15, value: n << 15) }
    static func rs2(_ n: UInt32) -> FieldValue { FieldValue(mask: 0x1f << 20, value: n << 20) }
    /// Bits 31:20: the I-type immediate or the CSR number.
    static func imm12(_ v: Int32) -> FieldValue {
        FieldValue(mask: 0xfff << 20, value: (UInt32(bitPattern: v) & 0xfff) << 20)
    }
    /// Bits 12 and 6:2 of a compressed instruction: its 6-bit immediate.
    static let compressedImmediateZero = FieldValue(mask: 0x107c, value: 0)
    /// Every bit a compressed instruction's operands could use: together with the opcode, the whole halfword.
    static let compressedOperandsZero = FieldValue(mask: 0x1ffc, value: 0)
}

/// Where the decoder finds the operands of an encoding and how it fills `DecodedInstruction`.
enum FieldLayout: UInt8, Sendable {
    // 32-bit formats.
    /// No operands (`ecall`, `mret`, `fence.i`).
    case none
    /// rd, rs1, rs2.
    case register
    /// rd, rs1, rs2 and the rounding mode.
    case registerRounding
    /// rd, rs1.
    case unary
    /// rd, rs1 and the rounding mode.
    case unaryRounding
    /// rd, rs1, rs2, rs3 and the rounding mode.
    case fused
    /// rd, rs1 and the sign-extended I-immediate (also loads and `jalr`).
    case immediate
    /// rd, rs1 and the 6-bit shift amount (`slliw` and friends pin bit 25 to 0 in their mask).
    case shift
    /// rs1, rs2 and the S-immediate.
    case store
    /// rs1, rs2 and the B-immediate byte offset.
    case branch
    /// rd and the U-immediate.
    case upper
    /// rd and the J-immediate byte offset.
    case jump
    /// rd, rs1 (a register or a 5-bit immediate) and the CSR number.
    case csr
    /// Bits 31:20 (fm, predecessor and successor sets).
    case fence
    /// rd, rs1 and `aq << 1 | rl`.
    case loadReserved
    /// rd, rs1, rs2 and `aq << 1 | rl`.
    case atomic
    /// A RoCC command: rd, rs1, rs2, and in `imm` funct7 | funct3 << 7 (funct3 = xd, xs1, xs2).
    case rocc

    // Compressed formats; each expands to the base instruction's fields. A trailing `'` register is
    // one of x8-x15 in a 3-bit field.
    /// c.addi4spn: rd' = sp + nzuimm.
    case compressedAddi4spn
    /// c.lw: rd', offset(rs1').
    case compressedLoadWord
    /// c.ld, c.fld: rd', offset(rs1').
    case compressedLoadDouble
    /// c.sw: rs2', offset(rs1').
    case compressedStoreWord
    /// c.sd, c.fsd: rs2', offset(rs1').
    case compressedStoreDouble
    /// c.addi, c.addiw: rd = rd + imm.
    case compressedImmediate
    /// c.li: rd = x0 + imm.
    case compressedLoadImmediate
    /// c.addi16sp: sp = sp + nzimm.
    case compressedAddi16sp
    /// c.lui: rd = imm << 12.
    case compressedUpper
    /// c.slli: rd = rd << shamt.
    case compressedShift
    /// c.srli, c.srai: rs1' = rs1' >> shamt.
    case compressedPrimeShift
    /// c.andi: rs1' = rs1' & imm.
    case compressedPrimeImmediate
    /// c.sub, c.and, c.addw, ...: rs1' = rs1' op rs2'.
    case compressedPrimeRegister
    /// c.j: jal x0.
    case compressedJump
    /// c.beqz, c.bnez: rs1' compared with x0.
    case compressedBranch
    /// c.lwsp: rd, offset(sp).
    case compressedStackLoadWord
    /// c.ldsp, c.fldsp: rd, offset(sp).
    case compressedStackLoadDouble
    /// c.swsp: rs2, offset(sp).
    case compressedStackStoreWord
    /// c.sdsp, c.fsdsp: rs2, offset(sp).
    case compressedStackStoreDouble
    /// c.jr: jalr x0, 0(rs1).
    case compressedJumpRegister
    /// c.jalr: jalr ra, 0(rs1).
    case compressedJumpLinkRegister
    /// c.mv: rd = x0 + rs2.
    case compressedMove
    /// c.add: rd = rd + rs2.
    case compressedAdd
}

/// When a compressed encoding that Spike disassembles is nevertheless an illegal instruction
/// (the `require(...)` checks of Spike's riscv/insns/c_*.h), judged on the expanded fields.
enum ReservedCondition: UInt8, Sendable {
    case never
    /// c.addi4spn, c.addi16sp, c.lui with a zero immediate.
    case zeroImmediate
    /// c.lwsp, c.ldsp, c.addiw writing x0.
    case zeroRd
    /// c.jr through x0.
    case zeroRs1
}

/// One argument of Spike's disassembly (the `arg_t` objects of Spike's disasm/disasm.cc).
enum Operand: UInt8, Sendable {
    case xrd, xrs1, xrs2
    case frd, frs1, frs2, frs3
    /// The I-immediate in decimal.
    case imm
    /// Bits 25:20 in decimal.
    case shamt
    /// The 20-bit U-immediate in hex (`0x80000`).
    case bigImmediate
    /// `imm(rs1)` with the I-immediate.
    case loadAddress
    /// `imm(rs1)` with the S-immediate.
    case storeAddress
    /// `(rs1)`.
    case baseOnlyAddress
    /// `pc + 12` / `pc - 8`, decimal.
    case branchTarget
    /// `pc + 0x10` / `pc - 0x8`, hex.
    case jumpTarget
    /// The CSR's name, or `unknown_abc`.
    case csr
    /// The rs1 field as an unsigned number.
    case zimm5
    /// The fence predecessor and successor sets (`iorw,rw`).
    case fenceSets

    // Compressed.
    /// Bits 11:7 (rd/rs1) as an x register.
    case compressedRs1
    /// Bits 6:2 as an x register.
    case compressedRs2
    /// Bits 6:2 as an f register.
    case compressedFloatRs2
    /// Bits 9:7 as x8-x15.
    case compressedRs1Prime
    /// Bits 4:2 as x8-x15.
    case compressedRs2Prime
    /// Bits 4:2 as f8-f15.
    case compressedFloatRs2Prime
    case compressedSp
    /// The sign-extended 6-bit immediate in decimal.
    case compressedImmediate
    case compressedAddi4spnImmediate
    case compressedAddi16spImmediate
    /// The 6-bit shift amount.
    case compressedShamt
    /// The c.lui immediate as 20 bits in hex (`0xfffe1`).
    case compressedUpperImmediate
    case compressedLwspAddress
    case compressedLdspAddress
    case compressedSwspAddress
    case compressedSdspAddress
    case compressedLwAddress
    case compressedLdAddress
    /// `pc + 12` / `pc - 8`, decimal (both compressed targets, unlike `jumpTarget`).
    case compressedBranchTarget
    case compressedJumpTarget
}
