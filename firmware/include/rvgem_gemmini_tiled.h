/*
 * A tiled matrix multiply for bare-metal RVGem programs on any Gemmini preset (rvgem --extension=gemmini
 * --gemmini-config=NAME): C = act(scale * (A B + D)), written for RVGem on top of rvgem_gemmini.h.
 * Compile against the generated params header of the preset (`rvgem --gemmini-config=NAME
 * --print-gemmini-params`, which the firmware Makefile puts in build/include/NAME/gemmini_params.h).
 *
 * tiled_matmul_auto() takes the arguments of the public gemmini.h's, in the same order and types:
 *   A: dim_I x dim_K elem_t (or dim_K x dim_I with transpose_A), rows stride_A elements apart;
 *   B: dim_K x dim_J elem_t (dim_J x dim_K with transpose_B), stride_B;
 *   D: optional bias, dim_I x dim_J acc_t (elem_t with low_D), stride_D; with repeating_bias one row
 *      used for every row of C; NULL for none;
 *   C: dim_I x dim_J elem_t, or raw acc_t with full_C (no scale, no activation), stride_C;
 *   A/B/D_scale_factor: mvin scales; act: NO_ACTIVATION or RELU; scale: accumulator scale on mvout.
 * WS uses the LOOP_WS hardware loop, OS explicit mvin/preload/compute/mvout, CPU a plain C loop.
 * Returns 0, or -1 for a combination this API refuses (see tiled_matmul()). bert_scale and weightA
 * are accepted for compatibility and ignored (no layernorm/softmax/iGELU here).
 * The routines are always inlined, so that the Gemmini instructions lie in the caller: rvgem
 * --check-bf16 names that function as the call site of their results.
 */
#ifndef RVGEM_GEMMINI_TILED_H
#define RVGEM_GEMMINI_TILED_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include "gemmini_params.h"
#include "rvgem_bf16.h"
#include "rvgem_gemmini.h"

enum tiled_matmul_type_t { OS, WS, CPU };
#ifndef NO_ACTIVATION
#define NO_ACTIVATION 0
#define RELU 1
#endif

/* The compressed bf16 preset (the only one with a low-precision float accumulator) is built WS only:
   an OS request there runs as WS rather than trapping. */
#ifdef ACC_T_IS_LOWPREC_FLOAT
#define RVGEM_TILED_HAS_OS 0
#else
#define RVGEM_TILED_HAS_OS 1
#endif

/* Scale fields carry the scale type's bits in their low bits (a BF16 scale in bits [47:32]). */
static inline uint32_t rvgem_scale_bits(scale_t s) { uint32_t b = 0; memcpy(&b, &s, sizeof s); return b; }
static inline uint32_t rvgem_acc_scale_bits(acc_scale_t s) { uint32_t b = 0; memcpy(&b, &s, sizeof s); return b; }

/* A float as the preset's scale types: BF16 bits where the type is 16 bits wide (the bf16 preset),
   else a plain conversion (scale_acc_t is int32_t for int8). */
#define RVGEM_FLOAT_TO(type, x) \
    ({ type s_; float x_ = (x); \
       if (sizeof s_ == 2) { uint16_t b_ = rvgem_float_to_bf16(x_); memcpy(&s_, &b_, 2); } else s_ = (type)x_; s_; })
static inline scale_t rvgem_float_to_scale(float x) { return RVGEM_FLOAT_TO(scale_t, x); }
static inline scale_acc_t rvgem_float_to_scale_acc(float x) { return RVGEM_FLOAT_TO(scale_acc_t, x); }
static inline acc_scale_t rvgem_float_to_acc_scale(float x) { return RVGEM_FLOAT_TO(acc_scale_t, x); }

/* ---- the commands, packed as in shared/spec/gemmini.md ---------------------------------------- */

static inline __attribute__((always_inline)) void rvgem_tiled_config_ex(int dataflow, int act, bool tA, bool tB, acc_scale_t scale)
{
    RVGEM_GEMMINI_COMMAND(0, (uint64_t)rvgem_acc_scale_bits(scale) << 32 | 1u << 16 | (uint64_t)tB << 9 |
                          (uint64_t)tA << 8 | (uint64_t)(act & 3) << 3 | (uint64_t)dataflow << 2, (uint64_t)1 << 48);
}
static inline __attribute__((always_inline)) void rvgem_tiled_config_st(size_t stride_bytes, int act, acc_scale_t scale)
{
    RVGEM_GEMMINI_COMMAND(0, (uint64_t)(act & 3) << 2 | 2,
                          (uint64_t)rvgem_acc_scale_bits(scale) << 32 | (uint32_t)stride_bytes);
}
/* Mover `id` (0 A, 1 B, 2 D), block stride DIM, no pixel repeats; shrunk: an elem_t mvin into the
   accumulator (low_D). The D scale travels as scale_t, as in the public gemmini.h. */
static inline __attribute__((always_inline)) void rvgem_tiled_config_ld(size_t stride_bytes, scale_t scale, bool shrunk, int id)
{
    RVGEM_GEMMINI_COMMAND(0, (uint64_t)rvgem_scale_bits(scale) << 32 | (uint64_t)DIM << 16 | 1u << 8 |
                          (uint64_t)id << 3 | (uint64_t)shrunk << 2 | 1, stride_bytes);
}

/* ---- CPU: the plain definition, computed in acc_t (int) or float; not the array's rounding ------ */

#ifdef ELEM_T_IS_LOWPREC_FLOAT
static inline float rvgem_elem_to_float(elem_t x) { return rvgem_bf16_to_float(x); }
#else
static inline float rvgem_elem_to_float(elem_t x) { return (float)x; }
#endif
#ifdef ACC_T_IS_LOWPREC_FLOAT
static inline float rvgem_acc_to_float(acc_t x) { return rvgem_bf16_to_float(x); }
#else
static inline float rvgem_acc_to_float(acc_t x) { return (float)x; }
#endif

static inline __attribute__((always_inline)) void rvgem_matmul_cpu(size_t dim_I, size_t dim_J, size_t dim_K, const elem_t *A, const elem_t *B,
                             const void *D, void *C, size_t stride_A, size_t stride_B, size_t stride_D,
                             size_t stride_C, int act, acc_scale_t scale, bool repeating_bias,
                             bool transpose_A, bool transpose_B)
{
    for (size_t i = 0; i < dim_I; i++)
        for (size_t j = 0; j < dim_J; j++) {
            size_t drow = repeating_bias ? 0 : i;
#ifndef ELEM_T_IS_FLOAT
            int64_t sum = D ? ((const acc_t *)D)[drow * stride_D + j] : 0;
            for (size_t k = 0; k < dim_K; k++)
                sum += (int32_t)A[transpose_A ? k * stride_A + i : i * stride_A + k] *
                       B[transpose_B ? j * stride_B + k : k * stride_B + j];
            float y = (float)sum * scale;               /* ACC_SCALE: round half to even, saturate */
            int32_t r = (int32_t)ROUND_NEAR_EVEN(y);
            r = r > elem_t_max ? elem_t_max : r < elem_t_min ? elem_t_min : r;
            ((elem_t *)C)[i * stride_C + j] = act == RELU && r < 0 ? 0 : r;
#else
            float sum = D ? rvgem_acc_to_float(((const acc_t *)D)[drow * stride_D + j]) : 0;
            for (size_t k = 0; k < dim_K; k++)
                sum += rvgem_elem_to_float(A[transpose_A ? k * stride_A + i : i * stride_A + k]) *
                       rvgem_elem_to_float(B[transpose_B ? j * stride_B + k : k * stride_B + j]);
            if (act == RELU && sum < 0) sum = 0;
#ifdef ACC_T_IS_LOWPREC_FLOAT
            sum *= rvgem_bf16_to_float(scale);
#else
            sum *= scale;
#endif
#ifdef ELEM_T_IS_LOWPREC_FLOAT
            ((elem_t *)C)[i * stride_C + j] = rvgem_float_to_bf16(sum);
#else
            ((elem_t *)C)[i * stride_C + j] = sum;
#endif
#endif
        }
}

/* ---- OS: one DIM x DIM output tile at a time in accumulator row 0, A at scratchpad row 0, B at
   row DIM; simple rather than fast (no double buffering). ---------------------------------------- */

static inline __attribute__((always_inline)) void rvgem_matmul_os(size_t dim_I, size_t dim_J, size_t dim_K, const elem_t *A, const elem_t *B,
                            const void *D, void *C, size_t stride_A, size_t stride_B, size_t stride_D,
                            size_t stride_C, bool repeating_bias, bool full_C, bool low_D)
{
    const size_t sizeof_D = low_D ? sizeof(elem_t) : sizeof(acc_t);
    const size_t sizeof_C = full_C ? sizeof(acc_t) : sizeof(elem_t);
    for (size_t i = 0; i < dim_I; i += DIM)
        for (size_t j = 0; j < dim_J; j += DIM) {
            unsigned rows = dim_I - i < DIM ? dim_I - i : DIM, cols = dim_J - j < DIM ? dim_J - j : DIM;
            if (D)  /* MVIN3 (mover 2): the bias tile, which the products then accumulate onto */
                RVGEM_GEMMINI_COMMAND(14, (const char *)D + ((repeating_bias ? 0 : i) * stride_D + j) * sizeof_D,
                                      gemmini_operand(RVGEM_GEMMINI_ACC, cols, rows));
            for (size_t k = 0; k < dim_K; k += DIM) {
                unsigned depth = dim_K - k < DIM ? dim_K - k : DIM;
                RVGEM_GEMMINI_COMMAND(2, A + i * stride_A + k, gemmini_operand(0, depth, rows));
                RVGEM_GEMMINI_COMMAND(1, B + k * stride_B + j, gemmini_operand(DIM, cols, depth));
                uint32_t out = RVGEM_GEMMINI_ACC | (D || k ? RVGEM_GEMMINI_ACCUMULATE : 0);
                gemmini_preload(RVGEM_GEMMINI_GARBAGE, out, cols, rows);
                RVGEM_GEMMINI_COMMAND(4, gemmini_operand(0, depth, rows), gemmini_operand(DIM, cols, depth));
            }
            gemmini_mvout((char *)C + (i * stride_C + j) * sizeof_C,
                          RVGEM_GEMMINI_ACC | (full_C ? RVGEM_GEMMINI_FULL : 0), cols, rows);
        }
}

/* ---- WS: LOOP_WS over tiles of tile_I x tile_J x tile_K DIM-blocks ------------------------------ */

static inline __attribute__((always_inline)) void rvgem_loop_ws(size_t I, size_t J, size_t K, size_t pad_I, size_t pad_J, size_t pad_K,
                          const void *A, const void *B, const void *D, void *C,
                          size_t stride_A, size_t stride_B, size_t stride_D, size_t stride_C,
                          bool tA, bool tB, bool full_C, bool low_D, bool accumulate, int act)
{
    RVGEM_GEMMINI_COMMAND(9, (uint64_t)pad_K << 32 | (uint64_t)pad_J << 16 | pad_I, (uint64_t)K << 32 | (uint64_t)J << 16 | I);
    RVGEM_GEMMINI_COMMAND(10, (uintptr_t)A, (uintptr_t)B);
    RVGEM_GEMMINI_COMMAND(11, (uintptr_t)D, (uintptr_t)C);
    RVGEM_GEMMINI_COMMAND(12, stride_A, stride_B);
    RVGEM_GEMMINI_COMMAND(13, stride_D, stride_C);
    /* A and B in scratchpad ids 0 (the loop's default halves), no residual add. */
    RVGEM_GEMMINI_COMMAND(8, (uint64_t)act << 8 | (uint64_t)low_D << 2 | (uint64_t)full_C << 1 | accumulate,
                          (uint64_t)tB << 1 | tA);
}

/* tiled_matmul(): the same with the tile sizes given (in DIM-blocks), as the public tiled_matmul().
   Refused (-1): tiles that do not fit (A and B tiles in half the scratchpad, C in half the
   accumulator: LOOP_WS double-buffers), both transposes (the array cannot), OS with a transpose, and
   activations other than none and ReLU. */
static inline __attribute__((always_inline)) int tiled_matmul(size_t dim_I, size_t dim_J, size_t dim_K, const elem_t *A, const elem_t *B,
                        const void *D, void *C, size_t stride_A, size_t stride_B, size_t stride_D, size_t stride_C,
                        scale_t A_scale_factor, scale_t B_scale_factor, scale_acc_t D_scale_factor,
                        int act, acc_scale_t scale, acc_scale_t bert_scale, bool repeating_bias,
                        size_t tile_I, size_t tile_J, size_t tile_K, bool transpose_A, bool transpose_B,
                        bool full_C, bool low_D, uint8_t weightA, enum tiled_matmul_type_t tiled_matmul_type)
{
    (void)bert_scale; (void)weightA;
    if (act != NO_ACTIVATION && act != RELU) return -1;
    if (transpose_A && transpose_B) return -1;
    if (tiled_matmul_type == CPU) {
        if (full_C || low_D) return -1;
        rvgem_matmul_cpu(dim_I, dim_J, dim_K, A, B, D, C, stride_A, stride_B, stride_D, stride_C, act, scale,
                         repeating_bias, transpose_A, transpose_B);
        return 0;
    }
    if (!RVGEM_TILED_HAS_OS) tiled_matmul_type = WS;
    if (tiled_matmul_type == OS && (transpose_A || transpose_B)) return -1;
    if (tile_I == 0 || tile_J == 0 || tile_K == 0 || tile_I > 0xffff || tile_J > 0xffff || tile_K > 0xffff ||
        (tile_I * tile_K + tile_K * tile_J) * DIM > BANK_NUM * BANK_ROWS / 2 || tile_I * tile_J * DIM > ACC_ROWS / 2)
        return -1;

    const size_t sizeof_D = low_D ? sizeof(elem_t) : sizeof(acc_t);
    const size_t sizeof_C = full_C ? sizeof(acc_t) : sizeof(elem_t);
    rvgem_tiled_config_ex(tiled_matmul_type == WS ? GEMMINI_WS : GEMMINI_OS, act, transpose_A, transpose_B,
                          rvgem_float_to_acc_scale(1.0f));
    rvgem_tiled_config_st(stride_C * sizeof_C, act, scale);
    rvgem_tiled_config_ld(stride_A * sizeof(elem_t), A_scale_factor, false, 0);
    rvgem_tiled_config_ld(stride_B * sizeof(elem_t), B_scale_factor, false, 1);
    rvgem_tiled_config_ld(repeating_bias ? 0 : stride_D * sizeof_D, (scale_t)D_scale_factor, low_D, 2);

    if (tiled_matmul_type == OS) {
        rvgem_matmul_os(dim_I, dim_J, dim_K, A, B, D, C, stride_A, stride_B, stride_D, stride_C,
                        repeating_bias, full_C, low_D);
    } else {
        /* Whole DIM-blocks; the loop pads the last block of each dimension with zeros. */
        const size_t bI = (dim_I + DIM - 1) / DIM, bJ = (dim_J + DIM - 1) / DIM, bK = (dim_K + DIM - 1) / DIM;
        for (size_t i0 = 0; i0 < bI; i0 += tile_I)
            for (size_t j0 = 0; j0 < bJ; j0 += tile_J)
                for (size_t k0 = 0; k0 < bK; k0 += tile_K) {
                    const size_t I = bI - i0 < tile_I ? bI - i0 : tile_I;
                    const size_t J = bJ - j0 < tile_J ? bJ - j0 : tile_J;
                    const size_t K = bK - k0 < tile_K ? bK - k0 : tile_K;
                    const size_t pad_I = i0 + I == bI ? bI * DIM - dim_I : 0;
                    const size_t pad_J = j0 + J == bJ ? bJ * DIM - dim_J : 0;
                    const size_t pad_K = k0 + K == bK ? bK * DIM - dim_K : 0;
                    const size_t i = i0 * DIM, j = j0 * DIM, k = k0 * DIM;
                    const elem_t *a = transpose_A ? A + k * stride_A + i : A + i * stride_A + k;
                    const elem_t *b = transpose_B ? B + j * stride_B + k : B + k * stride_B + j;
                    /* The bias goes in with the first K tile; later ones add onto the partial sums. */
                    const void *d = D && k0 == 0 ? (const char *)D + ((repeating_bias ? 0 : i) * stride_D + j) * sizeof_D : NULL;
                    void *c = k0 + K == bK ? (char *)C + (i * stride_C + j) * sizeof_C : NULL;
                    rvgem_loop_ws(I, J, K, pad_I, pad_J, pad_K, a, b, d, c, stride_A, stride_B,
                                  repeating_bias ? 0 : stride_D, stride_C, transpose_A, transpose_B,
                                  full_C, low_D, d != NULL || k0 > 0, act);
                }
    }
    __asm__ volatile ("fence" ::: "memory");   /* gemmini_fence() */
    return 0;
}

/* tiled_matmul_auto(): the largest tiles that fit, grown one DIM-block at a time (J, I, K in turn)
   from 1 x 1 x 1 up to the matrix. */
static inline __attribute__((always_inline)) int tiled_matmul_auto(size_t dim_I, size_t dim_J, size_t dim_K, const elem_t *A, const elem_t *B,
                             const void *D, void *C, size_t stride_A, size_t stride_B, size_t stride_D,
                             size_t stride_C, scale_t A_scale_factor, scale_t B_scale_factor,
                             scale_acc_t D_scale_factor, int act, acc_scale_t scale, acc_scale_t bert_scale,
                             bool repeating_bias, bool transpose_A, bool transpose_B, bool full_C, bool low_D,
                             uint8_t weightA, enum tiled_matmul_type_t tiled_matmul_type)
{
    const size_t bI = (dim_I + DIM - 1) / DIM, bJ = (dim_J + DIM - 1) / DIM, bK = (dim_K + DIM - 1) / DIM;
    const size_t spad = BANK_NUM * BANK_ROWS / 2, acc = ACC_ROWS / 2;
    size_t ti = 1, tj = 1, tk = 1;
    for (bool grew = true; grew;) {
        grew = false;
        if (tj < bJ && (ti * tk + tk * (tj + 1)) * DIM <= spad && ti * (tj + 1) * DIM <= acc) { tj++; grew = true; }
        if (ti < bI && ((ti + 1) * tk + tk * tj) * DIM <= spad && (ti + 1) * tj * DIM <= acc) { ti++; grew = true; }
        if (tk < bK && (ti * (tk + 1) + (tk + 1) * tj) * DIM <= spad) { tk++; grew = true; }
    }
    return tiled_matmul(dim_I, dim_J, dim_K, A, B, D, C, stride_A, stride_B, stride_D, stride_C,
                        A_scale_factor, B_scale_factor, D_scale_factor, act, scale, bert_scale, repeating_bias,
                        ti, tj, tk, transpose_A, transpose_B, full_C, low_D, weightA, tiled_matmul_type);
}

#endif
