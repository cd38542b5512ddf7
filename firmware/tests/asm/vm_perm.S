# Sv39 permission checks and malformed PTEs.  From S (page faults delegated to S): R / W / X
# combinations (R-only, X-only, reserved W-without-R), MXR making X-only pages readable, U pages
# needing SUM for S loads/stores and never executable by S, V = 0, reserved PTE bits 60:54, PBMT
# and N bits without Svpbmt / Svnapot, a misaligned megapage and gigapage, a pointer PTE at level 0,
# a non-leaf PTE with A set (Spike faults), and a page-table walk reaching unmapped physical memory
# (access fault of the access's type, tval = VA).  From U (nothing delegated, M sees mtval = VA):
# U pages only, X-only loads need MXR.
#include "macros.h"

#define RWAD  (PTE_V | PTE_R | PTE_W | PTE_A | PTE_D)
#define VA(i) ((i) * 0x1000)

TEST_BEGIN
        .option push
        .option norvc
        SET_STVEC_DEFAULT
        VM_IDENTITY
        PTE_SET_TABLE(vm_root, 0, l1)
        PTE_SET_TABLE(l1, 0, l0)
        PTE_SET_LEAF_LA(l0, 0, pdata, RWAD)
        PTE_SET_LEAF_LA(l0, 1, pdata, PTE_V | PTE_R | PTE_A)                   # R
        PTE_SET_LEAF_LA(l0, 2, pdata, RWAD)                                    # RW
        PTE_SET_LEAF_LA(l0, 3, pcode, PTE_V | PTE_X | PTE_A)                   # X
        PTE_SET_LEAF_LA(l0, 4, pdata, PTE_V | PTE_W | PTE_A | PTE_D)           # W (reserved)
        PTE_SET_LEAF_LA(l0, 5, pdata, PTE_V | PTE_W | PTE_X | PTE_A | PTE_D)   # WX (reserved)
        PTE_SET_LEAF_LA(l0, 6, pdata, RWAD | PTE_U)                            # U RW
        PTE_SET_LEAF_LA(l0, 7, pcode, PTE_V | PTE_R | PTE_X | PTE_A | PTE_U)   # U RX
        PTE_SET_LEAF_LA(l0, 8, pdata, PTE_R | PTE_W | PTE_X | PTE_A | PTE_D)   # V = 0
        PTE_SET_LEAF_LA(l0, 9, pdata, RWAD)
        PTE_ADDR(l0, 9); ld t1, 0(t0); li t2, 1 << 54; or t1, t1, t2; sd t1, 0(t0)   # reserved bit 54
        PTE_SET_LEAF_LA(l0, 10, pdata, RWAD)
        PTE_ADDR(l0, 10); ld t1, 0(t0); li t2, 1 << 61; or t1, t1, t2; sd t1, 0(t0)  # PBMT = 1
        PTE_SET_LEAF_LA(l0, 11, pdata, RWAD)
        PTE_ADDR(l0, 11); ld t1, 0(t0); li t2, 1 << 63; or t1, t1, t2; sd t1, 0(t0)  # N
        PTE_SET_LEAF_LA(l0, 12, pcode, PTE_V | PTE_X | PTE_A | PTE_U)          # U X
        PTE_SET_LEAF(l1, 1, 0x80201000, RWAD)           # megapage with PPN[0] != 0
        PTE_SET_TABLE(l1, 2, l0b)
        PTE_SET_TABLE(l0b, 0, l0)                       # pointer at level 0
        PTE_SET_TABLE(l1, 3, l0)
        PTE_ADDR(l1, 3); ld t1, 0(t0); ori t1, t1, PTE_A; sd t1, 0(t0)      # non-leaf with A
        PTE_SET_LEAF(vm_root, 4, 0x80200000, RWAD)      # gigapage with PPN[1:0] != 0
        PTE_SET_RAW(vm_root, 3, ((UNMAPPED_PA >> 12) << 10) | PTE_V)   # next level is nowhere
        SATP_SET(vm_root)
        li t0, (1 << CAUSE_FETCH_PAGE_FAULT) | (1 << CAUSE_LOAD_PAGE_FAULT) | (1 << CAUSE_STORE_PAGE_FAULT)
        csrw medeleg, t0
        GOTO_S(s_code)

s_code:
        # ---- R-only page: load ok, store and fetch fault
        li s1, VA(1)
        ld a0, 0(s1)
        CHECK(a0, 0x0123456789abcdef, 1)
        EXPECT_TRAP_S
2:      sd a0, 8(s1)
        CHECK_TRAP_S(CAUSE_STORE_PAGE_FAULT, 2b, VA(1) + 8, 2)
        EXPECT_TRAP_S
3:      amoadd.d a0, a0, (s1)
        CHECK_TRAP_S(CAUSE_STORE_PAGE_FAULT, 3b, VA(1), 3)
        EXPECT_TRAP_S_AT(4f)
        jalr ra, 0(s1)
4:      CHECK_TRAP_S_VAL(CAUSE_FETCH_PAGE_FAULT, VA(1), VA(1), 4)
        # ---- RW page
        li s2, VA(2)
        li a1, 0x55
        sd a1, 8(s2)
        ld a0, 8(s2)
        CHECK(a0, 0x55, 5)
        EXPECT_TRAP_S_AT(6f)
        jalr ra, 0(s2)
6:      CHECK_TRAP_S_VAL(CAUSE_FETCH_PAGE_FAULT, VA(2), VA(2), 6)
        # ---- X-only page: fetch ok, load faults unless MXR
        li s3, VA(3)
        jalr ra, 0(s3)
        CHECK(a0, 42, 7)
        EXPECT_TRAP_S
8:      lw a0, 0(s3)
        CHECK_TRAP_S(CAUSE_LOAD_PAGE_FAULT, 8b, VA(3), 8)
        li t0, MSTATUS_MXR
        csrs sstatus, t0
        lw a0, 0(s3)
        CHECK(a0, 0x02a00513, 9)                # li a0, 42
        EXPECT_TRAP_S
10:     sw a0, 0(s3)                            # MXR does not allow stores
        CHECK_TRAP_S(CAUSE_STORE_PAGE_FAULT, 10b, VA(3), 10)
        li t0, MSTATUS_MXR
        csrc sstatus, t0
        # ---- W without R is reserved: every access faults
        li s4, VA(4)
        EXPECT_TRAP_S
11:     ld a0, 0(s4)
        CHECK_TRAP_S(CAUSE_LOAD_PAGE_FAULT, 11b, VA(4), 11)
        EXPECT_TRAP_S
12:     sd a0, 0(s4)
        CHECK_TRAP_S(CAUSE_STORE_PAGE_FAULT, 12b, VA(4), 12)
        li s4, VA(5)
        EXPECT_TRAP_S
13:     sd a0, 0(s4)
        CHECK_TRAP_S(CAUSE_STORE_PAGE_FAULT, 13b, VA(5), 13)
        # ---- U page from S: needs SUM for loads/stores, never executable
        li s6, VA(6)
        EXPECT_TRAP_S
14:     ld a0, 0(s6)
        CHECK_TRAP_S(CAUSE_LOAD_PAGE_FAULT, 14b, VA(6), 14)
        EXPECT_TRAP_S
15:     sd a0, 0(s6)
        CHECK_TRAP_S(CAUSE_STORE_PAGE_FAULT, 15b, VA(6), 15)
        li t0, MSTATUS_SUM
        csrs sstatus, t0
        ld a0, 0(s6)
        CHECK(a0, 0x0123456789abcdef, 16)
        li a1, 0x66
        sd a1, 16(s6)
        ld a0, 16(s6)
        CHECK(a0, 0x66, 17)
        li s7, VA(7)
        EXPECT_TRAP_S_AT(18f)
        jalr ra, 0(s7)                          # S never executes U pages, SUM or not
18:     CHECK_TRAP_S_VAL(CAUSE_FETCH_PAGE_FAULT, VA(7), VA(7), 18)
        li t0, MSTATUS_SUM
        csrc sstatus, t0
        # ---- malformed PTEs
        li s8, VA(8)
        EXPECT_TRAP_S
19:     ld a0, 0(s8)                            # V = 0
        CHECK_TRAP_S(CAUSE_LOAD_PAGE_FAULT, 19b, VA(8), 19)
        li s8, VA(9)
        EXPECT_TRAP_S
20:     ld a0, 0(s8)                            # reserved bit 54
        CHECK_TRAP_S(CAUSE_LOAD_PAGE_FAULT, 20b, VA(9), 20)
        li s8, VA(10)
        EXPECT_TRAP_S
21:     ld a0, 0(s8)                            # PBMT without Svpbmt
        CHECK_TRAP_S(CAUSE_LOAD_PAGE_FAULT, 21b, VA(10), 21)
        li s8, VA(11)
        EXPECT_TRAP_S
22:     ld a0, 0(s8)                            # N without Svnapot
        CHECK_TRAP_S(CAUSE_LOAD_PAGE_FAULT, 22b, VA(11), 22)
        li s8, 0x200000
        EXPECT_TRAP_S
23:     ld a0, 0(s8)                            # misaligned megapage
        CHECK_TRAP_S(CAUSE_LOAD_PAGE_FAULT, 23b, 0x200000, 23)
        li s8, 0x400000
        EXPECT_TRAP_S
24:     ld a0, 0(s8)                            # pointer PTE at level 0
        CHECK_TRAP_S(CAUSE_LOAD_PAGE_FAULT, 24b, 0x400000, 24)
        li s8, 0x600000
        EXPECT_TRAP_S
25:     ld a0, 0(s8)                            # non-leaf PTE with A set (Spike: page fault)
        CHECK_TRAP_S(CAUSE_LOAD_PAGE_FAULT, 25b, 0x600000, 25)
        li s8, 0x100000000
        EXPECT_TRAP_S
26:     ld a0, 0(s8)                            # misaligned gigapage
        CHECK_TRAP_S(CAUSE_LOAD_PAGE_FAULT, 26b, 0x100000000, 26)
        # ---- the walk reads a PTE from unmapped physical memory: access fault (not delegated)
        li s8, 0xc0000000
        EXPECT_TRAP_M
27:     ld a0, 8(s8)
        CHECK_TRAP_M(CAUSE_LOAD_ACCESS, 27b, 0xc0000008, 27)
        EXPECT_TRAP_M
28:     sd a0, 16(s8)
        CHECK_TRAP_M(CAUSE_STORE_ACCESS, 28b, 0xc0000010, 28)
        EXPECT_TRAP_M_AT(29f)
        jalr ra, 0(s8)
29:     CHECK_TRAP_M_VAL(CAUSE_FETCH_ACCESS, 0xc0000000, 0xc0000000, 29)
        RETURN_TO_M

        # ---- from U, nothing delegated
        csrw medeleg, zero
        GOTO_U(u_code)
        .option pop

        .section .utext, "ax", @progbits
        .option push
        .option norvc
u_code:
        TP_USER
        li s6, VA(6)
        ld a0, 0(s6)
        CHECK(a0, 0x0123456789abcdef, 30)
        li s2, VA(2)
        EXPECT_TRAP_M
31:     ld a0, 0(s2)                            # not a U page
        CHECK_TRAP_M(CAUSE_LOAD_PAGE_FAULT, 31b, VA(2), 31)
        CHECK_M_FROM(PRV_U, 31)
        li s7, VA(7)
        jalr ra, 0(s7)                          # U code page
        CHECK(a0, 42, 32)
        li s3, VA(3)
        EXPECT_TRAP_M_AT(33f)
        jalr ra, 0(s3)                          # X but not U
33:     CHECK_TRAP_M_VAL(CAUSE_FETCH_PAGE_FAULT, VA(3), VA(3), 33)
        li s9, VA(12)
        jalr ra, 0(s9)                          # U X-only: executable
        CHECK(a0, 42, 34)
        EXPECT_TRAP_M
35:     lw a0, 0(s9)
        CHECK_TRAP_M(CAUSE_LOAD_PAGE_FAULT, 35b, VA(12), 35)
        RETURN_TO_M
        li t0, MSTATUS_MXR
        csrs mstatus, t0
        GOTO_U(u_code2)
u_code2:
        TP_USER
        li s9, VA(12)
        lw a0, 0(s9)                            # MXR: X-only page readable by U too
        CHECK(a0, 0x02a00513, 36)
        RETURN_TO_M
        j u_done
        .option pop
        .text
u_done:
        TP_NORMAL
        li t0, MSTATUS_MXR
        csrc mstatus, t0
        csrw satp, zero
        TEST_PASS

        .balign 4096
pcode:                                          # its own page
        .option push
        .option norvc
        li a0, 42
        ret
        .option pop
        .balign 4096

        VM_SUPPORT

        .data
        .balign 4096
pdata:  .dword 0x0123456789abcdef
        .balign 4096
        .bss
        .balign 4096
l1:     .zero 4096
l0:     .zero 4096
l0b:    .zero 4096
