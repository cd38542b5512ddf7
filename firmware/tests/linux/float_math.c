/* Floating point through libm and the F/D hardware: libm functions (printed with %a so every bit
   shows), rint/nearbyint/lrint, division, sqrt, fma and int<->float conversions under all four
   rounding modes set with fesetround, the accrued exception flags (fetestexcept) after inexact,
   overflow, underflow, invalid and divide-by-zero operations, and float<->int conversions at the
   boundaries (out-of-range ones through lrint/llrint, whose result is unspecified but raises FE_INVALID:
   the RISC-V value is the saturated one). Operands and results go through volatile so that nothing
   is folded at compile time or moved across fesetround. */
#include <errno.h>
#include <fenv.h>
#include <float.h>
#include <math.h>
#include <stdint.h>
#include <stdio.h>

static const char *flags(void)
{
    static char text[32];
    int f = fetestexcept(FE_ALL_EXCEPT);
    snprintf(text, sizeof text, "%s%s%s%s%s", f & FE_INVALID ? " NV" : "", f & FE_DIVBYZERO ? " DZ" : "",
             f & FE_OVERFLOW ? " OF" : "", f & FE_UNDERFLOW ? " UF" : "", f & FE_INEXACT ? " NX" : "");
    return f ? text : " none";
}

static void libm_functions(void)
{
    static const double in[] = {0.5, 1.0, 2.0, 10.0, 0.1, 1e-300, 700.0, -3.25};
    for (size_t i = 0; i < sizeof in / sizeof in[0]; i++) {
        volatile double x = in[i], ax = fabs(in[i]);
        volatile double r1 = sqrt(ax), r2 = exp(x), r3 = log(ax), r4 = sin(x), r5 = cos(x);
        printf("x=%-7g sqrt %a exp %a log %a sin %a cos %a\n", x, r1, r2, r3, r4, r5);
    }
    volatile double a = 2.0, b = 0.5, c = -1.75, d = 1e308, e = 3.0;
    volatile double r[] = {pow(a, 0.5), pow(10.0, -5.0), pow(e, 40.0), pow(-2.0, 3.0), pow(c, b),
                           atan2(1.0, -1.0), atan2(-0.0, -1.0), atan2(0.0, 0.0), fma(0.1, 10.0, -1.0),
                           fma(d, 10.0, -d * 10.0), fmod(10.5, 3.0), fmod(-10.5, 3.0), remainder(10.5, 3.0),
                           remainder(11.5, 3.0), cbrt(-27.0), hypot(3.0, 4.0), log1p(1e-10), expm1(1e-10),
                           tan(1.5), asin(1.0), acos(-1.0), atan(1e10), sinh(1.0), tanh(-20.0), log10(1e-5), log2(3.0)};
    for (size_t i = 0; i < sizeof r / sizeof r[0]; i++)
        printf("libm[%2zu] = %a (%.17g)\n", i, r[i], r[i]);
    volatile float f = 2.0f, g = 0.1f;
    volatile float fr[] = {sqrtf(f), expf(g), logf(f), sinf(g), powf(f, g), fmaf(g, 10.0f, -1.0f), cbrtf(f)};
    for (size_t i = 0; i < sizeof fr / sizeof fr[0]; i++)
        printf("libmf[%zu] = %a\n", i, (double)fr[i]);
    errno = 0;
    volatile double neg = -1.0, zero = 0.0;
    volatile double s = sqrt(neg);
    printf("sqrt(-1) = %f, errno EDOM: %s\n", s, errno == EDOM ? "yes" : "no");
    errno = 0;
    volatile double l = log(zero);
    printf("log(0) = %f, errno ERANGE: %s\n", l, errno == ERANGE ? "yes" : "no");
    int exponent;
    volatile double m = frexp(-48.0, &exponent);
    double ipart;
    volatile double frac = modf(-3.75, &ipart);
    printf("frexp(-48) = %g * 2^%d, ldexp(1,-1074) = %a, modf(-3.75) = %g + %g, nextafter(1,2) = %a\n",
           m, exponent, ldexp(1.0, -1074), ipart, frac, nextafter(1.0, 2.0));
}

static void rounding_modes(void)
{
    static const struct { int mode; const char *name; } modes[] = {
        {FE_TONEAREST, "nearest"}, {FE_UPWARD, "upward"}, {FE_DOWNWARD, "downward"}, {FE_TOWARDZERO, "towardzero"},
    };
    static const double values[] = {0.5, 1.5, 2.5, -0.5, -1.5, -2.5, 2.4999999, -2.6, 4503599627370495.5, 1e300};
    volatile double one = 1.0, three = 3.0, two = 2.0, tenth = 0.1;
    volatile int64_t big = INT64_MAX;
    volatile uint64_t ubig = UINT64_MAX;
    volatile int32_t i24 = 16777217;
    volatile double dtenth = 0.1;
    for (size_t m = 0; m < 4; m++) {
        int set = fesetround(modes[m].mode);
        printf("== %s: fesetround %d, fegetround matches %s\n", modes[m].name, set,
               fegetround() == modes[m].mode ? "yes" : "no");
        for (size_t i = 0; i < sizeof values / sizeof values[0]; i++) {
            volatile double x = values[i];
            volatile double ri = rint(x), ni = nearbyint(x);
            volatile long li = x < 1e18 ? lrint(x) : 0;
            volatile long long lli = x < 1e18 ? llrint(x) : 0;
            volatile float rf = rintf((float)x);
            printf("  %-20.17g rint %-20.17g nearbyint %-20.17g lrint %ld llrint %lld rintf %g\n",
                   x, ri, ni, li, lli, (double)rf);
        }
        volatile double q = one / three, nq = -one / three, sq = sqrt(two), f1 = fma(tenth, three, -0.3);
        volatile double sum = 0.1 + dtenth * 2.0, prod = dtenth * dtenth;
        volatile float nf = (float)dtenth, fq = (float)one / (float)three;
        volatile double fromi = (double)big, fromu = (double)ubig;
        volatile float fromi24 = (float)i24;
        volatile int trunc = (int)(-q * 10.0);
        printf("  1/3 %a  -1/3 %a  sqrt2 %a  fma %a\n", q, nq, sq, f1);
        printf("  0.1+0.2 %a  0.1*0.1 %a  (float)0.1 %a  1f/3f %a\n", sum, prod, (double)nf, (double)fq);
        printf("  (double)INT64_MAX %a  (double)UINT64_MAX %a  (float)16777217 %a  (int)(-10/3) %d\n",
               fromi, fromu, (double)fromi24, trunc);
    }
    fesetround(FE_TONEAREST);
    printf("fesetround(bogus) returns nonzero: %s, mode still nearest: %s\n",
           fesetround(0x7fff) != 0 ? "yes" : "no", fegetround() == FE_TONEAREST ? "yes" : "no");
}

static void exception_flags(void)
{
    volatile double one = 1.0, three = 3.0, zero = 0.0, big = DBL_MAX, tiny = DBL_MIN, sub = 0x1p-1074;
    volatile double inf = INFINITY, qnan = NAN, two = 2.0, neg = -1.0;
    volatile float fbig = FLT_MAX, ftiny = FLT_MIN;
    volatile double r;
    volatile float rf;
    volatile long l;
    volatile int cmp;
#define FLAGS(label, expr) do { feclearexcept(FE_ALL_EXCEPT); expr; printf("%-28s ->%s\n", label, flags()); } while (0)
    FLAGS("1 + 1", r = one + one);
    FLAGS("1 / 3", r = one / three);
    FLAGS("DBL_MAX * 2", r = big * two);
    FLAGS("DBL_MIN * DBL_MIN", r = tiny * tiny);
    FLAGS("DBL_MIN / 2 (exact subnormal)", r = tiny / two);
    FLAGS("2^-1074 / 2", r = sub / two);
    FLAGS("0 / 0", r = zero / zero);
    FLAGS("1 / 0", r = one / zero);
    FLAGS("-1 / 0", r = neg / zero);
    FLAGS("inf - inf", r = inf - inf);
    FLAGS("inf * 0", r = inf * zero);
    FLAGS("sqrt(-1)", r = sqrt(neg));
    FLAGS("fma(inf, 0, nan)", r = fma(inf, zero, qnan));
    FLAGS("nan + 1 (quiet)", r = qnan + one);
    FLAGS("nan == 1 (quiet compare)", cmp = qnan == one);
    FLAGS("nan < 1 (signaling compare)", cmp = qnan < one);
    FLAGS("isless(nan, 1)", cmp = isless(qnan, one));
    FLAGS("FLT_MAX * 2 (float)", rf = fbig * 2.0f);
    FLAGS("FLT_MIN / 3 (float)", rf = ftiny / 3.0f);
    FLAGS("(float)DBL_MAX", rf = (float)big);
    FLAGS("(float)1e-50", rf = (float)(tiny * 1e258));
    FLAGS("lrint(1e30)", l = lrint(big * 1e-278));
    FLAGS("lrint(nan)", l = lrint(qnan));
    FLAGS("lrint(2.5)", l = lrint(two + 0.5));
    FLAGS("exp(1000)", r = exp(1000.0 * one));
    FLAGS("exp(-1000)", r = exp(-1000.0 * one));
    FLAGS("log(0)", r = log(zero));
    FLAGS("pow(0, -1)", r = pow(zero, neg));
    (void)r; (void)rf; (void)l; (void)cmp;
#undef FLAGS
    feclearexcept(FE_ALL_EXCEPT);
    feraiseexcept(FE_OVERFLOW | FE_INEXACT);
    fexcept_t saved;
    fegetexceptflag(&saved, FE_ALL_EXCEPT);
    printf("feraiseexcept(OF|NX) ->%s\n", flags());
    feclearexcept(FE_INEXACT);
    printf("feclearexcept(NX) ->%s\n", flags());
    feclearexcept(FE_ALL_EXCEPT);
    fesetexceptflag(&saved, FE_ALL_EXCEPT);
    printf("fesetexceptflag(saved) ->%s\n", flags());
    feclearexcept(FE_ALL_EXCEPT);
}

static void conversions(void)
{
    static const double d[] = {2147483647.0, 2147483647.9, -2147483648.0, -2147483648.9, 4294967295.5,
                               9223372036854774784.0, -9223372036854775808.0, 18446744073709549568.0, -0.9, 0.9999999999999999};
    for (size_t i = 0; i < sizeof d / sizeof d[0]; i++) {
        volatile double x = d[i];
        volatile int32_t i32 = (x > -2147483649.0 && x < 2147483648.0) ? (int32_t)x : 0;
        volatile uint32_t u32 = (x > -1.0 && x < 4294967296.0) ? (uint32_t)x : 0;
        volatile int64_t i64 = (x >= -0x1p63 && x < 0x1p63) ? (int64_t)x : 0;
        volatile uint64_t u64 = (x > -1.0 && x < 0x1p64) ? (uint64_t)x : 0;
        printf("%.17g: int32 %d uint32 %u int64 %lld uint64 %llu\n", x, i32, u32, (long long)i64, (unsigned long long)u64);
    }
    static const double outside[] = {1e30, -1e30, 0x1p63, -0x1p63, INFINITY, -INFINITY, NAN, -NAN};
    for (size_t i = 0; i < sizeof outside / sizeof outside[0]; i++) {
        volatile double x = outside[i];
        feclearexcept(FE_ALL_EXCEPT);
        volatile long l = lrint(x);
        volatile long long ll = llround(x);
        volatile long lf = lrintf((float)x);
        printf("%g: lrint %ld llround %lld lrintf %ld ->%s\n", x, l, ll, lf, flags());
    }
    static const int64_t ints[] = {INT64_MAX, INT64_MIN, (1ll << 53) + 1, -(1ll << 53) - 1, 16777217, -16777217, 0};
    for (size_t i = 0; i < sizeof ints / sizeof ints[0]; i++) {
        volatile int64_t v = ints[i];
        volatile int32_t w = (int32_t)v;
        volatile uint32_t uw = (uint32_t)v;
        volatile double dv = (double)v, dw = (double)w;
        volatile float fv = (float)v, fw = (float)w, fuw = (float)uw;
        printf("%lld: double %a float %a | int32 %d: double %a float %a | uint32 %u: float %a\n", (long long)v, dv,
               (double)fv, w, dw, (double)fw, uw, (double)fuw);
    }
    volatile double dnan = NAN, dneg = -0.0, dsub = 0x1p-1074;
    volatile float fnan = (float)dnan, fneg = (float)dneg, fsub = (float)dsub, fden = FLT_MIN / 4.0f;
    volatile double back = (double)fden;
    printf("(float)nan %a, (float)-0.0 %a, (float)2^-1074 %a, FLT_MIN/4 %a -> double %a\n",
           (double)fnan, (double)fneg, (double)fsub, (double)fden, back);
    printf("copysign(1,-nan) %g, signbit(-0.0) %d, fabs(-0.0) %a, -(0/0) sign %d\n", copysign(1.0, -dnan),
           signbit(dneg) != 0, fabs(dneg), signbit(-(dneg / dneg)) != 0);
}

int main(void)
{
    libm_functions();
    rounding_modes();
    exception_flags();
    conversions();
    return 0;
}
