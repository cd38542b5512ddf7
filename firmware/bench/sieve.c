/*
 * sieve: primes below LIMIT, two ways per round: an odd-only byte sieve and a segmented bit sieve
 * (64-bit words, shifts and masks). Each round shifts the limit a little so no two rounds are
 * identical. Self-checks: both sieves agree, and pi(10^6) = 78498 / pi(10^4) = 1229.
 */
#include "bench.h"

#ifdef BENCH_TINY
#define LIMIT 10000u
#define PI_LIMIT 1229u
#ifndef BENCH_SCALE
#define BENCH_SCALE 2
#endif
#else
#define LIMIT 1000000u
#define PI_LIMIT 78498u
#ifndef BENCH_SCALE
#define BENCH_SCALE 14
#endif
#endif

#define SEGMENT_BITS 32768u               /* odd numbers per segment (4 KiB of bits) */

static uint8_t composite[LIMIT / 2 + 64];
static uint64_t segment[SEGMENT_BITS / 64];
static uint32_t base_primes[4096];

/* Byte sieve over odd numbers: composite[i] describes 2i+1. Returns the prime count below limit. */
static uint32_t byte_sieve(uint32_t limit, uint64_t *sum)
{
    uint32_t half = limit / 2;
    memset(composite, 0, half);
    for (uint32_t i = 1; (2 * i + 1) * (2 * i + 1) < limit; i++) {
        if (composite[i])
            continue;
        uint32_t p = 2 * i + 1;
        for (uint32_t j = (p * p) / 2; j < half; j += p)
            composite[j] = 1;
    }
    uint32_t count = limit > 2 ? 1 : 0;   /* 2 */
    uint64_t s = limit > 2 ? 2 : 0;
    for (uint32_t i = 1; i < half; i++) {
        if (!composite[i]) {
            count++;
            s += 2 * i + 1;
        }
    }
    *sum = s;
    return count;
}

static uint32_t popcount64(uint64_t x)
{
    x = x - ((x >> 1) & 0x5555555555555555ull);
    x = (x & 0x3333333333333333ull) + ((x >> 2) & 0x3333333333333333ull);
    x = (x + (x >> 4)) & 0x0f0f0f0f0f0f0f0full;
    return (uint32_t)((x * 0x0101010101010101ull) >> 56);
}

/* Segmented bit sieve: bit k of a segment starting at odd number `low` describes low + 2k. */
static uint32_t bit_sieve(uint32_t limit, uint32_t *crc)
{
    uint32_t nbase = 0;
    for (uint32_t p = 3; p * p < limit; p += 2) {
        int prime = 1;
        for (uint32_t k = 0; k < nbase && base_primes[k] * base_primes[k] <= p; k++)
            if (p % base_primes[k] == 0) {
                prime = 0;
                break;
            }
        if (prime)
            base_primes[nbase++] = p;
    }
    uint32_t count = limit > 2 ? 1 : 0;
    for (uint32_t low = 1; low < limit; low += 2 * SEGMENT_BITS) {
        memset(segment, 0, sizeof segment);
        uint32_t high = low + 2 * SEGMENT_BITS;      /* exclusive */
        if (low == 1)
            segment[0] |= 1;                          /* 1 is not prime */
        for (uint32_t k = 0; k < nbase; k++) {
            uint32_t p = base_primes[k];
            uint32_t start = p * p;
            if (start < low) {
                start = low + (p - (low % p)) % p;
                if ((start & 1) == 0)
                    start += p;
            }
            for (uint32_t m = start; m < high; m += 2 * p) {
                uint32_t bit = (m - low) / 2;
                segment[bit / 64] |= 1ull << (bit % 64);
            }
        }
        uint32_t valid = high <= limit ? SEGMENT_BITS : (limit - low + 1) / 2;
        for (uint32_t w = 0; w < SEGMENT_BITS / 64; w++) {
            uint64_t primes = ~segment[w];
            if (w * 64 + 64 > valid)
                primes &= w * 64 >= valid ? 0 : (1ull << (valid - w * 64)) - 1;
            count += popcount64(primes);
            *crc = bench_crc32_u64(*crc, primes);
        }
    }
    return count;
}

int main(void)
{
    printf("sieve: limit %u, %u rounds\n", LIMIT, (unsigned)BENCH_SCALE);
    uint32_t crc = 0;
    uint64_t total = 0;
    for (uint32_t round = 0; round < BENCH_SCALE; round++) {
        uint32_t limit = LIMIT - 2 * round;
        uint64_t sum;
        uint32_t a = byte_sieve(limit, &sum);
        uint32_t b = bit_sieve(limit, &crc);
        BENCH_CHECK(a == b, "round %u: byte sieve %u primes, bit sieve %u", (unsigned)round, (unsigned)a, (unsigned)b);
        if (round == 0) {
            BENCH_CHECK(a == PI_LIMIT, "pi(%u) = %u, expected %u", LIMIT, (unsigned)a, PI_LIMIT);
            printf("primes below %u: %u, sum %" PRIu64 "\n", limit, (unsigned)a, sum);
        }
        total += a + sum;
    }
    printf("total: %" PRIu64 "\n", total);
    printf("checksum: 0x%08" PRIx32 "\n", crc);
    bench_report();
    return 0;
}
