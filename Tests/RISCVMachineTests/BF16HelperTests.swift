import Foundation
import RISCVMachine
import SoftFloat
import Testing

/// The guest's BF16 conversions (firmware/include/rvgem_bf16.h), proven against the host SoftFloat:
/// firmware/tests/c/bf16_helpers.c converts every BF16 value to float, narrows floats at the rounding
/// boundaries of every BF16 value and over a dense sweep, and prints an FNV-1a hash per block of
/// results; each hash is recomputed here from SoftFloat's conversions (round to nearest even).
struct BF16HelperTests {
    static let sweepCount: UInt32 = 1 << 19
    static let sweepStride: UInt32 = 4099

    static func fnv(_ hash: UInt32, _ value: UInt32, bytes: Int) -> UInt32 {
        var hash = hash
        for i in 0..<bytes { hash = (hash ^ (value >> (8 * UInt32(i)) & 0xff)) &* 16_777_619 }
        return hash
    }

    static func narrowed(_ bits: UInt32) -> UInt32 {
        var flags = ExceptionFlags()
        return UInt32(F32(bits: bits).toBF16(rounding: .nearestEven, flags: &flags).bits)
    }

    /// Widening is exact; SoftFloat's fcvt makes a NaN canonical where the helper keeps the payload.
    static func widened(_ bits: UInt16) -> UInt32 {
        var flags = ExceptionFlags()
        let value = BF16(bits: bits).toF32(flags: &flags)
        return value.isNaN ? UInt32(bits) << 16 : value.bits
    }

    static func expectedOutput() -> String {
        var lines: [String] = []
        func line(_ kind: String, _ block: UInt32, _ hash: UInt32) {
            lines.append(kind + " " + String(format: "%2u %08x", block, hash))
        }
        for block: UInt32 in 0..<16 {
            var hash: UInt32 = 2_166_136_261
            for low: UInt32 in 0..<4096 { hash = fnv(hash, widened(UInt16(block << 12 | low)), bytes: 4) }
            line("widen", block, hash)
        }
        for block: UInt32 in 0..<16 {
            var hash: UInt32 = 2_166_136_261
            for low: UInt32 in 0..<4096 {
                for dropped: UInt32 in [0x0001, 0x7fff, 0x8000, 0x8001, 0xffff] {
                    hash = fnv(hash, narrowed((block << 12 | low) << 16 | dropped), bytes: 2)
                }
            }
            line("ties ", block, hash)
        }
        for block: UInt32 in 0..<16 {
            var hash: UInt32 = 2_166_136_261
            for i in block * (sweepCount / 16)..<(block + 1) * (sweepCount / 16) {
                hash = fnv(hash, narrowed(i &* sweepStride &* 0x10001), bytes: 2)
            }
            line("sweep", block, hash)
        }
        return lines.joined(separator: "\n") + "\n"
    }

    @Test func guestConversionsMatchSoftFloat() throws {
        let outputURL = FileManager.default.temporaryDirectory.appendingPathComponent("rvgem-bf16-\(UUID().uuidString).out")
        _ = FileManager.default.createFile(atPath: outputURL.path, contents: nil)
        defer { try? FileManager.default.removeItem(at: outputURL) }
        let handle = try FileHandle(forWritingTo: outputURL)
        var configuration = MachineConfiguration(
            programPath: FirmwareTests.buildDirectory.appendingPathComponent("c/bf16_helpers.elf").path)
        configuration.hostOutput = handle.fileDescriptor
        configuration.instructionLimit = 50_000_000
        let machine = try Machine(configuration: configuration)
        let status = try machine.run()
        try handle.close()
        let output = try String(contentsOf: outputURL, encoding: .utf8)

        #expect(status == 0, "round trips failed:\n\(output)")
        let expected = Self.expectedOutput().split(separator: "\n")
        let got = output.split(separator: "\n")
        #expect(got.count == expected.count)
        for (gotLine, expectedLine) in zip(got, expected) {
            #expect(gotLine == expectedLine, "guest and SoftFloat disagree on a block")
        }
    }
}
