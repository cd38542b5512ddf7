/* Loads and stores of every width (sign/zero extension, partial overwrites), what crt0 must have
   set up (.data initialised, .bss zeroed, small data via gp, thread-locals from .tdata/.tbss),
   stack arrays and struct copies. */
#include <errno.h>
#include <stdlib.h>

#include "check.h"

#define LOAD(insn, addr) ({ uint64_t r_; __asm__ volatile(insn " %0, 0(%1)" : "=r"(r_) : "r"(addr) : "memory"); r_; })
#define STORE(insn, addr, v) __asm__ volatile(insn " %0, 0(%1)" : : "r"((uint64_t)(v)), "r"(addr) : "memory")

static uint64_t zeroed[8192];                      /* 64 KiB of .bss */
static uint64_t initialised[4] = {0x1111111111111111ull, 2, 3, 0xfedcba9876543210ull};
static int small_counter = 7;                      /* .sdata: addressed relative to gp */
static __thread volatile int tls_initialised = 1234;   /* .tdata (volatile: really loaded) */
static __thread uint64_t tls_zeroed[4];            /* .tbss */

struct record { uint8_t tag; uint16_t id; uint32_t size; uint64_t key; char name[13]; };

static __attribute__((noinline)) struct record copy_record(struct record r)
{
    r.id++;
    return r;
}

int main(void)
{
    static uint64_t word = 0xf0e1d2c3b4a59687ull;
    CHECK("lb", LOAD("lb", (char *)&word + 0), 0xffffffffffffff87ull);
    CHECK("lbu", LOAD("lbu", (char *)&word + 0), 0x87);
    CHECK("lb (byte 1)", LOAD("lb", (char *)&word + 1), 0xffffffffffffff96ull);
    CHECK("lb (positive)", LOAD("lb", (char *)&initialised[0] + 5), 0x11);
    CHECK("lh", LOAD("lh", (char *)&word + 6), 0xfffffffffffff0e1ull);
    CHECK("lhu", LOAD("lhu", (char *)&word + 6), 0xf0e1);
    CHECK("lh (offset 2)", LOAD("lh", (char *)&word + 2), 0xffffffffffffb4a5ull);
    CHECK("lw (positive)", LOAD("lw", (char *)&initialised[0] + 4), 0x11111111);
    CHECK("lw", LOAD("lw", (char *)&word + 4), 0xfffffffff0e1d2c3ull);
    CHECK("lwu", LOAD("lwu", (char *)&word + 4), 0xf0e1d2c3);
    CHECK("lw (low half)", LOAD("lw", (char *)&word + 0), 0xffffffffb4a59687ull);
    CHECK("ld", LOAD("ld", &word), 0xf0e1d2c3b4a59687ull);
    STORE("sb", (char *)&word + 3, 0x1234);
    CHECK("sb", word, 0xf0e1d2c334a59687ull);
    STORE("sh", (char *)&word + 4, 0xabcdef);
    CHECK("sh", word, 0xf0e1cdef34a59687ull);
    STORE("sw", (char *)&word, 0x1122334455667788ull);
    CHECK("sw", word, 0xf0e1cdef55667788ull);
    STORE("sd", &word, 0x0102030405060708ull);
    CHECK("sd", word, 0x0102030405060708ull);

    int nonzero = 0;
    for (size_t i = 0; i < sizeof zeroed / sizeof zeroed[0]; i++)
        nonzero += zeroed[i] != 0;
    CHECK(".bss zeroed (64 KiB)", nonzero, 0);
    CHECK(".data initialised", initialised[0] ^ initialised[3], 0xefcdab8967452301ull);
    CHECK(".sdata via gp", small_counter++, 7);
    CHECK(".sdata written", small_counter, 8);
    CHECK("TLS initialised", tls_initialised, 1234);
    CHECK("TLS zeroed", tls_zeroed[0] | tls_zeroed[1] | tls_zeroed[2] | tls_zeroed[3], 0);
    tls_zeroed[2] = 99;
    CHECK("TLS written", tls_zeroed[2], 99);
    errno = 0;
    CHECK("errno (thread-local) works", (strtol("99999999999999999999", NULL, 10), errno), ERANGE);

    /* stack arrays and struct copies (memcpy-sized moves through the ABI) */
    volatile uint32_t stack[1024];
    for (int i = 0; i < 1024; i++)
        stack[i] = (uint32_t)i * 2654435761u;
    uint32_t x = 0;
    for (int i = 1023; i >= 0; i -= 3)
        x ^= stack[i] + (uint32_t)i;
    CHECK("stack array digest", x, 0x508754ae);

    struct record r = {0xaa, 0x7fff, 0xdeadbeef, 0x0123456789abcdefull, "twelve chars"};
    struct record s = copy_record(r);
    CHECK("struct copy tag", s.tag, 0xaa);
    CHECK("struct copy id", s.id, 0x8000);
    CHECK("struct copy size", s.size, 0xdeadbeef);
    CHECK("struct copy key", s.key, 0x0123456789abcdefull);
    CHECK_STR("struct copy name", s.name, "twelve chars");
    CHECK("original untouched", r.id, 0x7fff);
    return check_done();
}
