/// The fields of a raw instruction word, named and computed as Spike's `insn_t` does
/// (riscv/decode.h), so decoder and disassembler read them identically.
struct InstructionBits {
    let bits: UInt32

    init(_ bits: UInt32) { self.bits = bits }

    @inline(__always)
    func field(_ low: UInt32, _ width: UInt32) -> UInt32 { (bits >> low) & ((1 << width) - 1) }

    @inline(__always)
    func signedField(_ low: UInt32, _ width: UInt32) -> Int32 {
        Int32(bitPattern: bits << (32 - low - width)) >> (32 - width)
    }

    var rd: UInt8 { UInt8(field(7, 5)) }
    var rs1: UInt8 { UInt8(field(15, 5)) }
    var rs2: UInt8 { UInt8(field(20, 5)) }
    var rs3: UInt8 { UInt8(field(27, 5)) }
    var rm: UInt8 { UInt8(field(12, 3)) }
    /// AMO ordering bits 26:25, `aq << 1 | rl`.
    var ordering: UInt8 { UInt8(field(25, 2)) }

    var iImmediate: Int32 { signedField(20, 12) }
    var sImmediate: Int32 { Int32(field(7, 5)) | signedField(25, 7) << 5 }
    var bImmediate: Int32 {
        Int32(field(8, 4) << 1 | field(25, 6) << 5 | field(7, 1) << 11) | signedField(31, 1) << 12
    }
    var uImmediate: Int32 { Int32(bitPattern: bits & 0xffff_f000) }
    var jImmediate: Int32 {
        Int32(field(21, 10) << 1 | field(20, 1) << 11 | field(12, 8) << 12) | signedField(31, 1) << 20
    }
    var shamt: Int32 { Int32(field(20, 6)) }
    /// Bits 31:20 unsigned: a CSR number, or fence's fm/pred/succ.
    var upper12: Int32 { Int32(field(20, 12)) }

    // Compressed fields.
    var compressedRs2: UInt8 { UInt8(field(2, 5)) }
    var compressedRs1Prime: UInt8 { UInt8(8 + field(7, 3)) }
    var compressedRs2Prime: UInt8 { UInt8(8 + field(2, 3)) }
    var compressedImmediate: Int32 { Int32(field(2, 5)) | signedField(12, 1) << 5 }
    var compressedShamt: Int32 { Int32(field(2, 5) | field(12, 1) << 5) }
    var addi4spnImmediate: Int32 {
        Int32(field(6, 1) << 2 | field(5, 1) << 3 | field(11, 2) << 4 | field(7, 4) << 6)
    }
    var addi16spImmediate: Int32 {
        Int32(field(6, 1) << 4 | field(2, 1) << 5 | field(5, 1) << 6 | field(3, 2) << 7) | signedField(12, 1) << 9
    }
    var lwspImmediate: Int32 { Int32(field(4, 3) << 2 | field(12, 1) << 5 | field(2, 2) << 6) }
    var ldspImmediate: Int32 { Int32(field(5, 2) << 3 | field(12, 1) << 5 | field(2, 3) << 6) }
    var swspImmediate: Int32 { Int32(field(9, 4) << 2 | field(7, 2) << 6) }
    var sdspImmediate: Int32 { Int32(field(10, 3) << 3 | field(7, 3) << 6) }
    var lwImmediate: Int32 { Int32(field(6, 1) << 2 | field(10, 3) << 3 | field(5, 1) << 6) }
    var ldImmediate: Int32 { Int32(field(10, 3) << 3 | field(5, 2) << 6) }
    var compressedJImmediate: Int32 {
        Int32(field(3, 3) << 1 | field(11, 1) << 4 | field(2, 1) << 5 | field(7, 1) << 6 | field(6, 1) << 7
              | field(9, 2) << 8 | field(8, 1) << 10) | signedField(12, 1) << 11
    }
    var compressedBImmediate: Int32 {
        Int32(field(3, 2) << 1 | field(10, 2) << 3 | field(2, 1) << 5 | field(5, 2) << 6) | signedField(12, 1) << 8
    }
}
