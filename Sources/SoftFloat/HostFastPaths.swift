// Shortcuts through the host's IEEE binary32/binary64 arithmetic, which is
// correctly rounded to nearest even. Each returns nil unless it can prove both
// the result and the flags; the callers then take the integer path.
// binary32 and bfloat16 operands convert to binary64 exactly, and their
// products are exact there (at most 48 significant bits, exponents far inside
// binary64's range). Sums are made exact-or-round-to-odd with TwoSum, after
// which one more rounding to the target (<= 24 bits) is the correct rounding
// of the exact result in every mode, with the right tininess and flags.

/// Knuth's TwoSum: `sum + error == x + y` exactly when nothing overflows.
@inlinable @inline(__always)
func twoSumError(_ x: Double, _ y: Double, _ sum: Double) -> Double {
    let yPart = sum - x
    return (x - (sum - yPart)) + (y - yPart)
}

/// The NX bit when `condition` holds; a select rather than a branch, since
/// exactness is data-dependent and mispredicts badly.
@inlinable @inline(__always)
func inexactBit(_ condition: Bool) -> UInt8 { condition ? ExceptionFlags.inexact.rawValue : 0 }

/// `sum` with error `error` rounded to odd: keeps a lost-bits marker in the
/// last place, so one later rounding to <= 51 bits is correct in any mode.
@inlinable @inline(__always)
func roundedToOdd(_ sum: Double, _ error: Double) -> Double {
    if error == 0 || sum.bitPattern & 1 != 0 { return sum }
    return error > 0 ? sum.nextUp : sum.nextDown
}

// MARK: binary32

/// Rounds a binary64 that is exact or rounded to odd to format `f` in `mode`.
@inlinable @inline(__always)
func roundFromBinary64(_ value: Double, _ f: Format, _ mode: RoundingMode, _ flags: inout ExceptionFlags) -> UInt64 {
    softConvert(value.bitPattern, from: .binary64, to: f, mode, &flags)
}

/// binary32 `x + y` rounded to nearest even by the host's own conversion;
/// a sum is never tiny and inexact.
@inlinable
func hostAddF32(_ a: UInt32, _ b: UInt32, _ flags: inout ExceptionFlags) -> UInt32? {
    let x = Double(Float(bitPattern: a))
    let y = Double(Float(bitPattern: b))
    let sum = x + y
    let error = twoSumError(x, y, sum)
    let rounded = Float(roundedToOdd(sum, error))
    // Non-finite covers NaN and infinite operands and overflow.
    guard rounded.isFinite else { return nil }
    flags.rawValue |= inexactBit(error != 0) | inexactBit(Double(rounded) != sum)
    return rounded.bitPattern
}

@inlinable
func hostMulF32(_ a: UInt32, _ b: UInt32, _ mode: RoundingMode, _ flags: inout ExceptionFlags) -> UInt32? {
    let product = Double(Float(bitPattern: a)) * Double(Float(bitPattern: b))
    guard product.isFinite else { return nil }
    guard mode == .nearestEven else {
        return UInt32(truncatingIfNeeded: roundFromBinary64(product, .binary32, mode, &flags))
    }
    let rounded = Float(product)
    // Above the smallest normal the result cannot be tiny; at or below it the
    // after-rounding tininess test needs the integer path.
    guard rounded.isFinite, rounded.magnitude > Float.leastNormalMagnitude || product == 0 else { return nil }
    flags.rawValue |= inexactBit(Double(rounded) != product)
    return rounded.bitPattern
}

/// Round to nearest even only: the host's binary32 division.
@inlinable
func hostDivF32(_ a: UInt32, _ b: UInt32, _ flags: inout ExceptionFlags) -> UInt32? {
    let x = Float(bitPattern: a)
    let y = Float(bitPattern: b)
    let quotient = x / y
    guard quotient.isFinite, quotient.magnitude > Float.leastNormalMagnitude else { return nil }
    // quotient * y is exact in binary64, so this asks whether quotient == x / y.
    flags.rawValue |= inexactBit(Double(quotient) * Double(y) != Double(x))
    return quotient.bitPattern
}

/// Round to nearest even only: the host's binary32 square root.
@inlinable
func hostSqrtF32(_ a: UInt32, _ flags: inout ExceptionFlags) -> UInt32? {
    // Positive, nonzero and finite; such roots are always normal.
    guard a &- 1 < 0x7f7f_ffff else { return nil }
    let x = Float(bitPattern: a)
    let root = x.squareRoot()
    flags.rawValue |= inexactBit(Double(root) * Double(root) != Double(x))
    return root.bitPattern
}

@inlinable
func hostMulAddF32(
    _ a: UInt32, _ b: UInt32, _ c: UInt32, _ mode: RoundingMode, _ flags: inout ExceptionFlags
) -> UInt32? {
    let product = Double(Float(bitPattern: a)) * Double(Float(bitPattern: b))
    let addend = Double(Float(bitPattern: c))
    let sum = product + addend
    guard sum.isFinite else { return nil }
    let error = twoSumError(product, addend, sum)
    if mode == .nearestEven {
        let rounded = Float(roundedToOdd(sum, error))
        // A zero sum with no error is exact, and the host gave it IEEE's sign.
        guard rounded.isFinite, rounded.magnitude > Float.leastNormalMagnitude || (sum == 0 && error == 0) else {
            return nil
        }
        flags.rawValue |= inexactBit(error != 0) | inexactBit(Double(rounded) != sum)
        return rounded.bitPattern
    }
    guard sum != 0 else { return nil }
    return UInt32(truncatingIfNeeded: roundFromBinary64(roundedToOdd(sum, error), .binary32, mode, &flags))
}

// MARK: binary64 addition, round to nearest even

@inlinable
func hostAddF64(_ a: UInt64, _ b: UInt64, _ flags: inout ExceptionFlags) -> UInt64? {
    // Below 2^1020 in magnitude (and so not NaN or infinite) no step of
    // TwoSum can overflow. A sum is never tiny and inexact.
    let limit: UInt64 = 0x7fc0_0000_0000_0000
    guard a & 0x7fff_ffff_ffff_ffff < limit, b & 0x7fff_ffff_ffff_ffff < limit else { return nil }
    let x = Double(bitPattern: a)
    let y = Double(bitPattern: b)
    let sum = x + y
    flags.rawValue |= inexactBit(twoSumError(x, y, sum) != 0)
    return sum.bitPattern
}

// MARK: bfloat16, any rounding mode

@inlinable
func hostAddBF16(_ a: UInt16, _ b: UInt16, _ mode: RoundingMode, _ flags: inout ExceptionFlags) -> UInt16? {
    let x = Double(Float(bitPattern: UInt32(a) &<< 16))
    let y = Double(Float(bitPattern: UInt32(b) &<< 16))
    let sum = x + y
    // Zero sums take the integer path, which signs them by rounding mode.
    guard sum.isFinite, sum != 0 else { return nil }
    return UInt16(truncatingIfNeeded: roundFromBinary64(roundedToOdd(sum, twoSumError(x, y, sum)), .bfloat16, mode, &flags))
}

@inlinable
func hostMulBF16(_ a: UInt16, _ b: UInt16, _ mode: RoundingMode, _ flags: inout ExceptionFlags) -> UInt16? {
    let product = Double(Float(bitPattern: UInt32(a) &<< 16)) * Double(Float(bitPattern: UInt32(b) &<< 16))
    guard product.isFinite else { return nil }
    return UInt16(truncatingIfNeeded: roundFromBinary64(product, .bfloat16, mode, &flags))
}

@inlinable
func hostMulAddBF16(
    _ a: UInt16, _ b: UInt16, _ c: UInt16, _ mode: RoundingMode, _ flags: inout ExceptionFlags
) -> UInt16? {
    let product = Double(Float(bitPattern: UInt32(a) &<< 16)) * Double(Float(bitPattern: UInt32(b) &<< 16))
    let addend = Double(Float(bitPattern: UInt32(c) &<< 16))
    let sum = product + addend
    guard sum.isFinite, sum != 0 else { return nil }
    return UInt16(truncatingIfNeeded: roundFromBinary64(
        roundedToOdd(sum, twoSumError(product, addend, sum)), .bfloat16, mode, &flags))
}
