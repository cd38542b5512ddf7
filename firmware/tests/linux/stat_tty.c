/* statx and the terminal ioctls: statx of a file the program makes (size, type, mode) and of a
   directory; isatty and TIOCGWINSZ on stdin, stdout and stderr, which the harness connects to
   /dev/null and pipes (so ENOTTY: an emulator must not claim a terminal). */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/stat.h>
#include <termios.h>
#include <unistd.h>

static void show(const char *path, int flags)
{
    struct statx st;
    if (statx(AT_FDCWD, path, flags, STATX_BASIC_STATS, &st) != 0) {
        printf("statx %-12s: %s\n", path, strerror(errno));
        return;
    }
    printf("statx %-12s: %s, size %llu, mode %o, has size %s\n", path,
           S_ISREG(st.stx_mode) ? "file" : S_ISDIR(st.stx_mode) ? "directory" : S_ISLNK(st.stx_mode) ? "symlink" : "other",
           S_ISDIR(st.stx_mode) ? 0ULL : (unsigned long long)st.stx_size, st.stx_mode & 0777,
           st.stx_mask & STATX_SIZE ? "yes" : "no");
}

int main(void)
{
    umask(022);
    int fd = open("data.bin", O_WRONLY | O_CREAT | O_TRUNC, 0640);
    for (int i = 0; i < 1000; i++) write(fd, "0123456789", 10);
    close(fd);
    mkdir("subdir", 0755);
    symlink("data.bin", "link");
    show("data.bin", 0);
    show("subdir", 0);
    show("link", AT_SYMLINK_NOFOLLOW);
    show("link", 0);
    show("missing", 0);

    for (int i = 0; i < 3; i++) {
        struct winsize ws;
        struct termios t;
        errno = 0;
        int tty = isatty(i);
        int saved = errno;
        int w = ioctl(i, TIOCGWINSZ, &ws);
        printf("fd %d: isatty %d (%s), TIOCGWINSZ %s, tcgetattr %s\n", i, tty, strerror(saved),
               w == 0 ? "ok" : strerror(errno), tcgetattr(i, &t) == 0 ? "ok" : strerror(errno));
    }
    printf("ioctl on a bad descriptor: %s\n", ioctl(99, TIOCGWINSZ, &(struct winsize){0}) == 0 ? "ok" : strerror(errno));
    unlink("link");
    rmdir("subdir");
    unlink("data.bin");
    return 0;
}
