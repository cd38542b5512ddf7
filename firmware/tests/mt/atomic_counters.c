// harts: 1 2 4 8
/* Every hart hits shared counters with every AMO (.w and .d, inline asm); hart 0 checks the totals
   against what hart_count() harts must produce. Output is independent of the hart count. */
#include <stdint.h>
#include <stdio.h>

#include "rvgem_mt.h"

#define ITERS 1000

#define AMO(insn, ptr, val) ({ __typeof__(*(ptr)) old_; \
    __asm__ volatile (insn " %0, %2, (%1)" : "=r"(old_) : "r"(ptr), "r"(val) : "memory"); old_; })

static int32_t add_w, xor_w, or_w, and_w = -1, min_w, max_w = INT32_MIN, swap_w;
static uint32_t minu_w = UINT32_MAX, maxu_w;
static int64_t add_d, xor_d, or_d, and_d = -1, min_d, max_d = INT64_MIN, swap_d;
static uint64_t minu_d = UINT64_MAX, maxu_d;
static int32_t ticket_w; static int64_t ticket_d;           /* amoadd by 1: returned olds are a permutation */
static int64_t old_sum_w, old_sum_d;          /* sums of the olds returned by the ticket AMOs */
static int64_t swap_in_w, swap_out_w, swap_in_d, swap_out_d;

static void work(unsigned h, void *arg)
{
    (void)arg;
    int64_t sum_w = 0, sum_d = 0, in_w = 0, out_w = 0, in_d = 0, out_d = 0;
    for (int i = 0; i < ITERS; i++) {
        AMO("amoadd.w", &add_w, (int32_t)(h + 1));
        AMO("amoadd.d.aqrl", &add_d, (int64_t)0x100000001LL * (h + 1));
        sum_w += AMO("amoadd.w.aq", &ticket_w, 1);
        sum_d += AMO("amoadd.d.rl", &ticket_d, 1);
        /* odd number of xors per hart (i < 3) */
        if (i < 3) {
            AMO("amoxor.w", &xor_w, (int32_t)(1u << h));
            AMO("amoxor.d", &xor_d, (int64_t)(1ULL << (32 + h)));
        }
        AMO("amoor.w", &or_w, (int32_t)(1u << (h + 8)));
        AMO("amoor.d", &or_d, (int64_t)(1ULL << (40 + h)));
        AMO("amoand.w", &and_w, (int32_t)~(1u << (h + 16)));
        AMO("amoand.d", &and_d, (int64_t)~(1ULL << (48 + h)));
        AMO("amomin.w", &min_w, (int32_t)(-100 * (int)(h + 1) + i % 7));
        AMO("amomin.d", &min_d, (int64_t)-5000000000LL * (h + 1) + i % 5);
        AMO("amomax.w", &max_w, (int32_t)(7 * h - i % 3));
        AMO("amomax.d", &max_d, (int64_t)3000000000LL * h - i % 3);
        AMO("amominu.w", &minu_w, (uint32_t)(UINT32_MAX - h - 1 + (uint32_t)(i % 2)));
        AMO("amominu.d", &minu_d, (uint64_t)(UINT64_MAX - h - 1 + (uint64_t)(i % 2)));
        AMO("amomaxu.w", &maxu_w, (uint32_t)(0x80000000u + h - (uint32_t)(i % 2)));
        AMO("amomaxu.d", &maxu_d, (uint64_t)(0x8000000000000000ULL + h - (uint64_t)(i % 2)));
        int32_t vw = (int32_t)(h * 100000 + i + 1);
        int64_t vd = (int64_t)(h + 1) * 10000000000LL + i;
        in_w += vw; in_d += vd;
        out_w += AMO("amoswap.w", &swap_w, vw);
        out_d += AMO("amoswap.d.aqrl", &swap_d, vd);
    }
    __atomic_fetch_add(&old_sum_w, sum_w, __ATOMIC_SEQ_CST);
    __atomic_fetch_add(&old_sum_d, sum_d, __ATOMIC_SEQ_CST);
    __atomic_fetch_add(&swap_in_w, in_w, __ATOMIC_SEQ_CST);
    __atomic_fetch_add(&swap_out_w, out_w, __ATOMIC_SEQ_CST);
    __atomic_fetch_add(&swap_in_d, in_d, __ATOMIC_SEQ_CST);
    __atomic_fetch_add(&swap_out_d, out_d, __ATOMIC_SEQ_CST);
}

static int failures;

static void check(const char *name, int64_t got, int64_t want)
{
    if (got == want) {
        printf("%-10s ok\n", name);
    } else {
        printf("%-10s FAIL: got %lld want %lld\n", name, (long long)got, (long long)want);
        failures++;
    }
}

int main(void)
{
    unsigned n = hart_count();
    hart_run(work, 0);

    int64_t tri = (int64_t)n * (n + 1) / 2;
    uint64_t low = (1ULL << n) - 1;
    int64_t total = (int64_t)ITERS * n;
    check("amoadd.w", add_w, (int32_t)(ITERS * tri));
    check("amoadd.d", add_d, (int64_t)0x100000001LL * ITERS * tri);
    check("ticket.w", ticket_w + ((int64_t)old_sum_w == total * (total - 1) / 2 ? 0 : 1), (int32_t)total);
    check("ticket.d", ticket_d + (old_sum_d == total * (total - 1) / 2 ? 0 : 1), total);
    check("amoxor.w", xor_w, (int32_t)low);
    check("amoxor.d", xor_d, (int64_t)(low << 32));
    check("amoor.w", or_w, (int32_t)(low << 8));
    check("amoor.d", or_d, (int64_t)(low << 40));
    check("amoand.w", and_w, (int32_t)~(uint32_t)(low << 16));
    check("amoand.d", and_d, (int64_t)~(low << 48));
    check("amomin.w", min_w, -100 * (int)n);
    check("amomin.d", min_d, (int64_t)-5000000000LL * n);
    check("amomax.w", max_w, 7 * ((int)n - 1));
    check("amomax.d", max_d, (int64_t)3000000000LL * (n - 1));
    check("amominu.w", minu_w, (int64_t)(uint32_t)(UINT32_MAX - n));
    check("amominu.d", minu_d == UINT64_MAX - n, 1);
    check("amomaxu.w", maxu_w, (int64_t)(0x80000000u + n - 1));
    check("amomaxu.d", maxu_d == 0x8000000000000000ULL + n - 1, 1);
    /* every value swapped in comes out exactly once (as an old value or the final one) */
    check("amoswap.w", swap_out_w + swap_w, swap_in_w);
    check("amoswap.d", swap_out_d + swap_d, swap_in_d);
    printf("atomic_counters: %s\n", failures ? "FAIL" : "PASS");
    return failures != 0;
}
