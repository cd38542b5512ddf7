// expect-exit: 3
/* main's return value is the exit status the host reports (tohost = 3 << 1 | 1). */
#include <stdio.h>

int main(void)
{
    printf("returning 3 from main\n");
    return 3;
}
