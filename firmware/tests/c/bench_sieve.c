/* The test suite's tiny build of bench/sieve.c (small data, no counter lines); its output is
   pinned in bench_sieve.expected and equals what the same -DBENCH_TINY build prints natively. */
#define BENCH_TINY 1
#define BENCH_BAREMETAL 1
#include "../../bench/sieve.c"
