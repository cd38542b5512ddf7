import Testing
@testable import Gemmini

// LOOP_WS reads its operands' rows up front (StagedOperands). Its effects must still be those of its
// commands one by one in libgemmini's order: here the same loop written out as mvin / preload / compute /
// mvout commands on a second accelerator over a copy of memory, compared byte for byte (main memory,
// scratchpad, accumulator, statistics, error), including outputs written over operand rows the loop
// has yet to read, in-place accumulation (D = C) and memory faults part-way through.

/// One LOOP_WS: bounds, padding, addresses and strides (elements), flags.
struct LoopShape {
    var I = 2, J = 3, K = 3, padI = 1, padJ = 2, padK = 3
    var A: UInt64 = 0x1_0000, B: UInt64 = 0x2_0000, D: UInt64 = 0, C: UInt64 = 0x4_0000
    var strideA = 40, strideB = 40, strideD = 40, strideC = 40
    var aT = false, bT = false, fullC = false, accumulate = false
}

struct LoopPair {
    let config: GemminiConfiguration
    let looped: GemminiAccelerator, unrolled: GemminiAccelerator
    let loopedMemory = FakeMemory(size: 1 << 19), unrolledMemory = FakeMemory(size: 1 << 19)
    var n: Int { config.dim }
    var elemBytes: Int { config.elementType.byteCount }
    var accBytes: Int { config.accumulatorType.byteCount }

    init(_ config: GemminiConfiguration, seed: UInt64) {
        self.config = config
        looped = GemminiAccelerator(configuration: config)
        unrolled = GemminiAccelerator(configuration: config)
        // Small values of the element type everywhere (int8, or BF16 / FP32 halves).
        var r = Rand(s: seed)
        for i in stride(from: 0, to: loopedMemory.bytes.count, by: elemBytes) {
            let v = Int(r.next() % 9) - 4
            let bits: UInt32 = config.elementType == .int8 ? UInt32(UInt8(bitPattern: Int8(v)))
                : config.elementType == .bf16 ? Float(v).bitPattern >> 16 | (r.next() & 1 == 0 ? 0 : 0x40) : Float(Double(v) * 1.25).bitPattern
            for b in 0..<elemBytes { loopedMemory.bytes[i + b] = UInt8(truncatingIfNeeded: bits >> (8 * b)) }
        }
        unrolledMemory.bytes = loopedMemory.bytes
    }

    /// Runs `body` on both accelerators (each with its memory); both must throw alike or not at all.
    func both(_ body: (GemminiAccelerator, FakeMemory) throws(GemminiError) -> Void) throws {
        var errors: [String?] = []
        for (g, m) in [(looped, loopedMemory), (unrolled, unrolledMemory)] {
            do { try body(g, m); errors.append(nil) } catch { errors.append(error.description) }
        }
        #expect(errors[0] == errors[1])
    }

    func configure(_ s: LoopShape) throws {
        let one: UInt64 = config.scaleType == .bf16 ? 0x3F80 : 0x3F80_0000
        let sizeofC = s.fullC ? accBytes : elemBytes
        try both { g, m throws(GemminiError) in
            _ = try g.execute(funct7: 0, rs1: one << 32 | 1 << 16 | UInt64(s.bT ? 1 : 0) << 9 | UInt64(s.aT ? 1 : 0) << 8 | 1 << 2,
                              rs2: 1 << 48, memory: m)
            _ = try g.execute(funct7: 0, rs1: 2, rs2: one << 32 | UInt64(s.strideC * sizeofC), memory: m)
            for (id, stride) in [(0, s.strideA * elemBytes), (1, s.strideB * elemBytes), (2, s.strideD * accBytes)] {
                _ = try g.execute(funct7: 0, rs1: one << 32 | UInt64(n) << 16 | 1 << 8 | UInt64(id) << 3 | 1,
                                  rs2: UInt64(stride), memory: m)
            }
        }
    }

    /// LOOP_WS on the first accelerator, its commands on the second, then everything compared; the
    /// loop's error, if any.
    @discardableResult
    func run(_ s: LoopShape) throws -> String? {
        try configure(s)
        var errors: [String?] = [nil, nil]
        do {
            for (funct, rs1, rs2) in [(UInt32(9), UInt64(s.padK) << 32 | UInt64(s.padJ) << 16 | UInt64(s.padI),
                                       UInt64(s.K) << 32 | UInt64(s.J) << 16 | UInt64(s.I)),
                                      (10, s.A, s.B), (11, s.D, s.C), (12, UInt64(s.strideA), UInt64(s.strideB)),
                                      (13, UInt64(s.strideD), UInt64(s.strideC)),
                                      (8, UInt64(s.fullC ? 2 : 0) | UInt64(s.accumulate ? 1 : 0), UInt64(s.bT ? 2 : 0) | UInt64(s.aT ? 1 : 0))] {
                _ = try looped.execute(funct7: funct, rs1: rs1, rs2: rs2, memory: loopedMemory)
            }
        } catch { errors[0] = error.description }
        do { try commands(s) } catch { errors[1] = error.description }
        #expect(errors[0] == errors[1])
        #expect(loopedMemory.bytes == unrolledMemory.bytes, "main memory")
        let spadBytes = config.scratchpadRows * n * elemBytes, accWords = config.accumulatorRows * n
        func same(_ x: UnsafeMutableRawPointer, _ y: UnsafeMutableRawPointer, _ count: Int) -> Bool {
            UnsafeRawBufferPointer(start: x, count: count).elementsEqual(UnsafeRawBufferPointer(start: y, count: count))
        }
        #expect(same(looped.scratchpad, unrolled.scratchpad, spadBytes), "scratchpad")
        #expect(same(looped.accumulator, unrolled.accumulator, accWords * 4), "accumulator")
        let (l, u) = (looped.statistics, unrolled.statistics)
        #expect([l.rowsMovedIn, l.rowsMovedOut, l.bytesRead, l.bytesWritten, l.computes, l.macs]
                == [u.rowsMovedIn, u.rowsMovedOut, u.bytesRead, u.bytesWritten, u.computes, u.macs])
        return errors[0]
    }

    /// The loop's commands, in libgemmini's order (its non-residual, unnormalised path).
    func commands(_ s: LoopShape) throws(GemminiError) {
        let g = unrolled, m = unrolledMemory
        let sizeofC = UInt64(s.fullC ? accBytes : elemBytes), eb = UInt64(elemBytes), dim = UInt64(n)
        func operand(_ rows: Int, _ cols: Int, _ address: UInt32) -> UInt64 {
            UInt64(rows) << 48 | UInt64(cols) << 32 | UInt64(address)
        }
        func rows(_ i: Int) -> Int { n - (i == s.I - 1 ? s.padI : 0) }
        func cols(_ j: Int) -> Int { n - (j == s.J - 1 ? s.padJ : 0) }
        func depth(_ k: Int) -> Int { n - (k == s.K - 1 ? s.padK : 0) }
        func row(_ start: UInt32, _ tile: Int) -> UInt32 { start + UInt32(tile * n) }
        let aStart: UInt32 = 0, bStart = UInt32(config.scratchpadRows / 2 - s.K * s.J * n)
        let cStart: UInt32 = 3 << 30 | (s.fullC ? 1 << 29 : 0)
        if s.D != 0 {
            for i in 0..<s.I { for j in 0..<s.J {
                let address = s.D + (UInt64(i * s.strideD + j)) * dim * UInt64(accBytes)
                _ = try g.execute(funct7: 14, rs1: address, rs2: operand(rows(i), cols(j), row(1 << 31, i * s.J + j)), memory: m)
            } }
        }
        for k in 0..<s.K { for j in 0..<s.J { for i in 0..<s.I {
            let a = s.aT ? row(aStart, k * s.I + i) : row(aStart, i * s.K + k)
            let b = s.bT ? row(bStart, j * s.K + k) : row(bStart, k * s.J + j)
            let c = row(cStart, i * s.J + j)
            if j == 0 {
                let address = s.A + UInt64(s.aT ? k * s.strideA + i : i * s.strideA + k) * dim * eb
                let local = s.aT ? operand(depth(k), rows(i), a) : operand(rows(i), depth(k), a)
                _ = try g.execute(funct7: 2, rs1: address, rs2: local, memory: m)
            }
            if i == 0 {
                let address = s.B + UInt64(s.bT ? j * s.strideB + k : k * s.strideB + j) * dim * eb
                let local = s.bT ? operand(cols(j), depth(k), b) : operand(depth(k), cols(j), b)
                _ = try g.execute(funct7: 1, rs1: address, rs2: local, memory: m)
            }
            let out = !s.accumulate && k == 0 ? c & ~(1 << 30) : c
            _ = try g.execute(funct7: 6, rs1: operand(depth(k), cols(j), i == 0 ? b : 0xFFFF_FFFF),
                              rs2: operand(rows(i), cols(j), out), memory: m)
            _ = try g.execute(funct7: i == 0 ? 4 : 5, rs1: operand(rows(i), depth(k), a), rs2: operand(n, n, 0xFFFF_FFFF), memory: m)
            if k == s.K - 1 {
                let address = s.C + UInt64(i * s.strideC + j) * dim * sizeofC
                _ = try g.execute(funct7: 3, rs1: address, rs2: operand(rows(i), cols(j), c), memory: m)
            }
        } } }
    }
}

@Suite struct LoopStagingTests {
    static let presets: [GemminiConfiguration] = [.int8, .fp32, .bf16, .bf16Acc32]

    /// Sizes in elements: rows of K*DIM (A), columns J*DIM (B) etc. fit 40-element strides for DIM 4 and 8,
    /// and 160 for DIM 16.
    func shape(_ config: GemminiConfiguration) -> LoopShape {
        var s = LoopShape()
        if config.dim == 16 { (s.strideA, s.strideB, s.strideD, s.strideC) = (160, 160, 160, 160) }
        return s
    }

    @Test(arguments: presets) func plainTransposedAndBiased(_ config: GemminiConfiguration) throws {
        var s = shape(config)
        #expect(try LoopPair(config, seed: 1).run(s) == nil)
        s.bT = true; s.D = 0x3_0000; s.accumulate = true
        #expect(try LoopPair(config, seed: 2).run(s) == nil)
        s.bT = false; s.aT = true; s.fullC = true; s.strideD = 0   // a repeated bias row
        #expect(try LoopPair(config, seed: 3).run(s) == nil)
    }

    /// C written over B's last rows, one block to the right: each output tile lands on the B tile the
    /// loop moves in next. And over A, and D = C accumulated in place.
    @Test(arguments: presets) func outputsOverOperands(_ config: GemminiConfiguration) throws {
        let n = config.dim
        var s = shape(config)
        let e = UInt64(config.elementType.byteCount)
        s.C = s.B + UInt64((s.K - 1) * n * s.strideB + n) * e
        s.strideC = s.strideB
        #expect(try LoopPair(config, seed: 4).run(s) == nil)
        s.C = s.A + UInt64(n) * e
        s.strideC = s.strideA
        #expect(try LoopPair(config, seed: 5).run(s) == nil)
        s = shape(config)
        s.fullC = true; s.accumulate = true; s.D = 0x3_0000; s.C = 0x3_0000; s.strideC = s.strideD
        #expect(try LoopPair(config, seed: 6).run(s) == nil)
    }

    /// Rows past the end of memory: B's last rows (a read fault at the last k step), C's last rows (a
    /// write fault after some tiles are out).
    @Test(arguments: presets) func faultsPartWay(_ config: GemminiConfiguration) throws {
        let n = config.dim
        let end = UInt64(0x1000 + (1 << 19))
        let e = UInt64(config.elementType.byteCount)
        var s = shape(config)
        s.B = end - UInt64((s.K * n - s.padK - 1) * s.strideB) * e - UInt64(n) * e
        let readFault = try LoopPair(config, seed: 7).run(s)
        #expect(readFault?.contains("mvin memory fault") == true)
        s = shape(config)
        s.C = end - UInt64((s.I * n - s.padI - 1) * s.strideC) * e - UInt64(n + 1) * e
        let writeFault = try LoopPair(config, seed: 8).run(s)
        #expect(writeFault?.contains("mvout memory fault") == true)
    }
}
