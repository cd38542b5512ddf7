import Testing
import RISCVISA

/// Field extraction for each 32-bit format, per the conventions documented on `DecodedInstruction`.
@Suite struct DecoderTests {
    @Test func registerFormat() {
        #expect(decode(0x00c5_8533) == DecodedInstruction(op: .add, rd: 10, rs1: 11, rs2: 12))  // add a0, a1, a2
        #expect(decode(0x40c5_853b) == DecodedInstruction(op: .subw, rd: 10, rs1: 11, rs2: 12))
        #expect(decode(0x02c5_c533) == DecodedInstruction(op: .div, rd: 10, rs1: 11, rs2: 12))
    }

    @Test func immediateFormatSignExtends() {
        #expect(decode(0xff01_0113) == DecodedInstruction(op: .addi, rd: 2, rs1: 2, imm: -16))  // addi sp, sp, -16
        #expect(decode(0x7ff5_4513) == DecodedInstruction(op: .xori, rd: 10, rs1: 10, imm: 2047))
        #expect(decode(0x0182_b283) == DecodedInstruction(op: .ld, rd: 5, rs1: 5, imm: 24))  // ld t0, 24(t0)
        #expect(decode(0x8000_8067) == DecodedInstruction(op: .jalr, rd: 0, rs1: 1, imm: -2048))
        #expect(decode(0x7ff5_9507) == DecodedInstruction(op: .flh, rd: 10, rs1: 11, imm: 2047))  // flh fa0, 2047(a1)
    }

    @Test func storeFormat() {
        #expect(decode(0xfea4_2e23) == DecodedInstruction(op: .sw, rs1: 8, rs2: 10, imm: -4))  // sw a0, -4(s0)
        #expect(decode(0x80a1_1027) == DecodedInstruction(op: .fsh, rs1: 2, rs2: 10, imm: -2048))
        #expect(decode(0x0011_3423) == DecodedInstruction(op: .sd, rs1: 2, rs2: 1, imm: 8))  // sd ra, 8(sp)
    }

    @Test func branchOffsetsAreSignExtendedByteOffsets() {
        #expect(decode(0xfeb5_0ce3) == DecodedInstruction(op: .beq, rs1: 10, rs2: 11, imm: -8))
        #expect(decode(0x7e62_ffe3) == DecodedInstruction(op: .bgeu, rs1: 5, rs2: 6, imm: 4094))
        #expect(decode(0x80b5_4063) == DecodedInstruction(op: .blt, rs1: 10, rs2: 11, imm: -4096))
    }

    @Test func upperImmediatesAreShiftedAndSignExtended() {
        #expect(decode(0x8000_0537) == DecodedInstruction(op: .lui, rd: 10, imm: Int32.min))  // lui a0, 0x80000
        #expect(decode(0x0000_1297) == DecodedInstruction(op: .auipc, rd: 5, imm: 4096))  // auipc t0, 0x1
        #expect(decode(0xfffff_0b7) == DecodedInstruction(op: .lui, rd: 1, imm: -4096))
    }

    @Test func jumpOffsets() {
        #expect(decode(0x801f_f0ef) == DecodedInstruction(op: .jal, rd: 1, imm: -2048))
        #expect(decode(0x7fff_f06f) == DecodedInstruction(op: .jal, rd: 0, imm: 0xffffe))
        #expect(decode(0x8000_056f) == DecodedInstruction(op: .jal, rd: 10, imm: -1_048_576))
    }

    @Test func shiftAmountsIncludeTheSixthBitOnlyForDoublewordShifts() {
        #expect(decode(0x03f5_1513) == DecodedInstruction(op: .slli, rd: 10, rs1: 10, imm: 63))
        #expect(decode(0x4215_5513) == DecodedInstruction(op: .srai, rd: 10, rs1: 10, imm: 33))
        #expect(decode(0x01f5_151b) == DecodedInstruction(op: .slliw, rd: 10, rs1: 10, imm: 31))
        #expect(decode(0x4015_551b) == DecodedInstruction(op: .sraiw, rd: 10, rs1: 10, imm: 1))
        // RV64: a word shift with shamt[5] set is reserved.
        #expect(decode(0x0205_151b).op == .illegal)
        #expect(decode(0x0215_551b).op == .illegal)
        #expect(decode(0x4215_551b).op == .illegal)
    }

    @Test func csrNumberInImmediateAndZimmInRs1() {
        #expect(decode(0x3005_9573) == DecodedInstruction(op: .csrrw, rd: 10, rs1: 11, imm: 0x300))
        #expect(decode(0x340f_d573) == DecodedInstruction(op: .csrrwi, rd: 10, rs1: 31, imm: 0x340))
        #expect(decode(0xf140_2573) == DecodedInstruction(op: .csrrs, rd: 10, rs1: 0, imm: 0xf14))  // csrr a0, mhartid
        #expect(decode(0xc000_1073) == DecodedInstruction(op: .csrrw, imm: 0xc00))  // unimp
    }

    @Test func fenceKeepsBits31To20() {
        #expect(decode(0x0ff0_000f) == DecodedInstruction(op: .fence, imm: 0x0ff))
        #expect(decode(0x8330_000f) == DecodedInstruction(op: .fence, imm: 0x833))  // fence.tso
        #expect(decode(0x0100_000f) == DecodedInstruction(op: .fence, imm: 0x010))  // pause
        #expect(decode(0x0000_100f) == DecodedInstruction(op: .fence_i))
    }

    @Test func atomicsCarryAcquireAndRelease() {
        #expect(decode(0x06b6_252f) == DecodedInstruction(op: .amoadd_w, rd: 10, rs1: 12, rs2: 11, rm: 3))
        #expect(decode(0x1405_b52f) == DecodedInstruction(op: .lr_d, rd: 10, rs1: 11, rm: 2))
        #expect(decode(0x1ab6_252f) == DecodedInstruction(op: .sc_w, rd: 10, rs1: 12, rs2: 11, rm: 1))
        #expect(decode(0xe0b6_352f) == DecodedInstruction(op: .amomaxu_d, rd: 10, rs1: 12, rs2: 11))
        // lr with a nonzero rs2 field is not an instruction.
        #expect(decode(0x1015_b52f).op == .illegal)
    }

    @Test func floatingPointRoundingModes() {
        // rm = 5 is reserved, but that is the interpreter's run-time check, as in Spike.
        #expect(decode(0x02c5_d553) == DecodedInstruction(op: .fadd_d, rd: 10, rs1: 11, rs2: 12, rm: 5))
        #expect(decode(0x68c5_f543) == DecodedInstruction(op: .fmadd_s, rd: 10, rs1: 11, rs2: 12, rs3: 13, rm: 7))
        #expect(decode(0xc015_9553) == DecodedInstruction(op: .fcvt_wu_s, rd: 10, rs1: 11, rm: 1))
        #expect(decode(0x4065_8553) == DecodedInstruction(op: .fcvt_s_bf16, rd: 10, rs1: 11, rm: 0))
        #expect(decode(0x4485_b553) == DecodedInstruction(op: .fcvt_bf16_s, rd: 10, rs1: 11, rm: 3))
        // Operations whose funct3 selects the operation have no rounding mode.
        #expect(decode(0x22c5_a553) == DecodedInstruction(op: .fsgnjx_d, rd: 10, rs1: 11, rs2: 12))
        #expect(decode(0xa2c5_a553) == DecodedInstruction(op: .feq_d, rd: 10, rs1: 11, rs2: 12))
        #expect(decode(0xe005_8553) == DecodedInstruction(op: .fmv_x_w, rd: 10, rs1: 11))
        #expect(decode(0xf405_8553) == DecodedInstruction(op: .fmv_h_x, rd: 10, rs1: 11))
    }

    @Test func systemInstructions() {
        #expect(decode(0x0000_0073) == DecodedInstruction(op: .ecall))
        #expect(decode(0x0010_0073) == DecodedInstruction(op: .ebreak))
        #expect(decode(0x3020_0073) == DecodedInstruction(op: .mret))
        #expect(decode(0x1020_0073) == DecodedInstruction(op: .sret))
        #expect(decode(0x1050_0073) == DecodedInstruction(op: .wfi))
        #expect(decode(0x12b5_0073) == DecodedInstruction(op: .sfence_vma, rs1: 10, rs2: 11))
    }

    @Test func encodingsOutsideOurISAAreIllegal() {
        #expect(decode(0xffff_ffff) == DecodedInstruction(op: .illegal, length: 4))
        #expect(decode(0x7b20_0073) == DecodedInstruction(op: .illegal, length: 4))  // dret
        #expect(decode(0x4030_0053).op == .illegal)  // fcvt.s.q needs Q
        #expect(decode(0x2000_0033).op == .illegal)  // funct7 0010000 is Zba
        #expect(decode(0x0000_001f).op == .illegal)  // a 48-bit instruction's first parcel
        #expect(decode(0x0030_0073).op == .illegal)  // ecall's encoding with a stray rs2
    }
}
