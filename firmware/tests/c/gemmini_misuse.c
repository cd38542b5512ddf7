// expect-exit: 130
// extension: gemmini, rvgem-only (Spike's model does not check bounds)
/* Misuse of Gemmini is a guest-visible error, not a host crash: an mvin to a scratchpad row beyond
   the 16384 there are is refused (rvgem names it on stderr) and the guest takes an illegal
   instruction trap, which the runtime's default handler turns into exit status 130. */
#include <stdint.h>

#include "rvgem_gemmini.h"

static int8_t data[RVGEM_GEMMINI_DIM][RVGEM_GEMMINI_DIM];

int main(void)
{
    gemmini_config_ld(RVGEM_GEMMINI_DIM, GEMMINI_F32_ONE, 0);
    gemmini_mvin(data, 0, RVGEM_GEMMINI_DIM, RVGEM_GEMMINI_DIM);      /* fine */
    gemmini_mvin(data, 16380, RVGEM_GEMMINI_DIM, RVGEM_GEMMINI_DIM);  /* rows 16380..16395: too far */
    return 0;
}
