# expect-exit: 7
# Exit through the syscall proxy: exit(7) (syscall 93 in magic_mem) ends the run with status 7.
#include "macros.h"

TEST_BEGIN
        la t0, magic_mem
        li t1, 93
        sd t1, 0(t0)
        li t1, 7
        sd t1, 8(t0)
        fence
        la t1, tohost
        sd t0, 0(t1)
1:      j 1b
