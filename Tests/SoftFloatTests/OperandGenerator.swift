/// The operand recipe of scripts/softfloat/make-vectors.py, step for step:
/// the vector files store only results, so both sides must draw the same
/// operands from the same seeds (each group's operand hash checks this).
struct SplitMix64 {
    var state: UInt64

    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}

/// Layout constants of the format whose file is being replayed.
struct FormatShape {
    let fractionBits: Int
    let exponentBits: Int

    var width: Int { fractionBits + exponentBits + 1 }
    var bias: Int { (1 << (exponentBits - 1)) - 1 }
    var maxExponent: Int { (1 << exponentBits) - 1 }
    var fractionMask: UInt64 { (1 << UInt64(fractionBits)) - 1 }
    var widthMask: UInt64 { UInt64.max >> UInt64(64 - width) }

    func exponent(_ bits: UInt64) -> Int { Int((bits >> UInt64(fractionBits)) & UInt64(maxExponent)) }

    static let binary32 = FormatShape(fractionBits: 23, exponentBits: 8)
    static let binary64 = FormatShape(fractionBits: 52, exponentBits: 11)
    static let bfloat16 = FormatShape(fractionBits: 7, exponentBits: 8)
}

extension SplitMix64 {
    /// make-vectors.py `random_float`.
    mutating func randomFloat(_ f: FormatShape, anchor: Int) -> UInt64 {
        let r = next()
        let choice = r & 15
        if choice < 3 { return next() & f.widthMask }
        var fraction = next() & f.fractionMask
        if choice < 5 {
            let low: UInt64 = (1 << ((r >> 8) % UInt64(f.fractionBits + 1))) - 1
            switch (r >> 16) & 3 {
            case 0: fraction &= ~low
            case 1: fraction |= low
            case 2: fraction = low
            default: fraction = f.fractionMask ^ low
            }
        }
        var exponent: Int
        if choice < 11 {
            exponent = anchor + Int((r >> 24) % 7) - 3
        } else if choice < 13 {
            exponent = anchor + Int((r >> 24) % UInt64(2 * f.fractionBits + 9)) - (f.fractionBits + 4)
        } else if choice == 13 {
            exponent = 0
        } else if choice == 14 {
            exponent = f.maxExponent
        } else {
            exponent = Int((r >> 24) % UInt64(f.maxExponent + 1))
        }
        exponent = Swift.min(Swift.max(exponent, 0), f.maxExponent)
        return (r >> 63) << UInt64(f.width - 1) | UInt64(exponent) << UInt64(f.fractionBits) | fraction
    }

    /// make-vectors.py `random_int`.
    mutating func randomInteger(width: Int) -> UInt64 {
        let mask = UInt64.max >> UInt64(64 - width)
        let select = next()
        var value = (next() & mask) >> (select % UInt64(width))
        if (select >> 32) & 1 != 0 { value = (0 &- value) & mask }
        if (select >> 40) & 1 != 0 {
            let k = (select >> 48) % UInt64(width)
            value = (value & ~((1 << k) - 1) | (1 << k) >> 1) & mask
        }
        return value
    }

    mutating func uniformExponent(_ f: FormatShape) -> Int { Int(next() % UInt64(f.maxExponent + 1)) }

    /// make-vectors.py `random_operands`: one vector's (a, b, c).
    mutating func operands(_ f: FormatShape, _ operation: VectorOperation) -> (UInt64, UInt64, UInt64) {
        if operation.takesIntegers { return (randomInteger(width: operation.integerWidth!), 0, 0) }
        if operation.integerWidth != nil {
            return (randomFloat(f, anchor: f.bias - 3 + Int(next() % 70)), 0, 0)
        }
        let a = randomFloat(f, anchor: uniformExponent(f))
        if operation.arity == 1 { return (a, 0, 0) }
        let b: UInt64
        switch operation {
        case .mul, .div, .mulAdd: b = randomFloat(f, anchor: uniformExponent(f))
        default: b = randomFloat(f, anchor: f.exponent(a))
        }
        if operation != .mulAdd { return (a, b, 0) }
        return (a, b, randomFloat(f, anchor: f.exponent(a) + f.exponent(b) - f.bias))
    }
}

/// Every operand triple of a group, in file order.
func groupOperands(_ group: VectorGroup, in file: VectorFile, _ f: FormatShape) -> [(UInt64, UInt64, UInt64)] {
    switch group.source {
    case .specials:
        var table = group.operation.takesIntegers ? file.integerSpecials : file.floatSpecials
        if group.specialLimit != 0 { table = Array(table.prefix(group.specialLimit)) }
        let second = group.operation.arity > 1 ? table : [0]
        let third = group.operation.arity > 2 ? table : [0]
        return table.flatMap { a in second.flatMap { b in third.map { c in (a, b, c) } } }
    case .random:
        var rng = SplitMix64(state: group.seed)
        return (0..<group.count).map { _ in rng.operands(f, group.operation) }
    case .all16:
        return (0..<UInt64(1 << 16)).map { ($0, 0, 0) }
    case .bf16Tails:
        let tails: [UInt64] = [0x8000, 0x7FFF, 0x8001]
        return (0..<UInt64(1 << 16)).map { (i: UInt64) -> (UInt64, UInt64, UInt64) in
            let tail: UInt64 = i & 3 < 3 ? tails[Int(i & 3)] : (i &* 0x9E37) & 0xFFFF
            return (i << 16 | tail, 0, 0)
        }
    }
}

/// make-vectors.py `operand_hash`.
func operandHash(_ operands: [(UInt64, UInt64, UInt64)]) -> UInt64 {
    var hash: UInt64 = 0xCBF2_9CE4_8422_2325
    for (a, b, c) in operands {
        for value in [a, b, c] { hash = (hash ^ value) &* 0x100_0000_01B3 }
    }
    return hash
}
