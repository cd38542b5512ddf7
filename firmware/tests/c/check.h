/*
 * Helpers for the C test programs: every check prints its value (so NAME.expected pins the exact
 * output) and counts a failure when the value is not the one the test expects (so the exit status
 * alone already tells pass/fail). End main with `return check_done();`.
 */
#ifndef RVGEM_CHECK_H
#define RVGEM_CHECK_H

#include <inttypes.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

static int check_failures;
static int check_count;

static inline void check_u64(int line, const char *name, uint64_t got, uint64_t want)
{
    check_count++;
    printf("%-36s 0x%016" PRIx64 "\n", name, got);
    if (got != want) {
        check_failures++;
        printf("  FAILED (line %d): expected 0x%016" PRIx64 "\n", line, want);
    }
}

/* A check that prints only on failure (loops over many values). */
static inline void check_quiet(int line, const char *name, uint64_t got, uint64_t want)
{
    check_count++;
    if (got != want) {
        check_failures++;
        printf("  FAILED (line %d): %s = 0x%016" PRIx64 ", expected 0x%016" PRIx64 "\n", line, name, got, want);
    }
}

static inline void check_str(int line, const char *name, const char *got, const char *want)
{
    check_count++;
    printf("%-36s \"%s\"\n", name, got);
    if (strcmp(got, want) != 0) {
        check_failures++;
        printf("  FAILED (line %d): expected \"%s\"\n", line, want);
    }
}

#define CHECK(name, got, want) check_u64(__LINE__, name, (uint64_t)(got), (uint64_t)(want))
#define CHECK_QUIET(name, got, want) check_quiet(__LINE__, name, (uint64_t)(got), (uint64_t)(want))
#define CHECK_STR(name, got, want) check_str(__LINE__, name, got, want)
#define CHECK_TRUE(name, condition) check_quiet(__LINE__, name, (uint64_t)!!(condition), 1)

static inline int check_done(void)
{
    if (check_failures) {
        printf("%d of %d checks FAILED\n", check_failures, check_count);
        return 1;
    }
    printf("all %d checks passed\n", check_count);
    return 0;
}

#endif
