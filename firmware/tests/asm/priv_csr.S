# Machine / supervisor CSR state and access rules: misa (RV64 IMAFDC + S + U), mhartid, mvendorid,
# marchid, mimpid, mconfigptr; mstatus write mask and sstatus as a restricted view of it (both
# directions); medeleg / mideleg / mie / mip writable bits; sie / sip as views masked by mideleg;
# satp mode legality (unsupported mode: the whole write is ignored; Sv39/48/57 accepted, 16-bit
# ASID); menvcfg read-only 0 on rv64gc; CSR privilege: S cannot touch M CSRs, U cannot touch S or
# M CSRs (illegal instruction, mtval = instruction bits).
#include "macros.h"

#define MSTATUS_ALL   0x8000000a007e79aa        /* every writable mstatus bit + UXL/SXL + SD */
#define SSTATUS_VIEW  0x80000002000c6122        /* SIE SPIE SPP FS SUM MXR UXL SD */

TEST_BEGIN
        .option push
        .option norvc
        # ---- identification
        csrr a0, misa
        CHECK(a0, 0x800000000014112d, 1)        # MXL = 2; A C D F I M S U
        csrr a0, mhartid
        CHECK(a0, 0, 2)
        csrr a0, mvendorid
        CHECK(a0, 0, 3)
        csrr a0, marchid
        CHECK(a0, 5, 4)
        csrr a0, mimpid
        CHECK(a0, 0, 5)
        csrr a0, mconfigptr
        CHECK(a0, 0, 6)

        # ---- mstatus write mask and the sstatus view
        csrr s0, mstatus
        li a1, -1
        csrw mstatus, a1
        csrr a0, mstatus
        csrr a2, sstatus
        csrw mstatus, s0
        CHECK(a0, MSTATUS_ALL, 7)
        CHECK(a2, SSTATUS_VIEW, 8)
        csrw mstatus, zero
        csrr a0, mstatus
        CHECK(a0, 0x0000000a00000000, 9)        # only UXL/SXL remain
        csrr a0, sstatus
        CHECK(a0, 0x0000000200000000, 10)
        # writing sstatus changes only the S bits of mstatus
        li a1, -1
        csrw sstatus, a1
        csrr a0, mstatus
        CHECK(a0, 0x8000000a000c6122, 11)
        li a1, MSTATUS_MPP | MSTATUS_MPIE | MSTATUS_TSR
        csrs mstatus, a1
        csrw sstatus, zero
        csrr a0, mstatus
        li a1, 0x0000000a00401880
        CHECK_REG(a0, a1, 12)
        csrw mstatus, s0

        # ---- delegation and interrupt-enable/pending write masks
        li a1, -1
        csrw medeleg, a1
        csrr a0, medeleg
        li a1, 0xffff                           # bit 19 is also writable when Zicntr is present
        and a0, a0, a1
        CHECK(a0, 0xb3fe, 13)                   # not 0 (C present), 10, 11 (ecall from M), 14
        csrw medeleg, zero
        li a1, -1
        csrw mideleg, a1
        csrr a0, mideleg
        CHECK(a0, 0x222, 14)                    # SSI, STI, SEI
        csrw mideleg, zero
        li a1, -1
        csrw mie, a1
        csrr a0, mie
        CHECK(a0, 0xaaa, 15)
        csrw mie, zero
        csrr a0, mip
        andi a0, a0, 0x222
        CHECK(a0, 0, 16)
        li a1, -1
        csrw mip, a1
        csrr a0, mip
        andi a0, a0, 0x2aa
        li a1, 0x222                            # SSIP, STIP, SEIP writable; MSIP is not (CLINT)
        andi a2, a0, 0x222
        CHECK_REG(a2, a1, 17)
        andi a0, a0, MIP_MSIP
        CHECK(a0, 0, 18)
        csrw mip, zero
        csrr a0, mip
        andi a0, a0, 0x222
        CHECK(a0, 0, 19)

        # ---- sie / sip see only what mideleg delegates
        li a1, MIP_SSIP | MIP_STIP
        csrw mie, a1
        csrr a0, sie
        CHECK(a0, 0, 20)                        # nothing delegated
        li a1, -1
        csrw sie, a1                            # no effect
        csrr a0, mie
        CHECK(a0, MIP_SSIP | MIP_STIP, 21)
        li a1, MIP_SSIP
        csrw mideleg, a1
        csrr a0, sie
        CHECK(a0, MIP_SSIP, 22)
        csrw sie, zero                          # clears only the delegated bit
        csrr a0, mie
        CHECK(a0, MIP_STIP, 23)
        li a1, MIP_SSIP | MIP_STIP
        csrs mideleg, a1
        li a1, -1
        csrw sip, a1                            # only SSIP is writable through sip
        csrr a0, mip
        andi a0, a0, 0x222
        CHECK(a0, MIP_SSIP, 24)
        csrr a0, sip
        CHECK(a0, MIP_SSIP, 25)
        csrw mip, zero
        csrw mie, zero
        csrw mideleg, zero

        # ---- satp: Sv39 / Sv48 / Sv57 accepted, unsupported modes ignore the whole write
        li a1, SATP_SV39 | (0xffff << 44) | 0xfffffffffff
        csrw satp, a1
        csrr a0, satp
        CHECK_REG(a0, a1, 26)                   # 16-bit ASID, 44-bit PPN
        li a1, (9 << 60) | 5
        csrw satp, a1
        csrr a0, satp
        CHECK_REG(a0, a1, 27)
        li a1, (10 << 60) | 6
        csrw satp, a1
        csrr a0, satp
        CHECK_REG(a0, a1, 28)
        li a1, (1 << 60) | 7                    # mode 1: reserved
        csrw satp, a1
        csrr a0, satp
        CHECK(a0, (10 << 60) | 6, 29)
        li a1, -1                               # mode 15
        csrw satp, a1
        csrr a0, satp
        CHECK(a0, (10 << 60) | 6, 30)
        csrw satp, zero
        csrr a0, satp
        CHECK(a0, 0, 31)
        # ---- menvcfg: no writable field on plain rv64gc
        li a1, -1
        csrw menvcfg, a1
        csrr a0, menvcfg
        CHECK(a0, 0, 32)

        # ---- S mode: S CSRs fine, M CSRs illegal
        li s1, 0x1a2b
        csrw mstatus, zero
        GOTO_S(s_code)
s_code: EXPECT_TRAP_M
        csrr a0, sstatus
        csrw sscratch, s1
        csrr a1, sscratch
        csrr a2, stvec
        csrr a3, sie
        csrr a4, sip
        csrr a5, satp
        csrr a5, scause
        csrr a5, sepc
        csrr a5, stval
        csrr a5, scounteren
        CHECK_NO_TRAP_M(33)
        CHECK(a1, 0x1a2b, 34)
        CHECK(a0, 0x0000000200000000, 35)       # sstatus: UXL only (the mret cleared nothing else)
        EXPECT_TRAP_M
1:      csrr a0, mstatus
        CHECK_TRAP_M(CAUSE_ILLEGAL, 1b, 0x30002573, 36)
        EXPECT_TRAP_M
2:      csrw mscratch, zero
        CHECK_TRAP_M(CAUSE_ILLEGAL, 2b, 0x34001073, 37)
        EXPECT_TRAP_M
3:      csrr a0, mhartid
        CHECK_TRAP_M(CAUSE_ILLEGAL, 3b, 0xf1402573, 38)
        EXPECT_TRAP_M
4:      csrr a0, misa
        CHECK_TRAP_M(CAUSE_ILLEGAL, 4b, 0x30102573, 39)
        EXPECT_TRAP_M
5:      csrw medeleg, zero
        CHECK_TRAP_M(CAUSE_ILLEGAL, 5b, 0x30201073, 40)
        EXPECT_TRAP_M
6:      csrr a0, mip
        CHECK_TRAP_M(CAUSE_ILLEGAL, 6b, 0x34402573, 41)
        EXPECT_TRAP_M
7:      csrr a0, mepc
        CHECK_TRAP_M(CAUSE_ILLEGAL, 7b, 0x34102573, 42)
        # S writes to sstatus land in mstatus (checked from M below)
        li a0, MSTATUS_SUM | MSTATUS_SPP
        csrs sstatus, a0
        RETURN_TO_M
        csrr a0, mstatus
        li a1, MSTATUS_SUM | MSTATUS_SPP
        and a0, a0, a1
        CHECK_REG(a0, a1, 43)
        csrw mstatus, zero

        # ---- U mode: S and M CSRs illegal
        GOTO_U(u_code)
u_code: EXPECT_TRAP_M
8:      csrr a0, sstatus
        CHECK_TRAP_M(CAUSE_ILLEGAL, 8b, 0x10002573, 44)
        EXPECT_TRAP_M
9:      csrw sscratch, zero
        CHECK_TRAP_M(CAUSE_ILLEGAL, 9b, 0x14001073, 45)
        EXPECT_TRAP_M
10:     csrr a0, satp
        CHECK_TRAP_M(CAUSE_ILLEGAL, 10b, 0x18002573, 46)
        EXPECT_TRAP_M
11:     csrr a0, mstatus
        CHECK_TRAP_M(CAUSE_ILLEGAL, 11b, 0x30002573, 47)
        EXPECT_TRAP_M
12:     csrr a0, mhartid
        CHECK_TRAP_M(CAUSE_ILLEGAL, 12b, 0xf1402573, 48)
        CHECK_M_FROM(PRV_U, 49)
        RETURN_TO_M
        .option pop
        TEST_PASS
