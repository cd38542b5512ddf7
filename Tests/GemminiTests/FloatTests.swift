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
    func configLd(stride: Int, scale: UInt32 = 0x3F80_0000, shrunk: Bool = false, id: UInt64 = 0,
                  pixels: UInt64 = 1) throws(GemminiError) {
        let rs1 = (scaleField(scale) << 32) | (UInt64(n) << 16) | (pixels << 8) | (id << 3) | (UInt64(shrunk ? 1 : 0) << 2) | 1
        try cmd(0, rs1, UInt64(stride))
    }
    func configSt(stride: Int, act: UInt64 = 0, scale: UInt32 = 0x3F80_0000, rawField: UInt64? = nil) throws(GemminiError) {
        try cmd(0, (act << 2) | 2, ((rawField ?? scaleField(scale)) << 32) | UInt64(stride))
    }
    /// config_st with max pooling (gemmini_extended2_config_st's packing).
    func configStPool(stride: Int, act: UInt64 = 0, scale: UInt32 = 0x3F80_0000, pool: Pool) throws(GemminiError) {
        let rs1 = (UInt64(pool.ocols) << 56) | (UInt64(pool.orows) << 48) | (UInt64(pool.pocols) << 40)
            | (UInt64(pool.porows) << 32) | (UInt64(pool.outDim) << 24) | (UInt64(pool.lpad) << 10)
            | (UInt64(pool.upad) << 8) | (UInt64(pool.size) << 6) | (UInt64(pool.stride) << 4) | (act << 2) | 2
        try cmd(0, rs1, (scaleField(scale) << 32) | UInt64(stride))
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

/// A max-pooling setup of config_st.
struct Pool {
    var stride = 2, size = 3, upad = 1, lpad = 1, orows = 4, ocols = 4, porows = 2, pocols = 2, outDim = 2
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

    // MARK: Pixel repeats and pooling

    /// The mvin scale field as the value in format `f` (via FP32, as the movers round it).
    func scaleIn(_ g: FloatGuest, _ field: UInt32, _ f: RF) -> UInt32 {
        Ref.conv(Ref.conv(UInt32(g.scaleField(field)), g.config.s, .f32), .f32, f)
    }

    /// A pixel-repeat mvin (`pixels` repeats of `cols` columns, `rows` rows at row `base`) into the
    /// scratchpad (scaled in E), full width into the accumulator with the accumulate bit (scaled in A) and
    /// shrunk into the accumulator (scaled in E, widened), over pre-filled contents; every row read back.
    func pixelRepeats(_ config: GemminiConfiguration, pixels: Int, cols: Int, rows: Int, base: Int,
                      scale: UInt32, seed: UInt64) throws {
        let g = FloatGuest(config)
        let n = config.dim, (e, a) = (config.e, config.a)
        let total = 16
        var r = Rand(s: seed)
        let spFill = r.floats(total * n, e), accFill = r.floats(total * n, a)
        let inE = r.floats(rows * cols, e), inA = r.floats(rows * cols, a), inShrunk = r.floats(rows * cols, e)
        g.store(spFill, e, at: D); g.store(accFill, a, at: BIAS)
        g.store(inE, e, at: A); g.store(inA, a, at: B); g.store(inShrunk, e, at: FULL)
        try g.configLd(stride: n * e.bytes)
        try g.cmd(2, D, g.operand(0, cols: n, rows: total))
        try g.configLd(stride: n * a.bytes, id: 2)
        try g.cmd(14, BIAS, g.operand(accBit, cols: n, rows: total))
        try g.cmd(14, BIAS, g.operand(accBit | UInt32(total), cols: n, rows: total))

        try g.configLd(stride: cols * e.bytes, scale: scale, pixels: UInt64(pixels))
        try g.cmd(2, A, g.operand(UInt32(base), cols: cols, rows: rows))
        try g.configLd(stride: cols * a.bytes, scale: scale, id: 1, pixels: UInt64(pixels))
        try g.cmd(1, B, g.operand(accBit | accumulateBit | UInt32(base), cols: cols, rows: rows))
        try g.configLd(stride: cols * e.bytes, scale: scale, shrunk: true, id: 2, pixels: UInt64(pixels))
        try g.cmd(14, FULL, g.operand(accBit | UInt32(total + base), cols: cols, rows: rows))

        try g.configSt(stride: n * e.bytes)
        try g.cmd(3, SPOUT, g.operand(0, cols: n, rows: total))
        try g.configSt(stride: n * a.bytes)
        try g.cmd(3, OUT, g.operand(accBit | fullBit, cols: n, rows: 2 * total))

        // Reference: the int8 path's placement, written out plainly.
        let sE = scaleIn(g, scale, e), sA = scaleIn(g, scale, a)
        /// Calls `write(destination index, input index)` for every placement of a mvin at row `at`, in order.
        func place(at: Int, _ write: (Int, Int) -> Void) {
            for row in 0..<rows {
                for col in 0..<cols {
                    let target = at + row
                    for p in 0..<pixels where p <= target { write((target - p) * n + col + p * cols, row * cols + col) }
                }
            }
        }
        var wantSp = spFill, wantAcc = accFill + accFill
        place(at: base) { i, k in wantSp[i] = sE == e.one ? inE[k] : Ref.mul(e, inE[k], sE) }
        place(at: base) { i, k in wantAcc[i] = Ref.add(a, wantAcc[i], sA == a.one ? inA[k] : Ref.mul(a, inA[k], sA)) }
        // (The shrunk mvin's repeats from its first rows reach into the rows above `total`.)
        place(at: total + base) { i, k in wantAcc[i] = Ref.conv(sE == e.one ? inShrunk[k] : Ref.mul(e, inShrunk[k], sE), e, a) }
        let gotSp = g.load(total * n, e, at: SPOUT), gotAcc = g.load(2 * total * n, a, at: OUT)
        for i in 0..<total * n {
            #expect(gotSp[i] == wantSp[i], "spad [\(i / n),\(i % n)] \(hexs(gotSp[i])) != \(hexs(wantSp[i]))")
        }
        for i in 0..<2 * total * n {
            #expect(gotAcc[i] == wantAcc[i], "acc [\(i / n),\(i % n)] \(hexs(gotAcc[i])) != \(hexs(wantAcc[i]))")
        }
    }

    @Test func pixelRepeatMvin() throws {
        for (k, c) in [GemminiConfiguration.fp32, .bf16, .bf16Acc32].enumerated() {
            let n = c.dim, seed = UInt64(40 + 10 * k)
            try pixelRepeats(c, pixels: 2, cols: n / 2, rows: 5, base: 6, scale: Float(0.3).bitPattern, seed: seed)
            // Three repeats of one column from row 1: row 1's third copy would land above row 0 (skipped).
            try pixelRepeats(c, pixels: 3, cols: 1, rows: 6, base: 1, scale: 0x3F80_0000, seed: seed + 1)
            try pixelRepeats(c, pixels: n, cols: 1, rows: 3, base: 0, scale: Float(-1.75).bitPattern, seed: seed + 2)
        }
        // Repeats that overflow a row still throw.
        let g = FloatGuest(.fp32)
        try g.configLd(stride: 12, pixels: 2)
        #expect(throws: GemminiError.self) { try g.cmd(2, A, g.operand(4, cols: 3, rows: 1)) }
    }

    /// Reference float max of pooling: canonical NaN if either is a NaN, else the later value only when
    /// strictly greater (so the earlier of -0 and +0 stays).
    func refPoolMax(_ f: RF, _ m: UInt32, _ x: UInt32) -> UInt32 {
        let fm = Float(bitPattern: f == .f32 ? m : m << 16), fx = Float(bitPattern: f == .f32 ? x : x << 16)
        if fm.isNaN || fx.isNaN { return f == .f32 ? 0x7FC0_0000 : 0x7FC0 }
        return fx > fm ? x : m
    }

    /// A pooled mvout of an orows x ocols image of DIM channels, from the accumulator (ReLU, acc scale,
    /// conversion per element, then the max) and from the scratchpad (raw elements); `image` overrides
    /// the random values (accumulator type; its elements for the scratchpad converted). Returns the
    /// accumulator-sourced output.
    @discardableResult
    func pooled(_ config: GemminiConfiguration, _ pool: Pool, relu: Bool, accScale: UInt32, seed: UInt64,
                image: [UInt32]? = nil) throws -> [UInt32] {
        let g = FloatGuest(config)
        let n = config.dim, (e, a) = (config.e, config.a)
        let pixels = pool.orows * pool.ocols
        var r = Rand(s: seed)
        let accV = image ?? r.floats(pixels * n, a)
        let spV = image.map { $0.map { Ref.conv($0, a, e) } } ?? r.floats(pixels * n, e)
        let accBase = 3, spBase = 5
        g.store(accV, a, at: BIAS); g.store(spV, e, at: D)
        try g.configLd(stride: n * a.bytes, id: 2)
        try g.cmd(14, BIAS, g.operand(accBit | UInt32(accBase), cols: n, rows: pixels))
        try g.configLd(stride: n * e.bytes)
        try g.cmd(2, D, g.operand(UInt32(spBase), cols: n, rows: pixels))
        try g.configStPool(stride: n * e.bytes, act: relu ? 1 : 0, scale: accScale, pool: pool)
        try g.cmd(3, OUT, g.operand(accBit | UInt32(accBase), cols: n, rows: 0))
        try g.cmd(3, SPOUT, g.operand(UInt32(spBase), cols: n, rows: 0))

        let sA = Ref.conv(Ref.conv(UInt32(g.scaleField(accScale)), config.s, .f32), .f32, a)
        let negInf: UInt32 = e == .f32 ? 0xFF80_0000 : 0xFF80
        let outputs = pool.porows * pool.pocols
        let gotAcc = g.load(outputs * n, e, at: OUT), gotSp = g.load(outputs * n, e, at: SPOUT)
        for porow in 0..<pool.porows {
            for pocol in 0..<pool.pocols {
                for ch in 0..<n {
                    var mAcc = negInf, mSp = negInf
                    for wr in 0..<pool.size {
                        for wc in 0..<pool.size {
                            let orow = porow * pool.stride + wr - pool.upad, ocol = pocol * pool.stride + wc - pool.lpad
                            if orow < 0 || ocol < 0 || orow >= pool.orows || ocol >= pool.ocols {
                                mAcc = refPoolMax(e, mAcc, 0); mSp = refPoolMax(e, mSp, 0)
                                continue
                            }
                            let k = (orow * pool.ocols + ocol) * n + ch
                            var x = accV[k]
                            if relu { x = Ref.relu(a, x) }
                            x = Ref.conv(Ref.mul(a, x, sA), a, e)
                            mAcc = refPoolMax(e, mAcc, x)
                            mSp = refPoolMax(e, mSp, spV[k])
                        }
                    }
                    let i = (porow * pool.outDim + pocol) * n + ch
                    #expect(gotAcc[i] == mAcc, "acc pool [\(porow),\(pocol)] ch \(ch) \(hexs(gotAcc[i])) != \(hexs(mAcc))")
                    #expect(gotSp[i] == mSp, "spad pool [\(porow),\(pocol)] ch \(ch) \(hexs(gotSp[i])) != \(hexs(mSp))")
                }
            }
        }
        return gotAcc
    }

    @Test func pooledMvout() throws {
        // 3x3 windows, stride 2, padding 1 above and left: a 4x4 image to 2x2, and a 5x5 image to 3x3
        // (whose last windows also reach past the bottom and right edges).
        let small = Pool(), large = Pool(orows: 5, ocols: 5, porows: 3, pocols: 3, outDim: 3)
        for (k, c) in [GemminiConfiguration.fp32, .bf16, .bf16Acc32].enumerated() {
            let seed = UInt64(70 + 10 * k)
            try pooled(c, small, relu: false, accScale: 0x3F80_0000, seed: seed)
            try pooled(c, small, relu: true, accScale: Float(0.3).bitPattern, seed: seed + 1)
            try pooled(c, large, relu: false, accScale: Float(-1.3).bitPattern, seed: seed + 2)
            try pooled(c, large, relu: true, accScale: Float(2.5).bitPattern, seed: seed + 3)
        }
    }

    @Test func pooledMvoutSignedZerosAndNaN() throws {
        // FP32, 4x4 image, 4 channels: ch 0 all -1 with a payload NaN at the last pixel (only the
        // bottom-right window holds it); ch 1 all -0 (windows with padding see the +0 padding first and
        // give +0; the unpadded bottom-right window gives -0); ch 2 -0 first then +0 in the bottom-right
        // window (-0 stays); ch 3 +0 there first then -0 (+0 stays).
        let n = 4
        var image = [UInt32](repeating: 0, count: 16 * n)
        for p in 0..<16 {
            image[p * n] = 0xBF80_0000
            image[p * n + 1] = 0x8000_0000
            image[p * n + 2] = p == 5 ? 0x8000_0000 : 0
            image[p * n + 3] = p == 5 ? 0 : 0x8000_0000
        }
        image[15 * n] = 0x7FA0_0001
        let out = try pooled(.fp32, Pool(), relu: false, accScale: 0x3F80_0000, seed: 1, image: image)
        let window11 = 3 * n  // pooled pixel (1, 1)
        #expect(out[window11] == 0x7FC0_0000)
        #expect(out[0] == 0 && out[n] == 0 && out[2 * n] == 0)  // ch 0: padding +0 beats -1
        #expect(out[window11 + 1] == 0x8000_0000 && out[1] == 0)
        #expect(out[window11 + 2] == 0x8000_0000)
        #expect(out[window11 + 3] == 0)
        // With ReLU the -0s become +0; the (positive) payload NaN still gives the canonical NaN.
        let relu = try pooled(.fp32, Pool(), relu: true, accScale: 0x3F80_0000, seed: 1, image: image)
        #expect(relu[window11 + 1] == 0 && relu[window11] == 0x7FC0_0000)
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
        // Layernorm / softmax / iGELU: refused, saying why (pooled or not).
        for poolStride: UInt64 in [0, 1] {
            for act: UInt64 in [2, 3] {
                try g.cmd(0, (poolStride << 4) | (act << 2) | 2, 16)
                do {
                    try g.cmd(3, OUT, g.operand(accBit, cols: 4, rows: 1))
                    Issue.record("activation \(act) with pool stride \(poolStride) did not throw")
                } catch {
                    #expect(error.description.contains("I-BERT") && error.description.contains("no float version"))
                }
            }
        }
        try g.cmd(0, 2, 16)
        do {
            try g.cmd(3, OUT, g.operand(accBit | (2 << 26), cols: 4, rows: 1))
            Issue.record("normalisation command 2 did not throw")
        } catch {
            #expect(error.description.contains("layernorm mean") && error.description.contains("I-BERT"))
        }
        let bad = GemminiConfiguration(dim: 4, elementType: .fp32, accumulatorType: .bf16,
                                       scratchpadBanks: 1, scratchpadBankRows: 16, accumulatorRows: 16)
        let b = GemminiAccelerator(configuration: bad)
        #expect(throws: GemminiError.self) { try b.execute(funct7: 0, rs1: 0, rs2: 0, memory: FakeMemory(size: 16)) }
        let f = FloatGuest(.fp32)
        #expect(throws: GemminiError.self) { try f.cmd(2, A, f.operand(accBit | 4090, cols: 4, rows: 16)) }
    }
}

func hexs(_ x: UInt32) -> String { "0x" + String(x, radix: 16) }
