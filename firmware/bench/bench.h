/*
 * Shared helpers for the RVGem benchmarks. Each benchmark is one C file built three ways:
 *   -DBENCH_BAREMETAL  our runtime (crt0 + HTIF + picolibc), run as `rvgem X.elf` / `spike X.elf`
 *   -DBENCH_LINUX      static Linux program (qemu-riscv64, or Linux on the emulator)
 *   neither            the host's own compiler, to cross-check checksums natively
 * and prints the same lines every way except those starting with '#' (counters, timing).
 *
 * Knobs: -DBENCH_SCALE=N  rounds of the workload (work grows linearly; defaults give 200-500 M
 *                         RV64 instructions at -O2),
 *        -DBENCH_TINY     the test suite's variant: small data, few rounds, no '#' lines
 *                         (firmware/tests/c/bench_*.c).
 */
#ifndef RVGEM_BENCH_H
#define RVGEM_BENCH_H

#include <inttypes.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

/* Instructions retired so far: minstret on bare metal (machine mode, needs no Zicntr); rdinstret
   on Linux (under qemu-user this is a host tick count, not instructions). */
static inline uint64_t bench_instret(void)
{
#if defined(__riscv) && defined(BENCH_BAREMETAL)
    uint64_t v;
    __asm__ volatile("csrr %0, minstret" : "=r"(v));
    return v;
#elif defined(__riscv)
    uint64_t v;
    __asm__ volatile("rdinstret %0" : "=r"(v));
    return v;
#else
    return 0;
#endif
}

/* The counter lines scripts/bench reads: "# instret: N" counts everything from reset to here. */
static inline void bench_report(void)
{
#ifndef BENCH_TINY
    printf("# instret: %" PRIu64 "\n", bench_instret());
#endif
}

/* splitmix64: small, fast, the same sequence on every host. */
typedef struct { uint64_t state; } bench_rng;

static inline uint64_t bench_next(bench_rng *r)
{
    uint64_t z = (r->state += 0x9e3779b97f4a7c15ull);
    z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ull;
    z = (z ^ (z >> 27)) * 0x94d049bb133111ebull;
    return z ^ (z >> 31);
}

/* Bitwise CRC-32 (reflected, polynomial 0xEDB88320): deliberately table-free, it is part of the work. */
static inline uint32_t bench_crc32(uint32_t crc, const void *data, size_t length)
{
    const uint8_t *p = data;
    crc = ~crc;
    while (length--) {
        crc ^= *p++;
        for (int k = 0; k < 8; k++)
            crc = (crc >> 1) ^ (0xedb88320u & (0u - (crc & 1u)));
    }
    return ~crc;
}

static inline uint32_t bench_crc32_u64(uint32_t crc, uint64_t value)
{
    uint8_t bytes[8];
    for (int i = 0; i < 8; i++)
        bytes[i] = (uint8_t)(value >> (8 * i));
    return bench_crc32(crc, bytes, sizeof bytes);
}

#define BENCH_CHECK(condition, ...)                                      \
    do {                                                                 \
        if (!(condition)) {                                              \
            printf("FAILED: " __VA_ARGS__);                              \
            printf("\n");                                                \
            return 1;                                                    \
        }                                                                \
    } while (0)

#endif
