// harts: 2 4 8
// schedule: round-robin, rvgem-only (Spike's per-hart instruction caches keep stale copies)
/* code_patch without FENCE.I on the callers. In the round-robin schedule rvgem drops every hart's
   decoded copy of code another hart overwrites, so the callers still see the new code. Not a RISC-V
   guarantee, and not Spike's behaviour either (its instruction caches need FENCE.I); with --parallel
   another hart's stores to code show only after FENCE.I (or, in rvgem, the hart's next quantum). */
#define CALLERS_FENCE 0
#include "code_patch.c"
