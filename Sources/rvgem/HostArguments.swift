/// A command-line mistake, reported as one line.
enum CommandLineError: Error, Equatable {
    /// The command line's shape is wrong (unknown option, missing value or program): point at --help.
    case usage(String)
    /// An option's value is wrong.
    case invalidValue(String)

    /// The line printed to standard error.
    var line: String {
        switch self {
        case .usage(let message): "rvgem: error: \(message) (see rvgem --help)"
        case .invalidValue(let message): "rvgem: error: \(message)"
        }
    }
}

/// The command line cut where Spike's option parser cuts it: host options run up to the first
/// argument that does not start with `-`; that argument is the program and everything after it
/// belongs to the guest untouched, even if it looks like an option.
struct HostArguments: Equatable {
    /// The host options respelled for ArgumentParser: each option's name, then its value if it takes one.
    var options: [String] = []
    /// `-h` or `--help` was seen; like Spike, the parse stops there.
    var helpRequested = false
    var programPath: String?
    var programArguments: [String] = []
}

/// Spike's spellings of the options rvgem takes.
enum HostOptionSpelling {
    static let help: Set = ["-h", "--help"]
    /// `--stats` is a flag, but `--stats=FILE` an option; ArgumentParser sees the latter under this name.
    static let statisticsFile = "--stats-file"
    static let flags: Set = ["-l", "--log-commits", "--stats", "--linux", "--bare", "--parallel", "--print-gemmini-params"]
    static let takingValue: Set = ["-p", "-m", "--log", "--isa", "--priv", "--pc", "--hartids",
                                   "--extension", "--instructions", "--chroot", "--gemmini-config",
                                   "--gemmini-dim", "--gemmini-elem", "--gemmini-acc", "--gemmini-array-out",
                                   "--gemmini-scale", "--gemmini-spad-kib", "--gemmini-acc-kib", "--gemmini-dataflow",
                                   "--check-bf16", "--check-bf16-tolerance"]
}

/// Splits `arguments` (without the command name) by Spike's rules: a single-dash option is one letter
/// with its value attached (`-p2`, `-m0x80000000:0x10000000`); a double-dash option takes its value
/// after `=` or as the next argument (`--isa=rv64gc`, `--isa rv64gc`). Unlike Spike, a single-dash
/// option may also take its value from the next argument (`-p 2`), which Spike rejects.
func splitHostArguments(_ arguments: [String]) throws(CommandLineError) -> HostArguments {
    var result = HostArguments()
    var index = 0
    while index < arguments.count, arguments[index].hasPrefix("-") {
        let argument = arguments[index]
        index += 1
        let name: String
        let attachedValue: String?
        if argument.hasPrefix("--"), let equals = argument.firstIndex(of: "=") {
            name = String(argument[..<equals])
            attachedValue = String(argument[argument.index(after: equals)...])
        } else if argument.hasPrefix("--") {
            name = argument
            attachedValue = nil
        } else {
            name = String(argument.prefix(2))
            attachedValue = argument.count > 2 ? String(argument.dropFirst(2)) : nil
        }

        let isHelp = HostOptionSpelling.help.contains(name)
        if name == "--stats", let attachedValue {
            // Only the attached form takes a file: a separate argument after --stats is the program.
            guard !attachedValue.isEmpty else { throw .usage("option '--stats=' needs a file name") }
            result.options += [HostOptionSpelling.statisticsFile, attachedValue]
        } else if isHelp || HostOptionSpelling.flags.contains(name) {
            guard attachedValue == nil else { throw .usage("option '\(name)' takes no value") }
            if isHelp {
                result.helpRequested = true
                return result
            }
            result.options.append(name)
        } else if HostOptionSpelling.takingValue.contains(name) {
            if let attachedValue {
                result.options += [name, attachedValue]
            } else if index < arguments.count {
                result.options += [name, arguments[index]]
                index += 1
            } else {
                throw .usage("option '\(name)' requires a value")
            }
        } else {
            throw .usage("unknown option '\(argument)'")
        }
    }
    if index < arguments.count {
        result.programPath = arguments[index]
        result.programArguments = Array(arguments[(index + 1)...])
    }
    return result
}
