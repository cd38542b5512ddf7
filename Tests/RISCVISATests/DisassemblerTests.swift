import Testing
import RISCVISA

/// Spike's formatting rules, spelled out on a few words (the vectors file checks them all).
@Suite struct DisassemblerTests {
    @Test(arguments: [
        (0x0000_0297, "auipc   t0, 0x0"),
        (0x0182_b283, "ld      t0, 24(t0)"),
        (0xf140_2573, "csrr    a0, mhartid"),
        (0x0002_8067, "jr      t0"),
        (0x0000_8067, "ret"),
        (0x0000_0013, "nop"),
        (0xfff0_0513, "li      a0, -1"),
        (0x0005_8513, "mv      a0, a1"),
        (0x8000_0537, "lui     a0, 0x80000"),
        (0xfeb5_0ce3, "beq     a0, a1, pc - 8"),
        (0x0005_0463, "beqz    a0, pc + 8"),
        (0x801f_f0ef, "jal     pc - 0x800"),
        (0x0100_006f, "j       pc + 0x10"),
        (0x3410_5073, "csrwi   mepc, 0"),
        (0x7c00_2573, "csrr    a0, unknown_7c0"),
        (0x0ff0_000f, "fence   iorw,iorw"),
        (0x0010_000f, "fence   w"),
        (0x0000_000f, "fence   "),  // Spike pads even when the sets are empty
        (0x06b6_252f, "amoadd.w.aqrl a0, a1, (a2)"),  // no padding past eight columns, one space
        (0x1405_b52f, "lr.d    a0, (a1)"),  // LR's ordering bits are not printed
        (0x02c5_d553, "fadd.d  fa0, fa1, fa2"),  // nor are rounding modes
        (0x2000_0053, "fsgnj.s ft0, ft0, ft0"),  // Spike has no fmv.s spelling
        (0xc000_1073, "unimp"),
        (0x7b20_0073, "dret"),
        (0x4081, "c.li    ra, 0"),
        (0x8082, "c.ret"),
        (0x0000, "c.unimp"),
        (0x7501, "c.lui   a0, 0xfffe0"),
        (0xb001, "c.j     pc - 2048"),  // compressed jump targets are decimal
        (0xffff_ffff, "unknown"),
        (0x2000_0033, "unknown"),  // Zba's sh1add is not in our ISA
    ] as [(UInt32, String)])
    func printsWhatSpikePrints(_ bits: UInt32, _ text: String) {
        #expect(disassemble(bits, pc: 0x8000_0000) == text)
    }

    @Test func registerNames() {
        #expect(xRegisterNames.count == 32 && fRegisterNames.count == 32)
        #expect(xRegisterNames[0] == "zero" && xRegisterNames[8] == "s0" && xRegisterNames[31] == "t6")
        #expect(fRegisterNames[0] == "ft0" && fRegisterNames[10] == "fa0" && fRegisterNames[31] == "ft11")
    }

    @Test func csrNames() {
        #expect(csrName(0x300) == "mstatus")
        #expect(csrName(0xf14) == "mhartid")
        #expect(csrName(0x001) == "fflags")
        #expect(csrName(0xc00) == "cycle")
        #expect(csrName(0x7c0) == nil)
        #expect(csrName(0x1000) == nil)
    }
}
