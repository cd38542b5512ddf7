/* Memory mappings beyond malloc's: a private file mapping (its bytes, and writes that stay private),
   an anonymous mapping read back as zeros, MAP_FIXED over part of it, mremap growing in place or
   moving with its contents, munmap and remapping the same range (zeros again), madvise(DONTNEED). */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <sys/mman.h>
#include <unistd.h>

static unsigned sum(const unsigned char *p, size_t n)
{
    unsigned s = 0;
    for (size_t i = 0; i < n; i++) s = s * 31 + p[i];
    return s;
}

static int all_zero(const unsigned char *p, size_t n)
{
    for (size_t i = 0; i < n; i++) if (p[i]) return 0;
    return 1;
}

int main(void)
{
    long page = sysconf(_SC_PAGESIZE);
    printf("page size %ld\n", page);

    int fd = open("mapped.txt", O_RDWR | O_CREAT | O_TRUNC, 0644);
    for (int i = 0; i < 300; i++) dprintf(fd, "line %03d of the mapped file\n", i);
    off_t size = lseek(fd, 0, SEEK_END);
    unsigned char *file = mmap(NULL, (size_t)size, PROT_READ | PROT_WRITE, MAP_PRIVATE, fd, 0);
    printf("file mapping: %s, %lld bytes, checksum %08x\n", file == MAP_FAILED ? "failed" : "ok",
           (long long)size, sum(file, (size_t)size));
    printf("starts \"%.27s\"; byte %lld is '%c'\n", file, (long long)(size - 2), file[size - 2]);
    file[0] = 'L';                                /* private: the file keeps its 'l' */
    char first;
    pread(fd, &first, 1, 0);
    printf("after a private write the file starts with '%c', the mapping with '%c'\n", first, file[0]);
    unsigned char *offset = mmap(NULL, (size_t)page, PROT_READ, MAP_PRIVATE, fd, page);
    printf("mapping at offset %ld starts \"%.12s\"\n", page, offset);
    munmap(offset, (size_t)page);
    munmap(file, (size_t)size);
    close(fd);
    unlink("mapped.txt");

    size_t length = 16 * (size_t)page;
    unsigned char *anon = mmap(NULL, length, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    printf("anonymous mapping zero-filled: %s\n", all_zero(anon, length) ? "yes" : "no");
    memset(anon, 0x5a, length);
    unsigned char *fixed = mmap(anon + 4 * page, 2 * (size_t)page, PROT_READ | PROT_WRITE,
                                MAP_PRIVATE | MAP_ANONYMOUS | MAP_FIXED, -1, 0);
    printf("MAP_FIXED in place: %s; its pages zero: %s; neighbours kept: %s\n", fixed == anon + 4 * page ? "yes" : "no",
           all_zero(fixed, 2 * (size_t)page) ? "yes" : "no", anon[4 * page - 1] == 0x5a && anon[6 * page] == 0x5a ? "yes" : "no");
    /* (No MAP_FIXED_NOREPLACE: qemu-riscv64 7.2 treats it as a mere hint, where Linux says EEXIST.) */

    madvise(anon, 2 * (size_t)page, MADV_DONTNEED);
    printf("after MADV_DONTNEED: zero %s, the rest kept %s\n", all_zero(anon, 2 * (size_t)page) ? "yes" : "no",
           anon[2 * page] == 0x5a ? "yes" : "no");

    unsigned char *grown = mremap(anon, length, 64 * (size_t)page, MREMAP_MAYMOVE);
    printf("mremap to 64 pages: %s; contents kept: %s; new part zero: %s\n", grown == MAP_FAILED ? "failed" : "ok",
           grown[2 * page] == 0x5a && grown[15 * page] == 0x5a ? "yes" : "no",
           all_zero(grown + length, 64 * (size_t)page - length) ? "yes" : "no");
    unsigned char *shrunk = mremap(grown, 64 * (size_t)page, 8 * (size_t)page, 0);
    printf("mremap shrink in place: %s\n", shrunk == grown ? "yes" : "no");
    munmap(shrunk, 8 * (size_t)page);
    unsigned char *reused = mmap(shrunk, 8 * (size_t)page, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS | MAP_FIXED, -1, 0);
    printf("the unmapped range mapped again reads zero: %s\n", reused != MAP_FAILED && all_zero(reused, 8 * (size_t)page) ? "yes" : "no");
    printf("munmap of an unaligned address: %s\n", munmap(reused + 1, (size_t)page) == 0 ? "ok" : strerror(errno));
    printf("zero-length mmap: %s\n", mmap(NULL, 0, PROT_READ, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0) == MAP_FAILED ? strerror(errno) : "mapped");
    return 0;
}
