/* Small helpers for bare-metal RVGem programs: CSR access and counters. */
#ifndef RVGEM_H
#define RVGEM_H

#include <stdint.h>

#define rvgem_read_csr(name) ({ uint64_t v_; __asm__ volatile ("csrr %0, " #name : "=r"(v_)); v_; })
#define rvgem_write_csr(name, value) __asm__ volatile ("csrw " #name ", %0" :: "rK"((uint64_t)(value)))

/* Instructions retired since reset (the machine-mode counter: available without Zicntr). */
static inline uint64_t rvgem_minstret(void) { return rvgem_read_csr(minstret); }
static inline uint64_t rvgem_mcycle(void) { return rvgem_read_csr(mcycle); }
static inline uint64_t rvgem_hartid(void) { return rvgem_read_csr(mhartid); }

#endif
