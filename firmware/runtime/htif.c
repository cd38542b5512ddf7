/* HTIF host interface: tohost/fromhost words and the syscall/exit protocol (toolchain-notes/htif.md). */
#include "htif.h"

/* Each word on its own 64-byte line of the .tohost section (link.ld gives it its own page). */
volatile uint64_t tohost __attribute__((section(".tohost"), aligned(64))) = 0;
volatile uint64_t fromhost __attribute__((section(".tohost"), aligned(64))) = 0;

static volatile uint64_t magic_mem[8] __attribute__((aligned(64)));
static volatile int htif_lock;

static void lock(void)
{
    while (__atomic_exchange_n(&htif_lock, 1, __ATOMIC_ACQUIRE))
        while (htif_lock)
            ;
}

static void unlock(void)
{
    __atomic_store_n(&htif_lock, 0, __ATOMIC_RELEASE);
}

/* The host zeroes tohost once it has taken a command; never overwrite one it has not seen. */
static void send(uint64_t value)
{
    while (tohost != 0)
        ;
    tohost = value;
}

long htif_syscall(long n, long a0, long a1, long a2)
{
    lock();
    magic_mem[0] = (uint64_t)n;
    magic_mem[1] = (uint64_t)a0;
    magic_mem[2] = (uint64_t)a1;
    magic_mem[3] = (uint64_t)a2;
    magic_mem[4] = magic_mem[5] = magic_mem[6] = magic_mem[7] = 0;
    __atomic_thread_fence(__ATOMIC_SEQ_CST);
    send((uint64_t)(uintptr_t)magic_mem);          /* device 0, command 0, payload = address (even) */
    while (fromhost == 0)
        ;
    fromhost = 0;
    __atomic_thread_fence(__ATOMIC_SEQ_CST);
    long result = (long)magic_mem[0];
    unlock();
    return result;
}

void htif_exit(int code)
{
    __atomic_thread_fence(__ATOMIC_SEQ_CST);
    send(((uint64_t)(uint32_t)code << 1) | 1);
    for (;;)
        ;
}
