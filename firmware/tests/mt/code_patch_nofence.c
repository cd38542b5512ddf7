// harts: 2 4 8
// schedule: round-robin
/* code_patch without FENCE.I on the callers: in Spike's round-robin schedule a store to code is
   seen by every hart at once (Spike and rvgem drop every hart's decoded copy), which programs that
   skip FENCE.I come to rely on. Not a RISC-V guarantee: with --parallel, another hart's stores to
   code are certain to show only after that hart's FENCE.I (or, in rvgem, its next quantum). */
#include <stdint.h>
#include <stdio.h>

#include "rvgem_mt.h"

#define ROUNDS 8

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
