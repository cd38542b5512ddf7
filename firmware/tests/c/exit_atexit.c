// expect-exit: 42
/* exit() from deep inside the program: atexit handlers run (last registered first), and buffered
   output without a trailing newline still reaches the host before the exit status. */
#include <stdio.h>
#include <stdlib.h>

static void first(void) { printf("atexit: registered first, runs last\n"); }
static void second(void) { printf("atexit: registered second, runs first\n"); }

/* every path recurses or exits: that is the point */
#pragma GCC diagnostic ignored "-Winfinite-recursion"
static void nested(int depth)
{
    if (depth == 3) {
        printf("exit(42) at depth %d\n", depth);
        exit(42);
    }
    nested(depth + 1);
    printf("not reached\n");
}

int main(void)
{
    atexit(first);
    atexit(second);
    printf("unterminated line from main... ");
    nested(0);
    return 0;
}
