/* setjmp/longjmp: jumping out of several nested frames, the value setjmp returns the second time
   (longjmp(env, 0) gives 1), volatile locals keeping values changed after setjmp, nested jmp_bufs
   (an inner handler re-throwing to an outer one), jumping repeatedly to the same buffer in a loop,
   callee-saved FP registers surviving, and sigsetjmp/siglongjmp with a blocked-signal mask restored
   (rt_sigprocmask). Prints the sequence of events. */
#include <setjmp.h>
#include <signal.h>
#include <stdio.h>

static jmp_buf outer, inner;
static int events;

static void event(const char *what, int value)
{
    printf("%2d: %s %d\n", ++events, what, value);
}

static void level3(int code)
{
    event("level3 longjmp with", code);
    longjmp(outer, code);
}

static void level2(int code)
{
    volatile int pad[16];   /* a real frame with locals in between */
    pad[0] = code;
    event("level2 enter", pad[0]);
    level3(code);
    event("level2 NOT REACHED", 0);
}

static int level1(int code)
{
    event("level1 enter", code);
    level2(code);
    return -1;
}

static void thrower(int depth)
{
    if (depth < 0)
        return;
    if (depth == 0) {
        event("thrower: longjmp(inner, 7)", 7);
        longjmp(inner, 7);
    }
    thrower(depth - 1);
    event("thrower NOT REACHED", depth);
}

static void nested(void)
{
    int r = setjmp(inner);
    if (r == 0) {
        event("inner setjmp returned", r);
        thrower(5);
    }
    event("inner caught, rethrowing to outer with", r * 10);
    longjmp(outer, r * 10);
}

static volatile int attempts;
static volatile double acc = 0.25;

static void attempt(int index, int code)
{
    volatile int local = 100;
    int r = setjmp(outer);
    if (r == 0) {
        event("outer setjmp returned", r);
        local = 200 + index;
        acc = acc * 2.0;
        attempts = attempts + 1;
        level1(code);
        event("NOT REACHED", 0);
    } else {
        event("outer setjmp returned again", r);
        printf("    volatile local %d, attempts %d, acc %g\n", local, attempts, acc);
    }
}

int main(void)
{
    static const int codes[] = {1, 42, -3, 0};
    for (int i = 0; i < 4; i++)
        attempt(i, codes[i]);

    /* the same jmp_buf as a loop: jump back to it five times */
    volatile int count = 0;
    int r = setjmp(outer);
    count = count + 1;
    if (r < 5) {
        printf("    loop pass %d (setjmp gave %d)\n", count, r);
        longjmp(outer, r + 1);
    }
    event("loop finished after passes", count);

    if ((r = setjmp(outer)) == 0)
        nested();
    else
        event("outer caught", r);

    /* callee-saved FP registers (fs0-fs11) must be what setjmp saw when longjmp lands */
    volatile double third = 1.0 / 3.0;
    double keep = third;   /* likely lives in a callee-saved FP register across setjmp */
    volatile double check = keep;
    if ((r = setjmp(outer)) == 0) {
        volatile double clobber = 0;
        for (int i = 0; i < 20; i++) clobber += i * 0.5;
        longjmp(outer, (int)clobber);
    }
    event("fp after longjmp kept", keep == check);
    event("longjmp value from fp", r);

    /* sigsetjmp(env, 1) saves the signal mask; siglongjmp restores it */
    sigjmp_buf senv;
    sigset_t set, now;
    sigemptyset(&set);
    sigaddset(&set, SIGUSR1);
    if ((r = sigsetjmp(senv, 1)) == 0) {
        sigprocmask(SIG_BLOCK, &set, NULL);
        sigprocmask(SIG_BLOCK, NULL, &now);
        event("SIGUSR1 blocked before siglongjmp", sigismember(&now, SIGUSR1));
        siglongjmp(senv, 3);
    }
    sigprocmask(SIG_BLOCK, NULL, &now);
    event("siglongjmp returned", r);
    event("SIGUSR1 blocked after siglongjmp", sigismember(&now, SIGUSR1));
    return 0;
}
