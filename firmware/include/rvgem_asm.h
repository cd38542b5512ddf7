/* Helpers shared by the runtime's assembly files. */
#ifndef RVGEM_ASM_H
#define RVGEM_ASM_H

#if __riscv_xlen == 64
#define REGBYTES 8
#define SREG sd
#define LREG ld
#else
#define REGBYTES 4
#define SREG sw
#define LREG lw
#endif

#define MSTATUS_FS_INITIAL 0x2000  /* mstatus.FS = Initial (01) */

#endif
