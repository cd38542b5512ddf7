@testable import Gemmini

/// Guest memory backed by a byte array at `base`; anything outside faults.
final class FakeMemory: GemminiMemory {
    var bytes: [UInt8]
    let base: UInt64
    init(size: Int, base: UInt64 = 0x1000) {
        bytes = [UInt8](repeating: 0, count: size)
        self.base = base
    }
    func read(_ address: UInt64, into buffer: UnsafeMutableRawBufferPointer) -> Bool {
        guard address >= base, address - base + UInt64(buffer.count) <= UInt64(bytes.count) else { return false }
        let o = Int(address - base)
        bytes.withUnsafeBytes { buffer.copyMemory(from: UnsafeRawBufferPointer(rebasing: $0[o..<o + buffer.count])) }
        return true
    }
    func write(_ address: UInt64, from buffer: UnsafeRawBufferPointer) -> Bool {
        guard address >= base, address - base + UInt64(buffer.count) <= UInt64(bytes.count) else { return false }
        let o = Int(address - base)
        bytes.withUnsafeMutableBytes { UnsafeMutableRawBufferPointer(rebasing: $0[o..<o + buffer.count]).copyMemory(from: buffer) }
        return true
    }
    func storeInt8(_ values: [Int8], at address: UInt64) {
        for (i, v) in values.enumerated() { bytes[Int(address - base) + i] = UInt8(bitPattern: v) }
    }
    func loadInt8(_ count: Int, at address: UInt64) -> [Int8] {
        (0..<count).map { Int8(bitPattern: bytes[Int(address - base) + $0]) }
    }
    func storeInt32(_ values: [Int32], at address: UInt64) {
        for (i, v) in values.enumerated() {
            for b in 0..<4 { bytes[Int(address - base) + 4 * i + b] = UInt8(truncatingIfNeeded: v >> (8 * b)) }
        }
    }
    func loadInt32(_ count: Int, at address: UInt64) -> [Int32] {
        (0..<count).map { i in
            (0..<4).reduce(Int32(0)) { $0 | Int32(bitPattern: UInt32(bytes[Int(address - base) + 4 * i + $1]) << (8 * $1)) }
        }
    }
}

let GARBAGE: UInt32 = 0xFFFF_FFFF
let DIM = 16
let accBit: UInt32 = 1 << 31
let accumulateBit: UInt32 = 1 << 30
let fullBit: UInt32 = 1 << 29

/// Commands packed as gemmini-rocc-tests' include/gemmini.h packs them.
struct Guest {
    let g = GemminiAccelerator(configuration: .int8)
    let mem: FakeMemory
    init(memory: Int = 1 << 20) { mem = FakeMemory(size: memory) }

    @discardableResult
    func cmd(_ funct: UInt32, _ rs1: UInt64, _ rs2: UInt64) throws(GemminiError) -> UInt64 {
        try g.execute(funct7: funct, rs1: rs1, rs2: rs2, memory: mem)
    }
    func operand(_ addr: UInt32, cols: Int, rows: Int) -> UInt64 {
        (UInt64(rows) << 48) | (UInt64(cols) << 32) | UInt64(addr)
    }
    func configEx(ws: Bool, act: UInt64 = 0, shift: UInt64 = 0, aStride: UInt64 = 1, cStride: UInt64 = 1,
                  aT: Bool = false, bT: Bool = false, accScale: Float = 1) throws(GemminiError) {
        let rs1 = (UInt64(accScale.bitPattern) << 32) | (aStride << 16) | (UInt64(bT ? 1 : 0) << 9)
            | (UInt64(aT ? 1 : 0) << 8) | (act << 3) | (UInt64(ws ? 1 : 0) << 2) | 0
        try cmd(0, rs1, (cStride << 48) | shift)
    }
    func configLd(stride: UInt64, scale: Float = 1, shrunk: Bool = false, blockStride: UInt64 = 16,
                  pixels: UInt64 = 1, id: UInt64 = 0) throws(GemminiError) {
        let rs1 = (UInt64(scale.bitPattern) << 32) | (blockStride << 16) | (pixels << 8) | (id << 3)
            | (UInt64(shrunk ? 1 : 0) << 2) | 1
        try cmd(0, rs1, stride)
    }
    func configSt(stride: UInt64, act: UInt64 = 0, scale: Float = 1, poolStride: UInt64 = 0, poolSize: UInt64 = 0,
                  poolOutDim: UInt64 = 0, porows: UInt64 = 0, pocols: UInt64 = 0, orows: UInt64 = 0,
                  ocols: UInt64 = 0, upad: UInt64 = 0, lpad: UInt64 = 0) throws(GemminiError) {
        let rs1 = (ocols << 56) | (orows << 48) | (pocols << 40) | (porows << 32) | (poolOutDim << 24)
            | (lpad << 10) | (upad << 8) | (poolSize << 6) | (poolStride << 4) | (act << 2) | 2
        try cmd(0, rs1, (UInt64(scale.bitPattern) << 32) | UInt64(UInt32(truncatingIfNeeded: stride)))
    }
    func mvin(_ dram: UInt64, _ sp: UInt32, cols: Int = 16, rows: Int = 16, funct: UInt32 = 2) throws(GemminiError) {
        try cmd(funct, dram, operand(sp, cols: cols, rows: rows))
    }
    func mvout(_ dram: UInt64, _ sp: UInt32, cols: Int = 16, rows: Int = 16) throws(GemminiError) {
        try cmd(3, dram, operand(sp, cols: cols, rows: rows))
    }
    func preload(_ bd: UInt32, _ c: UInt32, bdCols: Int = 16, bdRows: Int = 16, cCols: Int = 16, cRows: Int = 16) throws(GemminiError) {
        try cmd(6, operand(bd, cols: bdCols, rows: bdRows), operand(c, cols: cCols, rows: cRows))
    }
    func computePreloaded(_ a: UInt32, _ bd: UInt32) throws(GemminiError) {
        try cmd(4, operand(a, cols: 16, rows: 16), operand(bd, cols: 16, rows: 16))
    }
    func computeAccumulated(_ a: UInt32, _ bd: UInt32) throws(GemminiError) {
        try cmd(5, operand(a, cols: 16, rows: 16), operand(bd, cols: 16, rows: 16))
    }
    func loopWS(I: Int, J: Int, K: Int, padI: Int, padJ: Int, padK: Int, A: UInt64, B: UInt64, D: UInt64, C: UInt64,
                strideA: UInt64, strideB: UInt64, strideD: UInt64, strideC: UInt64, aT: Bool = false, bT: Bool = false,
                fullC: Bool = false, lowD: Bool = false, accumulate: Bool = false, act: UInt64 = 0) throws(GemminiError) {
        try cmd(9, (UInt64(padK) << 32) | (UInt64(padJ) << 16) | UInt64(padI), (UInt64(K) << 32) | (UInt64(J) << 16) | UInt64(I))
        try cmd(10, A, B)
        try cmd(11, D, C)
        try cmd(12, strideA, strideB)
        try cmd(13, strideD, strideC)
        let rs1 = (act << 8) | (UInt64(lowD ? 1 : 0) << 2) | (UInt64(fullC ? 1 : 0) << 1) | UInt64(accumulate ? 1 : 0)
        try cmd(8, rs1, (UInt64(bT ? 1 : 0) << 1) | UInt64(aT ? 1 : 0))
    }
}

/// Deterministic pseudo-random int8 values in lo...hi.
struct Rand {
    var s: UInt64
    mutating func next() -> UInt64 { s = s &* 6364136223846793005 &+ 1442695040888963407; return s >> 33 }
    mutating func int8s(_ n: Int, _ lo: Int, _ hi: Int) -> [Int8] {
        (0..<n).map { _ in Int8(lo + Int(next() % UInt64(hi - lo + 1))) }
    }
    mutating func int32s(_ n: Int, _ lo: Int, _ hi: Int) -> [Int32] {
        (0..<n).map { _ in Int32(lo + Int(next() % UInt64(hi - lo + 1))) }
    }
}

func sat8(_ x: Int64) -> Int8 { Int8(max(-128, min(127, x))) }
func refScale(_ x: Int32, _ s: Float) -> Int8 {
    let y = (Float(x) * s).rounded(.toNearestOrEven)
    return Int8(max(-128, min(127, y)))
}
