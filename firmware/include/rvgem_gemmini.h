/*
 * Gemmini commands for bare-metal RVGem programs (rvgem --extension=gemmini): one inline function per
 * command of the custom-3 RoCC interface, packed as in the facts of shared/spec/gemmini.md. DIM is
 * the default int8 configuration's 16 unless RVGEM_GEMMINI_DIM is defined first (4 for the fp32 and
 * bf16 presets) or a gemmini_params.h was included first (then its DIM). Scales are passed as the
 * bits of the configuration's scale type: gemmini_f32_bits(x) for float scales, GEMMINI_BF16_ONE-style
 * BF16 bits for the bf16 preset.
 *
 * Local addresses count rows of DIM elements; RVGEM_GEMMINI_ACC (bit 31) selects the accumulator,
 * RVGEM_GEMMINI_ACCUMULATE (bit 30) adds instead of overwriting, RVGEM_GEMMINI_FULL (bit 29) makes an
 * accumulator mvout return the raw int32 values, and RVGEM_GEMMINI_GARBAGE is an absent operand.
 */
#ifndef RVGEM_GEMMINI_H
#define RVGEM_GEMMINI_H

#include <stdint.h>
#include <string.h>

#ifndef RVGEM_GEMMINI_DIM
#ifdef DIM                      /* a gemmini_params.h included first decides */
#define RVGEM_GEMMINI_DIM DIM
#else
#define RVGEM_GEMMINI_DIM 16
#endif
#endif
#define GEMMINI_F32_ONE 0x3f800000u
#define GEMMINI_BF16_ONE 0x3f80u
#define RVGEM_GEMMINI_ACC (1u << 31)
#define RVGEM_GEMMINI_ACCUMULATE (1u << 30)
#define RVGEM_GEMMINI_FULL (1u << 29)
#define RVGEM_GEMMINI_GARBAGE 0xffffffffu

enum { GEMMINI_OS = 0, GEMMINI_WS = 1 };
enum { GEMMINI_NO_ACTIVATION = 0, GEMMINI_RELU = 1 };

/* funct3 = xd|xs1|xs2: 3 for commands (rs1, rs2), 7 for the counter (also rd). */
#define RVGEM_GEMMINI_COMMAND(funct7, rs1, rs2) \
    __asm__ volatile (".insn r 0x7b, 3, " #funct7 ", x0, %0, %1" :: "r"((uint64_t)(rs1)), "r"((uint64_t)(rs2)) : "memory")

static inline uint32_t gemmini_f32_bits(float f) { uint32_t u; memcpy(&u, &f, 4); return u; }

/* A local operand: address, then columns and rows of the block it names. */
static inline uint64_t gemmini_operand(uint32_t local, unsigned cols, unsigned rows)
{
    return (uint64_t)rows << 48 | (uint64_t)cols << 32 | local;
}

static inline void gemmini_config_ex(int dataflow, int activation, uint32_t shift, int transpose_a, int transpose_b)
{
    RVGEM_GEMMINI_COMMAND(0, (uint64_t)GEMMINI_F32_ONE << 32 | 1u << 16 | (uint64_t)transpose_b << 9 |
                          (uint64_t)transpose_a << 8 | (uint64_t)activation << 3 | (uint64_t)dataflow << 2 | 0,
                          (uint64_t)1 << 48 | shift);
}

/* The mvin mover `id` (0: mvin, 1: mvin2, 2: mvin3) reads rows `stride` bytes apart, scaling by the
   scale whose bits are `scale_bits`. */
static inline void gemmini_config_ld(uint64_t stride, uint32_t scale_bits, int id)
{
    RVGEM_GEMMINI_COMMAND(0, (uint64_t)scale_bits << 32 | (uint64_t)RVGEM_GEMMINI_DIM << 16 |
                          1u << 8 | (uint64_t)id << 3 | 1, stride);
}

static inline void gemmini_config_st(uint64_t stride, int activation, uint32_t acc_scale_bits)
{
    RVGEM_GEMMINI_COMMAND(0, (uint64_t)activation << 2 | 2, (uint64_t)acc_scale_bits << 32 | (uint32_t)stride);
}

static inline void gemmini_mvin(const void *dram, uint32_t local, unsigned cols, unsigned rows)
{
    RVGEM_GEMMINI_COMMAND(2, (uintptr_t)dram, gemmini_operand(local, cols, rows));
}

static inline void gemmini_mvout(void *dram, uint32_t local, unsigned cols, unsigned rows)
{
    RVGEM_GEMMINI_COMMAND(3, (uintptr_t)dram, gemmini_operand(local, cols, rows));
}

/* WS: bd = the weights B to hold in the array; OS: bd = D, preloaded into the array. c = output. */
static inline void gemmini_preload(uint32_t bd, uint32_t c, unsigned cols, unsigned rows)
{
    RVGEM_GEMMINI_COMMAND(6, gemmini_operand(bd, cols, rows), gemmini_operand(c, cols, rows));
}

/* WS: bd = D (bias) or GARBAGE; OS: bd = B. accumulate: keep the preloaded weights / partial sums. */
static inline void gemmini_compute(uint32_t a, uint32_t bd, unsigned cols, unsigned rows, int accumulate)
{
    if (accumulate)
        RVGEM_GEMMINI_COMMAND(5, gemmini_operand(a, cols, rows), gemmini_operand(bd, cols, rows));
    else
        RVGEM_GEMMINI_COMMAND(4, gemmini_operand(a, cols, rows), gemmini_operand(bd, cols, rows));
}

static inline void gemmini_flush(void) { RVGEM_GEMMINI_COMMAND(7, 0, 0); }

/* COUNTER: configure counter `index` to count event `event` (resetting it), or read it. */
static inline uint64_t gemmini_counter(uint64_t rs1)
{
    uint64_t value;
    __asm__ volatile (".insn r 0x7b, 7, 126, %0, %1, x0" : "=r"(value) : "r"(rs1) : "memory");
    return value;
}
static inline void gemmini_counter_configure(unsigned index, unsigned event)
{
    (void)gemmini_counter((uint64_t)event << 12 | (uint64_t)index << 4 | 1u << 3 | 1);
}
static inline uint64_t gemmini_counter_read(unsigned index) { return gemmini_counter((uint64_t)index << 4); }

#endif
