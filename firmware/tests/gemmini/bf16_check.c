// gemmini-configs: bf16
// extension: gemmini
/* Two ways to compute the same long dot products (4 x 2048 times 2048 x 4, positive values) on the bf16
   preset, for rvgem --check-bf16 (Tests/rvgemTests/BF16CheckTests.swift):
   - dot_bf16_accumulator: one tiled_matmul_auto over all of K, so the partial sums pile up in the
     preset's BF16 accumulator; once the sum is large, each DIM-chunk added is below half an ulp and
     the sum stalls: the result is far too small.
   - dot_fp32_chunks: the same product in chunks of K = 8 on Gemmini (one BF16 addition each), the
     chunks summed in FP32 on the CPU: within about a percent.
   Prints whether each lands within 2% of the exact sum (computed here in double from the BF16 inputs).
   scale_rows then moves rows in with a scale through a frame-pointer-keeping rvgem_ routine. */
#include <stdio.h>

#include "rvgem_gemmini_tiled.h"

#define I 4
#define J 4
#define K 2048
#define CHUNK 8

static elem_t A[I * K], B[K * J], C[I * J];
static double exact[I * J];

static uint32_t seed = 2024;
static float uniform(float low, float high)
{
    seed = seed * 1103515245u + 12345u;
    return low + (high - low) * (float)(seed >> 8) / (float)(1u << 24);
}

static __attribute__((noinline)) void dot_bf16_accumulator(float *out)
{
    tiled_matmul_auto(I, J, K, A, B, NULL, C, K, J, 0, J, MVIN_SCALE_IDENTITY, MVIN_SCALE_IDENTITY,
                      MVIN_SCALE_IDENTITY, NO_ACTIVATION, ACC_SCALE_IDENTITY, 0, false, false, false, false,
                      false, 0, WS);
    for (int x = 0; x < I * J; x++) out[x] = rvgem_elem_to_float(C[x]);
}

static __attribute__((noinline)) void dot_fp32_chunks(float *out)
{
    for (int x = 0; x < I * J; x++) out[x] = 0;
    for (int k0 = 0; k0 < K; k0 += CHUNK) {
        tiled_matmul_auto(I, J, CHUNK, A + k0, B + k0 * J, NULL, C, K, J, 0, J, MVIN_SCALE_IDENTITY,
                          MVIN_SCALE_IDENTITY, MVIN_SCALE_IDENTITY, NO_ACTIVATION, ACC_SCALE_IDENTITY, 0, false,
                          false, false, false, false, 0, WS);
        for (int x = 0; x < I * J; x++) out[x] += rvgem_elem_to_float(C[x]);
    }
}

static __attribute__((noipa)) uint32_t bits_of_scale(float scale) { return rvgem_scale_bits(rvgem_float_to_scale(scale)); }

/* A Gemmini routine of the library's kind (its name starts with rvgem_), not inlined and keeping a frame
   pointer: --check-bf16 counts its mvin scale results against its caller, scale_rows. It calls
   bits_of_scale first, so ra no longer points into the caller when the commands issue: the site comes
   from the return address the frame saves. */
static __attribute__((noipa, optimize("no-omit-frame-pointer"))) void rvgem_mvin_scaled(const elem_t *row, float scale)
{
    gemmini_config_ld(DIM * sizeof(elem_t), bits_of_scale(scale), 0);
    gemmini_mvin(row, 0, DIM, 1);
}

static __attribute__((noipa)) void scale_rows(void)
{
    for (int r = 0; r < 4; r++) rvgem_mvin_scaled(A + r * DIM, 3.0f);
    __asm__ volatile ("" ::: "memory");   /* no tail call: every call returns into scale_rows */
}

static int within(const float *got, double tolerance)
{
    for (int x = 0; x < I * J; x++) {
        double error = (got[x] - exact[x]) / exact[x];
        if (error > tolerance || error < -tolerance) return 0;
    }
    return 1;
}

int main(void)
{
    for (int x = 0; x < I * K; x++) A[x] = rvgem_float_to_bf16(uniform(0.5f, 1.5f));
    for (int x = 0; x < K * J; x++) B[x] = rvgem_float_to_bf16(uniform(0.25f, 0.75f));
    for (int i = 0; i < I; i++)
        for (int j = 0; j < J; j++) {
            double sum = 0;
            for (int k = 0; k < K; k++) sum += (double)rvgem_elem_to_float(A[i * K + k]) * rvgem_elem_to_float(B[k * J + j]);
            exact[i * J + j] = sum;
        }
    gemmini_flush();
    float bad[I * J], good[I * J];
    dot_bf16_accumulator(bad);
    dot_fp32_chunks(good);
    scale_rows();
    printf("BF16 accumulator within 2%%: %s\n", within(bad, 0.02) ? "yes" : "no");
    printf("FP32 chunks within 2%%: %s\n", within(good, 0.02) ? "yes" : "no");
    return 0;
}
