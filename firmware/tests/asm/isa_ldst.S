# RV64I loads and stores of every width: sign / zero extension of lb/lh/lw vs lbu/lhu/lwu, little-endian
# byte order, stores writing only their width, positive / negative / extreme 12-bit offsets, x0 as the
# load destination.  All accesses naturally aligned (misaligned ones are in trap_misaligned.S).
#include "macros.h"

TEST_BEGIN
        .option push
        .option norvc
        la s0, src              # bytes 87 96 a5 b4 c3 d2 e1 f0 | 08 07 06 05 04 03 02 01
        lb a0, 0(s0)
        CHECK(a0, 0xffffffffffffff87, 1)
        lbu a0, 0(s0)
        CHECK(a0, 0x87, 2)
        lb a0, 7(s0)
        CHECK(a0, 0xfffffffffffffff0, 3)
        lb a0, 8(s0)
        CHECK(a0, 0x08, 4)
        lbu a0, 15(s0)
        CHECK(a0, 0x01, 5)
        lh a0, 0(s0)
        CHECK(a0, 0xffffffffffff9687, 6)
        lhu a0, 0(s0)
        CHECK(a0, 0x9687, 7)
        lh a0, 6(s0)
        CHECK(a0, 0xfffffffffffff0e1, 8)
        lhu a0, 2(s0)
        CHECK(a0, 0xb4a5, 9)
        lh a0, 8(s0)
        CHECK(a0, 0x0708, 10)
        lw a0, 0(s0)
        CHECK(a0, 0xffffffffb4a59687, 11)
        lwu a0, 0(s0)
        CHECK(a0, 0xb4a59687, 12)
        lw a0, 4(s0)
        CHECK(a0, 0xfffffffff0e1d2c3, 13)
        lw a0, 8(s0)
        CHECK(a0, 0x05060708, 14)
        lwu a0, 12(s0)
        CHECK(a0, 0x01020304, 15)
        ld a0, 0(s0)
        CHECK(a0, 0xf0e1d2c3b4a59687, 16)
        ld a0, 8(s0)
        CHECK(a0, 0x0102030405060708, 17)

        # negative and extreme offsets
        addi s1, s0, 16
        ld a0, -8(s1)
        CHECK(a0, 0x0102030405060708, 18)
        lw a0, -16(s1)
        CHECK(a0, 0xffffffffb4a59687, 19)
        la s1, far_src
        addi s1, s1, -2047
        lbu a0, 2047(s1)
        CHECK(a0, 0x5a, 20)
        la s1, far_src
        addi s1, s1, 2047
        addi s1, s1, 1
        lbu a0, -2048(s1)
        CHECK(a0, 0x5a, 21)

        # ---- stores write exactly their width (little-endian) and only the low bits of rs2
        la s1, dst
        li a1, -1
        sd a1, 0(s1)
        sd a1, 8(s1)
        li a1, 0x1122334455667788
        sb a1, 0(s1)
        ld a0, 0(s1)
        CHECK(a0, 0xffffffffffffff88, 22)
        sh a1, 2(s1)
        ld a0, 0(s1)
        CHECK(a0, 0xffffffff7788ff88, 23)
        sw a1, 4(s1)
        ld a0, 0(s1)
        CHECK(a0, 0x556677887788ff88, 24)
        sd a1, 8(s1)
        ld a0, 8(s1)
        CHECK(a0, 0x1122334455667788, 25)
        ld a0, 0(s1)
        CHECK(a0, 0x556677887788ff88, 26)     # neighbours untouched
        sb zero, 15(s1)
        ld a0, 8(s1)
        CHECK(a0, 0x0022334455667788, 27)
        li a1, 0xabcd
        sh a1, -2(s1)                          # negative offset: last halfword of dst_pre
        la a2, dst_pre
        ld a0, 0(a2)
        CHECK(a0, 0xabcd000000000000, 28)
        li a1, 0xdeadbeef
        sw a1, 16(s1)
        lwu a0, 16(s1)
        CHECK(a0, 0xdeadbeef, 29)
        lw a0, 16(s1)
        CHECK(a0, 0xffffffffdeadbeef, 30)
        lhu a0, 18(s1)
        CHECK(a0, 0xdead, 31)
        lb a0, 19(s1)
        CHECK(a0, 0xffffffffffffffde, 32)

        # ---- a load into x0 is discarded; a store of x0 writes zeros
        ld zero, 0(s0)
        CHECK(zero, 0, 33)
        sd zero, 8(s1)
        ld a0, 8(s1)
        CHECK(a0, 0, 34)
        # load after store to the same address with a different width
        li a1, 0x80
        sb a1, 24(s1)
        lb a0, 24(s1)
        CHECK(a0, 0xffffffffffffff80, 35)
        lbu a0, 24(s1)
        CHECK(a0, 0x80, 36)
        # base register == destination
        la a3, src
        ld a3, 8(a3)
        CHECK(a3, 0x0102030405060708, 37)

        .option pop
        TEST_PASS

        .data
        .balign 16
src:    .dword 0xf0e1d2c3b4a59687
        .dword 0x0102030405060708
        .zero 2032
far_src: .byte 0x5a
        .balign 8
dst_pre: .dword 0
dst:    .zero 32
