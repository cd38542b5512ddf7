/// The parameter update after each partition: plain SGD when K = 1 (BPTT), otherwise FPTT's update
/// with its dynamic regularizer, whose state (W_bar, lambda) persists over batches and epochs.
public struct FPTTOptimizer: Sendable {
    /// FPTT's per-parameter state, of the parameters' shape.
    public struct Regularizer: Sendable, Equatable {
        /// W_bar: starts as the initial parameters.
        public var wBar: FPTTParameters
        /// lambda: starts at 0.
        public var lambda: FPTTParameters
    }

    public let hyperParameters: FPTTHyperParameters
    /// nil for K = 1, which has no regularizer.
    public private(set) var regularizer: Regularizer?

    public init(initialParameters: FPTTParameters, partitions: Int, hyperParameters: FPTTHyperParameters) {
        precondition(partitions > 0, "K must be positive")
        precondition(partitions == 1 || hyperParameters.alpha > 0, "FPTT (K > 1) needs alpha > 0")
        self.hyperParameters = hyperParameters
        regularizer = partitions == 1 ? nil
            : Regularizer(wBar: initialParameters, lambda: initialParameters.zerosOfSameShape)
    }

    /// One update of every tensor (biases too) with the gradients of the partition just finished.
    public mutating func update(_ parameters: inout FPTTParameters, gradients: FPTTParameters) {
        guard var state = regularizer else {
            for tensor in FPTTParameters.tensors {
                descend(&parameters[keyPath: tensor], along: gradients[keyPath: tensor])
            }
            return
        }
        regularizer = nil  // leaves `state` the only owner of its arrays, so they are updated in place
        for tensor in FPTTParameters.tensors {
            fpttStep(&parameters[keyPath: tensor], wBar: &state.wBar[keyPath: tensor],
                     lambda: &state.lambda[keyPath: tensor], gradient: gradients[keyPath: tensor])
        }
        regularizer = state
    }

    /// W <- W - eta grad.
    private func descend(_ weights: inout [Double], along gradient: [Double]) {
        let eta = hyperParameters.learningRate
        for n in weights.indices { weights[n] -= eta * gradient[n] }
    }

    /// FPTT's update of one tensor, element by element, in the contract's order: g, W, lambda, W_bar
    /// (lambda and W_bar from the new W).
    private func fpttStep(_ weights: inout [Double], wBar: inout [Double], lambda: inout [Double],
                          gradient: [Double]) {
        let eta = hyperParameters.learningRate, alpha = hyperParameters.alpha
        for n in weights.indices {
            let g = gradient[n] + alpha * (weights[n] - wBar[n]) - lambda[n]
            weights[n] -= eta * g
            lambda[n] -= alpha * (weights[n] - wBar[n])
            wBar[n] = 0.5 * (wBar[n] + weights[n]) - lambda[n] / (2 * alpha)
        }
    }
}
