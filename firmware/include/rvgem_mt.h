/*
 * Multi-hart helpers for bare-metal RVGem programs (runtime/mt.c, crt0.S). main runs on hart 0;
 * every other hart (ids 1 .. RVGEM_MAX_HARTS-1) sits in the runtime's park loop with its own stack
 * and TLS, MSIE set in mie and mstatus.MIE off, sleeping in WFI until hart_start gives it work.
 *
 *   hart_count()            number of harts present (see below); 1 .. RVGEM_MAX_HARTS
 *   hart_start(h, fn, arg)  run fn(h, arg) on parked hart h (h != 0, h < hart_count()); returns at
 *                           once. Waits first if h is still running an earlier job.
 *   hart_join(h)            wait until hart h has returned from its job (and flushed its stdout)
 *   hart_run(fn, arg)       fn(h, arg) on every hart 0 .. hart_count()-1 (hart 0 is the caller);
 *                           returns when all have returned
 *   spin_lock / spin_unlock AMO (amoswap.w.aq / store release) spin lock
 *   barrier_wait(b, n)      sense-reversing barrier for n harts (struct barrier, zero-initialised)
 *
 * hart_count: every parked hart marks itself present in a .data flag the moment it reaches the park
 * loop (a few dozen instructions after reset). Hart 0 counts the contiguous present ids from 1 and,
 * for the first missing one, spins a bounded RVGEM_HART_PROBE_SPINS iterations (several 5000-
 * instruction round-robin quanta, so in Spike's/rvgem's deterministic schedule every existing hart
 * has long run its start-up) before concluding it does not exist. The result is cached.
 *
 * stdout/stderr are buffered per hart and written one line at a time under a lock, so lines from
 * different harts never interleave (each line <= 256 bytes). malloc is NOT thread-safe: allocate
 * from hart 0 only.
 */
#ifndef RVGEM_MT_H
#define RVGEM_MT_H

#include <stdint.h>

#define RVGEM_MAX_HARTS 8
#define RVGEM_HART_PROBE_SPINS 100000

/* CLINT (Spike's layout) */
#define RVGEM_CLINT_BASE 0x2000000UL
#define RVGEM_CLINT_MSIP(h) ((volatile uint32_t *)(RVGEM_CLINT_BASE + 4 * (uintptr_t)(h)))
#define RVGEM_CLINT_MTIMECMP(h) ((volatile uint64_t *)(RVGEM_CLINT_BASE + 0x4000 + 8 * (uintptr_t)(h)))
#define RVGEM_CLINT_MTIME ((volatile uint64_t *)(RVGEM_CLINT_BASE + 0xbff8))

#define RVGEM_MIP_MSIP (1UL << 3)
#define RVGEM_MIP_MTIP (1UL << 7)

typedef void (*hart_fn)(unsigned hart, void *arg);

unsigned hart_count(void);
void hart_start(unsigned hart, hart_fn fn, void *arg);
void hart_join(unsigned hart);
void hart_run(hart_fn fn, void *arg);

static inline unsigned hart_id(void)
{
    uint64_t v;
    __asm__ volatile ("csrr %0, mhartid" : "=r"(v));
    return (unsigned)v;
}

static inline void send_ipi(unsigned hart) { *RVGEM_CLINT_MSIP(hart) = 1; }
static inline void clear_ipi(unsigned hart) { *RVGEM_CLINT_MSIP(hart) = 0; }
static inline uint64_t rvgem_mtime(void) { return *RVGEM_CLINT_MTIME; }

typedef struct { volatile int locked; } spinlock_t;
#define SPINLOCK_INIT { 0 }

static inline void spin_lock(spinlock_t *l)
{
    while (__atomic_exchange_n(&l->locked, 1, __ATOMIC_ACQUIRE))        /* amoswap.w.aq */
        while (__atomic_load_n(&l->locked, __ATOMIC_RELAXED))
            ;
}

static inline void spin_unlock(spinlock_t *l)
{
    __atomic_store_n(&l->locked, 0, __ATOMIC_RELEASE);
}

struct barrier {
    volatile unsigned count;
    volatile unsigned sense;
};
#define BARRIER_INIT { 0, 0 }

/* The last of n arrivals resets count and flips sense; the others spin until sense flips. No hart
   can arrive for the next round before the flip, so the sense read on entry is the current one. */
static inline void barrier_wait(struct barrier *b, unsigned n)
{
    unsigned sense = __atomic_load_n(&b->sense, __ATOMIC_ACQUIRE);
    if (__atomic_fetch_add(&b->count, 1, __ATOMIC_ACQ_REL) == n - 1) {
        __atomic_store_n(&b->count, 0, __ATOMIC_RELAXED);
        __atomic_store_n(&b->sense, !sense, __ATOMIC_RELEASE);
    } else {
        while (__atomic_load_n(&b->sense, __ATOMIC_ACQUIRE) == sense)
            ;
    }
}

#endif
