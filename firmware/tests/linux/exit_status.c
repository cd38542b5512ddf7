// expect-exit: 42
/* Process exit: output on both streams (stdout fully buffered when it is a pipe, so exit() must
   flush it), atexit handlers run in reverse order of registration and can still print, an
   unterminated last line is flushed, and exit(42) from a nested call reaches the parent as
   exit status 42 (exit_group). */
#include <stdio.h>
#include <stdlib.h>

static int calls;

static void first_registered(void)
{
    printf("atexit: first registered, runs last (call %d)\n", ++calls);
    fputs("stderr from the last handler\n", stderr);
    fputs("unterminated line at exit", stdout);
}

static void second_registered(void)
{
    printf("atexit: second registered (call %d)\n", ++calls);
}

static void third_registered(void)
{
    printf("atexit: third registered, runs first (call %d)\n", ++calls);
    fprintf(stderr, "stderr from the first handler\n");
}

static void innermost(void)
{
    printf("calling exit(42) from depth 3\n");
    exit(42);
}

static void middle(void)
{
    printf("descending, depth 2\n");
    innermost();
    printf("not reached (depth 2)\n");
}

static void outer(void)
{
    printf("descending, depth 1\n");
    middle();
    printf("not reached (depth 1)\n");
}

int main(void)
{
    printf("stdout before registering\n");
    fprintf(stderr, "stderr before registering\n");
    if (atexit(first_registered) || atexit(second_registered) || atexit(third_registered)) {
        puts("atexit failed");
        return 1;
    }
    printf("handlers registered\n");
    outer();
    return 0;
}
