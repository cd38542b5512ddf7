/* Integer corner cases through values the compiler cannot fold (volatile): division/remainder
   in every sign combination and width, unsigned wraparound, shifts by 0..63, 128-bit products
   (the mulh/mulhu/mulhsu high halves), narrowing/widening conversions, clz/ctz/popcount, and
   strtol/strtoul/strtoll/strtoull edge cases with endptr and errno. No undefined behaviour:
   INT64_MIN / -1 and division by zero are avoided. */
#include <errno.h>
#include <inttypes.h>
#include <limits.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>

static const char *errno_name(int e)
{
    switch (e) {
    case 0: return "0";
    case ERANGE: return "ERANGE";
    case EINVAL: return "EINVAL";
    default: return "other";
    }
}

static void division(void)
{
    static const int64_t a64[] = {7, -7, 100, -100, INT64_MAX, INT64_MIN, 1, 0};
    static const int64_t b64[] = {2, -2, 3, -3, 1, INT64_MAX, INT64_MIN, 7};
    for (size_t i = 0; i < sizeof a64 / sizeof a64[0]; i++)
        for (size_t j = 0; j < sizeof b64 / sizeof b64[0]; j++) {
            volatile int64_t a = a64[i], b = b64[j];
            printf("i64 %" PRId64 " / %" PRId64 " = %" PRId64 " rem %" PRId64 "\n", a, b, a / b, a % b);
        }
    static const int32_t a32[] = {7, -7, INT32_MAX, INT32_MIN};
    static const int32_t b32[] = {2, -2, 3, INT32_MIN};
    for (size_t i = 0; i < 4; i++)
        for (size_t j = 0; j < 4; j++) {
            volatile int32_t a = a32[i], b = b32[j];
            volatile uint32_t ua = (uint32_t)a, ub = (uint32_t)b;
            printf("i32 %d / %d = %d rem %d | u32 %u / %u = %u rem %u\n", a, b, a / b, a % b, ua, ub, ua / ub, ua % ub);
        }
    volatile uint64_t ua = UINT64_MAX, ub = 10, uc = 0x8000000000000000u;
    printf("u64 %" PRIu64 " / %" PRIu64 " = %" PRIu64 " rem %" PRIu64 "\n", ua, ub, ua / ub, ua % ub);
    printf("u64 %" PRIu64 " / %" PRIu64 " = %" PRIu64 " rem %" PRIu64 "\n", ua, uc, ua / uc, ua % uc);
    volatile int16_t s16 = -32768, d16 = -1;   /* promoted to int: no overflow */
    volatile int8_t s8 = -128, d8 = -1;
    printf("i16 -32768 / -1 = %d, i8 -128 / -1 = %d, narrowed back: %d %d\n",
           s16 / d16, s8 / d8, (int16_t)(s16 / d16), (int8_t)(s8 / d8));
}

static void wrap_and_shift(void)
{
    volatile uint64_t max = UINT64_MAX, one = 1;
    volatile uint32_t max32 = UINT32_MAX, one32 = 1;
    volatile uint8_t b = 250;
    volatile uint16_t h = 65530;
    printf("wrap: %" PRIu64 " %" PRIu64 " %u %u %u %u %" PRIu64 "\n", max + one, 0 - one, max32 + one32,
           (uint32_t)(0 - one32), (uint8_t)(b + 10), (uint16_t)(h * 3), max * max);
    volatile uint64_t pattern = 0x8123456789abcdefu;
    volatile int64_t negative = (int64_t)0x8123456789abcdefu;
    uint64_t hl = 0, hr = 0, ha = 0;
    for (int s = 0; s < 64; s++) {
        volatile int shift = s;
        uint64_t l = pattern << shift, r = pattern >> shift;
        int64_t ar = negative >> shift;   /* arithmetic on GCC */
        hl = hl * 1099511628211u ^ l;
        hr = hr * 1099511628211u ^ r;
        ha = ha * 1099511628211u ^ (uint64_t)ar;
        if (s % 13 == 0 || s == 63)
            printf("shift %2d: << %016" PRIx64 " >> %016" PRIx64 " sra %016" PRIx64 "\n", s, l, r, (uint64_t)ar);
    }
    printf("shift hashes %016" PRIx64 " %016" PRIx64 " %016" PRIx64 "\n", hl, hr, ha);
    uint32_t h32 = 0;
    for (int s = 0; s < 32; s++) {
        volatile int shift = s;
        volatile uint32_t w = 0x89abcdefu;
        volatile int32_t sw = (int32_t)0x89abcdefu;
        h32 = h32 * 16777619u ^ (w << shift) ^ (w >> shift) ^ (uint32_t)(sw >> shift);
    }
    printf("32-bit shift hash %08" PRIx32 "\n", h32);
}

static void wide_products(void)
{
    static const int64_t v[] = {0, 1, -1, 3, -3, INT64_MAX, INT64_MIN, 0x123456789abcdefll, -0x0fedcba987654321ll};
    for (size_t i = 0; i < sizeof v / sizeof v[0]; i += 2)
        for (size_t j = 1; j < sizeof v / sizeof v[0]; j += 3) {
            volatile int64_t a = v[i], b = v[j];
            __int128 s = (__int128)a * b;
            unsigned __int128 u = (unsigned __int128)(uint64_t)a * (uint64_t)b;
            __int128 su = (__int128)a * (__int128)(uint64_t)b;   /* mulhsu */
            printf("%016" PRIx64 " * %016" PRIx64 ": mul %016" PRIx64 " mulh %016" PRIx64
                   " mulhu %016" PRIx64 " mulhsu %016" PRIx64 "\n", (uint64_t)a, (uint64_t)b,
                   (uint64_t)s, (uint64_t)(s >> 64), (uint64_t)(u >> 64), (uint64_t)((unsigned __int128)su >> 64));
        }
    volatile unsigned __int128 big = ((unsigned __int128)0xffffffffffffffffu << 64) | 0xfffffffffffffffbu;
    volatile unsigned __int128 div = 1000000007u;
    unsigned __int128 q = big / div, r = big % div;
    printf("u128 / 1000000007 = %016" PRIx64 "%016" PRIx64 " rem %" PRIu64 "\n",
           (uint64_t)(q >> 64), (uint64_t)q, (uint64_t)r);
    volatile int32_t m32a = INT32_MIN, m32b = -1;
    printf("mulw-style: %d * %d as int64 = %" PRId64 ", low 32 = %d\n", m32a, m32b, (int64_t)m32a * m32b,
           (int32_t)(uint32_t)((int64_t)m32a * m32b));
}

static void conversions(void)
{
    volatile int64_t x = 0x1234567887654321ll;
    volatile int64_t n = -2;
    volatile uint32_t u = 0xfffffff0u;
    printf("narrow: i32 %d u16 %u i8 %d u8 %u\n", (int32_t)x, (uint16_t)x, (int8_t)x, (uint8_t)x);
    printf("widen: %" PRId64 " %" PRIu64 " %" PRId64 " %" PRIu64 "\n", (int64_t)(int32_t)u, (uint64_t)u,
           (int64_t)n, (uint64_t)n);
    printf("int8 200 -> %d, uint8 -1 -> %u, int16 40000 -> %d\n", (int8_t)(200 + (int)n * 0),
           (uint8_t)(n + 1), (int16_t)(40000 + n * 0));
    volatile unsigned long long values[] = {1, 2, 0x80, 0xff00, 0x8000000000000000ull, 0x0000000100000000ull, UINT64_MAX, 0x00f0f0f0f0f0f0f0ull};
    for (size_t i = 0; i < sizeof values / sizeof values[0]; i++) {
        unsigned long long v = values[i];
        printf("bits %016llx: clz %2d ctz %2d popcount %2d parity %d clz32 %2d ctz32 %2d\n", v,
               __builtin_clzll(v), __builtin_ctzll(v), __builtin_popcountll(v), __builtin_parityll(v),
               (uint32_t)v ? __builtin_clz((uint32_t)v) : 32, (uint32_t)v ? __builtin_ctz((uint32_t)v) : 32);
    }
    printf("bswap64 %016" PRIx64 " bswap32 %08" PRIx32 "\n", __builtin_bswap64(x), __builtin_bswap32((uint32_t)x));
}

static void parsing(void)
{
    static const struct { const char *text; int base; } cases[] = {
        {"0", 10}, {"  +42abc", 10}, {"-0x1fz", 16}, {"0x1f", 0}, {"0755", 0}, {"0b101", 0},
        {"9223372036854775807", 10}, {"9223372036854775808", 10}, {"-9223372036854775808", 10},
        {"-9223372036854775809", 10}, {"18446744073709551615", 10}, {"18446744073709551616", 10},
        {"-1", 10}, {"zz", 36}, {"ZZ", 36}, {"0x", 16}, {"", 10}, {"   ", 10}, {"12", 1}, {"12", 37},
        {"99999999999999999999999", 10}, {"-", 10}, {"7fffffff", 16}, {"-80000000", 16},
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        const char *t = cases[i].text;
        int base = cases[i].base;
        char *end = NULL;   /* glibc leaves it alone for an invalid base */
        errno = 0;
        long l = strtol(t, &end, base);
        int el = errno;
        long used_l = end ? end - t : -1;
        end = NULL;
        errno = 0;
        unsigned long long ull = strtoull(t, &end, base);
        int eu = errno;
        long used_u = end ? end - t : -1;
        errno = 0;
        unsigned long ul = strtoul(t, &end, base);
        int eul = errno;
        printf("[%s] base %2d: strtol %" PRId64 " (%s, used %ld) strtoull %llu (%s, used %ld) strtoul %lu (%s)\n",
               t, base, (int64_t)l, errno_name(el), used_l, ull, errno_name(eu), used_u, ul, errno_name(eul));
    }
    errno = 0;
    long long ll = strtoll("-9223372036854775809", NULL, 10);
    printf("strtoll underflow: %lld %s\n", ll, errno_name(errno));
    printf("atoi(\"  -123x\") = %d, atol(\"2147483648\") = %ld\n", atoi("  -123x"), atol("2147483648"));
    errno = 0;
    printf("strtoimax(\"-42\") = %" PRIdMAX ", strtoumax(\"0xFFFF\", 16) = %" PRIuMAX " %s\n",
           strtoimax("-42", NULL, 10), strtoumax("0xFFFF", NULL, 16), errno_name(errno));
}

int main(void)
{
    division();
    wrap_and_shift();
    wide_products();
    conversions();
    parsing();
    return 0;
}
