// harts: 1 2 4 8
/* Harts 1.. wait in WFI (MSIE set in mie, mstatus.MIE off: WFI wakes without a trap) until hart 0
   sends each an msip IPI, one at a time; each checks mip.MSIP, clears its msip and acknowledges.
   Hart 0 also sends itself an IPI and wakes from its own WFI. */
#include <stdint.h>
#include <stdio.h>

#include "rvgem_mt.h"

static volatile uint32_t ready[RVGEM_MAX_HARTS];
static volatile uint32_t acked[RVGEM_MAX_HARTS];
static volatile uint32_t woke_in_order = 1;
static volatile uint32_t cleared_ok = 1;
static volatile uint32_t sent;                /* ids signalled so far (hart 0 writes) */

static uint64_t read_mip(void) { uint64_t v; __asm__ volatile ("csrr %0, mip" : "=r"(v)); return v; }

static void waiter(unsigned h, void *arg)
{
    (void)arg;
    __asm__ volatile ("csrc mstatus, %0" :: "r"(8UL));
    __asm__ volatile ("csrs mie, %0" :: "r"(RVGEM_MIP_MSIP));
    ready[h] = 1;
    while (!(read_mip() & RVGEM_MIP_MSIP))
        __asm__ volatile ("wfi");
    if (sent != h)                            /* hart 0 signals ids in order, one at a time */
        woke_in_order = 0;
    clear_ipi(h);
    if (read_mip() & RVGEM_MIP_MSIP)
        cleared_ok = 0;
    acked[h] = 1;
}

int main(void)
{
    unsigned n = hart_count();
    for (unsigned h = 1; h < n; h++)
        hart_start(h, waiter, 0);
    for (unsigned h = 1; h < n; h++)
        while (!ready[h])
            ;
    for (unsigned h = 1; h < n; h++) {
        sent = h;
        __atomic_thread_fence(__ATOMIC_SEQ_CST);
        send_ipi(h);
        while (!acked[h])
            ;
    }
    for (unsigned h = 1; h < n; h++)
        hart_join(h);

    /* self IPI */
    __asm__ volatile ("csrc mstatus, %0" :: "r"(8UL));
    __asm__ volatile ("csrs mie, %0" :: "r"(RVGEM_MIP_MSIP));
    send_ipi(0);
    int self_ok = (read_mip() & RVGEM_MIP_MSIP) != 0 && *RVGEM_CLINT_MSIP(0) == 1;
    __asm__ volatile ("wfi");                 /* pending: returns at once */
    clear_ipi(0);
    self_ok = self_ok && !(read_mip() & RVGEM_MIP_MSIP) && *RVGEM_CLINT_MSIP(0) == 0;
    __asm__ volatile ("csrc mie, %0" :: "r"(RVGEM_MIP_MSIP));

    unsigned missing = 0;
    for (unsigned h = 1; h < n; h++)
        missing += !acked[h];
    printf("secondary harts acknowledged: %s\n", missing ? "NO" : "all");
    printf("woke in order: %s\n", woke_in_order ? "yes" : "no");
    printf("msip cleared: %s\n", cleared_ok ? "yes" : "no");
    printf("self ipi: %s\n", self_ok ? "ok" : "FAIL");
    int fail = missing || !woke_in_order || !cleared_ok || !self_ok;
    printf("ipi_wfi: %s\n", fail ? "FAIL" : "PASS");
    return fail;
}
