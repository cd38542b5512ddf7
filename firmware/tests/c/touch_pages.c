// harts: 1 2
/* touch_pages [N]: writes into each of N distinct 4 KiB pages (default 40, at most 256) of an area
   nothing else writes, and checks what landed there. `rvgem --stats=FILE` must count exactly N more
   pages_touched than a run with N = 0 (Tests/RISCVMachineTests/WrittenPageTests.swift). Page i is
   written by hart i % hart_count(), by one kind of write in turn: sb, sh, sw, sd, amoadd.w,
   amoswap.d, lr.d/sc.d, and (hart 0, after the others) the host answering an HTIF fstat into it.
   The runtime's own writes do not depend on N, so they cancel out. */
#include <stdint.h>
#include <stdlib.h>

#include "check.h"
#include "htif.h"
#include "rvgem_mt.h"

#define PAGE 4096
#define MAX_PAGES 256
#define KINDS 8
#define HOST_KIND 7

/* The top of the heap region (link.ld): crt0 zeroes only .bss and malloc grows up from the bottom,
   so no byte of these pages is written unless this program writes it. */
extern char __heap_end[];

static uint8_t *page(unsigned i) { return (uint8_t *)((uintptr_t)__heap_end - (uintptr_t)(MAX_PAGES - i) * PAGE); }

/* Where in page i the write goes: spread over the page, 8-byte aligned for every width. */
static uint64_t *slot(unsigned i) { return (uint64_t *)(page(i) + 8 * ((i * 37) % (PAGE / 8))); }

static uint64_t value(unsigned i) { return 0x0102030405060708ULL * (i + 1); }

static void write_page(unsigned i)
{
    uint64_t *p = slot(i), v = value(i), old, failed;
    switch (i % KINDS) {
    case 0: *(volatile uint8_t *)p = (uint8_t)v; break;
    case 1: *(volatile uint16_t *)p = (uint16_t)v; break;
    case 2: *(volatile uint32_t *)p = (uint32_t)v; break;
    case 3: *(volatile uint64_t *)p = v; break;
    case 4: __asm__ volatile ("amoadd.w %0, %2, (%1)" : "=r"(old) : "r"(p), "r"(v) : "memory"); break;
    case 5: __asm__ volatile ("amoswap.d %0, %2, (%1)" : "=r"(old) : "r"(p), "r"(v) : "memory"); break;
    case 6:
        do __asm__ volatile ("lr.d %0, (%2)\n\tsc.d %1, %3, (%2)" : "=&r"(old), "=&r"(failed) : "r"(p), "r"(v) : "memory");
        while (failed);
        break;
    }
}

/* What write_page left in the 8 bytes at slot(i) (the rest of the page was zero). */
static uint64_t expected(unsigned i)
{
    static const uint64_t width_mask[KINDS] = { 0xff, 0xffff, 0xffffffff, ~0ULL, 0xffffffff, ~0ULL, ~0ULL, 0 };
    return value(i) & width_mask[i % KINDS];
}

struct job { unsigned pages; };

static void touch_share(unsigned hart, void *arg)
{
    const struct job *job = arg;
    for (unsigned i = hart; i < job->pages; i += hart_count())
        if (i % KINDS != HOST_KIND)
            write_page(i);
}

int main(int argc, char **argv)
{
    unsigned n = argc > 1 ? (unsigned)strtoul(argv[1], 0, 10) : 40;
    if (n > MAX_PAGES) {
        printf("touch_pages: at most %d pages\n", MAX_PAGES);
        return 2;
    }
    struct job job = { n };
    hart_run(touch_share, &job);
    unsigned host_ok = 0, host_pages = 0;
    for (unsigned i = HOST_KIND; i < n; i += KINDS) {
        host_pages++;
        /* Linux's RISC-V struct stat: st_mode (file type bits never all clear) at offset 16. */
        if (htif_syscall(HTIF_SYS_FSTAT, 1, (long)(uintptr_t)page(i), 0) == 0 && *(uint32_t *)(page(i) + 16) != 0)
            host_ok++;
    }

    unsigned wrong = 0;
    for (unsigned i = 0; i < n; i++)
        if (i % KINDS != HOST_KIND && *slot(i) != expected(i))
            wrong++;
    CHECK("guest-written pages wrong", wrong, 0);
    CHECK("host-written pages", host_ok, host_pages);
    return check_done();
}
