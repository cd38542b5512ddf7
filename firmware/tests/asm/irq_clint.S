# Machine interrupts from the CLINT: mip.MTIP is set out of reset (Spike: mtimecmp = 0 <= mtime);
# msip -> mip.MSIP -> trap with mcause = 2^63 + 3 taken right after the CSR write that enables it
# (mepc = the next instruction); mtimecmp -> mip.MTIP (updated as soon as mtimecmp is written);
# wfi with MIE = 0 wakes up on a pending+enabled interrupt without trapping; wfi with MIE = 1 traps
# with mepc = the instruction after wfi; priority MSI > MTI; masking by mstatus.MIE and mie;
# M interrupts always taken in S and U whatever mstatus.MIE; vectored mtvec (interrupt N at
# base + 4N, exceptions at base).
#include "macros.h"

#define IRQ(n) ((1 << 63) | (n))

TEST_BEGIN
        .option push
        .option norvc
        li s0, CLINT_MSIP
        li s1, CLINT_MTIMECMP
        li s2, CLINT_MTIME

        # ---- out of reset mtimecmp = 0, so the timer interrupt is pending
        csrr a0, mip
        andi a0, a0, MIP_MTIP
        CHECK(a0, MIP_MTIP, 1)
        li a0, -1
        sd a0, 0(s1)                            # mtimecmp = max: MTIP drops at once
        csrr a0, mip
        andi a0, a0, MIP_MTIP
        CHECK(a0, 0, 2)
        ld a0, 0(s1)
        CHECK(a0, -1, 3)

        # ---- software interrupt
        li a0, 1
        sw a0, 0(s0)                            # msip = 1
        lw a1, 0(s0)
        CHECK(a1, 1, 4)
        csrr a0, mip
        andi a0, a0, MIP_MSIP
        CHECK(a0, MIP_MSIP, 5)
        li t0, MIP_MSIP
        csrs mie, t0                            # enabled in mie, but MIE = 0: nothing yet
        nop
        nop
        EXPECT_TRAP_M
        csrsi mstatus, MSTATUS_MIE              # taken right after this instruction
6:      CHECK_MCAUSE(IRQ(IRQ_M_SOFT), 6)
        CHECK_MEPC(6b, 7)
        CHECK_MTVAL(0, 8)
        ld a0, TA_M_STATUS(tp)                  # in the handler: MIE = 0, MPIE = 1, MPP = M
        andi a1, a0, MSTATUS_MIE
        CHECK(a1, 0, 9)
        andi a1, a0, MSTATUS_MPIE
        CHECK(a1, MSTATUS_MPIE, 10)
        CHECK_M_FROM(PRV_M, 11)
        csrr a0, mie                            # trap_m disabled everything (one-shot)
        CHECK(a0, 0, 12)
        csrr a0, mstatus
        andi a0, a0, MSTATUS_MIE
        CHECK(a0, MSTATUS_MIE, 13)              # mret restored MIE
        sw zero, 0(s0)                          # msip = 0
        csrr a0, mip
        andi a0, a0, MIP_MSIP
        CHECK(a0, 0, 14)
        csrci mstatus, MSTATUS_MIE

        # ---- masking: pending + MSIE but MIE = 0, or MIE = 1 but MSIE = 0: no trap
        li a0, 1
        sw a0, 0(s0)
        li t0, MIP_MSIP
        csrs mie, t0
        EXPECT_TRAP_M
        li a1, 100
7:      addi a1, a1, -1
        bnez a1, 7b
        csrw mie, zero
        csrsi mstatus, MSTATUS_MIE
        li a1, 100
8:      addi a1, a1, -1
        bnez a1, 8b
        CHECK_NO_TRAP_M(15)
        csrci mstatus, MSTATUS_MIE
        sw zero, 0(s0)

        # ---- timer: wfi with MIE = 0 wakes up when mtime reaches mtimecmp, no trap
        li t0, MIP_MTIP
        csrw mie, t0
        ld a0, 0(s2)
        addi a0, a0, 100
        sd a0, 0(s1)
        EXPECT_TRAP_M
        li s3, 100000                           # bound, in case wfi returns early
9:      wfi
        csrr a0, mip
        andi a0, a0, MIP_MTIP
        bnez a0, 10f
        addi s3, s3, -1
        bnez s3, 9b
10:     CHECK(a0, MIP_MTIP, 16)
        CHECK_NO_TRAP_M(17)
        ld a0, 0(s2)
        ld a1, 0(s1)
        sltu a0, a0, a1
        CHECK(a0, 0, 18)                        # mtime >= mtimecmp
        li a0, -1
        sd a0, 0(s1)
        csrr a0, mip
        andi a0, a0, MIP_MTIP
        CHECK(a0, 0, 19)

        # ---- timer interrupt taken out of wfi: mepc = the instruction after wfi
        ld a0, 0(s2)
        addi a0, a0, 100
        sd a0, 0(s1)
        li t0, MIP_MTIP
        csrw mie, t0
        EXPECT_TRAP_M
        csrsi mstatus, MSTATUS_MIE
        li s3, 100000
11:     wfi
12:     ld a0, TA_M_CAUSE(tp)
        li a1, NO_TRAP
        bne a0, a1, 13f
        addi s3, s3, -1
        bnez s3, 11b
13:     csrci mstatus, MSTATUS_MIE
        CHECK_MCAUSE(IRQ(IRQ_M_TIMER), 20)
        CHECK_MEPC(12b, 21)
        li a0, -1
        sd a0, 0(s1)

        # ---- priority: MSI before MTI when both are pending and enabled
        li a0, 1
        sw a0, 0(s0)
        sd zero, 0(s1)                          # mtimecmp = 0: MTIP
        li t0, MIP_MSIP | MIP_MTIP
        csrw mie, t0
        EXPECT_TRAP_M
        csrsi mstatus, MSTATUS_MIE
        csrci mstatus, MSTATUS_MIE
        CHECK_MCAUSE(IRQ(IRQ_M_SOFT), 22)
        sw zero, 0(s0)
        li t0, MIP_MTIP
        csrw mie, t0
        EXPECT_TRAP_M
        csrsi mstatus, MSTATUS_MIE
        csrci mstatus, MSTATUS_MIE
        CHECK_MCAUSE(IRQ(IRQ_M_TIMER), 23)
        li a0, -1
        sd a0, 0(s1)

        # ---- in S and U, M interrupts are taken even with mstatus.MIE = 0
        li a0, 1
        sw a0, 0(s0)
        li t0, MIP_MSIP
        csrw mie, t0
        li t0, MSTATUS_MPIE | MSTATUS_MIE
        csrc mstatus, t0
        EXPECT_TRAP_M
        GOTO_S(s_code)                          # taken before the first S instruction
s_code: CHECK_MCAUSE(IRQ(IRQ_M_SOFT), 24)
        CHECK_MEPC(s_code, 25)
        CHECK_M_FROM(PRV_S, 26)
        RETURN_TO_M
        li t0, MIP_MSIP
        csrw mie, t0
        li t0, MSTATUS_MPIE | MSTATUS_MIE
        csrc mstatus, t0
        EXPECT_TRAP_M
        GOTO_U(u_code)
u_code: CHECK_MCAUSE(IRQ(IRQ_M_SOFT), 27)
        CHECK_MEPC(u_code, 28)
        CHECK_M_FROM(PRV_U, 29)
        RETURN_TO_M
        sw zero, 0(s0)

        # ---- vectored mtvec: interrupt N -> base + 4N; exceptions -> base
        la t0, vec_table
        ori t0, t0, 1
        csrw mtvec, t0
        la s4, vec_hits
        li a0, 1
        sw a0, 0(s0)
        li t0, MIP_MSIP
        csrw mie, t0
        csrsi mstatus, MSTATUS_MIE              # -> vector 3
        csrci mstatus, MSTATUS_MIE
        sd zero, 0(s1)
        li t0, MIP_MTIP
        csrw mie, t0
        csrsi mstatus, MSTATUS_MIE              # -> vector 7
        csrci mstatus, MSTATUS_MIE
        ecall                                   # -> vector 0
        la t0, trap_m
        csrw mtvec, t0
        ld a0, 0(s4)
        CHECK(a0, 1, 30)
        ld a0, 3*8(s4)
        CHECK(a0, 1, 31)
        ld a0, 7*8(s4)
        CHECK(a0, 1, 32)
        ld a0, 8*8(s4)                          # total entries
        CHECK(a0, 3, 33)
        TEST_PASS

        # every vector entry is a 4-byte jump
        .balign 64
vec_table:
        j vec_0
        j vec_bad
        j vec_bad
        j vec_3
        j vec_bad
        j vec_bad
        j vec_bad
        j vec_7
        j vec_bad
        j vec_bad
        j vec_bad
        j vec_bad
vec_0:  li t0, 0                                # exception: skip the ecall
        csrr t1, mepc
        addi t1, t1, 4
        csrw mepc, t1
        j vec_count
vec_3:  li t0, 3
        li t1, CLINT_MSIP
        sw zero, 0(t1)                          # clear the source
        j vec_count
vec_7:  li t0, 7
        li t1, -1
        li t2, CLINT_MTIMECMP
        sd t1, 0(t2)
vec_count:
        slli t0, t0, 3
        add t0, t0, s4
        ld t1, 0(t0)
        addi t1, t1, 1
        sd t1, 0(t0)
        ld t1, 64(s4)
        addi t1, t1, 1
        sd t1, 64(s4)
        mret
vec_bad:
        li gp, 34
        csrr t5, mcause
        li t6, 0
        j test_fail
        .option pop

        .data
        .balign 8
vec_hits: .zero 9*8
