/* RV64A through C and inline asm: __atomic builtins (AMOs and LR/SC loops), subword __sync
   operations (libgcc's masked LR/SC), every AMO with its sign extension, and LR/SC semantics. */
#include "check.h"

#define AMO(insn, addr, value) ({ uint64_t r_; __asm__ volatile(insn " %0, %2, (%1)" : "=r"(r_) : "r"(addr), "r"((uint64_t)(value)) : "memory"); r_; })

static int64_t counter64;
static int32_t counter32;
static uint8_t bytes[8];
static uint16_t halves[4];

int main(void)
{
    /* __atomic builtins: GCC emits amoadd/amoand/amoor/amoxor/amoswap and lr/sc loops for CAS */
    counter64 = 0;
    for (int i = 1; i <= 1000; i++)
        __atomic_fetch_add(&counter64, i, __ATOMIC_SEQ_CST);
    CHECK("fetch_add x1000 (64)", counter64, 500500);
    CHECK("fetch_sub returns old", __atomic_fetch_sub(&counter64, 500, __ATOMIC_ACQ_REL), 500500);
    CHECK("fetch_and", __atomic_fetch_and(&counter64, 0xff0, __ATOMIC_RELAXED), 500000);
    CHECK("after and", counter64, 500000 & 0xff0);
    CHECK("fetch_or", __atomic_fetch_or(&counter64, 0xf000000000000000ll, __ATOMIC_RELEASE), 500000 & 0xff0);
    CHECK("fetch_xor", __atomic_fetch_xor(&counter64, -1, __ATOMIC_ACQUIRE), 0xf000000000000000ull | (500000 & 0xff0));
    CHECK("exchange", __atomic_exchange_n(&counter64, 77, __ATOMIC_SEQ_CST), ~(0xf000000000000000ull | (500000 & 0xff0)));
    CHECK("add_fetch", __atomic_add_fetch(&counter64, 23, __ATOMIC_SEQ_CST), 100);

    int64_t expected = 99;
    CHECK("CAS fails on mismatch", __atomic_compare_exchange_n(&counter64, &expected, 5, 0, __ATOMIC_SEQ_CST, __ATOMIC_SEQ_CST), 0);
    CHECK("CAS failure loads current", expected, 100);
    CHECK("CAS succeeds", __atomic_compare_exchange_n(&counter64, &expected, 5, 0, __ATOMIC_SEQ_CST, __ATOMIC_SEQ_CST), 1);
    CHECK("after CAS", counter64, 5);

    counter32 = 0x7ffffff0;
    CHECK("fetch_add (32) old", __atomic_fetch_add(&counter32, 0x20, __ATOMIC_SEQ_CST), 0x7ffffff0);
    CHECK("32-bit wraps negative", (int64_t)counter32, -2147483632);
    int32_t e32 = (int32_t)0x80000010;
    CHECK("CAS (32) with negative expected", __atomic_compare_exchange_n(&counter32, &e32, 1, 0, __ATOMIC_SEQ_CST, __ATOMIC_RELAXED), 1);
    CHECK("after CAS (32)", counter32, 1);

    /* subword: libgcc's __sync_* for 1- and 2-byte operands use masked lr.w/sc.w */
    memset(bytes, 0x11, sizeof bytes);
    CHECK("__sync_fetch_and_add (8)", __sync_fetch_and_add(&bytes[3], 0xf0), 0x11);
    CHECK("byte updated", bytes[3], 0x01);
    CHECK("neighbours untouched", bytes[2] == 0x11 && bytes[4] == 0x11, 1);
    CHECK("__sync_val_compare_and_swap (8)", __sync_val_compare_and_swap(&bytes[5], 0x11, 0x99), 0x11);
    CHECK("byte swapped", bytes[5], 0x99);
    halves[1] = 0xfffe;
    CHECK("__sync_add_and_fetch (16)", __sync_add_and_fetch(&halves[1], 3), 1);
    CHECK("__sync_val_compare_and_swap (16)", __sync_val_compare_and_swap(&halves[2], 0, 0xabcd), 0);
    CHECK("halves", (uint64_t)halves[0] | (uint64_t)halves[1] << 16 | (uint64_t)halves[2] << 32 | (uint64_t)halves[3] << 48,
          0x0000abcd00010000ull);

    /* every AMO, .w results sign-extended */
    static volatile uint64_t d;
    static volatile uint32_t w;
    d = 10;
    CHECK("amoswap.d", AMO("amoswap.d", &d, -1), 10);
    CHECK("amoadd.d", AMO("amoadd.d", &d, 2), -1);
    CHECK("amoadd.d result", d, 1);
    CHECK("amomax.d", AMO("amomax.d", &d, -5), 1);
    CHECK("amomax.d keeps 1", d, 1);
    CHECK("amomaxu.d", AMO("amomaxu.d", &d, -5), 1);
    CHECK("amomaxu.d takes -5", d, -5);
    CHECK("amomin.d", AMO("amomin.d", &d, 3), -5);
    CHECK("amomin.d keeps -5", d, -5);
    CHECK("amominu.d", AMO("amominu.d", &d, 3), -5);
    CHECK("amominu.d takes 3", d, 3);
    CHECK("amoand.d", AMO("amoand.d.aqrl", &d, 6), 3);
    CHECK("amoor.d", AMO("amoor.d.aq", &d, 8), 2);
    CHECK("amoxor.d", AMO("amoxor.d.rl", &d, 0xff), 10);
    CHECK("amoxor.d result", d, 0xf5);

    w = 0x80000000u;
    CHECK("amoadd.w old (sign-extended)", AMO("amoadd.w", &w, 1), 0xffffffff80000000ull);
    CHECK("amoadd.w result", w, 0x80000001u);
    CHECK("amomax.w (signed)", AMO("amomax.w", &w, 5), 0xffffffff80000001ull);
    CHECK("amomax.w result", w, 5);
    CHECK("amominu.w", AMO("amominu.w", &w, 0xfffffff0u), 5);
    CHECK("amominu.w keeps 5", w, 5);
    CHECK("amomaxu.w", AMO("amomaxu.w", &w, 0xfffffff0u), 5);
    CHECK("amomaxu.w result", w, 0xfffffff0u);
    CHECK("amomin.w (signed)", AMO("amomin.w", &w, 0), 0xfffffffffffffff0ull);
    CHECK("amomin.w keeps -16", w, 0xfffffff0u);
    CHECK("amoswap.w ignores upper bits", AMO("amoswap.w", &w, 0x123456789ull), 0xfffffffffffffff0ull);
    CHECK("amoswap.w result", w, 0x23456789u);
    CHECK("amoand.w", AMO("amoand.w", &w, 0xffff0000u), 0x23456789u);
    CHECK("amoor.w", AMO("amoor.w", &w, 0x80000000u), 0x23450000u);
    CHECK("amoxor.w", AMO("amoxor.w", &w, 0x0000ffffu), 0xffffffffa3450000ull);
    CHECK("amoxor.w result", w, 0xa345ffffu);

    /* LR/SC: a pair succeeds (retried: a quantum boundary may drop the reservation, as on Spike)
       and stores; an SC with no reservation fails and stores nothing */
    d = 40;
    uint64_t loaded, failed, attempts = 0;
    do {
        __asm__ volatile("lr.d %0, (%2)\n\taddi %0, %0, 2\n\tsc.d %1, %0, (%2)" : "=&r"(loaded), "=&r"(failed) : "r"(&d) : "memory");
        attempts++;
    } while (failed && attempts < 100);
    CHECK("lr.d/sc.d pair succeeded", failed, 0);
    CHECK("sc.d stored", d, 42);
    __asm__ volatile("sc.d %0, %1, (%2)" : "=&r"(failed) : "r"((uint64_t)7), "r"(&d) : "memory");
    CHECK("sc.d without reservation fails", failed != 0, 1);
    CHECK("failed sc.d stored nothing", d, 42);
    w = 0xfffffffeu;
    uint64_t lw;
    do {
        __asm__ volatile("lr.w %0, (%2)\n\tsc.w %1, zero, (%2)" : "=&r"(lw), "=&r"(failed) : "r"(&w) : "memory");
    } while (failed);
    CHECK("lr.w sign-extends", lw, 0xfffffffffffffffeull);
    CHECK("sc.w stored zero", w, 0);
    __asm__ volatile("sc.w %0, %1, (%2)" : "=&r"(failed) : "r"((uint64_t)9), "r"(&w) : "memory");
    CHECK("sc.w after sc.w fails", failed != 0, 1);
    CHECK("failed sc.w stored nothing", w, 0);

    __atomic_thread_fence(__ATOMIC_SEQ_CST);
    return check_done();
}
