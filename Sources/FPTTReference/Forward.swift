#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// B sequences of T steps of I inputs, stored step-major ([t][b][i]) so that a step's inputs are adjacent.
public struct SequenceBatch: Sendable {
    public let count: Int
    public let steps: Int
    public let inputSize: Int
    let values: [Double]

    /// `samples[b][t][i]`: every sample must have the same number of steps and of inputs per step.
    public init(_ samples: [[[Double]]]) {
        precondition(!samples.isEmpty && !samples[0].isEmpty, "a sequence batch needs at least one step of one sample")
        count = samples.count
        steps = samples[0].count
        inputSize = samples[0][0].count
        var values = [Double]()
        values.reserveCapacity(steps * count * inputSize)
        for t in 0..<steps {
            for sample in samples {
                precondition(sample.count == steps && sample[t].count == inputSize,
                             "every sample must have \(steps) steps of \(inputSize) inputs")
                values += sample[t]
            }
        }
        self.values = values
    }
}

/// The recurrent state (h, c) of a batch, each B x H row-major.
public struct LSTMState: Sendable, Equatable {
    public var h: [Double]
    public var c: [Double]

    public init(h: [Double], c: [Double]) {
        precondition(h.count == c.count, "h and c must have the same size")
        self.h = h
        self.c = c
    }

    /// h = c = 0, the state at the start of every batch.
    public static func zero(batch: Int, hidden: Int) -> LSTMState {
        LSTMState(h: Array(repeating: 0, count: batch * hidden), c: Array(repeating: 0, count: batch * hidden))
    }
}

/// What a forward pass over some steps keeps for the backward pass through them, and its outputs.
public struct PartitionTrace: Sendable {
    /// B.
    public let batch: Int
    /// The number of steps run (L for a partition).
    public let steps: Int
    /// xc = [x, h_prev] per step and sample: [s][b][I + H].
    let concatenated: [Double]
    /// The activated gates i, f, g, o per step and sample: [s][b][4H].
    let gates: [Double]
    /// c before and after each step: [s][b][H] for s in 0...steps (entry 0 is the carried c).
    let cells: [Double]
    /// tanh(c) after each step: [s][b][H].
    let cellTanh: [Double]
    /// (h, c) after the last step: the state carried, detached, into the next partition.
    public let finalState: LSTMState
    /// Wo h + bo at the last step: B x O row-major.
    public let logits: [Double]

    /// The batch-mean softmax cross-entropy of the logits at the last step.
    public func loss(labels: [Int]) -> Double {
        let classes = logits.count / batch
        precondition(labels.count == batch, "need \(batch) labels, got \(labels.count)")
        var total = 0.0
        for b in 0..<batch {
            let sample = logits[(b * classes)..<((b + 1) * classes)]
            precondition(labels[b] >= 0 && labels[b] < classes, "label \(labels[b]) is not in 0..<\(classes)")
            total += logSumExp(sample) - sample[sample.startIndex + labels[b]]
        }
        return total / Double(batch)
    }
}

/// Runs the LSTM over steps `steps` of `inputs` from `start` and applies the output layer at the last one.
public func forward(_ parameters: FPTTParameters, inputs: SequenceBatch, steps: Range<Int>,
                    from start: LSTMState) -> PartitionTrace {
    let inputSize = parameters.input, hidden = parameters.hidden, batch = inputs.count
    let width = inputSize + hidden, gateRows = 4 * hidden
    precondition(inputs.inputSize == inputSize, "inputs have \(inputs.inputSize) values per step, the model \(inputSize)")
    precondition(steps.lowerBound >= 0 && steps.upperBound <= inputs.steps && !steps.isEmpty,
                 "steps \(steps) are not within the sequences' \(inputs.steps) steps")
    precondition(start.h.count == batch * hidden, "the carried state must be B x H = \(batch) x \(hidden)")

    var concatenated = [Double](repeating: 0, count: steps.count * batch * width)
    var gates = [Double](repeating: 0, count: steps.count * batch * gateRows)
    var cells = start.c + [Double](repeating: 0, count: steps.count * batch * hidden)
    var cellTanh = [Double](repeating: 0, count: steps.count * batch * hidden)
    var h = start.h
    for (s, t) in steps.enumerated() {
        for b in 0..<batch {
            let xc = (s * batch + b) * width
            let x = (t * batch + b) * inputSize
            for k in 0..<inputSize { concatenated[xc + k] = inputs.values[x + k] }
            for j in 0..<hidden { concatenated[xc + inputSize + j] = h[b * hidden + j] }

            let gate = (s * batch + b) * gateRows
            for row in 0..<gateRows {
                let z = parameters.bg[row] + dot(parameters.wg, from: row * width, concatenated, from: xc, count: width)
                // Blocks i, f, g, o: only g is a tanh.
                gates[gate + row] = (2 * hidden..<3 * hidden).contains(row) ? tanh(z) : sigmoid(z)
            }

            // (s, b)'s place in the [s][b][H] arrays; in `cells` it holds c_prev, and c goes one step on.
            let unit = (s * batch + b) * hidden, nextCell = unit + batch * hidden
            for j in 0..<hidden {
                let i = gates[gate + j], f = gates[gate + hidden + j]
                let g = gates[gate + 2 * hidden + j], o = gates[gate + 3 * hidden + j]
                let c = f * cells[unit + j] + i * g
                cells[nextCell + j] = c
                cellTanh[unit + j] = tanh(c)
                h[b * hidden + j] = o * cellTanh[unit + j]
            }
        }
    }
    let finalCells = Array(cells[(steps.count * batch * hidden)...])
    return PartitionTrace(batch: batch, steps: steps.count, concatenated: concatenated, gates: gates,
                          cells: cells, cellTanh: cellTanh, finalState: LSTMState(h: h, c: finalCells),
                          logits: outputLogits(parameters, hidden: h, batch: batch))
}

/// Wo h + bo for each sample.
func outputLogits(_ parameters: FPTTParameters, hidden h: [Double], batch: Int) -> [Double] {
    let hidden = parameters.hidden, classes = parameters.classes
    var logits = [Double](repeating: 0, count: batch * classes)
    for b in 0..<batch {
        for o in 0..<classes {
            logits[b * classes + o] = parameters.bo[o]
                + dot(parameters.wo, from: o * hidden, h, from: b * hidden, count: hidden)
        }
    }
    return logits
}

func sigmoid(_ z: Double) -> Double { 1 / (1 + exp(-z)) }

/// log sum exp, shifted by the maximum so that no term overflows.
func logSumExp(_ values: ArraySlice<Double>) -> Double {
    let largest = values.max()!
    return largest + log(values.reduce(0) { $0 + exp($1 - largest) })
}
