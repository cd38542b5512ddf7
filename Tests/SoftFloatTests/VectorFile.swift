import Foundation
import SoftFloat

/// Operation codes shared with scripts/softfloat/make-vectors.py (OPS) and
/// softfloat_shim.c.
enum VectorOperation: UInt8, CaseIterable {
    case add, sub, mul, div, sqrt, mulAdd, eq, lt, le, min, max, classify
    case toF32, toF64, toBF16, toI32, toU32, toI64, toU64
    case fromI32, fromU32, fromI64, fromU64

    var arity: Int {
        switch self {
        case .add, .sub, .mul, .div, .eq, .lt, .le, .min, .max: 2
        case .mulAdd: 3
        default: 1
        }
    }

    /// Width of an integer operand or result, for the integer conversions.
    var integerWidth: Int? {
        switch self {
        case .toI32, .toU32, .fromI32, .fromU32: 32
        case .toI64, .toU64, .fromI64, .fromU64: 64
        default: nil
        }
    }

    var takesIntegers: Bool { self == .fromI32 || self == .fromU32 || self == .fromI64 || self == .fromU64 }

    func resultBytes(formatBytes: Int) -> Int {
        switch self {
        case .eq, .lt, .le: 1
        case .classify, .toBF16: 2
        case .toF32, .toI32, .toU32: 4
        case .toF64, .toI64, .toU64: 8
        default: formatBytes
        }
    }
}

/// Where a group's operands come from (make-vectors.py's SPECIALS etc.).
enum OperandSource: UInt8 {
    case specials, random, all16, bf16Tails
}

struct VectorGroup {
    let operation: VectorOperation
    let mode: RoundingMode
    let source: OperandSource
    let specialLimit: Int
    let count: Int
    let seed: UInt64
    let operandHash: UInt64
    let results: [UInt64]
    let flags: [UInt8]
}

/// One of Vectors/{f32,f64,bf16}.bin; layout documented in make-vectors.py.
struct VectorFile {
    let floatSpecials: [UInt64]
    let integerSpecials: [UInt64]
    let groups: [VectorGroup]

    enum ParseError: Error { case badMagic, truncated, unknownCode(UInt8) }

    static func load(_ name: String, formatBytes: Int) throws -> VectorFile {
        guard let url = Bundle.module.url(forResource: name, withExtension: "bin", subdirectory: "Vectors") else {
            throw CocoaError(.fileNoSuchFile)
        }
        return try VectorFile(bytes: [UInt8](Data(contentsOf: url)), formatBytes: formatBytes)
    }

    init(bytes: [UInt8], formatBytes: Int) throws {
        var reader = ByteReader(bytes: bytes)
        guard try reader.take(8) == Array("RVSFVEC1".utf8) else { throw ParseError.badMagic }
        floatSpecials = try (0..<reader.integer(4)).map { _ in try reader.integer(8) }
        integerSpecials = try (0..<reader.integer(4)).map { _ in try reader.integer(8) }
        var groups: [VectorGroup] = []
        for _ in 0..<(try reader.integer(4)) {
            let header = try reader.take(4)
            guard let operation = VectorOperation(rawValue: header[0]) else { throw ParseError.unknownCode(header[0]) }
            guard let mode = RoundingMode(rawValue: header[1]) else { throw ParseError.unknownCode(header[1]) }
            guard let source = OperandSource(rawValue: header[2]) else { throw ParseError.unknownCode(header[2]) }
            let count = Int(try reader.integer(4))
            let seed = try reader.integer(8)
            let operandHash = try reader.integer(8)
            let width = operation.resultBytes(formatBytes: formatBytes)
            let results = try (0..<count).map { _ in try reader.integer(width) }
            let flags = try reader.take(count)
            groups.append(VectorGroup(
                operation: operation, mode: mode, source: source, specialLimit: Int(header[3]),
                count: count, seed: seed, operandHash: operandHash, results: results, flags: flags))
        }
        self.groups = groups
    }
}

private struct ByteReader {
    let bytes: [UInt8]
    var offset = 0

    mutating func take(_ count: Int) throws -> [UInt8] {
        guard offset + count <= bytes.count else { throw VectorFile.ParseError.truncated }
        defer { offset += count }
        return Array(bytes[offset..<offset + count])
    }

    /// A little-endian unsigned integer of `width` bytes.
    mutating func integer(_ width: Int) throws -> UInt64 {
        guard offset + width <= bytes.count else { throw VectorFile.ParseError.truncated }
        var value: UInt64 = 0
        for index in 0..<width { value |= UInt64(bytes[offset + index]) << (8 * index) }
        offset += width
        return value
    }
}
