#define _GNU_SOURCE
#include "linux_host.h"

#include <fcntl.h>
#include <linux/openat2.h>
#include <sys/ioctl.h>
#include <sys/syscall.h>
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

const int rvgem_AT_EMPTY_PATH = AT_EMPTY_PATH;
const int rvgem_O_PATH = O_PATH, rvgem_O_DIRECT = O_DIRECT, rvgem_O_NOATIME = O_NOATIME;
const int rvgem_O_TMPFILE = O_TMPFILE, rvgem_O_LARGEFILE = O_LARGEFILE;
const unsigned long rvgem_TCGETS = TCGETS, rvgem_TIOCGWINSZ = TIOCGWINSZ;
