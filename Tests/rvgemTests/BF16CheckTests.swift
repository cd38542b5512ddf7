import Foundation
import Testing

/// `rvgem --check-bf16=FILE [--check-bf16-tolerance=REL]` on firmware/tests/gemmini/bf16_check.c: a long
/// dot product accumulated in the bf16 preset's BF16 accumulator (dot_bf16_accumulator) is caught at
/// its call site; the same product in short chunks summed in FP32 (dot_fp32_chunks) stays within 2%;
/// scaled mvins issued in a library-named routine count at its caller (scale_rows).
struct BF16CheckTests {
    static let program = StatisticsFileTests.build.appendingPathComponent("gemmini/bf16_check-bf16.elf").path
    static let siteKeys: Set = ["pc", "symbol", "op", "count", "max_abs_error", "max_rel_error", "fp32_max_rel_error",
                                "nan", "inf", "overflow", "underflow"]
    static let tolerance = 0.02

    /// Runs the program with the check (plus `extra` options); returns the process result and the file's sites and totals.
    static func run(_ extra: [String] = [], harts: Int = 1) throws -> (result: HostProcess.Result, sites: [[String: Any]], totals: [String: Any]) {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("rvgem-bf16-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let file = directory.appendingPathComponent("check.json")
        let result = try HostProcess.run(HostProcess.rvgem(), ["--extension=gemmini", "--gemmini-config=bf16",
                                                               "--check-bf16=\(file.path)"] + extra + [program])
        let json = try #require(try JSONSerialization.jsonObject(with: Data(contentsOf: file)) as? [String: Any])
        let sites = try #require(json["sites"] as? [[String: Any]])
        let totals = try #require(json["totals"] as? [String: Any])
        return (result, sites, totals)
    }

    static func worst(_ sites: [[String: Any]], symbol: String) -> Double {
        sites.filter { $0["symbol"] as? String == symbol }.compactMap { ($0["max_rel_error"] as? NSNumber)?.doubleValue }.max() ?? -1
    }

    @Test func badAccumulationIsNamedAndGoodOneStaysWithinTolerance() throws {
        let (result, sites, totals) = try Self.run()
        #expect(result.status == 0)
        #expect(result.standardOutput == "BF16 accumulator within 2%: no\nFP32 chunks within 2%: yes\n")
        #expect(sites.allSatisfy { Set($0.keys) == Self.siteKeys })
        #expect(Set(sites.compactMap { $0["symbol"] as? String }) == ["dot_bf16_accumulator", "dot_fp32_chunks", "scale_rows"])
        #expect(Set(sites.compactMap { $0["op"] as? String }) == ["matmul", "accumulate", "mvout", "mvin_scale"])
        // Issued inside rvgem_mvin_scaled, counted at its caller's call sites through the frame pointer.
        let scaled = sites.filter { $0["op"] as? String == "mvin_scale" }
        #expect(!scaled.isEmpty && scaled.allSatisfy { $0["symbol"] as? String == "scale_rows" })
        #expect(scaled.compactMap { ($0["count"] as? NSNumber)?.intValue }.reduce(0, +) == 16)
        #expect(Self.worst(scaled, symbol: "scale_rows") <= 0x1p-8)
        let bad = sites.first { $0["symbol"] as? String == "dot_bf16_accumulator" && $0["op"] as? String == "accumulate" }
        #expect((bad?["max_rel_error"] as? NSNumber).map { $0.doubleValue > 3 * Self.tolerance } == true)
        #expect((bad?["fp32_max_rel_error"] as? NSNumber).map { $0.doubleValue < 1e-5 } == true)
        #expect((bad?["pc"] as? String)?.hasPrefix("0x8") == true)
        #expect(Self.worst(sites, symbol: "dot_fp32_chunks") > 0)
        #expect(Self.worst(sites, symbol: "dot_fp32_chunks") < Self.tolerance)
        let counts = sites.compactMap { ($0["count"] as? NSNumber)?.intValue }
        #expect((totals["count"] as? NSNumber)?.intValue == counts.reduce(0, +))
        #expect((totals["sites"] as? NSNumber)?.intValue == sites.count)
        #expect(["nan", "inf", "overflow", "underflow"].allSatisfy { (totals[$0] as? NSNumber)?.intValue == 0 })
        #expect(result.standardError.contains("rvgem: --check-bf16: \(counts.reduce(0, +)) BF16 results at \(sites.count) sites"))
    }

    @Test func toleranceFailsTheRunNamingTheSite() throws {
        let (result, sites, _) = try Self.run(["--check-bf16-tolerance=\(Self.tolerance)"])
        #expect(result.status == 3)
        #expect(!sites.isEmpty)
        let line = result.standardError.split(separator: "\n").filter { $0.contains("--check-bf16-tolerance") }
        #expect(line.count == 1)
        #expect(line.first?.contains("exceeded at dot_bf16_accumulator+0x") == true)
        let loose = try Self.run(["--check-bf16-tolerance=0.5"])
        #expect(loose.result.status == 0)
    }

    @Test func badOptionValuesAreRefused() throws {
        let rvgem = try HostProcess.rvgem()
        let noGemmini = try HostProcess.run(rvgem, ["--check-bf16=/tmp/x.json", Self.program])
        #expect(noGemmini.status == 1 && noGemmini.standardError == "rvgem: error: --check-bf16 needs --extension=gemmini\n")
        let badTolerance = try HostProcess.run(rvgem, ["--extension=gemmini", "--check-bf16=/tmp/x.json", "--check-bf16-tolerance=abc", Self.program])
        #expect(badTolerance.status == 1 && badTolerance.standardError.contains("invalid --check-bf16-tolerance 'abc'"))
    }
}
