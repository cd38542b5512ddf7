# HTIF console output: device 1, command 1 prints the payload's low byte; the program waits for the
# host to clear tohost before the next character (on Spike each character costs up to one
# 5000-instruction quantum of spinning).  Prints every printable ASCII character, a tab and newlines
# (exact stdout in htif_putchar.expected), and checks that tohost / fromhost read 0 afterwards.
#include "macros.h"

TEST_BEGIN
        PUTS(hello)
        li s0, 0x20                             # ' ' .. '~'
1:      mv a0, s0
        PUTCHAR_A0
        addi s0, s0, 1
        li t0, 0x7f
        bne s0, t0, 1b
        li a0, '\n'
        PUTCHAR_A0
        PUTS(bye)
        la t0, tohost
        ld a0, 0(t0)
        CHECK(a0, 0, 1)                         # the host consumed the last character
        la t0, fromhost
        ld a0, 0(t0)
        CHECK(a0, 0, 2)                         # console writes get no answer
        TEST_PASS

        .data
hello:  .asciz "Hello, RVGem!\n"
bye:    .asciz "\t|\n"
