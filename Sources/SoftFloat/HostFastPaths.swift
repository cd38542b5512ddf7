// Shortcuts through the host's IEEE binary64 arithmetic (correctly rounded,
// round-to-nearest-even). Each returns nil unless it can prove both the result
// and the flags; the callers then take the integer path. binary32 and
// bfloat16 operands convert to binary64 exactly, and their products are exact
// there (at most 48 significant bits, exponents far inside binary64's range).

/// Knuth's TwoSum: `sum + error == x + y` exactly when nothing overflows.
@inlinable @inline(__always)
func twoSumError(_ x: Double, _ y: Double, _ sum: Double) -> Double {
    let yPart = sum - x
    return (x - (sum - yPart)) + (y - yPart)
}

/// `sum` with error `error` rounded to odd: keeps a lost-bits marker in the
/// last place, so one later rounding to <= 51 bits is correct in any mode.
@inlinable @inline(__always)
func roundedToOdd(_ sum: Double, _ error: Double) -> Double {
    if error == 0 || sum.bitPattern & 1 != 0 { return sum }
    return error > 0 ? sum.nextUp : sum.nextDown
}

// MARK: binary32, round to nearest even

@inlinable
func hostAddF32(_ a: UInt32, _ b: UInt32, _ flags: inout ExceptionFlags) -> UInt32? {
    let x = Double(Float(bitPattern: a))
    let y = Double(Float(bitPattern: b))
    let sum = x + y
    let error = twoSumError(x, y, sum)
    let rounded = Float(roundedToOdd(sum, error))
    // Non-finite covers NaN and infinite operands and overflow; a sum is
    // never tiny and inexact.
    guard rounded.isFinite else { return nil }
    if error != 0 || Double(rounded) != sum {
        flags.rawValue |= ExceptionFlags.inexact.rawValue
    }
    return rounded.bitPattern
}

@inlinable
func hostMulF32(_ a: UInt32, _ b: UInt32, _ flags: inout ExceptionFlags) -> UInt32? {
    let product = Double(Float(bitPattern: a)) * Double(Float(bitPattern: b))
    let rounded = Float(product)
    // Above the smallest normal the result cannot be tiny; at or below it the
    // after-rounding tininess test needs the integer path.
    guard rounded.isFinite, rounded.magnitude > Float.leastNormalMagnitude || product == 0 else { return nil }
    if Double(rounded) != product { flags.rawValue |= ExceptionFlags.inexact.rawValue }
    return rounded.bitPattern
}

@inlinable
func hostDivF32(_ a: UInt32, _ b: UInt32, _ flags: inout ExceptionFlags) -> UInt32? {
    let x = Float(bitPattern: a)
    let y = Float(bitPattern: b)
    let quotient = x / y
    guard quotient.isFinite, quotient.magnitude > Float.leastNormalMagnitude else { return nil }
    // quotient * y is exact in binary64, so this asks whether quotient == x / y.
    if Double(quotient) * Double(y) != Double(x) { flags.rawValue |= ExceptionFlags.inexact.rawValue }
    return quotient.bitPattern
}

@inlinable
func hostSqrtF32(_ a: UInt32, _ flags: inout ExceptionFlags) -> UInt32? {
    // Positive, nonzero and finite; such roots are always normal.
    guard a &- 1 < 0x7f7f_ffff else { return nil }
    let x = Float(bitPattern: a)
    let root = x.squareRoot()
    if Double(root) * Double(root) != Double(x) { flags.rawValue |= ExceptionFlags.inexact.rawValue }
    return root.bitPattern
}

@inlinable
func hostMulAddF32(_ a: UInt32, _ b: UInt32, _ c: UInt32, _ flags: inout ExceptionFlags) -> UInt32? {
    let product = Double(Float(bitPattern: a)) * Double(Float(bitPattern: b))
    let addend = Double(Float(bitPattern: c))
    let sum = product + addend
    guard sum.isFinite else { return nil }
    let error = twoSumError(product, addend, sum)
    let rounded = Float(roundedToOdd(sum, error))
    // A zero sum with no error is exact, and the host gave it IEEE's sign.
    guard rounded.isFinite, rounded.magnitude > Float.leastNormalMagnitude || (sum == 0 && error == 0) else {
        return nil
    }
    if error != 0 || Double(rounded) != sum { flags.rawValue |= ExceptionFlags.inexact.rawValue }
    return rounded.bitPattern
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
    if twoSumError(x, y, sum) != 0 { flags.rawValue |= ExceptionFlags.inexact.rawValue }
    return sum.bitPattern
}

// MARK: bfloat16, any rounding mode

/// Rounds a binary64 that is exact or rounded to odd to bfloat16 in `mode`.
@inlinable @inline(__always)
func roundToBF16(_ value: Double, _ mode: RoundingMode, _ flags: inout ExceptionFlags) -> UInt16 {
    UInt16(truncatingIfNeeded: softConvert(value.bitPattern, from: .binary64, to: .bfloat16, mode, &flags))
}

@inlinable
func hostAddBF16(_ a: UInt16, _ b: UInt16, _ mode: RoundingMode, _ flags: inout ExceptionFlags) -> UInt16? {
    let x = Double(Float(bitPattern: UInt32(a) &<< 16))
    let y = Double(Float(bitPattern: UInt32(b) &<< 16))
    let sum = x + y
    // Zero sums take the integer path, which signs them by rounding mode.
    guard sum.isFinite, sum != 0 else { return nil }
    return roundToBF16(roundedToOdd(sum, twoSumError(x, y, sum)), mode, &flags)
}

@inlinable
func hostMulBF16(_ a: UInt16, _ b: UInt16, _ mode: RoundingMode, _ flags: inout ExceptionFlags) -> UInt16? {
    let product = Double(Float(bitPattern: UInt32(a) &<< 16)) * Double(Float(bitPattern: UInt32(b) &<< 16))
    guard product.isFinite else { return nil }
    return roundToBF16(product, mode, &flags)
}

@inlinable
func hostMulAddBF16(
    _ a: UInt16, _ b: UInt16, _ c: UInt16, _ mode: RoundingMode, _ flags: inout ExceptionFlags
) -> UInt16? {
    let product = Double(Float(bitPattern: UInt32(a) &<< 16)) * Double(Float(bitPattern: UInt32(b) &<< 16))
    let addend = Double(Float(bitPattern: UInt32(c) &<< 16))
    let sum = product + addend
    guard sum.isFinite, sum != 0 else { return nil }
    return roundToBF16(roundedToOdd(sum, twoSumError(product, addend, sum)), mode, &flags)
}
