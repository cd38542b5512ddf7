/* The test suite's tiny build of bench/sorthash.c (small data, no counter lines); its output is
   pinned in bench_sorthash.expected and equals what the same -DBENCH_TINY build prints natively. */
#define BENCH_TINY 1
#define BENCH_BAREMETAL 1
#include "../../bench/sorthash.c"
