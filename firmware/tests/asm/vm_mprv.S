# mstatus.MPRV: M-mode loads and stores are translated and checked with the privilege in MPP
# (S: S pages, U pages only with SUM; U: U pages only; MXR honoured) while instruction fetch is not
# translated (no identity map exists here: M keeps running from physical addresses).  MPP = M or
# satp = Bare means no translation.  A fault is taken to M with mtval = VA; the trap sets MPP = M
# (translation off inside the handler) and the handler's mret then leaves MPP = U with MPRV still 1.
#include "macros.h"

#define VA(i) ((i) * 0x1000)
#define RWAD  (PTE_V | PTE_R | PTE_W | PTE_A | PTE_D)

/* run one M-mode access with MPRV = 1 and MPP = prv, then MPRV = 0 again */
#define MPRV_ON(prv) \
        li t0, MSTATUS_MPP; csrc mstatus, t0; li t0, MSTATUS_MPRV | ((prv) << 11); csrs mstatus, t0
#define MPRV_OFF \
        li t0, MSTATUS_MPRV | MSTATUS_MPP; csrc mstatus, t0

TEST_BEGIN
        .option push
        .option norvc
        PTE_SET_TABLE(vm_root, 0, l1)
        PTE_SET_TABLE(l1, 0, l0)
        PTE_SET_LEAF_LA(l0, 1, pdata, RWAD)
        PTE_SET_LEAF_LA(l0, 2, pdata2, RWAD)
        PTE_SET_LEAF_LA(l0, 3, pdata, RWAD | PTE_U)
        PTE_SET_LEAF_LA(l0, 4, pcode, PTE_V | PTE_X | PTE_A)
        SATP_SET(vm_root)
        li s1, VA(1)
        li s2, VA(2)
        li s3, VA(3)
        li s4, VA(4)
        li s5, VA(5)

        # ---- MPP = M: no translation; VA(1) = 0x1000 is the boot ROM physically
        MPRV_ON(PRV_M)
        lw a0, 0(s1)
        MPRV_OFF
        CHECK(a0, 0x00000297, 1)
        # ---- MPP = S: translated
        MPRV_ON(PRV_S)
        ld a0, 0(s1)
        li a1, 0x1234
        sd a1, 8(s2)
        MPRV_OFF
        CHECK(a0, 0x0123456789abcdef, 2)
        la t0, pdata2
        ld a0, 8(t0)
        CHECK(a0, 0x1234, 3)
        # U page without SUM: load page fault to M, mtval = VA, MPP = M afterwards
        EXPECT_TRAP_M
        MPRV_ON(PRV_S)
4:      ld a0, 0(s3)
        csrr s6, mstatus
        MPRV_OFF
        CHECK_TRAP_M(CAUSE_LOAD_PAGE_FAULT, 4b, VA(3), 4)
        CHECK_M_FROM(PRV_M, 5)
        srli s6, s6, 11
        andi s6, s6, 3
        CHECK(s6, PRV_U, 6)                     # ... and the handler's mret left MPP = U (MPRV still 1!)
        # with SUM
        li t0, MSTATUS_SUM
        csrs mstatus, t0
        MPRV_ON(PRV_S)
        ld a0, 0(s3)
        MPRV_OFF
        li t0, MSTATUS_SUM
        csrc mstatus, t0
        CHECK(a0, 0x0123456789abcdef, 7)
        # ---- MPP = U: U pages only
        MPRV_ON(PRV_U)
        ld a0, 0(s3)
        MPRV_OFF
        CHECK(a0, 0x0123456789abcdef, 8)
        EXPECT_TRAP_M
        MPRV_ON(PRV_U)
9:      ld a0, 0(s1)
        MPRV_OFF
        CHECK_TRAP_M(CAUSE_LOAD_PAGE_FAULT, 9b, VA(1), 9)
        EXPECT_TRAP_M
        MPRV_ON(PRV_U)
10:     sd a0, 0(s2)
        MPRV_OFF
        CHECK_TRAP_M(CAUSE_STORE_PAGE_FAULT, 10b, VA(2), 10)
        # ---- MXR: an X-only page is readable with MXR
        EXPECT_TRAP_M
        MPRV_ON(PRV_S)
11:     lw a0, 0(s4)
        MPRV_OFF
        CHECK_TRAP_M(CAUSE_LOAD_PAGE_FAULT, 11b, VA(4), 11)
        li t0, MSTATUS_MXR
        csrs mstatus, t0
        MPRV_ON(PRV_S)
        lw a0, 0(s4)
        MPRV_OFF
        li t0, MSTATUS_MXR
        csrc mstatus, t0
        CHECK(a0, 0x04d00513, 12)               # li a0, 77
        # ---- unmapped VA: load and AMO faults
        EXPECT_TRAP_M
        MPRV_ON(PRV_S)
13:     ld a0, 0(s5)
        MPRV_OFF
        CHECK_TRAP_M(CAUSE_LOAD_PAGE_FAULT, 13b, VA(5), 13)
        EXPECT_TRAP_M
        MPRV_ON(PRV_S)
14:     amoadd.w a0, a0, (s5)
        MPRV_OFF
        CHECK_TRAP_M(CAUSE_STORE_PAGE_FAULT, 14b, VA(5), 14)
        # ---- satp = Bare: MPRV changes nothing
        csrw satp, zero
        sfence.vma
        MPRV_ON(PRV_S)
        lw a0, 0(s1)
        MPRV_OFF
        CHECK(a0, 0x00000297, 15)
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

        .data
        .balign 4096
pdata:  .dword 0x0123456789abcdef, 0
        .balign 4096
pdata2: .dword 0, 0
        .balign 4096
        .bss
        .balign 4096
vm_root: .zero 4096
l1:     .zero 4096
l0:     .zero 4096
