# RV64A: every AMO in .w and .d form (returned old value, sign extension of .w results, memory result,
# .w touching only its word), signed vs unsigned min/max, rd = x0, aq/rl variants; lr/sc success,
# sc without a reservation failing, sc to another address failing, a second sc failing.
# An lr/sc pair is retried a few times: Spike drops every reservation at the end of its
# 5000-instruction scheduling quantum, so a single attempt may legitimately fail.  A trap between
# lr and sc always makes the sc fail on Spike (a trap ends the quantum).
#include "macros.h"

# AMO(n, op, init, rs2, old, new): mem = init; rd = op(mem, rs2); check rd == old, mem == new
#define AMO_D(n, op, init, src, old, new) \
        li a1, init; sd a1, 0(s0); li a2, src; op a0, a2, (s0); CHECK(a0, old, n); ld a3, 0(s0); CHECK(a3, new, n)
# .w: the word sits in the low half of a doubleword whose high half is a canary (0x5a5a5a5a)
#define AMO_W(n, op, init, src, old, new) \
        li a1, init; sw a1, 0(s0); li a2, src; op a0, a2, (s0); CHECK(a0, old, n); lwu a3, 0(s0); \
        li a4, new; slli a4, a4, 32; srli a4, a4, 32; CHECK_REG(a3, a4, n); lwu a3, 4(s0); CHECK(a3, 0x5a5a5a5a, n)

TEST_BEGIN
        la s0, cell
        li a1, 0x5a5a5a5a
        sw a1, 4(s0)

        # ---- 32-bit AMOs (rd sign-extended from the old word)
        AMO_W(1, amoswap.w, 0x80000001, 0x1234, 0xffffffff80000001, 0x1234)
        AMO_W(2, amoadd.w, 0x7fffffff, 1, 0x7fffffff, 0x80000000)
        AMO_W(3, amoadd.w, 0xffffffff, 0xffffffff00000002, 0xffffffffffffffff, 1)
        AMO_W(4, amoxor.w, 0xff00ff00, 0x0ff00ff0, 0xffffffffff00ff00, 0xf0f0f0f0)
        AMO_W(5, amoand.w, 0xff00ff00, 0x0ff00ff0, 0xffffffffff00ff00, 0x0f000f00)
        AMO_W(6, amoor.w, 0x0f00ff00, 0x0ff00ff0, 0x0f00ff00, 0x0ff0fff0)
        AMO_W(7, amomin.w, 0x80000000, 1, 0xffffffff80000000, 0x80000000)
        AMO_W(8, amomin.w, 5, 0xffffffff, 5, 0xffffffff)
        AMO_W(9, amomax.w, 0x80000000, 1, 0xffffffff80000000, 1)
        AMO_W(10, amomax.w, 5, 0x1fffffffe, 5, 5)              # rs2 low word = -2
        AMO_W(11, amominu.w, 0x80000000, 1, 0xffffffff80000000, 1)
        AMO_W(12, amominu.w, 5, 0x100000006, 5, 5)
        AMO_W(13, amomaxu.w, 0x80000000, 1, 0xffffffff80000000, 0x80000000)
        AMO_W(14, amomaxu.w, 5, 0xffffffff, 5, 0xffffffff)
        AMO_W(15, amoswap.w.aqrl, 7, 8, 7, 8)
        AMO_W(16, amoadd.w.aq, 7, 8, 7, 15)
        AMO_W(17, amoor.w.rl, 1, 2, 1, 3)

        # ---- 64-bit AMOs
        AMO_D(18, amoswap.d, 0x8000000000000001, 0x1234, 0x8000000000000001, 0x1234)
        AMO_D(19, amoadd.d, 0x7fffffffffffffff, 1, 0x7fffffffffffffff, 0x8000000000000000)
        AMO_D(20, amoadd.d, 0x00000000ffffffff, 1, 0x00000000ffffffff, 0x0000000100000000)
        AMO_D(21, amoxor.d, 0xff00ff00ff00ff00, 0x0ff00ff00ff00ff0, 0xff00ff00ff00ff00, 0xf0f0f0f0f0f0f0f0)
        AMO_D(22, amoand.d, 0xff00ff00ff00ff00, 0x0ff00ff00ff00ff0, 0xff00ff00ff00ff00, 0x0f000f000f000f00)
        AMO_D(23, amoor.d, 0x0f00ff000f00ff00, 0x0ff00ff00ff00ff0, 0x0f00ff000f00ff00, 0x0ff0fff00ff0fff0)
        AMO_D(24, amomin.d, 0x8000000000000000, 1, 0x8000000000000000, 0x8000000000000000)
        AMO_D(25, amomin.d, 5, -1, 5, -1)
        AMO_D(26, amomax.d, 0x8000000000000000, 1, 0x8000000000000000, 1)
        AMO_D(27, amomax.d, 0x00000000ffffffff, 0x7fffffff, 0x00000000ffffffff, 0x00000000ffffffff)
        AMO_D(28, amominu.d, 0x8000000000000000, 1, 0x8000000000000000, 1)
        AMO_D(29, amominu.d, 5, -1, 5, 5)
        AMO_D(30, amomaxu.d, 0x8000000000000000, 1, 0x8000000000000000, 0x8000000000000000)
        AMO_D(31, amomaxu.d, 5, -1, 5, -1)
        AMO_D(32, amoadd.d.aqrl, 40, 2, 40, 42)

        # rd = x0: memory still updated
        li a1, 10
        sd a1, 0(s0)
        li a2, 5
        amoadd.d zero, a2, (s0)
        ld a0, 0(s0)
        CHECK(a0, 15, 33)
        # rd == rs2
        li a2, 3
        amoswap.d a2, a2, (s0)
        CHECK(a2, 15, 34)
        ld a0, 0(s0)
        CHECK(a0, 3, 35)

        # ---- lr / sc
        # sc without any reservation fails (nothing has done lr yet) and leaves memory alone
        li a1, 77
        sd a1, 8(s0)
        li a2, 99
        addi s3, s0, 8
        sc.d a0, a2, (s3)
        bnez a0, 1f
        CHECK(a0, 1, 36)                        # got 0 = success: wrong
1:      ld a0, 8(s0)
        CHECK(a0, 77, 37)

        # lr.d / sc.d success (retried at most 4 times)
        li s1, 4
2:      lr.d a0, (s0)
        addi a0, a0, 100
        sc.d a3, a0, (s0)
        beqz a3, 3f
        addi s1, s1, -1
        bnez s1, 2b
        CHECK(a3, 0, 38)                        # never succeeded
3:      ld a0, 0(s0)
        CHECK(a0, 103, 39)
        # the reservation is consumed: a second sc.d fails
        li a2, 555
        sc.d a3, a2, (s0)
        bnez a3, 4f
        CHECK(a3, 1, 40)
4:      ld a0, 0(s0)
        CHECK(a0, 103, 41)

        # lr.w sign-extends; sc.w success stores one word
        li a1, 0xfffffff0
        sw a1, 0(s0)
        li s1, 4
5:      lr.w a0, (s0)
        mv s2, a0
        li a2, 0x11223344
        sc.w a3, a2, (s0)
        beqz a3, 6f
        addi s1, s1, -1
        bnez s1, 5b
        CHECK(a3, 0, 42)
6:      CHECK(s2, 0xfffffffffffffff0, 43)
        ld a0, 0(s0)
        CHECK(a0, 0x0000000011223344, 44)      # high word (0 since the .d tests) untouched

        # sc to an address other than the reserved one fails
        lr.d a0, (s0)
        li a2, 1
        addi s3, s0, 8
        sc.d a3, a2, (s3)
        bnez a3, 7f
        CHECK(a3, 1, 45)
7:      ld a0, 8(s0)
        CHECK(a0, 77, 46)
        # ... and that sc also dropped the reservation on the first address
        sc.d a3, a2, (s0)
        bnez a3, 8f
        CHECK(a3, 1, 47)
8:
        # lr/sc.aqrl forms assemble to the same semantics
        li s1, 4
9:      lr.d.aq a0, (s0)
        sc.d.rl a3, zero, (s0)
        beqz a3, 10f
        addi s1, s1, -1
        bnez s1, 9b
        CHECK(a3, 0, 48)
10:     ld a0, 0(s0)
        CHECK(a0, 0, 49)

        # a trap between lr and sc: Spike ends the hart's scheduling quantum on every trap and
        # drops the reservation at the end of each quantum, so this sc always fails there
        li a1, 0x31
        sd a1, 0(s0)
        lr.d a0, (s0)
        EXPECT_TRAP_M
        ecall
        li a2, 0x32
        sc.d a3, a2, (s0)
        CHECK(a3, 1, 50)
        ld a0, 0(s0)
        CHECK(a0, 0x31, 51)
        TEST_PASS

        .data
        .balign 16
cell:   .dword 0, 0
