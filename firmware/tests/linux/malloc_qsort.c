/* glibc's allocator on top of brk and mmap: many small sizes, blocks > 128 KiB (mmap threshold),
   realloc growth and shrink with contents kept, calloc zeroing (also of recycled memory), then
   qsort/bsearch over ints, strings and structs. Data comes from a local LCG; only checksums and
   sorted samples are printed, never addresses. Comparators are total orders, so the result does not
   depend on which algorithm qsort picks (merge sort, or quicksort when memory is short). */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static uint64_t lcg_state = 0x2545f4914f6cdd1dull;
static uint32_t lcg(void)
{
    lcg_state = lcg_state * 6364136223846793005ull + 1442695040888963407ull;
    return (uint32_t)(lcg_state >> 33);
}

/* FNV-1a over 8-byte words (then the tail bytes): every byte counts, at an eighth of the cost */
static uint64_t checksum(const void *data, size_t n)
{
    const unsigned char *p = data;
    uint64_t h = 0xcbf29ce484222325u;
    size_t i = 0;
    for (; i + 8 <= n; i += 8) {
        uint64_t word;
        memcpy(&word, p + i, 8);
        h = (h ^ word) * 0x100000001b3u;
    }
    for (; i < n; i++)
        h = (h ^ p[i]) * 0x100000001b3u;
    return h;
}

static void *xmalloc(size_t n)
{
    void *p = malloc(n);
    if (!p) { printf("malloc(%zu) failed\n", n); exit(1); }
    return p;
}

static void allocator(void)
{
    enum { SLOTS = 256 };
    static unsigned char *slot[SLOTS];
    static size_t size[SLOTS];
    uint64_t sum = 0;
    /* churn: allocate, fill, verify and free at random; sizes up to 2 KiB plus some > 128 KiB (mmap),
       of which only every 509th byte is touched to keep the instruction count down */
    for (int round = 0; round < 2000; round++) {
        int i = lcg() % SLOTS;
        if (slot[i]) {
            size_t step = size[i] > 8192 ? 509 : 1;
            for (size_t j = 0; j < size[i]; j += step) {
                if (slot[i][j] != (unsigned char)(i + j)) { printf("corrupted slot %d\n", i); exit(1); }
                sum = (sum ^ slot[i][j]) * 0x100000001b3u;
            }
            free(slot[i]);
            slot[i] = NULL;
        } else {
            size[i] = (round % 97 == 0) ? 130000 + lcg() % 100000 : lcg() % 2048;
            slot[i] = xmalloc(size[i] ? size[i] : 1);
            size_t step = size[i] > 8192 ? 509 : 1;
            for (size_t j = 0; j < size[i]; j += step)
                slot[i][j] = (unsigned char)(i + j);
        }
    }
    for (int i = 0; i < SLOTS; i++)
        free(slot[i]);
    printf("churn checksum %016llx\n", (unsigned long long)sum);

    /* realloc: grow step by step (past the mmap threshold, so later steps are mremap), then shrink;
       contents must be kept. Before the big blocks: freeing those raises glibc's dynamic threshold. */
    size_t n = 16;
    unsigned char *r = xmalloc(n);
    for (size_t j = 0; j < n; j++) r[j] = (unsigned char)(j * 7);
    while (n < (1u << 19)) {
        size_t grown = n * 3;
        r = realloc(r, grown);
        if (!r) { puts("realloc failed"); return; }
        for (size_t j = n; j < grown; j++) r[j] = (unsigned char)(j * 7);
        n = grown;
    }
    printf("realloc grown to %zu: checksum %016llx\n", n, (unsigned long long)checksum(r, n));
    r = realloc(r, 1000);
    printf("realloc shrunk to 1000: checksum %016llx\n", (unsigned long long)checksum(r, 1000));
    r = realloc(r, 10);
    printf("realloc shrunk to 10: bytes %u %u %u\n", r[0], r[1], r[9]);
    free(r);

    /* big blocks: glibc serves them with mmap; write the first and last byte of every page */
    size_t big_sizes[] = {128 * 1024, 200 * 1024, 1 << 20, 3 * (1 << 20) + 17, 16 << 20};
    for (size_t k = 0; k < sizeof big_sizes / sizeof big_sizes[0]; k++) {
        size_t n = big_sizes[k];
        unsigned char *p = xmalloc(n);
        uint64_t s = 0;
        for (size_t j = 0; j < n; j += 4096) {
            p[j] = (unsigned char)(j >> 12);
            s += p[j];
        }
        p[n - 1] = 0x5a;
        printf("big %9zu bytes: page sum %llu, last %#x\n", n, (unsigned long long)s, p[n - 1]);
        free(p);
    }

    /* calloc must hand out zeros even when it recycles dirty memory */
    for (int k = 0; k < 3; k++) {
        size_t count = k == 2 ? 20000 : 100, each = k == 2 ? 8 : 24;
        unsigned char *dirty = xmalloc(count * each);
        memset(dirty, 0xff, count * each);
        free(dirty);
        unsigned char *z = calloc(count, each);
        size_t nonzero = 0;
        for (size_t j = 0; j < count * each; j++) nonzero += z[j] != 0;
        printf("calloc(%zu, %zu): nonzero bytes %zu\n", count, each, nonzero);
        free(z);
    }
    void *huge = malloc(SIZE_MAX / 2);
    printf("malloc(SIZE_MAX/2) fails: %s\n", huge == NULL ? "yes" : "no");
    free(huge);
}

static int cmp_int(const void *a, const void *b)
{
    int x = *(const int *)a, y = *(const int *)b;
    return (x > y) - (x < y);
}

static int cmp_str(const void *a, const void *b)
{
    return strcmp(*(char *const *)a, *(char *const *)b);
}

struct record { int key; unsigned id; char name[12]; };

static int cmp_record(const void *a, const void *b)
{
    const struct record *x = a, *y = b;
    if (x->key != y->key) return (x->key > y->key) - (x->key < y->key);
    return (x->id > y->id) - (x->id < y->id);
}

static void sorting(void)
{
    enum { N = 10000 };
    int *v = xmalloc(N * sizeof *v);
    for (int i = 0; i < N; i++) v[i] = (int)(lcg() % 200001) - 100000;
    qsort(v, N, sizeof *v, cmp_int);
    int sorted = 1;
    for (int i = 1; i < N; i++) sorted &= v[i - 1] <= v[i];
    printf("ints: sorted %s, min %d, median %d, max %d, checksum %016llx\n", sorted ? "yes" : "no",
           v[0], v[N / 2], v[N - 1], (unsigned long long)checksum(v, N * sizeof *v));
    int keys[] = {v[0], v[1234], v[N - 1], 100001, -100001, 0};
    for (size_t k = 0; k < sizeof keys / sizeof keys[0]; k++) {
        int *hit = bsearch(&keys[k], v, N, sizeof *v, cmp_int);
        printf("  bsearch %7d: %s\n", keys[k], hit ? (*hit == keys[k] ? "found" : "WRONG") : "absent");
    }
    free(v);

    enum { S = 500 };
    char **strs = xmalloc(S * sizeof *strs);
    for (int i = 0; i < S; i++) {
        int len = 1 + lcg() % 10;
        strs[i] = xmalloc(len + 1);
        for (int j = 0; j < len; j++) strs[i][j] = (char)('a' + lcg() % 4);
        strs[i][len] = 0;
    }
    qsort(strs, S, sizeof *strs, cmp_str);
    printf("strings: first [%s] [%s] [%s], last [%s]\n", strs[0], strs[1], strs[2], strs[S - 1]);
    uint64_t h = 0;
    for (int i = 0; i < S; i++) h = h * 31 + checksum(strs[i], strlen(strs[i]));
    printf("strings checksum %016llx\n", (unsigned long long)h);
    const char *probe = strs[S / 3];
    char **found = bsearch(&probe, strs, S, sizeof *strs, cmp_str);
    printf("bsearch [%s]: %s\n", probe, found && strcmp(*found, probe) == 0 ? "found" : "missing");
    for (int i = 0; i < S; i++) free(strs[i]);
    free(strs);

    enum { R = 3000 };
    struct record *rec = calloc(R, sizeof *rec);   /* zeroed: name bytes after the NUL are hashed too */
    if (!rec) return;
    for (int i = 0; i < R; i++) {
        rec[i].key = lcg() % 50;
        rec[i].id = (unsigned)i;
        snprintf(rec[i].name, sizeof rec[i].name, "r%05u", lcg() % 100000);
    }
    qsort(rec, R, sizeof *rec, cmp_record);
    for (int i = 0; i < R; i += 600)
        printf("  record[%4d] key %2d id %4u name %s\n", i, rec[i].key, rec[i].id, rec[i].name);
    printf("records checksum %016llx\n", (unsigned long long)checksum(rec, R * sizeof *rec));
    struct record want = {.key = rec[R / 2].key, .id = rec[R / 2].id};
    struct record *hit = bsearch(&want, rec, R, sizeof *rec, cmp_record);
    printf("bsearch record: %s\n", hit ? hit->name : "missing");
    free(rec);
}

int main(void)
{
    allocator();
    sorting();
    return 0;
}
