# expect-exit: 42
# HTIF exit with a non-zero code: tohost = (42 << 1) | 1 after printing a line.  Spike prints
# "*** FAILED *** (tohost = 42)" on stderr and exits with status 42.
#include "macros.h"

TEST_BEGIN
        PUTS(msg)
        li t0, (42 << 1) | 1
        la t1, tohost
        sd t0, 0(t1)
1:      j 1b

        .data
msg:    .asciz "exiting with 42\n"
