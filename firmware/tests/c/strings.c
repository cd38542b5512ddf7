/* memcpy/memmove/memset/memcmp and the str* functions, at every small alignment and length
   (picolibc's word-at-a-time and byte loops, unaligned heads and tails). */
#include <ctype.h>
#include <stdlib.h>

#include "check.h"

static unsigned char src[128], dst[128], ref[128];

static void fill(unsigned char *p, size_t n, unsigned seed)
{
    for (size_t i = 0; i < n; i++)
        p[i] = (unsigned char)(seed + i * 7 + (i >> 3));
}

int main(void)
{
    int bad = 0;
    for (size_t so = 0; so < 8; so++)
        for (size_t d = 0; d < 8; d++)
            for (size_t n = 0; n < 80; n += (n < 20 ? 1 : 7)) {
                fill(src, so + n, (unsigned)(so + n));
                memset(dst, 0xee, sizeof dst);
                memset(ref, 0xee, sizeof ref);
                for (size_t i = 0; i < n; i++)
                    ref[d + i] = src[so + i];
                memcpy(dst + d, src + so, n);
                bad += memcmp(dst, ref, sizeof dst) != 0;
            }
    CHECK("memcpy alignments x lengths, bad", bad, 0);

    bad = 0;
    for (size_t off = 0; off < 8; off++)
        for (size_t n = 0; n < 70; n++) {
            memset(dst, 0x11, sizeof dst);
            memset(dst + off, 0xa5, n);
            for (size_t i = 0; i < 100; i++)
                bad += dst[i] != ((i >= off && i < off + n) ? 0xa5 : 0x11);
        }
    CHECK("memset alignments x lengths, bad", bad, 0);

    bad = 0;
    for (int shift = -9; shift <= 9; shift++)
        for (size_t n = 1; n < 40; n += 3) {
            fill(dst, sizeof dst, 3);
            memcpy(ref, dst, sizeof ref);
            memmove(dst + 64 + shift, dst + 64, n);
            for (size_t i = 0; i < n; i++)      /* reference: copy through a temporary */
                src[i] = ref[64 + i];
            for (size_t i = 0; i < n; i++)
                ref[64 + shift + i] = src[i];
            bad += memcmp(dst, ref, sizeof dst) != 0;
        }
    CHECK("memmove overlapping, bad", bad, 0);

    char a[32] = "abcdefgh", b[32] = "abcdefgi";
    CHECK("memcmp <", memcmp(a, b, 8) < 0, 1);
    CHECK("memcmp = (7)", memcmp(a, b, 7), 0);
    b[7] = (char)0xf0;                      /* compares as unsigned char */
    CHECK("memcmp unsigned", memcmp(a, b, 8) < 0, 1);

    CHECK("strlen", strlen("hello, world"), 12);
    CHECK("strlen empty", strlen(""), 0);
    bad = 0;
    for (size_t off = 0; off < 8; off++)
        for (size_t n = 0; n < 40; n++) {
            memset(dst, 'x', sizeof dst);
            dst[off + n] = 0;
            bad += strlen((char *)dst + off) != n;
        }
    CHECK("strlen alignments x lengths, bad", bad, 0);

    CHECK("strcmp eq", strcmp("same", "same"), 0);
    CHECK("strcmp lt", strcmp("abc", "abd") < 0, 1);
    CHECK("strcmp prefix", strcmp("ab", "abc") < 0, 1);
    CHECK("strncmp n", strncmp("abcX", "abcY", 3), 0);
    CHECK("strcasecmp", strcasecmp("RiScV", "riscv"), 0);

    char buf[64];
    strcpy(buf, "risc");
    strcat(buf, "-v");
    CHECK_STR("strcpy+strcat", buf, "risc-v");
    memset(buf, 'z', sizeof buf);
    strncpy(buf, "ab", 5);
    CHECK("strncpy pads with NULs", buf[2] == 0 && buf[3] == 0 && buf[4] == 0 && buf[5] == 'z', 1);
    CHECK("strchr", strchr("find the t", 't') - "find the t", 5);
    CHECK("strrchr", strrchr("find the t", 't') - "find the t", 9);
    CHECK("strchr NUL", *strchr("abc", 0), 0);
    CHECK("strchr missing", strchr("abc", 'z') == NULL, 1);
    const char *hay = "the quick brown fox jumps over the lazy dog";
    CHECK("strstr", strstr(hay, "fox") - hay, 16);
    CHECK("strstr missing", strstr(hay, "cat") == NULL, 1);
    CHECK("strspn", strspn("aaabbbccc", "ab"), 6);
    CHECK("strcspn", strcspn("hello world", " "), 5);

    char tok[] = "alpha,beta,,gamma";
    char *save, *t;
    int count = 0;
    buf[0] = 0;
    for (t = strtok_r(tok, ",", &save); t; t = strtok_r(NULL, ",", &save)) {
        count++;
        strcat(buf, t);
        strcat(buf, "|");
    }
    CHECK("strtok_r tokens", count, 3);
    CHECK_STR("strtok_r joined", buf, "alpha|beta|gamma|");

    char *end;
    CHECK("strtol dec", strtol("  -12345xyz", &end, 10), -12345);
    CHECK_STR("strtol end", end, "xyz");
    CHECK("strtol hex", strtol("0x7fffFFFF", NULL, 16), 0x7fffffff);
    CHECK("strtoll min", strtoll("-9223372036854775808", NULL, 10), 0x8000000000000000ull);
    CHECK("strtoull max", strtoull("18446744073709551615", NULL, 10), 0xffffffffffffffffull);
    CHECK("strtoul base 36", strtoul("zz", NULL, 36), 1295);
    CHECK("atoi", atoi("4096"), 4096);
    CHECK("toupper", toupper('q'), 'Q');
    CHECK("isdigit", isdigit('7') != 0 && isdigit('a') == 0, 1);

    char *copy = strdup("duplicated");
    CHECK_STR("strdup", copy, "duplicated");
    free(copy);
    return check_done();
}
