/// A bfloat16 value (binary32's sign and exponent, 7 fraction bits) held as
/// its bit pattern. Arithmetic rounds the exact result once to bfloat16.
public struct BF16: Hashable, Sendable {
    public var bits: UInt16

    @inlinable public init(bits: UInt16) { self.bits = bits }

    /// The canonical NaN, 0x7fc0.
    @inlinable public static var canonicalNaN: BF16 { BF16(bits: 0x7fc0) }

    @inlinable static var format: Format { .bfloat16 }
    @inlinable var wide: UInt64 { UInt64(bits) }
    @inlinable init(wide: UInt64) { bits = UInt16(truncatingIfNeeded: wide) }

    @inlinable public var isNaN: Bool { BF16.format.isNaN(wide) }
    @inlinable public var isSignalingNaN: Bool { BF16.format.isSignalingNaN(wide) }
    /// The RISC-V `fclass` mask.
    @inlinable public func classify() -> UInt16 { BF16.format.classify(wide) }

    /// This magnitude with the sign of `other`.
    @inlinable public func withSign(of other: BF16) -> BF16 {
        BF16(bits: bits & 0x7fff | other.bits & 0x8000)
    }
    /// This magnitude with the opposite of `other`'s sign.
    @inlinable public func withNegatedSign(of other: BF16) -> BF16 {
        BF16(bits: bits & 0x7fff | ~other.bits & 0x8000)
    }
    /// This value with its sign XORed with `other`'s.
    @inlinable public func withSignXored(with other: BF16) -> BF16 {
        BF16(bits: bits ^ other.bits & 0x8000)
    }
}

// MARK: Arithmetic

extension BF16 {
    @inlinable
    public static func add(_ a: BF16, _ b: BF16, rounding mode: RoundingMode, flags: inout ExceptionFlags) -> BF16 {
        if let sum = hostAddBF16(a.bits, b.bits, mode, &flags) { return BF16(bits: sum) }
        return BF16(wide: softAdd(a.wide, b.wide, subtract: false, format, mode, &flags))
    }

    @inlinable
    public static func sub(_ a: BF16, _ b: BF16, rounding mode: RoundingMode, flags: inout ExceptionFlags) -> BF16 {
        if let difference = hostAddBF16(a.bits, b.bits ^ 0x8000, mode, &flags) { return BF16(bits: difference) }
        return BF16(wide: softAdd(a.wide, b.wide, subtract: true, format, mode, &flags))
    }

    @inlinable
    public static func mul(_ a: BF16, _ b: BF16, rounding mode: RoundingMode, flags: inout ExceptionFlags) -> BF16 {
        if let product = hostMulBF16(a.bits, b.bits, mode, &flags) { return BF16(bits: product) }
        return BF16(wide: softMul(a.wide, b.wide, format, mode, &flags))
    }

    @inlinable
    public static func div(_ a: BF16, _ b: BF16, rounding mode: RoundingMode, flags: inout ExceptionFlags) -> BF16 {
        BF16(wide: softDiv(a.wide, b.wide, format, mode, &flags))
    }

    @inlinable
    public static func sqrt(_ a: BF16, rounding mode: RoundingMode, flags: inout ExceptionFlags) -> BF16 {
        BF16(wide: softSqrt(a.wide, format, mode, &flags))
    }

    /// a * b + c with one rounding.
    @inlinable
    public static func mulAdd(
        _ a: BF16, _ b: BF16, _ c: BF16, rounding mode: RoundingMode, flags: inout ExceptionFlags
    ) -> BF16 {
        if let result = hostMulAddBF16(a.bits, b.bits, c.bits, mode, &flags) { return BF16(bits: result) }
        return BF16(wide: softMulAdd(a.wide, b.wide, c.wide, format, mode, &flags))
    }
}

// MARK: Comparison

extension BF16 {
    /// Quiet `==`.
    @inlinable public static func eq(_ a: BF16, _ b: BF16, flags: inout ExceptionFlags) -> Bool {
        softEqual(a.wide, b.wide, format, &flags)
    }
    /// Signalling `<`.
    @inlinable public static func lt(_ a: BF16, _ b: BF16, flags: inout ExceptionFlags) -> Bool {
        softLess(a.wide, b.wide, format, &flags)
    }
    /// Signalling `<=`.
    @inlinable public static func le(_ a: BF16, _ b: BF16, flags: inout ExceptionFlags) -> Bool {
        softLessOrEqual(a.wide, b.wide, format, &flags)
    }
    /// IEEE 754-2019 minimumNumber.
    @inlinable public static func min(_ a: BF16, _ b: BF16, flags: inout ExceptionFlags) -> BF16 {
        BF16(wide: softMinMax(a.wide, b.wide, maximum: false, format, &flags))
    }
    /// IEEE 754-2019 maximumNumber.
    @inlinable public static func max(_ a: BF16, _ b: BF16, flags: inout ExceptionFlags) -> BF16 {
        BF16(wide: softMinMax(a.wide, b.wide, maximum: true, format, &flags))
    }
}

// MARK: Conversion

extension BF16 {
    /// Exact widening (`fcvt.s.bf16`); a signalling NaN raises NV.
    @inlinable public func toF32(flags: inout ExceptionFlags) -> F32 {
        if isNaN {
            if isSignalingNaN { flags.rawValue |= ExceptionFlags.invalid.rawValue }
            return F32.canonicalNaN
        }
        return F32(bits: UInt32(bits) &<< 16)
    }
    /// Exact widening to binary64; a signalling NaN raises NV.
    @inlinable public func toF64(flags: inout ExceptionFlags) -> F64 {
        F64(bits: softConvert(wide, from: BF16.format, to: .binary64, .nearestEven, &flags))
    }

    @inlinable public func toInt32(rounding mode: RoundingMode, flags: inout ExceptionFlags) -> Int32 {
        Int32(truncatingIfNeeded: softToInteger(wide, BF16.format, signed: true, width: 32, mode, &flags))
    }
    @inlinable public func toUInt32(rounding mode: RoundingMode, flags: inout ExceptionFlags) -> UInt32 {
        UInt32(truncatingIfNeeded: softToInteger(wide, BF16.format, signed: false, width: 32, mode, &flags))
    }

    @inlinable public init(int32 value: Int32, rounding mode: RoundingMode, flags: inout ExceptionFlags) {
        self.init(wide: softFromInteger(
            negative: value < 0, magnitude: UInt64(value.magnitude), BF16.format, mode, &flags))
    }
    @inlinable public init(uint32 value: UInt32, rounding mode: RoundingMode, flags: inout ExceptionFlags) {
        self.init(wide: softFromInteger(negative: false, magnitude: UInt64(value), BF16.format, mode, &flags))
    }
}
