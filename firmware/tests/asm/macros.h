/*
 * macros.h - shared helpers for RVGem's hand-written assembly tests (firmware/tests/asm/).
 *
 * Our own code (written for RVGem); conventions are described in README.md next to this file.
 *
 * Register conventions (every test must respect these):
 *   tp  (x4)   points at trap_area for the EXPECT / CHECK_TRAP macros (the handlers do not use it);
 *              U-mode code under virtual memory uses TP_USER / TP_NORMAL.
 *   gp  (x3)   number of the check in progress (the exit code if it fails).
 *   t5, t6     scratch of the CHECK macros (got / expected); do not keep values in them across a check.
 *   a6, a7     clobbered by RETURN_TO_M.
 *   t0..t2     clobbered by most other macros.
 *
 * The default trap handlers use mscratch / sscratch as temporaries (their values do not survive a trap).
 *
 * Exit protocol (HTIF): pass writes tohost = 1; check N failing writes tohost = (N << 1) | 1, so the
 * simulator exits with status N.  Before exiting, a failing test prints one diagnostic line on the
 * HTIF console, e.g. "FAIL 12: got 0x0000000000000005 expected 0x0000000000000007".
 * Reserved failure numbers: 255 = unexpected trap taken to M (got = mcause, expected = mepc),
 * 254 = unexpected trap taken to S (got = scause, expected = sepc), 253 = RETURN_TO_M impossible,
 * 252 = test_fail reached with a check number outside 1..255.
 * Check numbers used by tests are therefore 1..251 (Spike exits with N & 0xff).
 */
#ifndef RVGEM_ASM_TEST_MACROS_H
#define RVGEM_ASM_TEST_MACROS_H

/* ---------------------------------------------------------------- constants */
#define PRV_U 0
#define PRV_S 1
#define PRV_M 3

#define MSTATUS_SIE   (1 << 1)
#define MSTATUS_MIE   (1 << 3)
#define MSTATUS_SPIE  (1 << 5)
#define MSTATUS_UBE   (1 << 6)
#define MSTATUS_MPIE  (1 << 7)
#define MSTATUS_SPP   (1 << 8)
#define MSTATUS_MPP   (3 << 11)
#define MSTATUS_MPP_S (1 << 11)
#define MSTATUS_MPP_M (3 << 11)
#define MSTATUS_FS    (3 << 13)
#define MSTATUS_XS    (3 << 15)
#define MSTATUS_MPRV  (1 << 17)
#define MSTATUS_SUM   (1 << 18)
#define MSTATUS_MXR   (1 << 19)
#define MSTATUS_TVM   (1 << 20)
#define MSTATUS_TW    (1 << 21)
#define MSTATUS_TSR   (1 << 22)
#define MSTATUS_UXL   (3 << 32)
#define MSTATUS_SXL   (3 << 34)
#define MSTATUS_SD    (1 << 63)

#define IRQ_S_SOFT  1
#define IRQ_M_SOFT  3
#define IRQ_S_TIMER 5
#define IRQ_M_TIMER 7
#define IRQ_S_EXT   9
#define IRQ_M_EXT   11
#define MIP_SSIP (1 << IRQ_S_SOFT)
#define MIP_MSIP (1 << IRQ_M_SOFT)
#define MIP_STIP (1 << IRQ_S_TIMER)
#define MIP_MTIP (1 << IRQ_M_TIMER)
#define MIP_SEIP (1 << IRQ_S_EXT)
#define MIP_MEIP (1 << IRQ_M_EXT)

#define CAUSE_MISALIGNED_FETCH  0
#define CAUSE_FETCH_ACCESS      1
#define CAUSE_ILLEGAL           2
#define CAUSE_BREAKPOINT        3
#define CAUSE_MISALIGNED_LOAD   4
#define CAUSE_LOAD_ACCESS       5
#define CAUSE_MISALIGNED_STORE  6
#define CAUSE_STORE_ACCESS      7
#define CAUSE_ECALL_U           8
#define CAUSE_ECALL_S           9
#define CAUSE_ECALL_M           11
#define CAUSE_FETCH_PAGE_FAULT  12
#define CAUSE_LOAD_PAGE_FAULT   13
#define CAUSE_STORE_PAGE_FAULT  15
#define CAUSE_INTR              (1 << 63)

#define CLINT_BASE      0x2000000
#define CLINT_MSIP      (CLINT_BASE + 0x0)
#define CLINT_MTIMECMP  (CLINT_BASE + 0x4000)
#define CLINT_MTIME     (CLINT_BASE + 0xbff8)

/* A physical address with nothing behind it on Spike's (and RVGem's) bus. */
#define UNMAPPED_PA     0x30000000
#define BOOT_ROM        0x1000

/* Sv39 */
#define PTE_V (1 << 0)
#define PTE_R (1 << 1)
#define PTE_W (1 << 2)
#define PTE_X (1 << 3)
#define PTE_U (1 << 4)
#define PTE_G (1 << 5)
#define PTE_A (1 << 6)
#define PTE_D (1 << 7)
#define SATP_SV39 (8 << 60)

#define ECALL_MAGIC 0x5256474d      /* "RVGM": RETURN_TO_M request in a7 */
#define NO_TRAP     0xbad           /* trap record value meaning "nothing recorded" */

/* trap_area layout (tp points at it) */
#define TA_M_CAUSE   0
#define TA_M_EPC     8
#define TA_M_TVAL    16
#define TA_M_STATUS  24
#define TA_M_COUNT   32
#define TA_M_ARMED   40
#define TA_M_RESUME  48
#define TA_S_CAUSE   64
#define TA_S_EPC     72
#define TA_S_TVAL    80
#define TA_S_STATUS  88
#define TA_S_COUNT   96
#define TA_S_ARMED   104
#define TA_S_RESUME  112
#define TA_SAVE_M    128
#define TA_SAVE_S    160
#define TA_SIZE      256

/* ---------------------------------------------------------------- checks */
/* CHECK(reg, value, n): fail with number n unless reg == value (any 64-bit constant). */
#define CHECK(reg, val, n) \
        mv t5, reg; li t6, val; li gp, n; beq t5, t6, 99f; j test_fail; 99:
/* CHECK_LA(reg, label, n): reg must equal the address of label. */
#define CHECK_LA(reg, label, n) \
        mv t5, reg; la t6, label; li gp, n; beq t5, t6, 99f; j test_fail; 99:
/* CHECK_REG(reg, reg2, n): reg must equal reg2. */
#define CHECK_REG(reg, reg2, n) \
        mv t5, reg; mv t6, reg2; li gp, n; beq t5, t6, 99f; j test_fail; 99:
/* CHECK_MEM64(label, value, n): the doubleword at label must equal value (clobbers t0). */
#define CHECK_MEM64(label, val, n) \
        la t0, label; ld t0, 0(t0); CHECK(t0, val, n)

/* ---------------------------------------------------------------- traps
 * The default handlers (trap_m, trap_s) record cause/epc/tval/status of a trap in trap_area and
 * skip the trapping instruction (2 or 4 bytes, read at epc) or, if a resume address was set with
 * EXPECT_TRAP_M_AT / EXPECT_TRAP_S_AT, continue there instead, in the privilege the trap came from.
 * Interrupts are recorded and not skipped; the handler clears mie (sie for trap_s) so that a
 * level-triggered source cannot fire again before the test looks at it.
 * A trap must be expected: each EXPECT_* allows exactly one trap; any other trap fails (255/254).
 */
#define EXPECT_TRAP_M \
        li t0, NO_TRAP; sd t0, TA_M_CAUSE(tp); sd t0, TA_M_EPC(tp); sd t0, TA_M_TVAL(tp); \
        li t0, 1; sd t0, TA_M_ARMED(tp)
#define EXPECT_TRAP_M_AT(label) \
        EXPECT_TRAP_M; la t0, label; sd t0, TA_M_RESUME(tp)
#define EXPECT_TRAP_S \
        li t0, NO_TRAP; sd t0, TA_S_CAUSE(tp); sd t0, TA_S_EPC(tp); sd t0, TA_S_TVAL(tp); \
        li t0, 1; sd t0, TA_S_ARMED(tp)
#define EXPECT_TRAP_S_AT(label) \
        EXPECT_TRAP_S; la t0, label; sd t0, TA_S_RESUME(tp)
/* Disarm without a trap having happened: checks that none did. */
#define CHECK_NO_TRAP_M(n) \
        ld t0, TA_M_ARMED(tp); sd zero, TA_M_ARMED(tp); sd zero, TA_M_RESUME(tp); CHECK(t0, 1, n)
#define CHECK_NO_TRAP_S(n) \
        ld t0, TA_S_ARMED(tp); sd zero, TA_S_ARMED(tp); sd zero, TA_S_RESUME(tp); CHECK(t0, 1, n)

#define CHECK_MCAUSE(val, n)     ld t0, TA_M_CAUSE(tp); CHECK(t0, val, n)
#define CHECK_MEPC(label, n)     ld t0, TA_M_EPC(tp); CHECK_LA(t0, label, n)
#define CHECK_MEPC_VAL(val, n)   ld t0, TA_M_EPC(tp); CHECK(t0, val, n)
#define CHECK_MTVAL(val, n)      ld t0, TA_M_TVAL(tp); CHECK(t0, val, n)
#define CHECK_MTVAL_LA(label, n) ld t0, TA_M_TVAL(tp); CHECK_LA(t0, label, n)
#define CHECK_SCAUSE(val, n)     ld t0, TA_S_CAUSE(tp); CHECK(t0, val, n)
#define CHECK_SEPC(label, n)     ld t0, TA_S_EPC(tp); CHECK_LA(t0, label, n)
#define CHECK_SEPC_VAL(val, n)   ld t0, TA_S_EPC(tp); CHECK(t0, val, n)
#define CHECK_STVAL(val, n)      ld t0, TA_S_TVAL(tp); CHECK(t0, val, n)
#define CHECK_STVAL_LA(label, n) ld t0, TA_S_TVAL(tp); CHECK_LA(t0, label, n)
/* The privilege the last M trap came from (mstatus.MPP as saved by trap_m). */
#define CHECK_M_FROM(prv, n) \
        ld t0, TA_M_STATUS(tp); srli t0, t0, 11; andi t0, t0, 3; CHECK(t0, prv, n)
/* The privilege the last S trap came from (sstatus.SPP as saved by trap_s). */
#define CHECK_S_FROM(prv, n) \
        ld t0, TA_S_STATUS(tp); srli t0, t0, 8; andi t0, t0, 1; CHECK(t0, prv, n)

/* Cause, epc (a label) and tval (a constant) of the last M trap, all with check number n. */
#define CHECK_TRAP_M(cause, epclabel, tval, n) \
        CHECK_MCAUSE(cause, n); CHECK_MEPC(epclabel, n); CHECK_MTVAL(tval, n)
/* ... with tval = the address of a label */
#define CHECK_TRAP_M_LA(cause, epclabel, tvallabel, n) \
        CHECK_MCAUSE(cause, n); CHECK_MEPC(epclabel, n); CHECK_MTVAL_LA(tvallabel, n)
/* ... with epc a constant (code at a fixed virtual / unmapped address) */
#define CHECK_TRAP_M_VAL(cause, epc, tval, n) \
        CHECK_MCAUSE(cause, n); CHECK_MEPC_VAL(epc, n); CHECK_MTVAL(tval, n)
#define CHECK_TRAP_S_VAL(cause, epc, tval, n) \
        CHECK_SCAUSE(cause, n); CHECK_SEPC_VAL(epc, n); CHECK_STVAL(tval, n)
#define CHECK_TRAP_S(cause, epclabel, tval, n) \
        CHECK_SCAUSE(cause, n); CHECK_SEPC(epclabel, n); CHECK_STVAL(tval, n)
#define CHECK_TRAP_S_LA(cause, epclabel, tvallabel, n) \
        CHECK_SCAUSE(cause, n); CHECK_SEPC(epclabel, n); CHECK_STVAL_LA(tvallabel, n)

/* ---------------------------------------------------------------- privilege changes */
/* From M: continue at label in S / U (via mret; MPRV is cleared by mret, MPIE is left alone). */
#define GOTO_S(label) \
        li t0, MSTATUS_MPP; csrc mstatus, t0; li t0, MSTATUS_MPP_S; csrs mstatus, t0; \
        la t0, label; csrw mepc, t0; mret
#define GOTO_U(label) \
        li t0, MSTATUS_MPP; csrc mstatus, t0; la t0, label; csrw mepc, t0; mret
/* From S: continue at label in U (via sret). */
#define GOTO_U_FROM_S(label) \
        li t0, MSTATUS_SPP; csrc sstatus, t0; la t0, label; csrw sepc, t0; sret
/* From any privilege: continue with the next instruction in M.  Uses an ecall with a7 = ECALL_MAGIC
 * (trap_m treats any exception with a7 == ECALL_MAGIC that way; trap_s forwards it to M).  Needs
 * trap_m as mtvec.  Clobbers a6, a7 (a7 = 0 afterwards). */
#define RETURN_TO_M \
        la a6, 98f; li a7, ECALL_MAGIC; ecall; 98:

/* Install the default S handler. */
#define SET_STVEC_DEFAULT  la t0, trap_s; csrw stvec, t0
/* Open all of physical memory to S and U with PMP entry 0 (NAPOT, RWX); _start already does it. */
#define PMP_ALLOW_ALL \
        li t0, (1 << 53) - 1; csrw pmpaddr0, t0; li t0, 0x1f; csrw pmpcfg0, t0

/* ---------------------------------------------------------------- Sv39 page tables
 * Tables are 4 KiB-aligned arrays of 512 PTEs (e.g. `.bss; .balign 4096; root: .zero 4096`).
 * PTE_SET_TABLE(tbl, idx, next):      tbl[idx] = pointer to table `next` (V only)
 * PTE_SET_LEAF_LA(tbl, idx, label, f): tbl[idx] = leaf for the page holding `label`, flags f
 * PTE_SET_LEAF(tbl, idx, pa, f):       tbl[idx] = leaf for constant physical address pa
 * PTE_SET_RAW(tbl, idx, value):        tbl[idx] = value
 * VPN indices: VPN2(va) = va[38:30], VPN1(va) = va[29:21], VPN0(va) = va[20:12].
 * All clobber t0..t2.
 */
#define VPN2(va) (((va) >> 30) & 0x1ff)
#define VPN1(va) (((va) >> 21) & 0x1ff)
#define VPN0(va) (((va) >> 12) & 0x1ff)
#define PTE_ADDR(tbl, idx) la t0, tbl; li t2, (idx) * 8; add t0, t0, t2
#define PTE_SET_TABLE(tbl, idx, next) \
        PTE_ADDR(tbl, idx); la t1, next; srli t1, t1, 12; slli t1, t1, 10; ori t1, t1, PTE_V; sd t1, 0(t0)
#define PTE_SET_LEAF_LA(tbl, idx, label, flags) \
        PTE_ADDR(tbl, idx); la t1, label; srli t1, t1, 12; slli t1, t1, 10; li t2, flags; or t1, t1, t2; sd t1, 0(t0)
#define PTE_SET_LEAF(tbl, idx, pa, flags) \
        PTE_ADDR(tbl, idx); li t1, (((pa) >> 12) << 10) | (flags); sd t1, 0(t0)
#define PTE_SET_RAW(tbl, idx, value) \
        PTE_ADDR(tbl, idx); li t1, value; sd t1, 0(t0)
/* satp = Sv39 with root table `root`, then sfence.vma. */
#define SATP_SET(root) \
        la t0, root; srli t0, t0, 12; li t1, SATP_SV39; or t0, t0, t1; csrw satp, t0; sfence.vma

/* VM_IDENTITY: build an identity Sv39 map of the test image in vm_root (needs VM_SUPPORT once in the
 * test): vm_root[2] -> vm_l1_id, vm_l1_id[0] -> vm_l0_id, one 4 KiB leaf per page of
 * [0x80000000, _end) with V R W X A D, plus U for the .utext pages [user_start, user_end), and a
 * U alias of the trap_area page at TRAP_AREA_U_VA.  The image must stay below 0x801ff000.
 * Other vm_root entries are the test's.  Clobbers ra, t0..t4. */
#define VM_IDENTITY jal ra, vm_build_identity
/* U-mode code under VM_IDENTITY cannot touch trap_area (an S page); TP_USER points tp at its U alias
 * (vm_l0_id[511]) so the EXPECT / CHECK_TRAP macros work in U; TP_NORMAL points it back. */
#define TRAP_AREA_U_VA 0x801ff000
#define TP_USER   li tp, TRAP_AREA_U_VA
#define TP_NORMAL la tp, trap_area

.macro VM_SUPPORT
        .text
vm_build_identity:
        PTE_SET_TABLE(vm_root, 2, vm_l1_id)
        PTE_SET_TABLE(vm_l1_id, 0, vm_l0_id)
        la t3, _start
        la t4, _end
1:      srli t0, t3, 12
        andi t0, t0, 0x1ff
        slli t0, t0, 3
        la t1, vm_l0_id
        add t0, t0, t1                  /* &vm_l0_id[VPN0] */
        li t2, PTE_V | PTE_R | PTE_W | PTE_X | PTE_A | PTE_D
        la t1, user_start
        bltu t3, t1, 2f
        la t1, user_end
        bgeu t3, t1, 2f
        ori t2, t2, PTE_U
2:      srli t1, t3, 12
        slli t1, t1, 10
        or t1, t1, t2
        sd t1, 0(t0)
        li t1, 4096
        add t3, t3, t1
        bltu t3, t4, 1b
        PTE_ADDR(vm_l0_id, VPN0(TRAP_AREA_U_VA))   /* U alias of the trap_area page */
        la t1, trap_area
        srli t1, t1, 12
        slli t1, t1, 10
        ori t1, t1, PTE_V | PTE_R | PTE_W | PTE_A | PTE_D | PTE_U
        sd t1, 0(t0)
        ret
        .bss
        .balign 4096
vm_root:  .zero 4096
vm_l1_id: .zero 4096
vm_l0_id: .zero 4096
        .text
.endm

/* ---------------------------------------------------------------- HTIF */
/* Print the character in a0 on the HTIF console (clobbers t0, t1). */
#define PUTCHAR_A0 jal ra, htif_putc
/* Print the NUL-terminated string at label (clobbers a0, a1, t0, t1, ra). */
#define PUTS(label) la a1, label; jal ra, htif_puts

/* ---------------------------------------------------------------- test skeleton */
#define TEST_PASS j test_pass

.macro TEST_BEGIN
        .section .text.init, "ax", @progbits
        .globl _start
_start:
        csrr t0, mhartid
        bnez t0, park_hart
        la tp, trap_area
        li gp, 0
        /* PMP entry 0 opens everything to S/U (as riscv-tests do); tolerated if PMP is absent. */
        la t0, 1f
        csrw mtvec, t0
        PMP_ALLOW_ALL
        .balign 4
1:      la t0, trap_m
        csrw mtvec, t0
        csrw mie, zero
        csrw satp, zero
        csrw medeleg, zero
        csrw mideleg, zero
        li t0, MSTATUS_MPRV | MSTATUS_MIE | MSTATUS_SIE | MSTATUS_TVM | MSTATUS_TW | MSTATUS_TSR | MSTATUS_SUM | MSTATUS_MXR
        csrc mstatus, t0
        j test_body

park_hart:
        wfi
        j park_hart

/* ---- default M-mode trap handler.  Independent of tp (it finds trap_area itself); uses mscratch
 * as a temporary, so mscratch does not survive a trap. */
        .balign 4
        .globl trap_m
trap_m:
        csrw mscratch, t2
        la t2, trap_area
        sd t0, TA_SAVE_M+0(t2)
        sd t1, TA_SAVE_M+8(t2)
        csrr t0, mscratch
        sd t0, TA_SAVE_M+16(t2)
        csrr t0, mcause
        bltz t0, 2f
        li t1, ECALL_MAGIC              /* RETURN_TO_M request: continue at a6 in M */
        bne a7, t1, 2f
        li a7, 0
        csrw mepc, a6
        li t0, MSTATUS_MPP_M
        csrs mstatus, t0
        j 5f
2:      ld t1, TA_M_ARMED(t2)
        beqz t1, 6f
        sd zero, TA_M_ARMED(t2)
        sd t0, TA_M_CAUSE(t2)
        csrr t1, mepc
        sd t1, TA_M_EPC(t2)
        csrr t1, mtval
        sd t1, TA_M_TVAL(t2)
        csrr t1, mstatus
        sd t1, TA_M_STATUS(t2)
        ld t1, TA_M_COUNT(t2)
        addi t1, t1, 1
        sd t1, TA_M_COUNT(t2)
        bltz t0, 4f
        ld t0, TA_M_RESUME(t2)
        beqz t0, 3f
        sd zero, TA_M_RESUME(t2)
        csrw mepc, t0
        j 5f
3:      csrr t0, mepc                   /* skip the instruction: 2 or 4 bytes */
        lhu t1, 0(t0)
        andi t1, t1, 3
        addi t1, t1, -3
        addi t0, t0, 2
        bnez t1, 7f
        addi t0, t0, 2
7:      csrw mepc, t0
        j 5f
4:      csrw mie, zero                  /* interrupt: one-shot */
5:      ld t0, TA_SAVE_M+0(t2)
        ld t1, TA_SAVE_M+8(t2)
        ld t2, TA_SAVE_M+16(t2)
        mret
6:      /* Unexpected trap.  If the pass / fail code itself trapped (e.g. U-mode under virtual
           memory cannot write tohost), finish it here in M; otherwise fail with 255. */
        csrr t0, mepc
        la t1, test_pass
        bltu t0, t1, 8f
        la t1, fail_path_end
        bgeu t0, t1, 8f
        la t1, test_fail
        bgeu t0, t1, 9f
        j test_pass
9:      la t1, test_fail
        beq t0, t1, 10f                 /* could not even fetch test_fail: gp, t5, t6 intact */
        mv gp, s2
        mv t5, s3
        mv t6, s4
10:     j test_fail
8:      li gp, 255
        csrr t5, mcause
        csrr t6, mepc
        j test_fail

/* ---- default S-mode trap handler (install with SET_STVEC_DEFAULT); uses sscratch as a temporary */
        .balign 4
        .globl trap_s
trap_s:
        csrw sscratch, t2
        la t2, trap_area
        sd t0, TA_SAVE_S+0(t2)
        sd t1, TA_SAVE_S+8(t2)
        csrr t0, sscratch
        sd t0, TA_SAVE_S+16(t2)
        csrr t0, scause
        bltz t0, 2f
        li t1, ECALL_MAGIC              /* RETURN_TO_M request: forward it to M */
        bne a7, t1, 2f
        li t1, CAUSE_ECALL_S
        beq t0, t1, 8f
        li t1, CAUSE_ILLEGAL
        beq t0, t1, 9f
        ecall                           /* trap_m continues at a6 in M */
8:      .word 0xc0001073                /* ecall from S is delegated: try an illegal instruction */
9:      li gp, 253
        mv t5, t0
        csrr t6, sepc
        j test_fail
2:      ld t1, TA_S_ARMED(t2)
        beqz t1, 6f
        sd zero, TA_S_ARMED(t2)
        sd t0, TA_S_CAUSE(t2)
        csrr t1, sepc
        sd t1, TA_S_EPC(t2)
        csrr t1, stval
        sd t1, TA_S_TVAL(t2)
        csrr t1, sstatus
        sd t1, TA_S_STATUS(t2)
        ld t1, TA_S_COUNT(t2)
        addi t1, t1, 1
        sd t1, TA_S_COUNT(t2)
        bltz t0, 4f
        ld t0, TA_S_RESUME(t2)
        beqz t0, 3f
        sd zero, TA_S_RESUME(t2)
        csrw sepc, t0
        j 5f
3:      csrr t0, sepc
        lhu t1, 0(t0)
        andi t1, t1, 3
        addi t1, t1, -3
        addi t0, t0, 2
        bnez t1, 7f
        addi t0, t0, 2
7:      csrw sepc, t0
        j 5f
4:      csrw sie, zero
5:      ld t0, TA_SAVE_S+0(t2)
        ld t1, TA_SAVE_S+8(t2)
        ld t2, TA_SAVE_S+16(t2)
        sret
6:      li gp, 254
        csrr t5, scause
        csrr t6, sepc
        j test_fail

/* ---- pass / fail */
        .globl test_pass
test_pass:
        fence
        li t0, 1
        la t1, tohost
        sd t0, 0(t1)
1:      j 1b

        .globl test_fail
test_fail:                              /* gp = check number, t5 = got, t6 = expected */
        addi t0, gp, -1
        sltiu t0, t0, 255
        bnez t0, 1f
        li gp, 252                      /* not in 1..255: would not show in the exit status */
1:      mv s2, gp
        mv s3, t5
        mv s4, t6
        la a1, fail_msg_1
        jal ra, htif_puts
        mv a0, s2
        jal ra, put_dec
        la a1, fail_msg_2
        jal ra, htif_puts
        mv a0, s3
        jal ra, put_hex
        la a1, fail_msg_3
        jal ra, htif_puts
        mv a0, s4
        jal ra, put_hex
        li a0, '\n'
        jal ra, htif_putc
        fence
        slli t0, s2, 1
        ori t0, t0, 1
        la t1, tohost
        sd t0, 0(t1)
1:      j 1b

/* ---- HTIF console: putchar a0 (device 1, command 1); waits (bounded) for the host to take it */
        .globl htif_putc
htif_putc:
        la t0, tohost
        andi a0, a0, 0xff
        li t1, 0x0101
        slli t1, t1, 48
        or t1, t1, a0
        sd t1, 0(t0)
        li t1, 0x100000
1:      ld a0, 0(t0)
        beqz a0, 2f
        addi t1, t1, -1
        bnez t1, 1b
2:      ret

/* puts: a1 = NUL-terminated string */
        .globl htif_puts
htif_puts:
        mv s1, ra
1:      lbu a0, 0(a1)
        beqz a0, 2f
        jal ra, htif_putc
        addi a1, a1, 1
        j 1b
2:      mv ra, s1
        ret

/* put_hex: a0 as 0x + 16 hex digits (clobbers a0-a3, s1, t0, t1) */
put_hex:
        mv s5, ra
        mv a2, a0
        li a0, '0'
        jal ra, htif_putc
        li a0, 'x'
        jal ra, htif_putc
        li a3, 60
1:      srl a0, a2, a3
        andi a0, a0, 15
        addi a0, a0, '0'
        li t0, '9'
        ble a0, t0, 2f
        addi a0, a0, 'a' - '0' - 10
2:      jal ra, htif_putc
        addi a3, a3, -4
        bgez a3, 1b
        mv ra, s5
        ret

/* put_dec: a0 (unsigned, < 10^6) in decimal */
put_dec:
        mv s5, ra
        mv a2, a0
        li a3, 100000
        li s6, 0                        /* leading-zero suppression */
1:      divu a0, a2, a3
        remu a2, a2, a3
        or s6, s6, a0
        li t0, 1
        beq a3, t0, 2f
        beqz s6, 3f
2:      addi a0, a0, '0'
        jal ra, htif_putc
3:      li t0, 10
        divu a3, a3, t0
        bnez a3, 1b
        mv ra, s5
        ret

fail_path_end:

        .pushsection .rodata
fail_msg_1: .asciz "FAIL "
fail_msg_2: .asciz ": got "
fail_msg_3: .asciz " expected "
        .popsection

        .pushsection .tohost, "aw", @progbits
        .balign 64
        .globl tohost
tohost: .dword 0
        .size tohost, 8
        .balign 64
        .globl fromhost
fromhost: .dword 0
        .size fromhost, 8
        .popsection

        .pushsection .data
        .balign 4096                    /* own page: VM tests alias it for U-mode (TP_USER) */
        .globl trap_area
trap_area: .zero TA_SIZE
        .balign 64
        .globl magic_mem
magic_mem: .zero 64
        .balign 4096
        .popsection

        .text
        .globl test_body
test_body:
.endm

#endif
