import FPTTGen
import Foundation
import Testing

/// fptt-gen refuses bad options and combinations with one line on stderr and status 1.
struct OptionTests {
    struct Case: CustomTestStringConvertible, Sendable {
        var arguments: [String]
        /// A piece of the message.
        var says: String
        var testDescription: String { arguments.joined(separator: " ") }
    }

    static let cases: [Case] = [
        Case(arguments: ["--partitions", "5"], says: "--partitions 5 does not divide the 28 steps"),
        Case(arguments: ["--partitions", "0"], says: "--partitions 0"),
        Case(arguments: ["--harts", "9"], says: "--harts 9 is out of range (1 to 8)"),
        Case(arguments: ["--harts", "0"], says: "--harts 0 is out of range"),
        Case(arguments: ["--train-samples", "6"], says: "not a positive multiple of the batch (4)"),
        Case(arguments: ["--dataset", "cifar"], says: "unknown --dataset 'cifar'"),
        Case(arguments: ["--precision", "fp16"], says: "unknown --precision 'fp16'"),
        Case(arguments: ["--layout", "column"], says: "unknown --layout 'column'"),
        Case(arguments: ["--cell", "gru"], says: "unknown --cell 'gru'"),
        Case(arguments: ["--steps", "784"], says: "--steps 784 does not match fashion-mnist in the row layout (28 steps)"),
        Case(arguments: ["--layout", "pixel", "--input", "28"], says: "--input 28 does not match fashion-mnist in the pixel layout"),
        Case(arguments: ["--dataset", "digits", "--steps", "28"], says: "does not match digits in the row layout (8 steps)"),
        Case(arguments: ["--classes", "5"], says: "--classes 5 is too few"),
        Case(arguments: ["--learning-rate", "0"], says: "--learning-rate must be positive (got 0.0)"),
        Case(arguments: ["--data-dir", "/nonexistent"], says: "missing data file /nonexistent/train-images-idx3-ubyte.gz (install the Debian package dataset-fashion-mnist)"),
        Case(arguments: ["--dataset", "digits", "--data-dir", "/nonexistent"], says: "(install the Debian package python3-sklearn)"),
        Case(arguments: ["--train-samples", "60004"], says: "has 60000 samples, 60004 asked for"),
        Case(arguments: ["--no-such-option"], says: "--no-such-option"),
        Case(arguments: ["--hidden", "many"], says: "'many'"),
    ]

    @Test(arguments: OptionTests.cases)
    func refusedOnOneLine(_ example: Case) throws {
        let out = FileManager.default.temporaryDirectory.appendingPathComponent("fptt-gen-refused-\(UUID().uuidString)")
        let result = try Subprocess.run(try Subprocess.product("fptt-gen"), example.arguments + ["--out", out.path])
        #expect(result.status == 1)
        #expect(result.standardError.hasPrefix("fptt-gen: error: "))
        #expect(result.standardError.contains(example.says), "\(result.standardError)")
        #expect(result.standardError.filter { $0 == "\n" }.count == 1)
        #expect(!FileManager.default.fileExists(atPath: out.path), "nothing is written")
    }

    @Test func outIsRequired() throws {
        let result = try Subprocess.run(try Subprocess.product("fptt-gen"), [])
        #expect(result.status == 1)
        #expect(result.standardError.hasPrefix("fptt-gen: error: ") && result.standardError.contains("--out"))
    }

    @Test func helpExplainsTheLearningRate() throws {
        let result = try Subprocess.run(try Subprocess.product("fptt-gen"), ["--help"])
        #expect(result.status == 0)
        let help = result.standardOutput.split(whereSeparator: \.isWhitespace).joined(separator: " ")
        #expect(help.contains("The default 0.01 is the paper's pixel-wise setting; it is too small for the row-wise task, especially in BF16"))
    }

    /// Validation fills input and steps in from the dataset and layout.
    @Test func datasetAndLayoutImplyInputAndSteps() throws {
        var configuration = Configuration()
        for (dataset, layout, input, steps) in [(Configuration.Dataset.fashionMNIST, Configuration.Layout.row, 28, 28),
                                                (.fashionMNIST, .pixel, 1, 784), (.digits, .row, 8, 8), (.digits, .pixel, 1, 64)] {
            configuration.dataset = dataset
            configuration.layout = layout
            configuration.partitions = 1
            let checked = try configuration.validated()
            #expect(checked.input == input && checked.steps == steps)
        }
    }

    /// The paper's workload: K = 28 declares at least 8x fewer training bytes than K = 1 (the state
    /// buffers shrink 28x; the parameter-sized ones double with W_bar and lambda).
    @Test func partitionsShrinkTheState() throws {
        var configuration = Configuration()
        configuration.layout = .pixel
        configuration.hidden = 128
        configuration.partitions = 1
        let bptt = try configuration.validated().stateBytes
        configuration.partitions = 28
        let fptt = try configuration.validated().stateBytes
        #expect(Double(bptt) / Double(fptt) > 8.5)
    }
}
