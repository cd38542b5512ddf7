// `--check-bf16`: every result a float path writes in a BF16 type is compared with shadows computed from
// the same inputs: an exact one in binary64 (the reference) and one in FP32 (what FP32 would have given).
// The accumulator has shadows of its own that follow each write to it, so a sum accumulated in BF16 is
// held to the sum of the exact values it was asked to add. Results are aggregated per (issuing pc,
// operation); the movers and the array look their slot up once per command, never per element. With no
// checker attached the float paths run as before: each checks `bf16Check` once per command or row.

/// The shadow arithmetic and per-site aggregation of `--check-bf16`, one per Gemmini, used on its hart's
/// thread only (hence no dynamic exclusivity checks, as in `GemminiAccelerator`).
public final class BF16Check {
    /// What produced a result.
    public enum Operation: Int, CaseIterable, Sendable {
        /// An mvin with a scale other than 1 into a BF16 scratchpad or accumulator.
        case mvinScale
        /// A compute's output element (array output), from its inputs and the bias or preloaded value.
        case matmul
        /// The accumulator's read-add-write (compute or mvin with the accumulate bit).
        case accumulate
        /// An accumulator-to-BF16 mvout, with its scale and activation.
        case mvout

        public var name: String {
            switch self {
            case .mvinScale: "mvin_scale"
            case .matmul: "matmul"
            case .accumulate: "accumulate"
            case .mvout: "mvout"
            }
        }
    }

    /// The aggregate of one (pc, operation).
    public struct Site: Sendable, Equatable {
        public var pc: UInt64
        public var operation: Operation
        public var count: UInt64 = 0
        /// Over finite results with a finite reference.
        public var maxAbsError = 0.0
        /// Over finite results whose reference has magnitude at least `relativeFloor`.
        public var maxRelError = 0.0
        public var fp32MaxRelError = 0.0
        public var nan: UInt64 = 0
        public var inf: UInt64 = 0
        /// Infinite results of a finite reference.
        public var overflow: UInt64 = 0
        /// Zero or subnormal results of a reference of normal magnitude.
        public var underflow: UInt64 = 0
        /// The result and reference behind `maxRelError`.
        public var worstResult = 0.0, worstReference = 0.0

        public init(pc: UInt64, operation: Operation) { self.pc = pc; self.operation = operation }

        /// Adds another checker's aggregate of the same site.
        public mutating func merge(_ other: Site) {
            count += other.count
            maxAbsError = max(maxAbsError, other.maxAbsError)
            if other.maxRelError > maxRelError {
                maxRelError = other.maxRelError
                worstResult = other.worstResult
                worstReference = other.worstReference
            }
            fp32MaxRelError = max(fp32MaxRelError, other.fp32MaxRelError)
            nan += other.nan; inf += other.inf; overflow += other.overflow; underflow += other.underflow
        }
    }

    /// The first result whose relative error exceeded the tolerance.
    public struct Violation: Sendable {
        public var pc: UInt64
        public var operation: Operation
        public var result: Double
        public var reference: Double
        public var relativeError: Double
    }

    /// Relative errors are taken only where |reference| is at least this (the smallest normal FP32 and
    /// BF16 number): below it cancellation makes any relative error meaningless.
    public static let relativeFloor = 0x1p-126

    public let tolerance: Double?
    @exclusivity(unchecked) public private(set) var firstViolation: Violation?
    /// The pc the results of the current command are counted against (the attachment sets it).
    @exclusivity(unchecked) public var pc: UInt64 = 0
    @exclusivity(unchecked) private var slotOfSite: [SiteKey: Int] = [:]
    @exclusivity(unchecked) private var siteList: [Site] = []

    /// The accumulator's shadows, one per element: exact (binary64) and FP32.
    let shadow: UnsafeMutablePointer<Double>
    let shadow32: UnsafeMutablePointer<Float>
    private let shadowCount: Int
    /// One compute's references per array output element (n x n), and its bias saved before the array runs.
    @exclusivity(unchecked) var matmulReference: [Double] = []
    @exclusivity(unchecked) var matmulReference32: [Float] = []
    @exclusivity(unchecked) var bias: [UInt32] = []

    private struct SiteKey: Hashable { let pc: UInt64; let operation: Operation }

    public init(tolerance: Double? = nil, accumulatorElements: Int) {
        self.tolerance = tolerance
        shadowCount = max(accumulatorElements, 1)
        shadow = .allocate(capacity: shadowCount)
        shadow.initialize(repeating: 0, count: shadowCount)
        shadow32 = .allocate(capacity: shadowCount)
        shadow32.initialize(repeating: 0, count: shadowCount)
    }

    deinit {
        shadow.deallocate()
        shadow32.deallocate()
    }

    /// Every site so far, in order of first appearance.
    public var sites: [Site] { siteList }

    /// The slot of (current pc, operation): look it up once per command.
    func slot(_ operation: Operation) -> Int {
        let key = SiteKey(pc: pc, operation: operation)
        if let slot = slotOfSite[key] { return slot }
        siteList.append(Site(pc: pc, operation: operation))
        slotOfSite[key] = siteList.count - 1
        return siteList.count - 1
    }

    /// A result written to accumulator element `at`: accumulated onto the element's shadows (then the
    /// stored BF16 value, `stored()`, is recorded against the exact sum under `accumulateSlot`, if >= 0),
    /// or replacing them.
    func writeShadow(_ at: Int, reference: Double, fp32: Float, accumulate: Bool, accumulateSlot: Int,
                     stored: () -> Double) {
        guard accumulate else {
            shadow[at] = reference
            shadow32[at] = fp32
            return
        }
        shadow[at] += reference
        shadow32[at] += fp32
        if accumulateSlot >= 0 { record(accumulateSlot, result: stored(), reference: shadow[at], fp32: shadow32[at]) }
    }

    /// One BF16 result against its exact reference and its FP32 shadow.
    func record(_ slot: Int, result: Double, reference: Double, fp32: Float) {
        let exceeded = siteList.withUnsafeMutableBufferPointer { sites in
            Self.accumulate(into: &sites[slot], result: result, reference: reference, fp32: fp32)
            return tolerance.map { sites[slot].maxRelError > $0 } ?? false
        }
        if exceeded && firstViolation == nil {
            let site = siteList[slot]
            firstViolation = Violation(pc: site.pc, operation: site.operation, result: site.worstResult,
                                       reference: site.worstReference, relativeError: site.maxRelError)
        }
    }

    /// The statistics of one result: errors against the reference, NaN / Inf / overflow / underflow counts.
    static func accumulate(into site: inout Site, result: Double, reference: Double, fp32: Float) {
        site.count += 1
        if result.isNaN { site.nan += 1 }
        if result.isInfinite {
            site.inf += 1
            if reference.isFinite { site.overflow += 1 }
        }
        let tiny = result == 0 || result.magnitude < relativeFloor
        if result.isFinite && tiny && reference.isFinite && reference.magnitude >= relativeFloor { site.underflow += 1 }
        guard result.isFinite && reference.isFinite else { return }
        let absolute = (result - reference).magnitude
        site.maxAbsError = max(site.maxAbsError, absolute)
        guard reference.magnitude >= relativeFloor else { return }
        let relative = absolute / reference.magnitude
        if relative > site.maxRelError {
            site.maxRelError = relative
            site.worstResult = result
            site.worstReference = reference
        }
        let fp32Value = Double(fp32)
        if fp32Value.isFinite { site.fp32MaxRelError = max(site.fp32MaxRelError, (fp32Value - reference).magnitude / reference.magnitude) }
    }

    /// Sizes the per-compute buffers for an n x n array.
    func ensureComputeBuffers(_ n: Int) {
        if matmulReference.count != n * n {
            matmulReference = Array(repeating: 0, count: n * n)
            matmulReference32 = Array(repeating: 0, count: n * n)
            bias = Array(repeating: 0, count: n * n)
        }
    }
}

/// A value of the format as a Double (exact; NaN stays NaN).
@inline(__always)
func floatValue<F: GemminiFloatFormat>(_ x: UInt32, _: F.Type) -> Double {
    F.isBF16 ? bf16ToDouble(x) : Double(Float(bitPattern: x))
}

/// ReLU of a reference value (negative values, -0 included, become +0).
@inline(__always)
func reluValue<T: BinaryFloatingPoint>(_ x: T) -> T { x.sign == .minus ? 0 : x }
