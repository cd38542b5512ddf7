import RISCVISA
import SoftFloat

/// The F, D and Zfbfmin instructions, on the SoftFloat module, with Spike's NaN-boxing, rounding-mode
/// checks, fflags accrual and FS bookkeeping. Called out of line from the interpreter loop.
extension Hart {
    private static let boxed32: UInt64 = 0xffff_ffff_0000_0000
    private static let boxed16: UInt64 = 0xffff_ffff_ffff_0000

    /// A single from an f register: a value not NaN-boxed reads as the canonical NaN.
    @inline(__always) private func single(_ r: UInt8) -> F32 {
        let v = f[Int(r)]
        return F32(bits: v & Hart.boxed32 == Hart.boxed32 ? UInt32(truncatingIfNeeded: v) : 0x7fc0_0000)
    }

    @inline(__always) private func double(_ r: UInt8) -> F64 { F64(bits: f[Int(r)]) }

    @inline(__always) private func brain(_ r: UInt8) -> BF16 {
        let v = f[Int(r)]
        return BF16(bits: v & Hart.boxed16 == Hart.boxed16 ? UInt16(truncatingIfNeeded: v) : 0x7fc0)
    }

    private func writeF(_ r: UInt8, _ value: UInt64) {
        f[Int(r)] = value
        if commitLog.enabled { commitLog.recordWrite(key: UInt32(r) << 4 | 1, value: value) }
        markFloatingPointDirty()
    }

    private func writeF(_ r: UInt8, _ v: F32) { writeF(r, Hart.boxed32 | UInt64(v.bits)) }
    private func writeF(_ r: UInt8, _ v: F64) { writeF(r, v.bits) }
    private func writeF(_ r: UInt8, _ v: BF16) { writeF(r, Hart.boxed16 | UInt64(v.bits)) }

    private func writeX(_ r: UInt8, _ value: UInt64) { if r != 32 { x[Int(r)] = value } }

    private func accrue(_ flags: ExceptionFlags) {
        guard flags.rawValue != 0 else { return }
        fflags |= UInt64(flags.rawValue)
        markFloatingPointDirty()
        logCSR(CSR.fflags, fflags)
    }

    /// Executes one FP operation. Throws illegal-instruction when FS is off or the rounding mode is
    /// invalid, or the access fault of a load or store.
    func executeFloatingPoint(_ inst: DecodedInstruction, pc: UInt64, _ mem: inout DataAccess) throws(Trap) {
        var illegal: Trap { illegalInstruction(at: pc) }
        guard mstatus & MStatus.fs != 0 else { throw illegal }
        let address = x[Int(inst.rs1)] &+ UInt64(bitPattern: Int64(inst.imm))
        // Loads and stores move raw bits: no rounding mode, no flags.
        switch inst.op {
        case .flw:
            guard let v = mem.load(address, UInt32.self, recording: commitLog.enabled) else { throw mem.fault }
            writeF(inst.rd, Hart.boxed32 | UInt64(v)); return
        case .fld:
            guard let v = mem.load(address, UInt64.self, recording: commitLog.enabled) else { throw mem.fault }
            writeF(inst.rd, v); return
        case .flh:
            guard let v = mem.load(address, UInt16.self, recording: commitLog.enabled) else { throw mem.fault }
            writeF(inst.rd, Hart.boxed16 | UInt64(v)); return
        case .fsw:
            guard mem.store(address, UInt32(truncatingIfNeeded: f[Int(inst.rs2)]), recording: commitLog.enabled) else { throw mem.fault }
            return
        case .fsd:
            guard mem.store(address, f[Int(inst.rs2)], recording: commitLog.enabled) else { throw mem.fault }
            return
        case .fsh:
            guard mem.store(address, UInt16(truncatingIfNeeded: f[Int(inst.rs2)]), recording: commitLog.enabled) else { throw mem.fault }
            return
        default: break
        }
        if try executeWithoutRounding(inst) { return }

        let requested = inst.rm == 7 ? UInt8(truncatingIfNeeded: frm) : inst.rm
        guard let mode = RoundingMode(rawValue: requested) else { throw illegal }
        var flags = ExceptionFlags()
        defer { accrue(flags) }
        let (a, b, c) = (inst.rs1, inst.rs2, inst.rs3)
        let rs1 = x[Int(inst.rs1)]
        switch inst.op {
        case .fadd_s: writeF(inst.rd, F32.add(single(a), single(b), rounding: mode, flags: &flags))
        case .fsub_s: writeF(inst.rd, F32.sub(single(a), single(b), rounding: mode, flags: &flags))
        case .fmul_s: writeF(inst.rd, F32.mul(single(a), single(b), rounding: mode, flags: &flags))
        case .fdiv_s: writeF(inst.rd, F32.div(single(a), single(b), rounding: mode, flags: &flags))
        case .fsqrt_s: writeF(inst.rd, F32.sqrt(single(a), rounding: mode, flags: &flags))
        case .fmadd_s: writeF(inst.rd, F32.mulAdd(single(a), single(b), single(c), rounding: mode, flags: &flags))
        case .fmsub_s:
            writeF(inst.rd, F32.mulAdd(single(a), single(b), single(c).negated, rounding: mode, flags: &flags))
        case .fnmsub_s:
            writeF(inst.rd, F32.mulAdd(single(a).negated, single(b), single(c), rounding: mode, flags: &flags))
        case .fnmadd_s:
            writeF(inst.rd, F32.mulAdd(single(a).negated, single(b), single(c).negated, rounding: mode, flags: &flags))
        case .fadd_d: writeF(inst.rd, F64.add(double(a), double(b), rounding: mode, flags: &flags))
        case .fsub_d: writeF(inst.rd, F64.sub(double(a), double(b), rounding: mode, flags: &flags))
        case .fmul_d: writeF(inst.rd, F64.mul(double(a), double(b), rounding: mode, flags: &flags))
        case .fdiv_d: writeF(inst.rd, F64.div(double(a), double(b), rounding: mode, flags: &flags))
        case .fsqrt_d: writeF(inst.rd, F64.sqrt(double(a), rounding: mode, flags: &flags))
        case .fmadd_d: writeF(inst.rd, F64.mulAdd(double(a), double(b), double(c), rounding: mode, flags: &flags))
        case .fmsub_d:
            writeF(inst.rd, F64.mulAdd(double(a), double(b), double(c).negated, rounding: mode, flags: &flags))
        case .fnmsub_d:
            writeF(inst.rd, F64.mulAdd(double(a).negated, double(b), double(c), rounding: mode, flags: &flags))
        case .fnmadd_d:
            writeF(inst.rd, F64.mulAdd(double(a).negated, double(b), double(c).negated, rounding: mode, flags: &flags))
        case .fcvt_w_s: writeX(inst.rd, UInt64(bitPattern: Int64(single(a).toInt32(rounding: mode, flags: &flags))))
        case .fcvt_wu_s: writeX(inst.rd, signExtend32(UInt64(single(a).toUInt32(rounding: mode, flags: &flags))))
        case .fcvt_l_s: writeX(inst.rd, UInt64(bitPattern: single(a).toInt64(rounding: mode, flags: &flags)))
        case .fcvt_lu_s: writeX(inst.rd, single(a).toUInt64(rounding: mode, flags: &flags))
        case .fcvt_w_d: writeX(inst.rd, UInt64(bitPattern: Int64(double(a).toInt32(rounding: mode, flags: &flags))))
        case .fcvt_wu_d: writeX(inst.rd, signExtend32(UInt64(double(a).toUInt32(rounding: mode, flags: &flags))))
        case .fcvt_l_d: writeX(inst.rd, UInt64(bitPattern: double(a).toInt64(rounding: mode, flags: &flags)))
        case .fcvt_lu_d: writeX(inst.rd, double(a).toUInt64(rounding: mode, flags: &flags))
        case .fcvt_s_w: writeF(inst.rd, F32(int32: Int32(truncatingIfNeeded: rs1), rounding: mode, flags: &flags))
        case .fcvt_s_wu: writeF(inst.rd, F32(uint32: UInt32(truncatingIfNeeded: rs1), rounding: mode, flags: &flags))
        case .fcvt_s_l: writeF(inst.rd, F32(int64: Int64(bitPattern: rs1), rounding: mode, flags: &flags))
        case .fcvt_s_lu: writeF(inst.rd, F32(uint64: rs1, rounding: mode, flags: &flags))
        case .fcvt_d_w: writeF(inst.rd, F64(int32: Int32(truncatingIfNeeded: rs1), rounding: mode, flags: &flags))
        case .fcvt_d_wu: writeF(inst.rd, F64(uint32: UInt32(truncatingIfNeeded: rs1), rounding: mode, flags: &flags))
        case .fcvt_d_l: writeF(inst.rd, F64(int64: Int64(bitPattern: rs1), rounding: mode, flags: &flags))
        case .fcvt_d_lu: writeF(inst.rd, F64(uint64: rs1, rounding: mode, flags: &flags))
        case .fcvt_s_d: writeF(inst.rd, double(a).toF32(rounding: mode, flags: &flags))
        case .fcvt_d_s: writeF(inst.rd, single(a).toF64(flags: &flags))
        case .fcvt_bf16_s: writeF(inst.rd, single(a).toBF16(rounding: mode, flags: &flags))
        case .fcvt_s_bf16: writeF(inst.rd, brain(a).toF32(flags: &flags))
        default: throw illegal
        }
    }

    /// Sign injection, min/max, comparisons, classification and moves; false if `inst` is not one of them.
    private func executeWithoutRounding(_ inst: DecodedInstruction) throws(Trap) -> Bool {
        var flags = ExceptionFlags()
        let (a, b) = (inst.rs1, inst.rs2)
        switch inst.op {
        case .fsgnj_s: writeF(inst.rd, single(a).withSign(of: single(b)))
        case .fsgnjn_s: writeF(inst.rd, single(a).withNegatedSign(of: single(b)))
        case .fsgnjx_s: writeF(inst.rd, single(a).withSignXored(with: single(b)))
        case .fsgnj_d: writeF(inst.rd, double(a).withSign(of: double(b)))
        case .fsgnjn_d: writeF(inst.rd, double(a).withNegatedSign(of: double(b)))
        case .fsgnjx_d: writeF(inst.rd, double(a).withSignXored(with: double(b)))
        case .fmin_s: writeF(inst.rd, F32.min(single(a), single(b), flags: &flags))
        case .fmax_s: writeF(inst.rd, F32.max(single(a), single(b), flags: &flags))
        case .fmin_d: writeF(inst.rd, F64.min(double(a), double(b), flags: &flags))
        case .fmax_d: writeF(inst.rd, F64.max(double(a), double(b), flags: &flags))
        case .feq_s: writeX(inst.rd, F32.eq(single(a), single(b), flags: &flags) ? 1 : 0)
        case .flt_s: writeX(inst.rd, F32.lt(single(a), single(b), flags: &flags) ? 1 : 0)
        case .fle_s: writeX(inst.rd, F32.le(single(a), single(b), flags: &flags) ? 1 : 0)
        case .feq_d: writeX(inst.rd, F64.eq(double(a), double(b), flags: &flags) ? 1 : 0)
        case .flt_d: writeX(inst.rd, F64.lt(double(a), double(b), flags: &flags) ? 1 : 0)
        case .fle_d: writeX(inst.rd, F64.le(double(a), double(b), flags: &flags) ? 1 : 0)
        case .fclass_s: writeX(inst.rd, UInt64(single(a).classify()))
        case .fclass_d: writeX(inst.rd, UInt64(double(a).classify()))
        case .fmv_x_w: writeX(inst.rd, signExtend32(f[Int(a)]))
        case .fmv_x_d: writeX(inst.rd, f[Int(a)])
        case .fmv_x_h: writeX(inst.rd, UInt64(bitPattern: Int64(Int16(truncatingIfNeeded: f[Int(a)]))))
        case .fmv_w_x: writeF(inst.rd, Hart.boxed32 | (x[Int(a)] & 0xffff_ffff))
        case .fmv_d_x: writeF(inst.rd, x[Int(a)])
        case .fmv_h_x: writeF(inst.rd, Hart.boxed16 | (x[Int(a)] & 0xffff))
        default: return false
        }
        accrue(flags)
        return true
    }
}

private extension F32 {
    var negated: F32 { F32(bits: bits ^ 0x8000_0000) }
}

private extension F64 {
    var negated: F64 { F64(bits: bits ^ 0x8000_0000_0000_0000) }
}
