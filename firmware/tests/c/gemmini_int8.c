// extension: gemmini
/* Gemmini (default int8 configuration) through firmware/include/rvgem_gemmini.h, each result checked
   against the CPU: mvin/mvout round trips (whole and partial blocks, row strides), a weight-stationary
   matmul into the scratchpad (saturating to int8), into the accumulator on top of an int32 bias read
   back full width, the same product output-stationary, ReLU with an accumulator scale on mvout, and
   the counters counting what was moved. */
#include <stdint.h>
#include <stdio.h>

#include "check.h"
#include "rvgem_gemmini.h"

#define DIM RVGEM_GEMMINI_DIM

static int8_t a[DIM][DIM], b[DIM][DIM], c[DIM][DIM], wide[DIM][2 * DIM];
static int32_t bias[DIM][DIM], acc[DIM][DIM];
static int32_t product[DIM][DIM];

static int8_t saturate8(int64_t v) { return v > 127 ? 127 : v < -128 ? -128 : (int8_t)v; }

/* x * 0.5 rounded half to even, as Gemmini's float scale rounds. */
static int64_t half_even(int64_t x)
{
    int64_t q = x >> 1;                       /* floor(x / 2) */
    return (x & 1) && (q & 1) ? q + 1 : q;
}

int main(void)
{
    uint32_t seed = 7;
    for (int i = 0; i < DIM; i++)
        for (int j = 0; j < DIM; j++) {
            seed = seed * 1103515245u + 12345u; a[i][j] = (int8_t)(seed >> 24);
            seed = seed * 1103515245u + 12345u; b[i][j] = (int8_t)(seed >> 25) - 64;
            bias[i][j] = (int32_t)(seed >> 8) - (1 << 23);
        }
    for (int i = 0; i < DIM; i++)
        for (int j = 0; j < DIM; j++) {
            int32_t s = 0;
            for (int k = 0; k < DIM; k++) s += a[i][k] * b[k][j];
            product[i][j] = s;
        }

    /* Round trips: a whole block, then 5 rows of 9 columns out of a 32-column-wide array. */
    gemmini_config_ld(DIM, GEMMINI_F32_ONE, 0);
    gemmini_config_st(DIM, GEMMINI_NO_ACTIVATION, GEMMINI_F32_ONE);
    gemmini_mvin(a, 0, DIM, DIM);
    gemmini_mvout(c, 0, DIM, DIM);
    int same = 1;
    for (int i = 0; i < DIM; i++) for (int j = 0; j < DIM; j++) same &= c[i][j] == a[i][j];
    CHECK("mvin/mvout round trip", same, 1);
    gemmini_config_st(2 * DIM, GEMMINI_NO_ACTIVATION, GEMMINI_F32_ONE);
    gemmini_mvout(wide, 0, 9, 5);
    same = 1;
    for (int i = 0; i < DIM; i++)
        for (int j = 0; j < 2 * DIM; j++) same &= wide[i][j] == (i < 5 && j < 9 ? a[i][j] : 0);
    CHECK("partial mvout with a 32-byte row stride", same, 1);

    /* Weight stationary into the scratchpad: C = saturate(A B). */
    gemmini_config_ex(GEMMINI_WS, GEMMINI_NO_ACTIVATION, 0, 0, 0);
    gemmini_config_st(DIM, GEMMINI_NO_ACTIVATION, GEMMINI_F32_ONE);
    gemmini_mvin(b, DIM, DIM, DIM);
    gemmini_preload(DIM, 2 * DIM, DIM, DIM);
    gemmini_compute(0, RVGEM_GEMMINI_GARBAGE, DIM, DIM, 0);
    gemmini_mvout(c, 2 * DIM, DIM, DIM);
    int wrong = 0, saturated = 0;
    for (int i = 0; i < DIM; i++)
        for (int j = 0; j < DIM; j++) {
            wrong += c[i][j] != saturate8(product[i][j]);
            saturated += product[i][j] > 127 || product[i][j] < -128;
        }
    CHECK("WS matmul into the scratchpad: wrong elements", wrong, 0);
    CHECK("... of which saturated (some must be)", saturated > 0, 1);

    /* Into the accumulator on top of a bias: acc = bias + A B, read back full width. */
    gemmini_config_ld(DIM * sizeof(int32_t), GEMMINI_F32_ONE, 0);
    gemmini_mvin(bias, RVGEM_GEMMINI_ACC, DIM, DIM);
    gemmini_preload(DIM, RVGEM_GEMMINI_ACC | RVGEM_GEMMINI_ACCUMULATE, DIM, DIM);
    gemmini_compute(0, RVGEM_GEMMINI_GARBAGE, DIM, DIM, 0);
    gemmini_config_st(DIM * sizeof(int32_t), GEMMINI_NO_ACTIVATION, GEMMINI_F32_ONE);
    gemmini_mvout(acc, RVGEM_GEMMINI_ACC | RVGEM_GEMMINI_FULL, DIM, DIM);
    wrong = 0;
    for (int i = 0; i < DIM; i++) for (int j = 0; j < DIM; j++) wrong += acc[i][j] != bias[i][j] + product[i][j];
    CHECK("WS matmul accumulated onto a bias: wrong elements", wrong, 0);

    /* Output stationary: the array accumulates A B, then it goes to the accumulator. */
    gemmini_config_ex(GEMMINI_OS, GEMMINI_NO_ACTIVATION, 0, 0, 0);
    gemmini_preload(RVGEM_GEMMINI_GARBAGE, RVGEM_GEMMINI_ACC | DIM, DIM, DIM);
    gemmini_compute(0, DIM, DIM, DIM, 0);
    gemmini_mvout(acc, RVGEM_GEMMINI_ACC | RVGEM_GEMMINI_FULL | DIM, DIM, DIM);
    wrong = 0;
    for (int i = 0; i < DIM; i++) for (int j = 0; j < DIM; j++) wrong += acc[i][j] != product[i][j];
    CHECK("OS matmul: wrong elements", wrong, 0);

    /* ReLU, then the accumulator scale 0.5 (round half to even), then saturation to int8. */
    gemmini_config_st(DIM, GEMMINI_RELU, gemmini_f32_bits(0.5f));
    gemmini_mvout(c, RVGEM_GEMMINI_ACC | DIM, DIM, DIM);
    wrong = 0;
    for (int i = 0; i < DIM; i++)
        for (int j = 0; j < DIM; j++) {
            int64_t v = product[i][j] < 0 ? 0 : product[i][j];
            wrong += c[i][j] != saturate8(half_even(v));
        }
    CHECK("mvout with ReLU and scale 0.5: wrong elements", wrong, 0);

    /* Counter 0 counts main-memory load cycles: one per row moved in. */
    gemmini_counter_configure(0, 1);
    gemmini_config_ld(DIM, GEMMINI_F32_ONE, 0);
    gemmini_mvin(a, 0, DIM, DIM);
    gemmini_flush();
    CHECK("load cycles counted for 16 rows", gemmini_counter_read(0) >= DIM, 1);
    return check_done();
}
