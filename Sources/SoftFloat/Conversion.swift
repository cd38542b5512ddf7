// Conversions between formats and between floats and integers.

/// Float to float in any direction; widening is exact, narrowing rounds once.
@inlinable
func softConvert(
    _ x: UInt64, from source: Format, to target: Format,
    _ mode: RoundingMode, _ flags: inout ExceptionFlags
) -> UInt64 {
    if source.isNaN(x) {
        if source.isSignalingNaN(x) { flags.rawValue |= ExceptionFlags.invalid.rawValue }
        return target.canonicalNaN
    }
    let negative = source.isNegative(x)
    if source.isInfinite(x) { return target.infinity | target.zero(negative: negative) }
    if source.isZero(x) { return target.zero(negative: negative) }
    let (exponent, sig) = source.unpack(x)
    return roundPack(negative, exponent &- source.bias &+ target.bias, sig, target, mode, &flags)
}

/// An integer's sign and magnitude rounded to format `f`.
@inlinable
func softFromInteger(
    negative: Bool, magnitude: UInt64,
    _ f: Format, _ mode: RoundingMode, _ flags: inout ExceptionFlags
) -> UInt64 {
    if magnitude == 0 { return 0 }
    let leadingZeros = magnitude.leadingZeroBitCount
    let normalized = magnitude &<< UInt64(leadingZeros)  // leading bit at 63
    let sig = (normalized &>> 1) | (normalized & 1)
    return roundPack(negative, 63 &- leadingZeros &+ f.bias, sig, f, mode, &flags)
}

/// Float to a `width`-bit integer, returned zero-extended. Rounds in `mode`
/// and raises NX when inexact; NaN and out-of-range raise only NV and
/// saturate as RISC-V requires (NaN and +overflow: maximum; -overflow: minimum).
@inlinable
func softToInteger(
    _ x: UInt64, _ f: Format, signed: Bool, width: Int,
    _ mode: RoundingMode, _ flags: inout ExceptionFlags
) -> UInt64 {
    let widthMask: UInt64 = UInt64.max &>> UInt64(64 &- width)
    let maximum: UInt64 = signed ? widthMask &>> 1 : widthMask
    let minimumMagnitude: UInt64 = signed ? maximum &+ 1 : 0
    if f.isNaN(x) {
        flags.rawValue |= ExceptionFlags.invalid.rawValue
        return maximum
    }
    let negative = f.isNegative(x)
    let invalid = negative ? (0 &- minimumMagnitude) & widthMask : maximum
    if f.isZero(x) { return 0 }
    if f.isInfinite(x) {
        flags.rawValue |= ExceptionFlags.invalid.rawValue
        return invalid
    }
    let (exponent, sig) = f.unpack(x)
    let unbiased = exponent &- f.bias  // x = sig / 2^62 * 2^unbiased
    if unbiased >= 64 {
        flags.rawValue |= ExceptionFlags.invalid.rawValue
        return invalid
    }
    // The fraction is scaled so that 2^63 means one half.
    var magnitude: UInt64
    let fraction: UInt64
    if unbiased >= 62 {
        magnitude = sig &<< UInt64(unbiased &- 62)
        fraction = 0
    } else if unbiased >= -1 {
        magnitude = sig &>> UInt64(62 &- unbiased)
        fraction = sig &<< UInt64(unbiased &+ 2)
    } else {
        magnitude = 0
        fraction = 1  // below one quarter: only its nonzeroness matters
    }
    let half: UInt64 = 1 &<< 63
    let roundUp: Bool
    switch mode {
    case .nearestEven: roundUp = fraction > half || (fraction == half && magnitude & 1 != 0)
    case .nearestMaxMagnitude: roundUp = fraction >= half
    case .towardZero: roundUp = false
    case .down: roundUp = negative && fraction != 0
    case .up: roundUp = !negative && fraction != 0
    }
    if roundUp {
        let (incremented, overflow) = magnitude.addingReportingOverflow(1)
        if overflow {
            flags.rawValue |= ExceptionFlags.invalid.rawValue
            return invalid
        }
        magnitude = incremented
    }
    if magnitude > (negative ? minimumMagnitude : maximum) {
        flags.rawValue |= ExceptionFlags.invalid.rawValue
        return invalid
    }
    if fraction != 0 { flags.rawValue |= ExceptionFlags.inexact.rawValue }
    return (negative ? 0 &- magnitude : magnitude) & widthMask
}
