# custom-3 (RoCC) without an accelerator attached (no --extension=gemmini) is an illegal instruction,
# as on Spike: mcause 2, mtval the instruction bits, whatever funct7 and xd say.
#include "macros.h"

TEST_BEGIN
        EXPECT_TRAP_M
1:      .word 0x0020b07b                        # funct7 0 (Gemmini CONFIG), xs1 xs2: rs1 = ra, rs2 = sp
        CHECK_TRAP_M(CAUSE_ILLEGAL, 1b, 0x0020b07b, 1)
        li a0, 0x1234
        EXPECT_TRAP_M
2:      .word 0xfc20f57b                        # funct7 126 (COUNTER), xd: rd = a0
        CHECK_TRAP_M(CAUSE_ILLEGAL, 2b, 0xfc20f57b, 2)
        CHECK(a0, 0x1234, 3)                    # rd untouched
        TEST_PASS
