# Privilege transitions: mret / sret bookkeeping (MPP/MPIE/MIE, SPP/SPIE/SIE, xPP reset to U, MPRV
# cleared when leaving M), traps recording the previous privilege and interrupt-enable, mret/sret
# privilege checks (sret in U, mret in S/U illegal), mstatus.TSR (sret in S), TVM (satp and
# sfence.vma in S), TW (wfi in S) and wfi in U being illegal (Spike: always, S is implemented).
#include "macros.h"

#define FIELD(reg, shift, mask) srli reg, reg, shift; andi reg, reg, mask

TEST_BEGIN
        .option push
        .option norvc
        SET_STVEC_DEFAULT
        # ---- mret to M: MIE <- MPIE, MPIE <- 1, MPP <- U (least privileged)
        li t0, MSTATUS_MIE | MSTATUS_MPIE
        csrc mstatus, t0
        li t0, MSTATUS_MPP
        csrs mstatus, t0                        # MPP = M
        la t0, 1f
        csrw mepc, t0
        mret
1:      csrr a0, mstatus
        mv a1, a0
        FIELD(a1, 11, 3)
        CHECK(a1, PRV_U, 1)
        mv a1, a0
        FIELD(a1, 7, 1)
        CHECK(a1, 1, 2)                         # MPIE = 1
        mv a1, a0
        FIELD(a1, 3, 1)
        CHECK(a1, 0, 3)                         # MIE = old MPIE = 0
        # again with MPIE = 1: MIE becomes 1 (mie = 0, so nothing can fire)
        li t0, MSTATUS_MPP | MSTATUS_MPIE
        csrs mstatus, t0
        la t0, 2f
        csrw mepc, t0
        mret
2:      csrr a0, mstatus
        FIELD(a0, 3, 1)
        CHECK(a0, 1, 4)
        li t0, MSTATUS_MIE
        csrc mstatus, t0

        # ---- M -> S with MPIE = 1: the ecall from S records MPP = S, MPIE = S's MIE (= 1), MIE = 0
        li t0, MSTATUS_MPIE
        csrs mstatus, t0
        GOTO_S(s_1)
s_1:    EXPECT_TRAP_M
        ecall
        CHECK_MCAUSE(CAUSE_ECALL_S, 5)
        ld a0, TA_M_STATUS(tp)
        mv a1, a0
        FIELD(a1, 11, 3)
        CHECK(a1, PRV_S, 6)
        mv a1, a0
        FIELD(a1, 7, 1)
        CHECK(a1, 1, 7)
        mv a1, a0
        FIELD(a1, 3, 1)
        CHECK(a1, 0, 8)
        RETURN_TO_M
        # the trap set MIE = 0 in M; with MPIE = 0 before mret, S runs with MIE = 0
        li t0, MSTATUS_MPIE
        csrc mstatus, t0
        GOTO_S(s_2)
s_2:    EXPECT_TRAP_M
        ecall
        ld a0, TA_M_STATUS(tp)
        FIELD(a0, 7, 1)
        CHECK(a0, 0, 9)

        # ---- S -> S via sret: SIE <- SPIE, SPIE <- 1, SPP <- U
        li t0, MSTATUS_SIE | MSTATUS_SPIE
        csrc sstatus, t0
        li t0, MSTATUS_SPP
        csrs sstatus, t0
        la t0, 3f
        csrw sepc, t0
        sret
3:      csrr a0, sstatus
        mv a1, a0
        FIELD(a1, 8, 1)
        CHECK(a1, 0, 10)                        # SPP = U
        mv a1, a0
        FIELD(a1, 5, 1)
        CHECK(a1, 1, 11)                        # SPIE = 1
        mv a1, a0
        FIELD(a1, 1, 1)
        CHECK(a1, 0, 12)                        # SIE = old SPIE = 0
        # ---- S -> U via sret, then ecall from U lands in M
        GOTO_U_FROM_S(u_1)
u_1:    EXPECT_TRAP_M
4:      ecall
        CHECK_TRAP_M(CAUSE_ECALL_U, 4b, 0, 13)
        CHECK_M_FROM(PRV_U, 14)

        # ---- privileged-return checks
        EXPECT_TRAP_M
5:      sret                                    # in U
        CHECK_TRAP_M(CAUSE_ILLEGAL, 5b, 0x10200073, 15)
        EXPECT_TRAP_M
6:      mret                                    # in U
        CHECK_TRAP_M(CAUSE_ILLEGAL, 6b, 0x30200073, 16)
        EXPECT_TRAP_M
7:      wfi                                     # in U: illegal (S-mode exists)
        CHECK_TRAP_M(CAUSE_ILLEGAL, 7b, 0x10500073, 17)
        EXPECT_TRAP_M
8:      sfence.vma                              # in U
        CHECK_TRAP_M(CAUSE_ILLEGAL, 8b, 0x12000073, 18)
        RETURN_TO_M
        GOTO_S(s_3)
s_3:    EXPECT_TRAP_M
9:      mret                                    # in S
        CHECK_TRAP_M(CAUSE_ILLEGAL, 9b, 0x30200073, 19)
        CHECK_M_FROM(PRV_S, 20)
        RETURN_TO_M

        # ---- TSR: sret in S traps; sret in M does not
        li t0, MSTATUS_TSR
        csrs mstatus, t0
        GOTO_S(s_4)
s_4:    la t0, 10f
        csrw sepc, t0
        EXPECT_TRAP_M
11:     sret
        CHECK_TRAP_M(CAUSE_ILLEGAL, 11b, 0x10200073, 21)
        RETURN_TO_M
        li t0, MSTATUS_SPP
        csrs mstatus, t0                        # SPP = S
        la t0, 10f
        csrw sepc, t0
        sret                                    # from M: fine, continues at 10f in S
        li gp, 22
        j test_fail
10:     EXPECT_TRAP_M
        ecall
        CHECK_MCAUSE(CAUSE_ECALL_S, 22)
        RETURN_TO_M
        li t0, MSTATUS_TSR
        csrc mstatus, t0

        # ---- TVM: satp and sfence.vma in S trap
        li t0, MSTATUS_TVM
        csrs mstatus, t0
        GOTO_S(s_5)
s_5:    EXPECT_TRAP_M
12:     csrr a0, satp
        CHECK_TRAP_M(CAUSE_ILLEGAL, 12b, 0x18002573, 23)
        EXPECT_TRAP_M
13:     csrw satp, zero
        CHECK_TRAP_M(CAUSE_ILLEGAL, 13b, 0x18001073, 24)
        EXPECT_TRAP_M
14:     sfence.vma
        CHECK_TRAP_M(CAUSE_ILLEGAL, 14b, 0x12000073, 25)
        RETURN_TO_M
        li t0, MSTATUS_TVM
        csrc mstatus, t0
        GOTO_S(s_6)
s_6:    EXPECT_TRAP_M                           # without TVM all three are fine in S
        csrr a0, satp
        csrw satp, zero
        sfence.vma
        CHECK_NO_TRAP_M(26)
        RETURN_TO_M

        # ---- TW: wfi in S traps.  Without TW, wfi in S with an interrupt pending (SSIP, delegated,
        # enabled in sie, but sstatus.SIE = 0 so not taken) just completes.
        li t0, MSTATUS_TW
        csrs mstatus, t0
        GOTO_S(s_7)
s_7:    EXPECT_TRAP_M
15:     wfi
        CHECK_TRAP_M(CAUSE_ILLEGAL, 15b, 0x10500073, 27)
        RETURN_TO_M
        li t0, MSTATUS_TW
        csrc mstatus, t0
        li t0, MIP_SSIP
        csrs mideleg, t0
        csrs mie, t0
        csrs mip, t0
        li t0, MSTATUS_SIE
        csrc mstatus, t0
        GOTO_S(s_8)
s_8:    EXPECT_TRAP_M
        wfi
        CHECK_NO_TRAP_M(28)
        csrr a0, sip
        andi a0, a0, MIP_SSIP
        CHECK(a0, MIP_SSIP, 29)                 # still pending, never taken
        csrci sip, MIP_SSIP
        RETURN_TO_M
        csrw mie, zero
        csrw mideleg, zero
        # wfi in M with TW = 1 is fine (pending + enabled in mie but MIE = 0: no trap, no sleep)
        li t0, MSTATUS_MIE
        csrc mstatus, t0
        li t0, MSTATUS_TW
        csrs mstatus, t0
        li t0, MIP_SSIP
        csrs mie, t0
        csrs mip, t0
        EXPECT_TRAP_M
        wfi
        CHECK_NO_TRAP_M(30)
        csrw mie, zero
        csrw mip, zero
        li t0, MSTATUS_TW
        csrc mstatus, t0

        # ---- MPRV is cleared by mret to a lower privilege and by sret
        li t0, MSTATUS_MPRV
        csrs mstatus, t0
        GOTO_S(s_9)                             # MPP = S while MPRV = 1 only for the mret itself
s_9:    EXPECT_TRAP_M
        ecall
        ld a0, TA_M_STATUS(tp)
        FIELD(a0, 17, 1)
        CHECK(a0, 0, 31)
        RETURN_TO_M
        li t0, MSTATUS_MPRV | MSTATUS_MPP
        csrs mstatus, t0                        # MPRV with MPP = M: no effect in M
        li t0, MSTATUS_SPP
        csrs mstatus, t0
        la t0, 16f
        csrw sepc, t0
        sret                                    # M -> S via sret
16:     EXPECT_TRAP_M
        ecall
        ld a0, TA_M_STATUS(tp)
        mv a1, a0
        FIELD(a1, 17, 1)
        CHECK(a1, 0, 32)                        # MPRV cleared by sret
        FIELD(a0, 11, 3)
        CHECK(a0, PRV_S, 33)
        RETURN_TO_M
        # mret to M keeps MPRV
        li t0, MSTATUS_MPRV | MSTATUS_MPP
        csrs mstatus, t0
        la t0, 17f
        csrw mepc, t0
        mret
17:     csrr a0, mstatus
        FIELD(a0, 17, 1)
        CHECK(a0, 1, 34)
        li t0, MSTATUS_MPRV
        csrc mstatus, t0
        .option pop
        TEST_PASS
