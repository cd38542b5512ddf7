/* Batch driver over Spike's SoftFloat (riscv-isa-sim/softfloat, RISC-V
 * specialization), loaded by make-vectors.py through ctypes. Operation codes
 * match OPS in make-vectors.py and VectorOperation in the Swift tests. */
#include <stdbool.h>
#include <stdint.h>
#include "platform.h"
#include "softfloat.h"

enum {
    ADD, SUB, MUL, DIV, SQRT, MULADD, EQ, LT, LE, MIN, MAX, CLASSIFY,
    TO_F32, TO_F64, TO_BF16, TO_I32, TO_U32, TO_I64, TO_U64,
    FROM_I32, FROM_U32, FROM_I64, FROM_U64
};

static uint64_t run_f32(int op, uint64_t a, uint64_t b, uint64_t c, uint8_t rm) {
    float32_t x = { (uint32_t)a }, y = { (uint32_t)b }, z = { (uint32_t)c };
    switch (op) {
    case ADD: return f32_add(x, y).v;
    case SUB: return f32_sub(x, y).v;
    case MUL: return f32_mul(x, y).v;
    case DIV: return f32_div(x, y).v;
    case SQRT: return f32_sqrt(x).v;
    case MULADD: return f32_mulAdd(x, y, z).v;
    case EQ: return f32_eq(x, y);
    case LT: return f32_lt(x, y);
    case LE: return f32_le(x, y);
    case MIN: return f32_min(x, y).v;
    case MAX: return f32_max(x, y).v;
    case CLASSIFY: return f32_classify(x);
    case TO_F64: return f32_to_f64(x).v;
    case TO_BF16: return f32_to_bf16(x).v;
    case TO_I32: return (uint32_t)f32_to_i32(x, rm, true);
    case TO_U32: return (uint32_t)f32_to_ui32(x, rm, true);
    case TO_I64: return (uint64_t)f32_to_i64(x, rm, true);
    case TO_U64: return f32_to_ui64(x, rm, true);
    case FROM_I32: return i32_to_f32((int32_t)a).v;
    case FROM_U32: return ui32_to_f32((uint32_t)a).v;
    case FROM_I64: return i64_to_f32((int64_t)a).v;
    case FROM_U64: return ui64_to_f32(a).v;
    }
    return ~(uint64_t)0;
}

static uint64_t run_f64(int op, uint64_t a, uint64_t b, uint64_t c, uint8_t rm) {
    float64_t x = { a }, y = { b }, z = { c };
    switch (op) {
    case ADD: return f64_add(x, y).v;
    case SUB: return f64_sub(x, y).v;
    case MUL: return f64_mul(x, y).v;
    case DIV: return f64_div(x, y).v;
    case SQRT: return f64_sqrt(x).v;
    case MULADD: return f64_mulAdd(x, y, z).v;
    case EQ: return f64_eq(x, y);
    case LT: return f64_lt(x, y);
    case LE: return f64_le(x, y);
    case MIN: return f64_min(x, y).v;
    case MAX: return f64_max(x, y).v;
    case CLASSIFY: return f64_classify(x);
    case TO_F32: return f64_to_f32(x).v;
    case TO_BF16: return f64_to_bf16(x).v;
    case TO_I32: return (uint32_t)f64_to_i32(x, rm, true);
    case TO_U32: return (uint32_t)f64_to_ui32(x, rm, true);
    case TO_I64: return (uint64_t)f64_to_i64(x, rm, true);
    case TO_U64: return f64_to_ui64(x, rm, true);
    case FROM_I32: return i32_to_f64((int32_t)a).v;
    case FROM_U32: return ui32_to_f64((uint32_t)a).v;
    case FROM_I64: return i64_to_f64((int64_t)a).v;
    case FROM_U64: return ui64_to_f64(a).v;
    }
    return ~(uint64_t)0;
}

static uint64_t run_bf16(int op, uint64_t a, uint64_t b, uint64_t c, uint8_t rm) {
    bfloat16_t x = { (uint16_t)a }, y = { (uint16_t)b }, z = { (uint16_t)c };
    switch (op) {
    case ADD: return bf16_add(x, y).v;
    case SUB: return bf16_sub(x, y).v;
    case MUL: return bf16_mul(x, y).v;
    case DIV: return bf16_div(x, y).v;
    case SQRT: return bf16_sqrt(x).v;
    case MULADD: return bf16_mulAdd(x, y, z).v;
    case EQ: return bf16_eq(x, y);
    case LT: return bf16_lt(x, y);
    case LE: return bf16_le(x, y);
    case MIN: return bf16_min(x, y).v;
    case MAX: return bf16_max(x, y).v;
    case CLASSIFY: return bf16_classify(x);
    case TO_F32: return bf16_to_f32(x).v;
    case TO_F64: return bf16_to_f64(x).v;
    case TO_I32: return (uint32_t)bf16_to_i32(x, rm, true);
    case TO_U32: return (uint32_t)bf16_to_ui32(x, rm, true);
    case FROM_I32: return i32_to_bf16((int32_t)a).v;
    case FROM_U32: return ui32_to_bf16((uint32_t)a).v;
    }
    return ~(uint64_t)0;
}

/* format: 0 binary32, 1 binary64, 2 bfloat16 */
void sf_run(int format, int op, int rm, long count, const uint64_t *a, const uint64_t *b,
            const uint64_t *c, uint64_t *results, uint8_t *flags) {
    for (long i = 0; i < count; i++) {
        softfloat_roundingMode = (uint_fast8_t)rm;
        softfloat_exceptionFlags = 0;
        uint64_t r;
        if (format == 0) r = run_f32(op, a[i], b[i], c[i], (uint8_t)rm);
        else if (format == 1) r = run_f64(op, a[i], b[i], c[i], (uint8_t)rm);
        else r = run_bf16(op, a[i], b[i], c[i], (uint8_t)rm);
        results[i] = r;
        flags[i] = (uint8_t)softfloat_exceptionFlags;
    }
}
