/* RV64 32-bit "W" operations: results are the low 32 bits sign-extended; upper source bits ignored. */
#include "check.h"

#define OP(insn, a, b) ({ uint64_t r_; __asm__ volatile(insn " %0, %1, %2" : "=r"(r_) : "r"((uint64_t)(a)), "r"((uint64_t)(b))); r_; })
#define OPI(insn, a, imm) ({ uint64_t r_; __asm__ volatile(insn " %0, %1, %2" : "=r"(r_) : "r"((uint64_t)(a)), "i"(imm)); r_; })

#define JUNK 0xdeadbeef00000000ull   /* upper bits that W operations must ignore */

int main(void)
{
    CHECK("addw max32+1", OP("addw", 0x7fffffff, 1), 0xffffffff80000000ull);
    CHECK("addw ignores upper bits", OP("addw", JUNK | 1, 0xffff000000000002ull), 3);
    CHECK("addw -1+-1", OP("addw", -1, -1), -2);
    CHECK("subw min32-1", OP("subw", 0x80000000, 1), 0x7fffffff);
    CHECK("subw 0-1", OP("subw", 0, 1), -1);
    CHECK("addiw max32+1", OPI("addiw", 0x7fffffff, 1), 0xffffffff80000000ull);
    CHECK("addiw 0 (sext.w)", OPI("addiw", 0x00000000fffffffeull, 0), -2);
    CHECK("addiw -2048", OPI("addiw", JUNK, -2048), -2048);

    CHECK("sllw 1<<31", OP("sllw", 1, 31), 0xffffffff80000000ull);
    CHECK("sllw 1<<32 (=<<0)", OP("sllw", 1, 32), 1);
    CHECK("sllw drops bit 31", OP("sllw", 0x80000001, 1), 2);
    CHECK("srlw 0x80000000>>0", OP("srlw", 0x80000000, 0), 0xffffffff80000000ull);
    CHECK("srlw 0x80000000>>1", OP("srlw", JUNK | 0x80000000, 1), 0x40000000);
    CHECK("srlw -1>>31", OP("srlw", -1, 31), 1);
    CHECK("srlw -1>>33 (=>>1)", OP("srlw", -1, 33), 0x7fffffff);
    CHECK("sraw 0x80000000>>31", OP("sraw", 0x80000000, 31), -1);
    CHECK("sraw 0x80000000>>4", OP("sraw", JUNK | 0x80000000, 4), 0xfffffffff8000000ull);
    CHECK("sraw 0x7fffffff>>4", OP("sraw", 0x7fffffff, 4), 0x07ffffff);
    CHECK("slliw 31", OPI("slliw", 3, 31), 0xffffffff80000000ull);
    CHECK("srliw 0", OPI("srliw", 0x80000000, 0), 0xffffffff80000000ull);
    CHECK("srliw 8", OPI("srliw", JUNK | 0x80000000, 8), 0x00800000);
    CHECK("sraiw 31", OPI("sraiw", 0x80000000, 31), -1);

    CHECK("mulw overflow", OP("mulw", 0x10000, 0x10000), 0);
    CHECK("mulw 0x7fffffff*2", OP("mulw", 0x7fffffff, 2), -2);
    CHECK("mulw -3*5 (junk)", OP("mulw", JUNK | 0xfffffffd, 5), -15);
    CHECK("mulw 0x12345678*0x9abcdef", OP("mulw", 0x12345678, 0x9abcdef), 0xffffffffe242d208ull);

    CHECK("divw 7/-2", OP("divw", 7, -2), -3);
    CHECK("divw x/0", OP("divw", 5, 0), -1);
    CHECK("divw min32/-1", OP("divw", 0x80000000, -1), 0xffffffff80000000ull);
    CHECK("divw ignores upper bits", OP("divw", JUNK | 100, JUNK | 7), 14);
    CHECK("divuw x/0", OP("divuw", 5, 0), -1);
    CHECK("divuw 0x80000000/1", OP("divuw", 0x80000000, 1), 0xffffffff80000000ull);
    CHECK("divuw 0xffffffff/2", OP("divuw", 0xffffffff, 2), 0x7fffffff);
    CHECK("remw -7%2", OP("remw", -7, 2), -1);
    CHECK("remw x%0", OP("remw", JUNK | 0x80000005, 0), 0xffffffff80000005ull);
    CHECK("remw min32%-1", OP("remw", 0x80000000, -1), 0);
    CHECK("remuw x%0", OP("remuw", JUNK | 0x80000005, 0), 0xffffffff80000005ull);
    CHECK("remuw 0xffffffff%10", OP("remuw", 0xffffffff, 10), 5);

    /* C-level int/unsigned arithmetic compiles to W ops at -O2 */
    volatile int32_t a = 0x7ffffff0, b = 0x20;
    volatile uint32_t u = 0xfffffff0u, v = 0x20;
    int64_t widened = (int64_t)(int32_t)((uint32_t)a + (uint32_t)b);
    CHECK("int32 wrap, widened", widened, -2147483632);
    CHECK("uint32 wrap, widened", (uint64_t)(u + v), 0x10);
    CHECK("int32 mul wrap, widened", (int64_t)(int32_t)((uint32_t)a * 4u), -64);
    CHECK("uint32 div", (uint64_t)(u / v), 0x7ffffff);
    CHECK("int32 shift right", (int64_t)((int32_t)u >> 4), -1);
    return check_done();
}
