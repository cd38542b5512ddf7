// The host reference of the guest FPTT training that FPTTGen's firmware performs (LSTM cell, linear
// output, softmax cross-entropy; FPTT: Kag & Saligrama, ICML 2021), in Double and written for
// clarity: the tests compare the firmware's losses and gradients with these.

/// The sizes of a training run: I, H, O, T, K, B in the contract's letters.
public struct FPTTDimensions: Sendable, Equatable {
    public let input: Int
    public let hidden: Int
    public let classes: Int
    public let steps: Int
    public let partitions: Int
    public let batch: Int

    public init(input: Int, hidden: Int, classes: Int, steps: Int, partitions: Int, batch: Int) {
        precondition(input > 0 && hidden > 0 && classes > 0 && steps > 0 && partitions > 0 && batch > 0,
                     "FPTT dimensions must be positive")
        precondition(steps % partitions == 0, "K = \(partitions) partitions must divide T = \(steps) steps")
        self.input = input
        self.hidden = hidden
        self.classes = classes
        self.steps = steps
        self.partitions = partitions
        self.batch = batch
    }

    /// L = T / K.
    public var stepsPerPartition: Int { steps / partitions }
}

/// The learning rate eta and the FPTT regularizer alpha (unused when K = 1).
public struct FPTTHyperParameters: Sendable, Equatable {
    public let learningRate: Double
    public let alpha: Double

    public init(learningRate: Double, alpha: Double) {
        self.learningRate = learningRate
        self.alpha = alpha
    }
}

/// The four parameter tensors, row-major, in the contract's order; gradients have the same shape.
public struct FPTTParameters: Sendable, Equatable {
    public let input: Int
    public let hidden: Int
    public let classes: Int
    /// Wg: 4H x (I + H), gate blocks i, f, g, o; columns x first, then h.
    public var wg: [Double]
    /// bg: 4H.
    public var bg: [Double]
    /// Wo: O x H.
    public var wo: [Double]
    /// bo: O.
    public var bo: [Double]

    public init(input: Int, hidden: Int, classes: Int, wg: [Double], bg: [Double], wo: [Double], bo: [Double]) {
        precondition(wg.count == 4 * hidden * (input + hidden), "Wg needs 4H x (I+H) values, got \(wg.count)")
        precondition(bg.count == 4 * hidden, "bg needs 4H values, got \(bg.count)")
        precondition(wo.count == classes * hidden, "Wo needs O x H values, got \(wo.count)")
        precondition(bo.count == classes, "bo needs O values, got \(bo.count)")
        self.input = input
        self.hidden = hidden
        self.classes = classes
        self.wg = wg
        self.bg = bg
        self.wo = wo
        self.bo = bo
    }

    /// All four tensors zero.
    public static func zeros(input: Int, hidden: Int, classes: Int) -> FPTTParameters {
        FPTTParameters(input: input, hidden: hidden, classes: classes,
                       wg: Array(repeating: 0, count: 4 * hidden * (input + hidden)),
                       bg: Array(repeating: 0, count: 4 * hidden),
                       wo: Array(repeating: 0, count: classes * hidden),
                       bo: Array(repeating: 0, count: classes))
    }

    /// Splits values laid out Wg, bg, Wo, bo (as in the firmware's dumps).
    public init(input: Int, hidden: Int, classes: Int, flattened values: [Double]) {
        let sizes = [4 * hidden * (input + hidden), 4 * hidden, classes * hidden, classes]
        precondition(values.count == sizes.reduce(0, +),
                     "expected \(sizes.reduce(0, +)) parameter values, got \(values.count)")
        var start = 0
        let tensors = sizes.map { size in
            defer { start += size }
            return Array(values[start..<start + size])
        }
        self.init(input: input, hidden: hidden, classes: classes,
                  wg: tensors[0], bg: tensors[1], wo: tensors[2], bo: tensors[3])
    }

    /// Wg, bg, Wo, bo concatenated.
    public var flattened: [Double] { wg + bg + wo + bo }

    /// Zeros of this shape.
    var zerosOfSameShape: FPTTParameters { .zeros(input: input, hidden: hidden, classes: classes) }

    /// The four tensors, for element-wise work on all of them.
    static var tensors: [WritableKeyPath<FPTTParameters, [Double]>] { [\.wg, \.bg, \.wo, \.bo] }
}

/// The contract's initialization: splitmix64 draws u in [0, 1), each value (2u - 1) / sqrt(H) rounded
/// to binary32 (as the firmware stores it in FP32) and widened back to Double.
public func initialParameters(seed: UInt64, input: Int, hidden: Int, classes: Int) -> FPTTParameters {
    var random = SplitMix64(seed: seed)
    let bound = Double(hidden).squareRoot()
    let count = FPTTParameters.zeros(input: input, hidden: hidden, classes: classes).flattened.count
    let values = (0..<count).map { _ in Double(Float((2 * random.nextUnit() - 1) / bound)) }
    return FPTTParameters(input: input, hidden: hidden, classes: classes, flattened: values)
}

/// splitmix64 (Steele, Lea, Flood 2014).
struct SplitMix64 {
    private var state: UInt64

    init(seed: UInt64) { state = seed }

    mutating func next() -> UInt64 {
        state &+= 0x9e37_79b9_7f4a_7c15
        var z = state
        z = (z ^ (z >> 30)) &* 0xbf58_476d_1ce4_e5b9
        z = (z ^ (z >> 27)) &* 0x94d0_49bb_1331_11eb
        return z ^ (z >> 31)
    }

    /// A uniform value in [0, 1) from the top 53 bits.
    mutating func nextUnit() -> Double { Double(next() >> 11) * 0x1p-53 }
}
