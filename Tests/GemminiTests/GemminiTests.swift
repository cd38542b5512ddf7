import Testing
@testable import Gemmini

@Suite struct GemminiTests {
    let A: UInt64 = 0x10000, B: UInt64 = 0x20000, C: UInt64 = 0x30000, D: UInt64 = 0x40000

    @Test func mvinMvoutScratchpadStridesBlocksAndZeros() throws {
        let t = Guest()
        var r = Rand(s: 1)
        // 10 rows x 40 columns at a 48-byte stride; block stride 20 rows.
        let src = r.int8s(16 * 48, -128, 127)
        t.mem.storeInt8(src, at: A)
        try t.configLd(stride: 48, blockStride: 20)
        try t.mvin(A, 100, cols: 40, rows: 10)
        // Block-column b of row r sits at 100 + r + 20 b; mvout reads block b from base + 16 b.
        try t.configSt(stride: 16)
        for blk in 0..<3 {
            try t.mvout(C + UInt64(blk * 256), 100 + UInt32(20 * blk), cols: blk == 2 ? 8 : 16, rows: 10)
            for row in 0..<10 {
                let n = blk == 2 ? 8 : 16
                #expect(t.mem.loadInt8(n, at: C + UInt64(blk * 256 + row * 16)) == Array(src[(row * 48 + blk * 16)..<(row * 48 + blk * 16 + n)]))
            }
        }
        // Multi-block mvout: block b comes from base + 16 b rows.
        try t.configLd(stride: 48, blockStride: 16)
        try t.mvin(A, 200, cols: 40, rows: 16)
        try t.configSt(stride: 64)
        try t.mvout(D, 200, cols: 40, rows: 16)
        for row in 0..<16 {
            #expect(t.mem.loadInt8(40, at: D + UInt64(row * 64)) == Array(src[(row * 48)..<(row * 48 + 40)]))
        }
        // Main-memory address 0 loads zeros.
        try t.mvin(0, 200, cols: 16, rows: 4)
        try t.mvout(D, 200, cols: 16, rows: 4)
        #expect(t.mem.loadInt8(16, at: D + 64 * 3) == [Int8](repeating: 0, count: 16))
    }

    @Test func mvinScaleRoundsHalfToEvenAndSaturates() throws {
        let t = Guest()
        t.mem.storeInt8([1, 3, 5, -1, -3, 100, -100, 7, 0, 2, 4, 6, 8, 10, 12, 127], at: A)
        try t.configLd(stride: 16, scale: 0.5)
        try t.mvin(A, 0, cols: 16, rows: 1)
        try t.configSt(stride: 16)
        try t.mvout(C, 0, cols: 16, rows: 1)
        #expect(t.mem.loadInt8(16, at: C) == [0, 2, 2, 0, -2, 50, -50, 4, 0, 1, 2, 3, 4, 5, 6, 64])
        try t.configLd(stride: 16, scale: 3)
        try t.mvin(A, 0, cols: 16, rows: 1)
        try t.mvout(C, 0, cols: 16, rows: 1)
        #expect(t.mem.loadInt8(16, at: C) == [3, 9, 15, -3, -9, 127, -128, 21, 0, 6, 12, 18, 24, 30, 36, 127])
    }

    @Test func accumulatorMvinMvoutFullScaledAccumulate() throws {
        let t = Guest()
        let vals: [Int32] = (0..<32).map { Int32($0 * 37 - 500) }
        t.mem.storeInt32(vals, at: A)
        try t.configLd(stride: 64)
        try t.mvin(A, accBit | 10, cols: 16, rows: 2)
        try t.configSt(stride: 64)
        try t.mvout(C, accBit | fullBit | 10, cols: 16, rows: 2)
        #expect(t.mem.loadInt32(32, at: C) == vals)
        // Accumulate onto it, then read scaled and ReLU'd int8.
        try t.mvin(A, accBit | accumulateBit | 10, cols: 16, rows: 2)
        try t.configSt(stride: 16, act: 1, scale: 0.125)
        try t.mvout(D, accBit | 10, cols: 16, rows: 2)
        #expect(t.mem.loadInt8(32, at: D) == vals.map { max(0, refScale($0 * 2, 0.125)) })
        // Shrunk (int8) mvin into the accumulator.
        t.mem.storeInt8([-5, 6, 7, -8, 9, 10, 11, 12, 13, 14, 15, 16, 17, 18, 19, 20], at: B)
        try t.configLd(stride: 16, shrunk: true)
        try t.mvin(B, accBit | 20, cols: 16, rows: 1)
        try t.mvout(C, accBit | fullBit | 20, cols: 16, rows: 1)
        #expect(t.mem.loadInt32(2, at: C) == [-5, 6])
    }

    /// C = A·B + D, all 16x16 int8, with a reference.
    func reference(_ a: [Int8], _ b: [Int8], _ d: [Int32], aT: Bool = false, bT: Bool = false) -> [Int32] {
        var c = d
        for i in 0..<16 { for j in 0..<16 { for k in 0..<16 {
            let av = aT ? a[k * 16 + i] : a[i * 16 + k]
            let bv = bT ? b[j * 16 + k] : b[k * 16 + j]
            c[i * 16 + j] += Int32(av) * Int32(bv)
        } } }
        return c
    }

    @Test func weightStationaryMatmulWithBias() throws {
        let t = Guest()
        var r = Rand(s: 2)
        let a = r.int8s(256, -10, 10), b = r.int8s(256, -10, 10), d = r.int8s(256, -20, 20)
        t.mem.storeInt8(a, at: A); t.mem.storeInt8(b, at: B); t.mem.storeInt8(d, at: D)
        try t.configLd(stride: 16)
        try t.configSt(stride: 16)
        try t.configEx(ws: true)
        try t.mvin(A, 0); try t.mvin(B, 16); try t.mvin(D, 32)
        // Into the scratchpad (saturated) with D from the scratchpad.
        try t.preload(16, 48)
        try t.computePreloaded(0, 32)
        try t.mvout(C, 48)
        let expect = reference(a, b, d.map { Int32($0) })
        #expect(t.mem.loadInt8(256, at: C) == expect.map { sat8(Int64($0)) })
        // Into the accumulator, full width, reusing the preloaded weights.
        try t.preload(GARBAGE, accBit | 0)
        try t.computeAccumulated(0, 32)
        try t.mvout(C, accBit | fullBit)
        // mvout of full width uses 4-byte elements at the same stride as configured: use 64.
        try t.configSt(stride: 64)
        try t.mvout(C, accBit | fullBit)
        #expect(t.mem.loadInt32(256, at: C) == expect)
        // Transposed A.
        try t.configEx(ws: true, aT: true)
        try t.preload(16, accBit | 0)
        try t.computePreloaded(0, GARBAGE)
        try t.mvout(C, accBit | fullBit)
        #expect(t.mem.loadInt32(256, at: C) == reference(a, b, [Int32](repeating: 0, count: 256), aT: true))
        // Transposed B.
        try t.configEx(ws: true, bT: true)
        try t.preload(16, accBit | 0)
        try t.computePreloaded(0, GARBAGE)
        try t.mvout(C, accBit | fullBit)
        #expect(t.mem.loadInt32(256, at: C) == reference(a, b, [Int32](repeating: 0, count: 256), bT: true))
    }

    @Test func outputStationaryWithShiftReluAndAccumulation() throws {
        let t = Guest()
        var r = Rand(s: 3)
        let a = r.int8s(256, -100, 100), b = r.int8s(256, -100, 100), d = r.int8s(256, -100, 100)
        t.mem.storeInt8(a, at: A); t.mem.storeInt8(b, at: B); t.mem.storeInt8(d, at: D)
        try t.configLd(stride: 16)
        try t.configSt(stride: 16)
        try t.mvin(A, 0); try t.mvin(B, 16); try t.mvin(D, 32)
        let shift: Int32 = 7
        try t.configEx(ws: false, act: 1, shift: UInt64(shift))
        try t.preload(32, 48)
        try t.computePreloaded(0, 16)
        try t.mvout(C, 48)
        let expect = reference(a, b, d.map { Int32($0) })
        func rshift(_ x: Int32) -> Int8 {
            // round half to even by exact arithmetic
            let q = Double(x) / Double(1 << shift)
            return max(0, sat8(Int64(q.rounded(.toNearestOrEven))))
        }
        #expect(t.mem.loadInt8(256, at: C) == expect.map(rshift))
        // Keep accumulating in the PEs: D + 2 A·B, written raw to the accumulator.
        try t.preload(GARBAGE, accBit)
        try t.computeAccumulated(0, 16)
        try t.configSt(stride: 64)
        try t.mvout(C, accBit | fullBit)
        let twice = reference(a, b, expect)
        #expect(t.mem.loadInt32(256, at: C) == zip(twice, d).map { $0.0 })
        // OS with both transposed.
        try t.configEx(ws: false, aT: true, bT: true)
        try t.preload(GARBAGE, accBit)
        try t.computePreloaded(0, 16)
        try t.mvout(C, accBit | fullBit)
        #expect(t.mem.loadInt32(256, at: C) == reference(a, b, [Int32](repeating: 0, count: 256), aT: true, bT: true))
    }

    @Test func maxPoolingFromAccumulator() throws {
        let t = Guest()
        // A 4x4 image of 16 channels in accumulator rows 0..15 (row = orow * 4 + ocol).
        var vals = [Int32]()
        for p in 0..<16 { for ch in 0..<16 { vals.append(Int32((p * 7 + ch * 3) % 50 - 20)) } }
        t.mem.storeInt32(vals, at: A)
        try t.configLd(stride: 64)
        try t.mvin(A, accBit, cols: 16, rows: 16)
        // 3x3 window, stride 2, padding 1 above and left: 2x2 output.
        try t.configSt(stride: 16, poolStride: 2, poolSize: 3, poolOutDim: 2, porows: 2, pocols: 2, orows: 4, ocols: 4, upad: 1, lpad: 1)
        try t.mvout(C, accBit, cols: 16, rows: 0)
        for porow in 0..<2 { for pocol in 0..<2 { for ch in 0..<16 {
            var m: Int8 = -128
            for wr in 0..<3 { for wc in 0..<3 {
                let orow = porow * 2 + wr - 1, ocol = pocol * 2 + wc - 1
                let e: Int8 = (orow < 0 || ocol < 0 || orow >= 4 || ocol >= 4) ? 0 : sat8(Int64(vals[(orow * 4 + ocol) * 16 + ch]))
                m = max(m, e)
            } }
            #expect(t.mem.loadInt8(1, at: C + UInt64((porow * 2 + pocol) * 16 + ch))[0] == m)
        } } }
    }

    @Test func loopWSMultiTileWithPaddingBiasAndScale() throws {
        let t = Guest(memory: 1 << 20)
        let M = 40, K = 56, N = 72
        var r = Rand(s: 4)
        let a = r.int8s(M * K, -4, 4), b = r.int8s(K * N, -4, 4), d = r.int32s(M * N, -200, 200)
        t.mem.storeInt8(a, at: A); t.mem.storeInt8(b, at: B); t.mem.storeInt32(d, at: D)
        let scale: Float = 0.375
        try t.configEx(ws: true)
        try t.configSt(stride: UInt64(N), act: 0, scale: scale)
        try t.configLd(stride: UInt64(K), id: 0)
        try t.configLd(stride: UInt64(N), id: 1)
        try t.configLd(stride: UInt64(N * 4), id: 2)
        try t.loopWS(I: 3, J: 5, K: 4, padI: 8, padJ: 8, padK: 8, A: A, B: B, D: D, C: C,
                     strideA: UInt64(K), strideB: UInt64(N), strideD: UInt64(N), strideC: UInt64(N), accumulate: true)
        var expect = [Int8]()
        for i in 0..<M { for j in 0..<N {
            var s = d[i * N + j]
            for k in 0..<K { s += Int32(a[i * K + k]) * Int32(b[k * N + j]) }
            expect.append(refScale(s, scale))
        } }
        #expect(t.mem.loadInt8(M * N, at: C) == expect)
        // Same product with B given transposed, full-width C, no bias.
        var bt = [Int8](repeating: 0, count: K * N)
        for k in 0..<K { for j in 0..<N { bt[j * K + k] = b[k * N + j] } }
        t.mem.storeInt8(bt, at: B)
        try t.configEx(ws: true, bT: true)
        try t.configSt(stride: UInt64(N * 4))
        try t.configLd(stride: UInt64(K), id: 1)
        try t.loopWS(I: 3, J: 5, K: 4, padI: 8, padJ: 8, padK: 8, A: A, B: B, D: 0, C: C,
                     strideA: UInt64(K), strideB: UInt64(K), strideD: 0, strideC: UInt64(N), bT: true, fullC: true)
        var full = [Int32]()
        for i in 0..<M { for j in 0..<N {
            var s: Int32 = 0
            for k in 0..<K { s += Int32(a[i * K + k]) * Int32(b[k * N + j]) }
            full.append(s)
        } }
        #expect(t.mem.loadInt32(M * N, at: C) == full)
    }

    @Test func countersCountRealEvents() throws {
        let t = Guest()
        try t.cmd(7, 0, 0)                                        // flush: idle
        try t.cmd(126, (0 << 4) | 8 | (9 << 12), 0)              // counter 0 <- LOAD_ACTIVE_CYCLE
        try t.cmd(126, (7 << 4) | 8 | (1 << 12) | (1 << 31), 0)   // counter 7 <- RS load count (external)
        #expect(try t.cmd(126, 0 << 4, 0) == 0)
        try t.configLd(stride: 16)
        try t.configSt(stride: 16)
        for i in 0..<4 {
            try t.mvin(A, UInt32(i * 16), cols: 16, rows: 16)
            try t.mvout(C, UInt32(i * 16))
        }
        #expect(try t.cmd(126, 7 << 4, 0) == 4)
        let live = try t.cmd(126, 0 << 4, 0)
        #expect(live >= 64)
        let snap = try t.cmd(126, 4 | (0 << 4), 0)               // take snapshot
        #expect(try t.cmd(126, 0 << 4, 0) == snap)
        try t.cmd(126, 2, 0)                                      // snapshot reset
        #expect(try t.cmd(126, 0 << 4, 0) >= snap + 10)           // still busy: keeps counting
        try t.cmd(126, 1, 0)                                      // global reset
        #expect(try t.cmd(126, 0 << 4, 0) == 0)
        #expect(t.g.statistics.rowsMovedIn == 64)
    }

    @Test func misuseThrows() throws {
        let t = Guest()
        try t.configLd(stride: 16)
        try t.configSt(stride: 16)
        #expect(throws: GemminiError.self) { try t.mvin(A, 16380, cols: 16, rows: 16) }
        #expect(throws: GemminiError.self) { try t.mvin(A, accBit | 1020, cols: 16, rows: 16) }
        #expect(throws: GemminiError.self) { try t.mvout(C, 16383, cols: 32, rows: 1) }
        #expect(throws: GemminiError.self) { try t.cmd(99, 0, 0) }
        #expect(throws: GemminiError.self) { try t.mvin(0x10_0000_0000, 0) }      // memory fault
        #expect(throws: GemminiError.self) { try t.mvout(0x8, 0) }                // memory fault
        #expect(throws: GemminiError.self) { try t.configEx(ws: true, aT: true, bT: true) }
        #expect(throws: GemminiError.self) { try t.configEx(ws: false, shift: 40) }
        try t.configEx(ws: true)
        try t.preload(16380, 0)
        #expect(throws: GemminiError.self) { try t.computePreloaded(0, GARBAGE) }
        try t.preload(0, 0, cRows: 17)
        #expect(throws: GemminiError.self) { try t.computePreloaded(0, GARBAGE) }
        #expect(throws: GemminiError.self) {
            try t.loopWS(I: 40, J: 40, K: 40, padI: 0, padJ: 0, padK: 0, A: A, B: B, D: 0, C: C,
                         strideA: 640, strideB: 640, strideD: 0, strideC: 640)
        }
        do {
            try t.cmd(99, 0, 0)
        } catch {
            #expect(error.description.contains("99"))
        }
    }
}
