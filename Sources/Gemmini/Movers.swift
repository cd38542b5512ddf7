extension GemminiAccelerator {
    static let garbage: UInt32 = 0xFFFF_FFFF

    // MARK: - MVIN

    /// MVIN / MVIN2 / MVIN3: `rows` x `cols` elements from main memory (row stride from the mover's
    /// config_ld) to a scratchpad or accumulator address. Column block b (of DIM columns) lands
    /// `b * blockStride` rows further. Main-memory address 0 loads zeros.
    func mvin(dram: UInt64, local: UInt64, mover: Int, memory: any GemminiMemory) throws(GemminiError) {
        if configuration.isFloat { try mvinFloat(dram: dram, local: local, mover: mover, memory: memory); return }
        let (toAcc, accumulate, base, cols, rows) = Self.mvinOperand(local)
        let state = load[mover]
        guard rows > 0 && cols > 0 else { countLoad(rows: 0); return }

        let blocks = (cols + dim - 1) / dim
        let capacity = toAcc ? accRows : spadRows
        let lastRow = base + rows - 1 + (blocks - 1) * state.blockStride
        guard lastRow < capacity else {
            throw GemminiError("gemmini: mvin of \(rows)x\(cols) to \(toAcc ? "accumulator" : "scratchpad") row \(base) reaches row \(lastRow), beyond its \(capacity) rows")
        }
        let wide = toAcc && !state.shrunk
        let elemBytes = wide ? 4 : 1
        let rowBytes = cols * elemBytes
        ensureTransfer(rowBytes)
        let zeros = dram == 0
        let scale = Float(bitPattern: state.scaleBits)
        let identityScale = state.scaleBits == 0x3F80_0000
        // Scaled int8 values of one row: shared by both destinations.
        let values = transfer.baseAddress!

        if state.pixelsPerRow > 1 {
            try mvinPixels(dram: dram, base: base, rows: rows, cols: cols, toAcc: toAcc, accumulate: accumulate,
                           wide: wide, state: state, memory: memory)
            countLoad(rows: rows * blocks)
            return
        }

        for row in 0..<rows {
            if zeros {
                values.initializeMemory(as: UInt8.self, repeating: 0, count: rowBytes)
            } else {
                try readMemory(dram &+ UInt64(row) &* state.stride, rowBytes, memory, "mvin")
                if !wide && !identityScale {
                    let p = values.assumingMemoryBound(to: Int8.self)
                    for c in 0..<cols { p[c] = scaleToInt8(Int32(p[c]), scale) }
                }
            }
            for block in 0..<blocks {
                let target = base + row + block * state.blockStride
                let c0 = block * dim
                let n = min(dim, cols - c0)
                if toAcc {
                    let dst = accI32 + target * dim
                    if wide {
                        let src = values + c0 * 4
                        if accumulate {
                            for c in 0..<n { dst[c] &+= Int32(littleEndian: src.loadUnaligned(fromByteOffset: c * 4, as: Int32.self)) }
                        } else {
                            for c in 0..<n { dst[c] = Int32(littleEndian: src.loadUnaligned(fromByteOffset: c * 4, as: Int32.self)) }
                        }
                    } else {
                        let src = values.assumingMemoryBound(to: Int8.self) + c0
                        if accumulate {
                            for c in 0..<n { dst[c] &+= Int32(src[c]) }
                        } else {
                            for c in 0..<n { dst[c] = Int32(src[c]) }
                        }
                    }
                } else {
                    (spadI8 + target * dim).update(from: values.assumingMemoryBound(to: Int8.self) + c0, count: n)
                }
            }
        }
        countLoad(rows: rows * blocks)
    }

    /// The first-layer "pixel repeat" mvin: element (row, col) is also written `p` rows higher and
    /// `p * cols` columns further right, for each p below the repeat count (and not above the row).
    private func mvinPixels(dram: UInt64, base: Int, rows: Int, cols: Int, toAcc: Bool, accumulate: Bool,
                            wide: Bool, state: LoadState, memory: any GemminiMemory) throws(GemminiError) {
        let elemBytes = wide ? 4 : 1
        let rowBytes = cols * elemBytes
        let scale = Float(bitPattern: state.scaleBits)
        let identityScale = state.scaleBits == 0x3F80_0000
        let values = transfer.baseAddress!
        for row in 0..<rows {
            if dram == 0 {
                values.initializeMemory(as: UInt8.self, repeating: 0, count: rowBytes)
            } else {
                try readMemory(dram &+ UInt64(row) &* state.stride, rowBytes, memory, "mvin")
            }
            for col in 0..<cols {
                let spadRow = base + row + (col / dim) * state.blockStride
                let spadCol = col % dim
                var value: Int32
                if dram == 0 {
                    value = 0
                } else if wide {
                    value = Int32(littleEndian: values.loadUnaligned(fromByteOffset: col * 4, as: Int32.self))
                } else {
                    let e = values.load(fromByteOffset: col, as: Int8.self)
                    value = Int32(identityScale ? e : scaleToInt8(Int32(e), scale))
                }
                var pixel = 0
                while pixel < state.pixelsPerRow && pixel <= spadRow {
                    let r = spadRow - pixel
                    let c = spadCol + pixel * cols
                    guard c < dim else {
                        throw GemminiError("gemmini: mvin with \(state.pixelsPerRow) pixel repeats of \(cols) columns overflows a \(dim)-element row")
                    }
                    if toAcc {
                        if accumulate { accI32[r * dim + c] &+= value } else { accI32[r * dim + c] = value }
                    } else {
                        spadI8[r * dim + c] = Int8(truncatingIfNeeded: value)
                    }
                    pixel += 1
                }
            }
        }
    }

    // MARK: - MVOUT

    /// MVOUT: `rows` x `cols` from the scratchpad or accumulator to main memory (row stride from
    /// config_st). Column block b is read from `b * DIM` rows further. From the accumulator: the
    /// normalisation command (bits 28:26), pre-activation, acc scale and activation apply, or the raw
    /// int32 with bit 29. With pooling configured, max-pools instead.
    func mvout(dram: UInt64, local: UInt64, memory: any GemminiMemory) throws(GemminiError) {
        if configuration.isFloat { try mvoutFloat(dram: dram, local: local, memory: memory); return }
        let (fromAcc, full, normCmd, base, cols, rows) = Self.mvoutOperand(local)
        let capacity = fromAcc ? accRows : spadRows

        if poolStride != 0 {
            try mvoutPooled(dram: dram, base: base, channels: cols, fromAcc: fromAcc, capacity: capacity, memory: memory)
            return
        }
        guard rows > 0 && cols > 0 else { countStore(rows: 0, pooled: false); return }
        let blocks = (cols + dim - 1) / dim
        let lastRow = base + (blocks - 1) * dim + rows - 1
        guard lastRow < capacity else {
            throw GemminiError("gemmini: mvout of \(rows)x\(cols) from \(fromAcc ? "accumulator" : "scratchpad") row \(base) reaches row \(lastRow), beyond its \(capacity) rows")
        }
        let outBytes = fromAcc && full ? 4 : 1
        let rowBytes = cols * outBytes
        ensureTransfer(rowBytes)
        let out = transfer.baseAddress!
        let act = accActivation
        let simple = act <= 1
        let identityScale = accScale == 1
        let scale = accScale

        for i in 0..<rows {
            if fromAcc {
                var shouldWrite = true
                for block in 0..<blocks {
                    let row = base + block * dim + i
                    let len = min(dim, cols - block * dim)
                    let cmd = block == blocks - 1 ? normCmd : nonTerminating(normCmd)
                    shouldWrite = try applyNorm(accI32 + row * dim, len, cmd)
                }
                if !shouldWrite { continue }
            }
            for block in 0..<blocks {
                let row = base + block * dim + i
                let c0 = block * dim
                let n = min(dim, cols - c0)
                if !fromAcc {
                    (out.assumingMemoryBound(to: Int8.self) + c0).update(from: spadI8 + row * dim, count: n)
                    continue
                }
                let src = accI32 + row * dim
                if full {
                    for c in 0..<n {
                        let v = simple ? src[c] : try preActivation(src[c])
                        out.storeBytes(of: v.littleEndian, toByteOffset: (c0 + c) * 4, as: Int32.self)
                    }
                } else {
                    let dst = out.assumingMemoryBound(to: Int8.self) + c0
                    if simple && identityScale {
                        for c in 0..<n { dst[c] = saturateInt8(src[c]) }
                    } else {
                        for c in 0..<n {
                            let v = simple ? src[c] : try preActivation(src[c])
                            dst[c] = scaleToInt8(v, scale)
                        }
                    }
                    if act == 1 {
                        for c in 0..<n where dst[c] < 0 { dst[c] = 0 }
                    }
                }
            }
            try writeMemory(dram &+ UInt64(i) &* storeStride, rowBytes, memory, "mvout")
        }
        countStore(rows: rows * blocks, pooled: false)
    }

    /// Max-pooling mvout: for each pooled output pixel and channel, the maximum over the window of the
    /// (scaled, activated) values, where positions outside the orows x ocols image count as 0.
    private func mvoutPooled(dram: UInt64, base: Int, channels: Int, fromAcc: Bool, capacity: Int,
                             memory: any GemminiMemory) throws(GemminiError) {
        guard channels <= dim else {
            throw GemminiError("gemmini: pooled mvout of \(channels) channels (at most \(dim))")
        }
        guard channels > 0 else { countStore(rows: 0, pooled: true); return }
        ensureTransfer(channels)
        let out = transfer.baseAddress!.assumingMemoryBound(to: Int8.self)
        let identityScale = accScale == 1
        let relu = accActivation == 1
        for porow in 0..<poolPorows {
            for pocol in 0..<poolPocols {
                for ch in 0..<channels { out[ch] = -128 }
                for wrow in 0..<poolSize {
                    for wcol in 0..<poolSize {
                        let orow = porow * poolStride + wrow - poolUpad
                        let ocol = pocol * poolStride + wcol - poolLpad
                        if orow < 0 || ocol < 0 || orow >= poolOrows || ocol >= poolOcols {
                            for ch in 0..<channels where out[ch] < 0 { out[ch] = 0 }
                            continue
                        }
                        let row = base + orow * poolOcols + ocol
                        guard row < capacity else {
                            throw GemminiError("gemmini: pooled mvout reads \(fromAcc ? "accumulator" : "scratchpad") row \(row), beyond its \(capacity) rows")
                        }
                        if fromAcc {
                            let src = accI32 + row * dim
                            for ch in 0..<channels {
                                var e = identityScale ? saturateInt8(src[ch]) : scaleToInt8(src[ch], accScale)
                                if relu && e < 0 { e = 0 }
                                if e > out[ch] { out[ch] = e }
                            }
                        } else {
                            let src = spadI8 + row * dim
                            for ch in 0..<channels where src[ch] > out[ch] { out[ch] = src[ch] }
                        }
                    }
                }
                let address = dram &+ UInt64(porow * poolOutDim + pocol) &* storeStride
                try writeMemory(address, channels, memory, "pooled mvout")
            }
        }
        countStore(rows: poolPorows * poolPocols, pooled: true)
    }

    // MARK: - Normalisation (layernorm / softmax statistics, iGELU)

    func nonTerminating(_ cmd: Int) -> Int {
        switch cmd {
        case 2: 1  // MEAN -> SUM
        case 4: 3  // INV_STDDEV -> VARIANCE
        case 7: 6  // INV_SUM_EXP -> SUM_EXP
        default: cmd
        }
    }

    /// One normalisation step over `len` accumulator values; returns whether the mvout writes memory
    /// (only the RESET command does). Commands: 0 reset, 1 sum, 2 mean, 3 variance, 4 inv-stddev,
    /// 5 max, 6 sum-exp, 7 inv-sum-exp.
    func applyNorm(_ x: UnsafeMutablePointer<Int32>, _ len: Int, _ cmd: Int) throws(GemminiError) -> Bool {
        let id = normStatID
        if norm[id].reset {
            norm[id].sum = 0
            norm[id].count = 0
            norm[id].runningMax = Int32.min
        }
        norm[id].reset = cmd == 0 || cmd == 2 || cmd == 4
        switch cmd {
        case 1, 2:
            for i in 0..<len { norm[id].sum &+= x[i] }
            norm[id].count &+= Int32(len)
        case 3, 4:
            let mean = norm[id].mean
            for i in 0..<len { let d = x[i] &- mean; norm[id].sum &+= d &* d }
            norm[id].count &+= Int32(len)
        case 5:
            for i in 0..<len where x[i] > norm[id].runningMax { norm[id].runningMax = x[i] }
        case 6, 7:
            norm[id].max = norm[id].runningMax
            let m = norm[id].max
            for i in 0..<len {
                norm[id].sum &+= iExp(x[i] &- m, igeluQb, igeluQc, qln2, qln2Inv)
            }
        default: break
        }
        switch cmd {
        case 2:
            guard norm[id].count != 0 else { throw GemminiError("gemmini: layernorm mean over zero elements") }
            norm[id].mean = norm[id].sum.dividedReportingOverflow(by: norm[id].count).partialValue
        case 4:
            guard norm[id].count != 0 else { throw GemminiError("gemmini: layernorm variance over zero elements") }
            let variance = norm[id].sum.dividedReportingOverflow(by: norm[id].count).partialValue
            var stddev = truncateToInt32(Double(variance).squareRoot())
            if variance == 0 { stddev = 1 }
            norm[id].invStddev = 1 / Float(stddev)
        case 7:
            norm[id].runningMax = Int32.min
            norm[id].invSumExp = 127 / Float(norm[id].sum)
        default: break
        }
        return cmd == 0
    }

    /// The accumulator-side activation applied before the acc scale: iGELU (3), layernorm (2),
    /// softmax (4); identity otherwise.
    @inline(__always)
    func preActivation(_ value: Int32) throws(GemminiError) -> Int32 {
        switch accActivation {
        case 3:
            return iGELU(value, igeluQb, igeluQc)
        case 2:
            let s = norm[normStatID]
            return truncateToInt32(Float(value &- s.mean) * s.invStddev)
        case 4:
            let s = norm[normStatID]
            let e = iExp(value &- s.max, igeluQb, igeluQc, qln2, qln2Inv)
            return Int32(scaleToInt8(e, s.invSumExp))
        default:
            return value
        }
    }

    /// An mvin's local operand: accumulator?, accumulate?, first row, columns, rows.
    static func mvinOperand(_ local: UInt64) -> (Bool, Bool, Int, Int, Int) {
        ((local >> 31) & 1 != 0, (local >> 30) & 1 != 0, Int(local & 0x1FFF_FFFF),
         Int((local >> 32) & 0xFFFF), Int((local >> 48) & 0xFFFF))
    }

    /// An mvout's local operand: accumulator?, full width?, normalisation command (bits 28:26), first
    /// row, columns, rows.
    static func mvoutOperand(_ local: UInt64) -> (Bool, Bool, Int, Int, Int, Int) {
        ((local >> 31) & 1 != 0, (local >> 29) & 1 != 0, Int((local >> 26) & 7), Int(local & 0x3FF_FFFF),
         Int((local >> 32) & 0xFFFF), Int((local >> 48) & 0xFFFF))
    }
}
