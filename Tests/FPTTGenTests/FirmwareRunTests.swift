import FPTTGen
import FPTTReference
import Foundation
import Testing

/// The tiny model's firmware, built and run on rvgem: hart counts, BPTT and FPTT, FP32 and BF16, each
/// checked against the Double host reference (FPTTReference).
struct FirmwareRunTests {
    /// The output without the `fptt:` line, which names the hart count.
    static func withoutSettings(_ output: String) -> String {
        output.split(separator: "\n", omittingEmptySubsequences: false).filter { !$0.hasPrefix("fptt: ") }
            .joined(separator: "\n")
    }

    @Test func hartCountsGiveIdenticalResults() throws {
        var outputs: [(run: String, text: String)] = []
        for harts in [1, 2, 4] {
            let configuration = TinyModel.configuration(harts: harts)
            let elf = try TinyModel.build(configuration)
            defer { try? FileManager.default.removeItem(at: elf.deletingLastPathComponent()) }
            for parallel in harts == 1 ? [false] : harts == 2 ? [false, true] : [true] {
                let text = try TinyModel.run(elf, configuration, parallel: parallel)
                #expect(text.contains(" harts=\(harts) "))
                outputs.append(("-p\(harts)\(parallel ? " --parallel" : "")", Self.withoutSettings(text)))
            }
        }
        let single = try #require(outputs.first).text
        #expect(try FirmwareOutput(parsing: single).dumps.count == 4)
        for (run, text) in outputs.dropFirst() {
            #expect(text == single, "\(run) differs from one hart")
        }
    }

    /// Largest difference between firmware and reference values, relative to the reference's largest magnitude.
    static func relativeError(_ firmware: [Float], _ reference: [Double]) -> Double {
        let scale = reference.map(abs).max() ?? 0
        let largest = zip(firmware, reference).map { abs(Double($0) - $1) }.max() ?? 0
        return scale > 0 ? largest / scale : largest
    }

    /// The dumps (every partition of the first batch), the batch losses, the final loss and the test
    /// predictions against the reference, within `tolerance` (relative); the gradients of a BF16 run
    /// must be BF16 values.
    static func compareWithReference(_ configuration: Configuration, tolerance: Double) throws -> FirmwareOutput {
        let output = try TinyModel.buildAndRun(configuration)
        let (reference, testCorrect) = try TinyModel.reference(configuration)
        let checked = try configuration.validated()
        #expect(output.stateBytes == checked.stateBytes)
        #expect(output.dumps.count == checked.partitions)
        for (partition, expected) in reference.firstBatchGradients.enumerated() {
            let dump = try #require(output.dumps[partition], "no dump of partition \(partition)")
            #expect(abs(Double(dump.loss) - reference.partitionLosses[partition]) <= tolerance * reference.partitionLosses[partition])
            for (name, values) in [("Wg", expected.wg), ("bg", expected.bg), ("Wo", expected.wo), ("bo", expected.bo)] {
                let dumped = try #require(dump.gradients[name], "no \(name) in partition \(partition)")
                #expect(dumped.count == values.count)
                let error = relativeError(dumped, values)
                #expect(error <= tolerance, "partition \(partition) \(name): relative error \(error)")
                if configuration.precision == .bf16 {
                    #expect(dumped.allSatisfy { $0.bitPattern & 0xffff == 0 }, "\(name) holds values that are not BF16")
                }
            }
        }
        let lastPartitionLosses = stride(from: checked.partitions - 1, to: reference.partitionLosses.count, by: checked.partitions)
            .map { reference.partitionLosses[$0] }
        #expect(output.batchLosses.count == lastPartitionLosses.count)
        // Printed with 6 decimals.
        #expect(relativeError(output.batchLosses.map(Float.init), lastPartitionLosses) <= tolerance + 1e-6)
        #expect(abs(try #require(output.finalLoss) - reference.finalLoss) <= tolerance * reference.finalLoss + 1e-6)
        if configuration.precision == .fp32 { #expect(output.testCorrect == testCorrect) }
        #expect(output.testTotal == checked.testSamples)
        return output
    }

    @Test(arguments: [1, 4, 28]) func fp32AgreesWithTheReference(partitions: Int) throws {
        _ = try Self.compareWithReference(TinyModel.configuration(partitions: partitions), tolerance: 1e-5)
    }

    @Test func bf16AgreesWithTheReferenceLoosely() throws {
        let configuration = TinyModel.configuration(precision: .bf16)
        let output = try Self.compareWithReference(configuration, tolerance: 0.05)
        #expect(output.stateBytes == TinyModel.configuration().stateBytes / 2)
    }
}
