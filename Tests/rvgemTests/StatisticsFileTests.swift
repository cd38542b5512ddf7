import Foundation
import Testing

/// `rvgem --stats=FILE`: the JSON document, its pages_touched in Linux mode, and when it is written.
struct StatisticsFileTests {
    static let build = LinuxDifferentialTests.root.appendingPathComponent("firmware/build/tests")
    static let keys = ["program", "exit_code", "harts", "instructions", "page_size", "pages_touched", "touched_bytes",
                       "gemmini", "gemmini_macs", "wall_seconds"]

    /// Runs rvgem with `--stats=FILE` added in front; returns the process result, the file's text and
    /// its parsed object.
    static func run(_ arguments: [String]) throws -> (result: HostProcess.Result, text: String, json: [String: Any]) {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("rvgem-stats-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let file = directory.appendingPathComponent("stats.json")
        let result = try HostProcess.run(HostProcess.rvgem(), ["--stats=\(file.path)"] + arguments)
        let text = try String(contentsOf: file, encoding: .utf8)
        let json = try #require(try JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any])
        return (result, text, json)
    }

    static func integer(_ json: [String: Any], _ key: String) -> Int? { (json[key] as? NSNumber)?.intValue }

    /// Every key, in the documented order; the sums agree with their parts and with plain `--stats`.
    @Test func documentHasEveryKeyInOrder() throws {
        let program = Self.build.appendingPathComponent("c/gemmini_int8.elf").path
        let (result, text, json) = try Self.run(["--stats", "--extension=gemmini", program])
        #expect(result.status == 0)
        let positions = Self.keys.map { text.range(of: "\"\($0)\":")?.lowerBound }
        #expect(positions.allSatisfy { $0 != nil } && positions.compactMap { $0 } == positions.compactMap { $0 }.sorted())
        #expect(Set(json.keys) == Set(Self.keys))

        #expect(json["program"] as? String == program)
        #expect(Self.integer(json, "exit_code") == 0)
        let harts = try #require(json["harts"] as? [[String: Any]])
        #expect(harts.map { Self.integer($0, "hartid") } == [0])
        let instructions = try #require(Self.integer(json, "instructions"))
        #expect(harts.compactMap { Self.integer($0, "instructions") }.reduce(0, +) == instructions)
        #expect(result.standardError.contains("rvgem: \(instructions) instructions on 1 hart(s) in "))
        #expect(Self.integer(json, "page_size") == 4096)
        let pages = try #require(Self.integer(json, "pages_touched"))
        #expect(pages > 0 && Self.integer(json, "touched_bytes") == pages * 4096)
        let gemmini = try #require(json["gemmini"] as? [[String: Any]])
        let work = try #require(gemmini.first)
        #expect(gemmini.count == 1)
        #expect(["hart", "commands", "rows_in", "rows_out", "computes", "macs"].map { Self.integer(work, $0) } == [0, 29, 64, 85, 3, 12288])
        #expect(Self.integer(json, "gemmini_macs") == 12288)
        #expect((json["wall_seconds"] as? NSNumber).map { $0.doubleValue >= 0 } == true)
    }

    @Test func withoutGemminiItsListIsEmpty() throws {
        let (_, _, json) = try Self.run([Self.build.appendingPathComponent("c/touch_pages.elf").path, "0"])
        #expect((json["gemmini"] as? [Any])?.isEmpty == true)
        #expect(Self.integer(json, "gemmini_macs") == 0)
    }

    /// Every hart listed in hart-id order, their instructions adding up to the total.
    @Test(arguments: [[], ["--parallel"]])
    func hartsAddUp(_ schedule: [String]) throws {
        let (result, _, json) = try Self.run(["--stats", "-p2"] + schedule + [Self.build.appendingPathComponent("c/touch_pages.elf").path, "16"])
        #expect(result.status == 0)
        let harts = try #require(json["harts"] as? [[String: Any]])
        #expect(harts.map { Self.integer($0, "hartid") } == [0, 1])
        let counts = harts.compactMap { Self.integer($0, "instructions") }
        #expect(counts.count == 2 && counts.allSatisfy { $0 > 0 })
        #expect(counts.reduce(0, +) == Self.integer(json, "instructions"))
        #expect(result.standardError.contains("rvgem: \(counts.reduce(0, +)) instructions on 2 hart(s) in "))
    }

    /// Apart from the wall time, two runs of the deterministic schedule write the same document.
    @Test func documentIsDeterministic() throws {
        let arguments = ["-p2", Self.build.appendingPathComponent("c/touch_pages.elf").path, "40"]
        let withoutTime = { (text: String) in text.split(separator: "\n").filter { !$0.contains("\"wall_seconds\"") } }
        #expect(withoutTime(try Self.run(arguments).text) == withoutTime(try Self.run(arguments).text))
    }

    /// Linux mode: stores, FP stores, AMOs, SC and read() into a buffer, page by page.
    @Test func linuxPagesTouchedAreExact() throws {
        let program = Self.build.appendingPathComponent("linux-special/touch_pages.elf").path
        let baseline = try #require(Self.integer(try Self.run([program, "0"]).json, "pages_touched"))
        for pages in [1, 9, 40, 256] {
            let (result, _, json) = try Self.run([program, String(pages)])
            #expect(result.standardOutput == "touched \(pages) pages, 0 wrong\n")
            #expect(Self.integer(json, "pages_touched") == baseline + pages, "touch_pages \(pages)")
        }
    }

    @Test func failingBareMetalGuestStillWritesIt() throws {
        let (result, _, json) = try Self.run([Self.build.appendingPathComponent("c/exit_code.elf").path])
        #expect(result.status == 3)
        #expect(Self.integer(json, "exit_code") == 3)
    }

    /// A Linux guest killed by a signal: the document is written before rvgem dies of the same signal.
    @Test func killedLinuxGuestStillWritesIt() throws {
        let (result, _, json) = try Self.run([Self.build.appendingPathComponent("linux-special/fatal.elf").path, "null"])
        #expect(result.killedBySignal && result.status == SIGSEGV)
        #expect(Self.integer(json, "exit_code") == 128 + Int(SIGSEGV))
    }

    /// The program path is a JSON string whatever characters it holds.
    @Test func programPathIsEscaped() throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("rvgem \"quoted\" \\ tab\t-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let link = directory.appendingPathComponent("prog\u{1}.elf")
        try FileManager.default.createSymbolicLink(at: link, withDestinationURL: Self.build.appendingPathComponent("c/touch_pages.elf"))
        let (result, text, json) = try Self.run([link.path, "0"])
        #expect(result.status == 0)
        #expect(json["program"] as? String == link.path)
        #expect(text.contains("\\\"quoted\\\" \\\\ tab\\t") && text.contains("prog\\u0001.elf"))
    }

    @Test func unwritableFileIsOneLineBeforeTheRun() throws {
        let program = Self.build.appendingPathComponent("c/touch_pages.elf").path
        let result = try HostProcess.run(HostProcess.rvgem(), ["--stats=/nonexistent/dir/stats.json", program])
        #expect(result.status == 1)
        #expect(result.standardError == "rvgem: cannot open --stats file '/nonexistent/dir/stats.json': No such file or directory\n")
        #expect(result.standardOutput == "", "the guest must not have run")
    }
}
