// Add, multiply, divide and square root on bit patterns of any format,
// correctly rounded; special operands are settled before any unpacking.

@inlinable
func softAdd(
    _ a: UInt64, _ b: UInt64, subtract: Bool,
    _ f: Format, _ mode: RoundingMode, _ flags: inout ExceptionFlags
) -> UInt64 {
    let b = subtract ? b ^ f.signMask : b
    if f.isNaN(a) || f.isNaN(b) { return propagateNaN(a, b, f, &flags) }
    let negativeA = f.isNegative(a)
    let negativeB = f.isNegative(b)
    if f.isInfinite(a) {
        if f.isInfinite(b) && negativeA != negativeB { return invalidResult(f, &flags) }
        return a
    }
    if f.isInfinite(b) { return b }
    if f.isZero(a) {
        if f.isZero(b) && negativeA != negativeB { return f.zero(negative: mode == .down) }
        return b
    }
    if f.isZero(b) { return a }
    var (exponentA, sigA) = f.unpack(a)
    var (exponentB, sigB) = f.unpack(b)
    if negativeA == negativeB {
        // One bit of headroom for the carry; unpacked significands end in zeros.
        if exponentA < exponentB { swap(&exponentA, &exponentB); swap(&sigA, &sigB) }
        let sum = (sigA &>> 1) &+ shiftRightJam(sigB &>> 1, exponentA &- exponentB)
        return normalizeRoundPack(negativeA, exponentA &+ 1, sum, f, mode, &flags)
    }
    var negative = negativeA
    if exponentA < exponentB || (exponentA == exponentB && sigA < sigB) {
        swap(&exponentA, &exponentB); swap(&sigA, &sigB)
        negative.toggle()
    }
    // Exponents equal: exact. Otherwise the difference keeps >= 61 bits, far
    // above the jammed sticky bit.
    let difference = sigA &- shiftRightJam(sigB, exponentA &- exponentB)
    if difference == 0 { return f.zero(negative: mode == .down) }
    return normalizeRoundPack(negative, exponentA, difference, f, mode, &flags)
}

@inlinable
func softMul(
    _ a: UInt64, _ b: UInt64,
    _ f: Format, _ mode: RoundingMode, _ flags: inout ExceptionFlags
) -> UInt64 {
    if f.isNaN(a) || f.isNaN(b) { return propagateNaN(a, b, f, &flags) }
    let negative = f.isNegative(a) != f.isNegative(b)
    if f.isInfinite(a) || f.isInfinite(b) {
        if f.isZero(a) || f.isZero(b) { return invalidResult(f, &flags) }
        return f.infinity | f.zero(negative: negative)
    }
    if f.isZero(a) || f.isZero(b) { return f.zero(negative: negative) }
    let (exponentA, sigA) = f.unpack(a)
    let (exponentB, sigB) = f.unpack(b)
    let product = UInt128(sigA) &* UInt128(sigB)  // in [2^124, 2^126)
    let sig = UInt64(truncatingIfNeeded: product &>> 63)
        | (UInt64(truncatingIfNeeded: product) & (UInt64.max &>> 1) != 0 ? 1 : 0)
    return normalizeRoundPack(negative, exponentA &+ exponentB &- f.bias &+ 1, sig, f, mode, &flags)
}

@inlinable
func softDiv(
    _ a: UInt64, _ b: UInt64,
    _ f: Format, _ mode: RoundingMode, _ flags: inout ExceptionFlags
) -> UInt64 {
    if f.isNaN(a) || f.isNaN(b) { return propagateNaN(a, b, f, &flags) }
    let negative = f.isNegative(a) != f.isNegative(b)
    if f.isInfinite(a) {
        if f.isInfinite(b) { return invalidResult(f, &flags) }
        return f.infinity | f.zero(negative: negative)
    }
    if f.isInfinite(b) { return f.zero(negative: negative) }
    if f.isZero(b) {
        if f.isZero(a) { return invalidResult(f, &flags) }
        flags.rawValue |= ExceptionFlags.divideByZero.rawValue
        return f.infinity | f.zero(negative: negative)
    }
    if f.isZero(a) { return f.zero(negative: negative) }
    let (exponentA, sigA) = f.unpack(a)
    let (exponentB, sigB) = f.unpack(b)
    // sigA * 2^62 / sigB lies in (2^61, 2^63): at least 62 quotient bits.
    let (quotient, remainder) = sigB.dividingFullWidth((high: sigA &>> 2, low: sigA &<< 62))
    let sig = quotient | (remainder != 0 ? 1 : 0)
    return normalizeRoundPack(negative, exponentA &- exponentB &+ f.bias, sig, f, mode, &flags)
}

@inlinable
func softSqrt(
    _ a: UInt64, _ f: Format, _ mode: RoundingMode, _ flags: inout ExceptionFlags
) -> UInt64 {
    if f.isNaN(a) { return propagateNaN(a, a, f, &flags) }
    if f.isZero(a) { return a }
    if f.isNegative(a) { return invalidResult(f, &flags) }
    if f.isInfinite(a) { return a }
    let (exponent, sig) = f.unpack(a)
    let unbiased = exponent &- f.bias
    let odd = unbiased & 1
    // radicand / 2^124 = significand in [1, 4) with an even exponent left over.
    let radicand = UInt128(sig) &<< UInt128(62 &+ odd)
    let root = integerSquareRoot(radicand)
    let sticky: UInt64 = UInt128(root) &* UInt128(root) != radicand ? 1 : 0
    return roundPack(false, (unbiased &- odd) / 2 &+ f.bias, root | sticky, f, mode, &flags)
}

/// floor(sqrt(n)) for n in [2^124, 2^126). The host square root only seeds
/// one Newton step; the integer corrections make the result exact whatever
/// the host's rounding.
@inlinable
func integerSquareRoot(_ n: UInt128) -> UInt64 {
    let high = UInt64(truncatingIfNeeded: n &>> 64)
    let low = UInt64(truncatingIfNeeded: n)
    var root = UInt64((Double(high) * 0x1p64).squareRoot())
    // root ~ sqrt(n) > n / 2^64 = high, so the division cannot overflow.
    let quotient = root.dividingFullWidth((high: high, low: low)).quotient
    root = (root &>> 1) &+ (quotient &>> 1) &+ (root & quotient & 1)
    while UInt128(root) &* UInt128(root) > n { root &-= 1 }
    while (UInt128(root) &+ 1) &* (UInt128(root) &+ 1) <= n { root &+= 1 }
    return root
}

/// a * b + c with a single rounding (SoftFloat's `softfloat_mulAddF*`).
@inlinable
func softMulAdd(
    _ a: UInt64, _ b: UInt64, _ c: UInt64,
    _ f: Format, _ mode: RoundingMode, _ flags: inout ExceptionFlags
) -> UInt64 {
    let infinityTimesZero = (f.isInfinite(a) && f.isZero(b)) || (f.isZero(a) && f.isInfinite(b))
    if f.isNaN(a) || f.isNaN(b) || f.isNaN(c) {
        // RISC-V: ∞ × 0 is invalid even when the addend is a quiet NaN.
        if infinityTimesZero { flags.rawValue |= ExceptionFlags.invalid.rawValue }
        signalIfSignalingNaN(a, b, f, &flags)
        return propagateNaN(c, c, f, &flags)
    }
    if infinityTimesZero { return invalidResult(f, &flags) }
    let negativeProduct = f.isNegative(a) != f.isNegative(b)
    let negativeC = f.isNegative(c)
    if f.isInfinite(a) || f.isInfinite(b) {
        if f.isInfinite(c) && negativeC != negativeProduct { return invalidResult(f, &flags) }
        return f.infinity | f.zero(negative: negativeProduct)
    }
    if f.isInfinite(c) { return c }
    if f.isZero(a) || f.isZero(b) {
        if f.isZero(c) && negativeC != negativeProduct { return f.zero(negative: mode == .down) }
        return f.isZero(c) ? f.zero(negative: negativeProduct) : c
    }
    let (exponentA, sigA) = f.unpack(a)
    let (exponentB, sigB) = f.unpack(b)
    // product / 2^124 * 2^(productExponent - bias) is exact, in [2^124, 2^126).
    var product = UInt128(sigA) &* UInt128(sigB)
    let productExponent = exponentA &+ exponentB &- f.bias
    if f.isZero(c) {
        let sig = UInt64(truncatingIfNeeded: product &>> 63)
            | (UInt64(truncatingIfNeeded: product) & (UInt64.max &>> 1) != 0 ? 1 : 0)
        return normalizeRoundPack(negativeProduct, productExponent &+ 1, sig, f, mode, &flags)
    }
    let (exponentC, sigC) = f.unpack(c)
    var addend = UInt128(sigC) &<< 62
    let exponent: Int
    if productExponent >= exponentC {
        exponent = productExponent
        addend = shiftRightJam(addend, productExponent &- exponentC)
    } else {
        exponent = exponentC
        product = shiftRightJam(product, exponentC &- productExponent)
    }
    // Heavy cancellation needs an alignment shift of at most 2, which loses
    // nothing: both operands end in at least 20 zero bits.
    var negative = negativeProduct
    let total: UInt128
    if negativeProduct == negativeC {
        total = product &+ addend
    } else if product >= addend {
        total = product &- addend
    } else {
        total = addend &- product
        negative = negativeC
    }
    if total == 0 { return f.zero(negative: mode == .down) }
    let leadingZeros = total.leadingZeroBitCount
    let normalized = total &<< UInt128(leadingZeros &- 1)
    let sig = UInt64(truncatingIfNeeded: normalized &>> 64)
        | (UInt64(truncatingIfNeeded: normalized) != 0 ? 1 : 0)
    return roundPack(negative, exponent &+ 3 &- leadingZeros, sig, f, mode, &flags)
}
