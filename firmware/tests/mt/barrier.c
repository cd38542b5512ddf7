// harts: 1 2 4 8
/* Phases separated by barrier_wait: in phase k every hart writes its slot, and after the barrier
   checks every slot of phase k (and that the arrival count is in the window the barrier allows). */
#include <stdint.h>
#include <stdio.h>

#include "rvgem_mt.h"

#define PHASES 24

static struct barrier bar = BARRIER_INIT;
static volatile uint32_t slots[PHASES][RVGEM_MAX_HARTS];
static uint32_t arrivals;
static uint32_t errors;
static unsigned nharts;

static void work(unsigned h, void *arg)
{
    (void)arg;
    unsigned n = nharts;
    for (unsigned k = 0; k < PHASES; k++) {
        /* uneven work so harts arrive at different times */
        for (volatile unsigned d = 0; d < ((h * 37 + k * 11) % 13) * 200; d++)
            ;
        slots[k][h] = k * 100 + h + 1;
        __atomic_fetch_add(&arrivals, 1, __ATOMIC_SEQ_CST);
        barrier_wait(&bar, n);
        for (unsigned j = 0; j < n; j++)
            if (slots[k][j] != k * 100 + j + 1)
                __atomic_fetch_add(&errors, 1, __ATOMIC_SEQ_CST);
        uint32_t a = __atomic_load_n(&arrivals, __ATOMIC_SEQ_CST);
        if (a < (k + 1) * n || a >= (k + 2) * n)
            __atomic_fetch_add(&errors, 1, __ATOMIC_SEQ_CST);
    }
    barrier_wait(&bar, n);
}

int main(void)
{
    nharts = hart_count();
    hart_run(work, 0);
    int fail = errors != 0 || arrivals != PHASES * nharts || bar.count != 0;
    printf("%d phases: %s\n", PHASES, errors ? "slot/arrival errors" : "all slots seen");
    printf("barrier: %s\n", fail ? "FAIL" : "PASS");
    return fail;
}
