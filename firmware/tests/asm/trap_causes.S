# Synchronous exceptions taken to M with their mcause / mepc / mtval (Spike's values):
# instruction access fault (fetch from an unmapped physical address: mepc = mtval = that address),
# illegal instruction (mtval = the instruction bits, 16 of them for a compressed encoding; FP with
# mstatus.FS = Off), breakpoint (mtval = pc), load / store / AMO / LR / SC access faults
# (mtval = the address; a store to the boot ROM faults too), environment calls from U, S and M
# (8, 9, 11; mtval = 0).  Also: a trapping instruction does not write rd, and mstatus.MPP
# records the privilege the trap came from.  Misaligned accesses: trap_misaligned.S; page faults:
# trap_pagefault.S.
#include "macros.h"

TEST_BEGIN
        .option push
        .option norvc
        # ---- instruction access fault: mepc = mtval = the unmapped target; the jalr itself completed
        li s0, UNMAPPED_PA
        EXPECT_TRAP_M_AT(1f)
2:      jalr ra, 0(s0)
        li gp, 1
        j test_fail
1:      CHECK_TRAP_M_VAL(CAUSE_FETCH_ACCESS, UNMAPPED_PA, UNMAPPED_PA, 1)
        la a0, 2b
        addi a0, a0, 4
        CHECK_REG(ra, a0, 2)                    # the link register was written
        li s0, UNMAPPED_PA + 0x1234
        EXPECT_TRAP_M_AT(3f)
        jr s0
3:      CHECK_TRAP_M_VAL(CAUSE_FETCH_ACCESS, UNMAPPED_PA + 0x1234, UNMAPPED_PA + 0x1234, 3)

        # ---- illegal instructions: mtval = the instruction
        EXPECT_TRAP_M
4:      .word 0xfe000033                        # OP with funct7 = 0x7f
        CHECK_TRAP_M(CAUSE_ILLEGAL, 4b, 0xfe000033, 4)
        EXPECT_TRAP_M
5:      .word 0xc0001073                        # csrrw x0, cycle, x0 (read-only CSR)
        CHECK_TRAP_M(CAUSE_ILLEGAL, 5b, 0xc0001073, 5)
        EXPECT_TRAP_M
6:      .half 0x0000                            # c.unimp: all-zero halfword
        CHECK_TRAP_M(CAUSE_ILLEGAL, 6b, 0, 6)
        .half 0x0001                            # c.nop: realign to 4 bytes
        EXPECT_TRAP_M
7:      .half 0x6501                            # c.lui a0, 0 (reserved)
        CHECK_TRAP_M(CAUSE_ILLEGAL, 7b, 0x6501, 7)
        .half 0x0001
        EXPECT_TRAP_M
8:      .half 0x8002                            # c.jr x0 (reserved)
        CHECK_TRAP_M(CAUSE_ILLEGAL, 8b, 0x8002, 8)
        .half 0x0001
        EXPECT_TRAP_M
9:      .half 0x4002                            # c.lwsp x0 (reserved)
        CHECK_TRAP_M(CAUSE_ILLEGAL, 9b, 0x4002, 9)
        .half 0x0001
        EXPECT_TRAP_M
10:     .word 0x0000707b                        # opcode 0x7b (custom-3) with nothing behind it
        CHECK_TRAP_M(CAUSE_ILLEGAL, 10b, 0x0000707b, 10)
        # floating point with mstatus.FS = Off (0) is illegal
        li t0, MSTATUS_FS
        csrc mstatus, t0
        EXPECT_TRAP_M
11:     fmv.x.d a0, fa0                         # 0xe2050553
        CHECK_TRAP_M(CAUSE_ILLEGAL, 11b, 0xe2050553, 11)
        # ... and legal once FS != Off
        li t0, MSTATUS_FS & (MSTATUS_FS >> 1)   # FS = Initial (1)
        csrs mstatus, t0
        EXPECT_TRAP_M
        fmv.d.x fa0, zero
        fmv.x.d a0, fa0
        CHECK_NO_TRAP_M(12)
        CHECK(a0, 0, 12)
        csrr a0, mstatus
        srli a0, a0, 13
        andi a0, a0, 3
        CHECK(a0, 3, 13)                        # an FP register write made FS Dirty
        csrr a0, mstatus
        srli a0, a0, 63
        CHECK(a0, 1, 14)                        # SD summarises FS = Dirty
        li t0, MSTATUS_FS
        csrc mstatus, t0
        csrr a0, mstatus
        srli a0, a0, 63
        CHECK(a0, 0, 15)
        # a trapping instruction leaves rd alone
        li a0, 0x1234
        EXPECT_TRAP_M
        .word 0xfe000533                        # illegal with rd = a0
        CHECK(a0, 0x1234, 16)

        # ---- breakpoint: mtval = pc
        EXPECT_TRAP_M
17:     ebreak
        CHECK_TRAP_M_LA(CAUSE_BREAKPOINT, 17b, 17b, 17)

        # ---- load / store / AMO access faults: mtval = the address
        li s0, UNMAPPED_PA
        li a0, 0x5555
        EXPECT_TRAP_M
18:     ld a0, 8(s0)
        CHECK_TRAP_M(CAUSE_LOAD_ACCESS, 18b, UNMAPPED_PA + 8, 18)
        CHECK(a0, 0x5555, 19)
        EXPECT_TRAP_M
20:     lbu a0, 3(s0)
        CHECK_TRAP_M(CAUSE_LOAD_ACCESS, 20b, UNMAPPED_PA + 3, 20)
        EXPECT_TRAP_M
21:     sw a0, 16(s0)
        CHECK_TRAP_M(CAUSE_STORE_ACCESS, 21b, UNMAPPED_PA + 16, 21)
        EXPECT_TRAP_M
22:     sb a0, 1(s0)
        CHECK_TRAP_M(CAUSE_STORE_ACCESS, 22b, UNMAPPED_PA + 1, 22)
        EXPECT_TRAP_M
23:     amoadd.d a0, a0, (s0)                   # AMOs report store faults
        CHECK_TRAP_M(CAUSE_STORE_ACCESS, 23b, UNMAPPED_PA, 23)
        EXPECT_TRAP_M
24:     amoswap.w a0, a0, (s0)
        CHECK_TRAP_M(CAUSE_STORE_ACCESS, 24b, UNMAPPED_PA, 24)
        EXPECT_TRAP_M
25:     lr.d a0, (s0)                           # LR is a load
        CHECK_TRAP_M(CAUSE_LOAD_ACCESS, 25b, UNMAPPED_PA, 25)
        EXPECT_TRAP_M
26:     sc.d a0, a0, (s0)                       # SC is a store
        CHECK_TRAP_M(CAUSE_STORE_ACCESS, 26b, UNMAPPED_PA, 26)
        # the boot ROM is readable but not writable
        li s0, BOOT_ROM
        lw a0, 0(s0)
        CHECK(a0, 0x00000297, 27)               # auipc t0, 0: the first boot ROM instruction
        EXPECT_TRAP_M
28:     sw a0, 0(s0)
        CHECK_TRAP_M(CAUSE_STORE_ACCESS, 28b, BOOT_ROM, 28)

        # ---- ecall from M, S and U: mtval = 0
        EXPECT_TRAP_M
29:     ecall
        CHECK_TRAP_M(CAUSE_ECALL_M, 29b, 0, 29)
        CHECK_M_FROM(PRV_M, 30)
        GOTO_S(s_code)
s_code:
        EXPECT_TRAP_M
31:     ecall
        CHECK_TRAP_M(CAUSE_ECALL_S, 31b, 0, 31)
        CHECK_M_FROM(PRV_S, 32)
        # S-mode faults go to M too when nothing is delegated
        EXPECT_TRAP_M
33:     ebreak
        CHECK_TRAP_M_LA(CAUSE_BREAKPOINT, 33b, 33b, 33)
        CHECK_M_FROM(PRV_S, 34)
        RETURN_TO_M
        GOTO_U(u_code)
u_code:
        EXPECT_TRAP_M
35:     ecall
        CHECK_TRAP_M(CAUSE_ECALL_U, 35b, 0, 35)
        CHECK_M_FROM(PRV_U, 36)
        EXPECT_TRAP_M
37:     .word 0xfe000033
        CHECK_TRAP_M(CAUSE_ILLEGAL, 37b, 0xfe000033, 37)
        li s0, UNMAPPED_PA
        EXPECT_TRAP_M
38:     ld a0, 0(s0)
        CHECK_TRAP_M(CAUSE_LOAD_ACCESS, 38b, UNMAPPED_PA, 38)
        RETURN_TO_M
        # back in M: an ecall reports M again
        EXPECT_TRAP_M
39:     ecall
        CHECK_TRAP_M(CAUSE_ECALL_M, 39b, 0, 39)
        .option pop
        TEST_PASS
