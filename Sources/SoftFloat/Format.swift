/// Layout of one interchange format. Every format is handled as a UInt64 bit
/// pattern (sign at bit `fractionBits + exponentBits`) so one implementation
/// serves binary32, binary64 and bfloat16; the descriptors are computed
/// constants, so inlined callers constant-fold them.
@usableFromInline
struct Format {
    @usableFromInline let fractionBits: Int
    @usableFromInline let exponentBits: Int

    @inlinable init(fractionBits: Int, exponentBits: Int) {
        self.fractionBits = fractionBits
        self.exponentBits = exponentBits
    }

    @inlinable static var binary32: Format { Format(fractionBits: 23, exponentBits: 8) }
    @inlinable static var binary64: Format { Format(fractionBits: 52, exponentBits: 11) }
    @inlinable static var bfloat16: Format { Format(fractionBits: 7, exponentBits: 8) }

    @inlinable var bias: Int { (1 &<< (exponentBits &- 1)) &- 1 }
    /// The all-ones exponent field of infinities and NaNs.
    @inlinable var maxExponentField: Int { (1 &<< exponentBits) &- 1 }
    @inlinable var signMask: UInt64 { 1 &<< UInt64(fractionBits &+ exponentBits) }
    @inlinable var magnitudeMask: UInt64 { signMask &- 1 }
    @inlinable var fractionMask: UInt64 { (1 &<< UInt64(fractionBits)) &- 1 }
    @inlinable var infinity: UInt64 { UInt64(maxExponentField) &<< UInt64(fractionBits) }
    @inlinable var quietBit: UInt64 { 1 &<< UInt64(fractionBits &- 1) }
    @inlinable var canonicalNaN: UInt64 { infinity | quietBit }
    /// Bits below the last fraction bit once a significand sits at bit 62.
    @inlinable var roundBitCount: Int { 62 &- fractionBits }

    @inlinable func isNegative(_ x: UInt64) -> Bool { x & signMask != 0 }
    @inlinable func exponentField(_ x: UInt64) -> Int { Int((x &>> UInt64(fractionBits)) & UInt64(maxExponentField)) }
    @inlinable func isNaN(_ x: UInt64) -> Bool { x & magnitudeMask > infinity }
    @inlinable func isSignalingNaN(_ x: UInt64) -> Bool { isNaN(x) && x & quietBit == 0 }
    @inlinable func isInfinite(_ x: UInt64) -> Bool { x & magnitudeMask == infinity }
    @inlinable func isZero(_ x: UInt64) -> Bool { x & magnitudeMask == 0 }
    @inlinable func zero(negative: Bool) -> UInt64 { negative ? signMask : 0 }

    /// A finite nonzero value as `significand / 2^62 * 2^(exponent - bias)`
    /// with the significand in [2^62, 2^63); subnormals get exponents below 1.
    @inlinable func unpack(_ x: UInt64) -> (exponent: Int, significand: UInt64) {
        let field = exponentField(x)
        let fraction = x & fractionMask
        if field != 0 {
            return (field, (fraction | (1 &<< UInt64(fractionBits))) &<< UInt64(roundBitCount))
        }
        let shift = fraction.leadingZeroBitCount &- 1
        return (63 &- fractionBits &- shift, fraction &<< UInt64(shift))
    }

    /// The RISC-V `fclass` mask: bit 0 -inf ... bit 7 +inf, bit 8 sNaN, bit 9 qNaN.
    @inlinable func classify(_ x: UInt64) -> UInt16 {
        if isNaN(x) { return isSignalingNaN(x) ? 1 &<< 8 : 1 &<< 9 }
        let negative = isNegative(x)
        let field = exponentField(x)
        let position: UInt16
        if field == maxExponentField {
            position = 0
        } else if field != 0 {
            position = 1
        } else {
            position = x & fractionMask != 0 ? 2 : 3
        }
        return 1 &<< (negative ? position : 7 &- position)
    }
}

/// Shifts right, ORing every bit shifted out into bit 0 (the sticky bit).
@inlinable @inline(__always)
func shiftRightJam(_ x: UInt64, _ count: Int) -> UInt64 {
    if count == 0 { return x }
    if count < 64 {
        return (x &>> UInt64(count)) | ((x &<< UInt64(64 &- count)) != 0 ? 1 : 0)
    }
    return x != 0 ? 1 : 0
}

@inlinable @inline(__always)
func shiftRightJam(_ x: UInt128, _ count: Int) -> UInt128 {
    if count == 0 { return x }
    if count < 128 {
        return (x &>> UInt128(count)) | ((x &<< UInt128(128 &- count)) != 0 ? 1 : 0)
    }
    return x != 0 ? 1 : 0
}

/// The invalid-operation result: canonical NaN, raising NV.
@inlinable
func invalidResult(_ f: Format, _ flags: inout ExceptionFlags) -> UInt64 {
    flags.rawValue |= ExceptionFlags.invalid.rawValue
    return f.canonicalNaN
}

/// Raises NV when either operand is a signalling NaN.
@inlinable
func signalIfSignalingNaN(_ a: UInt64, _ b: UInt64, _ f: Format, _ flags: inout ExceptionFlags) {
    if f.isSignalingNaN(a) || f.isSignalingNaN(b) {
        flags.rawValue |= ExceptionFlags.invalid.rawValue
    }
}

/// RISC-V NaN propagation: canonical NaN, NV when any operand signals.
@inlinable
func propagateNaN(_ a: UInt64, _ b: UInt64, _ f: Format, _ flags: inout ExceptionFlags) -> UInt64 {
    signalIfSignalingNaN(a, b, f, &flags)
    return f.canonicalNaN
}
