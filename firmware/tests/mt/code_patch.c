// harts: 1 2 4 8
/* Hart 0 writes a tiny function (li a0, K; ret) into a data buffer and every hart calls it. Then
   hart 0 rewrites K and all call it again: each hart must run the new code, never a copy it decoded
   in the previous round. The callers execute FENCE.I first, as RISC-V requires for code another
   hart wrote (code_patch_nofence includes this file with CALLERS_FENCE 0 to check rvgem's stronger
   round-robin behaviour). */
#include <stdint.h>
#include <stdio.h>

#include "rvgem_mt.h"

#define ROUNDS 8
#ifndef CALLERS_FENCE
#define CALLERS_FENCE 1
#endif

static uint32_t code[4] __attribute__((aligned(64)));
static volatile int32_t results[RVGEM_MAX_HARTS][ROUNDS];

static void write_function(int32_t k)
{
    code[0] = ((uint32_t)(k & 0xfff) << 20) | (10u << 7) | 0x13u;  /* addi a0, zero, k */
    code[1] = 0x00008067u;                                         /* ret */
    __asm__ volatile ("fence.i" ::: "memory");
}

static void call_function(unsigned h, void *arg)
{
    unsigned round = (unsigned)(uintptr_t)arg;
    if (CALLERS_FENCE)
        __asm__ volatile ("fence.i" ::: "memory");
    int32_t (*function)(void) = (int32_t (*)(void))(uintptr_t)code;
    results[h][round] = function();
}

int main(void)
{
    unsigned n = hart_count();
    int stale = 0;
    for (unsigned round = 0; round < ROUNDS; round++) {
        int32_t k = 100 + 7 * (int32_t)round;
        write_function(k);
        hart_run(call_function, (void *)(uintptr_t)round);
        for (unsigned h = 0; h < n; h++)
            if (results[h][round] != k)
                stale++;
        printf("round %u: hart 0 ran li a0, %ld\n", round, (long)results[0][round]);
    }
    printf("stale results on any hart: %d\n", stale);
    return stale != 0;
}
