# Sv39 accessed / dirty bits.  Spike (no Svadu; menvcfg.ADUE read-only 0) never updates A or D: an
# access to a leaf with A = 0 page-faults (load 13, store/AMO 15, fetch 12), a store / AMO / SC to a
# leaf with D = 0 page-faults (SC even without a reservation), the PTE in memory is left unchanged,
# and once software sets A / D (and runs sfence.vma) the access succeeds.  Page faults delegated to S.
#include "macros.h"

#define VA(i) ((i) * 0x1000)
#define RW    (PTE_V | PTE_R | PTE_W)
#define GIGA  0x40000000

TEST_BEGIN
        .option push
        .option norvc
        SET_STVEC_DEFAULT
        li a1, -1
        csrw menvcfg, a1
        csrr a0, menvcfg
        srli a0, a0, 61
        andi a0, a0, 1
        CHECK(a0, 0, 1)                         # ADUE is not writable: no hardware A/D updates
        csrw menvcfg, zero
        VM_IDENTITY
        PTE_SET_TABLE(vm_root, 0, l1)
        PTE_SET_TABLE(l1, 0, l0)
        PTE_SET_LEAF_LA(l0, 1, pdata, RW)                                   # A = 0, D = 0
        PTE_SET_LEAF_LA(l0, 2, pdata, RW | PTE_A)                           # D = 0
        PTE_SET_LEAF_LA(l0, 3, pdata, RW | PTE_A | PTE_D)
        PTE_SET_LEAF_LA(l0, 4, pcode, PTE_V | PTE_R | PTE_X)                # code, A = 0
        PTE_SET_LEAF_LA(l0, 5, pcode, PTE_V | PTE_R | PTE_X | PTE_A)
        PTE_SET_LEAF(vm_root, 1, 0x80000000, RW)                            # gigapage, A = 0
        SATP_SET(vm_root)
        li t0, (1 << CAUSE_FETCH_PAGE_FAULT) | (1 << CAUSE_LOAD_PAGE_FAULT) | (1 << CAUSE_STORE_PAGE_FAULT)
        csrw medeleg, t0
        GOTO_S(s_code)

s_code:
        # ---- A = 0: every access faults, PTE unchanged
        li s1, VA(1)
        EXPECT_TRAP_S
2:      ld a0, 0(s1)
        CHECK_TRAP_S(CAUSE_LOAD_PAGE_FAULT, 2b, VA(1), 2)
        EXPECT_TRAP_S
3:      sd a0, 0(s1)
        CHECK_TRAP_S(CAUSE_STORE_PAGE_FAULT, 3b, VA(1), 3)
        EXPECT_TRAP_S
4:      lr.d a0, (s1)
        CHECK_TRAP_S(CAUSE_LOAD_PAGE_FAULT, 4b, VA(1), 4)
        PTE_ADDR(l0, 1)
        ld a0, 0(t0)
        andi a0, a0, PTE_A | PTE_D
        CHECK(a0, 0, 5)
        li s2, GIGA
        EXPECT_TRAP_S
6:      ld a0, 0(s2)
        CHECK_TRAP_S(CAUSE_LOAD_PAGE_FAULT, 6b, GIGA, 6)
        # ---- A = 1, D = 0: loads fine, stores / AMOs / SC fault
        li s3, VA(2)
        ld a0, 0(s3)
        CHECK(a0, 0x0123456789abcdef, 7)
        EXPECT_TRAP_S
8:      sw a0, 8(s3)
        CHECK_TRAP_S(CAUSE_STORE_PAGE_FAULT, 8b, VA(2) + 8, 8)
        EXPECT_TRAP_S
9:      amoswap.d a0, a0, (s3)
        CHECK_TRAP_S(CAUSE_STORE_PAGE_FAULT, 9b, VA(2), 9)
        EXPECT_TRAP_S
10:     sc.d a0, a0, (s3)                       # no reservation, still translated first
        CHECK_TRAP_S(CAUSE_STORE_PAGE_FAULT, 10b, VA(2), 10)
        PTE_ADDR(l0, 2)
        ld a0, 0(t0)
        andi a0, a0, PTE_A | PTE_D
        CHECK(a0, PTE_A, 11)
        # ---- A = D = 1: stores fine (and visible through the other mappings)
        li s4, VA(3)
        li a1, 0x4242
        sd a1, 8(s4)
        ld a0, 8(s3)
        CHECK(a0, 0x4242, 12)
        # ---- fetch from a code page with A = 0, then with A = 1
        li s5, VA(4)
        EXPECT_TRAP_S_AT(13f)
        jalr ra, 0(s5)
13:     CHECK_TRAP_S_VAL(CAUSE_FETCH_PAGE_FAULT, VA(4), VA(4), 13)
        li s5, VA(5)
        jalr ra, 0(s5)
        CHECK(a0, 77, 14)
        # ---- software sets A and D, sfence.vma, and the accesses now work
        PTE_ADDR(l0, 1)
        ld t1, 0(t0)
        ori t1, t1, PTE_A | PTE_D
        sd t1, 0(t0)
        PTE_ADDR(l0, 4)
        ld t1, 0(t0)
        ori t1, t1, PTE_A
        sd t1, 0(t0)
        PTE_ADDR(vm_root, 1)
        ld t1, 0(t0)
        ori t1, t1, PTE_A
        sd t1, 0(t0)
        sfence.vma
        li a1, 0x99
        sd a1, 16(s1)
        ld a0, 16(s1)
        CHECK(a0, 0x99, 15)
        li s5, VA(4)
        jalr ra, 0(s5)
        CHECK(a0, 77, 16)
        la a0, pdata
        li t0, GIGA - 0x80000000
        add s2, a0, t0
        ld a0, 0(s2)
        CHECK(a0, 0x0123456789abcdef, 17)
        # the hardware still never set D on the gigapage (only loads) nor touched l0[2]
        PTE_ADDR(vm_root, 1)
        ld a0, 0(t0)
        andi a0, a0, PTE_D
        CHECK(a0, 0, 18)
        RETURN_TO_M
        csrw satp, zero
        csrw medeleg, zero
        .option pop
        TEST_PASS

        .balign 4096
pcode:
        .option push
        .option norvc
        li a0, 77
        ret
        .option pop
        .balign 4096

        VM_SUPPORT

        .data
        .balign 4096
pdata:  .dword 0x0123456789abcdef, 0, 0, 0
        .balign 4096
        .bss
        .balign 4096
l1:     .zero 4096
l0:     .zero 4096
