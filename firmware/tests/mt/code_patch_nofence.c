// harts: 2 4 8
// schedule: round-robin
/* code_patch without FENCE.I on the callers: in Spike's round-robin schedule a store to code is
   seen by every hart at once (Spike and rvgem drop every hart's decoded copy), which programs that
   skip FENCE.I come to rely on. Not a RISC-V guarantee: with --parallel, another hart's stores to
   code are certain to show only after that hart's FENCE.I (or, in rvgem, its next quantum). */
#define CALLERS_FENCE 0
#include "code_patch.c"
