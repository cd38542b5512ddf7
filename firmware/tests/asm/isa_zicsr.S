# Zicsr: csrrw/csrrs/csrrc and csrrwi/csrrsi/csrrci on mscratch (old value returned, set/clear
# semantics, rd = x0, rs1 = x0 / zimm = 0 meaning "no write"), reads of read-only CSRs, writes to
# read-only CSRs and accesses to non-existent CSRs trapping as illegal instructions with
# mtval = the instruction bits, and a few WARL fields as Spike implements them (mepc bit 0,
# mtvec mode 2/3, mstatus.MPP = 2, mstatus.UXL/SXL).
#include "macros.h"

TEST_BEGIN
        .option push
        .option norvc
        # ---- csrrw / csrrs / csrrc on mscratch
        li a1, 0x0123456789abcdef
        csrw mscratch, a1
        csrr a0, mscratch
        CHECK(a0, 0x0123456789abcdef, 1)
        li a1, -1
        csrrw a0, mscratch, a1
        CHECK(a0, 0x0123456789abcdef, 2)
        csrr a0, mscratch
        CHECK(a0, -1, 3)
        li a1, 0x00ff00ff00ff00ff
        csrrc a0, mscratch, a1
        CHECK(a0, -1, 4)
        csrr a0, mscratch
        CHECK(a0, 0xff00ff00ff00ff00, 5)
        li a1, 0x0000000f0000000f
        csrrs a0, mscratch, a1
        CHECK(a0, 0xff00ff00ff00ff00, 6)
        csrr a0, mscratch
        CHECK(a0, 0xff00ff0fff00ff0f, 7)
        csrrs a0, mscratch, zero                # pure read
        CHECK(a0, 0xff00ff0fff00ff0f, 8)
        csrrc a0, mscratch, zero
        csrr a0, mscratch
        CHECK(a0, 0xff00ff0fff00ff0f, 9)
        li a1, 42
        csrrw zero, mscratch, a1                # rd = x0 still writes
        csrr a0, mscratch
        CHECK(a0, 42, 10)
        # rd == rs1: the old value goes to rd, the write uses the old rs1
        li a1, 7
        csrrw a1, mscratch, a1
        CHECK(a1, 42, 11)
        csrr a0, mscratch
        CHECK(a0, 7, 12)

        # ---- immediate forms (5-bit zero-extended zimm)
        csrrwi a0, mscratch, 31
        CHECK(a0, 7, 13)
        csrr a0, mscratch
        CHECK(a0, 31, 14)
        csrrci a0, mscratch, 0x15
        CHECK(a0, 31, 15)
        csrr a0, mscratch
        CHECK(a0, 0x0a, 16)
        csrrsi a0, mscratch, 0x11
        CHECK(a0, 0x0a, 17)
        csrr a0, mscratch
        CHECK(a0, 0x1b, 18)
        csrrwi zero, mscratch, 0
        csrr a0, mscratch
        CHECK(a0, 0, 19)

        # ---- read-only CSRs: reads are fine (rs1 = x0 / zimm = 0 are not writes)
        csrr a0, mhartid
        CHECK(a0, 0, 20)
        csrrs a0, mvendorid, zero
        CHECK(a0, 0, 21)                        # Spike: mvendorid = 0
        csrrci a0, mimpid, 0
        CHECK(a0, 0, 22)                        # Spike: mimpid = 0
        csrrsi a0, marchid, 0
        CHECK(a0, 5, 23)                        # Spike: marchid = 5

        # ---- writes to read-only CSRs trap: illegal instruction, mtval = instruction bits
        EXPECT_TRAP_M
1:      csrw mhartid, a1                        # csrrw x0, mhartid, a1
        CHECK_TRAP_M(CAUSE_ILLEGAL, 1b, 0xf1459073, 24)
        EXPECT_TRAP_M
2:      csrrs a0, mvendorid, a1                 # rs1 != x0 is a write even if a1 == 0
        CHECK_TRAP_M(CAUSE_ILLEGAL, 2b, 0xf115a573, 25)
        li a0, 0x55
        EXPECT_TRAP_M
3:      csrrsi a0, mimpid, 1
        CHECK_TRAP_M(CAUSE_ILLEGAL, 3b, 0xf130e573, 26)
        CHECK(a0, 0x55, 27)                     # rd not written by a trapping instruction
        EXPECT_TRAP_M
4:      csrrwi zero, marchid, 0                 # csrrwi always writes
        CHECK_TRAP_M(CAUSE_ILLEGAL, 4b, 0xf1205073, 28)
        EXPECT_TRAP_M
5:      csrrc a0, mhartid, a1
        CHECK_TRAP_M(CAUSE_ILLEGAL, 5b, 0xf145b573, 29)
        # ---- a CSR number Spike does not implement (0x7c0, custom machine read/write range)
        EXPECT_TRAP_M
6:      csrr a0, 0x7c0
        CHECK_TRAP_M(CAUSE_ILLEGAL, 6b, 0x7c002573, 30)
        EXPECT_TRAP_M
7:      csrw 0x7c0, a1
        CHECK_TRAP_M(CAUSE_ILLEGAL, 7b, 0x7c059073, 31)

        # ---- WARL fields (Spike's choices)
        li a1, -1
        csrw mepc, a1
        csrr a0, mepc
        CHECK(a0, 0xfffffffffffffffe, 32)       # bit 0 reads as 0 (IALIGN = 16)
        csrr s0, mtvec
        la a1, trap_m
        ori a1, a1, 3                           # mode 3 is reserved: Spike clears bit 1 -> mode 1
        csrw mtvec, a1
        csrr a0, mtvec
        la a1, trap_m
        ori a1, a1, 1
        CHECK_REG(a0, a1, 33)
        la a1, trap_m
        ori a1, a1, 2                           # mode 2 -> mode 0
        csrw mtvec, a1
        csrr a0, mtvec
        CHECK_LA(a0, trap_m, 34)
        csrw mtvec, s0
        csrr a0, mstatus
        srli a0, a0, 32
        andi a0, a0, 0xf
        CHECK(a0, 0xa, 35)                      # UXL = SXL = 2 (64-bit), read-only
        li a1, MSTATUS_UXL | MSTATUS_SXL
        csrc mstatus, a1
        csrr a0, mstatus
        srli a0, a0, 32
        andi a0, a0, 0xf
        CHECK(a0, 0xa, 36)
        li a1, MSTATUS_MPP
        csrc mstatus, a1
        li a1, 2 << 11                          # MPP = 2 (reserved) reads back as U (0)
        csrs mstatus, a1
        csrr a0, mstatus
        srli a0, a0, 11
        andi a0, a0, 3
        CHECK(a0, 0, 37)
        li a1, MSTATUS_MPP                      # MPP = 3 (M)
        csrs mstatus, a1
        csrr a0, mstatus
        srli a0, a0, 11
        andi a0, a0, 3
        CHECK(a0, 3, 38)
        # mcause and mtval hold what software writes
        csrw mcause, zero
        li a1, 0x123
        csrw mtval, a1
        csrr a0, mtval
        CHECK(a0, 0x123, 39)
        .option pop
        TEST_PASS
