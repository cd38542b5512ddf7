#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import Testing
@testable import FPTTReference

/// backward() against central finite differences of the partition loss, the carried-in state held fixed
/// (it is detached), for every parameter of every tensor.
@Suite struct GradientTests {
    /// Central differences with step 1e-5 differ from backward() by at most 2.5e-11 here (measured);
    /// gradients are of order 0.01 to 0.1, so a wrong term would show far above this.
    static let tolerance = 1e-9

    @Test(arguments: [1, 2])
    func backwardMatchesFiniteDifferences(partitions: Int) {
        let dimensions = FPTTDimensions(input: 3, hidden: 4, classes: 3, steps: 6, partitions: partitions, batch: 2)
        let parameters = initialParameters(seed: 7, input: 3, hidden: 4, classes: 3)
        let inputs = SequenceBatch(randomSequences(count: 2, steps: 6, inputs: 3, seed: 11))
        let labels = [2, 0]

        var state = LSTMState.zero(batch: 2, hidden: 4)
        for partition in 0..<partitions {
            let steps = partitionSteps(partition, of: dimensions)
            let trace = forward(parameters, inputs: inputs, steps: steps, from: state)
            let analytic = backward(parameters, trace: trace, labels: labels)
            for (name, tensor) in parameters.namedTensors {
                var numeric = [Double]()
                for n in parameters[keyPath: tensor].indices {
                    numeric.append(centralDifference(parameters, tensor: tensor, index: n) { perturbed in
                        forward(perturbed, inputs: inputs, steps: steps, from: state).loss(labels: labels)
                    })
                }
                // A tensor whose gradient vanished would make the comparison meaningless.
                #expect(numeric.map(abs).max()! > 1e-3, "\(name), partition \(partition)")
                #expect(largestDifference(analytic[keyPath: tensor], numeric) < Self.tolerance,
                        "\(name), partition \(partition) of \(partitions)")
            }
            state = trace.finalState
        }
    }

    @Test func lossOfUniformLogitsIsLogOfClassCount() {
        let parameters = FPTTParameters.zeros(input: 2, hidden: 3, classes: 5)
        let inputs = SequenceBatch(randomSequences(count: 3, steps: 4, inputs: 2, seed: 1))
        let trace = forward(parameters, inputs: inputs, steps: 0..<4, from: .zero(batch: 3, hidden: 3))
        #expect(abs(trace.loss(labels: [0, 4, 2]) - log(5.0)) < 1e-15)
    }

    private func centralDifference(_ parameters: FPTTParameters, tensor: WritableKeyPath<FPTTParameters, [Double]>,
                                   index: Int, loss: (FPTTParameters) -> Double) -> Double {
        let step = 1e-5
        var plus = parameters, minus = parameters
        plus[keyPath: tensor][index] += step
        minus[keyPath: tensor][index] -= step
        return (loss(plus) - loss(minus)) / (2 * step)
    }
}
