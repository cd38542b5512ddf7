# RV64I control transfer: every conditional branch taken / not taken (signed and unsigned
# comparisons, equal operands, backward loops), jal / jalr (link value, jalr clearing bit 0,
# negative offsets, rd == rs1, x0 link), 2-byte aligned jump targets (legal with C).
#include "macros.h"

# Branch must be taken: falls into a failure (got 0, expected 1) otherwise.
#define BR_TAKEN(n, op, a, b) \
        li gp, n; li a1, a; li a2, b; op a1, a2, 97f; li t5, 0; li t6, 1; j test_fail; 97:
# Branch must not be taken: a taken branch fails (got 1, expected 0).
#define BR_NOT(n, op, a, b) \
        li gp, n; li a1, a; li a2, b; op a1, a2, 96f; j 95f; 96: li t5, 1; li t6, 0; j test_fail; 95:

TEST_BEGIN
        .option push
        .option norvc

        BR_TAKEN(1, beq, 5, 5)
        BR_NOT(2, beq, 5, 6)
        BR_NOT(3, beq, 0x100000000, 0)           # all 64 bits compared
        BR_TAKEN(4, bne, 0x100000000, 0)
        BR_NOT(5, bne, -1, -1)
        BR_TAKEN(6, blt, -1, 0)
        BR_NOT(7, blt, 0, -1)
        BR_NOT(8, blt, 7, 7)
        BR_TAKEN(9, blt, 0x8000000000000000, 0x7fffffffffffffff)
        BR_TAKEN(10, bge, 7, 7)
        BR_TAKEN(11, bge, 0, -1)
        BR_NOT(12, bge, -1, 0)
        BR_TAKEN(13, bltu, 0, -1)
        BR_NOT(14, bltu, -1, 0)
        BR_NOT(15, bltu, 3, 3)
        BR_TAKEN(16, bltu, 0x7fffffffffffffff, 0x8000000000000000)
        BR_TAKEN(17, bgeu, -1, 0)
        BR_TAKEN(18, bgeu, 3, 3)
        BR_NOT(19, bgeu, 0, -1)
        BR_NOT(20, bgeu, 0x7fffffffffffffff, 0x8000000000000000)

        # backward branch: count down 10 times
        li a0, 10
        li a1, 0
1:      addi a1, a1, 3
        addi a0, a0, -1
        bnez a0, 1b
        CHECK(a1, 30, 21)

        # ---- jal: link = pc + 4
        li ra, 0
2:      jal ra, 3f
        li t5, 0                # not reached
        li t6, 1
        li gp, 22
        j test_fail
3:      la a0, 2b
        addi a0, a0, 4
        CHECK_REG(ra, a0, 22)
        # jal with another link register, and with x0 (plain jump)
4:      jal a5, 5f
        j test_fail
5:      la a0, 4b
        addi a0, a0, 4
        CHECK_REG(a5, a0, 23)
        jal x0, 6f
        li gp, 24
        j test_fail
6:
        # ---- jalr: target = (rs1 + imm) & ~1, link = pc + 4
        la a1, 7f
        addi a1, a1, 1          # odd address: bit 0 is cleared
8:      jalr ra, 0(a1)
        li gp, 25
        j test_fail
7:      la a0, 8b
        addi a0, a0, 4
        CHECK_REG(ra, a0, 25)

        la a1, 9f
        addi a1, a1, 64
10:     jalr t2, -64(a1)        # negative offset
        li gp, 26
        j test_fail
9:      la a0, 10b
        addi a0, a0, 4
        CHECK_REG(t2, a0, 26)

        la a1, 11f
        addi a1, a1, -33        # odd immediate: (a1 - 33) + 33 is the label again
12:     jalr a1, 33(a1)         # rd == rs1: target uses the old value
        li gp, 27
        j test_fail
11:     la a0, 12b
        addi a0, a0, 4
        CHECK_REG(a1, a0, 27)

        la a1, 13f
        jalr x0, 0(a1)          # jr: no link
        li gp, 28
        j test_fail
13:
        # call / ret through a subroutine that is entered twice
        li a0, 0
        jal ra, sub_add5
        jal ra, sub_add5
        CHECK(a0, 10, 29)

        .option pop

        # ---- 2-byte aligned targets are legal with C: a 4-byte jal to a halfword boundary
        .option push
        .option rvc
        .balign 4
16:     jal ra, 14f             # at 0 mod 4: the target below is at 2 mod 4
        c.j 17f
14:     la a0, 16b
        addi a0, a0, 4
        CHECK_REG(ra, a0, 30)
        la a0, 14b
        andi a0, a0, 3
        CHECK(a0, 2, 31)
        la a1, 15f
        jalr ra, 0(a1)          # and jalr to a 2 mod 4 address
        j 17f
        .balign 4
        c.nop
15:     la a0, 15b
        andi a0, a0, 3
        CHECK(a0, 2, 32)
        j 18f
17:     li gp, 30               # a jump above went wrong
        j test_fail
18:
        .option pop

        TEST_PASS

        .option push
        .option norvc
sub_add5:
        addi a0, a0, 5
        ret
        .option pop
