/* C11 <stdatomic.h> in one thread: fetch_add/sub/and/or/xor on 8/16/32/64-bit atomics (8/16-bit
   go through libatomic's masked word CAS, 32/64-bit through AMOs), compare_exchange strong and weak
   with success and failure (the expected value updated on failure), exchange, load/store with every
   memory order, atomic_flag, fences, and a lock-free query. Prints every old value and result. */
#include <inttypes.h>
#include <stdatomic.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>

static _Atomic uint8_t a8 = 0xf0;
static _Atomic int16_t a16 = -2;
static _Atomic uint32_t a32 = 0x80000000u;
static _Atomic int64_t a64 = INT64_MAX;
static _Atomic(int32_t) sext32 = -1;
static atomic_flag flag = ATOMIC_FLAG_INIT;

/* the operation first, then the load: printf's argument order is unspecified */
#define SHOW(label, op, now) do { int64_t old_ = (int64_t)(op); int64_t now_ = (int64_t)(now); \
        printf("%-34s old %-22" PRId64 " now %" PRId64 "\n", label, old_, now_); } while (0)

static void arithmetic(void)
{
    SHOW("u8 fetch_add 0x20 (wraps)", atomic_fetch_add(&a8, 0x20), atomic_load(&a8));
    SHOW("u8 fetch_sub 0x11", atomic_fetch_sub(&a8, 0x11), atomic_load(&a8));
    SHOW("u8 fetch_and 0x0f", atomic_fetch_and(&a8, 0x0f), atomic_load(&a8));
    SHOW("u8 fetch_or 0xa0", atomic_fetch_or(&a8, 0xa0), atomic_load(&a8));
    SHOW("u8 fetch_xor 0xff", atomic_fetch_xor(&a8, 0xff), atomic_load(&a8));
    SHOW("i16 fetch_add -32767 (wraps)", atomic_fetch_add(&a16, -32767), atomic_load(&a16));
    SHOW("i16 fetch_sub 1", atomic_fetch_sub(&a16, 1), atomic_load(&a16));
    SHOW("i16 fetch_xor 0x5555", atomic_fetch_xor(&a16, 0x5555), atomic_load(&a16));
    SHOW("i16 fetch_and 0x7ff0", atomic_fetch_and(&a16, 0x7ff0), atomic_load(&a16));
    SHOW("u32 fetch_add 0x80000001 (wraps)", atomic_fetch_add(&a32, 0x80000001u), atomic_load(&a32));
    SHOW("u32 fetch_sub 2 (wraps)", atomic_fetch_sub(&a32, 2), atomic_load(&a32));
    SHOW("u32 fetch_or 0x0f0f0000", atomic_fetch_or(&a32, 0x0f0f0000u), atomic_load(&a32));
    SHOW("u32 fetch_and 0xff00ff00", atomic_fetch_and_explicit(&a32, 0xff00ff00u, memory_order_relaxed), atomic_load(&a32));
    SHOW("i32 fetch_add 1 (-1 -> 0)", atomic_fetch_add_explicit(&sext32, 1, memory_order_acquire), atomic_load(&sext32));
    SHOW("i32 fetch_sub 1 (sign-extends)", atomic_fetch_sub_explicit(&sext32, 1, memory_order_release), atomic_load(&sext32));
    SHOW("i32 fetch_xor 0x7fffffff", atomic_fetch_xor_explicit(&sext32, 0x7fffffff, memory_order_acq_rel), atomic_load(&sext32));
    SHOW("i64 fetch_add 1 (wraps)", atomic_fetch_add(&a64, 1), atomic_load(&a64));
    SHOW("i64 fetch_sub 1 (wraps back)", atomic_fetch_sub(&a64, 1), atomic_load(&a64));
    SHOW("i64 fetch_and 0x00ff00ff00ff00ff", atomic_fetch_and_explicit(&a64, 0x00ff00ff00ff00ffll, memory_order_seq_cst), atomic_load(&a64));
    SHOW("i64 fetch_or INT64_MIN", atomic_fetch_or(&a64, INT64_MIN), atomic_load(&a64));
    SHOW("i64 fetch_xor -1", atomic_fetch_xor(&a64, -1), atomic_load(&a64));

    int64_t sum = 0;
    _Atomic int64_t counter = 0;
    for (int i = 1; i <= 1000; i++)
        sum += atomic_fetch_add_explicit(&counter, i, memory_order_relaxed);
    printf("1000 fetch_adds: counter %" PRId64 ", sum of old values %" PRId64 "\n", atomic_load(&counter), sum);
}

static void compare_exchange(void)
{
    _Atomic int32_t v = 10;
    int32_t expected = 10;
    bool ok = atomic_compare_exchange_strong(&v, &expected, 20);
    printf("cas strong 10->20: %s, expected %d, value %d\n", ok ? "success" : "failure", expected, atomic_load(&v));
    expected = 10;
    ok = atomic_compare_exchange_strong(&v, &expected, 30);
    printf("cas strong 10->30: %s, expected %d, value %d\n", ok ? "success" : "failure", expected, atomic_load(&v));

    /* weak may fail spuriously: retry until it succeeds, count nothing machine-dependent */
    expected = 20;
    while (!atomic_compare_exchange_weak(&v, &expected, -40))
        if (expected != 20) break;
    printf("cas weak 20->-40: value %d\n", atomic_load(&v));
    expected = 99;
    ok = atomic_compare_exchange_weak_explicit(&v, &expected, 0, memory_order_acq_rel, memory_order_acquire);
    printf("cas weak 99->0: %s, expected %d, value %d\n", ok ? "success" : "failure", expected, atomic_load(&v));

    _Atomic uint8_t b = 0xff;
    uint8_t eb = 0xff;
    ok = atomic_compare_exchange_strong(&b, &eb, 0x01);
    printf("u8 cas 0xff->0x01: %s, value %#x\n", ok ? "success" : "failure", atomic_load(&b));
    eb = 0xff;
    ok = atomic_compare_exchange_strong(&b, &eb, 0x02);
    printf("u8 cas 0xff->0x02: %s, expected now %#x\n", ok ? "success" : "failure", eb);
    _Atomic int16_t h = -300;
    int16_t eh = -300;
    ok = atomic_compare_exchange_strong_explicit(&h, &eh, 300, memory_order_seq_cst, memory_order_relaxed);
    printf("i16 cas -300->300: %s, value %d\n", ok ? "success" : "failure", atomic_load(&h));
    _Atomic uint64_t w = 0x0000000100000005u;
    uint64_t ew = 0x0000000000000005u;   /* same low word, differs only in the upper half */
    ok = atomic_compare_exchange_strong(&w, &ew, 1);
    printf("u64 cas with only-upper-half difference: %s, expected now %#" PRIx64 "\n", ok ? "success" : "failure", ew);
    _Atomic int32_t negative = -5;
    int32_t en = -5;   /* a sign-extended comparison must match */
    ok = atomic_compare_exchange_strong(&negative, &en, 5);
    printf("i32 cas -5->5: %s, value %d\n", ok ? "success" : "failure", atomic_load(&negative));
}

static void exchange_and_flags(void)
{
    _Atomic int64_t x = 1;
    int64_t old64 = atomic_exchange(&x, -7);
    printf("exchange 1->-7: old %" PRId64 ", now %" PRId64 "\n", old64, atomic_load(&x));
    old64 = atomic_exchange_explicit(&x, INT64_MIN, memory_order_relaxed);
    printf("exchange relaxed -7->INT64_MIN: old %" PRId64 ", now %" PRId64 "\n", old64,
           atomic_load_explicit(&x, memory_order_relaxed));
    _Atomic uint16_t s = 0xffff;
    uint16_t old16 = atomic_exchange(&s, 0x1234);
    printf("u16 exchange 0xffff->0x1234: old %#x, now %#x\n", old16, atomic_load(&s));
    _Atomic int8_t c = -128;
    int8_t old8 = atomic_exchange(&c, 127);
    printf("i8 exchange -128->127: old %d, now %d\n", old8, atomic_load(&c));

    printf("flag test_and_set: %d", atomic_flag_test_and_set(&flag));
    printf(" %d", atomic_flag_test_and_set_explicit(&flag, memory_order_acquire));
    atomic_flag_clear_explicit(&flag, memory_order_release);
    printf(" after clear: %d", atomic_flag_test_and_set(&flag));
    atomic_flag_clear(&flag);
    printf(" %d\n", atomic_flag_test_and_set(&flag));

    _Atomic double d = 1.5;
    atomic_store_explicit(&d, 2.25, memory_order_release);
    double expected = 2.25;
    bool ok = atomic_compare_exchange_strong(&d, &expected, -0.5);
    printf("atomic double: cas %s, value %g\n", ok ? "success" : "failure", atomic_load_explicit(&d, memory_order_acquire));

    struct pair { int32_t a, b; };
    _Atomic struct pair p = {1, 2};
    struct pair old = atomic_exchange(&p, ((struct pair){3, 4}));
    struct pair now = atomic_load(&p);
    printf("atomic struct (8 bytes): old {%d,%d} now {%d,%d}\n", old.a, old.b, now.a, now.b);

    atomic_thread_fence(memory_order_seq_cst);
    atomic_signal_fence(memory_order_acq_rel);
    printf("lock free: char %d short %d int %d long %d llong %d pointer %d; is_lock_free(u64) %d\n",
           ATOMIC_CHAR_LOCK_FREE, ATOMIC_SHORT_LOCK_FREE, ATOMIC_INT_LOCK_FREE, ATOMIC_LONG_LOCK_FREE,
           ATOMIC_LLONG_LOCK_FREE, ATOMIC_POINTER_LOCK_FREE, atomic_is_lock_free(&x));
}

int main(void)
{
    arithmetic();
    compare_exchange();
    exchange_and_flags();
    return 0;
}
