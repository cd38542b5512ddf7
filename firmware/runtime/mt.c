/*
 * Multi-hart runtime (include/rvgem_mt.h): the park loop crt0 sends harts 1.. to, per-hart
 * mailboxes, hart_start/hart_join/hart_run and hart_count.
 */
#include <stdint.h>

#include "rvgem_mt.h"

struct mailbox {
    hart_fn volatile fn;                 /* non-NULL: a job is pending or running */
    void *volatile arg;
    volatile uint32_t present;           /* set by the hart itself on reaching the park loop */
} __attribute__((aligned(64)));

/* In .data, not .bss: secondary harts write 'present' before hart 0 has zeroed .bss. */
static struct mailbox mailboxes[RVGEM_MAX_HARTS] __attribute__((section(".data")));
static unsigned harts_counted;

void __rvgem_flush_hart_output(void);    /* libc_glue.c */

/* crt0 jumps here on harts 1 .. __max_harts-1 once sp/tp are set. Never returns. */
__attribute__((noreturn)) void __rvgem_hart_loop(unsigned hart)
{
    if (hart >= RVGEM_MAX_HARTS)
        for (;;)
            __asm__ volatile ("wfi");
    struct mailbox *m = &mailboxes[hart];
    __asm__ volatile ("csrc mstatus, %0" :: "r"(8UL));           /* MIE off: WFI wakes, no trap */
    __asm__ volatile ("csrs mie, %0" :: "r"(RVGEM_MIP_MSIP));
    __atomic_store_n(&m->present, 1, __ATOMIC_RELEASE);
    for (;;) {
        hart_fn fn = __atomic_load_n(&m->fn, __ATOMIC_ACQUIRE);
        if (fn) {
            clear_ipi(hart);
            __atomic_thread_fence(__ATOMIC_SEQ_CST);
            fn(hart, m->arg);
            __rvgem_flush_hart_output();
            __asm__ volatile ("csrc mstatus, %0" :: "r"(8UL));
            __asm__ volatile ("csrw mie, %0" :: "r"(RVGEM_MIP_MSIP));
            __atomic_store_n(&m->fn, (hart_fn)0, __ATOMIC_RELEASE);
            continue;
        }
        __asm__ volatile ("wfi");
    }
}

unsigned hart_count(void)
{
    unsigned n = __atomic_load_n(&harts_counted, __ATOMIC_ACQUIRE);
    if (n)
        return n;
    n = 1;
    while (n < RVGEM_MAX_HARTS) {
        unsigned spins = 0;
        while (!__atomic_load_n(&mailboxes[n].present, __ATOMIC_ACQUIRE) && spins < RVGEM_HART_PROBE_SPINS)
            spins++;
        if (!mailboxes[n].present)
            break;
        n++;
    }
    __atomic_store_n(&harts_counted, n, __ATOMIC_RELEASE);
    return n;
}

void hart_start(unsigned hart, hart_fn fn, void *arg)
{
    if (hart == 0 || hart >= RVGEM_MAX_HARTS || !fn)
        return;
    struct mailbox *m = &mailboxes[hart];
    while (__atomic_load_n(&m->fn, __ATOMIC_ACQUIRE))
        ;
    m->arg = arg;
    __atomic_store_n(&m->fn, fn, __ATOMIC_RELEASE);
    __atomic_thread_fence(__ATOMIC_SEQ_CST);
    send_ipi(hart);
}

void hart_join(unsigned hart)
{
    if (hart == 0 || hart >= RVGEM_MAX_HARTS)
        return;
    while (__atomic_load_n(&mailboxes[hart].fn, __ATOMIC_ACQUIRE))
        ;
}

void hart_run(hart_fn fn, void *arg)
{
    unsigned n = hart_count();
    for (unsigned h = 1; h < n; h++)
        hart_start(h, fn, arg);
    fn(0, arg);
    for (unsigned h = 1; h < n; h++)
        hart_join(h);
}
