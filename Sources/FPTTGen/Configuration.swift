/// What fptt-gen is asked to generate: the model, the training run and where its data comes from.
/// `validated()` checks every combination and fills in what the dataset and layout imply.
public struct Configuration: Sendable, Equatable {
    public enum Precision: String, Sendable, CaseIterable {
        case fp32, bf16
    }

    public enum Dataset: String, Sendable, CaseIterable {
        case fashionMNIST = "fashion-mnist"
        case digits

        /// Side of the square images.
        public var imageSide: Int { self == .fashionMNIST ? 28 : 8 }
        /// Largest pixel value: inputs are pixel / maximum.
        public var pixelMaximum: Int { self == .fashionMNIST ? 255 : 16 }
        public var labelCount: Int { 10 }
    }

    /// How an image becomes a sequence: one row per step, or one pixel per step (row-major).
    public enum Layout: String, Sendable, CaseIterable {
        case row, pixel

        public func steps(for dataset: Dataset) -> Int {
            self == .row ? dataset.imageSide : dataset.imageSide * dataset.imageSide
        }
        public func input(for dataset: Dataset) -> Int { self == .row ? dataset.imageSide : 1 }
    }

    public var cell = "lstm"
    public var input: Int?
    public var hidden = 64
    public var classes = 10
    public var steps: Int?
    public var partitions = 4
    public var batch = 4
    public var precision = Precision.fp32
    public var harts = 1
    public var trainSamples = 64
    public var testSamples = 64
    public var epochs = 1
    public var learningRate = 0.01
    public var alpha = 0.1
    public var dataset = Dataset.fashionMNIST
    public var layout = Layout.row
    public var seed: UInt64 = 1
    /// Print the loss and every gradient after each partition of the first batch (tests).
    public var dumpGradients = false

    /// The most harts the firmware's runtime supports (rvgem_mt.h's RVGEM_MAX_HARTS).
    public static let maximumHarts = 8
    /// The RAM a run may link for: rvgem's default memory (-m2048).
    public static let maximumMemoryMiB = 2048

    public init() {}

    /// The configuration with input and steps filled in from the dataset and layout, or the first
    /// problem found.
    public func validated() throws(FPTTGenError) -> Configuration {
        var checked = self
        guard cell == "lstm" else { throw .init("unknown --cell '\(cell)' (only lstm)") }
        let impliedSteps = layout.steps(for: dataset), impliedInput = layout.input(for: dataset)
        if let steps, steps != impliedSteps {
            throw .init("--steps \(steps) does not match \(dataset.rawValue) in the \(layout.rawValue) layout (\(impliedSteps) steps)")
        }
        if let input, input != impliedInput {
            throw .init("--input \(input) does not match \(dataset.rawValue) in the \(layout.rawValue) layout (input \(impliedInput))")
        }
        checked.steps = impliedSteps
        checked.input = impliedInput
        guard hidden >= 1 else { throw .init("--hidden must be at least 1 (got \(hidden))") }
        guard classes >= dataset.labelCount else {
            throw .init("--classes \(classes) is too few: \(dataset.rawValue) has \(dataset.labelCount) labels")
        }
        guard partitions >= 1, impliedSteps % partitions == 0 else {
            throw .init("--partitions \(partitions) does not divide the \(impliedSteps) steps")
        }
        guard batch >= 1 else { throw .init("--batch must be at least 1 (got \(batch))") }
        guard (1...Self.maximumHarts).contains(harts) else {
            throw .init("--harts \(harts) is out of range (1 to \(Self.maximumHarts))")
        }
        guard trainSamples >= batch, trainSamples % batch == 0 else {
            throw .init("--train-samples \(trainSamples) is not a positive multiple of the batch (\(batch))")
        }
        guard testSamples >= 1 else { throw .init("--test-samples must be at least 1 (got \(testSamples))") }
        guard epochs >= 1 else { throw .init("--epochs must be at least 1 (got \(epochs))") }
        guard learningRate.isFinite, learningRate > 0 else { throw .init("--learning-rate must be positive (got \(learningRate))") }
        guard alpha.isFinite, alpha > 0 else { throw .init("--alpha must be positive (got \(alpha))") }
        guard checked.memoryMiB <= Self.maximumMemoryMiB else {
            throw .init("the firmware would need \(checked.memoryMiB) MiB of RAM, more than rvgem's default \(Self.maximumMemoryMiB) MiB")
        }
        return checked
    }

    // MARK: Derived sizes (valid after `validated()`)

    public var inputSize: Int { input ?? layout.input(for: dataset) }
    public var stepCount: Int { steps ?? layout.steps(for: dataset) }
    public var partitionSteps: Int { stepCount / partitions }
    /// Width of xc = [x, h].
    public var concatenatedWidth: Int { inputSize + hidden }
    public var gateRows: Int { 4 * hidden }
    /// Wg, bg, Wo, bo in that order.
    public var parameterShapes: [(name: String, count: Int)] {
        [("Wg", gateRows * concatenatedWidth), ("bg", gateRows), ("Wo", classes * hidden), ("bo", classes)]
    }
    public var parameterCount: Int { parameterShapes.reduce(0) { $0 + $1.count } }
    public var bytesPerValue: Int { precision == .fp32 ? 4 : 2 }

    /// Bytes of the training buffers the firmware declares (what it prints as `state_bytes`):
    /// parameters and gradients (plus W_bar and lambda for FPTT), the states of one partition and
    /// the per-step temporaries.
    public var stateBytes: Int {
        let parameterBuffers = partitions > 1 ? 4 : 2
        let states = 2 * (partitionSteps + 1) * batch * hidden                 // h, c
        let perStep = partitionSteps * batch * (concatenatedWidth + gateRows + hidden)   // xc, gates, tanh(c)
        let temporaries = 2 * batch * classes + batch * gateRows + 2 * batch * hidden   // logits, dlogits, dz, dh, dc
        return (parameterBuffers * parameterCount + states + perStep + temporaries) * bytesPerValue
    }

    /// Bytes of the data embedded in the firmware: the initial parameters (FP32), pixels and labels.
    public var dataBytes: Int {
        4 * parameterCount + (trainSamples + testSamples) * (stepCount * inputSize + 1)
    }

    /// RAM the firmware is linked for (runtime/link.ld's __ram_size): data, buffers, the harts' stacks
    /// (8 x 256 KiB) and room for code; at least the runtime's default 64 MiB.
    public var memoryMiB: Int {
        let mebibyte = 1 << 20
        return max(64, (dataBytes + stateBytes + 8 * mebibyte + mebibyte - 1) / mebibyte)
    }
}
