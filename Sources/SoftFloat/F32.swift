/// An IEEE 754 binary32 value held as its bit pattern.
public struct F32: Hashable, Sendable {
    public var bits: UInt32

    @inlinable public init(bits: UInt32) { self.bits = bits }

    /// The RISC-V canonical NaN, 0x7fc00000.
    @inlinable public static var canonicalNaN: F32 { F32(bits: 0x7fc0_0000) }

    @inlinable static var format: Format { .binary32 }
    @inlinable var wide: UInt64 { UInt64(bits) }
    @inlinable init(wide: UInt64) { bits = UInt32(truncatingIfNeeded: wide) }

    @inlinable public var isNaN: Bool { F32.format.isNaN(wide) }
    @inlinable public var isSignalingNaN: Bool { F32.format.isSignalingNaN(wide) }
    /// The RISC-V `fclass.s` mask.
    @inlinable public func classify() -> UInt16 { F32.format.classify(wide) }

    /// `fsgnj.s`: this magnitude with the sign of `other`.
    @inlinable public func withSign(of other: F32) -> F32 {
        F32(bits: bits & 0x7fff_ffff | other.bits & 0x8000_0000)
    }
    /// `fsgnjn.s`: this magnitude with the opposite of `other`'s sign.
    @inlinable public func withNegatedSign(of other: F32) -> F32 {
        F32(bits: bits & 0x7fff_ffff | ~other.bits & 0x8000_0000)
    }
    /// `fsgnjx.s`: this value with its sign XORed with `other`'s.
    @inlinable public func withSignXored(with other: F32) -> F32 {
        F32(bits: bits ^ other.bits & 0x8000_0000)
    }
}

// MARK: Arithmetic

extension F32 {
    @inlinable
    public static func add(_ a: F32, _ b: F32, rounding mode: RoundingMode, flags: inout ExceptionFlags) -> F32 {
        if mode == .nearestEven, let sum = hostAddF32(a.bits, b.bits, &flags) { return F32(bits: sum) }
        return F32(wide: softAdd(a.wide, b.wide, subtract: false, format, mode, &flags))
    }

    @inlinable
    public static func sub(_ a: F32, _ b: F32, rounding mode: RoundingMode, flags: inout ExceptionFlags) -> F32 {
        if mode == .nearestEven, let difference = hostAddF32(a.bits, b.bits ^ 0x8000_0000, &flags) {
            return F32(bits: difference)
        }
        return F32(wide: softAdd(a.wide, b.wide, subtract: true, format, mode, &flags))
    }

    @inlinable
    public static func mul(_ a: F32, _ b: F32, rounding mode: RoundingMode, flags: inout ExceptionFlags) -> F32 {
        if let product = hostMulF32(a.bits, b.bits, mode, &flags) { return F32(bits: product) }
        return F32(wide: softMul(a.wide, b.wide, format, mode, &flags))
    }

    @inlinable
    public static func div(_ a: F32, _ b: F32, rounding mode: RoundingMode, flags: inout ExceptionFlags) -> F32 {
        if mode == .nearestEven, let quotient = hostDivF32(a.bits, b.bits, &flags) { return F32(bits: quotient) }
        return F32(wide: softDiv(a.wide, b.wide, format, mode, &flags))
    }

    @inlinable
    public static func sqrt(_ a: F32, rounding mode: RoundingMode, flags: inout ExceptionFlags) -> F32 {
        if mode == .nearestEven, let root = hostSqrtF32(a.bits, &flags) { return F32(bits: root) }
        return F32(wide: softSqrt(a.wide, format, mode, &flags))
    }

    /// a * b + c with one rounding. RISC-V's fmsub/fnmsub/fnmadd are this
    /// with the signs of the product and/or `c` flipped by the caller.
    @inlinable
    public static func mulAdd(
        _ a: F32, _ b: F32, _ c: F32, rounding mode: RoundingMode, flags: inout ExceptionFlags
    ) -> F32 {
        if let result = hostMulAddF32(a.bits, b.bits, c.bits, mode, &flags) {
            return F32(bits: result)
        }
        return F32(wide: softMulAdd(a.wide, b.wide, c.wide, format, mode, &flags))
    }
}

// MARK: Comparison

extension F32 {
    /// Quiet `==` (`feq.s`).
    @inlinable public static func eq(_ a: F32, _ b: F32, flags: inout ExceptionFlags) -> Bool {
        softEqual(a.wide, b.wide, format, &flags)
    }
    /// Signalling `<` (`flt.s`).
    @inlinable public static func lt(_ a: F32, _ b: F32, flags: inout ExceptionFlags) -> Bool {
        softLess(a.wide, b.wide, format, &flags)
    }
    /// Signalling `<=` (`fle.s`).
    @inlinable public static func le(_ a: F32, _ b: F32, flags: inout ExceptionFlags) -> Bool {
        softLessOrEqual(a.wide, b.wide, format, &flags)
    }
    /// `fmin.s`: IEEE 754-2019 minimumNumber.
    @inlinable public static func min(_ a: F32, _ b: F32, flags: inout ExceptionFlags) -> F32 {
        F32(wide: softMinMax(a.wide, b.wide, maximum: false, format, &flags))
    }
    /// `fmax.s`: IEEE 754-2019 maximumNumber.
    @inlinable public static func max(_ a: F32, _ b: F32, flags: inout ExceptionFlags) -> F32 {
        F32(wide: softMinMax(a.wide, b.wide, maximum: true, format, &flags))
    }
}

// MARK: Conversion

extension F32 {
    /// Exact widening (`fcvt.d.s`); a signalling NaN raises NV.
    @inlinable public func toF64(flags: inout ExceptionFlags) -> F64 {
        F64(bits: softConvert(wide, from: F32.format, to: .binary64, .nearestEven, &flags))
    }
    /// `fcvt.bf16.s`.
    @inlinable public func toBF16(rounding mode: RoundingMode, flags: inout ExceptionFlags) -> BF16 {
        BF16(wide: softConvert(wide, from: F32.format, to: .bfloat16, mode, &flags))
    }

    /// `fcvt.w.s`
    @inlinable public func toInt32(rounding mode: RoundingMode, flags: inout ExceptionFlags) -> Int32 {
        Int32(truncatingIfNeeded: softToInteger(wide, F32.format, signed: true, width: 32, mode, &flags))
    }
    /// `fcvt.wu.s` (before RISC-V's sign extension to XLEN)
    @inlinable public func toUInt32(rounding mode: RoundingMode, flags: inout ExceptionFlags) -> UInt32 {
        UInt32(truncatingIfNeeded: softToInteger(wide, F32.format, signed: false, width: 32, mode, &flags))
    }
    /// `fcvt.l.s`
    @inlinable public func toInt64(rounding mode: RoundingMode, flags: inout ExceptionFlags) -> Int64 {
        Int64(bitPattern: softToInteger(wide, F32.format, signed: true, width: 64, mode, &flags))
    }
    /// `fcvt.lu.s`
    @inlinable public func toUInt64(rounding mode: RoundingMode, flags: inout ExceptionFlags) -> UInt64 {
        softToInteger(wide, F32.format, signed: false, width: 64, mode, &flags)
    }

    /// `fcvt.s.w`
    @inlinable public init(int32 value: Int32, rounding mode: RoundingMode, flags: inout ExceptionFlags) {
        self.init(wide: softFromInteger(
            negative: value < 0, magnitude: UInt64(value.magnitude), F32.format, mode, &flags))
    }
    /// `fcvt.s.wu`
    @inlinable public init(uint32 value: UInt32, rounding mode: RoundingMode, flags: inout ExceptionFlags) {
        self.init(wide: softFromInteger(negative: false, magnitude: UInt64(value), F32.format, mode, &flags))
    }
    /// `fcvt.s.l`
    @inlinable public init(int64 value: Int64, rounding mode: RoundingMode, flags: inout ExceptionFlags) {
        self.init(wide: softFromInteger(
            negative: value < 0, magnitude: value.magnitude, F32.format, mode, &flags))
    }
    /// `fcvt.s.lu`
    @inlinable public init(uint64 value: UInt64, rounding mode: RoundingMode, flags: inout ExceptionFlags) {
        self.init(wide: softFromInteger(negative: false, magnitude: value, F32.format, mode, &flags))
    }
}
