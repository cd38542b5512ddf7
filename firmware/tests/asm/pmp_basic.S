# Physical memory protection as Spike implements it (16 entries, 4-byte granularity).  With no active
# entry, M has full access but S/U have none (instruction access fault on the first S fetch).  TOR and
# NAPOT entries grant R/W/X to S and U, the lowest-numbered matching entry wins, unlocked entries do
# not restrict M, a locked entry restricts M too and ignores later writes to its pmpcfg / pmpaddr.
# CSR details: pmpaddr holds 54 bits; R=0/W=1 is not a legal pmpcfg (W is dropped).
# _start has already set entry 0 to NAPOT over everything (as riscv-tests do).
#include "macros.h"

TEST_BEGIN
        .option push
        .option norvc
        # ---- the prelude's entry 0: NAPOT RWX over 2^56 bytes
        csrr a0, pmpaddr0
        CHECK(a0, (1 << 53) - 1, 1)
        csrr a0, pmpcfg0
        CHECK(a0, 0x1f, 2)
        li a1, -1
        csrw pmpaddr1, a1                       # entry 1 off: reads back the stored 54 bits
        csrr a0, pmpaddr1
        CHECK(a0, 0x003fffffffffffff, 3)
        li a1, 0x1a00 | 0x1f                    # entry 1 = NAPOT | W (R = 0): W dropped
        csrw pmpcfg0, a1
        csrr a0, pmpcfg0
        CHECK(a0, 0x181f, 4)

        # ---- no active entry: M still fine, S cannot even fetch
        csrw pmpcfg0, zero
        la s0, scratch
        li a1, 0x77
        sd a1, 0(s0)
        ld a0, 0(s0)
        CHECK(a0, 0x77, 5)
        la t0, deny_handler
        csrw mtvec, t0
        la s7, 6f                               # deny_handler resumes here, in M
        li s4, 0
        GOTO_S(s_denied)
6:      la t0, trap_m
        csrw mtvec, t0
        CHECK(s4, CAUSE_FETCH_ACCESS, 6)
        CHECK_LA(s5, s_denied, 7)               # mepc
        CHECK_LA(s6, s_denied, 8)               # mtval
        CHECK(s8, PRV_S, 9)                     # MPP

        # ---- entry 0: TOR [0, trap_area) R X (code, tohost); entry 2: NAPOT everything R W
        la t0, trap_area
        srli t0, t0, 2
        csrw pmpaddr0, t0
        li t0, (1 << 53) - 1
        csrw pmpaddr2, t0
        li t0, (0x1b << 16) | 0x0d              # cfg2 = NAPOT|R|W, cfg0 = TOR|R|X
        csrw pmpcfg0, t0
        csrr a0, pmpcfg0
        CHECK(a0, (0x1b << 16) | 0x0d, 10)
        GOTO_S(s_code)
s_code:
        la s1, test_body
        lw a0, 0(s1)                            # code is readable
        EXPECT_TRAP_M
11:     sw a0, 0(s1)                            # ... but not writable (entry 0 wins over entry 2)
        CHECK_TRAP_M_LA(CAUSE_STORE_ACCESS, 11b, test_body, 11)
        la s2, scratch
        li a1, 0x88
        sd a1, 8(s2)
        ld a0, 8(s2)
        CHECK(a0, 0x88, 12)
        la s3, data_code                        # data is not executable
        EXPECT_TRAP_M_AT(13f)
        jalr ra, 0(s3)
13:     CHECK_TRAP_M_LA(CAUSE_FETCH_ACCESS, data_code, data_code, 13)
        RETURN_TO_M
        # ---- the same rules for U
        GOTO_U(u_code)
u_code: la s1, test_body
        EXPECT_TRAP_M
15:     sw a0, 0(s1)
        CHECK_TRAP_M_LA(CAUSE_STORE_ACCESS, 15b, test_body, 15)
        CHECK_M_FROM(PRV_U, 16)
        RETURN_TO_M
        # ---- unlocked entries do not restrict M
        la s1, test_body
        lw a0, 0(s1)
        sw a0, 0(s1)
        fence.i

        # ---- entry 1: locked NAPOT (8 bytes) over `locked` with R only: binds M too
        la t0, locked
        srli t0, t0, 2                          # 8-byte NAPOT: pmpaddr = base >> 2 (bit 0 = 0)
        csrw pmpaddr1, t0
        li t0, 0x99 << 8                        # L | NAPOT | R
        csrs pmpcfg0, t0
        la s1, locked
        ld a0, 0(s1)
        CHECK(a0, 0x1111, 17)
        EXPECT_TRAP_M
18:     sd zero, 0(s1)
        CHECK_TRAP_M_LA(CAUSE_STORE_ACCESS, 18b, locked, 18)
        ld a0, 8(s1)                            # the next dword is outside the entry
        sd a0, 8(s1)
        li t0, 0xff << 8
        csrc pmpcfg0, t0                        # ignored: locked
        csrr a0, pmpcfg0
        srli a0, a0, 8
        andi a0, a0, 0xff
        CHECK(a0, 0x99, 19)
        csrr a1, pmpaddr1
        csrw pmpaddr1, zero                     # ignored: locked
        csrr a0, pmpaddr1
        CHECK_REG(a0, a1, 20)
        .option pop
        TEST_PASS

s_denied:                                       # never executes
        li gp, 21
        j test_fail

        .balign 4
deny_handler:
        csrr s4, mcause
        csrr s5, mepc
        csrr s6, mtval
        csrr s8, mstatus
        srli s8, s8, 11
        andi s8, s8, 3
        li t0, MSTATUS_MPP
        csrs mstatus, t0                        # back to M
        csrw mepc, s7
        mret

        .data
        .balign 16
scratch: .dword 0, 0
locked: .dword 0x1111, 0x2222
data_code:
        ret
