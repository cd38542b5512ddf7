# Sv39 translation from S-mode: 4 KiB pages, a 2 MiB megapage and 1 GiB gigapages (including an
# upper-half VA), loads / stores / instruction fetch through aliases, non-canonical VAs and unmapped
# VAs raising page faults (12 / 13 / 15, stval = VA; delegated to S here, and once to M),
# sfence.vma (global and by address) after changing a PTE, an ASID in satp, satp = Bare from S,
# and M-mode ignoring satp.  The test image itself is identity-mapped with 4 KiB pages.
#include "macros.h"

#define VA_A      0x1000                        /* -> page_a (RW) */
#define VA_B      0x2000                        /* -> page_b (R) */
#define VA_MEGA   0x200000                      /* 2 MiB megapage -> 0x80200000 */
#define PA_MEGA   0x80200000
#define VA_GIGA   0x40000000                    /* 1 GiB gigapage -> 0x80000000 */
#define VA_HIGH   0xffffffffc0000000            /* vm_root[511] gigapage -> 0x80000000 */
#define VA_NONE   0xc0000000                    /* vm_root[3]: invalid */
/* reg = the address of label seen through an alias mapping of 0x80000000 at base (clobbers t2) */
#define LA_ALIAS(reg, label, base) la reg, label; li t2, (base) - 0x80000000; add reg, reg, t2

TEST_BEGIN
        .option push
        .option norvc
        SET_STVEC_DEFAULT
        li t0, (1 << CAUSE_FETCH_PAGE_FAULT) | (1 << CAUSE_LOAD_PAGE_FAULT) | (1 << CAUSE_STORE_PAGE_FAULT)
        csrw medeleg, t0
        VM_IDENTITY
        PTE_SET_TABLE(vm_root, 0, t_l1)
        PTE_SET_TABLE(t_l1, 0, t_l0)
        PTE_SET_LEAF_LA(t_l0, VPN0(VA_A), page_a, PTE_V | PTE_R | PTE_W | PTE_A | PTE_D)
        PTE_SET_LEAF_LA(t_l0, VPN0(VA_B), page_b, PTE_V | PTE_R | PTE_A)
        PTE_SET_LEAF(t_l1, VPN1(VA_MEGA), PA_MEGA, PTE_V | PTE_R | PTE_W | PTE_X | PTE_A | PTE_D)
        PTE_SET_LEAF(vm_root, VPN2(VA_GIGA), 0x80000000, PTE_V | PTE_R | PTE_W | PTE_X | PTE_A | PTE_D)
        PTE_SET_LEAF(vm_root, VPN2(VA_HIGH), 0x80000000, PTE_V | PTE_R | PTE_X | PTE_A)
        # data in the megapage region, written physically
        li s0, PA_MEGA
        li a0, 0x1234
        sd a0, 0x238(s0)
        SATP_SET(vm_root)
        # M ignores satp: 0x1000 is still the boot ROM for M
        li s0, VA_A
        lw a0, 0(s0)
        CHECK(a0, 0x00000297, 1)
        GOTO_S(s_code)

s_code:
        # ---- 4 KiB pages
        li s0, VA_A
        ld a0, 0(s0)
        CHECK(a0, 0xaaaaaaaa00000001, 2)
        li s1, VA_B
        ld a0, 8(s1)
        CHECK(a0, 0xbbbbbbbb00000002, 3)
        li a1, 0x5151
        sd a1, 16(s0)                           # visible physically in page_a (checked in M)
        ld a0, 16(s0)
        CHECK(a0, 0x5151, 4)
        # ---- 2 MiB megapage: offset inside the megapage crosses 4 KiB boundaries
        li s2, VA_MEGA
        ld a0, 0x238(s2)
        CHECK(a0, 0x1234, 5)
        li s3, VA_MEGA + 0x1ffff0
        li a1, 0x7777
        sd a1, 0(s3)                            # PA 0x803ffff0 (checked in M)
        # ---- 1 GiB gigapage alias of the whole image
        LA_ALIAS(s4, page_a, VA_GIGA)
        ld a0, 0(s4)
        CHECK(a0, 0xaaaaaaaa00000001, 6)
        ld a0, 16(s4)
        CHECK(a0, 0x5151, 7)                    # same physical page as VA_A
        LA_ALIAS(t0, where_am_i, VA_GIGA)
        jalr ra, 0(t0)                          # execute through the alias
        LA_ALIAS(a1, where_am_i, VA_GIGA)
        CHECK_REG(a0, a1, 8)
        # ---- upper-half VA (sign-extended bit 38): vm_root[511]
        LA_ALIAS(s5, page_b, VA_HIGH)
        ld a0, 0(s5)
        CHECK(a0, 0xbbbbbbbb00000001, 9)
        LA_ALIAS(t0, where_am_i, VA_HIGH)
        jalr ra, 0(t0)
        LA_ALIAS(a1, where_am_i, VA_HIGH)
        CHECK_REG(a0, a1, 10)
        EXPECT_TRAP_S                           # that gigapage is read-only
10:     sd zero, 0(s5)
        CHECK_SCAUSE(CAUSE_STORE_PAGE_FAULT, 11)
        CHECK_SEPC(10b, 11)
        ld a0, TA_S_TVAL(tp)
        CHECK_REG(a0, s5, 11)

        # ---- non-canonical VAs (bits 63:39 != bit 38) fault
        li s6, 0x0000004000000000
        EXPECT_TRAP_S
12:     ld a0, 0(s6)
        CHECK_TRAP_S(CAUSE_LOAD_PAGE_FAULT, 12b, 0x0000004000000000, 12)
        li s6, 0xffffff8000001000
        EXPECT_TRAP_S
13:     sd a0, 0(s6)
        CHECK_TRAP_S(CAUSE_STORE_PAGE_FAULT, 13b, 0xffffff8000001000, 13)
        # ---- unmapped VA: load, store, AMO and fetch page faults
        li s6, VA_NONE + 0x10
        EXPECT_TRAP_S
14:     lw a0, 0(s6)
        CHECK_TRAP_S(CAUSE_LOAD_PAGE_FAULT, 14b, VA_NONE + 0x10, 14)
        EXPECT_TRAP_S
15:     sb a0, 1(s6)
        CHECK_TRAP_S(CAUSE_STORE_PAGE_FAULT, 15b, VA_NONE + 0x11, 15)
        EXPECT_TRAP_S
16:     amoor.d a0, a0, (s6)
        CHECK_TRAP_S(CAUSE_STORE_PAGE_FAULT, 16b, VA_NONE + 0x10, 16)
        EXPECT_TRAP_S
17:     lr.d a0, (s6)
        CHECK_TRAP_S(CAUSE_LOAD_PAGE_FAULT, 17b, VA_NONE + 0x10, 17)
        EXPECT_TRAP_S_AT(18f)
        jalr ra, 0(s6)
18:     CHECK_TRAP_S_VAL(CAUSE_FETCH_PAGE_FAULT, VA_NONE + 0x10, VA_NONE + 0x10, 18)
        # a 4-byte instruction whose second half lies on an unmapped page: stval = that page
        li s8, VA_MEGA + 0x1ffffe               # last halfword of the megapage
        li t1, 0x0513                           # low half of "addi a0, a0, 0" (4-byte encoding)
        sh t1, 0(s8)                            # the next page, VA 0x400000, is unmapped
        fence.i
        EXPECT_TRAP_S_AT(19f)
        jalr ra, 0(s8)
19:     CHECK_SCAUSE(CAUSE_FETCH_PAGE_FAULT, 19)
        CHECK_SEPC_VAL(VA_MEGA + 0x1ffffe, 20)
        CHECK_STVAL(VA_MEGA + 0x200000, 21)
        # a store to a read-only 4 KiB page
        EXPECT_TRAP_S
22:     sw zero, 4(s1)
        CHECK_TRAP_S(CAUSE_STORE_PAGE_FAULT, 22b, VA_B + 4, 22)

        # ---- remap VA_A to page_b; sfence.vma makes it visible
        PTE_SET_LEAF_LA(t_l0, VPN0(VA_A), page_b, PTE_V | PTE_R | PTE_W | PTE_A | PTE_D)
        sfence.vma
        ld a0, 0(s0)
        CHECK(a0, 0xbbbbbbbb00000001, 23)
        PTE_SET_LEAF_LA(t_l0, VPN0(VA_A), page_a, PTE_V | PTE_R | PTE_W | PTE_A | PTE_D)
        sfence.vma s0, zero                     # by address
        ld a0, 0(s0)
        CHECK(a0, 0xaaaaaaaa00000001, 24)
        # invalidate VA_A entirely
        PTE_SET_RAW(t_l0, VPN0(VA_A), 0)
        sfence.vma s0, zero
        EXPECT_TRAP_S
25:     ld a0, 0(s0)
        CHECK_TRAP_S(CAUSE_LOAD_PAGE_FAULT, 25b, VA_A, 25)
        PTE_SET_LEAF_LA(t_l0, VPN0(VA_A), page_a, PTE_V | PTE_R | PTE_W | PTE_A | PTE_D)
        sfence.vma

        # ---- an ASID in satp changes nothing for a single address space
        csrr s7, satp
        li t0, 5 << 44
        or t0, s7, t0
        csrw satp, t0
        sfence.vma
        ld a0, 0(s0)
        CHECK(a0, 0xaaaaaaaa00000001, 26)
        # ---- satp = Bare from S: VA_A is the physical boot ROM again
        csrw satp, zero
        sfence.vma
        lw a0, 0(s0)
        CHECK(a0, 0x00000297, 27)
        csrw satp, s7
        sfence.vma
        RETURN_TO_M

        # ---- the stores made through translations, seen physically from M
        la t0, page_a
        ld a0, 16(t0)
        CHECK(a0, 0x5151, 28)
        li t0, 0x803ffff0
        ld a0, 0(t0)
        CHECK(a0, 0x7777, 29)
        # ---- a page fault that is not delegated goes to M with mtval = VA
        csrw medeleg, zero
        GOTO_S(s_code2)
s_code2:
        li s6, VA_NONE
        EXPECT_TRAP_M
30:     ld a0, 8(s6)
        CHECK_TRAP_M(CAUSE_LOAD_PAGE_FAULT, 30b, VA_NONE + 8, 30)
        CHECK_M_FROM(PRV_S, 31)
        RETURN_TO_M
        csrw satp, zero
        .option pop
        TEST_PASS

        .option push
        .option norvc
where_am_i:                                     # returns its own (virtual) address
        auipc a0, 0
        ret
        .option pop

        VM_SUPPORT

        .data
        .balign 4096
page_a: .dword 0xaaaaaaaa00000001, 0xaaaaaaaa00000002, 0, 0
        .balign 4096
page_b: .dword 0xbbbbbbbb00000001, 0xbbbbbbbb00000002, 0, 0
        .bss
        .balign 4096
t_l1:   .zero 4096
t_l0:   .zero 4096
