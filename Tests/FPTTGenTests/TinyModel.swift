import FPTTGen
import FPTTReference
import Foundation
import Testing

/// The tests' model: Fashion-MNIST in the row layout (T = 28, I = 28), H = 8, B = 4, 8 training and 8
/// test samples, one epoch; generated, cross-compiled (the generated Makefile) and run on rvgem.
enum TinyModel {
    static func configuration(partitions: Int = 4, precision: Configuration.Precision = .fp32, harts: Int = 1,
                              dumpGradients: Bool = true) -> Configuration {
        var configuration = Configuration()
        configuration.hidden = 8
        configuration.batch = 4
        configuration.trainSamples = 8
        configuration.testSamples = 8
        configuration.partitions = partitions
        configuration.precision = precision
        configuration.harts = harts
        configuration.learningRate = 0.1
        configuration.dumpGradients = dumpGradients
        return configuration
    }

    static let data = Result { () throws(FPTTGenError) in
        try DatasetReader(dataset: .fashionMNIST).read(trainSamples: 8, testSamples: 8)
    }

    /// Generates and builds the firmware; returns its ELF (in a temporary directory).
    static func build(_ configuration: Configuration) throws -> URL {
        let directory = try Subprocess.temporaryDirectory("fptt-gen-test")
        let generator = try Generator(configuration: configuration, data: try data.get(),
                                      firmwareDirectory: Subprocess.root.appendingPathComponent("firmware").path)
        try generator.write(to: directory)
        let make = try Subprocess.run(URL(fileURLWithPath: "/usr/bin/make"),
                                      ["-s", "-C", directory.path, "RVGEM=\(try Subprocess.product("rvgem").path)"])
        try #require(make.status == 0, "make failed: \(make.standardError)")
        return directory.appendingPathComponent("fptt.elf")
    }

    /// Runs a built firmware on rvgem with Gemmini in the configuration's preset; the firmware must exit 0.
    static func run(_ elf: URL, _ configuration: Configuration, harts: Int? = nil, parallel: Bool = false) throws -> String {
        var arguments = ["--extension=gemmini", "--gemmini-config=\(configuration.precision.rawValue)",
                         "-p\(harts ?? configuration.harts)"]
        if parallel { arguments.append("--parallel") }
        let result = try Subprocess.run(try Subprocess.product("rvgem"), arguments + [elf.path])
        try #require(result.status == 0, "the firmware exited with \(result.status): \(result.standardError)")
        return result.standardOutput
    }

    static func buildAndRun(_ configuration: Configuration) throws -> FirmwareOutput {
        let elf = try build(configuration)
        defer { try? FileManager.default.removeItem(at: elf.deletingLastPathComponent()) }
        return try FirmwareOutput(parsing: try run(elf, configuration))
    }

    /// The host reference's training of the same configuration (FPTTReference, in Double).
    static func reference(_ configuration: Configuration) throws -> (result: FPTTTrainingResult, testCorrect: Int) {
        let c = try configuration.validated(), data = try data.get()
        func sequences(_ pixels: [UInt8]) -> [[[Double]]] {
            let perImage = c.stepCount * c.inputSize
            return stride(from: 0, to: pixels.count, by: perImage).map { start in
                (0..<c.stepCount).map { t in
                    (0..<c.inputSize).map { Double(pixels[start + t * c.inputSize + $0]) / Double(c.dataset.pixelMaximum) }
                }
            }
        }
        let dimensions = FPTTDimensions(input: c.inputSize, hidden: c.hidden, classes: c.classes, steps: c.stepCount,
                                        partitions: c.partitions, batch: c.batch)
        let initial = initialParameters(seed: c.seed, input: c.inputSize, hidden: c.hidden, classes: c.classes)
        let result = train(initial, dimensions: dimensions,
                           hyperParameters: FPTTHyperParameters(learningRate: c.learningRate, alpha: c.alpha),
                           samples: sequences(data.trainImages), labels: data.trainLabels.map(Int.init), epochs: c.epochs)
        let predicted = predictions(result.parameters, samples: sequences(data.testImages))
        return (result, zip(predicted, data.testLabels).filter { $0 == Int($1) }.count)
    }
}
