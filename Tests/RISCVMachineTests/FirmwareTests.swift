import Foundation
import Gemmini
import RISCVMachine
import Testing

/// Runs every guest test program that `make -C firmware` built (firmware/build/tests/**.elf) and checks
/// its exit status and output against the conventions of firmware/tests/README.md:
/// exit 0 unless the source's first line says `expect-exit: N`; stdout equal to `NAME.expected` if present;
/// an `extension: gemmini` line among the first two attaches Gemmini (`--extension=gemmini`);
/// a `harts: 1 2 4` line among the first two runs the program once per hart count (`-p<n>`), and for
/// more than one hart in both schedules (Spike's round robin, and `--parallel` host threads) unless a
/// `schedule: round-robin` line among the first two says the program relies on Spike's.
/// `gemmini/NAME-PRESET.elf` (one build of `gemmini/NAME.c` per preset of its `gemmini-configs:` line)
/// runs with Gemmini as that preset; its markers and `NAME.expected` are the source's.
struct FirmwareTests {
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    static let buildDirectory = root.appendingPathComponent("firmware/build/tests")
    static let sourceDirectory = root.appendingPathComponent("firmware/tests")

    /// One run: a program, the number of harts to give it and the schedule.
    struct Run: CustomTestStringConvertible, Sendable {
        var program: String
        var harts: Int
        var parallel = false
        var testDescription: String { harts == 1 ? program : "\(program) -p\(harts)" + (parallel ? " --parallel" : "") }
    }

    static var runs: [Run] {
        let files = FileManager.default.enumerator(atPath: buildDirectory.path)?.compactMap { $0 as? String } ?? []
        // Linux programs are rvgemTests' business (LinuxDifferentialTests, LinuxModeTests).
        return files.filter { $0.hasSuffix(".elf") && !$0.hasPrefix("linux") }.sorted().flatMap { program in
            let stem = sourceStem(String(program.dropLast(4))).stem
            let parallel = !header(stem).contains { $0.contains("schedule: round-robin") }
            return hartCounts(stem).flatMap { harts in
                [Run(program: program, harts: harts)] + (harts > 1 && parallel ? [Run(program: program, harts: harts, parallel: true)] : [])
            }
        }
    }

    @Test func firmwareWasBuilt() {
        #expect(Self.runs.count >= 10, "run `make -C firmware` (scripts/test does) before the Swift tests")
    }

    @Test(arguments: FirmwareTests.runs)
    func guestProgram(_ run: Run) throws {
        let (stem, preset) = Self.sourceStem(String(run.program.dropLast(4)))  // asm/NAME, c/NAME, mt/NAME, gemmini/NAME
        let expectedExit = Self.expectedExit(stem)
        let expectedOutput = try? String(contentsOf: Self.sourceDirectory.appendingPathComponent(stem + ".expected"), encoding: .utf8)

        let outputURL = FileManager.default.temporaryDirectory.appendingPathComponent("rvgem-\(UUID().uuidString).out")
        _ = FileManager.default.createFile(atPath: outputURL.path, contents: nil)
        defer { try? FileManager.default.removeItem(at: outputURL) }
        let handle = try FileHandle(forWritingTo: outputURL)
        var configuration = MachineConfiguration(programPath: Self.buildDirectory.appendingPathComponent(run.program).path)
        configuration.harts = run.harts
        configuration.parallel = run.parallel
        if Self.header(stem).contains(where: { $0.contains("extension: gemmini") }) { configuration.accelerators = ["gemmini"] }
        if let preset {
            configuration.accelerators = ["gemmini"]
            configuration.gemmini = try #require(GemminiConfiguration.preset(named: preset), "no Gemmini preset '\(preset)'")
        }
        configuration.hostOutput = handle.fileDescriptor
        configuration.instructionLimit = 50_000_000  // a runaway guest fails instead of hanging the suite
        let machine = try Machine(configuration: configuration)
        let status = try machine.run()
        try handle.close()
        let output = try String(contentsOf: outputURL, encoding: .utf8)

        #expect(!machine.stoppedByInstructionLimit, "\(run.testDescription): still running after 50 M instructions")
        #expect(status == expectedExit, "\(run.testDescription): exit status \(status), expected \(expectedExit); output:\n\(output)")
        if let expectedOutput {
            #expect(output == expectedOutput, "\(run.testDescription): output differs")
        }
    }

    /// A built program's source stem and, for `gemmini/NAME-PRESET`, the preset: the split that names an
    /// existing `gemmini/NAME.c` whose `gemmini-configs:` line lists PRESET (presets may contain '-').
    static func sourceStem(_ built: String) -> (stem: String, preset: String?) {
        guard built.hasPrefix("gemmini/") else { return (built, nil) }
        let name = built.dropFirst("gemmini/".count)
        for dash in name.indices where name[dash] == "-" {
            let stem = "gemmini/" + name[..<dash], preset = String(name[name.index(after: dash)...])
            let configs = header(stem).compactMap { line in
                line.range(of: "gemmini-configs:").map { line[$0.upperBound...].split(separator: " ").map(String.init) }
            }.first ?? []
            if configs.contains(preset) { return (stem, preset) }
        }
        return (built, nil)
    }

    /// The first two lines of the program's source, where its markers live.
    static func header(_ stem: String) -> [Substring] {
        for suffix in [".S", ".c"] {
            let url = sourceDirectory.appendingPathComponent(stem + suffix)
            guard let text = try? String(contentsOf: url, encoding: .utf8) else { continue }
            return Array(text.split(separator: "\n", omittingEmptySubsequences: false).prefix(2))
        }
        return []
    }

    /// The `expect-exit: N` marker on the first line of the program's source, or 0.
    static func expectedExit(_ stem: String) -> Int32 {
        guard let first = header(stem).first, let range = first.range(of: "expect-exit:") else { return 0 }
        return Int32(first[range.upperBound...].trimmingCharacters(in: .whitespaces)) ?? -1
    }

    /// The hart counts of a `harts: 1 2 4 8` marker among the first two lines, or just 1.
    static func hartCounts(_ stem: String) -> [Int] {
        for line in header(stem) {
            guard let range = line.range(of: "harts:") else { continue }
            let counts = line[range.upperBound...].split(separator: " ").compactMap { Int($0) }
            if !counts.isEmpty { return counts }
        }
        return [1]
    }
}
