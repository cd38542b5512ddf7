import ArgumentParser
import Gemmini
import RISCVMachine

/// rvgem's host options as ArgumentParser reads them from `HostArguments.options`, where every value
/// already stands in its own argument. Values stay strings here so that `makeConfiguration` reports
/// bad ones in rvgem's words, on one line.
struct HostOptions: ParsableArguments {
    @Option(name: .customShort("p"), parsing: .unconditional) var harts: String?
    @Option(name: .customShort("m"), parsing: .unconditional) var memory: String?
    @Flag(name: .customShort("l")) var logInstructions = false
    @Option(name: .customLong("log"), parsing: .unconditional) var logPath: String?
    @Flag(name: .customLong("log-commits")) var logCommits = false
    @Flag(name: .customLong("stats")) var statistics = false
    @Option(name: .customLong("stats-file"), parsing: .unconditional) var statisticsPath: String?
    @Option(name: .customLong("isa"), parsing: .unconditional) var isa: String?
    @Option(name: .customLong("priv"), parsing: .unconditional) var priv: String?
    @Option(name: .customLong("pc"), parsing: .unconditional) var startPC: String?
    @Option(name: .customLong("hartids"), parsing: .unconditional) var hartIDs: String?
    @Option(name: .customLong("extension"), parsing: .unconditionalSingleValue) var accelerators: [String] = []
    @Option(name: .customLong("instructions"), parsing: .unconditional) var instructionLimit: String?
    @OptionGroup var gemmini: GemminiOptions
    @Flag(name: .customLong("parallel")) var parallel = false
    @Flag(name: .customLong("linux")) var linux = false
    @Flag(name: .customLong("bare")) var bare = false
    @Option(name: .customLong("chroot"), parsing: .unconditional) var rootDirectory: String?
    @Option(name: .customLong("check-bf16"), parsing: .unconditional) var bf16CheckPath: String?
    @Option(name: .customLong("check-bf16-tolerance"), parsing: .unconditional) var bf16CheckTolerance: String?

    static let defaultPriv = "msu"
    /// The most harts rvgem simulates for now.
    static let maximumHarts = 64
    static let pageSize: UInt64 = 4096
    /// Spike's DRAM_BASE, where `-m<MiB>` places memory.
    static let dramBase: UInt64 = 0x8000_0000
    static let knownAccelerators = ["gemmini"]

    func makeConfiguration(programPath: String, programArguments: [String]) throws(CommandLineError) -> MachineConfiguration {
        var configuration = MachineConfiguration(programPath: programPath)
        configuration.programArguments = programArguments

        if let harts {
            guard let count = Int(harts), harts.allSatisfy(\.isASCIIDigit),
                  (1...Self.maximumHarts).contains(count) else {
                throw .invalidValue("invalid -p value '\(harts)' (expected a number of harts from 1 to \(Self.maximumHarts))")
            }
            configuration.harts = count
        }
        if let hartIDs {
            let ids = try Self.parseHartIDs(hartIDs)
            if harts != nil, ids.count != configuration.harts {
                throw .invalidValue("--hartids lists \(ids.count) hart ids but -p asks for \(configuration.harts) harts")
            }
            configuration.harts = ids.count
            configuration.hartIDs = ids
        }
        if let memory { configuration.memory = try Self.parseMemoryLayout(memory) }

        let isaString = isa ?? configuration.isaString
        do throws(MachineError) {
            configuration.extensions = try parseISAString(isaString, priv: priv ?? Self.defaultPriv)
        } catch {
            throw .invalidValue(error.description)
        }
        configuration.isaString = isaString

        if let startPC {
            guard let address = parseSpikeNumber(startPC) else {
                throw .invalidValue("invalid --pc address '\(startPC)' (expected a number such as 0x80000000)")
            }
            configuration.startPC = address
        }
        if let instructionLimit {
            guard let limit = parseSpikeNumber(instructionLimit) else {
                throw .invalidValue("invalid --instructions count '\(instructionLimit)'")
            }
            configuration.instructionLimit = limit
        }
        if let unknown = accelerators.first(where: { !Self.knownAccelerators.contains($0) }) {
            throw .invalidValue("unknown --extension '\(unknown)' (known: \(Self.knownAccelerators.joined(separator: ", ")))")
        }
        configuration.accelerators = accelerators
        if gemmini.isGiven && !accelerators.contains("gemmini") && !gemmini.printParameters {
            throw .invalidValue("--gemmini-* options need --extension=gemmini")
        }
        configuration.gemmini = try gemmini.makeConfiguration()

        if parallel && (logInstructions || logCommits) {
            throw .invalidValue("--parallel cannot write -l or --log-commits logs (they follow the deterministic schedule)")
        }
        configuration.parallel = parallel
        if linux && bare { throw .invalidValue("--linux and --bare contradict each other; give one") }
        configuration.programKind = linux ? .linux : bare ? .bareMetal : .automatic
        if let rootDirectory {
            guard !bare else { throw .invalidValue("--chroot applies to Linux programs, not with --bare") }
            guard !rootDirectory.isEmpty else { throw .invalidValue("--chroot needs a directory") }
            configuration.rootDirectory = rootDirectory
        }

        if let bf16CheckPath {
            guard accelerators.contains("gemmini") else { throw .invalidValue("--check-bf16 needs --extension=gemmini") }
            guard !bf16CheckPath.isEmpty else { throw .invalidValue("--check-bf16 needs a file name") }
            configuration.bf16CheckPath = bf16CheckPath
        }
        if let bf16CheckTolerance {
            guard bf16CheckPath != nil else { throw .invalidValue("--check-bf16-tolerance needs --check-bf16=FILE") }
            guard let tolerance = Double(bf16CheckTolerance), tolerance.isFinite, tolerance >= 0 else {
                throw .invalidValue("invalid --check-bf16-tolerance '\(bf16CheckTolerance)' (expected a relative error such as 0.01)")
            }
            configuration.bf16CheckTolerance = tolerance
        }

        configuration.logInstructions = logInstructions
        configuration.logCommits = logCommits
        configuration.printStatistics = statistics
        configuration.statisticsPath = statisticsPath
        configuration.logPath = logPath
        return configuration
    }

    /// `--hartids=a,b,...`: decimal ids, at least one, no duplicates; sorted, as Spike sorts them.
    static func parseHartIDs(_ text: String) throws(CommandLineError) -> [UInt64] {
        var ids: [UInt64] = []
        for field in text.split(separator: ",", omittingEmptySubsequences: false) {
            guard field.allSatisfy(\.isASCIIDigit), let id = UInt64(field) else {
                throw .invalidValue("invalid --hartids value '\(text)' (expected decimal hart ids separated by commas)")
            }
            ids.append(id)
        }
        ids.sort()
        if let duplicate = zip(ids, ids.dropFirst()).first(where: { $0 == $1 }) {
            throw .invalidValue("duplicate hart id \(duplicate.0) in --hartids")
        }
        guard ids.count <= maximumHarts else {
            throw .invalidValue("--hartids lists \(ids.count) harts; rvgem simulates at most \(maximumHarts)")
        }
        return ids
    }

    /// `-m<MiB>` (one region at Spike's DRAM base) or `-m<base:size,...>` with sizes in bytes;
    /// overlapping regions are merged, as Spike merges them.
    static func parseMemoryLayout(_ text: String) throws(CommandLineError) -> [MachineConfiguration.MemoryRegion] {
        if let mebibytes = parseSpikeNumber(text) {
            guard mebibytes > 0 else { throw .invalidValue("invalid -m size '\(text)' (expected a non-zero number of MiB)") }
            guard mebibytes <= (UInt64.max - dramBase) >> 20 else {
                throw .invalidValue("invalid -m size '\(text)' (the memory would run past the end of the address space)")
            }
            return [.init(base: dramBase, size: mebibytes << 20)]
        }

        var regions: [MachineConfiguration.MemoryRegion] = []
        for field in text.split(separator: ",", omittingEmptySubsequences: false) {
            let parts = field.split(separator: ":", omittingEmptySubsequences: false)
            guard parts.count == 2, let base = parseSpikeNumber(parts[0]), let size = parseSpikeNumber(parts[1]) else {
                throw .invalidValue("invalid -m value '\(text)' (expected <MiB> or <base:size,...>)")
            }
            guard base % pageSize == 0, size % pageSize == 0, size > 0 else {
                throw .invalidValue("memory region '\(field)' must have a non-zero size and base and size multiples of 4 KiB")
            }
            guard base <= UInt64.max - (size - 1) else {
                throw .invalidValue("memory region '\(field)' runs past the end of the address space")
            }
            regions.append(.init(base: base, size: size))
        }
        return try mergeOverlapping(regions)
    }

    private static func mergeOverlapping(_ regions: [MachineConfiguration.MemoryRegion]) throws(CommandLineError) -> [MachineConfiguration.MemoryRegion] {
        var merged: [MachineConfiguration.MemoryRegion] = []
        for region in regions.sorted(by: { ($0.base, $0.size) < ($1.base, $1.size) }) {
            guard let last = merged.last, region.base <= last.base + (last.size - 1) else {
                merged.append(region)
                continue
            }
            let end = max(last.base + (last.size - 1), region.base + (region.size - 1))
            guard end - last.base < UInt64.max else {
                throw .invalidValue("memory regions cover the whole 64-bit address space")
            }
            merged[merged.count - 1].size = end - last.base + 1
        }
        return merged
    }
}

/// A number the way Spike reads one with `strtoull(s, 0, 0)`, but strict: `0x` hex, leading-`0`
/// octal or decimal, nothing else around it.
func parseSpikeNumber(_ text: some StringProtocol) -> UInt64? {
    let (digits, radix) = if text.hasPrefix("0x") || text.hasPrefix("0X") { (text.dropFirst(2), 16) }
                          else if text.count > 1 && text.hasPrefix("0") { (text.dropFirst(), 8) }
                          else { (text.dropFirst(0), 10) }
    guard !digits.isEmpty, digits.allSatisfy(\.isHexDigit) else { return nil }
    return UInt64(digits, radix: radix)
}

private extension Character {
    var isASCIIDigit: Bool { ("0"..."9").contains(self) }
}
