import Foundation
import Testing

/// Runs each static Linux program of firmware/tests/linux (built into firmware/build/tests/linux) on
/// rvgem and on qemu-riscv64 with the same arguments, environment and stdin, each in an empty
/// directory of its own, and requires the same stdout, stderr and exit status (README there).
struct LinuxDifferentialTests {
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    static let sourceDirectory = root.appendingPathComponent("firmware/tests/linux")
    static let buildDirectory = root.appendingPathComponent("firmware/build/tests/linux")

    /// A program and the run options its header comments give.
    struct Program: CustomTestStringConvertible, Sendable {
        var name: String
        var arguments: [String] = []
        var input: String?
        var environment: [String: String] = [:]
        var expectedExit: Int32 = 0
        var testDescription: String { name }
    }

    static var programs: [Program] {
        let names = (try? FileManager.default.contentsOfDirectory(atPath: sourceDirectory.path)) ?? []
        return names.filter { $0.hasSuffix(".c") }.sorted().map { program(String($0.dropLast(2))) }
    }

    /// Reads the `// args:`, `// stdin:`, `// env:` and `// expect-exit:` lines at the top of NAME.c.
    static func program(_ name: String) -> Program {
        var program = Program(name: name)
        let text = (try? String(contentsOf: sourceDirectory.appendingPathComponent(name + ".c"), encoding: .utf8)) ?? ""
        for line in text.split(separator: "\n").prefix(while: { $0.hasPrefix("//") }) {
            let body = line.dropFirst(2).trimmingCharacters(in: .whitespaces)
            guard let colon = body.firstIndex(of: ":") else { continue }
            let value = body[body.index(after: colon)...].trimmingCharacters(in: .whitespaces)
            switch body[..<colon] {
            case "args": program.arguments = shellWords(value)
            case "stdin": program.input = value
            case "env":
                for word in shellWords(value) {
                    let parts = word.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
                    program.environment[String(parts[0])] = parts.count > 1 ? String(parts[1]) : ""
                }
            case "expect-exit": program.expectedExit = Int32(value) ?? -1
            default: continue
            }
        }
        return program
    }

    /// Splits at spaces, with double quotes grouping words.
    static func shellWords(_ text: String) -> [String] {
        var words: [String] = [], current = "", quoted = false, inWord = false
        for c in text {
            if c == "\"" { quoted.toggle(); inWord = true } else if c == " " && !quoted {
                if inWord { words.append(current) }
                current = ""; inWord = false
            } else { current.append(c); inWord = true }
        }
        if inWord { words.append(current) }
        return words
    }

    @Test func corpusWasBuilt() {
        let built = Self.programs.filter {
            FileManager.default.fileExists(atPath: Self.buildDirectory.appendingPathComponent($0.name + ".elf").path)
        }
        #expect(built.count >= 10 && built.count == Self.programs.count,
                "run `make -C firmware` (scripts/test does) before the Swift tests")
    }

    @Test(arguments: LinuxDifferentialTests.programs)
    func sameAsQEMU(_ program: Program) throws {
        let qemu = try #require(HostProcess.onPath("qemu-riscv64"), "qemu-riscv64 is not installed (apt install qemu-user)")
        let elf = Self.buildDirectory.appendingPathComponent(program.name + ".elf").path
        let input = program.input.map { Self.sourceDirectory.appendingPathComponent($0) }

        func runIn(_ executable: URL, _ extra: [String]) throws -> HostProcess.Result {
            let directory = FileManager.default.temporaryDirectory.appendingPathComponent("rvgem-linux-\(UUID().uuidString)")
            try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
            defer { try? FileManager.default.removeItem(at: directory) }
            return try HostProcess.run(executable, extra + [elf] + program.arguments, environment: program.environment,
                                       input: input, directory: directory)
        }
        let expected = try runIn(qemu, [])
        let actual = try runIn(HostProcess.rvgem(), [])

        #expect(expected.status == program.expectedExit && !expected.killedBySignal,
                "qemu-riscv64 itself exits with \(expected.status): the program or its header is wrong")
        #expect(actual.standardOutput == expected.standardOutput, "stdout differs from qemu-riscv64's")
        #expect(actual.standardError == expected.standardError, "stderr differs from qemu-riscv64's")
        #expect(actual.status == expected.status && actual.killedBySignal == expected.killedBySignal,
                "exit status \(actual.status), qemu-riscv64's \(expected.status)")
    }
}
