import Testing
@testable import SoftFloat

/// The host-arithmetic shortcuts against the integer implementation on
/// operands from the vector recipe, in every mode: same bits, same flags.
@Suite struct HostFastPathTests {
    static let count = 20_000

    @Test(arguments: RoundingMode.allCases)
    func binary32(mode: RoundingMode) {
        let f = Format.binary32
        var rng = SplitMix64(state: 0x5EED_0032 &+ UInt64(mode.rawValue))
        for _ in 0..<Self.count {
            let (a, b, c) = rng.operands(.binary32, .mulAdd)
            let x = F32(bits: UInt32(a)), y = F32(bits: UInt32(b)), z = F32(bits: UInt32(c))
            agree("f32 add", a, b, c) { F32.add(x, y, rounding: mode, flags: &$0).wide } integer: {
                softAdd(a, b, subtract: false, f, mode, &$0)
            }
            agree("f32 sub", a, b, c) { F32.sub(x, y, rounding: mode, flags: &$0).wide } integer: {
                softAdd(a, b, subtract: true, f, mode, &$0)
            }
            agree("f32 mul", a, b, c) { F32.mul(x, y, rounding: mode, flags: &$0).wide } integer: {
                softMul(a, b, f, mode, &$0)
            }
            agree("f32 div", a, b, c) { F32.div(x, y, rounding: mode, flags: &$0).wide } integer: {
                softDiv(a, b, f, mode, &$0)
            }
            agree("f32 sqrt", a, b, c) { F32.sqrt(x, rounding: mode, flags: &$0).wide } integer: {
                softSqrt(a, f, mode, &$0)
            }
            agree("f32 mulAdd", a, b, c) { F32.mulAdd(x, y, z, rounding: mode, flags: &$0).wide } integer: {
                softMulAdd(a, b, c, f, mode, &$0)
            }
        }
    }

    @Test(arguments: RoundingMode.allCases)
    func bfloat16(mode: RoundingMode) {
        let f = Format.bfloat16
        var rng = SplitMix64(state: 0x5EED_0016 &+ UInt64(mode.rawValue))
        for _ in 0..<Self.count {
            let (a, b, c) = rng.operands(.bfloat16, .mulAdd)
            let x = BF16(bits: UInt16(a)), y = BF16(bits: UInt16(b)), z = BF16(bits: UInt16(c))
            agree("bf16 add", a, b, c) { BF16.add(x, y, rounding: mode, flags: &$0).wide } integer: {
                softAdd(a, b, subtract: false, f, mode, &$0)
            }
            agree("bf16 sub", a, b, c) { BF16.sub(x, y, rounding: mode, flags: &$0).wide } integer: {
                softAdd(a, b, subtract: true, f, mode, &$0)
            }
            agree("bf16 mul", a, b, c) { BF16.mul(x, y, rounding: mode, flags: &$0).wide } integer: {
                softMul(a, b, f, mode, &$0)
            }
            agree("bf16 mulAdd", a, b, c) { BF16.mulAdd(x, y, z, rounding: mode, flags: &$0).wide } integer: {
                softMulAdd(a, b, c, f, mode, &$0)
            }
        }
    }

    @Test func binary64Addition() {
        var rng = SplitMix64(state: 0x5EED_0064)
        for _ in 0..<Self.count {
            let (a, b, _) = rng.operands(.binary64, .add)
            agree("f64 add", a, b, 0) {
                F64.add(F64(bits: a), F64(bits: b), rounding: .nearestEven, flags: &$0).bits
            } integer: {
                softAdd(a, b, subtract: false, .binary64, .nearestEven, &$0)
            }
        }
    }

    /// Guards against shortcuts that are correct only because they never fire.
    @Test func shortcutsEngageOnOrdinaryOperands() {
        var flags = ExceptionFlags()
        let one: UInt32 = 0x3f80_0000, three: UInt32 = 0x4040_0000
        #expect(hostAddF32(one, three, &flags) == 0x4080_0000)
        #expect(hostDivF32(one, three, &flags) == 0x3eaa_aaab)
        #expect(flags == .inexact)
        flags = []
        #expect(hostMulF32(three, three, .towardZero, &flags) == 0x4110_0000)
        #expect(hostSqrtF32(0x4110_0000, &flags) == three)
        #expect(hostMulAddF32(three, three, one, .up, &flags) == 0x4120_0000)
        #expect(hostAddF64(0x3ff0_0000_0000_0000, 0x3ff0_0000_0000_0000, &flags) == 0x4000_0000_0000_0000)
        #expect(hostMulAddBF16(0x4040, 0x4040, 0x3f80, .down, &flags) == 0x4120)
        #expect(flags.isEmpty)
    }
}

private func agree(
    _ name: String, _ a: UInt64, _ b: UInt64, _ c: UInt64,
    public publicResult: (inout ExceptionFlags) -> UInt64,
    integer integerResult: (inout ExceptionFlags) -> UInt64
) {
    var publicFlags = ExceptionFlags(), integerFlags = ExceptionFlags()
    let fast = publicResult(&publicFlags)
    let reference = integerResult(&integerFlags)
    #expect(fast == reference && publicFlags == integerFlags,
            "\(name) \(String(a, radix: 16)) \(String(b, radix: 16)) \(String(c, radix: 16))")
}
