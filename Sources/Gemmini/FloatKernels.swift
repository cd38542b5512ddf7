// The float configurations' inner loops four columns at a time (SIMD4 lanes), bit-exact to the scalar
// paths of FloatArithmetic.swift (and so to hardfloat's single rounding to nearest even), which they fall
// back to where the shortcuts below do not hold. Each rounds once on the host to a wider format, then to
// the target:
//
// - BF16 multiply-add: a BF16 x BF16 product has at most 16 significant bits, so it is exact in FP32 when
//   it is a normal FP32 number: both factors zero, infinite, NaN or of magnitude in [2^-63, 2^64) (the
//   caller checks `productsExact`, else takes the scalar path). The FP32 sum rounded to BF16 is the
//   correct rounding unless it lies exactly on a BF16 midpoint (low 16 bits 0x8000): every BF16 value and
//   midpoint is an FP32 value and rounding is monotonic, so an exact sum strictly between two midpoints
//   stays between them. On a midpoint, the sum's TwoSum error goes into its last bit first (round to
//   odd: truncate, set the last bit if inexact), which makes the second rounding the correct one, FP32
//   having at least two bits more than BF16. The rounding to BF16 is integer rounding of the FP32 bits:
//   BF16 is FP32's upper half, so subnormals round on the right grid too, and the host's overflow to
//   infinity happens only above BF16's own overflow threshold.
// - BF16 addition: the same, with the FP32 sum of two BF16 values.
// - FP32 multiply-add: the product of two FP32 values is exact in binary64; the sum is rounded to binary64
//   and converted to FP32. That double rounding is the correct rounding unless the binary64 sum lies
//   exactly on an FP32 midpoint (its low 29 bits 0x1000_0000), or is below 2^-125 in magnitude and not
//   zero (where FP32's grid is the subnormal one): those lanes take the scalar path.
// - FP32 addition: the host's.
// Every NaN result becomes the canonical NaN.

/// The array's multiply-adds over an n x n block of raw bits in format F:
/// `c[i][j] = F.mulAdd(a[i][k], w[k][j], c[i][j])` for k = 0 ... n-1, each element's steps in that order
/// (rows and columns are independent chains). `productsExact`: `F.productsExact` of both a and w.
@inline(__always)
func mulAddBlock<F: GemminiFloatFormat>(_: F.Type, c: UnsafeMutablePointer<UInt32>, a: UnsafePointer<UInt32>,
                                         w: UnsafePointer<UInt32>, n: Int, productsExact: Bool) {
    guard n & 3 == 0 && productsExact else {
        for i in 0..<n {
            let r = c + i * n
            for k in 0..<n {
                let av = a[i * n + k]
                let wk = w + k * n
                for j in 0..<n { r[j] = F.mulAdd(av, wk[j], r[j]) }
            }
        }
        return
    }
    // Four rows by four columns at a time, kept in registers across the n steps.
    let cRaw = UnsafeMutableRawPointer(c), wRaw = UnsafeRawPointer(w)
    for j in stride(from: 0, to: n, by: 4) {
        for i in stride(from: 0, to: n, by: 4) {
            @inline(__always) func offset(_ row: Int) -> Int { 4 * (row * n + j) }
            var c0 = cRaw.loadUnaligned(fromByteOffset: offset(i), as: SIMD4<UInt32>.self)
            var c1 = cRaw.loadUnaligned(fromByteOffset: offset(i + 1), as: SIMD4<UInt32>.self)
            var c2 = cRaw.loadUnaligned(fromByteOffset: offset(i + 2), as: SIMD4<UInt32>.self)
            var c3 = cRaw.loadUnaligned(fromByteOffset: offset(i + 3), as: SIMD4<UInt32>.self)
            for k in 0..<n {
                let wk = wRaw.loadUnaligned(fromByteOffset: offset(k), as: SIMD4<UInt32>.self)
                c0 = F.mulAdd4(a[i * n + k], wk, c0)
                c1 = F.mulAdd4(a[(i + 1) * n + k], wk, c1)
                c2 = F.mulAdd4(a[(i + 2) * n + k], wk, c2)
                c3 = F.mulAdd4(a[(i + 3) * n + k], wk, c3)
            }
            cRaw.storeBytes(of: c0, toByteOffset: offset(i), as: SIMD4<UInt32>.self)
            cRaw.storeBytes(of: c1, toByteOffset: offset(i + 1), as: SIMD4<UInt32>.self)
            cRaw.storeBytes(of: c2, toByteOffset: offset(i + 2), as: SIMD4<UInt32>.self)
            cRaw.storeBytes(of: c3, toByteOffset: offset(i + 3), as: SIMD4<UInt32>.self)
        }
    }
}

/// Whether any lane is set: a horizontal sum of the 0 / -1 lanes (the standard library's `any` goes
/// through a minimum, several times dearer without SSE4).
@inline(__always)
func anyLane(_ mask: SIMDMask<SIMD4<Int32>>) -> Bool {
    unsafeBitCast(mask, to: SIMD4<Int32>.self).wrappedSum() != 0
}

@inline(__always)
func anyLane(_ mask: SIMDMask<SIMD4<Int64>>) -> Bool {
    unsafeBitCast(mask, to: SIMD4<Int64>.self).wrappedSum() != 0
}

/// `dst[j] = F.add(dst[j], x[j])` for j < count.
@inline(__always)
func addRow<F: GemminiFloatFormat>(_: F.Type, _ dst: UnsafeMutablePointer<UInt32>, _ x: UnsafePointer<UInt32>, count: Int) {
    var j = 0
    while j + 4 <= count {
        let d = UnsafeMutableRawPointer(dst + j)
        let sum = F.add4(d.loadUnaligned(as: SIMD4<UInt32>.self), UnsafeRawPointer(x + j).loadUnaligned(as: SIMD4<UInt32>.self))
        d.storeBytes(of: sum, as: SIMD4<UInt32>.self)
        j += 4
    }
    while j < count {
        dst[j] = F.add(dst[j], x[j])
        j += 1
    }
}

extension FP32Format {
    /// FP32 products are always exact in binary64.
    @inline(__always) static func productsExact(_: UnsafePointer<UInt32>, count: Int) -> Bool { true }

    @inline(__always)
    static func mulAdd4(_ a: UInt32, _ w: SIMD4<UInt32>, _ c: SIMD4<UInt32>) -> SIMD4<UInt32> {
        let product = Double(Float(bitPattern: a)) * SIMD4<Double>(unsafeBitCast(w, to: SIMD4<Float>.self))
        let sum = product + SIMD4<Double>(unsafeBitCast(c, to: SIMD4<Float>.self))
        let lowBits = SIMD4<UInt32>(truncatingIfNeeded: unsafeBitCast(sum, to: SIMD4<UInt64>.self))
        let tinyNonzero = (sum .> -0x1p-125) .& (sum .< 0x1p-125) .& (sum .!= 0)
        if anyLane(lowBits & 0x1FFF_FFFF .== 0x1000_0000) || anyLane(tinyNonzero) {
            return SIMD4(fp32MulAdd(a, w[0], c[0]), fp32MulAdd(a, w[1], c[1]),
                         fp32MulAdd(a, w[2], c[2]), fp32MulAdd(a, w[3], c[3]))
        }
        return canonicalNaN4(unsafeBitCast(SIMD4<Float>(sum), to: SIMD4<UInt32>.self))
    }

    @inline(__always)
    static func add4(_ a: SIMD4<UInt32>, _ b: SIMD4<UInt32>) -> SIMD4<UInt32> {
        let sum = unsafeBitCast(a, to: SIMD4<Float>.self) + unsafeBitCast(b, to: SIMD4<Float>.self)
        return canonicalNaN4(unsafeBitCast(sum, to: SIMD4<UInt32>.self))
    }

    /// FP32 bits with every NaN made the canonical one.
    @inline(__always)
    static func canonicalNaN4(_ x: SIMD4<UInt32>) -> SIMD4<UInt32> {
        x.replacing(with: 0x7FC0_0000, where: x & 0x7FFF_FFFF .> 0x7F80_0000)
    }
}

extension BF16Format {
    /// Whether every product of these values is exact in FP32: each is zero, infinite, NaN or of
    /// magnitude in [2^-63, 2^64) (biased exponent 64 ... 190). `count` is a multiple of 4.
    @inline(__always)
    static func productsExact(_ x: UnsafePointer<UInt32>, count: Int) -> Bool {
        let raw = UnsafeRawPointer(x)
        var outside = SIMD4<Int32>(repeating: 0)
        for q in stride(from: 0, to: count, by: 4) {
            let magnitude = unsafeBitCast(raw.loadUnaligned(fromByteOffset: 4 * q, as: SIMD4<UInt32>.self), to: SIMD4<Int32>.self) & 0x7FFF
            let tiny = (magnitude .> 0) .& (magnitude .< 64 << 7)
            let huge = (magnitude .>= 191 << 7) .& (magnitude .< 0x7F80)
            outside |= SIMD4(repeating: 0).replacing(with: -1, where: tiny .| huge)
        }
        return (outside[0] | outside[1] | outside[2] | outside[3]) == 0
    }

    /// BF16 bits as FP32 (exact).
    @inline(__always)
    static func widen4(_ x: SIMD4<UInt32>) -> SIMD4<Float> { unsafeBitCast(x &<< 16, to: SIMD4<Float>.self) }

    /// `round_bf16(p + c)` for FP32 lanes p and c: the host's FP32 sum with its TwoSum error folded into
    /// the last bit (round to odd: truncated, then the last bit set if inexact), rounded to BF16.
    @inline(__always)
    static func sum4(_ p: SIMD4<Float>, _ c: SIMD4<Float>) -> SIMD4<UInt32> {
        let s = p + c
        let t = s - p
        let error = (p - (s - t)) + (c - t)
        let bits = unsafeBitCast(s, to: SIMD4<UInt32>.self)
        // NaN errors (an infinite sum) count as exact: the infinity or NaN stays as it is.
        let inexact = SIMD4<UInt32>(repeating: 0).replacing(with: 1, where: (error .> 0) .| (error .< 0))
        let awayFromZero = ((bits ^ unsafeBitCast(error, to: SIMD4<UInt32>.self)) &>> 31) & inexact
        let odd = (bits &- awayFromZero) | inexact
        let r = (odd &+ 0x7FFF &+ ((odd &>> 16) & 1)) &>> 16
        return r.replacing(with: 0x7FC0, where: r & 0x7FFF .> 0x7F80)
    }

    /// `round_bf16(p + c)`, the round-to-odd work only when some lane's FP32 sum lies on a BF16 midpoint
    /// (the double rounding is right everywhere else).
    @inline(__always)
    static func roundedSum4(_ p: SIMD4<Float>, _ c: SIMD4<Float>) -> SIMD4<UInt32> {
        let bits = unsafeBitCast(p + c, to: SIMD4<UInt32>.self)
        if anyLane(bits & 0xFFFF .== 0x8000) { return sum4(p, c) }
        let r = (bits &+ 0x7FFF &+ ((bits &>> 16) & 1)) &>> 16
        return r.replacing(with: 0x7FC0, where: r & 0x7FFF .> 0x7F80)
    }

    /// Needs `productsExact` of a and w.
    @inline(__always)
    static func mulAdd4(_ a: UInt32, _ w: SIMD4<UInt32>, _ c: SIMD4<UInt32>) -> SIMD4<UInt32> {
        roundedSum4(Float(bitPattern: a << 16) * widen4(w), widen4(c))
    }

    @inline(__always)
    static func add4(_ a: SIMD4<UInt32>, _ b: SIMD4<UInt32>) -> SIMD4<UInt32> { roundedSum4(widen4(a), widen4(b)) }
}

