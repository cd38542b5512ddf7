# Zicntr (needs the extension: run with Spike's default ISA or --isa=rv64gc_zicntr; plain rv64gc
# has no cycle/time/instret CSRs and this test then fails at check 1).
# spike-isa: rv64imafdc_zicntr_zihpm rv64gc_zicntr
# rdcycle/rdinstret/rdtime readable and monotonic; instret and cycle advance by exactly the number of
# instructions retired (Spike: CPI = 1, so cycle == instret deltas); time follows the CLINT's mtime
# (Spike: +50 every 5000 instructions on one hart); minstret/mcycle writable; mcountinhibit stops
# them; mcounteren / scounteren gate the user counters in S and U (illegal instruction otherwise).
#include "macros.h"

TEST_BEGIN
        .option push
        .option norvc
        EXPECT_TRAP_M
        rdcycle a0
        CHECK_NO_TRAP_M(1)
        EXPECT_TRAP_M
        rdinstret a0
        CHECK_NO_TRAP_M(1)
        EXPECT_TRAP_M
        rdtime a0
        CHECK_NO_TRAP_M(1)

        # ---- exact instruction counts between two reads (4 = the first read + 3 nops)
        rdinstret a0
        nop
        nop
        nop
        rdinstret a1
        sub a1, a1, a0
        CHECK(a1, 4, 2)
        rdcycle a0
        nop
        nop
        nop
        rdcycle a1
        sub a1, a1, a0
        CHECK(a1, 4, 3)
        # the user counters alias the machine ones
        csrr a0, minstret
        rdinstret a1
        sub a1, a1, a0
        CHECK(a1, 1, 4)
        csrr a0, mcycle
        rdcycle a1
        sub a1, a1, a0
        CHECK(a1, 1, 5)
        # a 1000-iteration loop of 2 instructions
        li s0, 1000
        rdinstret a0
1:      addi s0, s0, -1
        bnez s0, 1b
        rdinstret a1
        sub a1, a1, a0
        CHECK(a1, 2001, 6)

        # ---- writes: the written value is what the next read sees (plus the instructions since)
        li a0, 1000
        csrw minstret, a0
        csrr a1, minstret
        CHECK(a1, 1000, 7)
        li a0, 5000
        csrw mcycle, a0
        nop
        rdcycle a1
        CHECK(a1, 5001, 8)
        # ---- mcountinhibit: CY (bit 0) and IR (bit 2) stop the counters
        csrwi mcountinhibit, 5
        csrr a0, minstret
        csrr s1, mcycle
        nop
        nop
        csrr a1, minstret
        csrr s2, mcycle
        csrwi mcountinhibit, 0
        sub a1, a1, a0
        CHECK(a1, 0, 9)
        sub s2, s2, s1
        CHECK(s2, 0, 10)
        csrr a0, mcountinhibit
        CHECK(a0, 0, 11)
        csrwi mcountinhibit, 2                  # TM is read-only zero in mcountinhibit
        csrr a0, mcountinhibit
        CHECK(a0, 0, 12)

        # ---- time: monotonic, equal to the CLINT's mtime, advancing with executed instructions
        li s0, CLINT_MTIME
        ld a0, 0(s0)
        rdtime a1
        sub a2, a1, a0
        sltiu a2, a2, 51                        # rdtime - mtime in [0, 50]
        CHECK(a2, 1, 13)
        rdtime s1
        li s0, 10000                            # ~20000 instructions: 3..5 Spike ticks of 50
2:      addi s0, s0, -1
        bnez s0, 2b
        rdtime s2
        sub a0, s2, s1
        sltiu a1, a0, 150
        CHECK(a1, 0, 14)                        # advanced by at least 150
        sltiu a1, a0, 251
        CHECK(a1, 1, 15)                        # and at most 250
        # writing mtime moves time
        li s0, CLINT_MTIME
        li a0, 0x100000000
        sd a0, 0(s0)
        rdtime a1
        li a2, 0x100000000
        sub a1, a1, a2
        sltiu a1, a1, 51
        CHECK(a1, 1, 16)

        # ---- mcounteren gates S (and U); scounteren gates U
        csrw mcounteren, zero
        csrw scounteren, zero
        csrr a0, mcounteren
        CHECK(a0, 0, 17)
        li a0, 7
        csrw mcounteren, a0
        csrr a0, mcounteren
        CHECK(a0, 7, 18)                        # CY, TM, IR writable
        csrw mcounteren, zero
        GOTO_S(s_no_counters)
s_no_counters:
        EXPECT_TRAP_M
3:      rdcycle a0
        CHECK_TRAP_M(CAUSE_ILLEGAL, 3b, 0xc0002573, 19)
        EXPECT_TRAP_M
4:      rdtime a0
        CHECK_TRAP_M(CAUSE_ILLEGAL, 4b, 0xc0102573, 20)
        EXPECT_TRAP_M
5:      rdinstret a0
        CHECK_TRAP_M(CAUSE_ILLEGAL, 5b, 0xc0202573, 21)
        RETURN_TO_M
        csrwi mcounteren, 5                     # CY and IR, not TM
        GOTO_S(s_some_counters)
s_some_counters:
        EXPECT_TRAP_M
        rdcycle a0
        rdinstret a0
        CHECK_NO_TRAP_M(22)
        EXPECT_TRAP_M
6:      rdtime a0
        CHECK_TRAP_M(CAUSE_ILLEGAL, 6b, 0xc0102573, 23)
        # U-mode: needs both mcounteren (5) and scounteren
        csrwi scounteren, 1                     # CY only
        GOTO_U_FROM_S(u_counters)
u_counters:
        EXPECT_TRAP_M
        rdcycle a0
        CHECK_NO_TRAP_M(24)
        EXPECT_TRAP_M
7:      rdinstret a0                            # allowed by M, not by S
        CHECK_TRAP_M(CAUSE_ILLEGAL, 7b, 0xc0202573, 25)
        CHECK_M_FROM(PRV_U, 26)
        RETURN_TO_M
        csrwi scounteren, 7
        GOTO_U(u_counters2)
u_counters2:
        EXPECT_TRAP_M
        rdcycle a0
        rdinstret a0
        CHECK_NO_TRAP_M(27)
        EXPECT_TRAP_M
8:      rdtime a0                               # scounteren.TM set but mcounteren.TM clear
        CHECK_TRAP_M(CAUSE_ILLEGAL, 8b, 0xc0102573, 28)
        RETURN_TO_M
        csrwi mcounteren, 7
        GOTO_U(u_counters3)
u_counters3:
        EXPECT_TRAP_M
        rdtime a0
        CHECK_NO_TRAP_M(29)
        # machine counters are never accessible below M
        EXPECT_TRAP_M
9:      csrr a0, mcycle
        CHECK_TRAP_M(CAUSE_ILLEGAL, 9b, 0xb0002573, 30)
        RETURN_TO_M
        .option pop
        TEST_PASS
