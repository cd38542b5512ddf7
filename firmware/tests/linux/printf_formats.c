/* Formatted output through glibc's stdio: integer widths/flags/length modifiers, %c and %s with
   precision, %e/%f/%g/%a of awkward doubles (0.1, 1e300, denormals, -0.0, inf, nan), snprintf's
   truncation return values, fputs/putchar/puts, and stderr writes between stdout lines.
   stdout is made line-buffered so every line is its own write(); stderr is unbuffered. */
#include <float.h>
#include <inttypes.h>
#include <limits.h>
#include <math.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

static void integers(void)
{
    printf("[%d] [%5d] [%-5d] [%05d] [%+d] [% d] [%+05d]\n", 42, 42, 42, 42, 42, 42, -42);
    printf("[%i] [%d] [%d]\n", INT_MIN, INT_MAX, -1);
    printf("[%u] [%x] [%X] [%o] [%#x] [%#X] [%#o] [%#x]\n", UINT_MAX, 0xdeadbeefu, 0xdeadbeefu, 8u, 255u, 255u, 8u, 0u);
    printf("[%hhd] [%hhu] [%hd] [%hu] [%hhx]\n", (signed char)-128, (unsigned char)255, (short)-32768, (unsigned short)65535, (unsigned char)0xab);
    printf("[%ld] [%lu] [%lx]\n", LONG_MIN, ULONG_MAX, (unsigned long)LONG_MAX);
    printf("[%lld] [%llu] [%llo]\n", LLONG_MIN, ULLONG_MAX, ULLONG_MAX);
    printf("[%zu] [%zd] [%zx] [%td]\n", (size_t)SIZE_MAX, (ptrdiff_t)-5, sizeof(long double), (ptrdiff_t)PTRDIFF_MIN);
    printf("[%jd] [%ju]\n", INTMAX_MIN, UINTMAX_MAX);
    printf("[%" PRId8 "] [%" PRIu16 "] [%" PRIx32 "] [%" PRId64 "] [%" PRIu64 "]\n",
           INT8_MIN, UINT16_MAX, UINT32_MAX, INT64_MIN, UINT64_MAX);
    printf("[%.0d] [%.3d] [%8.3d] [%-8.3d|] [%.0x]\n", 0, 7, -7, 7, 0u);
    printf("[%*d] [%-*d] [%.*d] [%*.*d]\n", 6, 12, 6, 12, 4, 12, 7, 5, -12);
    printf("[%'d] [%%] [100%%]\n", 1234567);
}

static void chars_and_strings(void)
{
    const char *s = "hello, world";
    printf("[%c] [%3c] [%-3c] [%c]\n", 'A', 'b', 'c', 0x7e);
    printf("[%s] [%.5s] [%10.3s] [%-10.3s] [%.0s] [%.*s]\n", s, s, s, s, s, 4, s);
    printf("[%20s] [%-20s]\n", s, s);
    printf("[%s]\n", "");
}

static void doubles(void)
{
    volatile double zero = 0.0;
    const double values[] = {
        0.1, 1.0 / 3.0, 1e300, -1e-300, DBL_MIN, DBL_MIN / 4.0, 4.9406564584124654e-324, DBL_MAX,
        -0.0, 0.0, 1.0 / zero, -1.0 / zero, zero / zero, 123456789.0, 2.5, 0.5, 1.5, 1e-5, 1e16, 9.9999e-5,
    };
    for (size_t i = 0; i < sizeof values / sizeof values[0]; i++) {
        double v = values[i];
        printf("%2zu: %e | %.3f | %g | %.17g | %a\n", i, v, v, v, v, v);
    }
    printf("[%10.2f] [%-10.2f|] [%+.1e] [%010.3f] [%#.0f] [%#g] [%G] [%E] [%A]\n",
           3.14159, 3.14159, 12345.678, -2.5, 2.0, 1.0, 1e-20, 6.02e23, 1.0);
    printf("[%.0f] [%.0f] [%.0f] [%.0f] [%.1f] [%.2f]\n", 0.5, 1.5, 2.5, -0.5, 0.05, 1.005);
    printf("[%.40f]\n", 0.1);
    printf("[%f] [%F] [%e] [%g] [%5.1f]\n", 1.0 / zero, -1.0 / zero, zero / zero, -(zero / zero), 1.0 / zero);
    float f = 16777217.0f;
    printf("[%f] [%a] [%.9g]\n", (double)f, (double)0.1f, (double)FLT_MAX);
    long double ld = 1.0L / 3.0L;
    printf("[%.30Lf] [%La] [%Lg]\n", ld, ld, LDBL_MAX);
}

static void snprintf_truncation(void)
{
    /* sizes through volatile so GCC neither warns about nor folds the truncation */
    volatile size_t size16 = 16, size1 = 1, size6 = 6, size0 = 0;
    char buf[16];
    int n = snprintf(buf, size16, "%s-%d", "abcdefghijklmnop", 12345);
    printf("snprintf 16: returned %d, buf=[%s] strlen=%zu\n", n, buf, strlen(buf));
    memset(buf, 'x', sizeof buf);
    n = snprintf(buf, size1, "anything");
    printf("snprintf 1: returned %d, buf[0]=%d\n", n, buf[0]);
    n = snprintf(buf, size0, "%08.3f|%lld", -3.5, LLONG_MIN);
    printf("snprintf size 0: returned %d, buf[0] untouched: %c\n", n, buf[0] == 0 ? 'y' : 'n');
    n = snprintf(buf, size6, "%d", 1234567);
    printf("snprintf 6: returned %d, buf=[%s]\n", n, buf);
    n = snprintf(buf, size16, "%s", "exactly15chars!");
    printf("snprintf exact: returned %d, buf=[%s]\n", n, buf);
}

int main(void)
{
    setvbuf(stdout, NULL, _IOLBF, 0);
    fprintf(stderr, "stderr: starting\n");
    integers();
    fprintf(stderr, "stderr: integers done, %d%s\n", 3, "x");
    chars_and_strings();
    doubles();
    fprintf(stderr, "stderr: doubles %.3e %a\n", 1e-310, -0.0);
    snprintf_truncation();

    fputs("fputs without newline|", stdout);
    putchar('p');
    putchar('\n');
    puts("puts adds a newline");
    fputs("fputs to stderr\n", stderr);
    fputc('!', stderr);
    fputc('\n', stderr);
    int n = printf("%s %d\n", "printf returns", 17);
    printf("printf returned %d\n", n);
    n = fprintf(stderr, "%-8s|\n", "err");
    printf("fprintf(stderr) returned %d\n", n);
    fputs("last line without newline", stdout);
    return 0;
}
