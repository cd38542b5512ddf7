# Supervisor interrupts: SSIP / STIP / SEIP raised by M through mip and delegated with mideleg land
# in S (scause = 2^63 + 1 / 5 / 9, sepc = next instruction); sstatus.SIE masks them in S but not
# in U; delegated interrupts are never taken in M; a non-delegated SSIP goes to M even from S;
# M interrupts beat S ones; S cannot clear STIP through sip (read-only there) but can clear SSIP;
# vectored stvec.
#include "macros.h"

#define IRQ(n) ((1 << 63) | (n))

TEST_BEGIN
        .option push
        .option norvc
        SET_STVEC_DEFAULT
        li s1, CLINT_MTIMECMP
        li a0, -1
        sd a0, 0(s1)                            # no machine timer interrupt in this test
        li t0, MIP_SSIP | MIP_STIP | MIP_SEIP
        csrw mideleg, t0

        # ---- delegated SSIP in M: never taken, even with SIE = 1 and MIE = 1
        li t0, MIP_SSIP
        csrw mie, t0
        csrs mip, t0
        csrsi sstatus, MSTATUS_SIE
        csrsi mstatus, MSTATUS_MIE
        EXPECT_TRAP_M
        EXPECT_TRAP_S
        nop
        csrr a0, mip
        CHECK_NO_TRAP_M(1)
        CHECK_NO_TRAP_S(2)
        andi a0, a0, MIP_SSIP
        CHECK(a0, MIP_SSIP, 3)
        csrci mstatus, MSTATUS_MIE

        # ---- in S with SIE = 0: pending, not taken; setting SIE takes it at once
        csrci sstatus, MSTATUS_SIE
        GOTO_S(s_1)
s_1:    EXPECT_TRAP_S
        csrr a0, sip
        CHECK_NO_TRAP_S(4)
        CHECK(a0, MIP_SSIP, 5)
        EXPECT_TRAP_S
        csrsi sstatus, MSTATUS_SIE
6:      CHECK_SCAUSE(IRQ(IRQ_S_SOFT), 6)
        CHECK_SEPC(6b, 7)
        CHECK_STVAL(0, 8)
        CHECK_S_FROM(PRV_S, 9)
        ld a0, TA_S_STATUS(tp)
        andi a0, a0, MSTATUS_SPIE | MSTATUS_SIE
        CHECK(a0, MSTATUS_SPIE, 10)             # inside the handler: SIE = 0, SPIE = 1
        csrr a0, sie
        CHECK(a0, 0, 11)                        # trap_s cleared sie
        csrci sip, MIP_SSIP                     # S may clear SSIP
        csrr a0, sip
        CHECK(a0, 0, 12)
        csrci sstatus, MSTATUS_SIE
        RETURN_TO_M

        # ---- in U, S interrupts are taken whatever sstatus.SIE
        li t0, MIP_SSIP
        csrw mie, t0
        csrs mip, t0
        csrci sstatus, MSTATUS_SIE
        EXPECT_TRAP_S
        GOTO_U(u_1)
u_1:    CHECK_SCAUSE(IRQ(IRQ_S_SOFT), 13)
        CHECK_SEPC(u_1, 14)
        CHECK_S_FROM(PRV_U, 15)
        RETURN_TO_M
        csrci mip, MIP_SSIP

        # ---- supervisor timer: STIP written by M, S cannot clear it through sip
        li t0, MIP_STIP
        csrw mie, t0
        csrs mip, t0
        csrsi sstatus, MSTATUS_SIE
        EXPECT_TRAP_S
        GOTO_S(s_2)
s_2:    CHECK_SCAUSE(IRQ(IRQ_S_TIMER), 16)
        CHECK_SEPC(s_2, 17)
        li t0, MIP_STIP
        csrc sip, t0                            # no effect
        csrr a0, sip
        CHECK(a0, MIP_STIP, 18)
        RETURN_TO_M
        li t0, MIP_STIP
        csrc mip, t0
        csrr a0, mip
        andi a0, a0, MIP_STIP
        CHECK(a0, 0, 19)

        # ---- supervisor external: SEIP written by M
        li t0, MIP_SEIP
        csrw mie, t0
        csrs mip, t0
        csrsi sstatus, MSTATUS_SIE
        EXPECT_TRAP_S
        GOTO_S(s_3)
s_3:    CHECK_SCAUSE(IRQ(IRQ_S_EXT), 20)
        RETURN_TO_M
        li t0, MIP_SEIP
        csrc mip, t0
        csrr a0, mip
        andi a0, a0, MIP_SEIP
        CHECK(a0, 0, 21)

        # ---- S-level priority: SEI > SSI > STI
        li t0, MIP_SSIP | MIP_STIP
        csrw mie, t0
        csrs mip, t0
        csrci sstatus, MSTATUS_SIE
        GOTO_S(s_4)
s_4:    EXPECT_TRAP_S
        csrsi sstatus, MSTATUS_SIE
        CHECK_SCAUSE(IRQ(IRQ_S_SOFT), 22)
        RETURN_TO_M
        csrci mip, MIP_SSIP
        li t0, MIP_STIP
        csrw mie, t0
        csrci sstatus, MSTATUS_SIE
        GOTO_S(s_5)
s_5:    EXPECT_TRAP_S
        csrsi sstatus, MSTATUS_SIE
        CHECK_SCAUSE(IRQ(IRQ_S_TIMER), 23)
        RETURN_TO_M
        li t0, MIP_STIP
        csrc mip, t0

        # ---- not delegated: SSIP from S goes to M (M-level interrupts are enabled below M)
        li t0, MSTATUS_MPIE | MSTATUS_MIE
        csrc mstatus, t0
        csrw mideleg, zero
        li t0, MIP_SSIP
        csrw mie, t0
        csrs mip, t0
        EXPECT_TRAP_M
        GOTO_S(s_6)
s_6:    CHECK_MCAUSE(IRQ(IRQ_S_SOFT), 24)
        CHECK_MEPC(s_6, 25)
        CHECK_M_FROM(PRV_S, 26)
        RETURN_TO_M
        csrci mip, MIP_SSIP

        # ---- M interrupt beats a pending, enabled, delegated S interrupt
        li t0, MSTATUS_MPIE | MSTATUS_MIE
        csrc mstatus, t0
        li t0, MIP_SSIP
        csrw mideleg, t0
        li t0, MIP_SSIP | MIP_MSIP
        csrw mie, t0
        li t0, MIP_SSIP
        csrs mip, t0
        li a0, 1
        li a1, CLINT_MSIP
        sw a0, 0(a1)
        csrsi sstatus, MSTATUS_SIE
        EXPECT_TRAP_M
        GOTO_S(s_7)
s_7:    CHECK_MCAUSE(IRQ(IRQ_M_SOFT), 27)
        li a1, CLINT_MSIP
        sw zero, 0(a1)
        EXPECT_TRAP_S                           # trap_m cleared mie: re-enable the S one from M
        RETURN_TO_M
        li t0, MIP_SSIP
        csrw mie, t0
        GOTO_S(s_8)
s_8:    CHECK_SCAUSE(IRQ(IRQ_S_SOFT), 28)
        RETURN_TO_M
        csrci mip, MIP_SSIP

        # ---- vectored stvec: SSI -> base + 4, STI -> base + 20
        la t0, svec_table
        ori t0, t0, 1
        csrw stvec, t0
        la s4, svec_hits
        li t0, MIP_SSIP | MIP_STIP
        csrw mideleg, t0
        csrw mie, t0
        csrs mip, t0
        csrci sstatus, MSTATUS_SIE
        GOTO_S(s_9)
s_9:    csrsi sstatus, MSTATUS_SIE              # SSI first, then STI
        csrci sstatus, MSTATUS_SIE
        RETURN_TO_M
        SET_STVEC_DEFAULT
        ld a0, 8(s4)
        CHECK(a0, 1, 29)
        ld a0, 40(s4)
        CHECK(a0, 1, 30)
        csrw mie, zero
        csrw mip, zero
        csrw mideleg, zero
        TEST_PASS

        .balign 64
svec_table:
        j svec_bad
        j svec_1
        j svec_bad
        j svec_bad
        j svec_bad
        j svec_5
        j svec_bad
svec_1: csrci sip, MIP_SSIP
        ld t0, 8(s4)
        addi t0, t0, 1
        sd t0, 8(s4)
        sret
svec_5: li t0, MIP_STIP                         # S cannot clear STIP: disable it instead
        csrc sie, t0
        ld t0, 40(s4)
        addi t0, t0, 1
        sd t0, 40(s4)
        sret
svec_bad:
        li gp, 31
        csrr t5, scause
        li t6, 0
        j test_fail
        .option pop

        .data
        .balign 8
svec_hits: .zero 8*8
