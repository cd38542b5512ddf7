// harts: 1 2 4 8
/* A lock built from an LR/SC loop protects a plain (non-atomic) counter that every hart increments
   many times; an owner word checks mutual exclusion. Also an LR/SC fetch-and-add on a .d word. */
#include <stdint.h>
#include <stdio.h>

#include "rvgem_mt.h"

#define ITERS 3000

static volatile uint32_t lock_word;
static volatile uint64_t counter;             /* plain loads/stores only, under the lock */
static volatile uint32_t owner;
static volatile uint32_t overlaps;
static uint64_t lrsc_sum;

static void lr_sc_lock(volatile uint32_t *l)
{
    uint32_t tmp, fail;
    __asm__ volatile (
        "1: lr.w.aq %0, (%2)\n"
        "   bnez %0, 1b\n"
        "   sc.w %1, %3, (%2)\n"
        "   bnez %1, 1b\n"
        : "=&r"(tmp), "=&r"(fail) : "r"(l), "r"(1) : "memory");
}

static void lr_sc_unlock(volatile uint32_t *l)
{
    __asm__ volatile ("fence rw, w\n sw zero, 0(%0)" :: "r"(l) : "memory");
}

static uint64_t lr_sc_add(uint64_t *p, uint64_t v)
{
    uint64_t old, tmp, fail;
    __asm__ volatile (
        "1: lr.d.aqrl %0, (%3)\n"
        "   add %1, %0, %4\n"
        "   sc.d.aqrl %2, %1, (%3)\n"
        "   bnez %2, 1b\n"
        : "=&r"(old), "=&r"(tmp), "=&r"(fail) : "r"(p), "r"(v) : "memory");
    return old;
}

static void work(unsigned h, void *arg)
{
    (void)arg;
    for (int i = 0; i < ITERS; i++) {
        lr_sc_lock(&lock_word);
        if (owner != 0)
            overlaps++;
        owner = h + 1;
        uint64_t c = counter;
        for (volatile int d = 0; d < (i & 3); d++)   /* widen the window a little */
            ;
        counter = c + 1;
        if (owner != h + 1)
            overlaps++;
        owner = 0;
        lr_sc_unlock(&lock_word);
        lr_sc_add(&lrsc_sum, h + 1);
    }
}

int main(void)
{
    unsigned n = hart_count();
    hart_run(work, 0);
    int fail = 0;
    if (counter == (uint64_t)ITERS * n) {
        printf("locked counter ok\n");
    } else {
        printf("locked counter FAIL: %llu, want %llu\n", (unsigned long long)counter, (unsigned long long)ITERS * n);
        fail = 1;
    }
    if (overlaps == 0) {
        printf("mutual exclusion ok\n");
    } else {
        printf("mutual exclusion FAIL: %u overlaps\n", (unsigned)overlaps);
        fail = 1;
    }
    uint64_t want = (uint64_t)ITERS * n * (n + 1) / 2;
    if (lrsc_sum == want) {
        printf("lr/sc add ok\n");
    } else {
        printf("lr/sc add FAIL: %llu, want %llu\n", (unsigned long long)lrsc_sum, (unsigned long long)want);
        fail = 1;
    }
    if (lock_word != 0) {
        printf("lock left held\n");
        fail = 1;
    }
    printf("lrsc_lock: %s\n", fail ? "FAIL" : "PASS");
    return fail;
}
