/// A functional model of the Gemmini systolic-array accelerator (one per hart), driven by custom-3
/// RoCC commands. Results are those of libgemmini, Spike's public functional model, for the integer
/// configuration; the commands complete at once (there is no pipeline to fence).
///
/// An accelerator is only ever driven by its hart's thread, one command at a time, so its state goes
/// without Swift's dynamic exclusivity checks (`@exclusivity(unchecked)`: a runtime call per property
/// access, a sixth of the time of a float LOOP_WS).
public final class GemminiAccelerator {
    public let configuration: GemminiConfiguration
    /// `configuration.unsupportedReason`, which every command checks.
    let unsupportedReason: String?

    // MARK: Geometry
    let dim: Int
    let spadRows: Int
    let accRows: Int

    // MARK: Storage
    /// Scratchpad: `spadRows` rows of `dim` elements of the element type, stored contiguously.
    let scratchpad: UnsafeMutableRawPointer
    /// Accumulator: `accRows` rows of `dim` 32-bit words.
    let accumulator: UnsafeMutableRawPointer
    let spadI8: UnsafeMutablePointer<Int8>
    let accI32: UnsafeMutablePointer<Int32>
    /// Per-PE state: the weights (WS) or the partial sums (OS), `dim` x `dim`, row-major.
    let peState: UnsafeMutablePointer<Int32>
    /// Float configurations: whether products of the values now in `peState` are exact (see
    /// FloatKernels.swift); nil until checked again after they change.
    @exclusivity(unchecked) var peProductsExact: Bool?
    /// Compute scratch: the WS results, the A operand and the OS B operand, `dim` x `dim` each.
    let results: UnsafeMutablePointer<Int32>
    let operandA: UnsafeMutablePointer<Int32>
    let operandB: UnsafeMutablePointer<Int32>
    /// One row of a float compute's results on their way into the accumulator.
    let outputRow: UnsafeMutablePointer<UInt32>
    /// Staging buffer for one main-memory transfer (grown on demand).
    @exclusivity(unchecked) var transfer: UnsafeMutableRawBufferPointer
    /// A mover's rows read in one piece (`copiedRows`).
    let gathered: UnsafeMutableRawBufferPointer
    static let gatherLimit = 2048

    // MARK: Execute-pipeline state (config_ex, preload)
    @exclusivity(unchecked) var weightStationary = false
    @exclusivity(unchecked) var sysActivation: UInt8 = 0
    @exclusivity(unchecked) var sysShift: Int32 = 0
    @exclusivity(unchecked) var sysAccScaleBits: UInt32 = 0x3F80_0000
    @exclusivity(unchecked) var aTranspose = false
    @exclusivity(unchecked) var bTranspose = false
    @exclusivity(unchecked) var aStride = 1
    @exclusivity(unchecked) var cStride = 1
    @exclusivity(unchecked) var preloadAddress: UInt32 = 0xFFFF_FFFF
    @exclusivity(unchecked) var preloadRows = 0, preloadCols = 0
    @exclusivity(unchecked) var outputAddress: UInt32 = 0xFFFF_FFFF
    @exclusivity(unchecked) var outputRows = 0, outputCols = 0

    // MARK: Load pipeline (one state per mover: mvin, mvin2, mvin3)
    struct LoadState {
        var stride: UInt64
        var blockStride: Int
        var shrunk = false
        var scaleBits: UInt32 = 0x3F80_0000
        var pixelsPerRow = 1
    }
    @exclusivity(unchecked) var load: [LoadState]

    // MARK: Store pipeline (config_st)
    @exclusivity(unchecked) var accActivation: UInt8 = 0
    @exclusivity(unchecked) var storeStride: UInt64
    @exclusivity(unchecked) var accScale: Float = 1
    @exclusivity(unchecked) var poolStride = 0, poolSize = 0, poolUpad = 0, poolLpad = 0
    @exclusivity(unchecked) var poolOutDim = 0, poolPorows = 0, poolPocols = 0, poolOrows = 0, poolOcols = 0

    // MARK: Normalisation (config_norm)
    @exclusivity(unchecked) var normStatID = 0
    @exclusivity(unchecked) var igeluQb: Int32 = 0, igeluQc: Int32 = 0
    @exclusivity(unchecked) var qln2: Int32 = 0, qln2Inv: Int32 = 0
    struct NormStats {
        var sum: Int32 = 0
        var runningMax: Int32 = 0
        var max: Int32 = 0
        var count: Int32 = 0
        var mean: Int32 = 0
        var invStddev: Float = 0
        var invSumExp: Float = 0
        var reset = true
    }
    @exclusivity(unchecked) var norm: [NormStats]

    // MARK: LOOP_WS / LOOP_CONV_WS configuration
    @exclusivity(unchecked) var loopWS = LoopWSConfig()
    @exclusivity(unchecked) var loopConv = LoopConvConfig()
    /// LOOP_CONV_WS alternates halves of the accumulator between calls (libgemmini keeps these static).
    @exclusivity(unchecked) var convDRow: UInt32 = 0
    @exclusivity(unchecked) var convCRow: UInt32 = 0

    /// The operands of the LOOP_WS under way, read up front (nil between loops).
    @exclusivity(unchecked) var staging: StagedOperands?

    /// `--check-bf16`'s shadow checker, nil when off (then the float paths do no checking work).
    @exclusivity(unchecked) public private(set) var bf16Check: BF16Check?

    /// Turns on the BF16 shadow check (`--check-bf16`) from now on.
    public func enableBF16Check(tolerance: Double?) {
        bf16Check = BF16Check(tolerance: tolerance, accumulatorElements: accRows * dim)
    }

    // MARK: Counters
    @exclusivity(unchecked) var counters = Counters()

    /// Running totals since creation (for diagnostics / statistics; not visible to the guest).
    public struct Statistics: Sendable {
        public var commands: UInt64 = 0
        public var rowsMovedIn: UInt64 = 0
        public var rowsMovedOut: UInt64 = 0
        public var bytesRead: UInt64 = 0
        public var bytesWritten: UInt64 = 0
        public var computes: UInt64 = 0
        public var macs: UInt64 = 0
    }
    @exclusivity(unchecked) public internal(set) var statistics = Statistics()

    public init(configuration: GemminiConfiguration) {
        self.configuration = configuration
        unsupportedReason = configuration.unsupportedReason
        dim = max(1, configuration.dim)
        spadRows = max(0, configuration.scratchpadRows)
        accRows = max(0, configuration.accumulatorRows)
        let elemBytes = configuration.elementType.byteCount
        let spadBytes = spadRows * dim * elemBytes
        let accBytes = accRows * dim * 4
        scratchpad = UnsafeMutableRawPointer.allocate(byteCount: max(spadBytes, 4), alignment: 64)
        scratchpad.initializeMemory(as: UInt8.self, repeating: 0, count: max(spadBytes, 4))
        accumulator = UnsafeMutableRawPointer.allocate(byteCount: max(accBytes, 4), alignment: 64)
        accumulator.initializeMemory(as: UInt8.self, repeating: 0, count: max(accBytes, 4))
        spadI8 = scratchpad.assumingMemoryBound(to: Int8.self)
        accI32 = accumulator.bindMemory(to: Int32.self, capacity: max(accBytes, 4) / 4)
        peState = .allocate(capacity: dim * dim)
        peState.initialize(repeating: 0, count: dim * dim)
        results = .allocate(capacity: dim * dim)
        results.initialize(repeating: 0, count: dim * dim)
        operandA = .allocate(capacity: dim * dim)
        operandA.initialize(repeating: 0, count: dim * dim)
        operandB = .allocate(capacity: dim * dim)
        operandB.initialize(repeating: 0, count: dim * dim)
        outputRow = .allocate(capacity: dim)
        outputRow.initialize(repeating: 0, count: dim)
        transfer = UnsafeMutableRawBufferPointer.allocate(byteCount: 4096, alignment: 16)
        gathered = UnsafeMutableRawBufferPointer.allocate(byteCount: GemminiAccelerator.gatherLimit, alignment: 16)
        let rowBytes = UInt64(dim * elemBytes)
        load = Array(repeating: LoadState(stride: rowBytes, blockStride: dim), count: 3)
        storeStride = rowBytes
        norm = Array(repeating: NormStats(), count: max(1, configuration.normStatIDs))
    }

    deinit {
        scratchpad.deallocate()
        accumulator.deallocate()
        transfer.deallocate()
        gathered.deallocate()
        peState.deallocate()
        results.deallocate()
        operandA.deallocate()
        operandB.deallocate()
        outputRow.deallocate()
    }

    /// The integer configuration this model implements bit-exactly.
    var isIntegerConfiguration: Bool {
        configuration.elementType == .int8 && configuration.accumulatorType == .int32
    }

    /// One custom-3 instruction: funct7 selects the command; rs1/rs2 are the source register values.
    /// Returns the value for rd (only COUNTER, funct7 126, produces one; return 0 otherwise).
    public func execute(funct7: UInt32, rs1: UInt64, rs2: UInt64, memory: any GemminiMemory) throws(GemminiError) -> UInt64 {
        if let reason = unsupportedReason { throw GemminiError(reason) }
        statistics.commands &+= 1
        if funct7 == 126 {
            return counterOperation(rs1)
        }
        switch funct7 {
        case 0: try config(rs1, rs2)
        case 2: try mvin(dram: rs1, local: rs2, mover: 0, memory: memory)
        case 1: try mvin(dram: rs1, local: rs2, mover: 1, memory: memory)
        case 14: try mvin(dram: rs1, local: rs2, mover: 2, memory: memory)
        case 3: try mvout(dram: rs1, local: rs2, memory: memory)
        case 4: try compute(a: rs1, bd: rs2, preload: true)
        case 5: try compute(a: rs1, bd: rs2, preload: false)
        case 6: preload(bd: rs1, c: rs2)
        case 7: break  // FLUSH: nothing is cached (rs1[0] = skip)
        case 8: try loopWS(rs1, rs2, memory: memory)
        case 9:
            loopWS.I = Int(rs2 & 0xFFFF); loopWS.J = Int((rs2 >> 16) & 0xFFFF); loopWS.K = Int((rs2 >> 32) & 0xFFFF)
            loopWS.padI = Int(rs1 & 0xFFFF); loopWS.padJ = Int((rs1 >> 16) & 0xFFFF); loopWS.padK = Int((rs1 >> 32) & 0xFFFF)
        case 10: loopWS.A = rs1; loopWS.B = rs2
        case 11: loopWS.D = rs1; loopWS.C = rs2
        case 12: loopWS.strideA = rs1; loopWS.strideB = rs2
        case 13: loopWS.strideD = rs1; loopWS.strideC = rs2
        case 15: try loopConvWS(rs1, rs2, memory: memory)
        case 16...21: loopConv.configure(index: Int(funct7) - 15, rs1, rs2)
        default:
            throw GemminiError("gemmini: unknown command funct7=\(funct7)")
        }
        counters.busy = funct7 != 7
        return 0
    }

    // MARK: - CONFIG

    func config(_ rs1: UInt64, _ rs2: UInt64) throws(GemminiError) {
        switch rs1 & 3 {
        case 0: try configEx(rs1, rs2)
        case 1:
            let id = Int((rs1 >> 3) & 3)
            guard id < 3 else { throw GemminiError("gemmini: config_ld for mover \(id) (only 0-2 exist)") }
            load[id].stride = rs2
            load[id].blockStride = Int((rs1 >> 16) & 0xFFFF)
            load[id].scaleBits = UInt32(truncatingIfNeeded: rs1 >> 32)
            load[id].shrunk = (rs1 >> 2) & 1 != 0
            let pixels = Int((rs1 >> 8) & 0xFF)
            load[id].pixelsPerRow = pixels == 0 ? 1 : pixels
        case 2:
            storeStride = rs2 & 0xFFFF_FFFF
            let act = UInt8((rs1 >> 2) & 3)
            accActivation = act == 0 ? (accActivation == 4 ? 4 : 0) : act
            accScale = configuration.isFloat ? floatAccScale(field: UInt32(truncatingIfNeeded: rs2 >> 32))
                : Float(bitPattern: UInt32(truncatingIfNeeded: rs2 >> 32))
            poolStride = Int((rs1 >> 4) & 3)
            poolSize = Int((rs1 >> 6) & 3)
            poolUpad = Int((rs1 >> 8) & 3)
            poolLpad = Int((rs1 >> 10) & 3)
            poolOutDim = Int((rs1 >> 24) & 0xFF)
            poolPorows = Int((rs1 >> 32) & 0xFF)
            poolPocols = Int((rs1 >> 40) & 0xFF)
            poolOrows = Int((rs1 >> 48) & 0xFF)
            poolOcols = Int((rs1 >> 56) & 0xFF)
        default:
            let stat = Int((rs1 >> 8) & 0xFF)
            guard stat < norm.count else {
                throw GemminiError("gemmini: config_norm stat id \(stat) beyond the \(norm.count) statistic slots")
            }
            normStatID = stat
            if (rs1 >> 17) & 1 == 0 {
                igeluQb = Int32(truncatingIfNeeded: rs2)
                igeluQc = Int32(truncatingIfNeeded: rs2 >> 32)
                let act = (UInt8((rs1 >> 16) & 1) << 2) | accActivation
                guard act <= 4 else { throw GemminiError("gemmini: config_norm makes the activation \(act) (at most 4)") }
                accActivation = act
                if (rs1 >> 18) & 1 != 0 {
                    qln2Inv = Int32(truncatingIfNeeded: rs1 >> 32)
                } else {
                    qln2 = Int32(truncatingIfNeeded: rs1 >> 32)
                }
            }
        }
    }

    func configEx(_ rs1: UInt64, _ rs2: UInt64) throws(GemminiError) {
        let ws = (rs1 >> 2) & 1 != 0
        let actField = UInt8((rs1 >> 3) & 3)
        let act: UInt8 = actField == 0 ? (accActivation == 4 ? 4 : 0) : actField
        let shift = rs2 & 0xFFFF_FFFF
        let newATranspose = (rs1 >> 8) & 1 != 0
        let newBTranspose = (rs1 >> 9) & 1 != 0
        let onlyStrides = (rs1 >> 7) & 1 != 0
        guard shift < 32 else { throw GemminiError("gemmini: config_ex sys_shift \(shift) (must be below 32)") }
        if !ws && !newATranspose && newBTranspose {
            throw GemminiError("gemmini: config_ex output-stationary with B transposed but not A is unsupported")
        }
        if ws && newATranspose && newBTranspose {
            throw GemminiError("gemmini: config_ex weight-stationary with both A and B transposed is unsupported")
        }
        if !onlyStrides {
            guard configuration.dataflows.allows(weightStationary: ws) else {
                throw GemminiError("gemmini: config_ex selects the \(ws ? "weight" : "output")-stationary dataflow, which this configuration lacks")
            }
            weightStationary = ws
            sysActivation = act
            sysShift = Int32(shift)
            sysAccScaleBits = UInt32(truncatingIfNeeded: rs1 >> 32)
            aTranspose = newATranspose
            bTranspose = newBTranspose
        }
        cStride = Int((rs2 >> 48) & 0xFFFF)
        aStride = Int((rs1 >> 16) & 0xFFFF)
    }

    // MARK: - Main-memory transfers

    func ensureTransfer(_ bytes: Int) {
        if transfer.count < bytes {
            transfer.deallocate()
            transfer = UnsafeMutableRawBufferPointer.allocate(byteCount: max(bytes, transfer.count * 2), alignment: 16)
        }
    }

    @inline(__always)
    func readMemory(_ address: UInt64, _ bytes: Int, _ memory: any GemminiMemory, _ what: String) throws(GemminiError) {
        let buffer = UnsafeMutableRawBufferPointer(rebasing: transfer[0..<bytes])
        guard memory.read(address, into: buffer) else {
            throw GemminiError("gemmini: \(what) memory fault reading \(bytes) bytes at 0x\(String(address, radix: 16))")
        }
        statistics.bytesRead &+= UInt64(bytes)
        counters.count(external: 4, by: UInt32(truncatingIfNeeded: bytes))
    }

    /// A mover's `rows` rows of `bytes` bytes from `address` on, `stride` apart, already in host memory:
    /// the running LOOP_WS's staged copies, or else, when the rows lie within `gatherLimit` bytes, read
    /// from memory in one piece (one translation instead of one per row). Nil: read them one by one (as
    /// when the piece does not read, so that a fault comes from the row that has it).
    func copiedRows(_ address: UInt64, rows: Int, bytes: Int, stride: UInt64, memory: any GemminiMemory) -> CopiedRows? {
        if let staged = staging?.rows(at: address, count: bytes, stride: stride, rows: rows) { return staged }
        guard rows > 1 && bytes < GemminiAccelerator.gatherLimit else { return nil }
        let (last, overflow) = UInt64(rows - 1).multipliedReportingOverflow(by: stride)
        guard !overflow && last < UInt64(GemminiAccelerator.gatherLimit - bytes) else { return nil }
        let piece = UnsafeMutableRawBufferPointer(rebasing: gathered[0..<(Int(last) + bytes)])
        guard memory.read(address, into: piece) else { return nil }
        return CopiedRows(first: UnsafeRawPointer(piece.baseAddress!), step: Int(stride))
    }

    /// Row `row` of a mover's `bytes`-byte rows from `address` on, `stride` apart: from `copied`
    /// (`copiedRows`) or read into `transfer`.
    @inline(__always)
    func readRow(_ row: Int, of copied: CopiedRows?, _ address: UInt64, stride: UInt64, _ bytes: Int,
                 _ memory: any GemminiMemory, _ what: String) throws(GemminiError) -> UnsafeRawPointer {
        if let staged = copied {
            statistics.bytesRead &+= UInt64(bytes)
            counters.count(external: 4, by: UInt32(truncatingIfNeeded: bytes))
            return staged.row(row)
        }
        try readMemory(address &+ UInt64(row) &* stride, bytes, memory, what)
        return UnsafeRawPointer(transfer.baseAddress!)
    }

    @inline(__always)
    func writeMemory(_ address: UInt64, _ bytes: Int, _ memory: any GemminiMemory, _ what: String) throws(GemminiError) {
        let buffer = UnsafeRawBufferPointer(rebasing: transfer[0..<bytes])
        guard memory.write(address, from: buffer) else {
            throw GemminiError("gemmini: \(what) memory fault writing \(bytes) bytes at 0x\(String(address, radix: 16))")
        }
        statistics.bytesWritten &+= UInt64(bytes)
        counters.count(external: 5, by: UInt32(truncatingIfNeeded: bytes))
    }
}

func hex(_ x: UInt32) -> String { "0x" + String(x, radix: 16) }
