// gemmini-configs: int8 fp32 bf16 bf16-acc32
// extension: gemmini
/* tiled_matmul_auto / tiled_matmul (firmware/include/rvgem_gemmini_tiled.h) on every Gemmini preset:
   many shapes, strides wider than the matrices, biases (acc_t, low_D elem_t, repeating), transposes,
   ReLU, accumulator and mvin scales, full_C, forced outer tiling, OS and the CPU path. Each result is
   compared bit for bit with a reference computed here with the preset's semantics
   (shared/spec/gemmini.md): int8 as libgemmini (integers, float scales rounded half to even,
   saturation); floats one fused multiply-add per PE step rounded to the array output type, per
   DIM-chunk of K, added into the accumulator with one rounding each. Gaps between rows (strides) must
   stay untouched. Prints "name: N wrong" per case, the same on every preset. */
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include "rvgem_gemmini_tiled.h"

#pragma GCC diagnostic ignored "-Wmissing-field-initializers"   /* the case table leaves the rest 0 */

#define MAXE (96 * 100)   /* elements of the largest operand, strides included */

static elem_t A[MAXE], B[MAXE], lowD[MAXE];
static acc_t D[MAXE];
static union { elem_t e[MAXE]; acc_t a[MAXE]; } C, want;

static uint32_t seed = 12345;
static uint32_t rnd(void) { seed = seed * 1103515245u + 12345u; return seed >> 1; }

#define SENTINEL 0x5a   /* every byte of C before the call: gaps must keep it */

/* ---- the preset's arithmetic ---------------------------------------------------------------- */
#ifndef ELEM_T_IS_FLOAT
/* int8: libgemmini's integer semantics. */
typedef int32_t val;
static int32_t rne(float y)   /* ROUND_NEAR_EVEN: |y| stays far below 2^31 here */
{
    int32_t i = (int32_t)y;
    float rem = y - (float)i, r = rem < 0 ? -rem : rem;
    int32_t next = y < 0 ? i - 1 : i + 1;
    return r < 0.5f ? i : r > 0.5f ? next : (i % 2 == 0 ? i : next);
}
static int32_t sat8(int32_t x) { return x > 127 ? 127 : x < -128 ? -128 : x; }
static val elem_val(elem_t x) { return x; }
static val acc_val(acc_t x) { return x; }
static elem_t rand_elem(int exact) { return exact ? (int)(rnd() % 7) - 3 : (int8_t)(rnd() >> 20); }
static acc_t rand_acc(int exact) { return exact ? (int)(rnd() % 7) - 3 : (int32_t)(rnd() % (1u << 18)) - (1 << 17); }
static val mvin_scale_elem(val x, float s) { return s == 1.0f ? x : sat8(rne((float)x * s)); }
static val mvin_scale_acc(val x, float s) { (void)s; return x; }              /* full-width: no scale */
static val chunk(const val *a, const val *b, int n, int os)                   /* one pass of the array */
{
    (void)os;
    uint32_t s = 0;
    for (int k = 0; k < n; k++) s += (uint32_t)(a[k] * b[k]);
    return (int32_t)s;
}
static val acc_add(val x, val y) { return (int32_t)((uint32_t)x + (uint32_t)y); }
static void store(int full_C, int relu, float scale, val acc, size_t at)
{
    if (full_C) { want.a[at] = acc; return; }
    int32_t v = sat8(rne((float)acc * scale));
    want.e[at] = relu && v < 0 ? 0 : v;
}
static const float default_scale = 1.0f / 1024;   /* int8 sums need scaling down to be in range */
#else
/* Floats: every value is held as a float (BF16 values are exact in it). E (input), O (array output)
   and A (accumulator) are FP32 or BF16: fp32 E=O=A=FP32; bf16 all BF16; bf16-acc32 E=O=BF16, A=FP32. */
typedef float val;
#ifdef ELEM_T_IS_LOWPREC_FLOAT
#define BF_E 1
#else
#define BF_E 0
#endif
#ifdef ACC_T_IS_LOWPREC_FLOAT
#define BF_A 1
#else
#define BF_A 0
#endif
static float f_of_bits(uint32_t b) { float f; memcpy(&f, &b, 4); return f; }
static uint32_t bits_of(float f) { uint32_t b; memcpy(&b, &f, 4); return b; }

/* Round s + err (s a double, err the exact remainder of the sum s stands for) to BF16, nearest even.
   A double sum is already rounded once; rounding it again to BF16 can go wrong only when it lands
   exactly on a BF16 halfway point: then the sign of err says which side the exact sum lies on. */
static float bf16_round(double s, double err)
{
    uint64_t b;
    memcpy(&b, &s, 8);
    int ex = (int)(b >> 52 & 0x7ff) - 1023;
    if (err == 0 && ex >= -126 && ex <= 127) {   /* the common case: BF16 normal, s exact */
        b = (b + (1ull << 44) - 1 + (b >> 45 & 1)) >> 45 << 45;
        memcpy(&s, &b, 8);
        return (float)s;                         /* exact, or Inf past the largest BF16 */
    }
    int neg = b >> 63;
    b &= ~(1ull << 63);
    if (b == 0 || (b >> 52) == 0x7ff) return (float)s;                    /* zeros, Inf (no NaN here) */
    int e = (int)(b >> 52) - 1023;                                       /* |s| in [2^e, 2^(e+1)) */
    uint64_t sig = (b & ((1ull << 52) - 1)) | 1ull << 52;
    int u = e - 7 < -133 ? -133 : e - 7;                                 /* BF16 ulp exponent */
    int d = u - e + 52;                                                  /* bits to drop, >= 45 */
    uint64_t kept, rem, half;
    if (d > 53) { kept = 0; rem = 1; half = 2; }                         /* below half the least subnormal */
    else { kept = sig >> d; rem = sig & ((1ull << d) - 1); half = 1ull << (d - 1); }
    int exact_above = err != 0 && ((err > 0) == !neg);
    if (rem > half || (rem == half && (err != 0 ? exact_above : (int)(kept & 1)))) kept++;
    float scale = u >= -126 ? f_of_bits((uint32_t)(u + 127) << 23) : f_of_bits(1u << (u + 149));
    float r = (float)kept * scale;                                       /* exact, or Inf on overflow */
    return neg ? -r : r;
}
static float bf16_sum(double p, double c)   /* BF16(p + c) with one rounding (TwoSum) */
{
    double s = p + c, bb = s - p, err = (p - (s - bb)) + (c - bb);
    return bf16_round(s, err);
}
static float f_fma(int bf, float a, float b, float c) { return bf ? bf16_sum((double)a * b, c) : __builtin_fmaf(a, b, c); }
static float f_add(int bf, float x, float y) { return bf ? bf16_sum(x, y) : x + y; }
static float f_mul(int bf, float x, float y) { return bf ? bf16_round((double)x * y, 0) : x * y; }  /* product exact in double */
static float f_conv(int bf, float x) { return bf ? bf16_round(x, 0) : x; }

#if BF_E
static val elem_val(elem_t x) { return f_of_bits((uint32_t)x << 16); }
static elem_t elem_of(val v) { return bits_of(v) >> 16; }
#else
static val elem_val(elem_t x) { return x; }
static elem_t elem_of(val v) { return v; }
#endif
#if BF_A
static val acc_val(acc_t x) { return f_of_bits((uint32_t)x << 16); }
static acc_t acc_of(val v) { return bits_of(v) >> 16; }
#else
static val acc_val(acc_t x) { return x; }
static acc_t acc_of(val v) { return v; }
#endif
/* Random values with a full significand in about [-8, 8]; `exact` gives small integers. */
static float rand_float(int exact, int bf)
{
    if (exact) return (float)((int)(rnd() % 7) - 3);
    uint32_t r = rnd();
    float f = f_of_bits((r & 0x80000000u) | (uint32_t)(127 - 3 + (r >> 24) % 6) << 23 | (rnd() & 0x7fffff));
    return f_conv(bf, f);
}
static elem_t rand_elem(int exact) { return elem_of(rand_float(exact, BF_E)); }
static acc_t rand_acc(int exact) { return acc_of(rand_float(exact, BF_A)); }
/* mvin scales: into the scratchpad (or shrunk) the scale is rounded to E and multiplies in E; a
   full-width mvin into the accumulator multiplies in A. */
static val mvin_scale_elem(val x, float s) { return f_mul(BF_E, x, f_conv(BF_E, s)); }
static val mvin_scale_acc(val x, float s) { return f_mul(BF_A, x, f_conv(BF_A, s)); }
/* One pass of the array over a DIM-chunk of K. WS: PE k does c = round_O(a_k b_k + c) from +0. OS:
   the PE accumulates in A, and the result leaves rounded to O. */
static val chunk(const val *a, const val *b, int n, int os)
{
    val c = 0;
    for (int k = 0; k < n; k++) c = f_fma(os ? BF_A : BF_E, a[k], b[k], c);
    return f_conv(BF_E, c);   /* O is E in every preset; widening O to A is exact */
}
static val acc_add(val x, val y) { return f_add(BF_A, x, y); }
/* mvout: ReLU (sign bit set -> +0), the scale multiply in A, conversion to E. */
static void store(int full_C, int relu, float scale, val acc, size_t at)
{
    if (full_C) { want.a[at] = acc_of(acc); return; }
    if (relu && (bits_of(acc) >> 31)) acc = 0;
    want.e[at] = elem_of(f_conv(BF_E, f_mul(BF_A, acc, f_conv(BF_A, scale))));
}
static const float default_scale = 1.0f;
#endif

/* ---- the cases ------------------------------------------------------------------------------- */
enum { NOBIAS, BIAS, LOWD };
enum { K_WS, K_OS, K_CPU };     /* (the API's enum starts with OS) */
struct tcase {
    const char *name;
    int I, J, K;
    int sa, sb, sd, sc;          /* row strides in elements; 0: as wide as the matrix */
    int bias, repeat, tA, tB, relu, full_C;
    float scale, ascale, bscale, dscale;   /* 0: the default (1, or int8's 1/1024 for scale) */
    int tiles[3];                /* tile_I/J/K for tiled_matmul(), 0: tiled_matmul_auto() */
    int kind;                    /* K_WS (the default), K_OS or K_CPU */
    int exact;                   /* small integer data (the CPU path sums in a plain way) */
};

static const struct tcase cases[] = {
    {"1x1x1", 1, 1, 1},
    {"5x7x9", 5, 7, 9},
    {"16x16x16", 16, 16, 16},
    {"33x65x17", 33, 65, 17},
    {"64x48x40", 64, 48, 40},
    {"strides wider than the width 20x24x28", 20, 24, 28, 40, 37, 50, 30},
    {"bias 21x35x17", 21, 35, 17, .bias = BIAS},
    {"bias strided 9x13x21", 9, 13, 21, 25, 17, 19, 23, .bias = BIAS},
    {"low_D bias 20x18x22", 20, 18, 22, .bias = LOWD},
    {"repeating bias 33x20x9", 33, 20, 9, .bias = BIAS, .repeat = 1},
    {"repeating low_D bias 7x40x31", 7, 40, 31, .bias = LOWD, .repeat = 1},
    {"A transposed 33x17x20", 33, 17, 20, .tA = 1},
    {"A transposed with bias 12x20x19", 12, 20, 19, 15, 0, 0, 0, .bias = BIAS, .tA = 1},
    {"B transposed 18x33x21", 18, 33, 21, .tB = 1},
    {"B transposed strided 10x9x35", 10, 9, 35, 41, 44, 0, 12, .tB = 1},
    {"ReLU with bias 17x33x17", 17, 33, 17, .bias = BIAS, .relu = 1},
    {"acc scale 0.3 23x19x20", 23, 19, 20, .scale = 0.3f},
    {"acc scale and ReLU 17x17x17", 17, 17, 17, .relu = 1, .scale = 0.0625f, .bias = BIAS},
    {"mvin scales 0.3 and 2 19x21x23", 19, 21, 23, .ascale = 0.3f, .bscale = 2.0f},
    {"D scale 2 full 11x14x9", 11, 14, 9, .bias = BIAS, .dscale = 2.0f},
    {"D scale 2 low_D 11x14x9", 11, 14, 9, .bias = LOWD, .dscale = 2.0f},
    {"full_C 20x21x22", 20, 21, 22, .full_C = 1},
    {"full_C with bias 17x33x19", 17, 33, 19, 0, 0, 0, 40, .bias = BIAS, .full_C = 1},
    {"full_C low_D B transposed 9x10x11", 9, 10, 11, .bias = LOWD, .full_C = 1, .tB = 1},
    {"tiles 1x2x1 of 34x40x20 with bias", 34, 40, 20, .bias = BIAS, .tiles = {1, 2, 1}},
    {"tiles 2x1x3 of 36x20x40, A transposed", 36, 20, 40, .tA = 1, .tiles = {2, 1, 3}},
    {"OS 21x35x17 with bias", 21, 35, 17, .bias = BIAS, .kind = K_OS},
    {"OS 5x7x9 full_C", 5, 7, 9, .full_C = 1, .kind = K_OS},
    {"OS 20x24x28 strided, ReLU", 20, 24, 28, 40, 37, 50, 30, .relu = 1, .kind = K_OS},
    {"CPU 13x11x9 with bias, exact data", 13, 11, 9, .bias = BIAS, .kind = K_CPU, .exact = 1},
};

static int run(const struct tcase *t)
{
    const int I = t->I, J = t->J, K = t->K;
    const int a_rows = t->tA ? K : I, a_cols = t->tA ? I : K;
    const int b_rows = t->tB ? J : K, b_cols = t->tB ? K : J;
    const size_t sa = t->sa ? t->sa : a_cols, sb = t->sb ? t->sb : b_cols;
    const size_t sd = t->sd ? t->sd : J, sc = t->sc ? t->sc : J;
    const enum tiled_matmul_type_t type = t->kind == K_OS ? OS : t->kind == K_CPU ? CPU : WS;
    const float scale = t->scale ? t->scale : type == CPU ? 1.0f : default_scale;
    const float ascale = t->ascale ? t->ascale : 1, bscale = t->bscale ? t->bscale : 1, dscale = t->dscale ? t->dscale : 1;
    const int d_rows = t->repeat ? 1 : I;

    for (int r = 0; r < a_rows; r++) for (int c = 0; c < a_cols; c++) A[r * sa + c] = rand_elem(t->exact);
    for (int r = 0; r < b_rows; r++) for (int c = 0; c < b_cols; c++) B[r * sb + c] = rand_elem(t->exact);
    for (int r = 0; r < d_rows; r++)
        for (int c = 0; c < J; c++) { D[r * sd + c] = rand_acc(t->exact); lowD[r * sd + c] = rand_elem(t->exact); }
    memset(&C, SENTINEL, sizeof C);
    memset(&want, SENTINEL, sizeof want);

    /* The reference: A and B as they sit in the scratchpad (scaled), then element by element. */
    static val as[MAXE], bs[MAXE];   /* A[i][k] at i * K + k, B[k][j] at j * K + k */
    for (int i = 0; i < I; i++)
        for (int k = 0; k < K; k++) as[i * K + k] = mvin_scale_elem(elem_val(t->tA ? A[k * sa + i] : A[i * sa + k]), ascale);
    for (int j = 0; j < J; j++)
        for (int k = 0; k < K; k++) bs[j * K + k] = mvin_scale_elem(elem_val(t->tB ? B[j * sb + k] : B[k * sb + j]), bscale);
    for (int i = 0; i < I; i++)
        for (int j = 0; j < J; j++) {
            const val *arow = as + i * K, *bcol = bs + j * K;
            size_t d_at = (t->repeat ? 0 : i) * sd + j;
            int have = t->bias != NOBIAS;
            val acc = t->bias == BIAS ? mvin_scale_acc(acc_val(D[d_at]), dscale)
                    : t->bias == LOWD ? mvin_scale_elem(elem_val(lowD[d_at]), dscale) : 0;
            int os = type == OS && RVGEM_TILED_HAS_OS;
            for (int k0 = 0; k0 < K; k0 += DIM) {
                val x = chunk(arow + k0, bcol + k0, K - k0 < DIM ? K - k0 : DIM, os);
                acc = have ? acc_add(acc, x) : x;
                have = 1;
            }
            store(t->full_C, t->relu, scale, acc, i * sc + j);
        }

    int r = t->tiles[0]
        ? tiled_matmul(I, J, K, A, B, t->bias == LOWD ? (void *)lowD : t->bias ? (void *)D : NULL, &C, sa, sb, sd, sc,
                       rvgem_float_to_scale(ascale), rvgem_float_to_scale(bscale), rvgem_float_to_scale_acc(dscale),
                       t->relu ? RELU : NO_ACTIVATION, rvgem_float_to_acc_scale(scale), rvgem_float_to_acc_scale(1),
                       t->repeat, t->tiles[0], t->tiles[1], t->tiles[2], t->tA, t->tB, t->full_C, t->bias == LOWD, 0, type)
        : tiled_matmul_auto(I, J, K, A, B, t->bias == LOWD ? (void *)lowD : t->bias ? (void *)D : NULL, &C, sa, sb, sd, sc,
                            rvgem_float_to_scale(ascale), rvgem_float_to_scale(bscale), rvgem_float_to_scale_acc(dscale),
                            t->relu ? RELU : NO_ACTIVATION, rvgem_float_to_acc_scale(scale), rvgem_float_to_acc_scale(1),
                            t->repeat, t->tA, t->tB, t->full_C, t->bias == LOWD, 0, type);
    if (r != 0) { printf("%s: refused\n", t->name); return 1; }

    /* Every byte up to the last row's end, gaps included, must match. */
    size_t esize = t->full_C ? sizeof(acc_t) : sizeof(elem_t);
    size_t bytes = ((size_t)(I - 1) * sc + J) * esize, wrong = 0;
    for (size_t at = 0; at < bytes; at += esize) wrong += memcmp((char *)&C + at, (char *)&want + at, esize) != 0;
    for (size_t at = bytes; at < bytes + 64; at++) wrong += ((unsigned char *)&C)[at] != SENTINEL;
    printf("%s: %u wrong\n", t->name, (unsigned)wrong);
    return wrong != 0;
}

int main(void)
{
    int failed = 0;
    for (size_t n = 0; n < sizeof cases / sizeof cases[0]; n++) failed += run(&cases[n]);
    printf("%s\n", failed ? "FAILED" : "all passed");
    return failed != 0;
}
