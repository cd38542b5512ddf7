import Testing
@testable import FPTTReference

@Suite struct ModelTests {
    /// The first outputs of splitmix64 from seed 0, as published with the generator.
    @Test func splitMix64MatchesItsPublishedSequence() {
        var random = SplitMix64(seed: 0)
        #expect(random.next() == 0xe220_a839_7b1d_cdaf)
        #expect(random.next() == 0x6e78_9e6a_a1b9_65f4)
    }

    @Test func initializationDrawsFloatRoundedValuesInPyTorchsRange() {
        let parameters = initialParameters(seed: 0, input: 3, hidden: 4, classes: 5)
        #expect(parameters.wg.count == 16 * 7 && parameters.bg.count == 16)
        #expect(parameters.wo.count == 20 && parameters.bo.count == 5)
        let values = parameters.flattened
        // First draw of seed 0: u = (0xe220a8397b1dcdaf >> 11) * 2^-53; (2u - 1) / sqrt(4), as a Float.
        let u = Double(UInt64(0xe220_a839_7b1d_cdaf) >> 11) * 0x1p-53
        #expect(values[0] == Double(Float((2 * u - 1) / 2)))
        #expect(values.allSatisfy { Double(Float($0)) == $0 && abs($0) <= 0.5 })
        #expect(values.map(abs).max()! > 0.45)  // the draws do span the range
        #expect(initialParameters(seed: 1, input: 3, hidden: 4, classes: 5).flattened != values)
        #expect(initialParameters(seed: 0, input: 3, hidden: 4, classes: 5) == parameters)
    }

    @Test func flattenedLayoutIsWgBgWoBo() {
        let values = (0..<14).map(Double.init)
        let parameters = FPTTParameters(input: 1, hidden: 1, classes: 1, flattened: values)
        #expect(parameters.wg == Array(values[0..<8]) && parameters.bg == Array(values[8..<12]))
        #expect(parameters.wo == [12] && parameters.bo == [13])
        #expect(parameters.flattened == values)
    }

    /// With Wo = 0 the logits are bo whatever the inputs: ties go to the first largest.
    @Test func predictionTakesTheFirstOfEqualLargestLogits() {
        var parameters = initialParameters(seed: 9, input: 2, hidden: 3, classes: 4)
        parameters.wo = Array(repeating: 0, count: 12)
        let samples = randomSequences(count: 3, steps: 5, inputs: 2, seed: 10)
        parameters.bo = [0, 1, 1, 0]
        #expect(predictions(parameters, samples: samples) == [1, 1, 1])
        parameters.bo = [0, 0, 0, 0]
        #expect(predictions(parameters, samples: samples) == [0, 0, 0])
        #expect(accuracy(parameters, samples: samples, labels: [0, 3, 0]) == 2.0 / 3)
    }

    /// The state after a forward pass over two partitions in turn equals one pass over both.
    @Test func forwardCarriesTheStateAcrossPartitions() {
        let parameters = initialParameters(seed: 12, input: 2, hidden: 3, classes: 2)
        let inputs = SequenceBatch(randomSequences(count: 2, steps: 6, inputs: 2, seed: 13))
        let whole = forward(parameters, inputs: inputs, steps: 0..<6, from: .zero(batch: 2, hidden: 3))
        let first = forward(parameters, inputs: inputs, steps: 0..<3, from: .zero(batch: 2, hidden: 3))
        let second = forward(parameters, inputs: inputs, steps: 3..<6, from: first.finalState)
        #expect(second.finalState == whole.finalState && second.logits == whole.logits)
        #expect(first.finalState != whole.finalState)
    }

    /// One step of one unit, worked outside Swift: z = Wg [x, h] + bg with rows i, f, g, o;
    /// c = f c0 + i g = 0.18701806315355102, h = o tanh(c) = 0.09751263142793638, logit = 2h - 1.
    @Test func oneStepFollowsTheGateOrderIFGO() {
        let parameters = FPTTParameters(input: 1, hidden: 1, classes: 1,
                                        wg: [0.1, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8], bg: [-0.1, -0.2, -0.3, -0.4],
                                        wo: [2], bo: [-1])
        let trace = forward(parameters, inputs: SequenceBatch([[[0.5]]]), steps: 0..<1,
                            from: LSTMState(h: [0.2], c: [0.3]))
        #expect(abs(trace.finalState.c[0] - 0.18701806315355102) < 1e-15)
        #expect(abs(trace.finalState.h[0] - 0.09751263142793638) < 1e-15)
        #expect(abs(trace.logits[0] - -0.8049747371441273) < 1e-15)
    }
}
