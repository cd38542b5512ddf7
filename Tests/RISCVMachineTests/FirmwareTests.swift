import Foundation
import RISCVMachine
import Testing

/// Runs every guest test program that `make -C firmware` built (firmware/build/tests/**.elf) and checks
/// its exit status and output against the conventions of firmware/tests/README.md:
/// exit 0 unless the source's first line says `expect-exit: N`; stdout equal to `NAME.expected` if present.
struct FirmwareTests {
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    static let buildDirectory = root.appendingPathComponent("firmware/build/tests")
    static let sourceDirectory = root.appendingPathComponent("firmware/tests")

    static var programs: [String] {
        let files = FileManager.default.enumerator(atPath: buildDirectory.path)?.compactMap { $0 as? String } ?? []
        return files.filter { $0.hasSuffix(".elf") }.sorted()
    }

    @Test func firmwareWasBuilt() {
        #expect(Self.programs.count >= 10, "run `make -C firmware` (scripts/test does) before the Swift tests")
    }

    @Test(arguments: FirmwareTests.programs)
    func guestProgram(_ relativePath: String) throws {
        let stem = String(relativePath.dropLast(4))  // asm/NAME or c/NAME
        let expectedExit = Self.expectedExit(stem)
        let expectedOutput = try? String(contentsOf: Self.sourceDirectory.appendingPathComponent(stem + ".expected"), encoding: .utf8)

        let outputURL = FileManager.default.temporaryDirectory.appendingPathComponent("rvgem-\(UUID().uuidString).out")
        _ = FileManager.default.createFile(atPath: outputURL.path, contents: nil)
        defer { try? FileManager.default.removeItem(at: outputURL) }
        let handle = try FileHandle(forWritingTo: outputURL)
        var configuration = MachineConfiguration(programPath: Self.buildDirectory.appendingPathComponent(relativePath).path)
        configuration.hostOutput = handle.fileDescriptor
        configuration.instructionLimit = 50_000_000  // a runaway guest fails instead of hanging the suite
        let machine = try Machine(configuration: configuration)
        let status = try machine.run()
        try handle.close()
        let output = try String(contentsOf: outputURL, encoding: .utf8)

        #expect(!machine.stoppedByInstructionLimit, "\(stem): still running after 50 M instructions")
        #expect(status == expectedExit, "\(stem): exit status \(status), expected \(expectedExit); output:\n\(output)")
        if let expectedOutput {
            #expect(output == expectedOutput, "\(stem): output differs")
        }
    }

    /// The `expect-exit: N` marker on the first line of the program's source, or 0.
    static func expectedExit(_ stem: String) -> Int32 {
        for suffix in [".S", ".c"] {
            let url = sourceDirectory.appendingPathComponent(stem + suffix)
            guard let text = try? String(contentsOf: url, encoding: .utf8) else { continue }
            let firstLine = text.prefix { $0 != "\n" }
            if let range = firstLine.range(of: "expect-exit:") {
                return Int32(firstLine[range.upperBound...].trimmingCharacters(in: .whitespaces)) ?? -1
            }
            return 0
        }
        return 0
    }
}
