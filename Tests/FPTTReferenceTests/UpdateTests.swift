import Testing
@testable import FPTTReference

@Suite struct UpdateTests {
    static let hyperParameters = FPTTHyperParameters(learningRate: 0.1, alpha: 0.5)

    /// Every parameter equal to `value`, in the smallest model (I = H = O = 1: 14 parameters).
    private func uniform(_ value: Double) -> FPTTParameters {
        FPTTParameters(input: 1, hidden: 1, classes: 1, flattened: Array(repeating: value, count: 14))
    }

    /// Three updates worked by hand from W0 = 1 with gradients 2, 1, 0 (eta = 0.1, alpha = 0.5):
    /// (W, lambda, W_bar) = (0.8, 0.1, 0.8), (0.71, 0.145, 0.61), (0.7195, 0.09025, 0.5745).
    @Test func fpttUpdatesMatchHandComputedValues() throws {
        var parameters = uniform(1)
        var optimizer = FPTTOptimizer(initialParameters: parameters, partitions: 2, hyperParameters: Self.hyperParameters)
        let expected: [(gradient: Double, w: Double, lambda: Double, wBar: Double)] =
            [(2, 0.8, 0.1, 0.8), (1, 0.71, 0.145, 0.61), (0, 0.7195, 0.09025, 0.5745)]
        for step in expected {
            optimizer.update(&parameters, gradients: uniform(step.gradient))
            let regularizer = try #require(optimizer.regularizer)
            #expect(largestDifference(parameters.flattened, uniform(step.w).flattened) < 1e-15)
            #expect(largestDifference(regularizer.lambda.flattened, uniform(step.lambda).flattened) < 1e-15)
            #expect(largestDifference(regularizer.wBar.flattened, uniform(step.wBar).flattened) < 1e-15)
        }
    }

    /// From W_bar = W0 and lambda = 0 the first update is plain SGD, leaves W_bar = W1 and
    /// lambda = -alpha (W1 - W0), element by element in every tensor.
    @Test func firstFpttUpdateIsSgdAndSetsWBarToTheNewWeights() throws {
        let initial = initialParameters(seed: 3, input: 2, hidden: 3, classes: 4)
        let gradients = initialParameters(seed: 4, input: 2, hidden: 3, classes: 4)
        var parameters = initial
        var optimizer = FPTTOptimizer(initialParameters: initial, partitions: 4, hyperParameters: Self.hyperParameters)
        optimizer.update(&parameters, gradients: gradients)
        let regularizer = try #require(optimizer.regularizer)
        let sgd = zip(initial.flattened, gradients.flattened).map { $0 - 0.1 * $1 }
        #expect(largestDifference(parameters.flattened, sgd) < 1e-15)
        #expect(largestDifference(regularizer.wBar.flattened, parameters.flattened) < 1e-15)
        let lambda = zip(parameters.flattened, initial.flattened).map { -0.5 * ($0 - $1) }
        #expect(largestDifference(regularizer.lambda.flattened, lambda) < 1e-15)
    }

    @Test func singlePartitionIsPlainSgdWithoutRegularizer() {
        let initial = initialParameters(seed: 5, input: 2, hidden: 3, classes: 4)
        let gradients = initialParameters(seed: 6, input: 2, hidden: 3, classes: 4)
        var parameters = initial
        var optimizer = FPTTOptimizer(initialParameters: initial, partitions: 1, hyperParameters: Self.hyperParameters)
        #expect(optimizer.regularizer == nil)
        for _ in 0..<2 { optimizer.update(&parameters, gradients: gradients) }
        #expect(optimizer.regularizer == nil)
        let twoSteps = zip(initial.flattened, gradients.flattened).map { $0 - 0.1 * $1 - 0.1 * $1 }
        #expect(largestDifference(parameters.flattened, twoSteps) < 1e-15)
    }
}
