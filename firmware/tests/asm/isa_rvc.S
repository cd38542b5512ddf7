# RV64C: every compressed instruction class written with explicit c. mnemonics: c.addi4spn,
# c.lw/ld/sw/sd, c.lwsp/ldsp/swsp/sdsp, c.addi/addiw/li/lui/addi16sp, c.srli/srai/andi/slli,
# c.sub/xor/or/and/subw/addw, c.j, c.jr, c.jalr (link = pc + 2), c.beqz/bnez, c.mv, c.add, c.nop,
# and c.ebreak (breakpoint trap: mepc = its address, mtval = its address, 2-byte skip).
#include "macros.h"

TEST_BEGIN
        .option push
        .option rvc
        la sp, stack_top
        la s0, mem
        # ---- stack-pointer based
        c.addi4spn a0, sp, 16
        addi a1, sp, 16
        CHECK_REG(a0, a1, 1)
        c.addi4spn a5, sp, 1020                 # largest offset
        addi a1, sp, 1020
        CHECK_REG(a5, a1, 2)
        li a0, 0x1122334455667788
        c.sdsp a0, 8(sp)
        c.ldsp a1, 8(sp)
        CHECK(a1, 0x1122334455667788, 3)
        li a0, 0x80000001
        c.swsp a0, 4(sp)
        c.lwsp a1, 4(sp)                        # sign-extends
        CHECK(a1, 0xffffffff80000001, 4)
        c.ldsp a1, 0(sp)
        CHECK(a1, 0x8000000100000000, 5)
        li a0, 77
        c.sdsp a0, 504(sp)                      # largest c.sdsp offset
        ld a1, 504(sp)
        CHECK(a1, 77, 6)
        mv s1, sp
        c.addi16sp sp, -64
        addi a1, s1, -64
        CHECK_REG(sp, a1, 7)
        c.addi16sp sp, 496
        addi a1, s1, 432
        CHECK_REG(sp, a1, 8)
        mv sp, s1

        # ---- register based loads / stores (x8..x15)
        li a0, 0xfedcba9876543210
        c.sd a0, 8(s0)
        c.ld a1, 8(s0)
        CHECK(a1, 0xfedcba9876543210, 9)
        c.lw a2, 12(s0)                         # 0xfedcba98 sign-extended
        CHECK(a2, 0xfffffffffedcba98, 10)
        li a3, 0x01020304
        c.sw a3, 124(s0)                        # largest c.sw offset
        lwu a4, 124(s0)
        CHECK(a4, 0x01020304, 11)
        c.sd a0, 248(s0)                        # largest c.sd offset
        ld a4, 248(s0)
        CHECK(a4, 0xfedcba9876543210, 12)

        # ---- constants and immediates
        c.li a0, -32
        CHECK(a0, -32, 13)
        c.li a0, 31
        CHECK(a0, 31, 14)
        c.lui a0, 1
        CHECK(a0, 0x1000, 15)
        c.lui a0, 0xfffff
        CHECK(a0, 0xfffffffffffff000, 16)
        c.lui a0, 0x1f
        CHECK(a0, 0x1f000, 17)
        c.lui a0, 0xfffe0
        CHECK(a0, 0xfffffffffffe0000, 18)
        li a0, 10
        c.addi a0, -11
        CHECK(a0, -1, 19)
        li a0, 0x7fffffff
        c.addiw a0, 1
        CHECK(a0, 0xffffffff80000000, 20)
        li a0, 0x123456789
        c.addiw a0, 0                           # sext.w
        CHECK(a0, 0x23456789, 21)
        li a0, 5
        c.nop
        CHECK(a0, 5, 22)

        # ---- shifts and andi (x8..x15 for srli/srai/andi; any register for slli)
        li a0, 0x8000000000000000
        c.srli a0, 63
        CHECK(a0, 1, 23)
        li a0, 0x8000000000000000
        c.srai a0, 60
        CHECK(a0, 0xfffffffffffffff8, 24)
        li a0, 0xff
        c.andi a0, -16
        CHECK(a0, 0xf0, 25)
        li a0, -1
        c.andi a0, 31
        CHECK(a0, 31, 26)
        li t2, 3
        c.slli t2, 62
        CHECK(t2, 0xc000000000000000, 27)

        # ---- register-register
        li a0, 10
        li a1, 3
        c.sub a0, a1
        CHECK(a0, 7, 28)
        li a0, 0xff00
        li a1, 0x0ff0
        c.xor a0, a1
        CHECK(a0, 0xf0f0, 29)
        li a0, 0xff00
        c.or a0, a1
        CHECK(a0, 0xfff0, 30)
        li a0, 0xff00
        c.and a0, a1
        CHECK(a0, 0x0f00, 31)
        li a0, 0x80000000
        li a1, 1
        c.subw a0, a1
        CHECK(a0, 0x7fffffff, 32)
        li a0, 0x7fffffff
        c.addw a0, a1
        CHECK(a0, 0xffffffff80000000, 33)
        li a0, 0x100000001
        li a1, 0x100000001
        c.addw a0, a1
        CHECK(a0, 2, 34)
        li t3, 40
        c.mv a0, t3
        CHECK(a0, 40, 35)
        li t3, 2
        c.add a0, t3
        CHECK(a0, 42, 36)

        # ---- control transfer
        c.j 1f
        li gp, 37
        j test_fail
1:      li a0, 0
        c.beqz a0, 2f
        li gp, 38
        j test_fail
2:      li a0, 1
        c.beqz a0, 3f                           # not taken
        c.bnez a0, 4f
3:      li gp, 39
        j test_fail
4:      li a0, 0
        c.bnez a0, 3b                           # not taken
        la t0, 5f
        c.jr t0
        li gp, 40
        j test_fail
5:      la t0, 6f
7:      c.jalr t0                               # ra = address of c.jalr + 2
        li gp, 41
        j test_fail
6:      la a0, 7b
        addi a0, a0, 2
        CHECK_REG(ra, a0, 41)

        # ---- c.ebreak: breakpoint, mepc = mtval = address of the instruction
        EXPECT_TRAP_M
8:      c.ebreak
        CHECK_TRAP_M_LA(CAUSE_BREAKPOINT, 8b, 8b, 42)
        .option pop
        TEST_PASS

        .data
        .balign 16
mem:    .zero 256
stack:  .zero 1024
stack_top:
        .zero 1024
