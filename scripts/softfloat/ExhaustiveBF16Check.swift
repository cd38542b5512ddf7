// Checks F32.toBF16 on all 2^32 binary32 inputs against bit-level formulas
// derived directly from IEEE 754 (independent of the module's round-and-pack).
// With --bf16-ops it also sweeps bfloat16 add/sub/mul/div densely (all 2^16
// first operands x 2^12 second operands) against Spike's own construction:
// the binary32 operation, then binary32 -> bfloat16.
// Compiled together with Sources/SoftFloat by check-bf16-exhaustive.sh.

/// The expected bfloat16 bits and RISC-V flags for `x` in `mode`.
func referenceBF16(_ x: UInt32, _ mode: RoundingMode) -> (UInt16, UInt8) {
    let magnitude = x & 0x7fff_ffff
    let negative = x >> 31 != 0
    if magnitude > 0x7f80_0000 { return (0x7fc0, x & 0x0040_0000 == 0 ? 16 : 0) }
    // Adding this below bit 16 and truncating rounds the 16 dropped bits;
    // carries flow into the exponent, so overflow and subnormals come free.
    let increment: UInt32
    switch mode {
    case .nearestEven: increment = 0x7fff + (x >> 16) & 1
    case .nearestMaxMagnitude: increment = 0x8000
    case .towardZero: increment = 0
    case .down: increment = negative ? 0xffff : 0
    case .up: increment = negative ? 0 : 0xffff
    }
    let result = UInt16((x + increment) >> 16)
    let inexact = x & 0xffff != 0
    var flags: UInt8 = inexact ? 1 : 0
    if result & 0x7fff == 0x7f80 && magnitude != 0x7f80_0000 { flags |= 4 | 1 }
    // Tiny after rounding: below 2^-126 once rounded to 8 significant bits
    // with an unbounded exponent; in [2^-127, 2^-126) that grid is 2^15 units.
    var tiny = magnitude < 0x0080_0000
    if magnitude >= 0x0040_0000 && magnitude < 0x0080_0000 {
        switch mode {
        case .nearestEven, .nearestMaxMagnitude: tiny = magnitude < 0x007f_c000
        case .towardZero: tiny = true
        case .down: tiny = !negative || magnitude <= 0x007f_8000
        case .up: tiny = negative || magnitude <= 0x007f_8000
        }
    }
    if tiny && inexact { flags |= 2 }
    return (result, flags)
}

/// Spike's `bf16_add` etc.: widen, operate in binary32, round to bfloat16.
func spikeBF16(_ op: Int, _ a: UInt16, _ b: UInt16, _ mode: RoundingMode, _ flags: inout ExceptionFlags) -> BF16 {
    let x = F32(bits: UInt32(a) << 16), y = F32(bits: UInt32(b) << 16)
    let wide: F32
    switch op {
    case 0: wide = F32.add(x, y, rounding: mode, flags: &flags)
    case 1: wide = F32.sub(x, y, rounding: mode, flags: &flags)
    case 2: wide = F32.mul(x, y, rounding: mode, flags: &flags)
    default: wide = F32.div(x, y, rounding: mode, flags: &flags)
    }
    return wide.toBF16(rounding: mode, flags: &flags)
}

func ourBF16(_ op: Int, _ a: UInt16, _ b: UInt16, _ mode: RoundingMode, _ flags: inout ExceptionFlags) -> BF16 {
    let x = BF16(bits: a), y = BF16(bits: b)
    switch op {
    case 0: return BF16.add(x, y, rounding: mode, flags: &flags)
    case 1: return BF16.sub(x, y, rounding: mode, flags: &flags)
    case 2: return BF16.mul(x, y, rounding: mode, flags: &flags)
    default: return BF16.div(x, y, rounding: mode, flags: &flags)
    }
}

/// Pairs (a, b) with b = 16 j + (a mod 16): every a, a quarter-million b's.
func sweepBinaryOps(_ modes: [RoundingMode]) -> Int {
    var failures = 0
    for mode in modes {
        for op in 0..<4 {
            for a in 0...UInt16.max {
                for j in 0..<UInt16(4096) {
                    let b = j << 4 | a & 15
                    var ourFlags = ExceptionFlags(), spikeFlags = ExceptionFlags()
                    let ours = ourBF16(op, a, b, mode, &ourFlags)
                    let spike = spikeBF16(op, a, b, mode, &spikeFlags)
                    if ours != spike || ourFlags != spikeFlags {
                        failures += 1
                        if failures <= 10 {
                            print("bf16 op \(op) \(mode) 0x\(String(a, radix: 16)) 0x\(String(b, radix: 16)): "
                                + "got 0x\(String(ours.bits, radix: 16)) flags \(ourFlags.rawValue), "
                                + "expected 0x\(String(spike.bits, radix: 16)) flags \(spikeFlags.rawValue)")
                        }
                    }
                }
            }
            print("\(mode): bfloat16 op \(op) swept")
        }
    }
    return failures
}

@main struct ExhaustiveBF16Check {
    struct Mismatches: Error { let count: Int }

    static func main() throws {
        let modes: [RoundingMode] = CommandLine.arguments.contains("--all-modes")
            ? RoundingMode.allCases : [.nearestEven]
        var failures = 0
        for mode in modes {
            var x: UInt32 = 0
            repeat {
                var flags = ExceptionFlags()
                let ours = F32(bits: x).toBF16(rounding: mode, flags: &flags)
                let (bits, expectedFlags) = referenceBF16(x, mode)
                if ours.bits != bits || flags.rawValue != expectedFlags {
                    failures += 1
                    if failures <= 10 {
                        print("\(mode) 0x\(String(x, radix: 16)): got 0x\(String(ours.bits, radix: 16)) "
                            + "flags \(flags.rawValue), expected 0x\(String(bits, radix: 16)) flags \(expectedFlags)")
                    }
                }
                x &+= 1
            } while x != 0
            print("\(mode): all 2^32 binary32 inputs checked")
        }
        if CommandLine.arguments.contains("--bf16-ops") { failures += sweepBinaryOps(modes) }
        if failures != 0 { throw Mismatches(count: failures) }
        print("OK")
    }
}
