# Zifencei: self-modifying code.  Run a routine, overwrite one of its instructions with a store,
# fence.i, run it again and see the new instruction; replace a 4-byte instruction with two
# compressed ones; build a routine from scratch in a data buffer and call it.
#include "macros.h"

TEST_BEGIN
        jal ra, patch_me
        CHECK(a0, 1, 1)

        # addi a0, x0, 1  ->  addi a0, x0, 2
        la a1, patch_slot
        li a2, 0x00200513
        sw a2, 0(a1)
        fence.i
        jal ra, patch_me
        CHECK(a0, 2, 2)

        # two compressed instructions in the same 4 bytes: c.li a0, 3 ; c.addi a0, 4
        li a2, 0x0511450d
        sw a2, 0(a1)
        fence.i
        jal ra, patch_me
        CHECK(a0, 7, 3)

        # a routine assembled at run time in a data buffer: addi a0, a0, 5 ; ret
        la a1, code_buf
        li a2, 0x00550513
        sw a2, 0(a1)
        li a2, 0x00008067
        sw a2, 4(a1)
        fence.i
        li a0, 10
        jalr ra, 0(a1)
        CHECK(a0, 15, 4)
        # modify it (addi a0, a0, -1) and call again
        li a2, 0xfff50513
        sw a2, 0(a1)
        fence.i
        li a0, 10
        jalr ra, 0(a1)
        CHECK(a0, 9, 5)
        # the same location overwritten with a halfword store only (a compressed c.li a0, -2)
        li a2, 0x5579
        sh a2, 0(a1)
        li a2, 0x8082                           # c.jr ra
        sh a2, 2(a1)
        fence.i
        li a0, 10
        jalr ra, 0(a1)
        CHECK(a0, -2, 6)
        TEST_PASS

        .option push
        .option norvc
        .balign 4
patch_me:
patch_slot:
        addi a0, x0, 1
        ret
        .option pop

        .data
        .balign 64
code_buf:
        .zero 64
