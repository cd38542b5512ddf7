// harts: 2 4 8
/* A store by another hart breaks an LR reservation. Hart 0 takes a reservation with LR, hart 1 then
   stores the very value the word already holds, and hart 0's SC must fail: a compare-and-swap on the
   value alone would let it succeed. (In the round-robin schedule the switch to hart 1 already drops
   the reservation, as in Spike; with --parallel the store itself has to.) */
#include <stdint.h>
#include <stdio.h>

#include "rvgem_mt.h"

#define ROUNDS 20

static volatile uint64_t word = 41;
static volatile uint32_t reserved;            /* rounds in which hart 0 has taken its reservation */
static volatile uint32_t stored;              /* rounds in which hart 1 has stored */

static uint64_t load_reserved(volatile uint64_t *p)
{
    uint64_t v;
    __asm__ volatile ("lr.d %0, (%1)" : "=r"(v) : "r"(p) : "memory");
    return v;
}

static uint64_t store_conditional(volatile uint64_t *p, uint64_t v)
{
    uint64_t failed;
    __asm__ volatile ("sc.d %0, %2, (%1)" : "=&r"(failed) : "r"(p), "r"(v) : "memory");
    return failed;
}

static void same_value_stores(unsigned h, void *arg)
{
    (void)h; (void)arg;
    for (unsigned round = 1; round <= ROUNDS; round++) {
        while (reserved != round) {}
        word = word;                          /* the same value back */
        __asm__ volatile ("fence rw, rw" ::: "memory");
        stored = round;
    }
}

int main(void)
{
    unsigned failed = 0;
    hart_start(1, same_value_stores, 0);
    for (unsigned round = 1; round <= ROUNDS; round++) {
        uint64_t v = load_reserved(&word);
        reserved = round;                     /* stores elsewhere keep the reservation */
        while (stored != round) {}
        failed += store_conditional(&word, v + 1) != 0;
    }
    hart_join(1);
    printf("SC after another hart's store failed in %u of %d rounds; word = %llu\n", failed, ROUNDS,
           (unsigned long long)word);
    return failed != ROUNDS;
}
