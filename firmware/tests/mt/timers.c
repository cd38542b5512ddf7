// harts: 1 2 4 8
/* Each hart programs its own mtimecmp a different distance ahead, sleeps in WFI (MTIE in mie,
   mstatus.MIE off) until mip.MTIP, and records whether mtime >= its deadline when it woke and
   whether MTIP was clear before the deadline. Hart 0 takes part too. */
#include <stdint.h>
#include <stdio.h>

#include "rvgem_mt.h"

static volatile uint32_t woke_late_enough[RVGEM_MAX_HARTS];
static volatile uint32_t not_early[RVGEM_MAX_HARTS];
static volatile uint32_t cleared[RVGEM_MAX_HARTS];
static volatile uint32_t done[RVGEM_MAX_HARTS];

static uint64_t read_mip(void) { uint64_t v; __asm__ volatile ("csrr %0, mip" : "=r"(v)); return v; }

static void sleeper(unsigned h, void *arg)
{
    (void)arg;
    __asm__ volatile ("csrc mstatus, %0" :: "r"(8UL));
    uint64_t deadline = rvgem_mtime() + 150 * (h + 1) + 37 * h;
    *RVGEM_CLINT_MTIMECMP(h) = deadline;
    /* MTIP follows mtimecmp at once: it must be clear now (the deadline is ahead) */
    not_early[h] = !(read_mip() & RVGEM_MIP_MTIP) || rvgem_mtime() >= deadline;
    __asm__ volatile ("csrs mie, %0" :: "r"(RVGEM_MIP_MTIP));
    while (!(read_mip() & RVGEM_MIP_MTIP))
        __asm__ volatile ("wfi");
    uint64_t now = rvgem_mtime();
    woke_late_enough[h] = now >= deadline;
    __asm__ volatile ("csrc mie, %0" :: "r"(RVGEM_MIP_MTIP));
    *RVGEM_CLINT_MTIMECMP(h) = UINT64_MAX;
    cleared[h] = !(read_mip() & RVGEM_MIP_MTIP);
    done[h] = 1;
}

int main(void)
{
    unsigned n = hart_count();
    hart_run(sleeper, 0);
    unsigned bad_wake = 0, bad_early = 0, bad_clear = 0, missing = 0;
    for (unsigned h = 0; h < n; h++) {
        bad_wake += !woke_late_enough[h];
        bad_early += !not_early[h];
        bad_clear += !cleared[h];
        missing += !done[h];
    }
    printf("all harts woke: %s\n", missing ? "NO" : "yes");
    printf("mtime >= deadline at wake: %s\n", bad_wake ? "NO" : "all");
    printf("MTIP clear before deadline: %s\n", bad_early ? "NO" : "all");
    printf("MTIP cleared by mtimecmp: %s\n", bad_clear ? "NO" : "all");
    int fail = bad_wake || bad_early || bad_clear || missing;
    printf("timers: %s\n", fail ? "FAIL" : "PASS");
    return fail;
}
