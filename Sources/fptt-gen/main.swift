#if canImport(Glibc)
import Glibc
#endif
import ArgumentParser
import FPTTGen
import Foundation

/// fptt-gen's options. Enumerated values stay strings here so that bad ones are reported on one line
/// in fptt-gen's words (`makeConfiguration`).
struct FPTTGenCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "fptt-gen",
        abstract: "Generate bare-metal C firmware that trains an LSTM with FPTT on Gemmini (rvgem).",
        discussion: """
            Writes fptt.c, model.h, data.S with the data files it embeds, and a Makefile into --out. \
            See toolchain-notes/fptt.md for the firmware's structure and output.
            """)

    @Option(help: "Recurrent cell (only lstm).") var cell = "lstm"
    @Option(help: "Input size per step (default: from --dataset and --layout; must agree with them).") var input: Int?
    @Option(help: "Hidden units.") var hidden = 64
    @Option(help: "Output classes (at least the dataset's 10 labels).") var classes = 10
    @Option(help: "Sequence length T (default: from --dataset and --layout; must agree with them).") var steps: Int?
    @Option(help: "FPTT partitions K (must divide T; 1 is plain BPTT).") var partitions = 4
    @Option(help: "Batch size.") var batch = 4
    @Option(help: "fp32 or bf16 (storage and Gemmini preset).") var precision = "fp32"
    @Option(help: "Harts sharing the work (1 to 8).") var harts = 1
    @Option(help: "Training samples: the first ones of the training set (a multiple of --batch).") var trainSamples = 64
    @Option(help: "Test samples: the first ones of the test set.") var testSamples = 64
    @Option(help: "Passes over the training samples.") var epochs = 1
    @Option(help: """
        SGD learning rate. The default 0.01 is the paper's pixel-wise setting; it is too small for the \
        row-wise task, especially in BF16, where an update under half a BF16 ulp of a weight rounds away: \
        use about 0.1 there.
        """) var learningRate = 0.01
    @Option(help: "FPTT regularizer strength alpha.") var alpha = 0.1
    @Option(help: "fashion-mnist or digits.") var dataset = "fashion-mnist"
    @Option(help: "row (one image row per step) or pixel (one pixel per step).") var layout = "row"
    @Option(help: "Seed of the parameters' initialization (splitmix64).") var seed: UInt64 = 1
    @Option(help: "Directory of the dataset's files (default: where its Debian package installs them).") var dataDir: String?
    @Option(help: "RVGem's firmware/ directory (runtime and headers) for the Makefile.")
    var firmwareDir = Generator.defaultFirmwareDirectory
    @Flag(help: "Make the firmware print the loss and every gradient after each partition of the first batch.")
    var dumpGradients = false
    @Option(help: "Directory to write into (created if missing).") var out: String

    func makeConfiguration() throws(FPTTGenError) -> Configuration {
        var configuration = Configuration()
        configuration.cell = cell
        configuration.input = input
        configuration.hidden = hidden
        configuration.classes = classes
        configuration.steps = steps
        configuration.partitions = partitions
        configuration.batch = batch
        guard let precision = Configuration.Precision(rawValue: precision) else {
            throw .init("unknown --precision '\(self.precision)' (fp32 or bf16)")
        }
        configuration.precision = precision
        configuration.harts = harts
        configuration.trainSamples = trainSamples
        configuration.testSamples = testSamples
        configuration.epochs = epochs
        configuration.learningRate = learningRate
        configuration.alpha = alpha
        guard let dataset = Configuration.Dataset(rawValue: dataset) else {
            throw .init("unknown --dataset '\(self.dataset)' (fashion-mnist or digits)")
        }
        configuration.dataset = dataset
        guard let layout = Configuration.Layout(rawValue: layout) else {
            throw .init("unknown --layout '\(self.layout)' (row or pixel)")
        }
        configuration.layout = layout
        configuration.seed = seed
        configuration.dumpGradients = dumpGradients
        return try configuration.validated()
    }

    func run() throws {
        let configuration = try makeConfiguration()
        let data = try DatasetReader(dataset: configuration.dataset, directory: dataDir)
            .read(trainSamples: configuration.trainSamples, testSamples: configuration.testSamples)
        let generator = try Generator(configuration: configuration, data: data, firmwareDirectory: firmwareDir)
        try generator.write(to: URL(fileURLWithPath: out))
    }
}

func fail(_ message: String) -> Never {
    FileHandle.standardError.write(Data("fptt-gen: error: \(message)\n".utf8))
    exit(1)
}

do {
    let command = try FPTTGenCommand.parse()
    try command.run()
} catch let error as FPTTGenError {
    fail(error.description)
} catch {
    // --help prints and exits 0 through ArgumentParser; a parse error becomes one line.
    if FPTTGenCommand.exitCode(for: error) == .success { FPTTGenCommand.exit(withError: error) }
    fail(FPTTGenCommand.message(for: error).split(separator: "\n").first.map(String.init) ?? "\(error)")
}
