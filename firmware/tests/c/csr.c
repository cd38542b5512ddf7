/* Machine-mode CSRs a C runtime relies on: mhartid, misa, mscratch, mtvec, mstatus, and the
   counters (minstret/mcycle count one per retired instruction, as in Spike). */
#include "check.h"
#include "rvgem.h"

extern char __trap_entry[];

int main(void)
{
    CHECK("mhartid", rvgem_hartid(), 0);
    uint64_t misa = rvgem_read_csr(misa);
    CHECK("misa.MXL = 64-bit", misa >> 62, 2);
    uint64_t need = (1u << ('I' - 'A')) | (1u << ('M' - 'A')) | (1u << ('A' - 'A')) | (1u << ('C' - 'A'));
    CHECK("misa has I, M, A, C", misa & need, need);

    rvgem_write_csr(mscratch, 0x0123456789abcdefull);
    CHECK("mscratch read back", rvgem_read_csr(mscratch), 0x0123456789abcdefull);
    uint64_t old;
    __asm__ volatile("csrrw %0, mscratch, %1" : "=r"(old) : "r"((uint64_t)42));
    CHECK("csrrw returns old", old, 0x0123456789abcdefull);
    __asm__ volatile("csrrs %0, mscratch, %1" : "=r"(old) : "r"((uint64_t)0x100));
    CHECK("csrrs returns old", old, 42);
    __asm__ volatile("csrrci %0, mscratch, 2" : "=r"(old));
    CHECK("csrrci returns old", old, 0x12a);
    CHECK("after csrrci", rvgem_read_csr(mscratch), 0x128);
    __asm__ volatile("csrrwi %0, mscratch, 31" : "=r"(old));
    CHECK("csrrwi", rvgem_read_csr(mscratch), 31);

    CHECK("mtvec = __trap_entry (direct)", rvgem_read_csr(mtvec) == (uint64_t)(uintptr_t)__trap_entry, 1);
    CHECK("mstatus.MIE off", (rvgem_read_csr(mstatus) >> 3) & 1, 0);

    /* counters: csrr reads the count of instructions retired before it */
    uint64_t a, b;
    __asm__ volatile("csrr %0, minstret\n\tnop\n\tnop\n\tnop\n\tcsrr %1, minstret" : "=&r"(a), "=r"(b));
    CHECK("minstret across 3 nops", b - a, 4);
    __asm__ volatile("csrr %0, mcycle\n\tnop\n\tcsrr %1, mcycle" : "=&r"(a), "=r"(b));
    CHECK("mcycle across 1 nop", b - a, 2);
    __asm__ volatile("csrw minstret, %1\n\tcsrr %0, minstret" : "=r"(a) : "r"((uint64_t)1000));
    CHECK("minstret written, read next", a, 1000);
    uint64_t before = rvgem_minstret();
    volatile uint64_t sink = 0;
    for (int i = 0; i < 1000; i++)
        sink += i;
    uint64_t after = rvgem_minstret();
    CHECK("minstret grows with a loop", after - before > 1000 && after - before < 20000, 1);
    return check_done();
}
