import Testing
import RISCVISA

/// Each compressed instruction expands to the base operation Spike executes it as, with
/// `length == 2`; the encodings Spike's riscv/insns/c_*.h reject are illegal.
@Suite struct CompressedDecoderTests {
    private func c(_ op: Opcode, rd: UInt8 = 0, rs1: UInt8 = 0, rs2: UInt8 = 0, imm: Int32 = 0) -> DecodedInstruction {
        DecodedInstruction(op: op, rd: rd, rs1: rs1, rs2: rs2, length: 2, imm: imm)
    }

    @Test func onlyTheLowHalfwordIsRead() {
        #expect(decode(0xdead_4081) == c(.addi, rd: 1, imm: 0))  // c.li ra, 0 followed by other bytes
    }

    @Test func quadrantZeroLoadsAndStores() {
        #expect(decode(0x1fe0) == c(.addi, rd: 8, rs1: 2, imm: 1020))  // c.addi4spn s0, sp, 1020
        #expect(decode(0x0048) == c(.addi, rd: 10, rs1: 2, imm: 4))
        #expect(decode(0x3de8) == c(.fld, rd: 10, rs1: 11, imm: 248))  // c.fld fa0, 248(a1)
        #expect(decode(0x5cfc) == c(.lw, rd: 15, rs1: 9, imm: 124))  // c.lw a5, 124(s1)
        #expect(decode(0x6588) == c(.ld, rd: 10, rs1: 11, imm: 8))
        #expect(decode(0xa384) == c(.fsd, rs1: 15, rs2: 9, imm: 0))  // c.fsd fs1, 0(a5)
        #expect(decode(0xc1a8) == c(.sw, rs1: 11, rs2: 10, imm: 64))  // c.sw a0, 64(a1)
        #expect(decode(0xffe0) == c(.sd, rs1: 15, rs2: 8, imm: 248))  // c.sd s0, 248(a5)
    }

    @Test func quadrantOneArithmetic() {
        #expect(decode(0x0001) == c(.addi))  // c.nop
        #expect(decode(0x1501) == c(.addi, rd: 10, rs1: 10, imm: -32))
        #expect(decode(0x357d) == c(.addiw, rd: 10, rs1: 10, imm: -1))
        #expect(decode(0x4081) == c(.addi, rd: 1, rs1: 0, imm: 0))  // c.li ra, 0
        #expect(decode(0x7101) == c(.addi, rd: 2, rs1: 2, imm: -512))  // c.addi16sp sp, -512
        #expect(decode(0x617d) == c(.addi, rd: 2, rs1: 2, imm: 496))
        #expect(decode(0x7501) == c(.lui, rd: 10, imm: -0x20000))  // c.lui a0, 0xfffe0
        #expect(decode(0x647d) == c(.lui, rd: 8, imm: 0x1f000))
        #expect(decode(0x917d) == c(.srli, rd: 10, rs1: 10, imm: 63))
        #expect(decode(0x8485) == c(.srai, rd: 9, rs1: 9, imm: 1))
        #expect(decode(0x997d) == c(.andi, rd: 10, rs1: 10, imm: -1))
        #expect(decode(0x8c1d) == c(.sub, rd: 8, rs1: 8, rs2: 15))  // c.sub s0, a5
        #expect(decode(0x8d2d) == c(.xor, rd: 10, rs1: 10, rs2: 11))
        #expect(decode(0x8d4d) == c(.or, rd: 10, rs1: 10, rs2: 11))
        #expect(decode(0x8d6d) == c(.and, rd: 10, rs1: 10, rs2: 11))
        #expect(decode(0x9d0d) == c(.subw, rd: 10, rs1: 10, rs2: 11))
        #expect(decode(0x9d2d) == c(.addw, rd: 10, rs1: 10, rs2: 11))
    }

    @Test func quadrantOneControlTransfers() {
        #expect(decode(0xb001) == c(.jal, imm: -2048))  // c.j
        #expect(decode(0xaffd) == c(.jal, imm: 2046))
        #expect(decode(0xd101) == c(.beq, rs1: 10, rs2: 0, imm: -256))  // c.beqz a0
        #expect(decode(0xecfd) == c(.bne, rs1: 9, rs2: 0, imm: 254))
    }

    @Test func quadrantTwo() {
        #expect(decode(0x157e) == c(.slli, rd: 10, rs1: 10, imm: 63))
        #expect(decode(0x357e) == c(.fld, rd: 10, rs1: 2, imm: 504))  // c.fldsp fa0, 504(sp)
        #expect(decode(0x50fe) == c(.lw, rd: 1, rs1: 2, imm: 252))
        #expect(decode(0x747e) == c(.ld, rd: 8, rs1: 2, imm: 504))
        #expect(decode(0x8502) == c(.jalr, rd: 0, rs1: 10))  // c.jr a0
        #expect(decode(0x8082) == c(.jalr, rd: 0, rs1: 1))  // c.ret
        #expect(decode(0x852e) == c(.add, rd: 10, rs1: 0, rs2: 11))  // c.mv a0, a1
        #expect(decode(0x9002) == c(.ebreak))
        #expect(decode(0x9502) == c(.jalr, rd: 1, rs1: 10))  // c.jalr a0
        #expect(decode(0x952e) == c(.add, rd: 10, rs1: 10, rs2: 11))
        #expect(decode(0xbfa2) == c(.fsd, rs1: 2, rs2: 8, imm: 504))  // c.fsdsp fs0, 504(sp)
        #expect(decode(0xdf86) == c(.sw, rs1: 2, rs2: 1, imm: 252))
        #expect(decode(0xffa2) == c(.sd, rs1: 2, rs2: 8, imm: 504))
    }

    /// HINTs execute as their base operation writing x0 (or shifting by 0), as in Spike.
    @Test func hintsDecodeToTheirBaseOperation() {
        #expect(decode(0x0005) == c(.addi, rd: 0, rs1: 0, imm: 1))  // c.addi zero, 1
        #expect(decode(0x407d) == c(.addi, rd: 0, imm: 31))  // c.li zero, 31
        #expect(decode(0x6005) == c(.lui, rd: 0, imm: 0x1000))  // c.lui zero, 0x1
        #expect(decode(0x8381) == c(.srli, rd: 15, rs1: 15, imm: 0))  // c.srli a5, 0
        #expect(decode(0x0006) == c(.slli, rd: 0, rs1: 0, imm: 1))  // c.slli zero, 1
        #expect(decode(0x802e) == c(.add, rd: 0, rs2: 11))  // c.mv zero, a1
        #expect(decode(0x902e) == c(.add, rd: 0, rs1: 0, rs2: 11))  // c.add zero, a1
    }

    @Test(arguments: [
        0x0000,  // c.unimp: the all-zero halfword
        0x0008,  // c.addi4spn s0, sp, 0
        0x6101,  // c.addi16sp sp, 0
        0x6501,  // c.lui a0, 0x0
        0x6001,  // c.lui zero, 0x0
        0x6081,  // c.lui ra, 0x0: c.mop.1, which needs Zcmop
        0x4002,  // c.lwsp zero, 0(sp)
        0x6022,  // c.ldsp zero, 8(sp)
        0x8002,  // c.jr zero
        0x2005,  // c.addiw zero, 1
        0x9c41, 0x9c61, 0x9c75,  // after c.subw/c.addw: Zcb's c.mul, c.zext.b, c.not
        0x8000,  // quadrant 0, funct3 100: Zcb's byte and halfword loads and stores
    ] as [UInt32])
    func reservedEncodingsAreIllegal(_ bits: UInt32) {
        #expect(decode(bits) == DecodedInstruction(op: .illegal, length: 2))
    }
}
