// Float arithmetic of the float configurations, bit-exact to Berkeley hardfloat as Gemmini's RTL uses
// it: round to nearest even, tininess after rounding, subnormals kept, every NaN result the canonical
// NaN, conversions to narrower types never saturate. Values travel as raw bits in a UInt32 (a BF16 in
// the low half). The fast paths use the host FPU where the result is provably the correctly rounded one:
// FP32 fused multiply-add is the host's `fmaf`; a BF16 fused multiply-add computes the exact product and
// a once-rounded sum in binary64 and corrects the one double-rounding case with a TwoSum error term.
// FloatKernels.swift does the array's work four lanes at a time and falls back on these. The SoftFloat
// module is the reference the unit tests hold both against.

/// One float format of the model (FP32 or BF16), as static functions on raw bits, so that the movers and
/// the systolic array specialise per format with no per-element dispatch.
protocol GemminiFloatFormat {
    /// Whether this is BF16 (else FP32).
    static var isBF16: Bool { get }
    /// Bytes per value in main memory and in the scratchpad.
    static var byteCount: Int { get }
    static var signBit: UInt32 { get }
    static var canonicalNaN: UInt32 { get }
    static var one: UInt32 { get }
    /// `round(a * b + c)`: one fused multiply-add.
    static func mulAdd(_ a: UInt32, _ b: UInt32, _ c: UInt32) -> UInt32
    static func add(_ a: UInt32, _ b: UInt32) -> UInt32
    static func mul(_ a: UInt32, _ b: UInt32) -> UInt32
    /// 2^e for -31 <= e <= 0.
    static func powerOfTwo(_ e: Int) -> UInt32
    /// Conversion from FP32 bits (rounding for BF16; canonical NaN).
    static func fromFP32(_ x: UInt32) -> UInt32
    /// Whether `mulAdd4` may take products of these `count` values (a multiple of 4); see FloatKernels.swift.
    static func productsExact(_ x: UnsafePointer<UInt32>, count: Int) -> Bool
    /// `mulAdd(a, w[j], c[j])` for the four lanes j.
    static func mulAdd4(_ a: UInt32, _ w: SIMD4<UInt32>, _ c: SIMD4<UInt32>) -> SIMD4<UInt32>
    /// `add(a[j], b[j])` for the four lanes j.
    static func add4(_ a: SIMD4<UInt32>, _ b: SIMD4<UInt32>) -> SIMD4<UInt32>
}

enum FP32Format: GemminiFloatFormat {
    static var isBF16: Bool { false }
    static var byteCount: Int { 4 }
    static var signBit: UInt32 { 0x8000_0000 }
    static var canonicalNaN: UInt32 { 0x7FC0_0000 }
    static var one: UInt32 { 0x3F80_0000 }
    @inline(__always) static func mulAdd(_ a: UInt32, _ b: UInt32, _ c: UInt32) -> UInt32 { fp32MulAdd(a, b, c) }
    @inline(__always) static func add(_ a: UInt32, _ b: UInt32) -> UInt32 {
        let r = Float(bitPattern: a) + Float(bitPattern: b)
        return r.isNaN ? 0x7FC0_0000 : r.bitPattern
    }
    @inline(__always) static func mul(_ a: UInt32, _ b: UInt32) -> UInt32 {
        let r = Float(bitPattern: a) * Float(bitPattern: b)
        return r.isNaN ? 0x7FC0_0000 : r.bitPattern
    }
    @inline(__always) static func powerOfTwo(_ e: Int) -> UInt32 { UInt32(127 + e) << 23 }
    @inline(__always) static func fromFP32(_ x: UInt32) -> UInt32 { isNaN32(x) ? 0x7FC0_0000 : x }
}

enum BF16Format: GemminiFloatFormat {
    static var isBF16: Bool { true }
    static var byteCount: Int { 2 }
    static var signBit: UInt32 { 0x8000 }
    static var canonicalNaN: UInt32 { 0x7FC0 }
    static var one: UInt32 { 0x3F80 }
    @inline(__always) static func mulAdd(_ a: UInt32, _ b: UInt32, _ c: UInt32) -> UInt32 { bf16MulAdd(a, b, c) }
    @inline(__always) static func add(_ a: UInt32, _ b: UInt32) -> UInt32 { bf16Sum(bf16ToDouble(a), bf16ToDouble(b)) }
    @inline(__always) static func mul(_ a: UInt32, _ b: UInt32) -> UInt32 {
        roundDoubleToBF16(bf16ToDouble(a) * bf16ToDouble(b), error: 0)
    }
    @inline(__always) static func powerOfTwo(_ e: Int) -> UInt32 { UInt32(127 + e) << 7 }
    @inline(__always) static func fromFP32(_ x: UInt32) -> UInt32 { fp32ToBF16(x) }
}

@inline(__always) func isNaN32(_ x: UInt32) -> Bool { x & 0x7FFF_FFFF > 0x7F80_0000 }

/// FP32 fused multiply-add (the host's `fmaf`), NaN canonicalised.
@inline(__always)
func fp32MulAdd(_ a: UInt32, _ b: UInt32, _ c: UInt32) -> UInt32 {
    let r = Float(bitPattern: c).addingProduct(Float(bitPattern: a), Float(bitPattern: b))
    return r.isNaN ? 0x7FC0_0000 : r.bitPattern
}

/// FP32 to BF16, round to nearest even, overflow to infinity, canonical NaN.
@inline(__always)
func fp32ToBF16(_ x: UInt32) -> UInt32 {
    if isNaN32(x) { return 0x7FC0 }
    return (x &+ 0x7FFF &+ ((x >> 16) & 1)) >> 16
}

/// BF16 to FP32 (exact; canonical NaN).
@inline(__always)
func bf16ToFP32(_ x: UInt32) -> UInt32 {
    x & 0x7FFF > 0x7F80 ? 0x7FC0_0000 : (x & 0xFFFF) << 16
}

/// A BF16 value as a Double (exact; a NaN stays a NaN).
@inline(__always)
func bf16ToDouble(_ x: UInt32) -> Double { Double(Float(bitPattern: (x & 0xFFFF) << 16)) }

/// BF16 fused multiply-add `round_bf16(a * b + c)`: the product of two BF16 values is exact in binary64,
/// the sum is rounded once there, and the TwoSum error decides the one case where that rounding could
/// have moved the sum onto a BF16 halfway point.
@inline(__always)
func bf16MulAdd(_ a: UInt32, _ b: UInt32, _ c: UInt32) -> UInt32 {
    bf16Sum(bf16ToDouble(a) * bf16ToDouble(b), bf16ToDouble(c))
}

/// `round_bf16(p + c)` for binary64 p and c whose exact sum rounds correctly given its TwoSum error.
@inline(__always)
func bf16Sum(_ p: Double, _ c: Double) -> UInt32 {
    let s = p + c
    let bb = s - p
    let error = (p - (s - bb)) + (c - bb)
    return roundDoubleToBF16(s, error: error)
}

/// Rounds `s + error` (s a binary64 normal, zero, infinity or NaN; |error| at most half an ulp of s, the
/// part of the exact value s lost) to BF16 with round to nearest even, subnormals kept, overflow to
/// infinity, canonical NaN.
@inline(__always)
func roundDoubleToBF16(_ s: Double, error: Double) -> UInt32 {
    let bits = s.bitPattern
    let sign = UInt32(truncatingIfNeeded: bits >> 48) & 0x8000
    let magnitude = bits & 0x7FFF_FFFF_FFFF_FFFF
    if magnitude >= 0x7FF0_0000_0000_0000 {
        return magnitude > 0x7FF0_0000_0000_0000 ? 0x7FC0 : sign | 0x7F80
    }
    if magnitude == 0 { return sign }
    let e = Int(magnitude >> 52) - 1023
    let significand = (magnitude & 0x000F_FFFF_FFFF_FFFF) | 0x0010_0000_0000_0000
    let dropped = 45 + (e < -126 ? -126 - e : 0)
    if dropped >= 54 { return sign }
    let kept = significand >> UInt64(dropped)
    let rest = significand & ((1 << UInt64(dropped)) - 1)
    let half: UInt64 = 1 << UInt64(dropped - 1)
    let up: Bool
    if rest != half {
        up = rest > half
    } else if error == 0 {
        up = kept & 1 != 0
    } else {
        up = (error > 0) == (sign == 0)
    }
    var r = (UInt64(e < -126 ? 0 : e + 126) << 7) &+ kept &+ (up ? 1 : 0)
    if r >= 0x7F80 { r = 0x7F80 }
    return sign | UInt32(truncatingIfNeeded: r)
}

/// Conversion between two formats of the model (identity within one format; BF16 to FP32 exact,
/// FP32 to BF16 rounded; canonical NaN across formats).
@inline(__always)
func convertFloat<From: GemminiFloatFormat, To: GemminiFloatFormat>(_ x: UInt32, from: From.Type, to: To.Type) -> UInt32 {
    if From.isBF16 == To.isBF16 { return x }
    return From.isBF16 ? bf16ToFP32(x) : fp32ToBF16(x)
}

/// Loads value i of a packed array of the format.
@inline(__always)
func loadFloat<F: GemminiFloatFormat>(_ p: UnsafeRawPointer, _ i: Int, _: F.Type) -> UInt32 {
    F.isBF16 ? UInt32(UInt16(littleEndian: p.loadUnaligned(fromByteOffset: 2 * i, as: UInt16.self)))
        : UInt32(littleEndian: p.loadUnaligned(fromByteOffset: 4 * i, as: UInt32.self))
}

/// Stores value i of a packed array of the format.
@inline(__always)
func storeFloat<F: GemminiFloatFormat>(_ v: UInt32, _ p: UnsafeMutableRawPointer, _ i: Int, _: F.Type) {
    if F.isBF16 {
        p.storeBytes(of: UInt16(truncatingIfNeeded: v).littleEndian, toByteOffset: 2 * i, as: UInt16.self)
    } else {
        p.storeBytes(of: v.littleEndian, toByteOffset: 4 * i, as: UInt32.self)
    }
}

/// ReLU: every value with the sign bit set (including -0 and a negative NaN) becomes +0.
@inline(__always)
func reluFloat<F: GemminiFloatFormat>(_ x: UInt32, _: F.Type) -> UInt32 { x & F.signBit != 0 ? 0 : x }

/// The float max of pooling: `x` replaces `current` only when strictly greater (libgemmini's
/// `if (elem > value)`), so between equal values, -0 and +0 included, the earlier one stays; if either is
/// a NaN the result is the canonical NaN.
@inline(__always)
func poolMaxFloat<F: GemminiFloatFormat>(_ current: UInt32, _ x: UInt32, _: F.Type) -> UInt32 {
    let a = Float(bitPattern: F.isBF16 ? (current & 0xFFFF) << 16 : current)
    let b = Float(bitPattern: F.isBF16 ? (x & 0xFFFF) << 16 : x)
    if a.isNaN || b.isNaN { return F.canonicalNaN }
    return b > a ? x : current
}
