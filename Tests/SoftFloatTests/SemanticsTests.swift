import Testing
import SoftFloat

/// The RISC-V choices the module documents, one readable case each. The
/// reference vectors cover them in bulk; these say what each choice is.
@Suite struct SemanticsTests {
    let one = F32(bits: 0x3f80_0000)
    let minusOne = F32(bits: 0xbf80_0000)
    let zero = F32(bits: 0)
    let minusZero = F32(bits: 0x8000_0000)
    let infinity = F32(bits: 0x7f80_0000)
    let quietNaN = F32(bits: 0x7fc1_2345)
    let signalingNaN = F32(bits: 0x7f80_0001)
    let maxFinite = F32(bits: 0x7f7f_ffff)

    @Test func encodingsMatchRISCV() {
        #expect(ExceptionFlags.inexact.rawValue == 1)
        #expect(ExceptionFlags.underflow.rawValue == 2)
        #expect(ExceptionFlags.overflow.rawValue == 4)
        #expect(ExceptionFlags.divideByZero.rawValue == 8)
        #expect(ExceptionFlags.invalid.rawValue == 16)
        #expect(RoundingMode.allCases.map(\.rawValue) == [0, 1, 2, 3, 4])
        #expect(RoundingMode(rawValue: 5) == nil)
    }

    @Test func nanResultsAreCanonical() {
        var flags = ExceptionFlags()
        #expect(F32.add(quietNaN, one, rounding: .nearestEven, flags: &flags) == .canonicalNaN)
        #expect(flags.isEmpty)
        #expect(F32.mul(signalingNaN, one, rounding: .nearestEven, flags: &flags) == .canonicalNaN)
        #expect(flags == .invalid)
        flags = []
        #expect(F32.sub(infinity, infinity, rounding: .nearestEven, flags: &flags) == .canonicalNaN)
        #expect(flags == .invalid)
        flags = []
        #expect(F64(bits: 0x7ff0_0000_0000_0001).toF32(rounding: .nearestEven, flags: &flags) == .canonicalNaN)
        #expect(flags == .invalid)
        flags = []
        #expect(quietNaN.toBF16(rounding: .nearestEven, flags: &flags) == .canonicalNaN)
        #expect(flags.isEmpty)
    }

    @Test func infinityTimesZeroPlusQuietNaNIsInvalid() {
        var flags = ExceptionFlags()
        #expect(F32.mulAdd(infinity, zero, quietNaN, rounding: .nearestEven, flags: &flags) == .canonicalNaN)
        #expect(flags == .invalid)
    }

    @Test func exactZeroSumsTakeTheirSignFromTheMode() {
        var flags = ExceptionFlags()
        #expect(F32.sub(one, one, rounding: .nearestEven, flags: &flags) == zero)
        #expect(F32.sub(one, one, rounding: .down, flags: &flags) == minusZero)
        #expect(F32.mulAdd(one, one, minusOne, rounding: .down, flags: &flags) == minusZero)
        #expect(BF16.add(BF16(bits: 0x3f80), BF16(bits: 0xbf80), rounding: .down, flags: &flags).bits == 0x8000)
        #expect(flags.isEmpty)
    }

    @Test func divisionByZero() {
        var flags = ExceptionFlags()
        #expect(F32.div(minusOne, zero, rounding: .nearestEven, flags: &flags).bits == 0xff80_0000)
        #expect(flags == .divideByZero)
        flags = []
        #expect(F32.div(zero, zero, rounding: .nearestEven, flags: &flags) == .canonicalNaN)
        #expect(flags == .invalid)
    }

    @Test func overflowDependsOnTheMode() {
        let two = F32(bits: 0x4000_0000)
        var flags = ExceptionFlags()
        #expect(F32.mul(maxFinite, two, rounding: .nearestEven, flags: &flags) == infinity)
        #expect(flags == [.overflow, .inexact])
        #expect(F32.mul(maxFinite, two, rounding: .towardZero, flags: &flags) == maxFinite)
        #expect(F32.mul(maxFinite.withSign(of: minusOne), two, rounding: .up, flags: &flags).bits == 0xff7f_ffff)
        #expect(F32.mul(maxFinite.withSign(of: minusOne), two, rounding: .down, flags: &flags).bits == 0xff80_0000)
    }

    /// (1 + 2^-13) 2^-126 * (1 - 2^-13) = 2^-126 (1 - 2^-26): rounded to 24
    /// bits with an unbounded exponent it reaches 2^-126 in RNE, so it is not
    /// tiny (no UF, unlike tininess-before-rounding); toward zero it stays
    /// below, so it is tiny and underflows.
    @Test func tininessIsDetectedAfterRounding() {
        let a = F32(bits: 0x0080_0400)
        let b = F32(bits: 0x3f7f_f800)
        var flags = ExceptionFlags()
        #expect(F32.mul(a, b, rounding: .nearestEven, flags: &flags).bits == 0x0080_0000)
        #expect(flags == .inexact)
        flags = []
        #expect(F32.mul(a, b, rounding: .towardZero, flags: &flags).bits == 0x007f_ffff)
        #expect(flags == [.underflow, .inexact])
        // Exact subnormal results do not underflow.
        flags = []
        #expect(F32.mul(F32(bits: 0x0000_0002), F32(bits: 0x3f00_0000), rounding: .nearestEven, flags: &flags)
            .bits == 0x0000_0001)
        #expect(flags.isEmpty)
    }

    @Test func comparisonsSignalAsRISCV() {
        var flags = ExceptionFlags()
        #expect(!F32.eq(quietNaN, quietNaN, flags: &flags))
        #expect(F32.eq(zero, minusZero, flags: &flags))
        #expect(flags.isEmpty)
        #expect(!F32.eq(signalingNaN, one, flags: &flags))
        #expect(flags == .invalid)
        flags = []
        #expect(!F32.lt(quietNaN, one, flags: &flags))
        #expect(flags == .invalid)
        flags = []
        #expect(!F32.lt(minusZero, zero, flags: &flags))
        #expect(F32.le(minusZero, zero, flags: &flags))
        #expect(F32.lt(minusOne, minusZero, flags: &flags))
        #expect(flags.isEmpty)
    }

    @Test func minMaxAreMinimumNumberAndMaximumNumber() {
        var flags = ExceptionFlags()
        #expect(F32.min(zero, minusZero, flags: &flags) == minusZero)
        #expect(F32.min(minusZero, zero, flags: &flags) == minusZero)
        #expect(F32.max(minusZero, zero, flags: &flags) == zero)
        #expect(F32.max(zero, minusZero, flags: &flags) == zero)
        #expect(F32.min(quietNaN, minusOne, flags: &flags) == minusOne)
        #expect(F32.max(one, quietNaN, flags: &flags) == one)
        #expect(flags.isEmpty)
        #expect(F32.min(signalingNaN, one, flags: &flags) == one)
        #expect(flags == .invalid)
        #expect(F32.max(quietNaN, signalingNaN, flags: &flags) == .canonicalNaN)
    }

    @Test func classifyMasks() {
        let cases: [(F32, UInt16)] = [
            (infinity.withSign(of: minusOne), 1 << 0), (minusOne, 1 << 1), (F32(bits: 0x8000_0001), 1 << 2),
            (minusZero, 1 << 3), (zero, 1 << 4), (F32(bits: 0x0000_0001), 1 << 5), (one, 1 << 6),
            (infinity, 1 << 7), (signalingNaN, 1 << 8), (quietNaN, 1 << 9),
        ]
        for (value, mask) in cases { #expect(value.classify() == mask, "\(value.bits)") }
    }

    @Test func signInjection() {
        #expect(one.withSign(of: minusZero) == minusOne)
        #expect(minusOne.withNegatedSign(of: minusOne) == one)
        #expect(minusOne.withSignXored(with: minusOne) == one)
        #expect(F64(bits: 0x3ff0_0000_0000_0000).withNegatedSign(of: F64(bits: 0)).bits == 0xbff0_0000_0000_0000)
    }

    @Test func integerConversionsSaturate() {
        var flags = ExceptionFlags()
        #expect(quietNaN.toInt32(rounding: .nearestEven, flags: &flags) == .max)
        #expect(quietNaN.withSign(of: minusOne).toUInt32(rounding: .nearestEven, flags: &flags) == .max)
        #expect(infinity.withSign(of: minusOne).toInt64(rounding: .nearestEven, flags: &flags) == .min)
        #expect(F32(bits: 0x4f00_0000).toInt32(rounding: .nearestEven, flags: &flags) == .max)  // 2^31
        #expect(minusOne.toUInt32(rounding: .nearestEven, flags: &flags) == 0)
        #expect(flags == .invalid)  // saturation raises NV and never NX
        flags = []
        #expect(F32(bits: 0xcf00_0000).toInt32(rounding: .nearestEven, flags: &flags) == .min)  // -2^31 fits
        #expect(flags.isEmpty)
        let minusHalf = F32(bits: 0xbf00_0000)
        #expect(minusHalf.toUInt32(rounding: .towardZero, flags: &flags) == 0)
        #expect(flags == .inexact)
        flags = []
        #expect(minusHalf.toUInt32(rounding: .down, flags: &flags) == 0)
        #expect(flags == .invalid)
        let twoAndHalf = F64(bits: 0x4004_0000_0000_0000)
        #expect(twoAndHalf.toInt32(rounding: .nearestEven, flags: &flags) == 2)
        #expect(twoAndHalf.toInt32(rounding: .nearestMaxMagnitude, flags: &flags) == 3)
        #expect(twoAndHalf.toInt64(rounding: .up, flags: &flags) == 3)
        #expect(twoAndHalf.withSign(of: F64(bits: 1 << 63)).toInt64(rounding: .down, flags: &flags) == -3)
    }

    @Test func integerToFloatRounds() {
        var flags = ExceptionFlags()
        #expect(F32(int32: 16_777_217, rounding: .nearestEven, flags: &flags).bits == 0x4b80_0000)  // 2^24 + 1
        #expect(flags == .inexact)
        #expect(F32(int32: 16_777_217, rounding: .up, flags: &flags).bits == 0x4b80_0001)
        #expect(F64(uint64: .max, rounding: .towardZero, flags: &flags).bits == 0x43ef_ffff_ffff_ffff)
        flags = []
        #expect(F64(int32: .min, rounding: .nearestEven, flags: &flags).bits == 0xc1e0_0000_0000_0000)
        #expect(flags.isEmpty)
    }

    /// 1 + 2^-8 + 2^-30 lies just above a bfloat16 tie: direct rounding goes
    /// up, while rounding through binary32 would lose 2^-30 and tie to even.
    @Test func binary64ToBFloat16RoundsOnce() {
        var flags = ExceptionFlags()
        let value = F64(bits: 0x3ff0_1000_0400_0000)
        #expect(value.toBF16(rounding: .nearestEven, flags: &flags).bits == 0x3f81)
        let viaBinary32 = value.toF32(rounding: .nearestEven, flags: &flags)
        #expect(viaBinary32.toBF16(rounding: .nearestEven, flags: &flags).bits == 0x3f80)
    }

    @Test func bfloat16WideningIsExact() {
        var flags = ExceptionFlags()
        #expect(BF16(bits: 0xc0a0).toF32(flags: &flags).bits == 0xc0a0_0000)
        #expect(BF16(bits: 0x0001).toF64(flags: &flags).bits == 0x37a0_0000_0000_0000)  // 2^-133
        #expect(flags.isEmpty)
        #expect(BF16(bits: 0x7f81).toF32(flags: &flags) == .canonicalNaN)
        #expect(flags == .invalid)
    }
}
