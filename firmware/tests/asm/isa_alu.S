# RV64I integer computation: reg/imm ALU ops, 32-bit W forms (sign extension), shifts with a 6-bit
# shamt (5-bit for W forms), lui/auipc, x0 as destination.  Base encodings only (.option norvc).
#include "macros.h"

#define TEST_RR(n, op, a, b, res) li a1, a; li a2, b; op a0, a1, a2; CHECK(a0, res, n)
#define TEST_RI(n, op, a, imm, res) li a1, a; op a0, a1, imm; CHECK(a0, res, n)

TEST_BEGIN
        .option push
        .option norvc

        # ---- add / sub (64-bit wrap-around)
        TEST_RR(1, add, 0x7fffffffffffffff, 1, 0x8000000000000000)
        TEST_RR(2, add, -1, -1, -2)
        TEST_RR(3, sub, 0, 1, -1)
        TEST_RR(4, sub, 0x8000000000000000, 1, 0x7fffffffffffffff)
        TEST_RI(5, addi, 5, -6, -1)
        TEST_RI(6, addi, 0x7ffffffffffff800, -2048, 0x7ffffffffffff000)
        TEST_RI(7, addi, 0, 2047, 2047)

        # ---- W forms: operate on the low 32 bits, sign-extend the 32-bit result
        TEST_RI(8, addiw, 0x7fffffff, 1, 0xffffffff80000000)
        TEST_RI(9, addiw, 0x123456789abcdef0, 0, 0xffffffff9abcdef0)     # sext.w
        TEST_RI(10, addiw, 0xffffffff00000001, -2, -1)
        TEST_RR(11, addw, 0x00000000ffffffff, 1, 0)
        TEST_RR(12, addw, 0x7fffffff, 0x7fffffff, 0xfffffffffffffffe)
        TEST_RR(13, addw, 0x1234567800000005, 0xabcdef0000000003, 8)
        TEST_RR(14, subw, 0, 1, -1)
        TEST_RR(15, subw, 0xffffffff80000000, 1, 0x7fffffff)
        TEST_RR(16, subw, 0x100000000, 0, 0)

        # ---- compares
        TEST_RR(17, slt, -1, 1, 1)
        TEST_RR(18, slt, 1, -1, 0)
        TEST_RR(19, sltu, -1, 1, 0)
        TEST_RR(20, sltu, 1, -1, 1)
        TEST_RR(21, slt, 5, 5, 0)
        TEST_RI(22, slti, -3, -2, 1)
        TEST_RI(23, slti, 0x8000000000000000, 0, 1)
        TEST_RI(24, sltiu, 5, -1, 1)                 # imm sign-extends to 2^64-1
        TEST_RI(25, sltiu, -1, -1, 0)
        TEST_RI(26, sltiu, 0, 1, 1)                  # seqz
        li a1, 7
        sltu a0, zero, a1                            # snez
        CHECK(a0, 1, 27)
        li a1, 0
        sltu a0, zero, a1
        CHECK(a0, 0, 28)

        # ---- logic (immediates are sign-extended)
        TEST_RR(29, and, 0xff00ff00ff00ff00, 0x0ff00ff00ff00ff0, 0x0f000f000f000f00)
        TEST_RR(30, or,  0xff00ff00ff00ff00, 0x0ff00ff00ff00ff0, 0xfff0fff0fff0fff0)
        TEST_RR(31, xor, 0xff00ff00ff00ff00, 0x0ff00ff00ff00ff0, 0xf0f0f0f0f0f0f0f0)
        TEST_RI(32, andi, 0x123456789abcdef7, -16, 0x123456789abcdef0)
        TEST_RI(33, andi, 0x123456789abcdef7, 0x7f0, 0x6f0)
        TEST_RI(34, ori, 0x1200000000000000, -2048, 0xfffffffffffff800)
        TEST_RI(35, xori, 0x0f0f0f0f0f0f0f0f, -1, 0xf0f0f0f0f0f0f0f0)
        TEST_RI(36, xori, 0x00ff, 0x0f0, 0x000f)

        # ---- 64-bit shifts: shamt is 6 bits; register shifts use rs2[5:0]
        TEST_RI(37, slli, 1, 63, 0x8000000000000000)
        TEST_RI(38, slli, 0x0123456789abcdef, 4, 0x123456789abcdef0)
        TEST_RI(39, srli, 0x8000000000000000, 63, 1)
        TEST_RI(40, srli, -1, 32, 0xffffffff)
        TEST_RI(41, srai, 0x8000000000000000, 63, -1)
        TEST_RI(42, srai, 0x8000000000000000, 32, 0xffffffff80000000)
        TEST_RI(43, srai, 0x4000000000000000, 62, 1)
        TEST_RR(44, sll, 1, 65, 2)                   # 65 & 63 = 1
        TEST_RR(45, sll, 1, 63, 0x8000000000000000)
        TEST_RR(46, srl, 0x8000000000000000, 0xffffffffffffffff, 1)  # shift by 63
        TEST_RR(47, sra, 0x8000000000000000, 0x7f, -1)
        TEST_RR(48, sra, 0x8000000000000000, 0x40, 0x8000000000000000) # 64 & 63 = 0
        TEST_RR(49, srl, 0xf0, 4, 0xf)

        # ---- 32-bit shifts: 5-bit shamt, operate on the low word, sign-extend the result
        TEST_RI(50, slliw, 1, 31, 0xffffffff80000000)
        TEST_RI(51, slliw, 0xffffffff00000003, 1, 6)
        TEST_RI(52, srliw, 0xffffffff80000000, 31, 1)
        TEST_RI(53, srliw, 0x0000000080000000, 0, 0xffffffff80000000)
        TEST_RI(54, srliw, 0xffffffff00000010, 4, 1)
        TEST_RI(55, sraiw, 0x80000000, 4, 0xfffffffff8000000)
        TEST_RI(56, sraiw, 0x123456787fffffff, 31, 0)
        TEST_RR(57, sllw, 1, 33, 2)                  # 33 & 31 = 1
        TEST_RR(58, sllw, 1, 31, 0xffffffff80000000)
        TEST_RR(59, srlw, 0xffffffff80000000, 0x3f, 1)
        TEST_RR(60, srlw, 0x1234567880000000, 32, 0xffffffff80000000)  # 32 & 31 = 0
        TEST_RR(61, sraw, 0x80000000, 0x21, 0xffffffffc0000000)
        TEST_RR(62, sraw, 0x40000000, 30, 1)

        # ---- lui / auipc
        lui a0, 0x80000
        CHECK(a0, 0xffffffff80000000, 63)
        lui a0, 0x7ffff
        CHECK(a0, 0x7ffff000, 64)
        lui a0, 0xfffff
        CHECK(a0, 0xfffffffffffff000, 65)
1:      auipc a0, 0
        CHECK_LA(a0, 1b, 66)
2:      auipc a0, 1
        la a1, 2b
        sub a0, a0, a1
        CHECK(a0, 0x1000, 67)
3:      auipc a0, 0x80000                            # pc - 2^31
        la a1, 3b
        sub a0, a0, a1
        CHECK(a0, 0xffffffff80000000, 68)

        # ---- x0 is hard-wired to zero; rd == rs aliasing
        li a1, 123
        add zero, a1, a1
        addi x0, x0, 5
        lui x0, 0x12345
        CHECK(zero, 0, 69)
        li a0, 7
        add a0, a0, a0
        CHECK(a0, 14, 70)
        li a0, 0x0f
        sub a0, zero, a0
        CHECK(a0, -15, 71)
        li a0, 0x80000000
        addiw a0, a0, 0
        CHECK(a0, 0xffffffff80000000, 72)

        # ---- nop and hint encodings do nothing
        li a0, 9
        nop
        addi x0, a0, 1          # a hint (rd = x0)
        .word 0x00100013        # addi x0, x0, 1: hint
        CHECK(a0, 9, 73)

        .option pop
        TEST_PASS
