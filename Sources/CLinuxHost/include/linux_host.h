// Host calls the Linux user-mode layer needs that Swift cannot import directly: variadic libc
// functions (ioctl, fcntl, syscall), system calls glibc does not wrap (openat2, faccessat2), and
// open(2) flags glibc names only under _GNU_SOURCE.
#ifndef RVGEM_LINUX_HOST_H
#define RVGEM_LINUX_HOST_H

/// openat2 with RESOLVE_IN_ROOT: `path` is resolved as if `root` were "/", symlinks and ".." included.
int rvgem_open_in_root(int root, const char *path, int flags, unsigned mode);
int rvgem_ioctl_pointer(int fd, unsigned long request, void *argument);
int rvgem_fcntl_int(int fd, int command, long argument);
/// statx into a raw buffer: the structure's layout is the same on every architecture.
int rvgem_statx(int dirfd, const char *path, int flags, unsigned mask, void *buffer);
int rvgem_faccessat2(int dirfd, const char *path, int mode, int flags);
/// struct linux_dirent64 is the same on every architecture.
long rvgem_getdents64(int fd, void *buffer, unsigned long count);

int rvgem_pipe2(int fds[2], int flags);
/// This thread's blocked signals as a kernel-style mask (bit n-1 for signal n, signals 1..64).
unsigned long long rvgem_blocked_signals(void);
/// Whether signal `signal` is ignored (SIG_IGN) in this process.
int rvgem_signal_ignored(int signal);
/// The host's struct sysinfo (one layout on every 64-bit Linux) into `buffer`, at most `size` bytes.
int rvgem_sysinfo(void *buffer, unsigned long size);

extern const int rvgem_AT_EMPTY_PATH;
extern const int rvgem_O_PATH, rvgem_O_DIRECT, rvgem_O_NOATIME, rvgem_O_TMPFILE, rvgem_O_LARGEFILE;
extern const unsigned long rvgem_TCGETS, rvgem_TIOCGWINSZ;

#endif
