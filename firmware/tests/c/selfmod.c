/* Self-modifying code: write instructions into RAM, fence.i, call them; rewrite the same bytes
   (32-bit and compressed encodings) and call again. An emulator that caches decoded instructions
   must drop them on fence.i. */
#include "check.h"

static uint32_t code[64] __attribute__((aligned(64)));

static inline uint32_t addi(unsigned rd, unsigned rs1, int imm) { return ((uint32_t)(imm & 0xfff) << 20) | (rs1 << 15) | (rd << 7) | 0x13; }
static inline uint32_t add(unsigned rd, unsigned rs1, unsigned rs2) { return (rs2 << 20) | (rs1 << 15) | (rd << 7) | 0x33; }
static inline uint32_t bne_back(unsigned rs1, unsigned rs2, int bytes)   /* branch to -bytes */
{
    uint32_t imm = (uint32_t)(-bytes) & 0x1fff;
    return ((imm >> 12) & 1) << 31 | ((imm >> 5) & 0x3f) << 25 | rs2 << 20 | rs1 << 15 | 1 << 12 |
           ((imm >> 1) & 0xf) << 8 | ((imm >> 11) & 1) << 7 | 0x63;
}
#define RET 0x00008067u   /* jalr zero, 0(ra) */

static uint64_t call(void)
{
    __asm__ volatile("fence.i" ::: "memory");
    return ((uint64_t (*)(void))(uintptr_t)code)();
}

int main(void)
{
    code[0] = addi(10, 0, 42);
    code[1] = RET;
    CHECK("generated li a0, 42", call(), 42);

    code[0] = addi(10, 0, 7);
    CHECK("rewritten to li a0, 7", call(), 7);

    uint16_t *half = (uint16_t *)code;
    half[0] = 0x4525;        /* c.li a0, 9 */
    half[1] = 0x8082;        /* c.jr ra */
    CHECK("rewritten compressed c.li a0, 9", call(), 9);

    uint64_t sum = 0;
    for (int i = 0; i < 100; i++) {
        code[0] = addi(10, 0, i);
        code[1] = RET;
        sum += call();
    }
    CHECK("100 rewrites of the immediate", sum, 4950);

    /* a generated loop: a0 = 0; t0 = n; do { a0 += t0; t0 -= 1 } while (t0 != 0) */
    for (int n = 10; n <= 1000; n *= 10) {
        code[0] = addi(10, 0, 0);
        code[1] = addi(5, 0, n);
        code[2] = add(10, 10, 5);
        code[3] = addi(5, 5, -1);
        code[4] = bne_back(5, 0, 8);
        code[5] = RET;
        CHECK("generated loop sum 1..n", call(), (uint64_t)n * (n + 1) / 2);
    }
    return check_done();
}
