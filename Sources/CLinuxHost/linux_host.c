#define _GNU_SOURCE
#include "linux_host.h"

#include <fcntl.h>
#include <linux/openat2.h>
#include <sys/ioctl.h>
#include <signal.h>
#include <string.h>
#include <sys/syscall.h>
#include <sys/sysinfo.h>
#include <unistd.h>

int rvgem_open_in_root(int root, const char *path, int flags, unsigned mode) {
    struct open_how how = { .flags = (unsigned long long)flags, .resolve = RESOLVE_IN_ROOT };
    if (flags & (O_CREAT | __O_TMPFILE)) how.mode = mode;
    return (int)syscall(SYS_openat2, root, path, &how, sizeof how);
}

int rvgem_ioctl_pointer(int fd, unsigned long request, void *argument) { return ioctl(fd, request, argument); }

int rvgem_fcntl_int(int fd, int command, long argument) { return fcntl(fd, command, argument); }

int rvgem_statx(int dirfd, const char *path, int flags, unsigned mask, void *buffer) {
    return (int)syscall(SYS_statx, dirfd, path, flags, mask, buffer);
}

int rvgem_faccessat2(int dirfd, const char *path, int mode, int flags) {
    return (int)syscall(SYS_faccessat2, dirfd, path, mode, flags);
}

long rvgem_getdents64(int fd, void *buffer, unsigned long count) { return syscall(SYS_getdents64, fd, buffer, count); }

int rvgem_pipe2(int fds[2], int flags) { return pipe2(fds, flags); }

int rvgem_sysinfo(void *buffer, unsigned long size) {
    struct sysinfo info;
    if (sysinfo(&info) != 0) return -1;
    memcpy(buffer, &info, size < sizeof info ? size : sizeof info);
    return 0;
}

unsigned long long rvgem_blocked_signals(void) {
    sigset_t set;
    unsigned long long mask = 0;
    if (pthread_sigmask(SIG_BLOCK, NULL, &set) != 0) return 0;
    for (int signal = 1; signal <= 64; signal++)
        if (sigismember(&set, signal) == 1) mask |= 1ULL << (signal - 1);
    return mask;
}

int rvgem_signal_ignored(int signal) {
    struct sigaction action;
    return sigaction(signal, NULL, &action) == 0 && action.sa_handler == SIG_IGN;
}

const int rvgem_AT_EMPTY_PATH = AT_EMPTY_PATH;
const int rvgem_O_PATH = O_PATH, rvgem_O_DIRECT = O_DIRECT, rvgem_O_NOATIME = O_NOATIME;
const int rvgem_O_TMPFILE = O_TMPFILE, rvgem_O_LARGEFILE = O_LARGEFILE;
const unsigned long rvgem_TCGETS = TCGETS, rvgem_TIOCGWINSZ = TIOCGWINSZ;
