import RISCVCore

/// What a run did, for `--stats` (a summary on stderr) and `--stats=FILE` (JSON).
public struct RunStatistics: Sendable, Equatable {
    public struct HartWork: Sendable, Equatable {
        public var hartID: UInt64
        /// Retired instructions, as minstret counts them.
        public var instructions: UInt64
    }

    public struct GemminiWork: Sendable, Equatable {
        public var hartID: UInt64
        public var commands: UInt64
        public var rowsIn: UInt64
        public var rowsOut: UInt64
        public var computes: UInt64
        public var macs: UInt64
    }

    public static let pageSize = WrittenPageMap.pageSize

    public var harts: [HartWork]
    /// Distinct 4 KiB pages of guest RAM (physical pages) written from the first instruction on: by
    /// stores, AMOs and SCs of every hart, by accelerators, and by the host answering system calls;
    /// not by loading the program, nor by munmap handing pages back to zeroes.
    public var pagesTouched: Int
    /// One entry per hart with a Gemmini (`--extension=gemmini`).
    public var gemmini: [GemminiWork]
    public var wallSeconds: Double

    public var instructions: UInt64 { harts.reduce(0) { $0 + $1.instructions } }
    public var touchedBytes: Int { pagesTouched * Self.pageSize }
    public var gemminiMACs: UInt64 { gemmini.reduce(0) { $0 + $1.macs } }

    /// The `--stats` lines: instructions, time and MIPS, then a line per Gemmini (no pages: counting
    /// them takes a scan of every writer's map, which plain `--stats` need not pay for).
    static func summaryLines(harts: [HartWork], gemmini: [GemminiWork], wallSeconds: Double) -> [String] {
        let instructions = harts.reduce(0) { $0 + $1.instructions }
        let mips = wallSeconds > 0 ? Double(instructions) / wallSeconds / 1e6 : 0
        let rounded = (mips * 10).rounded() / 10
        return ["rvgem: \(instructions) instructions on \(harts.count) hart(s) in \(String(format3: wallSeconds)) s: \(rounded) MIPS"]
            + gemmini.map { g in
                "rvgem: gemmini on hart \(g.hartID): \(g.commands) commands, \(g.rowsIn) rows in, \(g.rowsOut) rows out, \(g.computes) computes, \(g.macs) MACs"
            }
    }

    /// The `--stats=FILE` document: one JSON object, keys in a fixed order, one hart or Gemmini per line.
    public func json(program: String, exitCode: Int32) -> String {
        let hartLines = harts.map { "{\"hartid\": \($0.hartID), \"instructions\": \($0.instructions)}" }
        let gemminiLines = gemmini.map {
            "{\"hart\": \($0.hartID), \"commands\": \($0.commands), \"rows_in\": \($0.rowsIn), \"rows_out\": \($0.rowsOut), \"computes\": \($0.computes), \"macs\": \($0.macs)}"
        }
        return """
            {
              "program": \(Self.jsonString(program)),
              "exit_code": \(exitCode),
              "harts": \(Self.jsonArray(hartLines)),
              "instructions": \(instructions),
              "page_size": \(Self.pageSize),
              "pages_touched": \(pagesTouched),
              "touched_bytes": \(touchedBytes),
              "gemmini": \(Self.jsonArray(gemminiLines)),
              "gemmini_macs": \(gemminiMACs),
              "wall_seconds": \(String(format3: wallSeconds))
            }

            """
    }

    private static func jsonArray(_ elements: [String]) -> String {
        elements.isEmpty ? "[]" : "[\n" + elements.map { "    " + $0 }.joined(separator: ",\n") + "\n  ]"
    }

    /// A JSON string literal: quotes, backslashes and control characters escaped (RFC 8259).
    static func jsonString(_ text: String) -> String {
        var out = "\""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            case "\r": out += "\\r"
            case "\t": out += "\\t"
            case _ where scalar.value < 0x20:
                let hex = String(scalar.value, radix: 16)
                out += "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
            default: out.unicodeScalars.append(scalar)
            }
        }
        return out + "\""
    }
}
