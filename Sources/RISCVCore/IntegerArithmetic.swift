/// RISC-V M-extension results for the cases the host's operators do not define (division by zero,
/// signed overflow) or do not offer directly (high halves of mixed-sign products).
enum IntegerArithmetic {
    @inline(__always)
    static func mulh(_ a: UInt64, _ b: UInt64) -> UInt64 {
        UInt64(bitPattern: Int64(bitPattern: a).multipliedFullWidth(by: Int64(bitPattern: b)).high)
    }

    @inline(__always)
    static func mulhsu(_ a: UInt64, _ b: UInt64) -> UInt64 {
        // Unsigned product's high half, corrected for a's sign: a = a_u - 2^64 when a < 0.
        let high = a.multipliedFullWidth(by: b).high
        return Int64(bitPattern: a) < 0 ? high &- b : high
    }

    @inline(__always)
    static func div(_ a: UInt64, _ b: UInt64) -> UInt64 {
        let x = Int64(bitPattern: a), y = Int64(bitPattern: b)
        if y == 0 { return .max }
        if x == .min && y == -1 { return a }
        return UInt64(bitPattern: x / y)
    }

    @inline(__always)
    static func rem(_ a: UInt64, _ b: UInt64) -> UInt64 {
        let x = Int64(bitPattern: a), y = Int64(bitPattern: b)
        if y == 0 { return a }
        if x == .min && y == -1 { return 0 }
        return UInt64(bitPattern: x % y)
    }

    @inline(__always)
    static func divw(_ a: UInt64, _ b: UInt64) -> UInt64 {
        let x = Int32(truncatingIfNeeded: a), y = Int32(truncatingIfNeeded: b)
        if y == 0 { return .max }
        if x == .min && y == -1 { return UInt64(bitPattern: Int64(x)) }
        return UInt64(bitPattern: Int64(x / y))
    }

    @inline(__always)
    static func divuw(_ a: UInt64, _ b: UInt64) -> UInt64 {
        let x = UInt32(truncatingIfNeeded: a), y = UInt32(truncatingIfNeeded: b)
        if y == 0 { return .max }
        return signExtend32(UInt64(x / y))
    }

    @inline(__always)
    static func remw(_ a: UInt64, _ b: UInt64) -> UInt64 {
        let x = Int32(truncatingIfNeeded: a), y = Int32(truncatingIfNeeded: b)
        if y == 0 { return UInt64(bitPattern: Int64(x)) }
        if x == .min && y == -1 { return 0 }
        return UInt64(bitPattern: Int64(x % y))
    }

    @inline(__always)
    static func remuw(_ a: UInt64, _ b: UInt64) -> UInt64 {
        let x = UInt32(truncatingIfNeeded: a), y = UInt32(truncatingIfNeeded: b)
        if y == 0 { return signExtend32(UInt64(x)) }
        return signExtend32(UInt64(x % y))
    }
}
