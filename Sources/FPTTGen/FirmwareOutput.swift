/// What the firmware printed, parsed (line formats in toolchain-notes/fptt.md).
public struct FirmwareOutput: Sendable, Equatable {
    /// The loss and gradients dumped after one partition's backward (`--dump-gradients`).
    public struct PartitionDump: Sendable, Equatable {
        public var loss: Float
        /// Wg, bg, Wo, bo, by name, as FP32 (BF16 runs: the stored values widened).
        public var gradients: [String: [Float]] = [:]
    }

    /// The `fptt:` line's key=value settings (input, hidden, ..., lr, alpha).
    public var settings: [String: String] = [:]
    public var stateBytes: Int?
    /// Each batch's last-partition loss, in order (all epochs).
    public var batchLosses: [Double] = []
    public var epochLosses: [Double] = []
    public var finalLoss: Double?
    public var testAccuracy: Double?
    public var testCorrect: Int?
    public var testTotal: Int?
    /// By partition index.
    public var dumps: [Int: PartitionDump] = [:]

    /// Parses `text`; a line that starts like a known one but does not parse is an error.
    public init(parsing text: String) throws(FPTTGenError) {
        var open: (partition: Int, name: String, count: Int)?
        for line in text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init) {
            let words = line.split(separator: " ").map(String.init)
            if let (partition, name, count) = open {
                guard line.first?.isHexDigit == true else {
                    throw .init("gradient \(name) of partition \(partition) ends after \(dumps[partition]?.gradients[name]?.count ?? 0) of \(count) values")
                }
                let values = try words.map { word throws(FPTTGenError) in try Self.float(hex: word) }
                dumps[partition]?.gradients[name, default: []] += values
                if dumps[partition]?.gradients[name]?.count == count { open = nil }
                continue
            }
            switch words.first {
            case "fptt:" where words.count > 2 && words[1] == "lstm":
                for field in words.dropFirst(2) {
                    let parts = field.split(separator: "=", maxSplits: 1).map(String.init)
                    if parts.count == 2 { settings[parts[0]] = parts[1] }
                }
            case "state_bytes": stateBytes = Int(try Self.word(words, 1, line))
            case "batch": batchLosses.append(try Self.number(words, 4, line))
            case "epoch": epochLosses.append(try Self.number(words, 3, line))
            case "final_loss": finalLoss = try Self.number(words, 1, line)
            case "test_accuracy":
                testAccuracy = try Self.number(words, 1, line)
                let fraction = try Self.word(words, 2, line).trimmingCharacters(in: ["(", ")"]).split(separator: "/")
                guard fraction.count == 2, let correct = Int(fraction[0]), let total = Int(fraction[1]) else {
                    throw .init("bad firmware line: \(line)")
                }
                (testCorrect, testTotal) = (correct, total)
            case "dump":
                guard words.count >= 4, words[1].hasPrefix("p="), let partition = Int(words[1].dropFirst(2)) else {
                    throw .init("bad firmware line: \(line)")
                }
                if words[2] == "loss" {
                    dumps[partition] = PartitionDump(loss: try Self.float(hex: words[3]))
                } else if words[2] == "grad", words.count == 5, let count = Int(words[4]), dumps[partition] != nil {
                    dumps[partition]?.gradients[words[3]] = []
                    if count > 0 { open = (partition, words[3], count) }
                } else {
                    throw .init("bad firmware line: \(line)")
                }
            default: continue
            }
        }
        if let (partition, name, _) = open { throw .init("gradient \(name) of partition \(partition) is cut short") }
    }

    private static func word(_ words: [String], _ index: Int, _ line: String) throws(FPTTGenError) -> String {
        guard index < words.count else { throw .init("bad firmware line: \(line)") }
        return words[index]
    }

    private static func number(_ words: [String], _ index: Int, _ line: String) throws(FPTTGenError) -> Double {
        guard let value = Double(try word(words, index, line)) else { throw .init("bad firmware line: \(line)") }
        return value
    }

    private static func float(hex word: String) throws(FPTTGenError) -> Float {
        guard word.count == 8, let bits = UInt32(word, radix: 16) else { throw .init("bad hex word '\(word)'") }
        return Float(bitPattern: bits)
    }
}
