/* RV64IM integer arithmetic edge cases, each through the exact instruction (inline asm). */
#include "check.h"

#define OP(insn, a, b) ({ uint64_t r_; __asm__ volatile(insn " %0, %1, %2" : "=r"(r_) : "r"((uint64_t)(a)), "r"((uint64_t)(b))); r_; })

#define MIN64 0x8000000000000000ull
#define ALL64 0xffffffffffffffffull

/* 64x64 -> 128 multiply from 32-bit halves: an independent reference for mulh/mulhu/mulhsu. */
static void mul_u128(uint64_t a, uint64_t b, uint64_t *hi, uint64_t *lo)
{
    uint64_t a0 = a & 0xffffffff, a1 = a >> 32, b0 = b & 0xffffffff, b1 = b >> 32;
    uint64_t p00 = a0 * b0, p01 = a0 * b1, p10 = a1 * b0, p11 = a1 * b1;
    uint64_t mid = (p00 >> 32) + (p01 & 0xffffffff) + (p10 & 0xffffffff);
    *lo = (mid << 32) | (p00 & 0xffffffff);
    *hi = p11 + (p01 >> 32) + (p10 >> 32) + (mid >> 32);
}

static uint64_t ref_mulhu(uint64_t a, uint64_t b) { uint64_t h, l; mul_u128(a, b, &h, &l); return h; }
static uint64_t ref_mulh(uint64_t a, uint64_t b)
{
    uint64_t h = ref_mulhu(a, b);
    if ((int64_t)a < 0) h -= b;
    if ((int64_t)b < 0) h -= a;
    return h;
}
static uint64_t ref_mulhsu(uint64_t a, uint64_t b)
{
    uint64_t h = ref_mulhu(a, b);
    if ((int64_t)a < 0) h -= b;
    return h;
}

int main(void)
{
    /* add/sub wrap-around, slt/sltu */
    CHECK("add max+1", OP("add", 0x7fffffffffffffffull, 1), MIN64);
    CHECK("sub min-1", OP("sub", MIN64, 1), 0x7fffffffffffffffull);
    CHECK("slt -1<1", OP("slt", ALL64, 1), 1);
    CHECK("sltu -1<1", OP("sltu", ALL64, 1), 0);
    CHECK("sltu 0<-1", OP("sltu", 0, ALL64), 1);
    CHECK("slt min<max", OP("slt", MIN64, 0x7fffffffffffffffull), 1);

    /* division: RISC-V never traps; x/0 = all ones, x%0 = x, MIN/-1 = MIN, MIN%-1 = 0 */
    CHECK("div 7/2", OP("div", 7, 2), 3);
    CHECK("div -7/2", OP("div", -7, 2), -3);
    CHECK("div 7/-2", OP("div", 7, -2), -3);
    CHECK("div -7/-2", OP("div", -7, -2), 3);
    CHECK("div 5/0", OP("div", 5, 0), ALL64);
    CHECK("div -5/0", OP("div", -5, 0), ALL64);
    CHECK("div min/-1", OP("div", MIN64, -1), MIN64);
    CHECK("divu 5/0", OP("divu", 5, 0), ALL64);
    CHECK("divu -1/2", OP("divu", ALL64, 2), 0x7fffffffffffffffull);
    CHECK("divu min/-1", OP("divu", MIN64, -1), 0);
    CHECK("rem -7%2", OP("rem", -7, 2), -1);
    CHECK("rem 7%-2", OP("rem", 7, -2), 1);
    CHECK("rem 5%0", OP("rem", 5, 0), 5);
    CHECK("rem -5%0", OP("rem", -5, 0), -5);
    CHECK("rem min%-1", OP("rem", MIN64, -1), 0);
    CHECK("remu 5%0", OP("remu", 5, 0), 5);
    CHECK("remu -1%10", OP("remu", ALL64, 10), 5);

    /* multiplication: low and the three high halves */
    CHECK("mul -3*5", OP("mul", -3, 5), -15);
    CHECK("mul min*-1", OP("mul", MIN64, -1), MIN64);
    CHECK("mul 2^32*2^32", OP("mul", 1ull << 32, 1ull << 32), 0);
    CHECK("mulh min*min", OP("mulh", MIN64, MIN64), 0x4000000000000000ull);
    CHECK("mulh -1*-1", OP("mulh", ALL64, ALL64), 0);
    CHECK("mulh -1*1", OP("mulh", ALL64, 1), ALL64);
    CHECK("mulhu -1*-1", OP("mulhu", ALL64, ALL64), 0xfffffffffffffffeull);
    CHECK("mulhu 2^32*2^32", OP("mulhu", 1ull << 32, 1ull << 32), 1);
    CHECK("mulhsu -1*(2^64-1)", OP("mulhsu", ALL64, ALL64), ALL64);
    CHECK("mulhsu min*(2^64-1)", OP("mulhsu", MIN64, ALL64), 0x8000000000000000ull);
    CHECK("mulhsu 1*(2^64-1)", OP("mulhsu", 1, ALL64), 0);
    CHECK("mulhsu -2*2^63", OP("mulhsu", -2, MIN64), ALL64);

    /* shifts: only the low 6 bits of the amount count */
    CHECK("sll 1<<63", OP("sll", 1, 63), MIN64);
    CHECK("sll 1<<64 (=<<0)", OP("sll", 1, 64), 1);
    CHECK("sll 1<<65 (=<<1)", OP("sll", 1, 65), 2);
    CHECK("srl min>>63", OP("srl", MIN64, 63), 1);
    CHECK("srl min>>-1 (=>>63)", OP("srl", MIN64, ALL64), 1);
    CHECK("sra min>>63", OP("sra", MIN64, 63), ALL64);
    CHECK("sra min>>1", OP("sra", MIN64, 1), 0xc000000000000000ull);
    CHECK("sra 0x40..>>62", OP("sra", 0x4000000000000000ull, 62), 1);

    /* logic */
    CHECK("xor", OP("xor", 0xff00ff00ff00ff00ull, 0x0ff00ff00ff00ff0ull), 0xf0f0f0f0f0f0f0f0ull);
    CHECK("or", OP("or", 0xff00000000000000ull, 0xffull), 0xff000000000000ffull);
    CHECK("and", OP("and", 0xff00ff00ff00ff00ull, 0x0ff00ff00ff00ff0ull), 0x0f000f000f000f00ull);

    /* immediates: 12-bit sign extension, lui/auipc-built 64-bit constants */
    uint64_t r;
    __asm__ volatile("li %0, -2048" : "=r"(r));
    CHECK("li -2048", r, -2048);
    __asm__ volatile("lui %0, 0x80000" : "=r"(r));
    CHECK("lui 0x80000 (sign-extends)", r, 0xffffffff80000000ull);
    __asm__ volatile("li %0, 0x123456789abcdef0" : "=r"(r));
    CHECK("li 64-bit constant", r, 0x123456789abcdef0ull);
    __asm__ volatile("xori %0, %1, -1" : "=r"(r) : "r"(0x0123456789abcdefull));
    CHECK("xori -1 (not)", r, 0xfedcba9876543210ull);
    __asm__ volatile("sltiu %0, %1, -1" : "=r"(r) : "r"(0xfffffffffffffffeull));
    CHECK("sltiu x<-1 (unsigned)", r, 1);
    __asm__ volatile("srai %0, %1, 63" : "=r"(r) : "r"(MIN64));
    CHECK("srai 63", r, ALL64);

    /* the high halves against the independent reference, over a spread of operands */
    static const uint64_t values[] = {0, 1, 2, 3, 0x7fffffffffffffffull, MIN64, ALL64, ALL64 - 1,
                                      0xffffffff, 0x100000000ull, 0xdeadbeefcafebabeull, 0x0123456789abcdefull,
                                      0x8000000000000001ull, 0x5555555555555555ull, 0xaaaaaaaaaaaaaaaaull, 12345};
    const int n = sizeof values / sizeof values[0];
    uint64_t sum = 0;
    for (int i = 0; i < n; i++)
        for (int j = 0; j < n; j++) {
            uint64_t a = values[i], b = values[j];
            CHECK_QUIET("mulh", OP("mulh", a, b), ref_mulh(a, b));
            CHECK_QUIET("mulhu", OP("mulhu", a, b), ref_mulhu(a, b));
            CHECK_QUIET("mulhsu", OP("mulhsu", a, b), ref_mulhsu(a, b));
            CHECK_QUIET("mul", OP("mul", a, b), a * b);
            if (b != 0) {
                uint64_t q = OP("divu", a, b), rm = OP("remu", a, b);
                CHECK_QUIET("divu*b+remu", q * b + rm, a);
                CHECK_QUIET("remu<b", rm < b, 1);
                sum += q ^ rm;
            }
            if (b != 0 && !(a == MIN64 && b == ALL64)) {
                int64_t q = (int64_t)OP("div", a, b), rm = (int64_t)OP("rem", a, b);
                CHECK_QUIET("div*b+rem", (uint64_t)(q * (int64_t)b + rm), a);
                CHECK_QUIET("rem sign", rm == 0 || (rm < 0) == ((int64_t)a < 0), 1);
                sum += (uint64_t)q ^ (uint64_t)rm;
            }
        }
    CHECK("quotient/remainder digest", sum, 0x891618c2d8329876ull);
    return check_done();
}
