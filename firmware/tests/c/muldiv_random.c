/* M extension against software references (shift-and-add multiply, restoring division) over
   pseudo-random operands of varied magnitudes, 64-bit and 32-bit (W) forms, signed and unsigned. */
#include "check.h"

static uint64_t state = 0x243f6a8885a308d3ull;
static uint64_t next(void)
{
    state ^= state << 13;
    state ^= state >> 7;
    state ^= state << 17;
    uint64_t x = state;
    switch (x & 7) {                      /* vary magnitudes: small, 32-bit, edge patterns */
    case 0: return x >> (x >> 58);
    case 1: return (uint64_t)(int64_t)(int32_t)(x >> 16);
    case 2: return x & 0xff;
    case 3: return (uint64_t)-(int64_t)(x & 0xffff);
    default: return x;
    }
}

static uint64_t soft_mul(uint64_t a, uint64_t b)
{
    uint64_t r = 0;
    while (b) {
        if (b & 1) r += a;
        a <<= 1;
        b >>= 1;
    }
    return r;
}

static void soft_divu(uint64_t n, uint64_t d, uint64_t *q, uint64_t *r)
{
    if (d == 0) { *q = ~0ull; *r = n; return; }
    uint64_t quotient = 0, remainder = 0;
    for (int i = 63; i >= 0; i--) {
        uint64_t carry = remainder >> 63;                /* the shift below pushes a bit past 64 */
        remainder = (remainder << 1) | ((n >> i) & 1);
        if (carry || remainder >= d) {
            remainder -= d;
            quotient |= 1ull << i;
        }
    }
    *q = quotient;
    *r = remainder;
}

static void soft_div(int64_t n, int64_t d, int64_t *q, int64_t *r)
{
    if (d == 0) { *q = -1; *r = n; return; }
    if (n == INT64_MIN && d == -1) { *q = INT64_MIN; *r = 0; return; }
    uint64_t un = n < 0 ? 0 - (uint64_t)n : (uint64_t)n, ud = d < 0 ? 0 - (uint64_t)d : (uint64_t)d, uq, ur;
    soft_divu(un, ud, &uq, &ur);
    *q = (int64_t)(((n < 0) != (d < 0)) ? 0 - uq : uq);
    *r = (int64_t)(n < 0 ? 0 - ur : ur);
}

#define OP(insn, a, b) ({ uint64_t r_; __asm__ volatile(insn " %0, %1, %2" : "=r"(r_) : "r"((uint64_t)(a)), "r"((uint64_t)(b))); r_; })
#define SEXT32(x) ((uint64_t)(int64_t)(int32_t)(uint32_t)(x))

int main(void)
{
    uint64_t digest = 0;
    for (int i = 0; i < 400; i++) {
        uint64_t a = next(), b = next();
        if ((i & 15) == 0) b = 0;                       /* division by zero now and then */
        uint64_t q, r;
        int64_t sq, sr;
        CHECK_QUIET("mul", OP("mul", a, b), soft_mul(a, b));
        CHECK_QUIET("mulw", OP("mulw", a, b), SEXT32(soft_mul(a, b)));
        soft_divu(a, b, &q, &r);
        CHECK_QUIET("divu", OP("divu", a, b), q);
        CHECK_QUIET("remu", OP("remu", a, b), r);
        soft_div((int64_t)a, (int64_t)b, &sq, &sr);
        CHECK_QUIET("div", OP("div", a, b), sq);
        CHECK_QUIET("rem", OP("rem", a, b), sr);
        soft_divu(a & 0xffffffff, b & 0xffffffff, &q, &r);
        CHECK_QUIET("divuw", OP("divuw", a, b), (b & 0xffffffff) ? SEXT32(q) : ~0ull);
        CHECK_QUIET("remuw", OP("remuw", a, b), SEXT32(r));
        int32_t a32 = (int32_t)a, b32 = (int32_t)b;
        if (b32 == 0) { sq = -1; sr = a32; }
        else if (a32 == INT32_MIN && b32 == -1) { sq = INT32_MIN; sr = 0; }
        else soft_div(a32, b32, &sq, &sr);
        CHECK_QUIET("divw", OP("divw", a, b), SEXT32(sq));
        CHECK_QUIET("remw", OP("remw", a, b), SEXT32(sr));
        digest = (digest << 5 | digest >> 59) ^ OP("mulhu", a, b) ^ OP("div", a, b);
    }
    CHECK("digest of mulhu/div results", digest, 0x6e1ae4c4fde00843ull);
    return check_done();
}
