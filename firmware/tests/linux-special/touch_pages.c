/* touch_pages N (Linux): writes into each of N distinct 4 KiB pages (at most 256) of a static
   buffer and checks what landed there; `rvgem --stats=FILE` must count exactly N more pages_touched
   than a run with N = 0 (Tests/rvgemTests/StatisticsFileTests.swift). Page i gets one kind of write
   in turn: sb, sh, sw, sd, fsd, amoadd.w, amoswap.d, lr.d/sc.d, and read() from a pipe (the host
   writing into the guest's buffer). The buffer is .bss, which nothing writes before the program does
   (a fresh static Linux program finds it zeroed by the loader, which writes only file bytes). */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <unistd.h>

#define PAGE 4096
#define MAX_PAGES 256
#define KINDS 9
#define READ_KIND 8

static uint8_t area[MAX_PAGES][PAGE] __attribute__((aligned(PAGE)));

static uint64_t *slot(unsigned i) { return (uint64_t *)&area[i][8 * ((i * 37) % (PAGE / 8))]; }

static uint64_t value(unsigned i) { return 0x0102030405060708ULL * (i + 1); }

static int write_page(unsigned i, int pipe_in, int pipe_out)
{
    uint64_t *p = slot(i), v = value(i), old, failed;
    switch (i % KINDS) {
    case 0: *(volatile uint8_t *)p = (uint8_t)v; break;
    case 1: *(volatile uint16_t *)p = (uint16_t)v; break;
    case 2: *(volatile uint32_t *)p = (uint32_t)v; break;
    case 3: *(volatile uint64_t *)p = v; break;
    case 4: __asm__ volatile ("fmv.d.x ft0, %1\n\tfsd ft0, 0(%0)" : : "r"(p), "r"(v) : "ft0", "memory"); break;
    case 5: __asm__ volatile ("amoadd.w %0, %2, (%1)" : "=r"(old) : "r"(p), "r"(v) : "memory"); break;
    case 6: __asm__ volatile ("amoswap.d %0, %2, (%1)" : "=r"(old) : "r"(p), "r"(v) : "memory"); break;
    case 7:
        do __asm__ volatile ("lr.d %0, (%2)\n\tsc.d %1, %3, (%2)" : "=&r"(old), "=&r"(failed) : "r"(p), "r"(v) : "memory");
        while (failed);
        break;
    case READ_KIND:
        if (write(pipe_out, &v, sizeof v) != sizeof v || read(pipe_in, p, sizeof v) != sizeof v) return 0;
        break;
    }
    return 1;
}

/* What write_page left in the 8 bytes at slot(i) (the rest of the page was zero). */
static uint64_t expected(unsigned i)
{
    static const uint64_t width_mask[KINDS] = { 0xff, 0xffff, 0xffffffff, ~0ULL, ~0ULL, 0xffffffff, ~0ULL, ~0ULL, ~0ULL };
    return value(i) & width_mask[i % KINDS];
}

int main(int argc, char **argv)
{
    unsigned n = argc > 1 ? (unsigned)strtoul(argv[1], 0, 10) : 0;
    if (n > MAX_PAGES) {
        fprintf(stderr, "touch_pages: at most %d pages\n", MAX_PAGES);
        return 2;
    }
    int fds[2];
    if (pipe(fds) != 0) {
        perror("pipe");
        return 2;
    }
    unsigned wrong = 0;
    for (unsigned i = 0; i < n; i++)
        if (!write_page(i, fds[0], fds[1]) || *slot(i) != expected(i))
            wrong++;
    printf("touched %u pages, %u wrong\n", n, wrong);
    return wrong != 0;
}
