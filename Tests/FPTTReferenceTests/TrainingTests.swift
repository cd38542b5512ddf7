import Testing
@testable import FPTTReference

@Suite struct TrainingTests {
    static let hyperParameters = FPTTHyperParameters(learningRate: 0.3, alpha: 0.1)

    /// The trainer against a replay written out step by step: K = 1 is plain BPTT (a full-sequence
    /// forward and backward, then SGD); K > 1 carries (h, c) across partitions, restarts from zero at each
    /// batch, and keeps one optimizer over all batches and epochs.
    @Test(arguments: [1, 3])
    func trainerMatchesAStepByStepReplay(partitions: Int) throws {
        let dimensions = FPTTDimensions(input: 2, hidden: 3, classes: 3, steps: 6, partitions: partitions, batch: 2)
        let samples = randomSequences(count: 6, steps: 6, inputs: 2, seed: 21)
        let labels = [0, 2, 1, 1, 0, 2]
        let initial = initialParameters(seed: 22, input: 2, hidden: 3, classes: 3)
        let result = train(initial, dimensions: dimensions, hyperParameters: Self.hyperParameters,
                           samples: samples, labels: labels, epochs: 2)

        var parameters = initial
        var optimizer = FPTTOptimizer(initialParameters: initial, partitions: partitions,
                                      hyperParameters: Self.hyperParameters)
        var losses = [Double](), firstGradients = [FPTTParameters](), lastEpochLastLosses = [Double]()
        for epoch in 0..<2 {
            for first in stride(from: 0, to: 6, by: 2) {
                let inputs = SequenceBatch(Array(samples[first..<first + 2]))
                let batchLabels = Array(labels[first..<first + 2])
                var state = LSTMState.zero(batch: 2, hidden: 3)
                for partition in 0..<partitions {
                    let steps = partitions == 1 ? 0..<6 : (2 * partition)..<(2 * partition + 2)
                    let trace = forward(parameters, inputs: inputs, steps: steps, from: state)
                    let gradients = backward(parameters, trace: trace, labels: batchLabels)
                    if partitions == 1 {
                        #expect(optimizer.regularizer == nil)
                        parameters = FPTTParameters(input: 2, hidden: 3, classes: 3, flattened:
                            zip(parameters.flattened, gradients.flattened).map { $0 - 0.3 * $1 })
                    } else {
                        optimizer.update(&parameters, gradients: gradients)
                    }
                    state = trace.finalState
                    losses.append(trace.loss(labels: batchLabels))
                    if epoch == 0 && first == 0 { firstGradients.append(gradients) }
                    if epoch == 1 && partition == partitions - 1 { lastEpochLastLosses.append(losses.last!) }
                }
            }
        }
        #expect(result.partitionLosses == losses)
        #expect(result.firstBatchGradients == firstGradients)
        #expect(result.parameters == parameters)
        #expect(result.finalLoss == lastEpochLastLosses.reduce(0, +) / 3)
    }

    /// A separable task that needs memory: the class is the sign of the first step's input, and the
    /// later steps are noise. Training must bring the loss from about log 2 to well below it.
    @Test(arguments: [1, 2])
    func trainingLowersTheLossOnASeparableTask(partitions: Int) {
        let samples = randomSequences(count: 32, steps: 4, inputs: 1, seed: 31)
        let labels = samples.map { $0[0][0] > 0 ? 1 : 0 }
        let dimensions = FPTTDimensions(input: 1, hidden: 4, classes: 2, steps: 4, partitions: partitions, batch: 4)
        let initial = initialParameters(seed: 32, input: 1, hidden: 4, classes: 2)
        let result = train(initial, dimensions: dimensions, hyperParameters: FPTTHyperParameters(learningRate: 0.5, alpha: 0.1),
                           samples: samples, labels: labels, epochs: 40)
        let firstEpoch = result.partitionLosses.prefix(8 * partitions)
        let firstEpochLast = stride(from: partitions - 1, to: firstEpoch.count, by: partitions).map { firstEpoch[$0] }
        // Measured: about 0.72 -> 0.20 (K = 1) and 0.68 -> 0.13 (K = 2); accuracy 0.41 -> 0.97 and 0.94.
        #expect(firstEpochLast.reduce(0, +) / 8 > 0.6)
        #expect(result.finalLoss < 0.3)
        #expect(accuracy(initial, samples: samples, labels: labels) < 0.6)
        #expect(accuracy(result.parameters, samples: samples, labels: labels) >= 0.9)
    }
}
