# Spike's scheduling quantum, tested explicitly (one hart).  Spike runs a hart for 5000 instructions
# at a time; at the end of each quantum the CLINT ticks (mtime += 50), HTIF polls tohost and the LR
# reservation is dropped.  Pending interrupts are only looked at when a quantum starts and around
# serialising instructions (CSR accesses: before and after them; mret/sret, wfi), not after an
# MMIO store.  A trap ends the
# quantum at once (the rest is forfeited).  A hart in wfi gives up the rest of its quantum, and every
# further quantum it spends waiting counts one instruction in minstret/mcycle.
# Each "sync" below is an ecall: it ends the current quantum, so what follows starts a fresh one.
#include "macros.h"

#define SYNC EXPECT_TRAP_M; ecall

TEST_BEGIN
        .option push
        .option norvc
        li s2, CLINT_MTIME
        li s1, CLINT_MTIMECMP
        li a0, -1
        sd a0, 0(s1)
        # ---- a trap ends the quantum: mtime += 50 across an ecall, nothing across CSR writes
        SYNC
        ld s3, 0(s2)
        SYNC
        ld s4, 0(s2)
        sub a0, s4, s3
        CHECK(a0, 50, 1)
        csrw mscratch, zero
        csrw mscratch, zero
        csrr a1, mstatus
        ld s5, 0(s2)
        sub a0, s5, s4
        CHECK(a0, 0, 2)
        # ---- the quantum is 5000 instructions: ~4000 after a sync mtime has not moved, ~6000 has
        SYNC
        ld s3, 0(s2)
        li a1, 2000                             # 2 instructions per iteration
1:      addi a1, a1, -1
        bnez a1, 1b
        ld s4, 0(s2)
        sub a0, s4, s3
        CHECK(a0, 0, 3)
        li a1, 1000
2:      addi a1, a1, -1
        bnez a1, 2b
        ld s4, 0(s2)
        sub a0, s4, s3
        CHECK(a0, 50, 4)

        # ---- HTIF is polled at quantum ends: a console write is still in tohost right after it
        SYNC
        li a0, (1 << 56) | (1 << 48) | '.'
        la t0, tohost
        sd a0, 0(t0)
        ld a1, 0(t0)
        CHECK(a1, (1 << 56) | (1 << 48) | '.', 5)
        SYNC
        la t0, tohost
        ld a1, 0(t0)
        CHECK(a1, 0, 6)
        li a0, (1 << 56) | (1 << 48) | '\n'
        sd a0, 0(t0)
        SYNC

        # ---- wfi: waiting quanta count 1 each in minstret; mtime moves 50 per quantum
        li t0, MIP_MTIP
        csrw mie, t0
        SYNC
        ld a0, 0(s2)
        addi a0, a0, 120                        # 3 ticks away
        sd a0, 0(s1)
        ld s3, 0(s2)
        csrr s6, minstret
        wfi                                     # this quantum ends; 2 more idle ones; MTIP
        csrr s7, minstret
        ld s4, 0(s2)
        sub a0, s4, s3
        CHECK(a0, 150, 7)
        sub a0, s7, s6
        CHECK(a0, 4, 8)                         # csrr + wfi + 2 idle quanta
        li a0, -1
        sd a0, 0(s1)
        csrw mie, zero

        # ---- an interrupt made pending by an MMIO store waits for the next serialising instruction
        li t0, MIP_MSIP
        csrw mie, t0
        csrsi mstatus, MSTATUS_MIE
        SYNC
        EXPECT_TRAP_M
        li t0, CLINT_MSIP
        li a0, 1
        sw a0, 0(t0)                            # MSIP pending and enabled from here on
        nop
        nop
9:      csrr a0, mscratch                       # Spike takes the interrupt here, before the csrr
        csrci mstatus, MSTATUS_MIE
        CHECK_MCAUSE((1 << 63) | IRQ_M_SOFT, 9)
        CHECK_MEPC(9b, 10)
        li t0, CLINT_MSIP
        sw zero, 0(t0)

        # ---- the reservation is dropped at the quantum end (here: forced by a trap)
        la s0, cell
        lr.d a0, (s0)
        SYNC
        sc.d a1, a0, (s0)
        CHECK(a1, 1, 11)
        .option pop
        TEST_PASS

        .data
        .balign 8
cell:   .dword 0
