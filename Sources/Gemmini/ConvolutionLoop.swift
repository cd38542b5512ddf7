// LOOP_CONV_WS: the hardware's weight-stationary convolution loop, expanded into the config / mvin /
// preload / compute / mvout commands libgemmini issues for it, in the same order and with the same
// operands. libgemmini keeps most loop quantities in 16-bit C variables and computes addresses in
// 32-bit `int`; the helpers below reproduce those widths (wrapping, never trapping), and a loop whose
// C counter would wrap around (so that libgemmini never finishes) throws instead.

/// The LOOP_CONV_WS_CONFIG_1..6 fields, with the widths libgemmini decodes them to.
struct ConvLoopShape {
    var batchSize = 0, inRowDim = 0, inColDim = 0, inChannels = 0, outChannels = 0
    var inStride = 0, weightStride = 0, outStride = 0
    var outRowDim = 0, poolOutRowDim = 0, outColDim = 0, poolOutColDim = 0
    var stride = 0, kernelDim = 0, kernelDilation = 0
    var poolSize = 0, poolStride = 0
    var batches = 0, porows = 0, pocols = 0, pochs = 0
    var krows = 0, kcols = 0, kchs = 0
    var lpad = 0, rpad = 0, upad = 0, dpad = 0, plpad = 0, pupad = 0
    var orows = 0, ocols = 0
    var weights: UInt64 = 0, output: UInt64 = 0, bias: UInt64 = 0, input: UInt64 = 0

    init(_ c: LoopConvConfig) {
        func field(_ x: UInt64, _ shift: UInt64, _ mask: UInt64 = 0xFFFF) -> Int { Int((x >> shift) & mask) }
        let (a1, b1) = (c.rs1[1], c.rs2[1])
        batchSize = field(a1, 0); inRowDim = field(a1, 16); inChannels = field(a1, 32); outChannels = field(a1, 48)
        outRowDim = field(b1, 0); poolOutRowDim = field(b1, 16); outColDim = field(b1, 32); stride = field(b1, 48, 0xFF)
        let (a2, b2) = (c.rs1[2], c.rs2[2])
        kernelDim = field(a2, 48); poolOutColDim = field(a2, 32); poolSize = field(a2, 16); poolStride = field(a2, 8, 0xFF)
        batches = field(b2, 48); porows = field(b2, 32); pocols = field(b2, 16); pochs = field(b2, 0)
        let (a3, b3) = (c.rs1[3], c.rs2[3])
        krows = field(a3, 48); kcols = field(a3, 32); kchs = field(a3, 16); lpad = field(a3, 0)
        rpad = field(b3, 48); upad = field(b3, 32); dpad = field(b3, 24, 0xFF); plpad = field(b3, 16, 0xFF)
        inColDim = field(b3, 0)
        let (a4, b4) = (c.rs1[4], c.rs2[4])
        orows = field(a4, 48); pupad = field(a4, 21, 0xFF); kernelDilation = field(a4, 0, 0xFF)
        inStride = field(b4, 48); weightStride = field(b4, 32); outStride = field(b4, 16); ocols = field(b4, 0)
        weights = c.rs1[5]; output = c.rs2[5]
        bias = c.rs1[6]; input = c.rs2[6]
    }
}

// C integer widths.
@inline(__always) private func int16(_ x: Int) -> Int { Int(Int16(truncatingIfNeeded: x)) }
@inline(__always) private func uint16(_ x: Int) -> Int { Int(UInt16(truncatingIfNeeded: x)) }
@inline(__always) private func int32(_ x: Int) -> Int { Int(Int32(truncatingIfNeeded: x)) }
/// A C `int` byte offset scaled by an element size and added to a 64-bit address.
@inline(__always) private func address(_ base: UInt64, _ offset: Int, _ size: Int) -> UInt64 {
    base &+ UInt64(truncatingIfNeeded: int32(offset)) &* UInt64(size)
}
/// A scratchpad / accumulator row address: a 32-bit start plus a C `int` offset.
@inline(__always) private func row(_ start: UInt32, _ offset: Int) -> UInt32 {
    start &+ UInt32(truncatingIfNeeded: offset)
}
/// Local operand: rows [63:48], cols [47:32], address [31:0], each cast as C casts a signed value.
@inline(__always) private func operand(_ rows: Int, _ cols: Int, _ address: UInt32) -> UInt64 {
    (UInt64(truncatingIfNeeded: rows) << 48) | (UInt64(truncatingIfNeeded: cols) << 32) | UInt64(address)
}
/// The next value of a loop counter held in a C variable whose largest value is `limit`.
@inline(__always) private func advance(_ value: Int, by step: Int, limit: Int) throws(GemminiError) -> Int {
    let next = value + step
    guard step > 0 && next <= limit else {
        throw GemminiError("gemmini: LOOP_CONV_WS loop counter steps by \(step) past \(limit) (the loop would never end)")
    }
    return next
}

private let identityScaleBits: UInt64 = 0x3F80_0000

extension GemminiAccelerator {
    /// LOOP_CONV_WS (funct7 15). rs1: [0] no bias, [1] rotate weights 180°, [2] output NHWC->HWNC,
    /// [3] weights 1203, [4] weights 0132, [5] input 3120, [6] depthwise, [15:8] max pixels per row,
    /// [17:16] B spad id, [19:18] A spad id. rs2: [0] no pool, [1] downsample, [2] input dilated,
    /// [4:3] activation (any nonzero value means ReLU, as libgemmini reads it into a bool).
    func loopConvWS(_ rs1: UInt64, _ rs2: UInt64, memory: any GemminiMemory) throws(GemminiError) {
        guard (rs2 >> 2) & 1 == 0 || (loopConv.rs2[1] >> 48) & 0xFF == 1 else {
            throw GemminiError("gemmini: LOOP_CONV_WS with a dilated input needs stride 1")
        }
        var plan = ConvLoopPlan(shape: ConvLoopShape(loopConv), rs1: rs1, rs2: rs2, configuration: configuration,
                                dim: dim, spadRows: spadRows)
        plan.dStart = (1 << 31) &+ convDRow
        plan.cStart = (3 << 30) &+ convCRow
        let half = UInt32(truncatingIfNeeded: accRows / 2)
        let rows = UInt32(truncatingIfNeeded: accRows)
        if plan.shape.bias != 0 { convDRow = rows == 0 ? 0 : (convDRow &+ half) % rows }
        if plan.shape.output != 0 { convCRow = rows == 0 ? 0 : (convCRow &+ half) % rows }

        if plan.shape.bias != 0 { try convLoadBias(plan, memory: memory) }
        if plan.shape.input != 0 { try convLoadInput(plan, memory: memory) }
        if plan.shape.weights != 0 { try convLoadWeights(plan, memory: memory) }
        try convCompute(plan)
        if plan.shape.output != 0 { try convStoreOutput(plan, memory: memory) }
    }

    /// Bias rows: each output pixel's row of the accumulator gets the bias vector (stride 0).
    private func convLoadBias(_ p: ConvLoopPlan, memory: any GemminiMemory) throws(GemminiError) {
        let s = p.shape
        let pixels = s.batches * s.orows * s.ocols
        try config((identityScaleBits << 32) | (UInt64(truncatingIfNeeded: int32(pixels)) << 16) | (1 << 8) | (2 << 3) | 1, 0)
        let perMvin = min(p.ochs, p.maxBlockLenAcc &* dim)
        guard perMvin > 0 || p.ochs == 0 else {
            throw GemminiError("gemmini: LOOP_CONV_WS bias mvin moves no channels (MAX_BYTES \(configuration.maxBytes) too small)")
        }
        guard s.ocols > 0 && p.ochs > 0 else { return }  // no mvin would be issued
        for b in 0..<s.batches {
            for orow in 0..<s.orows {
                for ocol in stride(from: 0, to: s.ocols, by: dim) {
                    let I = min(dim, s.ocols - ocol)
                    for och in stride(from: 0, to: p.ochs, by: max(perMvin, 1)) {
                        let J = min(perMvin, p.ochs - och)
                        let local = row(p.dStart, (och / dim) &* pixels &+ b &* s.orows &* s.ocols &+ orow &* s.ocols &+ ocol)
                        let dram = p.noBias ? 0 : s.bias &+ UInt64(och * p.accBytes)
                        try mvin(dram: dram, local: operand(I, J, local), mover: 2, memory: memory)
                    }
                }
            }
        }
    }

    /// Input image rows (with zero rows / columns for the padding) into the A region.
    private func convLoadInput(_ p: ConvLoopPlan, memory: any GemminiMemory) throws(GemminiError) {
        let s = p.shape
        let ds = p.ds
        var maxChs = int16(min(p.ichs, p.maxBlockLen &* dim))
        if p.transInput3120 { maxChs = int16(min(s.batches, p.maxBlockLen &* dim)) }
        let dramStride = UInt32(truncatingIfNeeded: (p.transInput3120 ? s.batchSize : s.inStride) * p.elemBytes)
        let plane = p.dsIrows &* p.dsIcols
        let spadStride = int32((p.transInput3120 ? p.ichs : s.batches) &* plane)
        try config((identityScaleBits << 32) | (UInt64(truncatingIfNeeded: spadStride) << 16)
                   | (UInt64(p.maxPixelsPerRow) << 8) | 1,
                   UInt64(dramStride << UInt32(ds)))
        let bStep = p.transInput3120 ? maxChs : 1
        let ichStep = p.transInput3120 ? 1 : maxChs
        let rowEnd = p.irowsUnpadded + p.undilated(s.dpad)
        let colEnd = p.icolsUnpadded + p.undilated(s.rpad)
        guard p.ichs > 0 else { return }  // no mvin would be issued
        // A legitimate image (its rows fit the scratchpad) takes far fewer steps than this; beyond it
        // the geometry has wrapped around libgemmini's 16-bit variables.
        let rowStart = int16(-p.undilated(s.upad)), colStart = int16(-p.undilated(s.lpad))
        let work = Double((s.batches + bStep - 1) / max(bStep, 1)) * Double(max(0, rowEnd - rowStart))
            * Double(max(0, colEnd - colStart)) * Double((p.ichs + ichStep - 1) / max(ichStep, 1))
        guard work <= 64 * Double(spadRows) else {
            throw GemminiError("gemmini: LOOP_CONV_WS input of \(s.batches) batches x \(rowEnd - rowStart) x \(colEnd - colStart) pixels does not fit the scratchpad")
        }

        var b = 0
        while b < s.batches {
            var irow = int16(-p.undilated(s.upad))
            while irow < rowEnd {
                let irowPadded = int16(irow + p.undilated(s.upad))
                var icol = int16(-p.undilated(s.lpad))
                while icol < colEnd {
                    var I: Int
                    if icol < 0 {
                        I = int16(min(dim, -icol))
                    } else if icol >= p.icolsUnpadded {
                        I = int16(min(dim, colEnd - icol))
                    } else {
                        I = int16(min(dim << ds, p.icolsUnpadded - icol))
                    }
                    let icolPadded = int16(icol + p.undilated(s.lpad))
                    let pixel = (irowPadded >> ds) &* p.dsIcols &+ (icolPadded >> ds)
                    let isZeros = irow < 0 || irow >= p.irowsUnpadded || icol < 0 || icol >= p.icolsUnpadded
                    var ich = 0
                    while ich < p.ichs {
                        let K: Int, local: UInt32, dram: UInt64
                        if p.transInput3120 {
                            K = int16(min(maxChs, s.batches - b))
                            local = row(p.aStart, (b / dim) &* spadStride &+ ich &* plane &+ pixel)
                            dram = address(s.input, ((ich &* s.inRowDim &* s.inColDim &+ irow &* s.inColDim &+ icol)
                                                     &* s.batchSize &+ b), p.elemBytes)
                        } else {
                            K = int16(min(maxChs, p.ichs - ich))
                            local = row(p.aStart, (ich / dim) &* spadStride &+ b &* plane &+ pixel)
                            dram = address(s.input, ((b &* s.inRowDim &* s.inColDim &+ irow &* s.inColDim &+ icol)
                                                     &* s.inStride &+ ich), p.elemBytes)
                        }
                        try mvin(dram: isZeros ? 0 : dram, local: operand(I >> ds, K, local), mover: 0, memory: memory)
                        ich = try advance(ich, by: ichStep, limit: Int(Int16.max))
                    }
                    icol = try advance(icol, by: I, limit: Int(Int16.max))
                }
                irow = try advance(irow, by: 1 << ds, limit: Int(Int16.max))
            }
            b = try advance(b, by: bStep, limit: Int(Int16.max))
        }
    }

    /// Weights into the B region: per block of DIM output channels (or DIM input channels with the
    /// 0132 layout), krows x kcols x kchs rows.
    private func convLoadWeights(_ p: ConvLoopPlan, memory: any GemminiMemory) throws(GemminiError) {
        let s = p.shape
        let t0132 = p.transWeight0132
        let maxChs = uint16(min(t0132 ? s.kchs : p.ochs, p.maxBlockLen &* dim))
        let dramStride: UInt64
        if p.depthwise {
            dramStride = UInt64(p.elemBytes)
        } else if p.transWeight1203 {
            dramStride = UInt64(truncatingIfNeeded: int32(s.kernelDim &* s.kernelDim &* s.outChannels)) &* UInt64(p.elemBytes)
        } else if t0132 {
            dramStride = UInt64(s.inChannels * p.elemBytes)
        } else {
            dramStride = UInt64(s.weightStride * p.elemBytes)
        }
        let blockStride = int32(s.krows &* s.kcols &* (t0132 ? p.ochs : s.kchs))
        try config((identityScaleBits << 32) | (UInt64(truncatingIfNeeded: blockStride) << 16) | (1 << 8) | (1 << 3) | 1,
                   dramStride)
        let ochStep = t0132 ? dim : maxChs
        guard s.kchs > 0 && p.ochs > 0 else { return }  // no mvin would be issued
        let kchStep = t0132 ? maxChs : dim

        var och = 0
        while och < p.ochs {
            for krow in 0..<s.krows {
                for kcol in 0..<s.kcols {
                    var kch = 0
                    while kch < s.kchs {
                        let K: Int, J: Int
                        if t0132 {
                            K = min(dim, p.ochs - och); J = min(maxChs, s.kchs - kch)
                        } else {
                            K = min(dim, s.kchs - kch); J = min(maxChs, p.ochs - och)
                        }
                        let local = p.weightRow(och: och, krow: krow, kcol: kcol, kch: kch)
                        let offset: Int
                        if p.depthwise {
                            offset = krow &* s.kernelDim &+ kcol
                        } else if p.transWeight1203 {
                            offset = (kch &* s.kernelDim &* s.kernelDim &+ krow &* s.kernelDim &+ kcol) &* s.outChannels &+ och
                        } else if t0132 {
                            offset = (krow &* s.kernelDim &* s.outChannels &+ kcol &* s.outChannels &+ och) &* s.inChannels &+ kch
                        } else {
                            offset = (krow &* s.kernelDim &* s.inChannels &+ kcol &* s.inChannels &+ kch) &* s.weightStride &+ och
                        }
                        try mvin(dram: address(s.weights, offset, p.elemBytes), local: operand(K, J, local), mover: 1, memory: memory)
                        kch = try advance(kch, by: kchStep, limit: Int(UInt16.max))
                    }
                }
            }
            och = try advance(och, by: ochStep, limit: Int(UInt16.max))
        }
    }

    /// The matmuls: for each weight tile (DIM output x DIM input channels at one kernel position, or
    /// several kernel columns with first-layer pixel packing), every output row segment of DIM pixels
    /// accumulates input · weights into its accumulator rows.
    private func convCompute(_ p: ConvLoopPlan) throws(GemminiError) {
        let s = p.shape
        let ds = p.ds
        let garbage = GemminiAccelerator.garbage
        let bStep = p.transInput3120 ? dim : 1
        let ocolStep = p.transInput3120 ? 1 : dim << p.dil
        if p.transInput3120 {
            let aStrideRows = uint16(p.irows &* p.icols)
            let cStrideRows = uint16(s.orows &* s.ocols)
            try config((UInt64(aStrideRows) << 16) | (1 << 7), UInt64(cStrideRows) << 48)
        }
        let limit = Int(UInt16.max)
        let plane = p.dsIrows &* p.dsIcols

        // Every weight tile meets every output row segment. A loop whose weights fit the scratchpad
        // and whose outputs fit the accumulator makes at most spadRows x accRows such steps; more
        // means rows out of range (where libgemmini stops) or a loop that would run for hours.
        func steps(_ n: Int, _ by: Int) -> Double { Double((n + by - 1) / by) }
        let tiles = steps(p.ochs, dim) * Double(s.krows) * steps(s.kcols, p.maxPixelsPerRow) * steps(s.kchs, dim)
        let segments = steps(s.batches, bStep) * Double(s.orows) * (p.dil != 0 ? Double(s.ocols) : steps(s.ocols, ocolStep))
        guard s.ocols > 0 && s.kchs > 0 && p.ochs > 0 else { return }  // no compute would be issued
        guard tiles * max(segments, 1) <= Double(spadRows) * Double(accRows) else {
            throw GemminiError("gemmini: LOOP_CONV_WS of \(Int(tiles)) weight tiles x \(Int(segments)) output segments exceeds what the scratchpad and accumulator hold")
        }

        var och = 0
        while och < p.ochs {
            let J = min(dim, p.ochs - och)
            for krow in 0..<s.krows {
                var kcol = 0
                while kcol < s.kcols {
                    let pixels = min(p.maxPixelsPerRow, s.kcols - kcol)
                    var kch = 0
                    while kch < s.kchs {
                        let K = uint16(pixels * min(dim, s.kchs - kch))
                        let krowW = p.wrot180 ? s.krows - krow - 1 : krow
                        let kcolW = p.wrot180 ? s.kcols - kcol - 1 : kcol
                        let weightsRow = p.weightRow(och: och, krow: krowW, kcol: kcolW, kch: kch)
                        var newWeights = true
                        var b = 0
                        while b < s.batches {
                            for orow in 0..<s.orows {
                                if p.dil != 0 && (krow * s.kernelDilation + orow - s.upad) % 2 != 0 { continue }
                                let irow = uint16(p.undilated(orow * s.stride + krow * s.kernelDilation))
                                var ocol = 0
                                while ocol < s.ocols {
                                    if p.dil != 0 && (kcol * s.kernelDilation + ocol - s.lpad) % 2 != 0 {
                                        ocol = try advance(ocol, by: 1, limit: limit)
                                        continue
                                    }
                                    let icol = uint16(p.undilated(ocol * s.stride + kcol * s.kernelDilation))
                                    let out = row(p.cStart, (och / dim) &* s.batches &* s.orows &* s.ocols
                                                  &+ b &* s.orows &* s.ocols &+ orow &* s.ocols &+ ocol)
                                    let I = p.transInput3120 ? min(dim, s.batches - b)
                                        : uint16(p.undilated(min(s.ocols - ocol, dim << p.dil)))
                                    let pixel = (irow >> ds) &* p.dsIcols &+ (icol >> ds)
                                    let a = p.transInput3120
                                        ? row(p.aStart, (b / dim) &* s.kchs &* plane &+ kch &* plane &+ pixel)
                                        : row(p.aStart, (kch / dim) &* s.batches &* plane &+ b &* plane &+ pixel)
                                    preload(bd: operand(K, J, newWeights ? weightsRow : garbage), c: operand(I, J, out))
                                    try compute(a: operand(I, K, a), bd: operand(I, J, garbage), preload: newWeights)
                                    newWeights = false
                                    ocol = try advance(ocol, by: ocolStep, limit: limit)
                                }
                            }
                            b = try advance(b, by: bStep, limit: limit)
                        }
                        kch = try advance(kch, by: dim, limit: limit)
                    }
                    kcol = try advance(kcol, by: p.maxPixelsPerRow, limit: limit)
                }
            }
            och = try advance(och, by: dim, limit: limit)
        }
    }

    /// Results out of the accumulator: row segments of DIM pixels, or (with pooling) through the
    /// pooling mvout, which config_st is set up for around it.
    private func convStoreOutput(_ p: ConvLoopPlan, memory: any GemminiMemory) throws(GemminiError) {
        let s = p.shape
        let limit = Int(UInt16.max)
        let pixels = s.batches &* s.orows &* s.ocols
        if p.noPool {
            guard s.ocols > 0 && p.ochs > 0 else { return }  // no mvout would be issued
            for b in 0..<s.batches {
                for orow in 0..<s.orows {
                    var ocol = 0
                    while ocol < s.ocols {
                        let I = min(dim, s.ocols - ocol)
                        var och = 0
                        while och < p.ochs {
                            let J = min(dim, p.ochs - och)
                            let local = row(p.cStart, (och / dim) &* pixels &+ b &* s.orows &* s.ocols &+ orow &* s.ocols &+ ocol)
                            let offset = p.transOutput1203
                                ? (orow &* s.outColDim &* s.batchSize &+ ocol &* s.batchSize &+ b) &* s.outChannels &+ och
                                : (b &* s.outRowDim &* s.outColDim &+ orow &* s.outColDim &+ ocol) &* s.outStride &+ och
                            try mvout(dram: address(s.output, offset, p.elemBytes), local: operand(I, J, local), memory: memory)
                            och = try advance(och, by: dim, limit: limit)
                        }
                        ocol = try advance(ocol, by: dim, limit: limit)
                    }
                }
            }
            return
        }
        let act: UInt64 = p.relu ? 1 : 0
        let storeRS2 = (UInt64(accScale.bitPattern) << 32) | UInt64(s.outStride * p.elemBytes)
        let poolRS1 = (UInt64(s.ocols) << 56) | (UInt64(s.orows) << 48) | (UInt64(s.pocols) << 40)
            | (UInt64(s.porows) << 32) | (UInt64(s.poolOutColDim) << 24) | (UInt64(s.plpad) << 10)
            | (UInt64(s.pupad) << 8) | (UInt64(s.poolSize) << 6) | (UInt64(s.poolStride) << 4) | (act << 2) | 2
        try config(poolRS1, storeRS2)
        let pooledWork = Double(s.batches) * Double((s.pochs + dim - 1) / dim)
            * Double(max(1, poolPorows * poolPocols * poolSize * poolSize))
        guard pooledWork <= 1024 * Double(accRows) else {
            throw GemminiError("gemmini: LOOP_CONV_WS pooled output of \(s.batches) batches x \(s.pochs) channels exceeds the accumulator")
        }
        for b in 0..<s.batches {
            for poch in stride(from: 0, to: s.pochs, by: dim) {
                let channels = poch + dim >= s.pochs ? s.pochs - poch : dim
                let local = row(p.cStart, (poch / dim) &* pixels &+ b &* s.orows &* s.ocols)
                let offset = (b &* s.poolOutRowDim &* s.poolOutColDim) &* s.outStride &+ poch
                try mvout(dram: address(s.output, offset, p.elemBytes), local: operand(0, channels, local), memory: memory)
            }
        }
        try config((act << 2) | 2, storeRS2)
    }
}

/// Everything LOOP_CONV_WS derives from its configuration before issuing commands.
struct ConvLoopPlan {
    let shape: ConvLoopShape
    let noBias, wrot180, transOutput1203, transWeight1203, transWeight0132, transInput3120, depthwise: Bool
    let maxPixelsPerRow: Int
    let noPool, relu: Bool
    /// Downsampling (input read at every other pixel) and input dilation, as 0 / 1 shift amounts.
    let ds, dil: Int
    let dim, elemBytes, accBytes, maxBlockLen, maxBlockLenAcc: Int
    let ochs, ichs: Int
    /// Input image extent including padding, as libgemmini's int16 variables hold them.
    let irows, icols, irowsUnpadded, icolsUnpadded: Int
    let dsIrows, dsIcols: Int
    let aStart, bStart: UInt32
    var dStart: UInt32 = 0, cStart: UInt32 = 0

    init(shape s: ConvLoopShape, rs1: UInt64, rs2: UInt64, configuration: GemminiConfiguration, dim: Int, spadRows: Int) {
        shape = s
        noBias = rs1 & 1 != 0
        wrot180 = (rs1 >> 1) & 1 != 0
        transOutput1203 = (rs1 >> 2) & 1 != 0
        transWeight1203 = (rs1 >> 3) & 1 != 0
        transWeight0132 = (rs1 >> 4) & 1 != 0
        transInput3120 = (rs1 >> 5) & 1 != 0
        depthwise = (rs1 >> 6) & 1 != 0
        let pixels = Int((rs1 >> 8) & 0xFF)
        maxPixelsPerRow = pixels == 0 ? 1 : pixels
        noPool = rs2 & 1 != 0
        ds = Int((rs2 >> 1) & 1)
        dil = Int((rs2 >> 2) & 1)
        relu = (rs2 >> 3) & 3 != 0
        let aSpadID = (rs1 >> 18) & 3, bSpadID = (rs1 >> 16) & 3

        self.dim = dim
        elemBytes = configuration.elementType.byteCount
        accBytes = configuration.accumulatorType.byteCount
        maxBlockLen = configuration.maxBytes / (dim * elemBytes)
        maxBlockLenAcc = configuration.maxBytes / (dim * accBytes)
        ochs = s.pochs
        ichs = int16(s.kchs)

        let dil = self.dil
        func undilated(_ x: Int) -> Int { (x + dil) >> dil }
        let dilatedKrows = int16(s.krows + (s.kernelDilation - 1) * (s.krows - 1))
        let dilatedKcols = int16(s.kcols + (s.kernelDilation - 1) * (s.kcols - 1))
        let irowsWithoutDilation = int16(s.orows * s.stride + dilatedKrows - 1)
        let icolsWithoutDilation = int16(s.ocols * s.stride + dilatedKcols - 1)
        let irowsUnpaddedWithoutDilation = int16(irowsWithoutDilation - s.upad - s.dpad)
        let icolsUnpaddedWithoutDilation = int16(icolsWithoutDilation - s.lpad - s.rpad)
        irowsUnpadded = dil != 0 ? int16((irowsUnpaddedWithoutDilation + 1) / 2) : irowsUnpaddedWithoutDilation
        icolsUnpadded = dil != 0 ? int16((icolsUnpaddedWithoutDilation + 1) / 2) : icolsUnpaddedWithoutDilation
        irows = dil != 0 ? int16(irowsUnpadded + undilated(s.upad) + undilated(s.dpad)) : irowsWithoutDilation
        icols = dil != 0 ? int16(icolsUnpadded + undilated(s.lpad) + undilated(s.rpad)) : icolsWithoutDilation
        dsIrows = irows >> ds
        dsIcols = icols >> ds

        let outBanks = ochs / dim + (ochs % dim != 0 ? 1 : 0)
        let inBanks = s.kchs / dim + (s.kchs % dim != 0 ? 1 : 0)
        let bRows = int32(transWeight0132 ? inBanks &* s.kcols &* s.krows &* ochs : outBanks &* s.kcols &* s.krows &* s.kchs)
        aStart = aSpadID == 2 ? UInt32(truncatingIfNeeded: spadRows / 2) : 0
        bStart = UInt32(truncatingIfNeeded: (bSpadID == 2 ? spadRows : spadRows / 2) &- bRows)
    }

    @inline(__always) func undilated(_ x: Int) -> Int { (x + dil) >> dil }

    /// Scratchpad row of the weight tile at (och, krow, kcol, kch).
    @inline(__always) func weightRow(och: Int, krow: Int, kcol: Int, kch: Int) -> UInt32 {
        let s = shape
        if transWeight0132 {
            return row(bStart, (kch / dim) &* s.krows &* s.kcols &* ochs &+ krow &* s.kcols &* ochs &+ kcol &* ochs &+ och)
        }
        return row(bStart, (och / dim) &* s.krows &* s.kcols &* s.kchs &+ krow &* s.kcols &* s.kchs &+ kcol &* s.kchs &+ kch)
    }
}
