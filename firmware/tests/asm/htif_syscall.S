# HTIF syscall proxy (device 0, command 0, payload = address of a 64-byte magic_mem block
# {number, a0..a6}): write(1, buf, len) prints to stdout and returns len in magic_mem[0]; the host
# answers through fromhost (= 1), which the program clears.  write to a bad fd returns -EBADF (-9).
#include "macros.h"

/* do_syscall: a0 = number, a1..a3 = arguments; returns magic_mem[0] in a0 */
#define WRITE(fd, buf, len) li a0, 64; li a1, fd; la a2, buf; li a3, len; jal ra, do_syscall

TEST_BEGIN
        .pushsection .data
msg:    .ascii "written with the write syscall\n"
        .equ msg_len, . - msg
msg2:   .ascii "second line\n"
        .popsection

        WRITE(1, msg, msg_len)
        CHECK(a0, msg_len, 1)
        la t0, fromhost
        ld a0, 0(t0)
        CHECK(a0, 0, 2)                         # cleared by do_syscall
        WRITE(1, msg2, 6)   # a prefix of msg2
        CHECK(a0, 6, 3)
        WRITE(99, msg, 4)
        CHECK(a0, -9, 4)                        # EBADF
        TEST_PASS

do_syscall:
        la t0, magic_mem
        sd a0, 0(t0)
        sd a1, 8(t0)
        sd a2, 16(t0)
        sd a3, 24(t0)
        sd zero, 32(t0)
        sd zero, 40(t0)
        sd zero, 48(t0)
        sd zero, 56(t0)
        fence
        la t1, tohost
        sd t0, 0(t1)                            # device 0, command 0, payload = &magic_mem
        la t1, fromhost
1:      ld t2, 0(t1)
        beqz t2, 1b
        sd zero, 0(t1)
        fence
        ld a0, 0(t0)
        ret

