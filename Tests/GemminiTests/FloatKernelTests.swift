import Testing
@testable import Gemmini

// The SIMD kernels of FloatKernels.swift against the scalar paths (themselves checked against SoftFloat in
// FloatTests.swift) on millions of random operations weighted toward the corners: zeros, infinities,
// NaNs with payloads, subnormals, the exponent range's ends and the edges of the BF16 exactness range,
// and sparse significands, whose products and sums land exactly on rounding midpoints; and directly
// against SoftFloat on a share of them.

/// Random float bit patterns of one format, most of them corner cases.
struct EdgeFloats {
    let bf16: Bool
    var rand: Rand
    var mantissaBits: UInt32 { bf16 ? 7 : 23 }

    private mutating func bits(_ count: UInt32) -> UInt32 {
        UInt32(truncatingIfNeeded: rand.next() ^ (rand.next() << 31)) & ((1 << count) - 1)
    }
    /// A significand with at most two bits set.
    private mutating func sparse() -> UInt32 {
        var m: UInt32 = 0
        for _ in 0..<Int(rand.next() % 3) { m |= 1 << UInt32(rand.next() % UInt64(mantissaBits)) }
        return m
    }
    private func pack(_ sign: UInt32, _ exponent: UInt32, _ mantissa: UInt32) -> UInt32 {
        sign << (bf16 ? 15 : 31) | exponent << mantissaBits | mantissa
    }

    /// Any value: a corner (half of them) or an ordinary one of exponent 127 +- 40.
    mutating func next() -> UInt32 {
        let sign = UInt32(rand.next() & 1)
        switch rand.next() % 16 {
        case 0: return pack(sign, 0, 0)
        case 1: return pack(sign, 0xFF, 0)
        case 2: return pack(sign, 0xFF, max(1, bits(mantissaBits)))
        case 3: return pack(sign, 0, max(1, rand.next() & 1 == 0 ? sparse() : bits(mantissaBits)))
        case 4: return pack(sign, [1, 2, 253, 254][Int(rand.next() % 4)], bits(mantissaBits))
        case 5, 6: return pack(sign, UInt32(97 + rand.next() % 61), sparse())
        case 7: return pack(sign, [62, 63, 64, 65, 189, 190, 191, 192][Int(rand.next() % 8)], bits(mantissaBits))
        default: return pack(sign, UInt32(87 + rand.next() % 81), bits(mantissaBits))
        }
    }

    /// Half the time a value of the given exponent, else an ordinary one.
    mutating func mixed(exponent: UInt32) -> UInt32 {
        let e = rand.next() & 1 == 0 ? exponent : UInt32(100 + rand.next() % 51)
        return pack(UInt32(rand.next() & 1), e, bits(mantissaBits))
    }

    /// An addend for `a * b`: half the time any value, else of the product's exponent minus up to 30 or
    /// plus up to 10 (cancellation, carries, ties, sticky bits far below).
    mutating func addend(_ a: UInt32, _ b: UInt32) -> UInt32 {
        if rand.next() & 1 == 0 { return next() }
        let ea = Int(a >> mantissaBits & 0xFF), eb = Int(b >> mantissaBits & 0xFF)
        let e = max(0, min(254, ea + eb - 127 + Int(rand.next() % 41) - 30))
        let m = rand.next() & 1 == 0 ? sparse() : bits(mantissaBits)
        return pack(UInt32(rand.next() & 1), UInt32(e), m)
    }
}

@Suite struct FloatKernelTests {
    /// Random n x n blocks through `mulAddBlock` (the SIMD path wherever `productsExact` allows) against
    /// the scalar multiply-add chain; `softFloatShare` of the blocks also against SoftFloat. Returns the
    /// number of blocks that took the SIMD path.
    func blocks<F: GemminiFloatFormat>(_: F.Type, n: Int, count: Int, seed: UInt64, softFloatShare: Int) -> Int {
        var values = EdgeFloats(bf16: F.isBF16, rand: Rand(s: seed))
        var a = [UInt32](repeating: 0, count: n * n), w = a, c = a
        var simdBlocks = 0, mismatches = 0
        for block in 0..<count {
            // A third of the blocks have only factors `productsExact` admits (the SIMD path), a third
            // anything (mostly the scalar path), a third ordinary values mixed with one exponent on either
            // side of the BF16 exactness range's ends (where the path choice matters).
            let edge = [62, 63, 64, 65, 189, 190, 191, 192][block / 3 % 8]
            for i in 0..<n * n {
                switch block % 3 {
                case 0:
                    repeat { a[i] = values.next() } while !exactFactor(a[i], F.self)
                    repeat { w[i] = values.next() } while !exactFactor(w[i], F.self)
                case 1: (a[i], w[i]) = (values.next(), values.next())
                default: (a[i], w[i]) = (values.mixed(exponent: UInt32(edge)), values.mixed(exponent: UInt32(edge)))
                }
            }
            for i in 0..<n { for j in 0..<n { c[i * n + j] = values.addend(a[i * n], w[j]) } }
            let exact = a.withUnsafeBufferPointer { F.productsExact($0.baseAddress!, count: n * n) }
                && w.withUnsafeBufferPointer { F.productsExact($0.baseAddress!, count: n * n) }
            if exact && n % 4 == 0 { simdBlocks += 1 }
            var got = c
            got.withUnsafeMutableBufferPointer { g in
                a.withUnsafeBufferPointer { ap in
                    w.withUnsafeBufferPointer { wp in
                        mulAddBlock(F.self, c: g.baseAddress!, a: ap.baseAddress!, w: wp.baseAddress!, n: n, productsExact: exact)
                    }
                }
            }
            let soft = block % softFloatShare == 0
            for i in 0..<n {
                for j in 0..<n {
                    var want = c[i * n + j], wantSoft = c[i * n + j]
                    for k in 0..<n {
                        want = F.mulAdd(a[i * n + k], w[k * n + j], want)
                        if soft { wantSoft = Ref.mulAdd(F.isBF16 ? .bf16 : .f32, a[i * n + k], w[k * n + j], wantSoft) }
                    }
                    if got[i * n + j] != want || (soft && want != wantSoft) {
                        mismatches += 1
                        if mismatches <= 3 {
                            Issue.record("\(F.self) block \(block) [\(i),\(j)]: kernel \(hexs(got[i * n + j])), scalar \(hexs(want)), SoftFloat \(soft ? hexs(wantSoft) : "-"); a row \(a[(i * n)..<(i * n + n)].map(hexs)), w column \((0..<n).map { hexs(w[$0 * n + j]) }), c \(hexs(c[i * n + j]))")
                        }
                    }
                }
            }
        }
        #expect(mismatches == 0)
        return simdBlocks
    }

    /// Whether one factor passes `productsExact` (the definition it implements, written out).
    func exactFactor<F: GemminiFloatFormat>(_ x: UInt32, _: F.Type) -> Bool {
        guard F.isBF16 else { return true }
        let exponent = (x >> 7) & 0xFF
        return x & 0x7FFF == 0 || exponent == 0xFF || (64...190).contains(exponent)
    }

    @Test func bf16KernelMatchesScalarAndSoftFloat() {
        let simd4 = blocks(BF16Format.self, n: 4, count: 24_000, seed: 1, softFloatShare: 16)
        let simd8 = blocks(BF16Format.self, n: 8, count: 2_000, seed: 2, softFloatShare: 16)
        #expect(simd4 >= 8_000 && simd8 >= 660, "the SIMD path ran")
        _ = blocks(BF16Format.self, n: 3, count: 1_000, seed: 3, softFloatShare: 4)
    }

    @Test func fp32KernelMatchesScalarAndSoftFloat() {
        let simd = blocks(FP32Format.self, n: 4, count: 24_000, seed: 4, softFloatShare: 16)
        _ = blocks(FP32Format.self, n: 8, count: 2_000, seed: 5, softFloatShare: 16)
        #expect(simd == 24_000, "FP32 products are always exact in binary64")
    }

    /// The corners the shortcuts must send elsewhere, one by one: an FP32 binary64 sum exactly on an FP32
    /// midpoint with the rest of the exact sum below binary64's precision, sums in FP32's subnormal range,
    /// and BF16 sums on a BF16 midpoint with a sticky remainder.
    @Test func midpointAndSubnormalCorners() {
        // (1 + 2^-12)^2 = 1 + 2^-11 + 2^-24: an FP32 midpoint; c = +-2^-80 decides the rounding.
        let a = Float(1 + 0x1p-12).bitPattern
        for c in [Float(0x1p-80), -Float(0x1p-80), 0, -0.0] {
            let want = Ref.mulAdd(.f32, a, a, c.bitPattern)
            #expect(FP32Format.mulAdd4(a, SIMD4(repeating: a), SIMD4(repeating: c.bitPattern))[0] == want)
        }
        // Sums in FP32's subnormal range: (1 + 2^-23)(1 - 2^-23) 2^-150 = 2^-150 - 2^-196 onto subnormals,
        // where the binary64 sum lands on a midpoint of the subnormal grid (2^-127 + 3 x 2^-150 for c =
        // 2^-127 + 2^-149, which must round down); and plain products there.
        let up = (Float(1 + 0x1p-23) * 0x1p-75).bitPattern, down = (Float(1 - 0x1p-23) * 0x1p-75).bitPattern
        let tiny = Float(0x1p-70).bitPattern, small = Float(0x1p-60 * 1.75).bitPattern
        for c: UInt32 in [0x0040_0001, 0x0040_0000, 0x8040_0001, 0x0000_0003, 0, 1, 0x8000_0001, 0x8000_0000] {
            #expect(FP32Format.mulAdd4(up, SIMD4(repeating: down), SIMD4(repeating: c))[0] == Ref.mulAdd(.f32, up, down, c))
            #expect(FP32Format.mulAdd4(tiny, SIMD4(repeating: small), SIMD4(repeating: c))[0] == Ref.mulAdd(.f32, tiny, small, c))
        }
        // BF16: 1.5 x 1.0078125 = 1.51171875, halfway between 1.5078125 and 1.515625; c = +-2^-100.
        for c: UInt32 in [0x0D80, 0x8D80, 0, 0x8000] {
            #expect(BF16Format.mulAdd4(0x3FC0, SIMD4(repeating: 0x3F81), SIMD4(repeating: c))[0] == Ref.mulAdd(.bf16, 0x3FC0, 0x3F81, c))
        }
    }

    @Test func additionsMatchScalar() {
        for bf16 in [true, false] {
            var values = EdgeFloats(bf16: bf16, rand: Rand(s: bf16 ? 6 : 7))
            var mismatches = 0
            for _ in 0..<100_000 {
                let x = SIMD4(values.next(), values.next(), values.next(), values.next())
                let y = SIMD4(values.addend(x[0], 0x3F80), values.addend(x[1], 0x3F80), values.next(), values.next())
                let got = bf16 ? BF16Format.add4(x, y) : FP32Format.add4(x, y)
                for lane in 0..<4 {
                    let want = bf16 ? BF16Format.add(x[lane], y[lane]) : FP32Format.add(x[lane], y[lane])
                    if got[lane] != want { mismatches += 1 }
                }
            }
            #expect(mismatches == 0, "\(bf16 ? "BF16" : "FP32") add4")
        }
    }

    /// `productsExact` over every BF16 value, in every lane position.
    @Test func bf16ExactnessCheckIsItsDefinition() {
        var mismatches = 0
        for x in 0..<UInt32(0x1_0000) {
            for lane in 0..<4 {
                var block: [UInt32] = [0x3F80, 0x3F80, 0x3F80, 0x3F80]
                block[lane] = x
                let got = block.withUnsafeBufferPointer { BF16Format.productsExact($0.baseAddress!, count: 4) }
                if got != exactFactor(x, BF16Format.self) { mismatches += 1 }
            }
        }
        #expect(mismatches == 0)
    }
}
