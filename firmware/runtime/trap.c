/*
 * Default machine-mode trap handler: no RVGem test program expects a trap unless it installs its
 * own handler (define __rvgem_trap; see tests/c/traps.c), so report it on stderr and exit with
 * status 128 + (mcause & 0x7f).
 */
#include <stdint.h>

#include "htif.h"

static void put_text(char *buffer, int *n, const char *text)
{
    while (*text)
        buffer[(*n)++] = *text++;
}

static void put_hex(char *buffer, int *n, uint64_t value)
{
    put_text(buffer, n, "0x");
    for (int shift = 60; shift >= 0; shift -= 4)
        buffer[(*n)++] = "0123456789abcdef"[(value >> shift) & 15];
}

__attribute__((weak)) uintptr_t __rvgem_trap(uintptr_t cause, uintptr_t epc, uintptr_t tval, uintptr_t *regs)
{
    (void)regs;
    char line[128];
    int n = 0;
    put_text(line, &n, "*** unexpected trap: mcause ");
    put_hex(line, &n, cause);
    put_text(line, &n, " mepc ");
    put_hex(line, &n, epc);
    put_text(line, &n, " mtval ");
    put_hex(line, &n, tval);
    line[n++] = '\n';
    htif_syscall(HTIF_SYS_WRITE, 2, (long)(uintptr_t)line, n);
    htif_exit(128 + (int)(cause & 0x7f));
}
