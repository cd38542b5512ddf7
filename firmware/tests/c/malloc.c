/* malloc/calloc/realloc/free: alignment, contents surviving neighbours' writes, reuse after free,
   realloc growth and shrinkage, and a deterministic churn of many blocks. */
#include <stdlib.h>

#include "check.h"

#define SLOTS 64

static unsigned char pattern(size_t slot, size_t i) { return (unsigned char)(slot * 31 + i * 7 + 1); }

int main(void)
{
    void *p = malloc(1);
    CHECK("malloc(1) non-null", p != NULL, 1);
    CHECK("malloc(1) 8-byte aligned", ((uintptr_t)p & 7), 0);
    free(p);

    uint64_t *z = calloc(1000, sizeof *z);
    int nonzero = 0;
    for (int i = 0; i < 1000; i++)
        nonzero += z[i] != 0;
    CHECK("calloc zeroed", nonzero, 0);
    free(z);

    CHECK("malloc(huge) fails", malloc((size_t)1 << 40) == NULL, 1);
    volatile size_t many = (size_t)1 << 62;    /* volatile: keep the compiler from rejecting it */
    CHECK("calloc overflow fails", calloc(many, 8) == NULL, 1);

    /* churn: allocate/free/realloc in a fixed pseudo-random order, every block filled with a
       pattern that must survive everything else */
    unsigned char *slot[SLOTS] = {0};
    size_t size[SLOTS] = {0};
    uint32_t seed = 12345;
    int corrupt = 0, misaligned = 0, failed = 0;
    uint64_t bytes = 0;
    for (int step = 0; step < 600; step++) {
        seed = seed * 1664525u + 1013904223u;
        int s = (int)((seed >> 10) % SLOTS);
        size_t n = 1 + ((seed >> 16) % ((seed & 0x300) == 0x300 ? 2000 : 160));
        if (slot[s]) {
            for (size_t i = 0; i < size[s]; i++)
                corrupt += slot[s][i] != pattern((size_t)s, i);
            if (seed & 1) {
                unsigned char *grown = realloc(slot[s], n);
                if (!grown) { failed++; continue; }
                for (size_t i = 0; i < (n < size[s] ? n : size[s]); i++)
                    corrupt += grown[i] != pattern((size_t)s, i);
                slot[s] = grown;
            } else {
                free(slot[s]);
                slot[s] = malloc(n);
                if (!slot[s]) { failed++; continue; }
            }
        } else {
            slot[s] = malloc(n);
            if (!slot[s]) { failed++; continue; }
        }
        misaligned += ((uintptr_t)slot[s] & 7) != 0;
        size[s] = n;
        bytes += n;
        for (size_t i = 0; i < n; i++)
            slot[s][i] = pattern((size_t)s, i);
    }
    for (int s = 0; s < SLOTS; s++) {
        for (size_t i = 0; slot[s] && i < size[s]; i++)
            corrupt += slot[s][i] != pattern((size_t)s, i);
        free(slot[s]);
    }
    CHECK("churn: corrupted bytes", corrupt, 0);
    CHECK("churn: misaligned blocks", misaligned, 0);
    CHECK("churn: failed allocations", failed, 0);
    CHECK("churn: bytes handed out", bytes, 0x2d672);

    /* after freeing everything, a big block fits again (picolibc's malloc zeroes what it hands out:
       keep it modest, that memset runs a byte at a time) */
    void *big = malloc(256 << 10);
    CHECK("256 KiB after churn", big != NULL, 1);
    if (big) memset(big, 0x5a, 256 << 10);
    free(big);
    return check_done();
}
