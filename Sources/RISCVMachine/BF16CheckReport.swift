#if canImport(Glibc)
import Glibc
#endif
import ELFLoader
import Gemmini

/// The program's function symbols by address, to name the call sites of `--check-bf16`.
public struct FunctionSymbols: Sendable {
    public struct Function: Sendable, Equatable {
        public var name: String
        public var address: UInt64
        public var size: UInt64
    }

    /// Sorted by address.
    private let functions: [Function]

    public init(_ symbols: [ELFImage.Symbol]) {
        functions = symbols.filter { $0.isFunction && $0.size > 0 }
            .map { Function(name: $0.name, address: $0.address, size: $0.size) }
            .sorted { $0.address < $1.address }
    }

    /// The function whose [address, address + size) holds `pc`.
    public func function(containing pc: UInt64) -> Function? {
        var low = 0, high = functions.count
        while low < high {
            let middle = (low + high) / 2
            if functions[middle].address <= pc { low = middle + 1 } else { high = middle }
        }
        guard low > 0 else { return nil }
        let candidate = functions[low - 1]
        return pc &- candidate.address < candidate.size ? candidate : nil
    }

    /// "name+0xoffset", or "?" outside every function.
    public func describe(_ pc: UInt64) -> String {
        guard let function = function(containing: pc) else { return "?" }
        return function.name + "+0x" + String(pc - function.address, radix: 16)
    }

    /// Gemmini library routines (firmware/include's tiled_matmul* and rvgem_* helpers, libgemmini's
    /// gemmini_*): a site inside one is reported at its caller when the frame pointer allows.
    public static func isLibraryRoutine(_ name: String) -> Bool {
        name.hasPrefix("tiled_matmul") || name.hasPrefix("rvgem_") || name.hasPrefix("gemmini_")
    }
}

/// `--check-bf16`'s findings, every hart's Gemmini merged: the JSON file, the stderr summary and the
/// tolerance verdict.
public struct BF16CheckReport {
    /// rvgem's exit status when a result exceeded `--check-bf16-tolerance`.
    public static let toleranceExitStatus: Int32 = 3

    public struct Site {
        public var symbol: String
        public var statistics: BF16Check.Site
    }

    /// Sorted by pc, then operation.
    public let sites: [Site]
    public let totals: BF16Check.Site
    /// The first violation (of the first hart that had one) and its site's "symbol+offset".
    public let violation: (BF16Check.Violation, String)?

    init(checks: [BF16Check], functions: FunctionSymbols) {
        struct Key: Hashable, Comparable {
            let pc: UInt64, operation: Int
            static func < (a: Key, b: Key) -> Bool { (a.pc, a.operation) < (b.pc, b.operation) }
        }
        var merged: [Key: BF16Check.Site] = [:]
        for site in checks.flatMap(\.sites) {
            merged[Key(pc: site.pc, operation: site.operation.rawValue), default: BF16Check.Site(pc: site.pc, operation: site.operation)].merge(site)
        }
        sites = merged.keys.sorted().map { key in
            Site(symbol: functions.function(containing: key.pc)?.name ?? "?", statistics: merged[key]!)
        }
        var totals = BF16Check.Site(pc: 0, operation: .matmul)
        for site in sites { totals.merge(site.statistics) }
        self.totals = totals
        violation = checks.lazy.compactMap(\.firstViolation).first.map { ($0, functions.describe($0.pc)) }
    }

    /// The report file: `{"sites": [...], "totals": {...}}`, one site per line.
    public func json() -> String {
        let lines = sites.map { site in
            "{\"pc\": \"0x\(String(site.statistics.pc, radix: 16))\", \"symbol\": \(RunStatistics.jsonString(site.symbol)), "
                + "\"op\": \"\(site.statistics.operation.name)\", " + Self.fields(site.statistics) + "}"
        }
        let siteList = lines.isEmpty ? "[]" : "[\n    " + lines.joined(separator: ",\n    ") + "\n  ]"
        return "{\n  \"sites\": \(siteList),\n  \"totals\": {\"sites\": \(sites.count), \(Self.fields(totals))}\n}\n"
    }

    private static func fields(_ s: BF16Check.Site) -> String {
        "\"count\": \(s.count), \"max_abs_error\": \(number(s.maxAbsError)), \"max_rel_error\": \(number(s.maxRelError)), "
            + "\"fp32_max_rel_error\": \(number(s.fp32MaxRelError)), \"nan\": \(s.nan), \"inf\": \(s.inf), "
            + "\"overflow\": \(s.overflow), \"underflow\": \(s.underflow)"
    }

    /// A finite Double as a JSON number (the errors are finite by construction).
    private static func number(_ x: Double) -> String { x.isFinite ? "\(x)" : "null" }

    /// The stderr summary: the ten sites with the largest relative errors, then the totals.
    public func summaryLines() -> [String] {
        var lines = ["rvgem: --check-bf16: \(totals.count) BF16 results at \(sites.count) sites; worst relative errors:"]
        lines.append("  " + pad("site", 36) + pad("op", 12) + pad("count", 11) + pad("max rel", 12) + pad("fp32 rel", 12) + "nan/inf/ovf/unf")
        let worst = sites.sorted { $0.statistics.maxRelError > $1.statistics.maxRelError }.prefix(10)
        for site in worst {
            let s = site.statistics
            lines.append("  " + pad("\(site.symbol) 0x\(String(s.pc, radix: 16))", 36) + pad(s.operation.name, 12) + pad("\(s.count)", 11)
                         + pad(short(s.maxRelError), 12) + pad(short(s.fp32MaxRelError), 12) + "\(s.nan)/\(s.inf)/\(s.overflow)/\(s.underflow)")
        }
        lines.append("  totals: max rel \(short(totals.maxRelError)) (FP32 \(short(totals.fp32MaxRelError))), max abs \(short(totals.maxAbsError)), "
                     + "\(totals.nan) NaN, \(totals.inf) Inf, \(totals.overflow) overflows, \(totals.underflow) underflows")
        return lines
    }

    /// The line naming the site that exceeded the tolerance, if one did.
    public func violationLine(tolerance: Double) -> String? {
        guard let (v, site) = violation else { return nil }
        return "rvgem: --check-bf16-tolerance \(tolerance) exceeded at \(site) (pc 0x\(String(v.pc, radix: 16))), \(v.operation.name): "
            + "relative error \(short(v.relativeError)), BF16 result \(v.result), FP64 reference \(v.reference)"
    }

    private func pad(_ text: String, _ width: Int) -> String {
        text.count >= width ? text + " " : text + String(repeating: " ", count: width - text.count)
    }

    /// Three significant digits, e.g. 1.25e-3.
    private func short(_ x: Double) -> String {
        guard x != 0 && x.isFinite else { return "\(x)" }
        var exponent = Int(floor(log10(x.magnitude)))
        var mantissa = (x / pow(10, Double(exponent)) * 100).rounded() / 100
        if mantissa.magnitude >= 10 { mantissa /= 10; exponent += 1 }
        return "\(mantissa)e\(exponent)"
    }
}
