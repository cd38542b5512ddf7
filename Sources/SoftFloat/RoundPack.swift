/// Rounds `significand / 2^62 * 2^(exponent - bias)` to format `f` and packs
/// it, raising NX, UF (tiny after rounding and inexact) and OF. The
/// significand must lie in [2^62, 2^63) with any lost bits jammed into bit 0.
/// Mirrors SoftFloat's `softfloat_roundPackToF32/F64/BF16`.
@inlinable
func roundPack(
    _ negative: Bool, _ exponent: Int, _ significand: UInt64,
    _ f: Format, _ mode: RoundingMode, _ flags: inout ExceptionFlags
) -> UInt64 {
    let roundBitCount = UInt64(f.roundBitCount)
    let roundMask: UInt64 = (1 &<< roundBitCount) &- 1
    let half: UInt64 = 1 &<< (roundBitCount &- 1)
    let increment: UInt64
    switch mode {
    case .nearestEven, .nearestMaxMagnitude: increment = half
    case .towardZero: increment = 0
    case .down: increment = negative ? roundMask : 0
    case .up: increment = negative ? 0 : roundMask
    }
    let signBit = negative ? f.signMask : 0
    // SoftFloat's convention: the packed exponent field minus one, so the
    // significand's leading bit carries into the field when added.
    var biased = exponent &- 1
    var sig = significand
    if biased < 0 {
        // Tiny if, rounded with an unbounded exponent, it stays below 2^emin.
        let isTiny = biased < -1 || sig &+ increment < 1 &<< 63
        sig = shiftRightJam(sig, -biased)
        biased = 0
        if isTiny && sig & roundMask != 0 { flags.rawValue |= ExceptionFlags.underflow.rawValue }
    } else if biased >= f.maxExponentField &- 2 {
        if biased > f.maxExponentField &- 2 || sig &+ increment >= 1 &<< 63 {
            flags.rawValue |= ExceptionFlags.overflow.rawValue | ExceptionFlags.inexact.rawValue
            // Modes that never round away from zero stop at the largest finite.
            return signBit | (increment == 0 ? f.infinity &- 1 : f.infinity)
        }
    }
    let roundBits = sig & roundMask
    flags.rawValue |= inexactBit(roundBits != 0)
    var rounded = (sig &+ increment) &>> roundBitCount
    rounded &= ~UInt64(mode == .nearestEven && roundBits == half ? 1 : 0)
    if rounded == 0 { biased = 0 }
    return signBit | ((UInt64(biased) &<< UInt64(f.fractionBits)) &+ rounded)
}

/// `roundPack` for a nonzero significand not yet normalized to bit 62.
@inlinable
func normalizeRoundPack(
    _ negative: Bool, _ exponent: Int, _ significand: UInt64,
    _ f: Format, _ mode: RoundingMode, _ flags: inout ExceptionFlags
) -> UInt64 {
    let shift = significand.leadingZeroBitCount &- 1
    if shift < 0 {
        return roundPack(negative, exponent &+ 1, shiftRightJam(significand, 1), f, mode, &flags)
    }
    return roundPack(negative, exponent &- shift, significand &<< UInt64(shift), f, mode, &flags)
}
