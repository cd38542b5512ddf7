import Foundation
import Testing

/// Runs the built `rvgem` binary, which SwiftPM places next to the test bundle.
struct ExecutableTests {
    static func run(_ arguments: [String]) throws -> HostProcess.Result {
        try HostProcess.run(HostProcess.rvgem(), arguments)
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

    /// `--stats` reports what each Gemmini did: gemmini_int8 runs three 16x16x16 computes.
    @Test func statisticsCountGemminiWork() throws {
        let program = LinuxDifferentialTests.root.appendingPathComponent("firmware/build/tests/c/gemmini_int8.elf").path
        let result = try Self.run(["--stats", "--extension=gemmini", program])
        #expect(result.status == 0)
        #expect(result.standardError.contains("rvgem: gemmini on hart 0: 29 commands, 64 rows in, 85 rows out, 3 computes, 12288 MACs\n"))
    }
}
