/// What a training run reports, for comparison with the firmware's.
public struct FPTTTrainingResult: Sendable {
    /// The batch-mean loss at each partition's end, in training order: epoch, then batch, then partition
    /// (epochs x batches x K values).
    public let partitionLosses: [Double]
    /// The gradients of each of the K partitions of the first batch of the first epoch, each taken
    /// before that partition's update.
    public let firstBatchGradients: [FPTTParameters]
    /// The mean over the batches of the last epoch of the loss at their last partition.
    public let finalLoss: Double
    /// The parameters after the last update.
    public let parameters: FPTTParameters
}

/// The steps of partition `partition`: [pL, (p+1)L).
public func partitionSteps(_ partition: Int, of dimensions: FPTTDimensions) -> Range<Int> {
    precondition(partition >= 0 && partition < dimensions.partitions,
                 "partition \(partition) is not in 0..<\(dimensions.partitions)")
    let length = dimensions.stepsPerPartition
    return (partition * length)..<((partition + 1) * length)
}

/// Trains for `epochs` epochs over the consecutive batches of B samples (`samples[n][t][i]`, their count
/// a multiple of B), each batch from h = c = 0, partition by partition: forward from the carried state,
/// loss at the partition's end, backward through the partition, update.
public func train(_ initial: FPTTParameters, dimensions: FPTTDimensions, hyperParameters: FPTTHyperParameters,
                  samples: [[[Double]]], labels: [Int], epochs: Int) -> FPTTTrainingResult {
    precondition(initial.input == dimensions.input && initial.hidden == dimensions.hidden
                 && initial.classes == dimensions.classes, "the parameters' shape does not match the dimensions")
    precondition(!samples.isEmpty && samples.count % dimensions.batch == 0,
                 "the \(samples.count) samples must be a positive multiple of B = \(dimensions.batch)")
    precondition(labels.count == samples.count, "\(samples.count) samples but \(labels.count) labels")
    precondition(epochs > 0, "need at least one epoch")
    let batches = stride(from: 0, to: samples.count, by: dimensions.batch).map { first in
        let range = first..<(first + dimensions.batch)
        let inputs = SequenceBatch(Array(samples[range]))
        precondition(inputs.steps == dimensions.steps && inputs.inputSize == dimensions.input,
                     "samples must have T = \(dimensions.steps) steps of I = \(dimensions.input) inputs")
        return (inputs: inputs, labels: Array(labels[range]))
    }

    var parameters = initial
    var optimizer = FPTTOptimizer(initialParameters: initial, partitions: dimensions.partitions,
                                  hyperParameters: hyperParameters)
    var partitionLosses = [Double]()
    var firstBatchGradients = [FPTTParameters]()
    var finalLoss = 0.0
    for epoch in 0..<epochs {
        var lastPartitionLossSum = 0.0
        for (batchIndex, batch) in batches.enumerated() {
            var state = LSTMState.zero(batch: dimensions.batch, hidden: dimensions.hidden)
            for partition in 0..<dimensions.partitions {
                let trace = forward(parameters, inputs: batch.inputs,
                                    steps: partitionSteps(partition, of: dimensions), from: state)
                let loss = trace.loss(labels: batch.labels)
                let gradients = backward(parameters, trace: trace, labels: batch.labels)
                optimizer.update(&parameters, gradients: gradients)
                state = trace.finalState
                partitionLosses.append(loss)
                if epoch == 0 && batchIndex == 0 { firstBatchGradients.append(gradients) }
                if partition == dimensions.partitions - 1 { lastPartitionLossSum += loss }
            }
        }
        finalLoss = lastPartitionLossSum / Double(batches.count)
    }
    return FPTTTrainingResult(partitionLosses: partitionLosses, firstBatchGradients: firstBatchGradients,
                              finalLoss: finalLoss, parameters: parameters)
}

/// The predicted class of each sample: argmax of the logits after all its steps (first index on ties).
public func predictions(_ parameters: FPTTParameters, samples: [[[Double]]]) -> [Int] {
    let chunkSize = 64  // bounds the stored trace of a forward pass
    var predicted = [Int]()
    predicted.reserveCapacity(samples.count)
    for first in stride(from: 0, to: samples.count, by: chunkSize) {
        let chunk = SequenceBatch(Array(samples[first..<min(first + chunkSize, samples.count)]))
        let trace = forward(parameters, inputs: chunk, steps: 0..<chunk.steps,
                            from: .zero(batch: chunk.count, hidden: parameters.hidden))
        for b in 0..<chunk.count {
            let logits = trace.logits[(b * parameters.classes)..<((b + 1) * parameters.classes)]
            var best = logits.startIndex
            for index in logits.indices where logits[index] > logits[best] { best = index }
            predicted.append(best - logits.startIndex)
        }
    }
    return predicted
}

/// The fraction of samples whose prediction equals their label.
public func accuracy(_ parameters: FPTTParameters, samples: [[[Double]]], labels: [Int]) -> Double {
    precondition(!samples.isEmpty && labels.count == samples.count,
                 "need a label for each of at least one sample, got \(samples.count) samples, \(labels.count) labels")
    let correct = zip(predictions(parameters, samples: samples), labels).filter { $0 == $1 }.count
    return Double(correct) / Double(samples.count)
}
