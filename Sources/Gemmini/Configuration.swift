/// The hart's memory as the accelerator sees it: guest *virtual* addresses; false means a fault.
public protocol GemminiMemory {
    func read(_ address: UInt64, into buffer: UnsafeMutableRawBufferPointer) -> Bool
    func write(_ address: UInt64, from buffer: UnsafeRawBufferPointer) -> Bool
}

/// A misuse the guest made (row beyond the scratchpad, bad dataflow, unknown funct7, memory fault...):
/// one line, shown on stderr by the caller, which then raises an illegal-instruction trap.
public struct GemminiError: Error, Sendable, CustomStringConvertible {
    public var description: String
    public init(_ description: String) { self.description = description }
}

/// What one Gemmini instance is built as (the `gemmini_params.h` a guest program was compiled against).
public struct GemminiConfiguration: Sendable, Equatable {
    /// The scratchpad element type (`elem_t`), which is also the spatial array's input type.
    public enum ElementType: Sendable, Equatable {
        case int8, fp32, bf16
        /// Bytes one element takes in main memory and in the scratchpad.
        public var byteCount: Int {
            switch self {
            case .int8: 1
            case .fp32: 4
            case .bf16: 2
            }
        }
    }

    /// The accumulator element type (`acc_t`). Accumulator rows are always stored as 32-bit words
    /// (a BF16 accumulator keeps its bits in the low half), so the storage layout does not change.
    public enum AccumulatorType: Sendable, Equatable {
        case int32, fp32, bf16
        /// Bytes one accumulator element takes in main memory (a full-width mvin / mvout).
        public var byteCount: Int {
            switch self {
            case .int32, .fp32: 4
            case .bf16: 2
            }
        }
    }

    /// The float type of the scale fields.
    public enum ScaleType: Sendable, Equatable {
        case fp32, bf16
    }

    public enum Dataflows: Sendable, Equatable {
        case outputStationary, weightStationary, both
        func allows(weightStationary ws: Bool) -> Bool {
            switch self {
            case .both: true
            case .weightStationary: ws
            case .outputStationary: !ws
            }
        }
    }

    /// Side of the (square) systolic array: elements per scratchpad / accumulator row.
    public var dim: Int
    public var elementType: ElementType
    public var accumulatorType: AccumulatorType
    /// The spatial array's output type (what each PE's multiply-add rounds to in weight-stationary):
    /// int32 for the integer configuration, fp32 or bf16 for float ones.
    public var arrayOutputType: AccumulatorType
    /// The type of the mvin and accumulator scales (`scale_t`, `scale_acc_t`, `acc_scale_t`): its bits sit
    /// in the low bits of the config scale fields (a BF16 scale in bits [47:32]).
    public var scaleType: ScaleType
    public var scratchpadBanks: Int
    public var scratchpadBankRows: Int
    public var accumulatorRows: Int
    public var dataflows: Dataflows
    /// `MAX_BYTES` of `gemmini_params.h`: the widest single DMA request (bounds LOOP_CONV_WS block moves).
    public var maxBytes: Int
    /// Number of normalisation statistic slots (`NORM_STAT_IDS`).
    public var normStatIDs: Int

    public init(dim: Int, elementType: ElementType, accumulatorType: AccumulatorType,
                scratchpadBanks: Int, scratchpadBankRows: Int, accumulatorRows: Int,
                dataflows: Dataflows = .both, maxBytes: Int = 64, normStatIDs: Int = 4,
                arrayOutputType: AccumulatorType? = nil, scaleType: ScaleType = .fp32) {
        self.dim = dim
        self.elementType = elementType
        self.accumulatorType = accumulatorType
        self.arrayOutputType = arrayOutputType ?? accumulatorType
        self.scaleType = scaleType
        self.scratchpadBanks = scratchpadBanks
        self.scratchpadBankRows = scratchpadBankRows
        self.accumulatorRows = accumulatorRows
        self.dataflows = dataflows
        self.maxBytes = maxBytes
        self.normStatIDs = normStatIDs
    }

    /// Total scratchpad rows (each `dim` elements).
    public var scratchpadRows: Int { scratchpadBanks * scratchpadBankRows }

    /// The default `gemmini_params.h`: DIM 16, int8 elements, int32 accumulator, float scales,
    /// 4 banks x 4096 rows of scratchpad (256 KiB), 1024 accumulator rows (64 KiB).
    public static let int8 = GemminiConfiguration(
        dim: 16, elementType: .int8, accumulatorType: .int32,
        scratchpadBanks: 4, scratchpadBankRows: 4096, accumulatorRows: 1024)
}
