/*
 * RVGem bare-metal start-up (our own). The boot ROM enters _start on every hart with
 * a0 = mhartid, a1 = device-tree address; we read mhartid ourselves anyway.
 *
 *  every hart:  gp, mtvec (-> __trap_entry), sp/tp from its own area in .harts (see link.ld)
 *  hart 0:      zero .bss, FS on + fcsr = 0 (if built with F/D), TLS, C constructors,
 *               argc/argv from the host (HTIF getmainvars), exit(main(argc, argv, envp))
 *  other harts: TLS, then the multi-hart park loop __rvgem_hart_loop(mhartid) (runtime/mt.c:
 *               WFI until hart_start gives them work, include/rvgem_mt.h); harts beyond
 *               __max_harts park in WFI without a stack (__hart_park)
 */
#include "rvgem_asm.h"

  .section .text.init, "ax", @progbits
  .globl _start
  .type _start, @function
_start:
  .option push
  .option norelax
  la gp, __global_pointer$
  .option pop

  la t0, __trap_entry
  csrw mtvec, t0
  csrw mie, zero

#ifdef __riscv_flen
  li t0, MSTATUS_FS_INITIAL
  csrs mstatus, t0
  csrw fcsr, zero
#endif

  /* This hart's area: __harts_start + id * __hart_area_size; TLS at its bottom, sp at its top. */
  csrr s0, mhartid
  lui t0, %hi(__max_harts)       /* absolute symbols from link.ld: not pc-relative */
  addi t0, t0, %lo(__max_harts)
  bgeu s0, t0, __hart_park
  lui t0, %hi(__hart_area_size)
  addi t0, t0, %lo(__hart_area_size)
  mul t1, s0, t0
  la s1, __harts_start
  add s1, s1, t1                 /* s1 = area base = this hart's TLS block */
  add sp, s1, t0                 /* sp = area top (16-byte aligned: areas are 4 KiB multiples) */
  mv tp, s1

  bnez s0, __hart_secondary

  /* Hart 0: zero .bss (16-byte aligned bounds). */
  la t0, __bss_start
  la t1, __bss_end
1:
  bgeu t0, t1, 2f
  SREG zero, 0(t0)
  SREG zero, REGBYTES(t0)
  addi t0, t0, 2 * REGBYTES
  j 1b
2:
  /* Thread-local storage from the .tdata/.tbss template (errno lives there in picolibc). */
  mv a0, s1
  call _init_tls

  call __libc_init_array

  /* argc/argv/envp from the host (HTIF getmainvars), then exit(main(argc, argv, envp)). */
  call __rvgem_start
  j __hart_park

  /* Harts other than 0: their stack and TLS pointer are set; they touch only .data (their mailbox)
     until hart 0 hands them work, so hart 0 zeroing .bss meanwhile is harmless. */
__hart_secondary:
  mv a0, s1
  call _init_tls
  mv a0, s0
  call __rvgem_hart_loop         /* never returns */
  .globl __hart_park
__hart_park:
  wfi
  j __hart_park
  .size _start, . - _start

/*
 * Machine-mode trap entry: save x1..x31 on the trapping stack and call
 *   uintptr_t __rvgem_trap(mcause, mepc, mtval, uintptr_t regs[32])
 * The default (runtime/trap.c) reports the trap and exits with 128 + cause.
 */
  .text
  .balign 4
  .globl __trap_entry
  .type __trap_entry, @function
__trap_entry:
  addi sp, sp, -32 * REGBYTES
  .irp r, 1,2,3,4,5,6,7,8,9,10,11,12,13,14,15,16,17,18,19,20,21,22,23,24,25,26,27,28,29,30,31
  SREG x\r, \r * REGBYTES(sp)
  .endr
  csrr a0, mcause
  csrr a1, mepc
  csrr a2, mtval
  mv a3, sp
  call __rvgem_trap
  /* The default __rvgem_trap never returns; a program's own (it is weak) may return the pc to
     resume at, after editing the saved registers it was handed. */
  csrw mepc, a0
  .irp r, 1,3,4,5,6,7,8,9,10,11,12,13,14,15,16,17,18,19,20,21,22,23,24,25,26,27,28,29,30,31
  LREG x\r, \r * REGBYTES(sp)
  .endr
  addi sp, sp, 32 * REGBYTES
  mret
  .size __trap_entry, . - __trap_entry
