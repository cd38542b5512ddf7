/*
 * picolibc glue (Debian's picolibc 1.8, tinystdio): the standard streams, _exit and the few POSIX
 * calls picolibc's stdio/posix layer may reference, all over HTIF syscalls.
 *
 * stdout and stderr are line-buffered in memory (one HTIF write per line or per full buffer: on
 * Spike each HTIF call waits for the host's poll, up to one 5000-instruction quantum), and
 * writing to one flushes the other first so their order is kept. _exit flushes both.
 * Multi-hart: the buffers are per hart (mhartid) and each line is written under a lock, so lines
 * from different harts never interleave; _exit flushes only the calling hart's buffers.
 */
#include <errno.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "htif.h"

struct out_buffer {
    int fd;
    size_t length;
    char bytes[256];
};

/* One pair per hart (harts >= RVGEM_MAX_HARTS never run C), so characters of different harts never
   mix in a buffer; each drain (one line) is written under out_lock, so lines never interleave. */
#define OUT_HARTS 8
static struct out_buffer out_stdout[OUT_HARTS] = { [0 ... OUT_HARTS - 1] = { .fd = 1 } };
static struct out_buffer out_stderr[OUT_HARTS] = { [0 ... OUT_HARTS - 1] = { .fd = 2 } };
static volatile int out_lock;

static unsigned this_hart(void)
{
    unsigned long id;
    __asm__ volatile ("csrr %0, mhartid" : "=r"(id));
    return id < OUT_HARTS ? (unsigned)id : 0;
}

static long host_result(long r)
{
    if (r < 0) {
        errno = (int)-r;
        return -1;
    }
    return r;
}

static void drain(struct out_buffer *b)
{
    if (!b->length)
        return;
    while (__atomic_exchange_n(&out_lock, 1, __ATOMIC_ACQUIRE))
        while (out_lock)
            ;
    size_t done = 0;
    while (done < b->length) {
        long n = htif_syscall(HTIF_SYS_WRITE, b->fd, (long)(uintptr_t)(b->bytes + done), (long)(b->length - done));
        if (n <= 0)
            break;
        done += (size_t)n;
    }
    b->length = 0;
    __atomic_store_n(&out_lock, 0, __ATOMIC_RELEASE);
}

static void drain_own(void)
{
    unsigned h = this_hart();
    drain(&out_stdout[h]);
    drain(&out_stderr[h]);
}

/* Called by the multi-hart park loop (mt.c) when a job returns. */
void __rvgem_flush_hart_output(void)
{
    drain_own();
}

static void put_byte(struct out_buffer *b, struct out_buffer *other, char c)
{
    if (other->length)
        drain(other);
    b->bytes[b->length++] = c;
    if (c == '\n' || b->length == sizeof b->bytes)
        drain(b);
}

static int stdout_put(char c, FILE *f) { (void)f; unsigned h = this_hart(); put_byte(&out_stdout[h], &out_stderr[h], c); return (unsigned char)c; }
static int stderr_put(char c, FILE *f) { (void)f; unsigned h = this_hart(); put_byte(&out_stderr[h], &out_stdout[h], c); return (unsigned char)c; }
static int stdout_flush(FILE *f) { (void)f; drain(&out_stdout[this_hart()]); return 0; }
static int stderr_flush(FILE *f) { (void)f; drain(&out_stderr[this_hart()]); return 0; }

static int stdin_get(FILE *f)
{
    (void)f;
    unsigned char c;
    drain_own();
    long n = htif_syscall(HTIF_SYS_READ, 0, (long)(uintptr_t)&c, 1);
    return n == 1 ? c : _FDEV_EOF;
}

static FILE stdin_file = FDEV_SETUP_STREAM(NULL, stdin_get, NULL, _FDEV_SETUP_READ);
static FILE stdout_file = FDEV_SETUP_STREAM(stdout_put, NULL, stdout_flush, _FDEV_SETUP_WRITE);
static FILE stderr_file = FDEV_SETUP_STREAM(stderr_put, NULL, stderr_flush, _FDEV_SETUP_WRITE);

FILE *const stdin = &stdin_file;
FILE *const stdout = &stdout_file;
FILE *const stderr = &stderr_file;

void _exit(int code)
{
    drain_own();
    htif_exit(code);
}

ssize_t write(int fd, const void *buf, size_t count)
{
    drain_own();
    return host_result(htif_syscall(HTIF_SYS_WRITE, fd, (long)(uintptr_t)buf, (long)count));
}

ssize_t read(int fd, void *buf, size_t count)
{
    drain_own();
    return host_result(htif_syscall(HTIF_SYS_READ, fd, (long)(uintptr_t)buf, (long)count));
}

int close(int fd)
{
    return (int)host_result(htif_syscall(HTIF_SYS_CLOSE, fd, 0, 0));
}

off_t lseek(int fd, off_t offset, int whence)
{
    return host_result(htif_syscall(HTIF_SYS_LSEEK, fd, offset, whence));
}

/*
 * Called by crt0 on hart 0 once .bss, TLS and constructors are ready: argc/argv/envp from the host
 * (getmainvars writes {argc, argv[0..argc-1], NULL, NULL(envp), strings...} into our buffer, with
 * pointers already relocated to it), then exit(main(...)), which runs atexit handlers and _exit.
 */
int main(int argc, char **argv, char **envp);

static uint64_t main_vars[512];          /* 4 KiB of arguments is plenty for test programs */
static char *no_args[2];

__attribute__((noreturn)) void __rvgem_start(void)
{
    int argc = 0;
    char **argv = no_args, **envp = no_args;
    if (htif_syscall(HTIF_SYS_GETMAINVARS, (long)(uintptr_t)main_vars, sizeof main_vars, 0) == 0) {
        argc = (int)main_vars[0];
        argv = (char **)&main_vars[1];
        envp = argv + argc + 1;
    }
    exit(main(argc, argv, envp));
}
