# Misaligned accesses and fetches.  Spike (rv64gc, no Zicclsm) never performs a misaligned access:
# every misaligned load traps with cause 4 and every misaligned store / AMO / SC with cause 6,
# mtval = the effective address, nothing is written (rd or memory); LR traps as a load (4).
# The misalignment check comes before the physical access check (a misaligned address in unmapped
# space still reports 4/6).  With misa.C cleared, a taken jump / branch to a 2-mod-4 target raises
# instruction-address-misaligned (0) at the jump: mepc = the jump, mtval = the target, rd not written;
# a not-taken branch does not trap.
#include "macros.h"

TEST_BEGIN
        .option push
        .option norvc
        la s0, buf
        li a1, 0x1122334455667788
        sd a1, 0(s0)
        sd a1, 8(s0)
        li a0, 0x77

        # ---- loads (cause 4), rd unchanged
        EXPECT_TRAP_M
1:      lh a0, 1(s0)
        CHECK_TRAP_M_LA(CAUSE_MISALIGNED_LOAD, 1b, buf + 1, 1)
        CHECK(a0, 0x77, 2)
        EXPECT_TRAP_M
3:      lhu a0, 3(s0)
        CHECK_TRAP_M_LA(CAUSE_MISALIGNED_LOAD, 3b, buf + 3, 3)
        EXPECT_TRAP_M
4:      lw a0, 2(s0)
        CHECK_TRAP_M_LA(CAUSE_MISALIGNED_LOAD, 4b, buf + 2, 4)
        EXPECT_TRAP_M
5:      lwu a0, 1(s0)
        CHECK_TRAP_M_LA(CAUSE_MISALIGNED_LOAD, 5b, buf + 1, 5)
        EXPECT_TRAP_M
6:      ld a0, 4(s0)
        CHECK_TRAP_M_LA(CAUSE_MISALIGNED_LOAD, 6b, buf + 4, 6)
        EXPECT_TRAP_M
7:      ld a0, 7(s0)
        CHECK_TRAP_M_LA(CAUSE_MISALIGNED_LOAD, 7b, buf + 7, 7)
        CHECK(a0, 0x77, 8)
        # byte accesses and aligned ones never trap
        EXPECT_TRAP_M
        lb a0, 3(s0)
        lh a0, 2(s0)
        lw a0, 4(s0)
        CHECK_NO_TRAP_M(9)

        # ---- stores (cause 6), memory unchanged
        li a2, -1
        EXPECT_TRAP_M
10:     sh a2, 1(s0)
        CHECK_TRAP_M_LA(CAUSE_MISALIGNED_STORE, 10b, buf + 1, 10)
        EXPECT_TRAP_M
11:     sw a2, 6(s0)
        CHECK_TRAP_M_LA(CAUSE_MISALIGNED_STORE, 11b, buf + 6, 11)
        EXPECT_TRAP_M
12:     sd a2, 12(s0)
        CHECK_TRAP_M_LA(CAUSE_MISALIGNED_STORE, 12b, buf + 12, 12)
        ld a0, 0(s0)
        CHECK(a0, 0x1122334455667788, 13)
        ld a0, 8(s0)
        CHECK(a0, 0x1122334455667788, 14)

        # ---- AMOs and SC report store-misaligned (6), LR load-misaligned (4)
        addi s1, s0, 2
        addi s2, s0, 4
        li a0, 0x99
        EXPECT_TRAP_M
15:     amoadd.w a0, a2, (s1)
        CHECK_TRAP_M_LA(CAUSE_MISALIGNED_STORE, 15b, buf + 2, 15)
        CHECK(a0, 0x99, 16)
        EXPECT_TRAP_M
17:     amoswap.d a0, a2, (s2)
        CHECK_TRAP_M_LA(CAUSE_MISALIGNED_STORE, 17b, buf + 4, 17)
        EXPECT_TRAP_M
18:     lr.w a0, (s1)
        CHECK_TRAP_M_LA(CAUSE_MISALIGNED_LOAD, 18b, buf + 2, 18)
        EXPECT_TRAP_M
19:     lr.d a0, (s2)
        CHECK_TRAP_M_LA(CAUSE_MISALIGNED_LOAD, 19b, buf + 4, 19)
        EXPECT_TRAP_M
20:     sc.d a0, a2, (s2)
        CHECK_TRAP_M_LA(CAUSE_MISALIGNED_STORE, 20b, buf + 4, 20)
        ld a0, 0(s0)
        CHECK(a0, 0x1122334455667788, 21)

        # ---- misalignment wins over the access fault of an unmapped address
        li s3, UNMAPPED_PA + 1
        EXPECT_TRAP_M
22:     lw a0, 0(s3)
        CHECK_TRAP_M(CAUSE_MISALIGNED_LOAD, 22b, UNMAPPED_PA + 1, 22)
        EXPECT_TRAP_M
23:     sd a0, 0(s3)
        CHECK_TRAP_M(CAUSE_MISALIGNED_STORE, 23b, UNMAPPED_PA + 1, 23)
        # aligned at the same place: access fault
        li s3, UNMAPPED_PA
        EXPECT_TRAP_M
24:     lw a0, 0(s3)
        CHECK_TRAP_M(CAUSE_LOAD_ACCESS, 24b, UNMAPPED_PA, 24)

        # ---- S and U mode misaligned accesses trap the same way
        GOTO_U(u_code)
u_code:
        EXPECT_TRAP_M
25:     lw a0, 1(s0)
        CHECK_TRAP_M_LA(CAUSE_MISALIGNED_LOAD, 25b, buf + 1, 25)
        CHECK_M_FROM(PRV_U, 25)
        RETURN_TO_M

        # ---- instruction-address-misaligned with misa.C = 0
        # Everything between clearing and setting misa.C is 4-byte code with a private handler
        # (trap_m itself contains compressed instructions).
        csrr a0, misa
        andi a0, a0, 1 << 2
        CHECK(a0, 4, 26)                        # C present
        la t0, mal_handler
        csrw mtvec, t0
        li s4, 0                                # handler results: s4 = mcause, s5 = mepc, s6 = mtval
        li s5, 0
        li s6, 0
        li ra, 0x1111
        la s7, 30f                              # where the handler resumes
        .balign 4
        li t0, 1 << 2
        csrc misa, t0                           # misa.C = 0 (we are at a 4-byte-aligned pc)
        csrr s8, misa
        la t1, mal_target
27:     jalr ra, 0(t1)                          # target is 2 mod 4
        j 29f
30:     mv s9, ra                               # ra must be unchanged
        la s7, 31f
28:     beq zero, zero, mal_target              # taken branch to a 2 mod 4 target
        j 29f
31:     mv s10, s4
        mv s11, s5
        mv a5, s6
        li s4, 0
        la s7, 32f
        bne zero, zero, mal_target              # not taken: no trap
        li s4, 0x5555
32:     li t0, 1 << 2
        csrs misa, t0                           # C back on
        la t0, trap_m
        csrw mtvec, t0
        andi s8, s8, 1 << 2
        CHECK(s8, 0, 27)                        # C read as cleared
        csrr a0, misa
        andi a0, a0, 1 << 2
        CHECK(a0, 4, 28)
        CHECK(s9, 0x1111, 29)
        CHECK(s10, CAUSE_MISALIGNED_FETCH, 30)
        CHECK_LA(s11, 28b, 31)
        CHECK_LA(a5, mal_target, 32)
        CHECK(s4, 0x5555, 33)
        # the jalr trap values (recorded before the branch)
        la t0, jalr_record
        ld a0, 0(t0)
        CHECK(a0, CAUSE_MISALIGNED_FETCH, 34)
        ld a0, 8(t0)
        CHECK_LA(a0, 27b, 35)
        ld a0, 16(t0)
        CHECK_LA(a0, mal_target, 36)
        TEST_PASS

29:     li gp, 37                               # a jump to mal_target did not trap
        la t0, trap_m
        csrw mtvec, t0
        li t0, 1 << 2
        csrs misa, t0
        j test_fail

        .balign 4
        .word 0x00000013
        .half 0x0001
mal_target:                                     # 2 mod 4
        .half 0x0001
        j 29b

        .balign 4
mal_handler:
        csrr s4, mcause
        csrr s5, mepc
        csrr s6, mtval
        la t0, jalr_record
        ld t1, 8(t0)                            # first trap only (recorded mepc still 0)
        bnez t1, 1f
        sd s4, 0(t0)
        sd s5, 8(t0)
        sd s6, 16(t0)
1:      csrw mepc, s7
        mret
        .option pop

        .data
        .balign 16
buf:    .zero 32
jalr_record: .dword 0, 0, 0
