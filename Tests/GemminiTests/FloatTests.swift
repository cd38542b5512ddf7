import Testing
import SoftFloat
@testable import Gemmini

// The float configurations against a reference built from the SoftFloat module and the spec's float
// semantics ("Float semantics in detail"), bit for bit.

/// A float format of the reference.
enum RF: Equatable {
    case f32, bf16
    var one: UInt32 { self == .f32 ? 0x3F80_0000 : 0x3F80 }
    var signBit: UInt32 { self == .f32 ? 0x8000_0000 : 0x8000 }
    var bytes: Int { self == .f32 ? 4 : 2 }
}

/// Reference arithmetic: SoftFloat, round to nearest even.
enum Ref {
    static func mulAdd(_ f: RF, _ a: UInt32, _ b: UInt32, _ c: UInt32) -> UInt32 {
        var fl = ExceptionFlags()
        switch f {
        case .f32: return F32.mulAdd(F32(bits: a), F32(bits: b), F32(bits: c), rounding: .nearestEven, flags: &fl).bits
        case .bf16: return UInt32(BF16.mulAdd(BF16(bits: UInt16(a)), BF16(bits: UInt16(b)), BF16(bits: UInt16(c)), rounding: .nearestEven, flags: &fl).bits)
        }
    }
    static func add(_ f: RF, _ a: UInt32, _ b: UInt32) -> UInt32 {
        var fl = ExceptionFlags()
        switch f {
        case .f32: return F32.add(F32(bits: a), F32(bits: b), rounding: .nearestEven, flags: &fl).bits
        case .bf16: return UInt32(BF16.add(BF16(bits: UInt16(a)), BF16(bits: UInt16(b)), rounding: .nearestEven, flags: &fl).bits)
        }
    }
    static func mul(_ f: RF, _ a: UInt32, _ b: UInt32) -> UInt32 {
        var fl = ExceptionFlags()
        switch f {
        case .f32: return F32.mul(F32(bits: a), F32(bits: b), rounding: .nearestEven, flags: &fl).bits
        case .bf16: return UInt32(BF16.mul(BF16(bits: UInt16(a)), BF16(bits: UInt16(b)), rounding: .nearestEven, flags: &fl).bits)
        }
    }
    static func conv(_ x: UInt32, _ from: RF, _ to: RF) -> UInt32 {
        var fl = ExceptionFlags()
        if from == to { return x }
        if from == .bf16 { return BF16(bits: UInt16(x)).toF32(flags: &fl).bits }
        return UInt32(F32(bits: x).toBF16(rounding: .nearestEven, flags: &fl).bits)
    }
    static func relu(_ f: RF, _ x: UInt32) -> UInt32 { x & f.signBit != 0 ? 0 : x }
}

extension GemminiConfiguration {
    var e: RF { elementType == .bf16 ? .bf16 : .f32 }
    var o: RF { arrayOutputType == .bf16 ? .bf16 : .f32 }
    var a: RF { accumulatorType == .bf16 ? .bf16 : .f32 }
    var s: RF { scaleType == .bf16 ? .bf16 : .f32 }
}

/// A guest driving a float-configured Gemmini, packing commands as gemmini.h does.
struct FloatGuest {
    let config: GemminiConfiguration
    let g: GemminiAccelerator
    let mem = FakeMemory(size: 1 << 20)
    var n: Int { config.dim }
    init(_ config: GemminiConfiguration) {
        self.config = config
        g = GemminiAccelerator(configuration: config)
    }
    @discardableResult
    func cmd(_ funct: UInt32, _ rs1: UInt64, _ rs2: UInt64) throws(GemminiError) -> UInt64 {
        try g.execute(funct7: funct, rs1: rs1, rs2: rs2, memory: mem)
    }
    func operand(_ addr: UInt32, cols: Int, rows: Int) -> UInt64 {
        (UInt64(rows) << 48) | (UInt64(cols) << 32) | UInt64(addr)
    }
    /// A scale field: FP32 bits, or the BF16 bits (rounded) in its low half.
    func scaleField(_ f32Bits: UInt32) -> UInt64 {
        config.scaleType == .bf16 ? UInt64(Ref.conv(f32Bits, .f32, .bf16)) : UInt64(f32Bits)
    }
    func configEx(ws: Bool, act: UInt64 = 0, shift: UInt64 = 0, aT: Bool = false, bT: Bool = false) throws(GemminiError) {
        let rs1 = (scaleField(0x3F80_0000) << 32) | (1 << 16) | (UInt64(bT ? 1 : 0) << 9)
            | (UInt64(aT ? 1 : 0) << 8) | (act << 3) | (UInt64(ws ? 1 : 0) << 2)
        try cmd(0, rs1, (1 << 48) | shift)
    }
    func configLd(stride: Int, scale: UInt32 = 0x3F80_0000, shrunk: Bool = false, id: UInt64 = 0) throws(GemminiError) {
        let rs1 = (scaleField(scale) << 32) | (UInt64(n) << 16) | (1 << 8) | (id << 3) | (UInt64(shrunk ? 1 : 0) << 2) | 1
        try cmd(0, rs1, UInt64(stride))
    }
    func configSt(stride: Int, act: UInt64 = 0, scale: UInt32 = 0x3F80_0000, rawField: UInt64? = nil) throws(GemminiError) {
        try cmd(0, (act << 2) | 2, ((rawField ?? scaleField(scale)) << 32) | UInt64(stride))
    }
    func store(_ values: [UInt32], _ f: RF, at address: UInt64) {
        for (i, v) in values.enumerated() {
            for b in 0..<f.bytes { mem.bytes[Int(address - mem.base) + f.bytes * i + b] = UInt8(truncatingIfNeeded: v >> (8 * b)) }
        }
    }
    func load(_ count: Int, _ f: RF, at address: UInt64) -> [UInt32] {
        (0..<count).map { i in
            (0..<f.bytes).reduce(UInt32(0)) { $0 | UInt32(mem.bytes[Int(address - mem.base) + f.bytes * i + $1]) << (8 * $1) }
        }
    }
}

/// Deterministic random float bit patterns of moderate and mixed magnitude.
extension Rand {
    mutating func floats(_ count: Int, _ f: RF, expLo: Int = 118, expHi: Int = 134) -> [UInt32] {
        (0..<count).map { _ in
            let sign = UInt32(next() & 1)
            let exp = UInt32(expLo + Int(next() % UInt64(expHi - expLo + 1)))
            if f == .f32 { return sign << 31 | exp << 23 | UInt32(next() & 0x7F_FFFF) }
            return sign << 15 | exp << 7 | UInt32(next() & 0x7F)
        }
    }
}

@Suite struct GemminiFloatTests {
    let A: UInt64 = 0x10000, B: UInt64 = 0x20000, D: UInt64 = 0x30000, BIAS: UInt64 = 0x40000
    let OUT: UInt64 = 0x50000, FULL: UInt64 = 0x60000, SPOUT: UInt64 = 0x70000

    struct Case {
        var ws = true, aT = false, bT = false, relu = false
        var accScale: UInt32 = 0x3F80_0000, mvinScale: UInt32 = 0x3F80_0000, biasScale: UInt32 = 0x3F80_0000
        var shift = 0, shrunkBias = false, seed: UInt64 = 1
    }

    /// One matmul tile: A, B, D moved in with `mvinScale`; a bias moved into the accumulator (full width
    /// with `biasScale`, or shrunk); C = bias + (A·B + D) accumulated there (WS) / A·B onto D (OS), read
    /// out with ReLU and `accScale`, and full width; the same product also written to the scratchpad.
    func run(_ config: GemminiConfiguration, _ t: Case) throws {
        let g = FloatGuest(config)
        let n = config.dim
        let (e, o, a, s) = (config.e, config.o, config.a, config.s)
        var r = Rand(s: t.seed)
        let av = r.floats(n * n, e), bv = r.floats(n * n, e), dv = r.floats(n * n, e)
        let biasV = t.shrunkBias ? r.floats(n * n, e) : r.floats(n * n, a)
        g.store(av, e, at: A); g.store(bv, e, at: B); g.store(dv, e, at: D)
        g.store(biasV, t.shrunkBias ? e : a, at: BIAS)
        let rowE = n * e.bytes
        try g.configLd(stride: rowE, scale: t.mvinScale)
        try g.cmd(2, A, g.operand(0, cols: n, rows: n))
        try g.cmd(2, B, g.operand(UInt32(n), cols: n, rows: n))
        try g.cmd(2, D, g.operand(UInt32(2 * n), cols: n, rows: n))
        if t.shrunkBias {
            try g.configLd(stride: rowE, scale: t.biasScale, shrunk: true, id: 2)
        } else {
            try g.configLd(stride: n * a.bytes, scale: t.biasScale, id: 2)
        }
        try g.cmd(14, BIAS, g.operand(accBit, cols: n, rows: n))
        try g.configEx(ws: t.ws, act: t.relu ? 1 : 0, shift: UInt64(t.shift), aT: t.aT, bT: t.bT)
        let full = g.operand(0, cols: n, rows: n)
        let bAddr = UInt32(n), dAddr = UInt32(2 * n), aAddr: UInt32 = 0
        for (k, out) in [accBit | accumulateBit, UInt32(3 * n)].enumerated() {
            _ = k
            if t.ws {
                try g.cmd(6, full | UInt64(bAddr), g.operand(out, cols: n, rows: n))
                try g.cmd(4, full | UInt64(aAddr), full | UInt64(dAddr))
            } else {
                try g.cmd(6, full | UInt64(dAddr), g.operand(out, cols: n, rows: n))
                try g.cmd(4, full | UInt64(aAddr), full | UInt64(bAddr))
            }
        }
        try g.configSt(stride: n * 4, act: t.relu ? 1 : 0, scale: t.accScale)
        try g.cmd(3, OUT, g.operand(accBit, cols: n, rows: n))
        try g.cmd(3, FULL, g.operand(accBit | fullBit, cols: n, rows: n))
        try g.cmd(3, SPOUT, g.operand(UInt32(3 * n), cols: n, rows: n))

        // Reference.
        let sE = Ref.conv(Ref.conv(UInt32(g.scaleField(t.mvinScale)), s, .f32), .f32, e)
        func scaled(_ x: UInt32) -> UInt32 { sE == e.one ? x : Ref.mul(e, x, sE) }
        let sa = av.map(scaled), sb = bv.map(scaled), sd = dv.map(scaled)
        let bias: [UInt32]
        if t.shrunkBias {
            let bE = Ref.conv(Ref.conv(UInt32(g.scaleField(t.biasScale)), s, .f32), .f32, e)
            bias = biasV.map { Ref.conv(bE == e.one ? $0 : Ref.mul(e, $0, bE), e, a) }
        } else {
            let bA = Ref.conv(Ref.conv(UInt32(g.scaleField(t.biasScale)), s, .f32), .f32, a)
            bias = biasV.map { bA == a.one ? $0 : Ref.mul(a, $0, bA) }
        }
        func aAt(_ i: Int, _ k: Int) -> UInt32 { t.aT ? sa[k * n + i] : sa[i * n + k] }
        func bAt(_ k: Int, _ j: Int) -> UInt32 { t.bT ? sb[j * n + k] : sb[k * n + j] }
        var product = [UInt32](repeating: 0, count: n * n)  // array output, type o
        for i in 0..<n {
            for j in 0..<n {
                if t.ws {
                    var c = Ref.conv(sd[i * n + j], e, o)
                    for k in 0..<n { c = Ref.mulAdd(o, Ref.conv(aAt(i, k), e, o), Ref.conv(bAt(k, j), e, o), c) }
                    product[i * n + j] = c
                } else {
                    var c = Ref.conv(sd[i * n + j], e, a)
                    for k in 0..<n { c = Ref.mulAdd(a, Ref.conv(aAt(i, k), e, a), Ref.conv(bAt(k, j), e, a), c) }
                    let pow2: UInt32 = a == .f32 ? UInt32(127 - t.shift) << 23 : UInt32(127 - t.shift) << 7
                    if t.shift != 0 { c = Ref.mul(a, c, pow2) }
                    product[i * n + j] = Ref.conv(c, a, o)
                }
            }
        }
        let accScaleA = Ref.conv(Ref.conv(UInt32(g.scaleField(t.accScale)), s, .f32), .f32, a)
        for i in 0..<n {
            let gotOut = g.load(n, e, at: OUT + UInt64(i * n * 4))
            let gotFull = g.load(n, a, at: FULL + UInt64(i * n * 4))
            let gotSp = g.load(n, e, at: SPOUT + UInt64(i * n * 4))
            for j in 0..<n {
                let accV = Ref.add(a, bias[i * n + j], Ref.conv(product[i * n + j], o, a))
                var x = accV
                if t.relu { x = Ref.relu(a, x) }
                let outV = Ref.conv(Ref.mul(a, x, accScaleA), a, e)
                var sp = Ref.conv(product[i * n + j], o, e)
                if t.relu { sp = Ref.relu(e, sp) }
                #expect(gotFull[j] == accV, "full [\(i),\(j)] \(hexs(gotFull[j])) != \(hexs(accV))")
                #expect(gotOut[j] == outV, "out [\(i),\(j)] \(hexs(gotOut[j])) != \(hexs(outV))")
                #expect(gotSp[j] == sp, "spad [\(i),\(j)] \(hexs(gotSp[j])) != \(hexs(sp))")
            }
        }
    }

    @Test func fp32MatmulsMatchSoftFloat() throws {
        let c = GemminiConfiguration.fp32
        try run(c, Case(seed: 1))
        try run(c, Case(aT: true, relu: true, accScale: Float(0.3).bitPattern, mvinScale: Float(1.7).bitPattern, seed: 2))
        try run(c, Case(bT: true, accScale: Float(-2.5).bitPattern, biasScale: Float(0.1).bitPattern, seed: 3))
        try run(c, Case(ws: false, relu: true, mvinScale: Float(0.7).bitPattern, shift: 3, seed: 4))
        try run(c, Case(ws: false, aT: true, bT: true, accScale: Float(1.1).bitPattern, shift: 0, shrunkBias: true, seed: 5))
        try run(c, Case(ws: false, aT: true, shift: 31, seed: 6))
    }

    @Test func bf16MatmulsMatchSoftFloat() throws {
        let c = GemminiConfiguration.bf16
        try run(c, Case(seed: 11))
        try run(c, Case(aT: true, relu: true, accScale: Float(0.375).bitPattern, mvinScale: Float(1.5).bitPattern, seed: 12))
        try run(c, Case(bT: true, accScale: Float(-3).bitPattern, biasScale: Float(0.1).bitPattern, shrunkBias: true, seed: 13))
        try run(c, Case(relu: true, accScale: Float(1.3).bitPattern, mvinScale: Float(0.3).bitPattern, seed: 14))
    }

    @Test func bf16Acc32MatmulsMatchSoftFloat() throws {
        let c = GemminiConfiguration.bf16Acc32
        try run(c, Case(seed: 21))
        try run(c, Case(aT: true, relu: true, accScale: Float(0.3).bitPattern, mvinScale: Float(1.2345678).bitPattern, seed: 22))
        try run(c, Case(bT: true, accScale: Float(-2.5).bitPattern, biasScale: Float(0.1).bitPattern, seed: 23))
        try run(c, Case(ws: false, relu: true, mvinScale: Float(0.7).bitPattern, shift: 2, shrunkBias: true, seed: 24))
        try run(c, Case(ws: false, aT: true, bT: true, accScale: Float(1.1).bitPattern, seed: 25))
    }

    // MARK: Targeted cases

    @Test func nanIsCanonicalAndReLUClearsSignBits() throws {
        let g = FloatGuest(.fp32)
        // A NaN with a payload through the array: canonical.
        g.store([0x7FA0_0001, 0, 0, 0, 0xFFC0_1234, 0, 0, 0] + [UInt32](repeating: 0, count: 8), .f32, at: A)
        g.store([0x3F80_0000, 0, 0, 0, 0, 0x3F80_0000, 0, 0, 0, 0, 0x3F80_0000, 0, 0, 0, 0, 0x3F80_0000], .f32, at: B)
        try g.configLd(stride: 16)
        try g.cmd(2, A, g.operand(0, cols: 4, rows: 4))
        try g.cmd(2, B, g.operand(4, cols: 4, rows: 4))
        try g.configEx(ws: true)
        try g.cmd(6, g.operand(4, cols: 4, rows: 4), g.operand(accBit, cols: 4, rows: 4))
        try g.cmd(4, g.operand(0, cols: 4, rows: 4), g.operand(GARBAGE, cols: 4, rows: 4))
        try g.configSt(stride: 16)
        try g.cmd(3, OUT, g.operand(accBit | fullBit, cols: 4, rows: 2))
        #expect(g.load(4, .f32, at: OUT) == [0x7FC0_0000, 0x7FC0_0000, 0x7FC0_0000, 0x7FC0_0000])
        #expect(g.load(4, .f32, at: OUT + 16) == [0x7FC0_0000, 0x7FC0_0000, 0x7FC0_0000, 0x7FC0_0000])
        // -0, negative NaN, a payload NaN and -1 in the accumulator (raw, full width).
        g.store([0x8000_0000, 0xFFC0_0001, 0x7F80_0001, 0xBF80_0000], .f32, at: D)
        try g.cmd(2, D, g.operand(accBit | 8, cols: 4, rows: 1))
        try g.cmd(3, FULL, g.operand(accBit | fullBit | 8, cols: 4, rows: 1))
        #expect(g.load(4, .f32, at: FULL) == [0x8000_0000, 0xFFC0_0001, 0x7F80_0001, 0xBF80_0000])
        try g.cmd(3, SPOUT, g.operand(accBit | 8, cols: 4, rows: 1))
        #expect(g.load(4, .f32, at: SPOUT) == [0x8000_0000, 0x7FC0_0000, 0x7FC0_0000, 0xBF80_0000])
        try g.configSt(stride: 16, act: 1)
        try g.cmd(3, SPOUT, g.operand(accBit | 8, cols: 4, rows: 1))
        #expect(g.load(4, .f32, at: SPOUT) == [0, 0, 0x7FC0_0000, 0])
        // An all-ones config_st scale keeps the previous one.
        try g.configSt(stride: 16, scale: Float(2).bitPattern)
        try g.configSt(stride: 16, rawField: 0xFFFF_FFFF)
        try g.cmd(3, SPOUT, g.operand(accBit | 8, cols: 4, rows: 1))
        #expect(g.load(4, .f32, at: SPOUT)[3] == 0xC000_0000)
    }

    @Test func overflowGivesInfinityAndSubnormalsStay() throws {
        // FP32 accumulator 3.4e38 to BF16: +Inf, no saturation; x2 scale in FP32: Inf.
        let g = FloatGuest(.bf16Acc32)
        g.store([Float(3.4e38).bitPattern, Float(-3.4e38).bitPattern, 0x0000_0001, 0x0001_0000,
                 Float(1e-39).bitPattern, 0x8000_8001, 0, 0], .f32, at: A)
        try g.configLd(stride: 32)
        try g.cmd(2, A, g.operand(accBit, cols: 8, rows: 1))
        try g.configSt(stride: 32)
        try g.cmd(3, OUT, g.operand(accBit, cols: 8, rows: 1))
        #expect(g.load(8, .bf16, at: OUT) == [0x7F80, 0xFF80, 0, 0x0001, Ref.conv(Float(1e-39).bitPattern, .f32, .bf16), 0x8001, 0, 0])
        let f = FloatGuest(.fp32)
        f.store([Float(3e38).bitPattern, Float(1e-40).bitPattern, 0x0000_0001, 0x8000_0003], .f32, at: A)
        try f.configLd(stride: 16)
        try f.cmd(2, A, f.operand(accBit, cols: 4, rows: 1))
        try f.configSt(stride: 16, scale: Float(2).bitPattern)
        try f.cmd(3, OUT, f.operand(accBit, cols: 4, rows: 1))
        #expect(f.load(4, .f32, at: OUT) == [0x7F80_0000, (Float(1e-40) * 2).bitPattern, 0x0000_0002, 0x8000_0006])
        // Subnormals through the array and the mvin scale.
        try f.configLd(stride: 16, scale: Float(0.5).bitPattern)
        f.store([0x0000_0006, 0x8000_0003, Float(1e-39).bitPattern, 0x0000_0001], .f32, at: B)
        try f.cmd(2, B, f.operand(0, cols: 4, rows: 1))
        try f.cmd(3, SPOUT, f.operand(0, cols: 4, rows: 1))
        #expect(f.load(4, .f32, at: SPOUT) == [0x0000_0003, 0x8000_0002, (Float(1e-39) * 0.5).bitPattern, 0])
    }

    @Test func bf16MulAddFastPathMatchesSoftFloat() {
        var r = Rand(s: 99)
        func check(_ a: UInt32, _ b: UInt32, _ c: UInt32) {
            let got = bf16MulAdd(a, b, c), want = Ref.mulAdd(.bf16, a, b, c)
            #expect(got == want, "bf16 fma(\(hexs(a)), \(hexs(b)), \(hexs(c))) = \(hexs(got)), SoftFloat \(hexs(want))")
        }
        // The double-rounding corner: a·b exactly on a BF16 halfway point, c far below it.
        for (a, b) in [(UInt32(0x3FC0), UInt32(0x3F81)), (0xBFC0, 0x3F81), (0x3F81, 0x3F83), (0x0040, 0x3FC1)] {
            for c: UInt32 in [0, 0x8000, 0x0D80, 0x8D80, 0x0001, 0x8001, 0x2000, 0xA000] { check(a, b, c) }
        }
        var mismatches = 0
        for i in 0..<60_000 {
            let a = UInt32(r.next() & 0xFFFF), b = UInt32(r.next() & 0xFFFF)
            var c = UInt32(r.next() & 0xFFFF)
            if i % 2 == 0 {
                // c near a·b: exponent of the product plus a small offset (cancellation, ties, carries).
                let ea = Int((a >> 7) & 0xFF), eb = Int((b >> 7) & 0xFF)
                let ec = max(0, min(254, ea + eb - 127 + Int(r.next() % 20) - 12))
                c = (c & 0x807F) | UInt32(ec) << 7
            }
            let got = bf16MulAdd(a, b, c), want = Ref.mulAdd(.bf16, a, b, c)
            if got != want {
                mismatches += 1
                if mismatches < 5 { Issue.record("bf16 fma(\(hexs(a)), \(hexs(b)), \(hexs(c))) = \(hexs(got)), SoftFloat \(hexs(want))") }
            }
            let sum = BF16Format.add(a, c), wantSum = Ref.add(.bf16, a, c)
            let prod = BF16Format.mul(a, b), wantProd = Ref.mul(.bf16, a, b)
            if sum != wantSum || prod != wantProd {
                mismatches += 1
                if mismatches < 5 { Issue.record("bf16 add/mul(\(hexs(a)), \(hexs(b)), \(hexs(c)))") }
            }
        }
        #expect(mismatches == 0)
    }

    @Test func fp32FastPathsMatchSoftFloat() {
        var r = Rand(s: 7)
        var mismatches = 0
        for i in 0..<20_000 {
            let a = UInt32(truncatingIfNeeded: r.next() << 1 ^ r.next()), b = UInt32(truncatingIfNeeded: r.next() << 1 ^ r.next())
            var c = UInt32(truncatingIfNeeded: r.next() << 1 ^ r.next())
            if i % 2 == 0 {
                let e = Int((a >> 23) & 0xFF) + Int((b >> 23) & 0xFF) - 127 + Int(r.next() % 40) - 30
                c = (c & 0x807F_FFFF) | UInt32(max(0, min(254, e))) << 23
            }
            if fp32MulAdd(a, b, c) != Ref.mulAdd(.f32, a, b, c) { mismatches += 1 }
            if FP32Format.add(a, c) != Ref.add(.f32, a, c) || FP32Format.mul(a, b) != Ref.mul(.f32, a, b) { mismatches += 1 }
            if fp32ToBF16(a) != Ref.conv(a, .f32, .bf16) { mismatches += 1 }
            if bf16ToFP32(a & 0xFFFF) != Ref.conv(a & 0xFFFF, .bf16, .f32) { mismatches += 1 }
        }
        #expect(mismatches == 0)
    }

    // MARK: Configuration and misuse

    @Test func presetsAndHeaders() {
        #expect(GemminiConfiguration.preset(named: "int8") == .int8)
        #expect(GemminiConfiguration.preset(named: "fp32") == .fp32)
        #expect(GemminiConfiguration.preset(named: "bf16") == .bf16)
        #expect(GemminiConfiguration.preset(named: "bf16-acc32") == .bf16Acc32)
        #expect(GemminiConfiguration.preset(named: "fp16") == nil)
        for name in GemminiConfiguration.presetNames { #expect(GemminiConfiguration.preset(named: name) != nil) }
        let fp32 = GemminiConfiguration.fp32.cHeader()
        for line in ["#define DIM 4", "#define BANK_ROWS 2048", "#define ACC_ROWS 4096", "typedef float elem_t;",
                     "typedef float acc_t;", "#define ELEM_T_IS_FLOAT", "typedef uint32_t elem_t_bits;",
                     "#define HAS_MVIN_ACC_SCALE", "#define ACC_READ_FULL_WIDTH"] {
            #expect(fp32.contains(line + "\n"), "fp32 header lacks \(line)")
        }
        let bf16 = GemminiConfiguration.bf16.cHeader()
        for line in ["typedef uint16_t elem_t;", "#define ELEM_T_IS_LOWPREC_FLOAT", "#define ELEM_T_SIG_BITS 8",
                     "typedef uint16_t acc_t;", "#define ACC_SCALE_SIG_BITS 8"] {
            #expect(bf16.contains(line + "\n"), "bf16 header lacks \(line)")
        }
        #expect(GemminiConfiguration.bf16Acc32.cHeader().contains("typedef float acc_t;\n"))
        let int8 = GemminiConfiguration.int8.cHeader()
        #expect(int8.contains("typedef int8_t elem_t;\n") && int8.contains("#define DIM 16\n") && !int8.contains("ELEM_T_IS_FLOAT"))
    }

    @Test func misuseThrows() throws {
        let g = FloatGuest(.bf16)
        #expect(throws: GemminiError.self) { try g.configEx(ws: false) }
        try g.cmd(0, (1 << 4) | 2, 16)  // pooling
        #expect(throws: GemminiError.self) { try g.cmd(3, OUT, g.operand(accBit, cols: 4, rows: 1)) }
        let bad = GemminiConfiguration(dim: 4, elementType: .fp32, accumulatorType: .bf16,
                                       scratchpadBanks: 1, scratchpadBankRows: 16, accumulatorRows: 16)
        let b = GemminiAccelerator(configuration: bad)
        #expect(throws: GemminiError.self) { try b.execute(funct7: 0, rs1: 0, rs2: 0, memory: FakeMemory(size: 16)) }
        let f = FloatGuest(.fp32)
        #expect(throws: GemminiError.self) { try f.cmd(2, A, f.operand(accBit | 4090, cols: 4, rows: 16)) }
    }
}

func hexs(_ x: UInt32) -> String { "0x" + String(x, radix: 16) }
