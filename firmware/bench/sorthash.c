/*
 * sorthash: integer hashing and sorting. Each round fills an array with pseudo-random keys, sorts a
 * copy with quicksort (median of three, insertion sort for short runs) and another with bottom-up
 * merge sort, checks both are ordered and identical, then inserts every key into an open-addressing
 * hash table (linear probing, 64-bit mixing) and looks up as many probes again, half of them absent.
 */
#include "bench.h"

#ifdef BENCH_TINY
#define COUNT 512u
#ifndef BENCH_SCALE
#define BENCH_SCALE 2
#endif
#else
#define COUNT 16384u
#ifndef BENCH_SCALE
#define BENCH_SCALE 30
#endif
#endif
#define TABLE (4u * COUNT)                  /* power of two, load factor <= 1/4 */

static uint32_t keys[COUNT], quick[COUNT], merged[COUNT], scratch[COUNT];
static uint64_t table_keys[TABLE];
static uint32_t table_counts[TABLE];

static void insertion_sort(uint32_t *a, int lo, int hi)
{
    for (int i = lo + 1; i <= hi; i++) {
        uint32_t v = a[i];
        int j = i - 1;
        while (j >= lo && a[j] > v) {
            a[j + 1] = a[j];
            j--;
        }
        a[j + 1] = v;
    }
}

static void swap(uint32_t *a, int i, int j)
{
    uint32_t t = a[i];
    a[i] = a[j];
    a[j] = t;
}

static void quicksort(uint32_t *a, int lo, int hi)
{
    while (hi - lo > 16) {
        int mid = lo + (hi - lo) / 2;
        if (a[mid] < a[lo]) swap(a, mid, lo);
        if (a[hi] < a[lo]) swap(a, hi, lo);
        if (a[hi] < a[mid]) swap(a, hi, mid);
        uint32_t pivot = a[mid];
        int i = lo, j = hi;
        while (i <= j) {
            while (a[i] < pivot) i++;
            while (a[j] > pivot) j--;
            if (i <= j) swap(a, i++, j--);
        }
        /* recurse into the smaller side, loop on the larger: O(log n) stack */
        if (j - lo < hi - i) {
            quicksort(a, lo, j);
            lo = i;
        } else {
            quicksort(a, i, hi);
            hi = j;
        }
    }
    insertion_sort(a, lo, hi);
}

static void merge_sort(uint32_t *a, uint32_t *tmp, uint32_t n)
{
    uint32_t *src = a, *dst = tmp;
    for (uint32_t width = 1; width < n; width *= 2) {
        for (uint32_t lo = 0; lo < n; lo += 2 * width) {
            uint32_t mid = lo + width < n ? lo + width : n;
            uint32_t hi = lo + 2 * width < n ? lo + 2 * width : n;
            uint32_t i = lo, j = mid, k = lo;
            while (i < mid && j < hi)
                dst[k++] = src[i] <= src[j] ? src[i++] : src[j++];
            while (i < mid) dst[k++] = src[i++];
            while (j < hi) dst[k++] = src[j++];
        }
        uint32_t *t = src; src = dst; dst = t;
    }
    if (src != a)
        memcpy(a, src, n * sizeof *a);
}

static uint64_t mix64(uint64_t x)
{
    x ^= x >> 33;
    x *= 0xff51afd7ed558ccdull;
    x ^= x >> 33;
    x *= 0xc4ceb9fe1a85ec53ull;
    x ^= x >> 33;
    return x;
}

/* Keys are stored +1 so that 0 marks an empty slot. */
static void table_insert(uint64_t key)
{
    uint32_t slot = (uint32_t)mix64(key) & (TABLE - 1);
    while (table_keys[slot] != 0 && table_keys[slot] != key + 1)
        slot = (slot + 1) & (TABLE - 1);
    table_keys[slot] = key + 1;
    table_counts[slot]++;
}

static uint32_t table_lookup(uint64_t key)
{
    uint32_t slot = (uint32_t)mix64(key) & (TABLE - 1);
    while (table_keys[slot] != 0) {
        if (table_keys[slot] == key + 1)
            return table_counts[slot];
        slot = (slot + 1) & (TABLE - 1);
    }
    return 0;
}

int main(void)
{
    printf("sorthash: %u keys, %u rounds\n", COUNT, (unsigned)BENCH_SCALE);
    bench_rng rng = { 0x5eed };
    uint32_t crc = 0;
    uint64_t hits = 0, weighted = 0;
    for (unsigned round = 0; round < BENCH_SCALE; round++) {
        /* keys from a range about twice COUNT wide: plenty of duplicates */
        for (uint32_t i = 0; i < COUNT; i++)
            keys[i] = (uint32_t)(bench_next(&rng) % (2 * COUNT)) * 2654435761u;
        memcpy(quick, keys, sizeof keys);
        memcpy(merged, keys, sizeof keys);
        quicksort(quick, 0, COUNT - 1);
        merge_sort(merged, scratch, COUNT);
        for (uint32_t i = 1; i < COUNT; i++)
            BENCH_CHECK(quick[i - 1] <= quick[i], "round %u: quicksort out of order at %u", round, (unsigned)i);
        BENCH_CHECK(memcmp(quick, merged, sizeof quick) == 0, "round %u: quicksort and merge sort differ", round);
        crc = bench_crc32(crc, quick, 64 * sizeof quick[0]);
        weighted += quick[COUNT / 2] + quick[COUNT / 3];

        memset(table_keys, 0, sizeof table_keys);
        memset(table_counts, 0, sizeof table_counts);
        for (uint32_t i = 0; i < COUNT; i++)
            table_insert(keys[i]);
        uint32_t distinct = 0, total = 0;
        for (uint32_t i = 0; i < COUNT; i++)
            if (i == 0 || quick[i] != quick[i - 1]) {
                distinct++;
                total += table_lookup(quick[i]);
            }
        BENCH_CHECK(total == COUNT, "round %u: hash table holds %u keys, expected %u", round, (unsigned)total, COUNT);
        for (uint32_t i = 0; i < COUNT; i++) {
            uint64_t probe = (i & 1) ? keys[i] : (uint64_t)keys[i] + 0x100000000ull;   /* odd: present */
            hits += table_lookup(probe) != 0;
            weighted += table_lookup(probe) * (uint64_t)i;
        }
        if (round == 0)
            printf("round 0: %u distinct keys, median 0x%08" PRIx32 "\n", (unsigned)distinct, quick[COUNT / 2]);
    }
    printf("hits: %" PRIu64 ", weighted: %" PRIu64 "\n", hits, weighted);
    printf("checksum: 0x%08" PRIx32 "\n", crc);
    bench_report();
    return 0;
}
