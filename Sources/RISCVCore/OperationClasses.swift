import RISCVISA

/// Facts about operations that the pre-decoder needs: which extension each belongs to, which ones end
/// a block, and which ones write an integer register.
extension DecodeCache {
    /// Control transfers and everything Spike serializes on (CSR access, returns, fences of the
    /// instruction stream, WFI, traps) end a block, so a block's length is exact budget accounting.
    static func endsBlock(_ op: Opcode) -> Bool {
        switch op {
        case .jal, .jalr, .beq, .bne, .blt, .bge, .bltu, .bgeu,
             .ecall, .ebreak, .mret, .sret, .wfi, .sfence_vma, .fence_i,
             .csrrw, .csrrs, .csrrc, .csrrwi, .csrrsi, .csrrci, .illegal, .custom3:
            true
        default:
            false
        }
    }

    static func isImplemented(_ op: Opcode, _ e: ISAExtensions) -> Bool {
        switch op {
        case .mul, .mulh, .mulhsu, .mulhu, .div, .divu, .rem, .remu, .mulw, .divw, .divuw, .remw, .remuw:
            return e.contains(.m)
        case .lr_w, .sc_w, .amoswap_w, .amoadd_w, .amoxor_w, .amoand_w, .amoor_w, .amomin_w, .amomax_w,
             .amominu_w, .amomaxu_w, .lr_d, .sc_d, .amoswap_d, .amoadd_d, .amoxor_d, .amoand_d, .amoor_d,
             .amomin_d, .amomax_d, .amominu_d, .amomaxu_d:
            return e.contains(.a)
        case .csrrw, .csrrs, .csrrc, .csrrwi, .csrrsi, .csrrci:
            return e.contains(.zicsr)
        case .fence_i:
            return e.contains(.zifencei)
        case .sret, .sfence_vma:
            return e.contains(.supervisor)
        case .flh, .fsh, .fmv_x_h, .fmv_h_x, .fcvt_s_bf16, .fcvt_bf16_s:
            return e.contains(.zfbfmin)
        default:
            if isDoublePrecision(op) { return e.contains(.d) }
            if isFloatingPoint(op) { return e.contains(.f) }
            return true
        }
    }

    static func isFloatingPoint(_ op: Opcode) -> Bool {
        op.rawValue >= Opcode.flw.rawValue && op.rawValue <= Opcode.fcvt_bf16_s.rawValue
    }

    static func isDoublePrecision(_ op: Opcode) -> Bool {
        op.rawValue >= Opcode.fld.rawValue && op.rawValue <= Opcode.fclass_d.rawValue
    }

    static func writesIntegerRegister(_ op: Opcode) -> Bool {
        switch op {
        case .sb, .sh, .sw, .sd, .beq, .bne, .blt, .bge, .bltu, .bgeu, .fence, .fence_i, .ecall, .ebreak,
             .mret, .sret, .wfi, .sfence_vma, .illegal:
            return false
        case .fcvt_w_s, .fcvt_wu_s, .fcvt_l_s, .fcvt_lu_s, .fmv_x_w, .feq_s, .flt_s, .fle_s, .fclass_s,
             .fcvt_w_d, .fcvt_wu_d, .fcvt_l_d, .fcvt_lu_d, .fmv_x_d, .feq_d, .flt_d, .fle_d, .fclass_d, .fmv_x_h:
            return true
        default:
            return !isFloatingPoint(op)
        }
    }
}

/// Whether an operation's destination is an integer register (for logs; FP results go to f registers).
public func operationWritesIntegerRegister(_ op: Opcode) -> Bool { DecodeCache.writesIntegerRegister(op) }
