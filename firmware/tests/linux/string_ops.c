/* glibc's string routines at every small alignment and length (0..300): memcpy, memmove (both
   overlap directions), memset, memcmp (sign of the result), strlen, strnlen, strchr, strrchr,
   memchr, strcmp/strncmp, strstr, strcpy/strncpy/strcat, strspn/strcspn, strtok_r, strdup. Every
   result is folded into a checksum per function; a few samples are printed in full. */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define SIZE 640
static unsigned char src[SIZE], dst[SIZE];

static uint64_t mix(uint64_t h, uint64_t v)
{
    return (h ^ v) * 0x100000001b3u;
}

static uint64_t hash_buffer(uint64_t h, const unsigned char *p, size_t n)
{
    for (size_t i = 0; i < n; i++) h = mix(h, p[i]);
    return h;
}

static int sign(int v)
{
    return (v > 0) - (v < 0);
}

static void fill(unsigned char *p, size_t n, unsigned seed)
{
    for (size_t i = 0; i < n; i++) {
        seed = seed * 1103515245u + 12345u;
        p[i] = (unsigned char)(1 + (seed >> 16) % 255);   /* never 0: usable as a string */
    }
}

int main(void)
{
    /* uint16_t: a known range keeps GCC from warning about wrapped sizes */
    static const uint16_t lengths[] = {0, 1, 2, 3, 4, 5, 7, 8, 9, 15, 16, 17, 31, 32, 33, 63, 64, 65, 100, 127, 128, 129, 255, 256, 257, 300};
    enum { NLEN = sizeof lengths / sizeof lengths[0] };
    uint64_t h_cpy = 0, h_move_fwd = 0, h_move_back = 0, h_set = 0, h_cmp = 0, h_len = 0, h_chr = 0, h_str = 0;

    for (size_t sa = 0; sa < 8; sa++)
        for (size_t da = 0; da < 8; da++)
            for (size_t k = 0; k < NLEN; k++) {
                size_t n = lengths[k];
                size_t span = n + 32;   /* everything the operations below touch */
                fill(src, span, (unsigned)(sa * 131 + k));
                memset(dst, 0xee, SIZE);
                memcpy(dst + da, src + sa, n);
                h_cpy = hash_buffer(h_cpy, dst, da + n + 8);

                /* memmove within one buffer, both directions */
                fill(dst, span, (unsigned)k);
                memmove(dst + da + 3, dst + sa, n);
                h_move_fwd = hash_buffer(h_move_fwd, dst, n + 16);
                fill(dst, span, (unsigned)k);
                memmove(dst + sa, dst + da + 5, n);
                h_move_back = hash_buffer(h_move_back, dst, n + 16);

                memset(dst, 0, SIZE);
                memset(dst + da, (int)(0x80 + sa), n);
                h_set = hash_buffer(h_set, dst, da + n + 8);

                /* memcmp: equal, then one differing byte at the end, middle and start */
                memcpy(dst + da, src + sa, n);
                h_cmp = mix(h_cmp, (uint64_t)sign(memcmp(dst + da, src + sa, n)) + 1);
                if (n) {
                    size_t at[] = {n - 1, n / 2, 0};
                    for (int j = 0; j < 3; j++) {
                        dst[da + at[j]] ^= 0x81;
                        h_cmp = mix(h_cmp, (uint64_t)(sign(memcmp(dst + da, src + sa, n)) + 1));
                        h_cmp = mix(h_cmp, (uint64_t)(sign(memcmp(src + sa, dst + da, n)) + 1));
                        dst[da + at[j]] ^= 0x81;
                    }
                }

                /* C strings: terminate at n, search for a byte placed near the end */
                memcpy(dst + da, src + sa, n);
                dst[da + n] = 0;
                char *s = (char *)dst + da;
                h_len = mix(h_len, strlen(s));
                h_len = mix(h_len, strnlen(s, n / 2));
                if (n > 2) {
                    s[n - 2] = '#';
                    char *c = strchr(s, '#'), *r = strrchr(s, s[0]), *m = memchr(s, '#', n);
                    h_chr = mix(h_chr, (uint64_t)(c ? c - s : -1));
                    h_chr = mix(h_chr, (uint64_t)(r ? r - s : -1));
                    h_chr = mix(h_chr, (uint64_t)(m ? m - s : -1));
                    h_chr = mix(h_chr, strchr(s, '\0') == s + n);
                    h_chr = mix(h_chr, strchr(s, 0x7f01) != NULL);   /* converted to char 0x01 */
                }
                h_chr = mix(h_chr, memchr(s, 0, n) != NULL);
                if (n >= 4) {
                    char needle[5];
                    memcpy(needle, s + n - 4, 4);
                    needle[4] = 0;
                    char *f = strstr(s, needle);
                    h_str = mix(h_str, (uint64_t)(f ? f - s : -1));
                    needle[3] ^= 0x40;
                    f = strstr(s, needle);
                    h_str = mix(h_str, (uint64_t)(f ? f - s : -1));
                }
                h_str = mix(h_str, (uint64_t)(sign(strcmp(s, (char *)src + sa)) + 1));
                h_str = mix(h_str, (uint64_t)(sign(strncmp(s, (char *)src + sa, n)) + 1));
            }
    printf("memcpy      %016llx\n", (unsigned long long)h_cpy);
    printf("memmove fwd %016llx\n", (unsigned long long)h_move_fwd);
    printf("memmove bwd %016llx\n", (unsigned long long)h_move_back);
    printf("memset      %016llx\n", (unsigned long long)h_set);
    printf("memcmp      %016llx\n", (unsigned long long)h_cmp);
    printf("strlen      %016llx\n", (unsigned long long)h_len);
    printf("strchr etc  %016llx\n", (unsigned long long)h_chr);
    printf("strstr/cmp  %016llx\n", (unsigned long long)h_str);

    /* samples in full */
    char buf[128] = "0123456789abcdefghij";
    memmove(buf + 3, buf, 10);
    printf("memmove overlap up:   %s\n", buf);
    memmove(buf, buf + 5, 10);
    printf("memmove overlap down: %s\n", buf);
    printf("memcmp signs: %d %d %d\n", sign(memcmp("abc", "abd", 3)), sign(memcmp("\xff", "\x01", 1)), memcmp("x", "y", 0));
    printf("strcmp signs: %d %d %d\n", sign(strcmp("apple", "apples")), sign(strcmp("b", "a")), strcmp("same", "same"));
    printf("strstr: [%s] [%s] [%s]\n", strstr("hello world, hello moon", "hello m"), strstr("abc", ""),
           strstr("aaaaaaaaab", "aaab") ? "found" : "none");
    printf("strspn %zu strcspn %zu\n", strspn("  \t  indent", " \t"), strcspn("key=value;rest", "=;"));

    char copy[64];
    strcpy(copy, "first");
    strcat(copy, "+second");
    volatile size_t six = 6;   /* not a constant: no truncation warning */
    strncat(copy, "+third-and-more", six);
    printf("strcpy/strcat/strncat: %s (%zu)\n", copy, strlen(copy));
    memset(copy, 'Z', sizeof copy);
    strncpy(copy, "pad", 8);
    printf("strncpy pads with zeros: %d %d %d %c\n", copy[3], copy[6], copy[7], copy[8]);

    char line[] = "  alpha,beta;;gamma , delta,,epsilon  ";
    char *save = NULL;
    int count = 0;
    for (char *tok = strtok_r(line, ",; ", &save); tok; tok = strtok_r(NULL, ",; ", &save))
        printf("token %d: [%s]\n", count++, tok);
    char *dup = strdup("duplicated string");
    char *ndup = strndup("truncated duplicate", 9);
    printf("strdup [%s] strndup [%s]\n", dup, ndup);
    free(dup);
    free(ndup);
    return 0;
}
