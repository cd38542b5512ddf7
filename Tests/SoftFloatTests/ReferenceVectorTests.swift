import Testing
import SoftFloat

/// Replays the vectors that scripts/softfloat/make-vectors.py computed with
/// Spike's SoftFloat: every result bit pattern and every flag must match.
@Suite struct ReferenceVectorTests {
    @Test func binary32() throws {
        try replay("f32", formatBytes: 4, shape: .binary32, evaluate: evaluateF32)
    }

    @Test func binary64() throws {
        try replay("f64", formatBytes: 8, shape: .binary64, evaluate: evaluateF64)
    }

    @Test func bfloat16() throws {
        try replay("bf16", formatBytes: 2, shape: .bfloat16, evaluate: evaluateBF16)
    }
}

typealias Evaluator = (VectorOperation, RoundingMode, UInt64, UInt64, UInt64, inout ExceptionFlags) -> UInt64

private func replay(_ name: String, formatBytes: Int, shape: FormatShape, evaluate: Evaluator) throws {
    let file = try VectorFile.load(name, formatBytes: formatBytes)
    #expect(file.groups.count > 0)
    var failures = 0
    for group in file.groups {
        let operands = groupOperands(group, in: file, shape)
        try #require(operands.count == group.count, "\(name) \(group.operation) operand count")
        try #require(operandHash(operands) == group.operandHash,
                     "\(name) \(group.operation) seed \(group.seed): operand recipe differs from make-vectors.py")
        for (index, (a, b, c)) in operands.enumerated() {
            var flags = ExceptionFlags()
            let result = evaluate(group.operation, group.mode, a, b, c, &flags)
            if result == group.results[index] && flags.rawValue == group.flags[index] { continue }
            failures += 1
            if failures <= 20 {
                Issue.record("""
                    \(name) \(group.operation) \(group.mode) \(hexString(a)) \(hexString(b)) \(hexString(c)): \
                    got \(hexString(result)) flags \(flags.rawValue), \
                    expected \(hexString(group.results[index])) flags \(group.flags[index])
                    """)
            }
        }
    }
    #expect(failures == 0, "\(name): \(failures) vectors differ")
}

private func hexString(_ value: UInt64) -> String { "0x" + String(value, radix: 16) }

private func evaluateF32(
    _ operation: VectorOperation, _ mode: RoundingMode, _ a: UInt64, _ b: UInt64, _ c: UInt64,
    _ flags: inout ExceptionFlags
) -> UInt64 {
    let x = F32(bits: UInt32(truncatingIfNeeded: a))
    let y = F32(bits: UInt32(truncatingIfNeeded: b))
    let z = F32(bits: UInt32(truncatingIfNeeded: c))
    switch operation {
    case .add: return UInt64(F32.add(x, y, rounding: mode, flags: &flags).bits)
    case .sub: return UInt64(F32.sub(x, y, rounding: mode, flags: &flags).bits)
    case .mul: return UInt64(F32.mul(x, y, rounding: mode, flags: &flags).bits)
    case .div: return UInt64(F32.div(x, y, rounding: mode, flags: &flags).bits)
    case .sqrt: return UInt64(F32.sqrt(x, rounding: mode, flags: &flags).bits)
    case .mulAdd: return UInt64(F32.mulAdd(x, y, z, rounding: mode, flags: &flags).bits)
    case .eq: return F32.eq(x, y, flags: &flags) ? 1 : 0
    case .lt: return F32.lt(x, y, flags: &flags) ? 1 : 0
    case .le: return F32.le(x, y, flags: &flags) ? 1 : 0
    case .min: return UInt64(F32.min(x, y, flags: &flags).bits)
    case .max: return UInt64(F32.max(x, y, flags: &flags).bits)
    case .classify: return UInt64(x.classify())
    case .toF64: return x.toF64(flags: &flags).bits
    case .toBF16: return UInt64(x.toBF16(rounding: mode, flags: &flags).bits)
    case .toI32: return UInt64(UInt32(bitPattern: x.toInt32(rounding: mode, flags: &flags)))
    case .toU32: return UInt64(x.toUInt32(rounding: mode, flags: &flags))
    case .toI64: return UInt64(bitPattern: x.toInt64(rounding: mode, flags: &flags))
    case .toU64: return x.toUInt64(rounding: mode, flags: &flags)
    case .fromI32:
        return UInt64(F32(int32: Int32(truncatingIfNeeded: a), rounding: mode, flags: &flags).bits)
    case .fromU32:
        return UInt64(F32(uint32: UInt32(truncatingIfNeeded: a), rounding: mode, flags: &flags).bits)
    case .fromI64: return UInt64(F32(int64: Int64(bitPattern: a), rounding: mode, flags: &flags).bits)
    case .fromU64: return UInt64(F32(uint64: a, rounding: mode, flags: &flags).bits)
    case .toF32: fatalError("no binary32 -> binary32 vectors")
    }
}

private func evaluateF64(
    _ operation: VectorOperation, _ mode: RoundingMode, _ a: UInt64, _ b: UInt64, _ c: UInt64,
    _ flags: inout ExceptionFlags
) -> UInt64 {
    let x = F64(bits: a), y = F64(bits: b), z = F64(bits: c)
    switch operation {
    case .add: return F64.add(x, y, rounding: mode, flags: &flags).bits
    case .sub: return F64.sub(x, y, rounding: mode, flags: &flags).bits
    case .mul: return F64.mul(x, y, rounding: mode, flags: &flags).bits
    case .div: return F64.div(x, y, rounding: mode, flags: &flags).bits
    case .sqrt: return F64.sqrt(x, rounding: mode, flags: &flags).bits
    case .mulAdd: return F64.mulAdd(x, y, z, rounding: mode, flags: &flags).bits
    case .eq: return F64.eq(x, y, flags: &flags) ? 1 : 0
    case .lt: return F64.lt(x, y, flags: &flags) ? 1 : 0
    case .le: return F64.le(x, y, flags: &flags) ? 1 : 0
    case .min: return F64.min(x, y, flags: &flags).bits
    case .max: return F64.max(x, y, flags: &flags).bits
    case .classify: return UInt64(x.classify())
    case .toF32: return UInt64(x.toF32(rounding: mode, flags: &flags).bits)
    case .toBF16: return UInt64(x.toBF16(rounding: mode, flags: &flags).bits)
    case .toI32: return UInt64(UInt32(bitPattern: x.toInt32(rounding: mode, flags: &flags)))
    case .toU32: return UInt64(x.toUInt32(rounding: mode, flags: &flags))
    case .toI64: return UInt64(bitPattern: x.toInt64(rounding: mode, flags: &flags))
    case .toU64: return x.toUInt64(rounding: mode, flags: &flags)
    case .fromI32: return F64(int32: Int32(truncatingIfNeeded: a), rounding: mode, flags: &flags).bits
    case .fromU32: return F64(uint32: UInt32(truncatingIfNeeded: a), rounding: mode, flags: &flags).bits
    case .fromI64: return F64(int64: Int64(bitPattern: a), rounding: mode, flags: &flags).bits
    case .fromU64: return F64(uint64: a, rounding: mode, flags: &flags).bits
    case .toF64: fatalError("no binary64 -> binary64 vectors")
    }
}

private func evaluateBF16(
    _ operation: VectorOperation, _ mode: RoundingMode, _ a: UInt64, _ b: UInt64, _ c: UInt64,
    _ flags: inout ExceptionFlags
) -> UInt64 {
    let x = BF16(bits: UInt16(truncatingIfNeeded: a))
    let y = BF16(bits: UInt16(truncatingIfNeeded: b))
    let z = BF16(bits: UInt16(truncatingIfNeeded: c))
    switch operation {
    case .add: return UInt64(BF16.add(x, y, rounding: mode, flags: &flags).bits)
    case .sub: return UInt64(BF16.sub(x, y, rounding: mode, flags: &flags).bits)
    case .mul: return UInt64(BF16.mul(x, y, rounding: mode, flags: &flags).bits)
    case .div: return UInt64(BF16.div(x, y, rounding: mode, flags: &flags).bits)
    case .sqrt: return UInt64(BF16.sqrt(x, rounding: mode, flags: &flags).bits)
    case .mulAdd: return UInt64(BF16.mulAdd(x, y, z, rounding: mode, flags: &flags).bits)
    case .eq: return BF16.eq(x, y, flags: &flags) ? 1 : 0
    case .lt: return BF16.lt(x, y, flags: &flags) ? 1 : 0
    case .le: return BF16.le(x, y, flags: &flags) ? 1 : 0
    case .min: return UInt64(BF16.min(x, y, flags: &flags).bits)
    case .max: return UInt64(BF16.max(x, y, flags: &flags).bits)
    case .classify: return UInt64(x.classify())
    case .toF32: return UInt64(x.toF32(flags: &flags).bits)
    case .toF64: return x.toF64(flags: &flags).bits
    case .toI32: return UInt64(UInt32(bitPattern: x.toInt32(rounding: mode, flags: &flags)))
    case .toU32: return UInt64(x.toUInt32(rounding: mode, flags: &flags))
    case .fromI32:
        return UInt64(BF16(int32: Int32(truncatingIfNeeded: a), rounding: mode, flags: &flags).bits)
    case .fromU32:
        return UInt64(BF16(uint32: UInt32(truncatingIfNeeded: a), rounding: mode, flags: &flags).bits)
    case .toBF16, .toI64, .toU64, .fromI64, .fromU64: fatalError("no bfloat16 \(operation) vectors")
    }
}
