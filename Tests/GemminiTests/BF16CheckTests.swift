import Testing
@testable import Gemmini

/// `--check-bf16`'s shadow arithmetic: one result's statistics, and the accelerator's mvin scale and
/// accumulator addition checked against hand-computed references.
struct BF16CheckTests {
    @Test func oneResultsStatistics() {
        var site = BF16Check.Site(pc: 0x80, operation: .matmul)
        BF16Check.accumulate(into: &site, result: 1, reference: 1 + 0x1p-9, fp32: Float(1 + 0x1p-9))
        #expect(site.count == 1 && site.maxAbsError == 0x1p-9)
        #expect(site.maxRelError == 0x1p-9 / (1 + 0x1p-9) && site.fp32MaxRelError == 0)
        #expect(site.worstResult == 1 && site.worstReference == 1 + 0x1p-9)
        BF16Check.accumulate(into: &site, result: .infinity, reference: 1e39, fp32: .infinity)
        BF16Check.accumulate(into: &site, result: .nan, reference: 1, fp32: 1)
        BF16Check.accumulate(into: &site, result: 0, reference: 1e-30, fp32: 1e-30)
        #expect([site.count, site.inf, site.overflow, site.nan, site.underflow] == [4, 1, 1, 1, 1])
        #expect(site.maxRelError == 1)  // the flushed 1e-30
        #expect(site.maxAbsError == 0x1p-9)
        // Below the smallest normal the reference gives no relative error, only an absolute one.
        BF16Check.accumulate(into: &site, result: 0x1p-130, reference: 0x1p-131, fp32: 0)
        #expect(site.maxRelError == 1 && site.maxAbsError == 0x1p-9 && site.underflow == 1)
    }

    /// bf16 preset: 256 + 1 in the BF16 accumulator stays 256 (a tie, to even) against a shadow of 257;
    /// 1.1015625 x 3 into the scratchpad rounds up to 3.3125 against the exact 3.3046875.
    @Test func accumulatorAdditionAndMvinScale() throws {
        let g = GemminiAccelerator(configuration: .bf16)
        g.enableBF16Check(tolerance: 0.001)
        let check = try #require(g.bf16Check)
        check.pc = 0x8000_1234
        let memory = FakeMemory(size: 64)
        for (i, bits) in [UInt16](repeating: 0x4380, count: 4).enumerated() { memory.bytes[2 * i] = UInt8(bits & 0xFF); memory.bytes[2 * i + 1] = UInt8(bits >> 8) }
        for (i, bits) in [UInt16](repeating: 0x3F80, count: 4).enumerated() { memory.bytes[8 + 2 * i] = UInt8(bits & 0xFF); memory.bytes[8 + 2 * i + 1] = UInt8(bits >> 8) }
        for (i, bits) in [UInt16](repeating: 0x3F8D, count: 4).enumerated() { memory.bytes[16 + 2 * i] = UInt8(bits & 0xFF); memory.bytes[16 + 2 * i + 1] = UInt8(bits >> 8) }
        let oneRow: UInt64 = (1 << 48) | (4 << 32)
        func configLoad(scale: UInt64) throws { _ = try g.execute(funct7: 0, rs1: 1 | (4 << 16) | (scale << 32), rs2: 8, memory: memory) }
        try configLoad(scale: 0x3F80)
        _ = try g.execute(funct7: 2, rs1: 0x1000, rs2: oneRow | (1 << 31), memory: memory)
        _ = try g.execute(funct7: 2, rs1: 0x1008, rs2: oneRow | (1 << 31) | (1 << 30), memory: memory)
        try configLoad(scale: 0x4040)
        _ = try g.execute(funct7: 2, rs1: 0x1010, rs2: oneRow, memory: memory)

        let accumulate = try #require(check.sites.first { $0.operation == .accumulate })
        #expect(accumulate.pc == 0x8000_1234 && accumulate.count == 4)
        #expect(accumulate.maxAbsError == 1 && accumulate.maxRelError == 1.0 / 257 && accumulate.fp32MaxRelError == 0)
        let scale = try #require(check.sites.first { $0.operation == .mvinScale })
        #expect(scale.count == 4 && scale.maxAbsError == 0.0078125 && scale.maxRelError == 0.0078125 / 3.3046875)
        #expect(check.sites.count == 2)
        let violation = try #require(check.firstViolation)
        #expect(violation.operation == .accumulate && violation.result == 256 && violation.reference == 257)
    }

    /// The check is off unless asked for (the float paths then do none of its work).
    @Test func offByDefault() {
        #expect(GemminiAccelerator(configuration: .bf16).bf16Check == nil)
    }
}
