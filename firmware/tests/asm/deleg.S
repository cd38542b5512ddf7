# Exception delegation (medeleg): delegated exceptions from S and U land at stvec with
# scause / sepc / stval and the SPP / SPIE / SIE bookkeeping, leaving mcause / mepc / mtval alone;
# non-delegated ones still go to M; delegation never applies to traps taken in M; ecall from U (8)
# and from S (9; Spike allows delegating it) are delegable, ecall from M (11) is not.
#include "macros.h"

TEST_BEGIN
        .option push
        .option norvc
        SET_STVEC_DEFAULT
        li t0, (1 << CAUSE_ILLEGAL) | (1 << CAUSE_ECALL_U) | (1 << CAUSE_MISALIGNED_LOAD) | (1 << CAUSE_LOAD_ACCESS)
        csrw medeleg, t0
        li t0, 0x5a5a
        csrw mcause, t0
        csrw mepc, zero
        csrw mtval, zero

        # ---- from S: delegated illegal instruction goes to S, SIE/SPIE/SPP updated
        GOTO_S(s_code)
s_code: csrsi sstatus, MSTATUS_SIE              # SIE = 1 (sie = 0: nothing can interrupt)
        EXPECT_TRAP_M
        EXPECT_TRAP_S
1:      .word 0xfe000033
        CHECK_NO_TRAP_M(1)
        CHECK_TRAP_S(CAUSE_ILLEGAL, 1b, 0xfe000033, 2)
        CHECK_S_FROM(PRV_S, 3)
        ld a0, TA_S_STATUS(tp)                  # sstatus inside the handler
        andi a1, a0, MSTATUS_SIE
        CHECK(a1, 0, 4)
        andi a1, a0, MSTATUS_SPIE
        CHECK(a1, MSTATUS_SPIE, 5)
        csrr a0, sstatus                        # after sret: SIE restored, SPIE = 1, SPP = U
        andi a1, a0, MSTATUS_SIE
        CHECK(a1, MSTATUS_SIE, 6)
        andi a1, a0, MSTATUS_SPP
        CHECK(a1, 0, 7)
        csrci sstatus, MSTATUS_SIE
        # delegated misaligned load / load access fault: stval = address
        la s0, buf
        EXPECT_TRAP_S
2:      lw a0, 2(s0)
        CHECK_TRAP_S_LA(CAUSE_MISALIGNED_LOAD, 2b, buf + 2, 8)
        li s1, UNMAPPED_PA
        EXPECT_TRAP_S
3:      ld a0, 16(s1)
        CHECK_TRAP_S(CAUSE_LOAD_ACCESS, 3b, UNMAPPED_PA + 16, 9)
        # not delegated: store access fault and breakpoint go to M
        EXPECT_TRAP_M
4:      sd a0, 0(s1)
        CHECK_TRAP_M(CAUSE_STORE_ACCESS, 4b, UNMAPPED_PA, 10)
        CHECK_M_FROM(PRV_S, 11)
        EXPECT_TRAP_M
5:      ebreak
        CHECK_TRAP_M_LA(CAUSE_BREAKPOINT, 5b, 5b, 12)
        # ecall from S is not delegated (bit 9 clear): M
        EXPECT_TRAP_M
6:      ecall
        CHECK_TRAP_M(CAUSE_ECALL_S, 6b, 0, 13)

        # ---- from U: delegated ecall and illegal instruction go to S with SPP = U
        GOTO_U_FROM_S(u_code)
u_code: EXPECT_TRAP_S
7:      ecall
        CHECK_TRAP_S(CAUSE_ECALL_U, 7b, 0, 14)
        CHECK_S_FROM(PRV_U, 15)
        EXPECT_TRAP_S
8:      .word 0xc0001073
        CHECK_TRAP_S(CAUSE_ILLEGAL, 8b, 0xc0001073, 16)
        CHECK_S_FROM(PRV_U, 17)
        EXPECT_TRAP_M                           # store access fault: not delegated
9:      sw a0, 4(s1)
        CHECK_TRAP_M(CAUSE_STORE_ACCESS, 9b, UNMAPPED_PA + 4, 18)
        CHECK_M_FROM(PRV_U, 19)
        RETURN_TO_M                             # delegated ecall from U: trap_s forwards it
        # the M trap CSRs were only written by the M traps above
        csrr a0, mcause
        CHECK(a0, CAUSE_ECALL_S, 20)            # the forwarding ecall from trap_s

        # ---- delegation never applies to traps in M
        li t0, -1
        csrw medeleg, t0
        EXPECT_TRAP_M
10:     .word 0xfe000033
        CHECK_TRAP_M(CAUSE_ILLEGAL, 10b, 0xfe000033, 21)
        EXPECT_TRAP_M
11:     ecall
        CHECK_TRAP_M(CAUSE_ECALL_M, 11b, 0, 22)
        csrr a0, medeleg
        srli a0, a0, CAUSE_ECALL_M
        andi a0, a0, 1
        CHECK(a0, 0, 23)                        # bit 11 is read-only 0

        # ---- ecall from S delegated (medeleg bit 9): handled in S itself
        li t0, (1 << CAUSE_ECALL_S) | (1 << CAUSE_BREAKPOINT)
        csrw medeleg, t0
        GOTO_S(s_code2)
s_code2:
        EXPECT_TRAP_S
12:     ecall
        CHECK_TRAP_S(CAUSE_ECALL_S, 12b, 0, 24)
        CHECK_S_FROM(PRV_S, 25)
        EXPECT_TRAP_S
13:     ebreak
        CHECK_TRAP_S_LA(CAUSE_BREAKPOINT, 13b, 13b, 26)
        EXPECT_TRAP_M                           # illegal no longer delegated
14:     .word 0xfe000033
        CHECK_TRAP_M(CAUSE_ILLEGAL, 14b, 0xfe000033, 27)
        RETURN_TO_M                             # delegated S ecall: trap_s falls back to an illegal insn
        csrr a0, mcause
        CHECK(a0, CAUSE_ILLEGAL, 28)
        csrw medeleg, zero
        .option pop
        TEST_PASS

        .data
        .balign 8
buf:    .dword 0, 0
