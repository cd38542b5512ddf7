/* Clocks and sleeping: clock_gettime (CLOCK_MONOTONIC, CLOCK_REALTIME, CLOCK_PROCESS_CPUTIME_ID,
   CLOCK_MONOTONIC_COARSE, CLOCK_BOOTTIME), clock_getres, gettimeofday, time(), nanosleep of 20 ms,
   clock_nanosleep, clock(). The values are the host's, so only yes/no facts about them are printed. */
#include <errno.h>
#include <stdint.h>
#include <stdio.h>
#include <sys/time.h>
#include <time.h>

static int64_t ns(struct timespec t)
{
    return (int64_t)t.tv_sec * 1000000000 + t.tv_nsec;
}

static const char *yes(int condition)
{
    return condition ? "yes" : "no";
}

static void check_clock(const char *name, clockid_t id)
{
    struct timespec a, b, res;
    int ra = clock_gettime(id, &a);
    int rb = clock_gettime(id, &b);
    int rr = clock_getres(id, &res);
    printf("%-24s gettime ok: %s, nsec in range: %s, non-decreasing: %s, resolution <= 10ms: %s\n", name,
           yes(ra == 0 && rb == 0), yes(a.tv_nsec >= 0 && a.tv_nsec < 1000000000 && b.tv_nsec < 1000000000),
           yes(ns(b) >= ns(a)), yes(rr == 0 && res.tv_sec == 0 && res.tv_nsec > 0 && res.tv_nsec <= 10000000));
}

int main(void)
{
    check_clock("CLOCK_REALTIME", CLOCK_REALTIME);
    check_clock("CLOCK_MONOTONIC", CLOCK_MONOTONIC);
    check_clock("CLOCK_PROCESS_CPUTIME_ID", CLOCK_PROCESS_CPUTIME_ID);
    check_clock("CLOCK_MONOTONIC_COARSE", CLOCK_MONOTONIC_COARSE);
    check_clock("CLOCK_BOOTTIME", CLOCK_BOOTTIME);

    struct timespec real, mono_before, mono_after;
    clock_gettime(CLOCK_REALTIME, &real);
    /* 2020-01-01T00:00:00Z and 2100-01-01 */
    printf("realtime after 2020: %s, before 2100: %s\n", yes(real.tv_sec > 1577836800), yes(real.tv_sec < 4102444800));

    struct timeval tv;
    int r = gettimeofday(&tv, NULL);
    time_t t = time(NULL);
    time_t t2;
    time(&t2);
    printf("gettimeofday ok: %s, usec in range: %s, agrees with realtime (within 5 s): %s\n", yes(r == 0),
           yes(tv.tv_usec >= 0 && tv.tv_usec < 1000000), yes(tv.tv_sec >= real.tv_sec && tv.tv_sec - real.tv_sec < 5));
    /* time() reads CLOCK_REALTIME_COARSE, which may lag the fine clock by a tick: allow 1 s behind. */
    printf("time() agrees with gettimeofday: %s, time(&t) stores the same: %s\n",
           yes(t + 1 >= tv.tv_sec && t - tv.tv_sec < 5), yes(t2 >= t && t2 - t < 5));

    clock_gettime(CLOCK_MONOTONIC, &mono_before);
    struct timespec want = {0, 20 * 1000000}, left = {-1, -1};
    r = nanosleep(&want, &left);
    clock_gettime(CLOCK_MONOTONIC, &mono_after);
    int64_t slept = ns(mono_after) - ns(mono_before);
    printf("nanosleep(20ms) returned 0: %s, slept at least 20ms: %s, less than 5s: %s\n", yes(r == 0),
           yes(slept >= 20000000), yes(slept < 5000000000));

    clock_gettime(CLOCK_MONOTONIC, &mono_before);
    struct timespec deadline = mono_before;
    deadline.tv_nsec += 15 * 1000000;
    if (deadline.tv_nsec >= 1000000000) {
        deadline.tv_nsec -= 1000000000;
        deadline.tv_sec += 1;
    }
    r = clock_nanosleep(CLOCK_MONOTONIC, TIMER_ABSTIME, &deadline, NULL);
    clock_gettime(CLOCK_MONOTONIC, &mono_after);
    printf("clock_nanosleep(absolute +15ms) returned 0: %s, reached the deadline: %s\n", yes(r == 0),
           yes(ns(mono_after) >= ns(deadline)));
    struct timespec relative = {0, 5 * 1000000};
    r = clock_nanosleep(CLOCK_REALTIME, 0, &relative, NULL);
    printf("clock_nanosleep(relative 5ms) returned 0: %s\n", yes(r == 0));
    struct timespec bad = {0, 1000000000};
    errno = 0;
    r = nanosleep(&bad, NULL);
    printf("nanosleep with tv_nsec = 1e9 fails with EINVAL: %s\n", yes(r == -1 && errno == EINVAL));

    volatile double sink = 0;
    clock_t c0 = clock();
    for (int i = 0; i < 200000; i++) sink = sink + i * 0.5;
    clock_t c1 = clock();
    printf("clock() non-negative: %s, non-decreasing: %s, CLOCKS_PER_SEC %ld\n", yes(c0 >= 0 && c1 >= 0),
           yes(c1 >= c0), (long)CLOCKS_PER_SEC);

    /* no gmtime/localtime/strftime here: glibc's first call of any of them runs tzset(), which
       reads the host's /etc/localtime (with TZ unset) */
    return 0;
}
