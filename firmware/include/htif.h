/*
 * HTIF: how a bare-metal program talks to the host (Spike's front-end server, or rvgem).
 * See toolchain-notes/htif.md. tohost/fromhost are 64-bit words the host finds by symbol name.
 */
#ifndef RVGEM_HTIF_H
#define RVGEM_HTIF_H

#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

extern volatile uint64_t tohost;
extern volatile uint64_t fromhost;

/* Syscall numbers the host understands (Linux/RISC-V numbering, plus Spike's getmainvars). */
#define HTIF_SYS_OPENAT      56
#define HTIF_SYS_CLOSE       57
#define HTIF_SYS_LSEEK       62
#define HTIF_SYS_READ        63
#define HTIF_SYS_WRITE       64
#define HTIF_SYS_FSTAT       80
#define HTIF_SYS_EXIT        93
#define HTIF_SYS_GETMAINVARS 2011

/*
 * Host syscall n(a0, a1, a2): fills a 64-byte-aligned magic_mem[8] = {n, a0, a1, a2, 0, 0, 0, 0},
 * writes its address to tohost (device 0, command 0), spins until fromhost != 0, clears fromhost
 * and returns magic_mem[0] (a negative errno on failure, as Linux would). Serialised across harts.
 */
long htif_syscall(long n, long a0, long a1, long a2);

/* Writes tohost = (code << 1) | 1 (device 0, exit) and spins until the host stops the machine.
   code is taken as unsigned 32 bits: exit(-1) reaches Spike as 0xffffffff, exit status 255. */
__attribute__((noreturn)) void htif_exit(int code);

#ifdef __cplusplus
}
#endif

#endif
