// expect-exit: 130
/* An unexpected trap with the runtime's default handler: it reports mcause/mepc/mtval on stderr and
   exits with 128 + mcause (2: illegal instruction). Output is not pinned (addresses vary). */
#include <stdio.h>

int main(void)
{
    printf("about to execute an illegal instruction\n");
    __asm__ volatile(".4byte 0xc0001073");   /* csrrw zero, cycle, zero: write to a read-only CSR */
    printf("not reached\n");
    return 0;
}
