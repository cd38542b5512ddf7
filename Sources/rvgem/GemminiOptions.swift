import ArgumentParser
import Gemmini

/// `--gemmini-config=` and the overrides on top of the preset it names; values stay strings so that
/// bad ones are reported in rvgem's words, on one line.
struct GemminiOptions: ParsableArguments {
    @Option(name: .customLong("gemmini-config"), parsing: .unconditional) var preset: String?
    @Option(name: .customLong("gemmini-dim"), parsing: .unconditional) var dim: String?
    @Option(name: .customLong("gemmini-elem"), parsing: .unconditional) var elementType: String?
    @Option(name: .customLong("gemmini-acc"), parsing: .unconditional) var accumulatorType: String?
    @Option(name: .customLong("gemmini-array-out"), parsing: .unconditional) var arrayOutputType: String?
    @Option(name: .customLong("gemmini-scale"), parsing: .unconditional) var scaleType: String?
    @Option(name: .customLong("gemmini-spad-kib"), parsing: .unconditional) var scratchpadKiB: String?
    @Option(name: .customLong("gemmini-acc-kib"), parsing: .unconditional) var accumulatorKiB: String?
    @Option(name: .customLong("gemmini-dataflow"), parsing: .unconditional) var dataflows: String?
    @Flag(name: .customLong("print-gemmini-params")) var printParameters = false

    /// Whether any option shapes the accelerator (they make sense only with --extension=gemmini).
    var isGiven: Bool {
        [preset, dim, elementType, accumulatorType, arrayOutputType, scaleType, scratchpadKiB, accumulatorKiB, dataflows]
            .contains { $0 != nil }
    }

    func makeConfiguration() throws(CommandLineError) -> GemminiConfiguration {
        var c = GemminiConfiguration.int8
        if let preset {
            guard let named = GemminiConfiguration.preset(named: preset) else {
                throw .invalidValue("unknown --gemmini-config '\(preset)' (known: \(GemminiConfiguration.presetNames.joined(separator: ", ")))")
            }
            c = named
        }
        // Capacities are kept in bytes across a change of DIM or types, as the preset gave them.
        var scratchpadBytes = c.scratchpadRows * c.dim * c.elementType.byteCount
        var accumulatorBytes = c.accumulatorRows * c.dim * c.accumulatorType.byteCount
        if let dim {
            guard let n = Int(dim), (1...64).contains(n) else { throw .invalidValue("invalid --gemmini-dim '\(dim)' (expected 1 to 64)") }
            c.dim = n
        }
        if let elementType { c.elementType = try Self.pick("--gemmini-elem", elementType, [("int8", .int8), ("fp32", .fp32), ("bf16", .bf16)]) }
        let wide: [(String, GemminiConfiguration.AccumulatorType)] = [("int32", .int32), ("fp32", .fp32), ("bf16", .bf16)]
        if let accumulatorType { c.accumulatorType = try Self.pick("--gemmini-acc", accumulatorType, wide) }
        if let arrayOutputType { c.arrayOutputType = try Self.pick("--gemmini-array-out", arrayOutputType, wide) }
        if let scaleType { c.scaleType = try Self.pick("--gemmini-scale", scaleType, [("fp32", .fp32), ("bf16", .bf16)]) }
        if let dataflows {
            c.dataflows = try Self.pick("--gemmini-dataflow", dataflows, [("os", .outputStationary), ("ws", .weightStationary), ("both", .both)])
        }
        if let scratchpadKiB { scratchpadBytes = try Self.kibibytes("--gemmini-spad-kib", scratchpadKiB) }
        if let accumulatorKiB { accumulatorBytes = try Self.kibibytes("--gemmini-acc-kib", accumulatorKiB) }
        c.scratchpadBankRows = scratchpadBytes / (c.scratchpadBanks * c.dim * c.elementType.byteCount)
        c.accumulatorRows = accumulatorBytes / (c.dim * c.accumulatorType.byteCount)
        guard c.scratchpadBankRows > 0, c.accumulatorRows > 0 else {
            throw .invalidValue("the Gemmini scratchpad and accumulator must each hold at least one row of \(c.dim) elements")
        }
        if let problem = c.problem { throw .invalidValue(problem) }
        return c
    }

    private static func pick<T>(_ option: String, _ value: String, _ choices: [(String, T)]) throws(CommandLineError) -> T {
        guard let choice = choices.first(where: { $0.0 == value }) else {
            let names = choices.map(\.0)
            let list = names.dropLast().joined(separator: ", ") + " or " + names.last!
            throw .invalidValue("invalid \(option) '\(value)' (expected \(list))")
        }
        return choice.1
    }

    private static func kibibytes(_ option: String, _ value: String) throws(CommandLineError) -> Int {
        guard let n = Int(value), n > 0, n <= 1 << 20 else { throw .invalidValue("invalid \(option) '\(value)' (expected a positive number of KiB)") }
        return n << 10
    }
}
