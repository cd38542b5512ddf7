// Makes a system call Linux does not have, twice: each returns -1 with ENOSYS, and rvgem warns
// once (per number) on stderr.
#include <errno.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

int main(void) {
    for (int i = 0; i < 2; i++) {
        long r = syscall(1999);
        printf("syscall 1999: %ld (%s)\n", r, r < 0 ? strerror(errno) : "no error");
    }
    return 0;
}
