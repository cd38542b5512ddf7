/*
 * matmul: integer matrix multiply, N x N int32 with 64-bit accumulation, three loop orders per round
 * (i-j-k dot products, i-k-j row updates, and a 4x4-blocked kernel on a transposed B). Self-check:
 * all three products are identical. Each round perturbs A so rounds differ.
 */
#include "bench.h"

#ifdef BENCH_TINY
#define N 12
#ifndef BENCH_SCALE
#define BENCH_SCALE 2
#endif
#else
#define N 96
#ifndef BENCH_SCALE
#define BENCH_SCALE 12
#endif
#endif

static int32_t A[N][N], B[N][N], BT[N][N];
static int64_t C1[N][N], C2[N][N], C3[N][N];

static void multiply_dot(void)
{
    for (int i = 0; i < N; i++)
        for (int j = 0; j < N; j++) {
            int64_t s = 0;
            for (int k = 0; k < N; k++)
                s += (int64_t)A[i][k] * B[k][j];
            C1[i][j] = s;
        }
}

static void multiply_rows(void)
{
    for (int i = 0; i < N; i++) {
        for (int j = 0; j < N; j++)
            C2[i][j] = 0;
        for (int k = 0; k < N; k++) {
            int64_t a = A[i][k];
            for (int j = 0; j < N; j++)
                C2[i][j] += a * B[k][j];
        }
    }
}

static void multiply_blocked(void)
{
    for (int i = 0; i < N; i++)
        for (int j = 0; j < N; j++)
            BT[j][i] = B[i][j];
    for (int i = 0; i < N; i += 4)
        for (int j = 0; j < N; j += 4) {
            int64_t acc[4][4] = {{0}};
            for (int k = 0; k < N; k++)
                for (int ii = 0; ii < 4; ii++) {
                    int64_t a = A[i + ii][k];
                    for (int jj = 0; jj < 4; jj++)
                        acc[ii][jj] += a * BT[j + jj][k];
                }
            for (int ii = 0; ii < 4; ii++)
                for (int jj = 0; jj < 4; jj++)
                    C3[i + ii][j + jj] = acc[ii][jj];
        }
}

int main(void)
{
    printf("matmul: %dx%d int32, %u rounds\n", N, N, (unsigned)BENCH_SCALE);
    bench_rng rng = { 20240601 };
    for (int i = 0; i < N; i++)
        for (int j = 0; j < N; j++) {
            A[i][j] = (int32_t)(bench_next(&rng) >> 40) - (1 << 23);     /* +-2^23 */
            B[i][j] = (int32_t)(bench_next(&rng) >> 44) - (1 << 19);     /* +-2^19 */
        }
    uint32_t crc = 0;
    int64_t trace = 0;
    for (unsigned round = 0; round < BENCH_SCALE; round++) {
        A[round % N][(round * 7) % N] ^= (int32_t)(round * 2654435761u) >> 9;
        multiply_dot();
        multiply_rows();
        multiply_blocked();
        for (int i = 0; i < N; i++) {
            BENCH_CHECK(memcmp(C1[i], C2[i], sizeof C1[i]) == 0, "round %u row %d: i-k-j differs from i-j-k", round, i);
            BENCH_CHECK(memcmp(C1[i], C3[i], sizeof C1[i]) == 0, "round %u row %d: blocked differs from i-j-k", round, i);
            trace += C1[i][i];
        }
        crc = bench_crc32(crc, C1, sizeof C1);
    }
    printf("C[0][0] = %" PRId64 ", C[%d][%d] = %" PRId64 "\n", C1[0][0], N - 1, N - 1, C1[N - 1][N - 1]);
    printf("trace sum: %" PRId64 "\n", trace);
    printf("checksum: 0x%08" PRIx32 "\n", crc);
    bench_report();
    return 0;
}
