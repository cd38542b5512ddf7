/* Gemmini throughput on the FPTT training workload's shapes: many small weight-stationary products
   through the LOOP_WS hardware loop, tiled as rvgem_gemmini_tiled.h's tiled_matmul_auto() tiles them.
   Each repetition runs
     the gate forward:     C[4 x 256]  = A[4 x 92] B^T + bias   (B^T: B is 256 x 92, the bias repeated),
     the weight gradient:  G[256 x 92] += (1/4 A2)^T B2         (A2 is 4 x 256 transposed, B2 4 x 92),
   the gradient accumulated in place (D = C = G, full-width accumulator values). Built as int8 (the
   default configuration, DIM 16), -DGEMMINI_BF16 (the bf16 preset, DIM 4) or -DGEMMINI_FP32 (the fp32
   preset, DIM 4). Prints the MACs of the products (not of the padding) and a checksum of the outputs;
   scripts/bench divides the MACs by the wall time. */
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

#if defined(GEMMINI_BF16)
#define RVGEM_GEMMINI_DIM 4
#define PRESET "bf16"
typedef uint16_t elem_t;
typedef uint16_t acc_t;
#define SPAD_ROWS (4 * 4096)
#define ACC_ROWS 4096
#define SCALE_ONE 0x3f80u                     /* BF16 scale fields hold the BF16 bits */
#define SCALE_QUARTER 0x3e80u
#elif defined(GEMMINI_FP32)
#define RVGEM_GEMMINI_DIM 4
#define PRESET "fp32"
typedef uint32_t elem_t;                      /* FP32 bits */
typedef uint32_t acc_t;
#define SPAD_ROWS (4 * 2048)
#define ACC_ROWS 4096
#define SCALE_ONE 0x3f800000u
#define SCALE_QUARTER 0x3e800000u
#else
#define PRESET "int8"
typedef int8_t elem_t;
typedef int32_t acc_t;
#define SPAD_ROWS (4 * 4096)
#define ACC_ROWS 1024
#define SCALE_ONE 0x3f800000u
#define SCALE_QUARTER 0x3e800000u
#endif
#include "rvgem_gemmini.h"
#define DIM RVGEM_GEMMINI_DIM

#define BATCH 4
#define WIDTH 92                              /* input + hidden: the gate matrix's columns */
#define GATES 256                             /* four gates of 64 */
#define REPETITIONS 1000

static elem_t xc[BATCH][WIDTH], weights[GATES][WIDTH], dz[BATCH][GATES];
static acc_t bias[GATES], gradient[GATES][WIDTH];
static elem_t gates[BATCH][GATES];

/* Small integers and halves: exact in every preset's element type. */
static elem_t element(uint32_t r)
{
    int v = (int)(r >> 28) - 8;
#if defined(GEMMINI_BF16)
    return (uint16_t)((union { float f; uint32_t u; }){ .f = v * 0.5f }.u >> 16);
#elif defined(GEMMINI_FP32)
    return (union { float f; uint32_t u; }){ .f = v * 0.5f }.u;
#else
    return (elem_t)(v / 2);
#endif
}

/* C = (a_scale A) B + D by LOOP_WS over the largest tiles that fit (tiled_matmul_auto's choice): A is
   dim_I x dim_K (dim_K x dim_I with tA), B dim_K x dim_J (dim_J x dim_K with tB), D acc_t with
   d_stride elements between rows (0: one row repeated) or NULL, C elem_t or, with full_C, acc_t. */
static void matmul(size_t dim_I, size_t dim_J, size_t dim_K, const elem_t *A, size_t stride_A, bool tA,
                   const elem_t *B, size_t stride_B, bool tB, const acc_t *D, size_t stride_D,
                   void *C, size_t stride_C, bool full_C, uint32_t a_scale)
{
    const size_t bI = (dim_I + DIM - 1) / DIM, bJ = (dim_J + DIM - 1) / DIM, bK = (dim_K + DIM - 1) / DIM;
    size_t ti = 1, tj = 1, tk = 1;
    for (bool grew = true; grew;) {
        grew = false;
        if (tj < bJ && (ti * tk + tk * (tj + 1)) * DIM <= SPAD_ROWS / 2 && ti * (tj + 1) * DIM <= ACC_ROWS / 2) { tj++; grew = true; }
        if (ti < bI && ((ti + 1) * tk + tk * tj) * DIM <= SPAD_ROWS / 2 && (ti + 1) * tj * DIM <= ACC_ROWS / 2) { ti++; grew = true; }
        if (tk < bK && (ti * (tk + 1) + (tk + 1) * tj) * DIM <= SPAD_ROWS / 2) { tk++; grew = true; }
    }
    const size_t sizeof_C = full_C ? sizeof(acc_t) : sizeof(elem_t);
    gemmini_config_ex(GEMMINI_WS, GEMMINI_NO_ACTIVATION, 0, tA, tB);
    gemmini_config_st(stride_C * sizeof_C, GEMMINI_NO_ACTIVATION, SCALE_ONE);
    gemmini_config_ld(stride_A * sizeof(elem_t), a_scale, 0);
    gemmini_config_ld(stride_B * sizeof(elem_t), SCALE_ONE, 1);
    gemmini_config_ld(stride_D * sizeof(acc_t), SCALE_ONE, 2);
    for (size_t i0 = 0; i0 < bI; i0 += ti)
        for (size_t j0 = 0; j0 < bJ; j0 += tj)
            for (size_t k0 = 0; k0 < bK; k0 += tk) {
                const size_t I = bI - i0 < ti ? bI - i0 : ti;
                const size_t J = bJ - j0 < tj ? bJ - j0 : tj;
                const size_t K = bK - k0 < tk ? bK - k0 : tk;
                const size_t pad_I = i0 + I == bI ? bI * DIM - dim_I : 0;
                const size_t pad_J = j0 + J == bJ ? bJ * DIM - dim_J : 0;
                const size_t pad_K = k0 + K == bK ? bK * DIM - dim_K : 0;
                const size_t i = i0 * DIM, j = j0 * DIM, k = k0 * DIM;
                const elem_t *a = tA ? A + k * stride_A + i : A + i * stride_A + k;
                const elem_t *b = tB ? B + j * stride_B + k : B + k * stride_B + j;
                const acc_t *d = D && k0 == 0 ? D + (stride_D ? i : 0) * stride_D + j : NULL;
                void *c = k0 + K == bK ? (char *)C + (i * stride_C + j) * sizeof_C : NULL;
                RVGEM_GEMMINI_COMMAND(9, (uint64_t)pad_K << 32 | (uint64_t)pad_J << 16 | pad_I,
                                      (uint64_t)K << 32 | (uint64_t)J << 16 | I);
                RVGEM_GEMMINI_COMMAND(10, (uintptr_t)a, (uintptr_t)b);
                RVGEM_GEMMINI_COMMAND(11, (uintptr_t)d, (uintptr_t)c);
                RVGEM_GEMMINI_COMMAND(12, stride_A, stride_B);
                RVGEM_GEMMINI_COMMAND(13, stride_D, stride_C);
                RVGEM_GEMMINI_COMMAND(8, (uint64_t)full_C << 1 | (d != NULL || k0 > 0), (uint64_t)tB << 1 | tA);
            }
}

int main(void)
{
    uint32_t seed = 1;
#define FILL(array) \
    for (size_t n = 0; n < sizeof array / sizeof array[0][0]; n++) { \
        seed = seed * 1664525u + 1013904223u; (&array[0][0])[n] = element(seed); }
    FILL(xc) FILL(weights) FILL(dz)
    for (int g = 0; g < GATES; g++) { seed = seed * 1664525u + 1013904223u; bias[g] = (acc_t)element(seed); }

    uint64_t checksum = 0;
    for (int r = 0; r < REPETITIONS; r++) {
        matmul(BATCH, GATES, WIDTH, &xc[0][0], WIDTH, false, &weights[0][0], WIDTH, true, bias, 0,
               gates, GATES, false, SCALE_ONE);
        matmul(GATES, WIDTH, BATCH, &dz[0][0], GATES, true, &xc[0][0], WIDTH, false, &gradient[0][0], WIDTH,
               gradient, WIDTH, true, SCALE_QUARTER);
        __asm__ volatile ("fence" ::: "memory");
        for (int b = 0; b < BATCH; b++)
            for (int g = 0; g < GATES; g++) checksum = checksum * 31 + (uint64_t)gates[b][g];
        /* New inputs for the next step (values stay in the range of the first ones, as training data). */
        seed = seed * 1664525u + 1013904223u;
        xc[r % BATCH][r % WIDTH] = element(seed);
    }
    for (int g = 0; g < GATES; g++)
        for (int w = 0; w < WIDTH; w++) checksum = checksum * 31 + (uint64_t)gradient[g][w];

    printf("gemmini %s FPTT shapes (%dx%dx%d forward, %dx%dx%d gradient) x %d by DIM %d: checksum 0x%016llx\n",
           PRESET, BATCH, GATES, WIDTH, GATES, WIDTH, BATCH, REPETITIONS, DIM, (unsigned long long)checksum);
    printf("# macs: %llu\n", (unsigned long long)REPETITIONS * 2 * BATCH * GATES * WIDTH);
    return 0;
}
