// The guest's BF16 conversions (include/rvgem_bf16.h) over every BF16 value and a dense sweep of floats.
// It checks round trips itself and prints, per block of inputs, an FNV-1a hash of the results;
// Tests/RISCVMachineTests/BF16HelperTests.swift recomputes every hash with the host SoftFloat.
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include "rvgem_bf16.h"

#define FNV_OFFSET 2166136261u
#define FNV_PRIME 16777619u
#define SWEEP_COUNT (1u << 19)
#define SWEEP_STRIDE 4099u /* odd: the sweep spreads over all exponents and fractions */

/* FNV-1a over the value's `bytes` low bytes, so every bit of every result moves the hash. */
static uint32_t fnv(uint32_t hash, uint32_t value, int bytes)
{
    for (int i = 0; i < bytes; i++) hash = (hash ^ ((value >> (8 * i)) & 0xff)) * FNV_PRIME;
    return hash;
}
static uint32_t float_bits(float f) { uint32_t b; memcpy(&b, &f, 4); return b; }
static float bits_float(uint32_t b) { float f; memcpy(&f, &b, 4); return f; }
static int is_nan_bf16(uint16_t b) { return (b & 0x7fff) > 0x7f80; }

int main(void)
{
    int failures = 0;

    // Widening, every BF16 value; a non-NaN must come back unchanged through narrowing.
    for (uint32_t block = 0; block < 16; block++) {
        uint32_t hash = FNV_OFFSET;
        for (uint32_t low = 0; low < 4096; low++) {
            uint16_t b = (uint16_t)(block << 12 | low);
            float f = rvgem_bf16_to_float(b);
            hash = fnv(hash, float_bits(f), 4);
            if (!is_nan_bf16(b) && rvgem_float_to_bf16(f) != b) {
                if (failures++ < 8) printf("round trip of 0x%04x gives 0x%04x\n", b, rvgem_float_to_bf16(f));
            }
        }
        printf("widen %2lu %08lx\n", (unsigned long)block, (unsigned long)hash);
    }

    // Narrowing at the rounding boundaries of every BF16 value: the dropped half just below, at and
    // just above the tie, the smallest and largest dropped parts.
    static const uint32_t dropped[] = {0x0001, 0x7fff, 0x8000, 0x8001, 0xffff};
    for (uint32_t block = 0; block < 16; block++) {
        uint32_t hash = FNV_OFFSET;
        for (uint32_t low = 0; low < 4096; low++) {
            uint32_t kept = (block << 12 | low) << 16;
            for (unsigned d = 0; d < sizeof dropped / sizeof dropped[0]; d++)
                hash = fnv(hash, rvgem_float_to_bf16(bits_float(kept | dropped[d])), 2);
        }
        printf("ties  %2lu %08lx\n", (unsigned long)block, (unsigned long)hash);
    }

    // Narrowing over a dense sweep of all 32-bit patterns.
    for (uint32_t block = 0; block < 16; block++) {
        uint32_t hash = FNV_OFFSET;
        for (uint32_t i = block * (SWEEP_COUNT / 16); i < (block + 1) * (SWEEP_COUNT / 16); i++)
            hash = fnv(hash, rvgem_float_to_bf16(bits_float(i * SWEEP_STRIDE * 0x10001u)), 2);
        printf("sweep %2lu %08lx\n", (unsigned long)block, (unsigned long)hash);
    }
    return failures != 0;
}
