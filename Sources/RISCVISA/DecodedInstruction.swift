/// Every operation the interpreter executes. A case's mnemonic is its name with `_` read as `.`
/// (`fence_i` is `fence.i`). Compressed instructions decode to the base operation they expand to,
/// with `length == 2`; their own mnemonics live only in the instruction table, for the disassembler.
public enum Opcode: UInt16, CaseIterable, Sendable {
    case illegal
    // RV64I
    case lui, auipc, jal, jalr
    case beq, bne, blt, bge, bltu, bgeu
    case lb, lh, lw, ld, lbu, lhu, lwu
    case sb, sh, sw, sd
    case addi, slti, sltiu, xori, ori, andi, slli, srli, srai
    case add, sub, sll, slt, sltu, xor, srl, sra, or, and
    case addiw, slliw, srliw, sraiw, addw, subw, sllw, srlw, sraw
    case fence, fence_i, ecall, ebreak
    // Privileged
    case mret, sret, wfi, sfence_vma
    // Zicsr
    case csrrw, csrrs, csrrc, csrrwi, csrrsi, csrrci
    // M
    case mul, mulh, mulhsu, mulhu, div, divu, rem, remu
    case mulw, divw, divuw, remw, remuw
    // A
    case lr_w, sc_w, amoswap_w, amoadd_w, amoxor_w, amoand_w, amoor_w
    case amomin_w, amomax_w, amominu_w, amomaxu_w
    case lr_d, sc_d, amoswap_d, amoadd_d, amoxor_d, amoand_d, amoor_d
    case amomin_d, amomax_d, amominu_d, amomaxu_d
    // F
    case flw, fsw
    case fmadd_s, fmsub_s, fnmsub_s, fnmadd_s
    case fadd_s, fsub_s, fmul_s, fdiv_s, fsqrt_s
    case fsgnj_s, fsgnjn_s, fsgnjx_s, fmin_s, fmax_s
    case fcvt_w_s, fcvt_wu_s, fcvt_l_s, fcvt_lu_s
    case fcvt_s_w, fcvt_s_wu, fcvt_s_l, fcvt_s_lu
    case fmv_x_w, fmv_w_x, feq_s, flt_s, fle_s, fclass_s
    // D
    case fld, fsd
    case fmadd_d, fmsub_d, fnmsub_d, fnmadd_d
    case fadd_d, fsub_d, fmul_d, fdiv_d, fsqrt_d
    case fsgnj_d, fsgnjn_d, fsgnjx_d, fmin_d, fmax_d
    case fcvt_s_d, fcvt_d_s
    case fcvt_w_d, fcvt_wu_d, fcvt_l_d, fcvt_lu_d
    case fcvt_d_w, fcvt_d_wu, fcvt_d_l, fcvt_d_lu
    case fmv_x_d, fmv_d_x, feq_d, flt_d, fle_d, fclass_d
    // Zfbfmin (with the Zfh moves and half-word loads/stores it includes)
    case flh, fsh, fmv_x_h, fmv_h_x, fcvt_s_bf16, fcvt_bf16_s
    // RoCC (custom-3): executed by the hart's accelerator
    case custom3

    /// The assembler mnemonic, e.g. `fence.i`.
    public var mnemonic: String { String(String(describing: self).map { $0 == "_" ? "." : $0 }) }
}

/// One pre-decoded instruction: 12 bytes, fields already extracted so the interpreter never re-reads bits.
///
/// Field conventions (what `imm` and the register fields hold depends on the operation):
/// - `rd`, `rs1`, `rs2`, `rs3`: register numbers, x or f as the operation implies; unused ones are 0.
/// - `imm`: I/S-type: the sign-extended 12-bit immediate. B/J-type: the sign-extended byte offset.
///   U-type: the sign-extended value `imm20 << 12`. Shifts: the shift amount. CSR operations: the CSR
///   number (0...4095); for `csrr*i` the 5-bit immediate is in `rs1`. `fence`: instruction bits [31:20].
/// - `rm`: FP operations: the rounding-mode field (bits 14:12). AMOs and LR/SC: `aq << 1 | rl`.
/// - `length`: 2 for a compressed instruction, 4 otherwise.
@frozen
public struct DecodedInstruction: Equatable, Sendable {
    public var op: Opcode
    public var rd: UInt8
    public var rs1: UInt8
    public var rs2: UInt8
    public var rs3: UInt8
    public var rm: UInt8
    public var length: UInt8
    public var imm: Int32

    @inlinable
    public init(op: Opcode, rd: UInt8 = 0, rs1: UInt8 = 0, rs2: UInt8 = 0, rs3: UInt8 = 0,
                rm: UInt8 = 0, length: UInt8 = 4, imm: Int32 = 0) {
        self.op = op; self.rd = rd; self.rs1 = rs1; self.rs2 = rs2; self.rs3 = rs3
        self.rm = rm; self.length = length; self.imm = imm
    }

    public static let illegal = DecodedInstruction(op: .illegal)
}
