/*
 * bfloat16 <-> binary32 for guest programs: BF16 is the upper half of an FP32 word (1 sign, 8 exponent,
 * 7 fraction bits). Narrowing rounds to nearest, ties to even, as the RISC-V fcvt.bf16.s and the host
 * SoftFloat do; a NaN becomes the canonical 0x7fc0. Widening is exact (a NaN keeps its payload).
 *
 * Not the "truncate, then add bit 15" rounding of the paper's firmware: that rounds ties away from zero,
 * a bias that shows in long accumulations (rvgem --check-bf16 points at such routines).
 * tests/c/bf16_helpers.c proves both against the host SoftFloat for all 65,536 BF16 values and a dense
 * sweep of floats.
 */
#ifndef RVGEM_BF16_H
#define RVGEM_BF16_H

#include <stdint.h>
#include <string.h>

static inline uint16_t rvgem_float_to_bf16(float x)
{
    uint32_t b;
    memcpy(&b, &x, 4);
    if ((b & 0x7fffffff) > 0x7f800000) return 0x7fc0;
    /* Adding 0x7fff, plus 1 when the kept part is odd, carries into bit 16 exactly when the dropped half
       is above the tie, or at the tie with an odd kept part; a carry out of the fraction bumps the
       exponent, up to infinity, as rounding must. */
    return (uint16_t)((b + 0x7fff + ((b >> 16) & 1)) >> 16);
}

static inline float rvgem_bf16_to_float(uint16_t x)
{
    uint32_t b = (uint32_t)x << 16;
    float f;
    memcpy(&f, &b, 4);
    return f;
}

#endif
