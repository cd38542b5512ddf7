/* Control flow through C: recursion, function pointers, switch jump tables, computed goto,
   setjmp/longjmp, varargs, struct returns, qsort with a callback. */
#include <setjmp.h>
#include <stdarg.h>
#include <stdlib.h>

#include "check.h"

static uint64_t fib(unsigned n) { return n < 2 ? n : fib(n - 1) + fib(n - 2); }
static uint64_t ackermann(uint64_t m, uint64_t n)
{
    if (m == 0) return n + 1;
    if (n == 0) return ackermann(m - 1, 1);
    return ackermann(m - 1, ackermann(m, n - 1));
}
static int is_odd(unsigned n);
static int is_even(unsigned n) { return n == 0 ? 1 : is_odd(n - 1); }
static int is_odd(unsigned n) { return n == 0 ? 0 : is_even(n - 1); }

/* recursion that keeps a frame per level (not a tail call): sum of 1..n through the stack */
static __attribute__((noinline)) uint64_t deep(unsigned n, volatile uint64_t *sink)
{
    volatile uint64_t local[4] = {n, n * 2, n * 3, n * 4};
    if (n == 0) return 0;
    uint64_t r = deep(n - 1, sink) + local[0];
    *sink += local[3] - local[2] - local[0];    /* = 0, keeps local alive */
    return r;
}

static uint64_t gcd(uint64_t a, uint64_t b) { return b == 0 ? a : gcd(b, a % b); }

typedef int64_t (*binary_op)(int64_t, int64_t);
static int64_t op_add(int64_t a, int64_t b) { return a + b; }
static int64_t op_sub(int64_t a, int64_t b) { return a - b; }
static int64_t op_mul(int64_t a, int64_t b) { return a * b; }
static int64_t op_max(int64_t a, int64_t b) { return a > b ? a : b; }
static const binary_op ops[] = {op_add, op_sub, op_mul, op_max};

/* dense switch: GCC emits a jump table at -O2 */
static __attribute__((noinline)) int classify(int c)
{
    switch (c) {
    case 0: return 11;
    case 1: return 23;
    case 2: return 37;
    case 3: return 41;
    case 4: return 53;
    case 5: return 67;
    case 6: return 79;
    case 7: return 83;
    case 8: return 97;
    case 9: return 101;
    case 10: return 113;
    case 11: return 127;
    default: return -1;
    }
}

/* a tiny bytecode interpreter with computed goto (indirect jumps through a label table) */
static int64_t run_bytecode(const uint8_t *code)
{
    static void *const dispatch[] = {&&push, &&add, &&mul, &&over, &&jnz, &&dec, &&swap, &&halt};
    int64_t stack[16];
    int sp = 0, pc = 0;
#define NEXT goto *dispatch[code[pc++]]
    NEXT;
push: stack[sp++] = code[pc++]; NEXT;
add: sp--; stack[sp - 1] += stack[sp]; NEXT;
mul: sp--; stack[sp - 1] *= stack[sp]; NEXT;
over: stack[sp] = stack[sp - 2]; sp++; NEXT;
jnz: { int target = code[pc++]; if (stack[--sp]) pc = target; } NEXT;
dec: stack[sp - 1]--; NEXT;
swap: { int64_t t = stack[sp - 1]; stack[sp - 1] = stack[sp - 2]; stack[sp - 2] = t; } NEXT;
halt: return stack[sp - 1];
#undef NEXT
}

static jmp_buf jump_target;
static int unwind_depth;
/* every path recurses or longjmps: that is the point */
#pragma GCC diagnostic ignored "-Winfinite-recursion"
static void dive(int depth)
{
    unwind_depth = depth;
    if (depth >= 50)
        longjmp(jump_target, depth + 7);
    dive(depth + 1);
    unwind_depth = -1;                     /* never reached */
}

static int64_t sum_varargs(int count, ...)
{
    va_list ap;
    va_start(ap, count);
    int64_t s = 0;
    for (int i = 0; i < count; i++)
        s += (i & 1) ? (int64_t)va_arg(ap, int) : va_arg(ap, int64_t);
    va_end(ap);
    return s;
}

struct triple { int64_t a, b, c; char tag[8]; };
static __attribute__((noinline)) struct triple make_triple(int64_t x)
{
    struct triple t = {x, x * x, -x, "tri"};
    t.tag[3] = (char)('0' + x % 10);
    return t;
}

static int compare_desc(const void *a, const void *b)
{
    int32_t x = *(const int32_t *)a, y = *(const int32_t *)b;
    return (x < y) - (x > y);
}

int main(void)
{
    CHECK("fib(25)", fib(25), 75025);
    CHECK("ackermann(2,3)", ackermann(2, 3), 9);
    CHECK("ackermann(3,4)", ackermann(3, 4), 125);
    CHECK("is_even(1001)", is_even(1001), 0);
    CHECK("is_odd(777)", is_odd(777), 1);
    volatile uint64_t sink = 0;
    CHECK("deep(3000)", deep(3000, &sink), 3000ull * 3001 / 2);
    CHECK("deep sink", sink, 0);
    CHECK("gcd", gcd(1071ull * 1000003, 462ull * 1000003), 21ull * 1000003);

    int64_t acc = 1;
    for (int i = 0; i < 40; i++)
        acc = ops[i % 4](acc, i + 1);
    CHECK("function pointer table", acc, 0x17dbf3723e5);

    int64_t sum = 0;
    for (int c = -2; c < 15; c++)
        sum = sum * 3 + classify(c);
    CHECK("switch table", sum, 0x3d19cdb);

    /* stack [n, acc]: while n != 0 { acc = acc OP n; n-- } (ops: 0 push, 1 add, 2 mul, 3 over,
       4 jnz, 5 dec, 6 swap, 7 halt) */
    static const uint8_t factorial[] = {
        0, 10, 0, 1,          /*  0: push 10, push 1        n acc            */
        3, 4, 8, 7,           /*  4: over, jnz 8, halt      (halt: acc on top) */
        3, 2, 6, 5, 6,        /*  8: over, mul, swap, dec, swap               */
        0, 1, 4, 4,           /* 13: push 1, jnz 4                            */
    };
    static const uint8_t triangle[] = {0, 100, 0, 0, 3, 4, 8, 7, 3, 1, 6, 5, 6, 0, 1, 4, 4};
    CHECK("computed goto: 10!", run_bytecode(factorial), 3628800);
    CHECK("computed goto: 1+..+100", run_bytecode(triangle), 5050);

    int r = setjmp(jump_target);
    if (r == 0)
        dive(0);
    CHECK("longjmp value", r, 57);
    CHECK("longjmp depth", unwind_depth, 50);

    CHECK("varargs", sum_varargs(6, (int64_t)1 << 40, -5, (int64_t)-7, 1000, (int64_t)3, 2), (1ll << 40) + 993);

    struct triple t = make_triple(12);
    CHECK("struct return a", t.a, 12);
    CHECK("struct return b", t.b, 144);
    CHECK("struct return c", t.c, -12);
    CHECK_STR("struct return tag", t.tag, "tri2");

    int32_t values[64];
    uint32_t seed = 1;
    for (int i = 0; i < 64; i++) {
        seed = seed * 1103515245u + 12345u;
        values[i] = (int32_t)(seed >> 8) - (1 << 23);
    }
    qsort(values, 64, sizeof values[0], compare_desc);
    int ordered = 1;
    for (int i = 1; i < 64; i++)
        ordered &= values[i - 1] >= values[i];
    CHECK("qsort callback ordered", ordered, 1);
    CHECK("qsort first", (uint32_t)values[0], 0x7a5f06);
    return check_done();
}
