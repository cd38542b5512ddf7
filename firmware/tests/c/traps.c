/* Machine-mode traps with the program's own handler (overriding the runtime's weak __rvgem_trap):
   ecall, ebreak, c.ebreak, illegal instructions (32- and 16-bit), load/store access faults on
   unmapped physical memory; mcause, mepc, mtval and mstatus.MPP as Spike reports them, and
   execution resuming after the faulting instruction. */
#include "check.h"
#include "rvgem.h"

#define UNMAPPED 0x40000000ull   /* no RAM or device there in Spike's (or rvgem's) memory map */

static volatile uint64_t last_cause, last_epc, last_tval, last_mstatus, traps;

uintptr_t __rvgem_trap(uintptr_t cause, uintptr_t epc, uintptr_t tval, uintptr_t *regs)
{
    last_cause = cause;
    last_epc = epc;
    last_tval = tval;
    last_mstatus = rvgem_read_csr(mstatus);
    traps++;
    regs[10] = 0x5eed;                                  /* the trapping code sees a0 changed */
    uint16_t low = *(volatile uint16_t *)epc;
    return epc + ((low & 3) == 3 ? 4 : 2);              /* skip the instruction */
}

/* Each site: a label on the trapping instruction so mepc can be checked exactly. */
#define TRAP_AT(label, insn) ({ uint64_t a0_, site_;                                 \
    __asm__ volatile("li a0, 1\n\tla %1, " label "\n" label ":\n\t" insn "\n\tmv %0, a0"  \
                     : "=r"(a0_), "=&r"(site_) : : "a0", "memory");                    \
    CHECK_QUIET("mepc is the trapping instruction", last_epc, site_);                      \
    a0_; })

int main(void)
{
    uint64_t a0;

    a0 = TRAP_AT("ecall_site", "ecall");
    CHECK("ecall: mcause", last_cause, 11);
    CHECK("ecall: mtval", last_tval, 0);
    CHECK("ecall: handler's a0 visible", a0, 0x5eed);
    CHECK("ecall: mstatus.MPP = M", (last_mstatus >> 11) & 3, 3);

    TRAP_AT("ebreak_site", ".option push\n\t.option norvc\n\tebreak\n\t.option pop");
    CHECK("ebreak: mcause", last_cause, 3);

    TRAP_AT("c_ebreak_site", "c.ebreak");
    CHECK("c.ebreak: mcause", last_cause, 3);

    TRAP_AT("illegal32_site", ".4byte 0xc0001073");  /* csrrw zero, cycle, zero: read-only CSR */
    CHECK("illegal 32-bit: mcause", last_cause, 2);
    CHECK("illegal 32-bit: mtval = instruction", last_tval, 0xc0001073);

    TRAP_AT("illegal16_site", ".2byte 0");                         /* the all-zero parcel is illegal */
    CHECK("illegal 16-bit: mcause", last_cause, 2);
    CHECK("illegal 16-bit: mtval = instruction", last_tval, 0);

    TRAP_AT("csrw_ro_site", "csrw mvendorid, zero");        /* write to a read-only CSR */
    CHECK("csrw read-only CSR: mcause", last_cause, 2);

    uint64_t value = 0;
    __asm__ volatile("li a0, 1\n\tld %0, 0(%1)" : "+r"(value) : "r"(UNMAPPED + 8) : "a0", "memory");
    CHECK("load from unmapped: mcause", last_cause, 5);
    CHECK("load from unmapped: mtval = address", last_tval, UNMAPPED + 8);
    __asm__ volatile("sw %0, 0(%1)" : : "r"(value), "r"(UNMAPPED + 0x100) : "memory");
    CHECK("store to unmapped: mcause", last_cause, 7);
    CHECK("store to unmapped: mtval = address", last_tval, UNMAPPED + 0x100);
    __asm__ volatile("amoadd.w zero, %0, (%1)" : : "r"(value), "r"(UNMAPPED) : "memory");
    CHECK("AMO to unmapped: mcause (store fault)", last_cause, 7);

    CHECK("traps taken", traps, 9);
    return check_done();
}
