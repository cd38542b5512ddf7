/* Gemmini throughput: C = A B for N x N matrices tiled by hand into DIM x DIM blocks (mvin A and B
   blocks, preload B, compute into an accumulator block, mvout C once per output block), in the
   weight-stationary dataflow. Built from this source as int8 (the default configuration, DIM 16,
   N 512), -DGEMMINI_BF16 (the bf16 preset: BF16 everywhere, DIM 4, N 256) and -DGEMMINI_FP32 (the
   fp32 preset: DIM 4, N 256). Prints the MACs done and a checksum; scripts/bench divides the MACs by
   the wall time. The int8 build also checks a sample of C against the CPU. */
#include <stdint.h>
#include <stdio.h>

#if defined(GEMMINI_BF16)
#define RVGEM_GEMMINI_DIM 4
#define N 256
typedef uint16_t elem_t;
#define SCALE_ONE 0x3f80u                     /* BF16 scale fields hold the BF16 bits */
#elif defined(GEMMINI_FP32)
#define RVGEM_GEMMINI_DIM 4
#define N 256
typedef uint32_t elem_t;                      /* FP32 bits */
#define SCALE_ONE 0x3f800000u
#else
#define N 512
typedef int8_t elem_t;
#define SCALE_ONE 0x3f800000u
#endif
#include "rvgem_gemmini.h"
#define DIM RVGEM_GEMMINI_DIM

static elem_t a[N][N], b[N][N], c[N][N];

#if defined(GEMMINI_BF16)
/* Small integers and halves are exact in BF16: keep the data readable. */
static elem_t element(uint32_t r) { int v = (int)(r >> 28) - 8; return (uint16_t)((union { float f; uint32_t u; }){ .f = v * 0.5f }.u >> 16); }
#elif defined(GEMMINI_FP32)
static elem_t element(uint32_t r) { int v = (int)(r >> 28) - 8; return (union { float f; uint32_t u; }){ .f = v * 0.5f }.u; }
#else
static elem_t element(uint32_t r) { return (int8_t)((int)(r >> 29) - 4); }
#endif

int main(void)
{
    uint32_t seed = 1;
    for (int i = 0; i < N; i++)
        for (int j = 0; j < N; j++) {
            seed = seed * 1664525u + 1013904223u; a[i][j] = element(seed);
            seed = seed * 1664525u + 1013904223u; b[i][j] = element(seed);
        }
    gemmini_config_ex(GEMMINI_WS, GEMMINI_NO_ACTIVATION, 0, 0, 0);
    gemmini_config_ld(N * sizeof(elem_t), SCALE_ONE, 0);
    gemmini_config_st(N * sizeof(elem_t), GEMMINI_NO_ACTIVATION, SCALE_ONE);
    const uint32_t a_block = 0, b_block = DIM, acc = RVGEM_GEMMINI_ACC;
    for (int i = 0; i < N; i += DIM)
        for (int j = 0; j < N; j += DIM) {
            for (int k = 0; k < N; k += DIM) {
                gemmini_mvin(&a[i][k], a_block, DIM, DIM);
                gemmini_mvin(&b[k][j], b_block, DIM, DIM);
                gemmini_preload(b_block, k == 0 ? acc : acc | RVGEM_GEMMINI_ACCUMULATE, DIM, DIM);
                gemmini_compute(a_block, RVGEM_GEMMINI_GARBAGE, DIM, DIM, 0);
            }
            gemmini_mvout(&c[i][j], acc, DIM, DIM);
        }
    gemmini_flush();

    uint64_t checksum = 0;
    for (int i = 0; i < N; i++)
        for (int j = 0; j < N; j++) checksum = checksum * 31 + (sizeof(elem_t) == 4 ? (uint32_t)c[i][j] : (uint16_t)c[i][j]);
    int wrong = 0;
#if !defined(GEMMINI_BF16) && !defined(GEMMINI_FP32)
    for (int i = 0; i < N; i += 37)
        for (int j = 0; j < N; j += 41) {
            int32_t s = 0;
            for (int k = 0; k < N; k++) s += a[i][k] * b[k][j];
            wrong += c[i][j] != (s > 127 ? 127 : s < -128 ? -128 : s);
        }
#endif
    printf("gemmini %s %dx%dx%d tiled by %d: checksum 0x%016llx, sampled elements wrong: %d\n",
#if defined(GEMMINI_BF16)
           "bf16",
#elif defined(GEMMINI_FP32)
           "fp32",
#else
           "int8",
#endif
           N, N, N, DIM, (unsigned long long)checksum, wrong);
    printf("# macs: %llu\n", (unsigned long long)N * N * N);
    return wrong != 0;
}
