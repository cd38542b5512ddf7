/* Bit manipulation in C on RV64IMAC (no Zbb: the compiler expands everything into shifts, masks and
   libgcc helpers): builtins against naive loops over pseudo-random and edge-case values. */
#include "check.h"

static uint64_t rng_state = 0x0123456789abcdefull;
static uint64_t next(void)   /* xorshift64 */
{
    uint64_t x = rng_state;
    x ^= x << 13;
    x ^= x >> 7;
    x ^= x << 17;
    return rng_state = x;
}

static int naive_popcount(uint64_t x) { int n = 0; for (int i = 0; i < 64; i++) n += (x >> i) & 1; return n; }
static int naive_clz(uint64_t x) { int n = 0; for (int i = 63; i >= 0 && !((x >> i) & 1); i--) n++; return n; }
static int naive_ctz(uint64_t x) { int n = 0; for (int i = 0; i < 64 && !((x >> i) & 1); i++) n++; return n; }
static uint64_t naive_bswap(uint64_t x) { uint64_t r = 0; for (int i = 0; i < 8; i++) r |= ((x >> (8 * i)) & 0xff) << (8 * (7 - i)); return r; }
static uint64_t naive_reverse(uint64_t x) { uint64_t r = 0; for (int i = 0; i < 64; i++) r |= ((x >> i) & 1) << (63 - i); return r; }

static uint64_t rotl(uint64_t x, unsigned k) { return (x << (k & 63)) | (x >> ((64 - k) & 63)); }
static uint32_t rotr32(uint32_t x, unsigned k) { return (x >> (k & 31)) | (x << ((32 - k) & 31)); }

static uint64_t fast_reverse(uint64_t x)
{
    x = ((x >> 1) & 0x5555555555555555ull) | ((x & 0x5555555555555555ull) << 1);
    x = ((x >> 2) & 0x3333333333333333ull) | ((x & 0x3333333333333333ull) << 2);
    x = ((x >> 4) & 0x0f0f0f0f0f0f0f0full) | ((x & 0x0f0f0f0f0f0f0f0full) << 4);
    return __builtin_bswap64(x);
}

int main(void)
{
    CHECK("popcount(0)", __builtin_popcountll(0), 0);
    CHECK("popcount(~0)", __builtin_popcountll(~0ull), 64);
    CHECK("clz(1)", __builtin_clzll(1), 63);
    CHECK("clz(2^63)", __builtin_clzll(1ull << 63), 0);
    CHECK("ctz(2^63)", __builtin_ctzll(1ull << 63), 63);
    CHECK("clz32(1)", __builtin_clz(1), 31);
    CHECK("ctz32(0x80000000)", __builtin_ctz(0x80000000u), 31);
    CHECK("ffs(0x100)", __builtin_ffsll(0x100), 9);
    CHECK("ffs(0)", __builtin_ffsll(0), 0);
    CHECK("parity(0x7)", __builtin_parityll(7), 1);
    CHECK("bswap64", __builtin_bswap64(0x0102030405060708ull), 0x0807060504030201ull);
    CHECK("bswap32", __builtin_bswap32(0x11223344u), 0x44332211u);
    CHECK("bswap16", __builtin_bswap16(0xabcd), 0xcdab);
    CHECK("rotl 1 by 63", rotl(1, 63), 1ull << 63);
    CHECK("rotl by 0", rotl(0x8000000000000001ull, 0), 0x8000000000000001ull);
    CHECK("rotr32 by 4", rotr32(0x12345678u, 4), 0x81234567u);
    CHECK("reverse(1)", fast_reverse(1), 1ull << 63);
    CHECK("reverse pattern", fast_reverse(0x00000000000000f1ull), 0x8f00000000000000ull);
    CHECK("sign-extend bit 11", (uint64_t)(((int64_t)(0x800ull << 52)) >> 52), 0xfffffffffffff800ull);
    CHECK("extract bits 40..47", (0x0011223344556677ull >> 40) & 0xff, 0x22);
    CHECK("insert field", (0xffffffffffffffffull & ~(0xffull << 24)) | (0x5aull << 24), 0xffffffff5affffffull);
    CHECK("isolate lowest set", 0xb0ull & (0 - 0xb0ull), 0x10);
    CHECK("clear lowest set", 0xb0ull & (0xb0ull - 1), 0xa0);
    CHECK("gray code of 0x5a", 0x5aull ^ (0x5aull >> 1), 0x77);

    uint64_t digest = 0;
    for (int i = 0; i < 2000; i++) {
        uint64_t x = next();
        if (i % 7 == 0) x >>= (i % 64);              /* small values: long zero runs */
        if (x == 0) x = 1;
        CHECK_QUIET("popcount", __builtin_popcountll(x), naive_popcount(x));
        CHECK_QUIET("clz", __builtin_clzll(x), naive_clz(x));
        CHECK_QUIET("ctz", __builtin_ctzll(x), naive_ctz(x));
        CHECK_QUIET("parity", __builtin_parityll(x), naive_popcount(x) & 1);
        CHECK_QUIET("bswap", __builtin_bswap64(x), naive_bswap(x));
        CHECK_QUIET("reverse", fast_reverse(x), naive_reverse(x));
        CHECK_QUIET("rotl/rotr", rotl(rotl(x, i), 64 - (i & 63)), x);
        digest = rotl(digest, 7) ^ (x * 0x9e3779b97f4a7c15ull) ^ (uint64_t)__builtin_clzll(x);
    }
    CHECK("random digest", digest, 0xfb43280f35452f27ull);
    return check_done();
}
