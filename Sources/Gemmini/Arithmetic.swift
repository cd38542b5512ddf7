// Integer-configuration arithmetic, bit-identical to libgemmini (compiled for x86-64) including the
// corners where its C is undefined and x86 decides (float-to-integer conversion of NaN or out-of-range
// values yields the "integer indefinite" 0x8000...; variable shifts use the count modulo 32).

/// Clamp to int8.
@inline(__always)
func saturateInt8(_ x: Int32) -> Int8 {
    x > 127 ? 127 : (x < -128 ? -128 : Int8(truncatingIfNeeded: x))
}

/// libgemmini's `ROUND_NEAR_EVEN` followed by the int8 saturation of `MVIN_SCALE` / `ACC_SCALE`.
/// Round half to even; NaN and values at or above 2^63 become -128, because the conversion to
/// `long long` inside `ROUND_NEAR_EVEN` gives INT64_MIN for them on x86.
@inline(__always)
func roundToInt8(_ y: Float) -> Int8 {
    if y.isNaN || y >= 0x1p63 { return -128 }
    let r = y.rounded(.toNearestOrEven)
    return r > 127 ? 127 : (r < -128 ? -128 : Int8(r))
}

/// `MVIN_SCALE` / `ACC_SCALE` for int8: `x * scale` in single precision, round half to even, saturate.
@inline(__always)
func scaleToInt8(_ x: Int32, _ scale: Float) -> Int8 {
    roundToInt8(Float(x) * scale)
}

/// `ROUNDING_RIGHT_SHIFT` on an int32 (round half to even), shift in 0..<32.
@inline(__always)
func roundingRightShift(_ x: Int32, _ shift: Int32) -> Int32 {
    if shift <= 0 { return x }
    let q = x >> shift
    let half = (x >> (shift - 1)) & 1
    let sticky: Int32 = shift <= 1 ? 0 : ((x & ((1 << (shift - 1)) - 1)) != 0 ? 1 : 0)
    return q &+ (half & (sticky | (q & 1)))
}

/// C's `(int32_t)f` as x86 `cvttss2si` does it: truncation, NaN and out-of-range give INT32_MIN.
@inline(__always)
func truncateToInt32(_ f: Float) -> Int32 {
    if f.isNaN || f >= 0x1p31 || f < -0x1p31 { return Int32.min }
    return Int32(f)
}

@inline(__always)
func truncateToInt32(_ d: Double) -> Int32 {
    if d.isNaN || d >= 0x1p31 || d <= -0x1p31 - 1 { return Int32.min }
    return Int32(d)
}

/// libgemmini's integer GELU approximation (I-BERT), in wrapping int32 arithmetic.
@inline(__always)
func iGELU(_ q: Int32, _ qb: Int32, _ qc: Int32) -> Int32 {
    let sign: Int32 = q < 0 ? -1 : 1
    let absQ = q < 0 ? 0 &- q : q
    let negQb = 0 &- qb
    let clipped = absQ > negQb ? negQb : absQ
    let t = clipped &+ qb
    let poly = t &* t &+ qc
    let erf = sign &* poly
    return q &* (erf &+ qc)
}

/// libgemmini's integer exponential (I-BERT), in wrapping int32 arithmetic.
@inline(__always)
func iExp(_ q: Int32, _ qb: Int32, _ qc: Int32, _ qln2: Int32, _ qln2Inv: Int32) -> Int32 {
    let z = ((0 &- q) &* qln2Inv) >> 16
    let qp = q &+ z &* qln2
    let t = qp &+ qb
    let qExp = t &* t &+ qc
    return qExp >> (z & 31)
}
