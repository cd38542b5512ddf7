import ELFLoader
import Testing

/// Corrupted copies of a valid image must load or throw a one-line error, never trap.
struct FuzzTests {
    static let valid = TestELF.program().build()

    @Test func everyTruncationIsRejected() {
        for length in 0..<Self.valid.count {
            #expect(throws: ELFLoadError.self, "cut to \(length) bytes") {
                try ELFLoader.load(bytes: Array(Self.valid.prefix(length)), name: "prog.elf")
            }
        }
    }

    @Test func randomCorruptionLoadsOrThrowsOneLine() {
        var random = SplitMix64(seed: 0x5EED_E1F0)
        var loaded = 0
        var rejected = 0
        for round in 0..<5000 {
            var bytes = Self.valid
            for _ in 0...random.below(3) { Self.corrupt(&bytes, &random) }
            do {
                let image = try ELFLoader.load(bytes: bytes, name: "prog.elf")
                loaded += 1
                #expect(image.segments.allSatisfy { UInt64($0.fileBytes.count) <= $0.memorySize }, "round \(round)")
                _ = try? image.checkPlacement(in: [0x8000_0000..<0x9000_0000], usePhysical: true)
            } catch {
                rejected += 1
                #expect(error.description.hasPrefix("prog.elf: ") && !error.description.contains("\n"), "round \(round)")
            }
        }
        // Both outcomes must be common, or the mutations are not exercising the loader.
        #expect(loaded > 500 && rejected > 500, "loaded \(loaded), rejected \(rejected)")
    }

    /// One of: a byte set to a random value, an extreme value written over a header field's worth of bytes, or a cut.
    static func corrupt(_ bytes: inout [UInt8], _ random: inout SplitMix64) {
        guard !bytes.isEmpty else { return }
        let offset = random.below(bytes.count)
        switch random.below(8) {
        case 0..<5:
            bytes[offset] = UInt8(truncatingIfNeeded: random.next())
        case 5, 6:
            let extremes: [UInt64] = [0, 1, 0x7F, 0xFF, 0xFFFF, 0x8000_0000, 0xFFFF_FFFF, 1 << 63, .max, .max - 1]
            let value = extremes[random.below(extremes.count)]
            let width = [1, 2, 4, 8][random.below(4)]
            for index in 0..<min(width, bytes.count - offset) { bytes[offset + index] = UInt8(truncatingIfNeeded: value >> (8 * index)) }
        default:
            bytes.removeLast(bytes.count - offset)
        }
    }
}

/// A small seeded generator, so a failing round can be replayed.
struct SplitMix64: RandomNumberGenerator {
    var state: UInt64

    init(seed: UInt64) { state = seed }

    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }

    mutating func below(_ bound: Int) -> Int { Int(next() % UInt64(bound)) }
}
