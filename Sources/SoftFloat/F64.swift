/// An IEEE 754 binary64 value held as its bit pattern.
public struct F64: Hashable, Sendable {
    public var bits: UInt64

    @inlinable public init(bits: UInt64) { self.bits = bits }

    /// The RISC-V canonical NaN, 0x7ff8000000000000.
    @inlinable public static var canonicalNaN: F64 { F64(bits: 0x7ff8_0000_0000_0000) }

    @inlinable static var format: Format { .binary64 }

    @inlinable public var isNaN: Bool { F64.format.isNaN(bits) }
    @inlinable public var isSignalingNaN: Bool { F64.format.isSignalingNaN(bits) }
    /// The RISC-V `fclass.d` mask.
    @inlinable public func classify() -> UInt16 { F64.format.classify(bits) }

    @inlinable static var signMask: UInt64 { 0x8000_0000_0000_0000 }

    /// `fsgnj.d`: this magnitude with the sign of `other`.
    @inlinable public func withSign(of other: F64) -> F64 {
        F64(bits: bits & ~F64.signMask | other.bits & F64.signMask)
    }
    /// `fsgnjn.d`: this magnitude with the opposite of `other`'s sign.
    @inlinable public func withNegatedSign(of other: F64) -> F64 {
        F64(bits: bits & ~F64.signMask | ~other.bits & F64.signMask)
    }
    /// `fsgnjx.d`: this value with its sign XORed with `other`'s.
    @inlinable public func withSignXored(with other: F64) -> F64 {
        F64(bits: bits ^ other.bits & F64.signMask)
    }
}

// MARK: Arithmetic

extension F64 {
    @inlinable
    public static func add(_ a: F64, _ b: F64, rounding mode: RoundingMode, flags: inout ExceptionFlags) -> F64 {
        if mode == .nearestEven, let sum = hostAddF64(a.bits, b.bits, &flags) { return F64(bits: sum) }
        return F64(bits: softAdd(a.bits, b.bits, subtract: false, format, mode, &flags))
    }

    @inlinable
    public static func sub(_ a: F64, _ b: F64, rounding mode: RoundingMode, flags: inout ExceptionFlags) -> F64 {
        if mode == .nearestEven, let difference = hostAddF64(a.bits, b.bits ^ signMask, &flags) {
            return F64(bits: difference)
        }
        return F64(bits: softAdd(a.bits, b.bits, subtract: true, format, mode, &flags))
    }

    @inlinable
    public static func mul(_ a: F64, _ b: F64, rounding mode: RoundingMode, flags: inout ExceptionFlags) -> F64 {
        F64(bits: softMul(a.bits, b.bits, format, mode, &flags))
    }

    @inlinable
    public static func div(_ a: F64, _ b: F64, rounding mode: RoundingMode, flags: inout ExceptionFlags) -> F64 {
        F64(bits: softDiv(a.bits, b.bits, format, mode, &flags))
    }

    @inlinable
    public static func sqrt(_ a: F64, rounding mode: RoundingMode, flags: inout ExceptionFlags) -> F64 {
        F64(bits: softSqrt(a.bits, format, mode, &flags))
    }

    /// a * b + c with one rounding. RISC-V's fmsub/fnmsub/fnmadd are this
    /// with the signs of the product and/or `c` flipped by the caller.
    @inlinable
    public static func mulAdd(
        _ a: F64, _ b: F64, _ c: F64, rounding mode: RoundingMode, flags: inout ExceptionFlags
    ) -> F64 {
        F64(bits: softMulAdd(a.bits, b.bits, c.bits, format, mode, &flags))
    }
}

// MARK: Comparison

extension F64 {
    /// Quiet `==` (`feq.d`).
    @inlinable public static func eq(_ a: F64, _ b: F64, flags: inout ExceptionFlags) -> Bool {
        softEqual(a.bits, b.bits, format, &flags)
    }
    /// Signalling `<` (`flt.d`).
    @inlinable public static func lt(_ a: F64, _ b: F64, flags: inout ExceptionFlags) -> Bool {
        softLess(a.bits, b.bits, format, &flags)
    }
    /// Signalling `<=` (`fle.d`).
    @inlinable public static func le(_ a: F64, _ b: F64, flags: inout ExceptionFlags) -> Bool {
        softLessOrEqual(a.bits, b.bits, format, &flags)
    }
    /// `fmin.d`: IEEE 754-2019 minimumNumber.
    @inlinable public static func min(_ a: F64, _ b: F64, flags: inout ExceptionFlags) -> F64 {
        F64(bits: softMinMax(a.bits, b.bits, maximum: false, format, &flags))
    }
    /// `fmax.d`: IEEE 754-2019 maximumNumber.
    @inlinable public static func max(_ a: F64, _ b: F64, flags: inout ExceptionFlags) -> F64 {
        F64(bits: softMinMax(a.bits, b.bits, maximum: true, format, &flags))
    }
}

// MARK: Conversion

extension F64 {
    /// `fcvt.s.d`
    @inlinable public func toF32(rounding mode: RoundingMode, flags: inout ExceptionFlags) -> F32 {
        F32(wide: softConvert(bits, from: F64.format, to: .binary32, mode, &flags))
    }
    /// Direct rounding to bfloat16 (SoftFloat `f64_to_bf16`), not via binary32.
    @inlinable public func toBF16(rounding mode: RoundingMode, flags: inout ExceptionFlags) -> BF16 {
        BF16(wide: softConvert(bits, from: F64.format, to: .bfloat16, mode, &flags))
    }

    /// `fcvt.w.d`
    @inlinable public func toInt32(rounding mode: RoundingMode, flags: inout ExceptionFlags) -> Int32 {
        Int32(truncatingIfNeeded: softToInteger(bits, F64.format, signed: true, width: 32, mode, &flags))
    }
    /// `fcvt.wu.d` (before RISC-V's sign extension to XLEN)
    @inlinable public func toUInt32(rounding mode: RoundingMode, flags: inout ExceptionFlags) -> UInt32 {
        UInt32(truncatingIfNeeded: softToInteger(bits, F64.format, signed: false, width: 32, mode, &flags))
    }
    /// `fcvt.l.d`
    @inlinable public func toInt64(rounding mode: RoundingMode, flags: inout ExceptionFlags) -> Int64 {
        Int64(bitPattern: softToInteger(bits, F64.format, signed: true, width: 64, mode, &flags))
    }
    /// `fcvt.lu.d`
    @inlinable public func toUInt64(rounding mode: RoundingMode, flags: inout ExceptionFlags) -> UInt64 {
        softToInteger(bits, F64.format, signed: false, width: 64, mode, &flags)
    }

    /// `fcvt.d.w` (exact; the mode and flags keep call sites uniform)
    @inlinable public init(int32 value: Int32, rounding mode: RoundingMode, flags: inout ExceptionFlags) {
        self.init(bits: softFromInteger(
            negative: value < 0, magnitude: UInt64(value.magnitude), F64.format, mode, &flags))
    }
    /// `fcvt.d.wu` (exact)
    @inlinable public init(uint32 value: UInt32, rounding mode: RoundingMode, flags: inout ExceptionFlags) {
        self.init(bits: softFromInteger(negative: false, magnitude: UInt64(value), F64.format, mode, &flags))
    }
    /// `fcvt.d.l`
    @inlinable public init(int64 value: Int64, rounding mode: RoundingMode, flags: inout ExceptionFlags) {
        self.init(bits: softFromInteger(
            negative: value < 0, magnitude: value.magnitude, F64.format, mode, &flags))
    }
    /// `fcvt.d.lu`
    @inlinable public init(uint64 value: UInt64, rounding mode: RoundingMode, flags: inout ExceptionFlags) {
        self.init(bits: softFromInteger(negative: false, magnitude: value, F64.format, mode, &flags))
    }
}
