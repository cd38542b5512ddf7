@testable import FPTTGen
import FPTTReference
import Foundation
import Testing

struct GeneratorTests {
    /// The same options give the same files, byte for byte; another seed other parameters only.
    @Test func outputIsDeterministic() throws {
        let generator = try Subprocess.product("fptt-gen")
        let options = ["--hidden", "8", "--train-samples", "8", "--test-samples", "4", "--precision", "bf16", "--harts", "2"]
        let base = try Subprocess.temporaryDirectory("fptt-gen-determinism")
        defer { try? FileManager.default.removeItem(at: base) }
        func generate(_ name: String, _ extra: [String] = []) throws -> [String: Data] {
            let out = base.appendingPathComponent(name)
            let result = try Subprocess.run(generator, options + extra + ["--out", out.path])
            try #require(result.status == 0, "\(result.standardError)")
            let names = try FileManager.default.contentsOfDirectory(atPath: out.path)
            return try Dictionary(uniqueKeysWithValues: names.map { ($0, try Data(contentsOf: out.appendingPathComponent($0))) })
        }
        let first = try generate("first"), second = try generate("second"), reseeded = try generate("reseeded", ["--seed", "2"])
        #expect(Set(first.keys) == ["fptt.c", "model.h", "data.S", "Makefile", "parameters.bin", "train-images.bin",
                                    "train-labels.bin", "test-images.bin", "test-labels.bin"])
        #expect(first == second)
        #expect(first.filter { $0.key != "parameters.bin" } == reseeded.filter { $0.key != "parameters.bin" })
        #expect(first["parameters.bin"] != reseeded["parameters.bin"])
    }

    /// The first samples in file order (Fashion-MNIST's first labels are well known).
    @Test func fashionMNISTSubsetIsTheFilesFirstSamples() throws {
        let data = try DatasetReader(dataset: .fashionMNIST).read(trainSamples: 10, testSamples: 10)
        #expect(data.trainLabels == [9, 0, 0, 3, 0, 2, 7, 2, 5, 5])
        #expect(data.testLabels == [9, 2, 1, 1, 6, 1, 4, 6, 5, 7])
        #expect(data.trainImages.count == 10 * 784 && data.testImages.count == 10 * 784)
        #expect(data.trainImages.max() == 255 && data.trainImages.prefix(28).allSatisfy { $0 == 0 })
    }

    @Test func digitsRowsParse() throws {
        let row = (0..<64).map { "\(Double($0 % 17))" }.joined(separator: ",") + ",7.000000000000000000e+00"
        let rows = try DatasetReader.digitsRows(row + "\n" + row + "\n", path: "digits.csv")
        #expect(rows.count == 2 && rows[0].label == 7 && rows[0].pixels[16] == 16 && rows[0].pixels[17] == 0)
        #expect(throws: FPTTGenError.self) { try DatasetReader.digitsRows("1,2,3\n", path: "digits.csv") }
    }

    /// splitmix64's published first outputs for seed 0, and the contract's initialization as the
    /// reference draws it.
    @Test func initializationFollowsTheContract() throws {
        var random = SplitMix64(seed: 0)
        #expect([random.next(), random.next(), random.next()] == [0xe220_a839_7b1d_cdaf, 0x6e78_9e6a_a1b9_65f4, 0x06c4_5d18_8009_454f])
        var configuration = Configuration()
        configuration.hidden = 16
        configuration.seed = 42
        let values = try configuration.validated().initialParameters()
        let reference = initialParameters(seed: 42, input: 28, hidden: 16, classes: 10).flattened
        #expect(values.map(Double.init) == reference)
        #expect(values.allSatisfy { abs($0) <= 0.25 })
    }

    @Test func firmwareOutputParses() throws {
        let text = """
            fptt: lstm input=28 hidden=8 classes=10 steps=28 partitions=1 batch=4 precision=fp32 harts=1 train=8 test=8 epochs=1 lr=0.1 alpha=0.1
            state_bytes 100
            dump p=0 loss 3f800000
            dump p=0 grad bo 10
            00000000 3f800000 40000000 40400000 40800000 40a00000 40c00000 40e00000
            41000000 41100000
            batch 1 1/2 loss 2.5
            batch 1 2/2 loss 1.5
            epoch 1 train_loss 2.0
            final_loss 2.0
            test_accuracy 0.250000 (2/8)

            """
        let output = try FirmwareOutput(parsing: text)
        #expect(output.settings["hidden"] == "8" && output.stateBytes == 100)
        #expect(output.dumps[0]?.loss == 1 && output.dumps[0]?.gradients["bo"] == (0..<10).map(Float.init))
        #expect(output.batchLosses == [2.5, 1.5] && output.epochLosses == [2] && output.finalLoss == 2)
        #expect(output.testAccuracy == 0.25 && output.testCorrect == 2 && output.testTotal == 8)
        #expect(throws: FPTTGenError.self) { try FirmwareOutput(parsing: "dump p=0 loss 0\ndump p=0 grad bo 10\n00000000\nbatch 1\n") }
    }
}
