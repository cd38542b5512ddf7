# RV64M: mul / mulh / mulhsu / mulhu (high halves of signed, mixed and unsigned 128-bit products),
# div / divu / rem / remu with division by zero and signed overflow, and the W forms
# (mulw, divw, divuw, remw, remuw) which use only the low 32 bits and sign-extend the result.
#include "macros.h"

#define TEST_RR(n, op, a, b, res) li a1, a; li a2, b; op a0, a1, a2; CHECK(a0, res, n)
#define MIN64 0x8000000000000000
#define MAX64 0x7fffffffffffffff

TEST_BEGIN
        .option push
        .option norvc
        # ---- multiplication
        TEST_RR(1, mul, 6, 7, 42)
        TEST_RR(2, mul, -1, -1, 1)
        TEST_RR(3, mul, MAX64, 2, 0xfffffffffffffffe)
        TEST_RR(4, mul, 0x0000000100000001, 0x0000000100000001, 0x0000000200000001)
        TEST_RR(5, mulh, -1, -1, 0)
        TEST_RR(6, mulh, MIN64, MIN64, 0x4000000000000000)
        TEST_RR(7, mulh, -1, 1, -1)
        TEST_RR(8, mulh, MAX64, MAX64, 0x3fffffffffffffff)
        TEST_RR(9, mulh, MIN64, MAX64, 0xc000000000000000)
        TEST_RR(10, mulhu, -1, -1, 0xfffffffffffffffe)
        TEST_RR(11, mulhu, -1, 2, 1)
        TEST_RR(12, mulhu, MIN64, MIN64, 0x4000000000000000)
        TEST_RR(13, mulhu, 0x100000000, 0x100000000, 1)
        TEST_RR(14, mulhsu, -1, -1, -1)                 # -1 * (2^64-1)
        TEST_RR(15, mulhsu, 2, -1, 1)                   # 2 * (2^64-1)
        TEST_RR(16, mulhsu, MIN64, 2, -1)
        TEST_RR(17, mulhsu, MIN64, MIN64, 0xc000000000000000)  # -2^63 * 2^63
        TEST_RR(18, mulhsu, 5, 3, 0)
        TEST_RR(19, mulw, 0x7fffffff, 2, -2)
        TEST_RR(20, mulw, 0x100000003, 0x100000005, 15)
        TEST_RR(21, mulw, 0x10000, 0x10000, 0)          # 2^32 truncated
        TEST_RR(22, mulw, 0x8000, 0x10000, 0xffffffff80000000)
        # rd aliasing a source
        li a0, 9
        mul a0, a0, a0
        CHECK(a0, 81, 23)

        # ---- division (round toward zero), remainder has the dividend's sign
        TEST_RR(24, div, 42, 6, 7)
        TEST_RR(25, div, -7, 2, -3)
        TEST_RR(26, rem, -7, 2, -1)
        TEST_RR(27, div, 7, -2, -3)
        TEST_RR(28, rem, 7, -2, 1)
        TEST_RR(29, div, -7, -2, 3)
        TEST_RR(30, rem, -7, -2, -1)
        TEST_RR(31, divu, -1, 2, MAX64)
        TEST_RR(32, remu, -1, 10, 5)
        TEST_RR(33, divu, 7, -1, 0)
        TEST_RR(34, remu, 7, -1, 7)
        # by zero: quotient all ones, remainder = dividend; no trap
        TEST_RR(35, div, 123, 0, -1)
        TEST_RR(36, divu, 123, 0, -1)
        TEST_RR(37, rem, -123, 0, -123)
        TEST_RR(38, remu, 123, 0, 123)
        TEST_RR(39, div, 0, 0, -1)
        # signed overflow: MIN / -1 = MIN, remainder 0
        TEST_RR(40, div, MIN64, -1, MIN64)
        TEST_RR(41, rem, MIN64, -1, 0)
        TEST_RR(42, divu, MIN64, -1, 0)

        # ---- 32-bit division: low words only, 32-bit result sign-extended
        TEST_RR(43, divw, -7, 2, -3)
        TEST_RR(44, divw, 0x12345678fffffff9, 2, -3)    # upper bits ignored
        TEST_RR(45, remw, 0x12345678fffffff9, 2, -1)
        TEST_RR(46, divw, 0x80000000, -1, 0xffffffff80000000)  # overflow
        TEST_RR(47, remw, 0x80000000, -1, 0)
        TEST_RR(48, divw, 5, 0, -1)
        TEST_RR(49, divuw, 5, 0, -1)
        TEST_RR(50, remw, 0x1234567880000001, 0, 0xffffffff80000001)
        TEST_RR(51, remuw, 0x1234567800000007, 0, 7)
        TEST_RR(52, divuw, 0xffffffff, 2, 0x7fffffff)
        TEST_RR(53, divuw, 0x80000000, 1, 0xffffffff80000000)
        TEST_RR(54, remuw, 0xffffffff, 0x10, 15)
        TEST_RR(55, remuw, 0xfffffffe, 0xffffffff, 0xfffffffffffffffe)
        TEST_RR(56, divw, 0x7fffffff, 0xffffffff00000002, 0x3fffffff)
        TEST_RR(57, divuw, 0x100000010, 0x100000004, 4)
        .option pop
        TEST_PASS
