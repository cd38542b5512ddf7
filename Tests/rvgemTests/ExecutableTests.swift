import Foundation
import Testing

/// Runs the built `rvgem` binary, which SwiftPM places next to the test bundle.
struct ExecutableTests {
    struct Result {
        var status: Int32
        var standardOutput: String
        var standardError: String
    }

    static func run(_ arguments: [String]) throws -> Result {
        let testBundle = try #require(Bundle.main.executableURL)
        let binary = testBundle.deletingLastPathComponent().appendingPathComponent("rvgem")
        try #require(FileManager.default.isExecutableFile(atPath: binary.path), "no rvgem binary at \(binary.path)")
        let process = Process()
        process.executableURL = binary
        process.arguments = arguments
        let output = Pipe(), error = Pipe()
        process.standardOutput = output
        process.standardError = error
        try process.run()
        let outputData = output.fileHandleForReading.readDataToEndOfFile()
        let errorData = error.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return Result(status: process.terminationStatus,
                      standardOutput: String(decoding: outputData, as: UTF8.self),
                      standardError: String(decoding: errorData, as: UTF8.self))
    }

    @Test func badOptionIsOneLineAndStatusOne() throws {
        let result = try Self.run(["--no-such-option", "prog.elf"])
        #expect(result.status == 1)
        #expect(result.standardError == "rvgem: error: unknown option '--no-such-option' (see rvgem --help)\n")
        #expect(result.standardOutput == "")
    }

    @Test func machineErrorIsOneLineAndStatusOne() throws {
        let result = try Self.run(["/nonexistent/prog.elf"])
        #expect(result.status == 1)
        #expect(result.standardError.hasPrefix("rvgem: "))
        #expect(result.standardError.filter { $0 == "\n" }.count == 1)
    }

    @Test func helpGoesToStandardOutputWithStatusZero() throws {
        let result = try Self.run(["--help"])
        #expect(result.status == 0)
        #expect(result.standardOutput.contains("usage: rvgem [host options] <target program> [target options]"))
        #expect(result.standardError == "")
    }
}
