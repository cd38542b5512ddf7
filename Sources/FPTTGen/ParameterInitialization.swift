/// splitmix64 (Steele, Lea, Flood 2014), the generator the initialization is drawn from.
public struct SplitMix64: Sendable {
    public private(set) var state: UInt64

    public init(seed: UInt64) { state = seed }

    public mutating func next() -> UInt64 {
        state &+= 0x9e37_79b9_7f4a_7c15
        var z = state
        z = (z ^ (z >> 30)) &* 0xbf58_476d_1ce4_e5b9
        z = (z ^ (z >> 27)) &* 0x94d0_49bb_1331_11eb
        return z ^ (z >> 31)
    }

    /// A uniform double in [0, 1) from the top 53 bits.
    public mutating func nextUnit() -> Double { Double(next() >> 11) * 0x1p-53 }
}

extension Configuration {
    /// The initial parameters Wg, bg, Wo, bo (row-major, in that order), each (2u - 1) / sqrt(H) for
    /// successive draws u, rounded to binary32: PyTorch's default LSTM range.
    public func initialParameters() -> [Float] {
        var random = SplitMix64(seed: seed)
        let bound = Double(hidden).squareRoot()
        return (0..<parameterCount).map { _ in Float((2 * random.nextUnit() - 1) / bound) }
    }
}
