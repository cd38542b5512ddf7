/* Compute-bound multi-hart benchmark: C = A x B (integer, N x N) with rows dealt round-robin to the
   harts, repeated REPEATS times; hart 0 prints a checksum that does not depend on the hart count.
   scripts/bench-parallel times it with -p2 in both schedules for the --parallel speed-up. */
#include <stdint.h>
#include <stdio.h>

#include "rvgem_mt.h"

#ifndef N
#define N 128
#endif
#ifndef REPEATS
#define REPEATS 30
#endif

static int64_t a[N][N], b[N][N], c[N][N];
static struct barrier done;

static void multiply_rows(unsigned h, void *arg)
{
    unsigned harts = (unsigned)(uintptr_t)arg;
    for (unsigned repeat = 0; repeat < REPEATS; repeat++) {
        for (unsigned i = h; i < N; i += harts)
            for (unsigned j = 0; j < N; j++) {
                int64_t sum = repeat;
                for (unsigned k = 0; k < N; k++)
                    sum += a[i][k] * b[k][j];
                c[i][j] = sum;
            }
        barrier_wait(&done, harts);
    }
}

int main(void)
{
    uint64_t seed = 12345;
    for (unsigned i = 0; i < N; i++)
        for (unsigned j = 0; j < N; j++) {
            seed = seed * 6364136223846793005ULL + 1442695040888963407ULL;
            a[i][j] = (int64_t)(seed >> 40) - (1 << 23);
            seed = seed * 6364136223846793005ULL + 1442695040888963407ULL;
            b[i][j] = (int64_t)(seed >> 40) - (1 << 23);
        }
    unsigned harts = hart_count();
    hart_run(multiply_rows, (void *)(uintptr_t)harts);
    uint64_t checksum = 0;
    for (unsigned i = 0; i < N; i++)
        for (unsigned j = 0; j < N; j++)
            checksum = checksum * 31 + (uint64_t)c[i][j];
    printf("mt_matmul %dx%d x%d: checksum 0x%016llx\n", N, N, REPEATS, (unsigned long long)checksum);
    return 0;
}
