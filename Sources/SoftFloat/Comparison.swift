// Comparisons, RISC-V min/max and helpers shared by every format.

/// Quiet equality: NV only for signalling NaNs (SoftFloat `f*_eq`).
@inlinable
func softEqual(_ a: UInt64, _ b: UInt64, _ f: Format, _ flags: inout ExceptionFlags) -> Bool {
    if f.isNaN(a) || f.isNaN(b) {
        signalIfSignalingNaN(a, b, f, &flags)
        return false
    }
    return a == b || (a | b) & f.magnitudeMask == 0
}

/// a < b on ordered operands, -0 == +0.
@inlinable
func orderedLess(_ a: UInt64, _ b: UInt64, _ f: Format) -> Bool {
    let negativeA = f.isNegative(a)
    if negativeA != f.isNegative(b) { return negativeA && (a | b) & f.magnitudeMask != 0 }
    return a != b && negativeA != (a < b)
}

/// Signalling a < b: NV on any NaN (SoftFloat `f*_lt`).
@inlinable
func softLess(_ a: UInt64, _ b: UInt64, _ f: Format, _ flags: inout ExceptionFlags) -> Bool {
    if f.isNaN(a) || f.isNaN(b) {
        flags.rawValue |= ExceptionFlags.invalid.rawValue
        return false
    }
    return orderedLess(a, b, f)
}

/// Signalling a <= b: NV on any NaN (SoftFloat `f*_le`).
@inlinable
func softLessOrEqual(_ a: UInt64, _ b: UInt64, _ f: Format, _ flags: inout ExceptionFlags) -> Bool {
    if f.isNaN(a) || f.isNaN(b) {
        flags.rawValue |= ExceptionFlags.invalid.rawValue
        return false
    }
    return !orderedLess(b, a, f)
}

/// IEEE 754-2019 minimumNumber / maximumNumber with -0 < +0, as Spike's
/// `f*_min`/`f*_max`: a NaN yields the other operand, two NaNs the canonical
/// NaN, and signalling NaNs raise NV.
@inlinable
func softMinMax(
    _ a: UInt64, _ b: UInt64, maximum: Bool, _ f: Format, _ flags: inout ExceptionFlags
) -> UInt64 {
    let nanA = f.isNaN(a)
    let nanB = f.isNaN(b)
    if nanA || nanB {
        signalIfSignalingNaN(a, b, f, &flags)
        if nanA && nanB { return f.canonicalNaN }
        return nanA ? b : a
    }
    // Bit-pattern order puts -0 below +0, which orderedLess treats as equal.
    let aFirst = orderedLess(a, b, f) || (a != b && f.isNegative(a) && (a | b) & f.magnitudeMask == 0)
    return aFirst != maximum ? a : b
}
