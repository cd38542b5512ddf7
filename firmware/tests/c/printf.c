/* printf-family formatting (integers, strings, chars, widths, precisions, flags, length modifiers)
   through snprintf checks and plain printf lines. No floating point yet (F/D arrive later). */
/* deliberate truncation and a NULL %s below */
#pragma GCC diagnostic ignored "-Wformat-truncation"
#pragma GCC diagnostic ignored "-Wformat-overflow"

#include <limits.h>
#include <stddef.h>

#include "check.h"

static char buf[256];

#define FMT(expected, ...) do { int n_ = snprintf(buf, sizeof buf, __VA_ARGS__); \
    CHECK_STR(#__VA_ARGS__, buf, expected); CHECK_QUIET("snprintf length", n_, strlen(expected)); } while (0)

int main(void)
{
    FMT("42", "%d", 42);
    FMT("-42", "%i", -42);
    FMT("4294967295", "%u", 0xffffffffu);
    FMT("-2147483648", "%d", INT_MIN);
    FMT("9223372036854775807", "%lld", LLONG_MAX);
    FMT("-9223372036854775808", "%lld", LLONG_MIN);
    FMT("18446744073709551615", "%llu", ULLONG_MAX);
    FMT("-9223372036854775808", "%" PRId64, INT64_MIN);
    FMT("deadbeef", "%x", 0xdeadbeefu);
    FMT("DEADBEEF", "%X", 0xdeadbeefu);
    FMT("0xff", "%#x", 255);
    FMT("0377", "%#o", 255);
    FMT("777", "%o", 511);
    FMT("ffffffffffffffff", "%llx", ULLONG_MAX);
    FMT("[   42]", "[%5d]", 42);
    FMT("[42   ]", "[%-5d]", 42);
    FMT("[00042]", "[%05d]", 42);
    FMT("[-0042]", "[%05d]", -42);
    FMT("[  +42]", "[%+5d]", 42);
    FMT("[ 42]", "[% d]", 42);
    FMT("[  007]", "[%5.3d]", 7);
    FMT("[]", "[%.0d]", 0);
    FMT("[    2a]", "[%*x]", 6, 42);
    FMT("[2a    ]", "[%-*x]", 6, 42);
    FMT("[0x002a]", "[%#06x]", 42);
    FMT("-128 255", "%hhd %hhu", (signed char)-128, (unsigned char)255);
    FMT("-32768 65535", "%hd %hu", (short)-32768, (unsigned short)65535);
    FMT("123456789012 4096", "%zu %td", (size_t)123456789012ull, (ptrdiff_t)4096);
    FMT("12345678901234", "%jd", (intmax_t)12345678901234ll);
    FMT("hello", "%s", "hello");
    FMT("[  abc]", "[%5s]", "abc");
    FMT("[abc  ]", "[%-5s]", "abc");
    FMT("[ab]", "[%.2s]", "abcdef");
    FMT("[   ab]", "[%5.2s]", "abcdef");
    FMT("x=A", "x=%c", 'A');
    FMT("[  Z]", "[%3c]", 'Z');
    FMT("100%", "100%%");
    FMT("a1b2c3", "%s%d%s%d%s%d", "a", 1, "b", 2, "c", 3);
    FMT("(null)", "%s", (char *)NULL);

    /* truncation: snprintf returns the length it would have written */
    char small[8];
    int n = snprintf(small, sizeof small, "%s", "truncated text");
    CHECK_STR("snprintf truncates", small, "truncat");
    CHECK("snprintf returns full length", n, 14);
    CHECK("snprintf(NULL, 0) length", snprintf(NULL, 0, "%d-%d", 1000, -1), 7);

    /* straight to stdout */
    printf("printf: %d %u %x %s %c %%\n", -1, 1u, 0xabcu, "str", '!');
    printf("printf: [%10s] [%-10s] [%010d]\n", "right", "left", -123456);
    printf("printf: %llx %llo %lld\n", 0x123456789abcdefull, 0777ull, -1ll);
    puts("puts: adds a newline");
    putchar('p');
    putchar('c');
    putchar('\n');
    fputs("fputs: no newline added", stdout);
    fputs(" ... until here\n", stdout);
    return check_done();
}
