#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The gradients of the batch-mean loss at the trace's last step with respect to all four tensors,
/// back-propagated through the trace's steps only: the carried-in state is detached, and at the last
/// step dh comes from the output layer alone and dc is 0.
public func backward(_ parameters: FPTTParameters, trace: PartitionTrace, labels: [Int]) -> FPTTParameters {
    let inputSize = parameters.input, hidden = parameters.hidden, classes = parameters.classes
    let batch = trace.batch, width = inputSize + hidden, gateRows = 4 * hidden
    precondition(labels.count == batch && labels.allSatisfy { (0..<classes).contains($0) },
                 "need \(batch) labels in 0..<\(classes), got \(labels)")
    var gradients = FPTTParameters.zeros(input: inputSize, hidden: hidden, classes: classes)

    // Output layer: dlogits = (softmax - onehot) / B, which makes every gradient a batch mean.
    var dh = [Double](repeating: 0, count: batch * hidden)
    let h = trace.finalState.h
    for b in 0..<batch {
        let logits = trace.logits[(b * classes)..<((b + 1) * classes)]
        let normalizer = logSumExp(logits)
        for o in 0..<classes {
            let probability = exp(logits[logits.startIndex + o] - normalizer)
            let dLogit = (probability - (o == labels[b] ? 1 : 0)) / Double(batch)
            gradients.bo[o] += dLogit
            addScaled(dLogit, h, from: b * hidden, to: &gradients.wo, at: o * hidden, count: hidden)
            addScaled(dLogit, parameters.wo, from: o * hidden, to: &dh, at: b * hidden, count: hidden)
        }
    }

    var dc = [Double](repeating: 0, count: batch * hidden)
    var dz = [Double](repeating: 0, count: gateRows)
    for s in stride(from: trace.steps - 1, through: 0, by: -1) {
        for b in 0..<batch {
            let gate = (s * batch + b) * gateRows
            let unit = (s * batch + b) * hidden, state = b * hidden
            // Through h = o tanh(c) and c = f c_prev + i g to the gate pre-activations z.
            for j in 0..<hidden {
                let i = trace.gates[gate + j], f = trace.gates[gate + hidden + j]
                let g = trace.gates[gate + 2 * hidden + j], o = trace.gates[gate + 3 * hidden + j]
                let tanhC = trace.cellTanh[unit + j]
                let dCell = dc[state + j] + dh[state + j] * o * (1 - tanhC * tanhC)
                dz[j] = dCell * g * i * (1 - i)
                dz[hidden + j] = dCell * trace.cells[unit + j] * f * (1 - f)
                dz[2 * hidden + j] = dCell * i * (1 - g * g)
                dz[3 * hidden + j] = dh[state + j] * tanhC * o * (1 - o)
                dc[state + j] = dCell * f
            }
            // z = Wg xc + bg: accumulate dWg, dbg, and dh_prev = the h columns of Wg^T dz.
            let xc = (s * batch + b) * width
            for j in 0..<hidden { dh[state + j] = 0 }
            for row in 0..<gateRows {
                let dRow = dz[row], weights = row * width
                gradients.bg[row] += dRow
                addScaled(dRow, trace.concatenated, from: xc, to: &gradients.wg, at: weights, count: width)
                addScaled(dRow, parameters.wg, from: weights + inputSize, to: &dh, at: state, count: hidden)
            }
        }
    }
    return gradients
}
