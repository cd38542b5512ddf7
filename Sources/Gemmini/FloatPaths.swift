// The movers and the systolic array of the float configurations (FP32, BF16), following the RTL's
// intended semantics (see FloatArithmetic.swift). Each command picks its formats once and runs a loop
// specialised for them.
//
// Storage: scratchpad elements packed at the element type's width; accumulator rows of 32-bit words
// (a BF16 accumulator value in the low half). The per-PE buffers hold raw bits as UInt32.

extension GemminiAccelerator {
    var accU32: UnsafeMutablePointer<UInt32> { UnsafeMutableRawPointer(accI32).assumingMemoryBound(to: UInt32.self) }

    /// A config scale field (the scale type's bits in its low bits) as FP32 bits.
    func scaleFieldAsFP32(_ field: UInt32) -> UInt32 {
        configuration.scaleType == .bf16 ? bf16ToFP32(field & 0xFFFF) : field
    }

    /// config_st's acc scale field for a float configuration: all ones (at the scale type's width) keeps
    /// the previous scale.
    func floatAccScale(field: UInt32) -> Float {
        let allOnes: UInt32 = configuration.scaleType == .bf16 ? 0xFFFF : 0xFFFF_FFFF
        if field & allOnes == allOnes { return accScale }
        return Float(bitPattern: scaleFieldAsFP32(field))
    }

    // MARK: - Dispatch

    func mvinFloat(dram: UInt64, local: UInt64, mover: Int, memory: any GemminiMemory) throws(GemminiError) {
        switch (configuration.elementType, configuration.accumulatorType) {
        case (.fp32, .fp32): try mvinFloat(FP32Format.self, FP32Format.self, dram: dram, local: local, mover: mover, memory: memory)
        case (.bf16, .bf16): try mvinFloat(BF16Format.self, BF16Format.self, dram: dram, local: local, mover: mover, memory: memory)
        case (.bf16, .fp32): try mvinFloat(BF16Format.self, FP32Format.self, dram: dram, local: local, mover: mover, memory: memory)
        default: throw GemminiError(configuration.unsupportedReason ?? "gemmini: unsupported float configuration")
        }
    }

    func mvoutFloat(dram: UInt64, local: UInt64, memory: any GemminiMemory) throws(GemminiError) {
        switch (configuration.elementType, configuration.accumulatorType) {
        case (.fp32, .fp32): try mvoutFloat(FP32Format.self, FP32Format.self, dram: dram, local: local, memory: memory)
        case (.bf16, .bf16): try mvoutFloat(BF16Format.self, BF16Format.self, dram: dram, local: local, memory: memory)
        case (.bf16, .fp32): try mvoutFloat(BF16Format.self, FP32Format.self, dram: dram, local: local, memory: memory)
        default: throw GemminiError(configuration.unsupportedReason ?? "gemmini: unsupported float configuration")
        }
    }

    // MARK: - MVIN

    /// Copies `bytes` bytes; a DIM-4 row of BF16 or FP32 (8 or 16 bytes) without a call to memmove.
    @inline(__always)
    private func copyRow(_ dst: UnsafeMutableRawPointer, _ src: UnsafeRawPointer, bytes: Int) {
        switch bytes {
        case 8: dst.storeBytes(of: src.loadUnaligned(as: UInt64.self), as: UInt64.self)
        case 16: dst.storeBytes(of: src.loadUnaligned(as: SIMD2<UInt64>.self), as: SIMD2<UInt64>.self)
        default: dst.copyMemory(from: src, byteCount: bytes)
        }
    }

    /// Float MVIN: into the scratchpad or "shrunk" into the accumulator, each element is multiplied by
    /// the scale rounded to the element type (one rounding), then widened exactly; a full-width mvin into
    /// the accumulator multiplies in the accumulator type. A scale of 1.0 is skipped (an exact no-op).
    /// With the accumulate bit, `acc = round_acc(acc + x)`. Main-memory address 0 loads +0s. Pixel
    /// repeats (config_ld rs1[15:8]) place the elements as the int8 mvin does.
    private func mvinFloat<E: GemminiFloatFormat, A: GemminiFloatFormat>(
        _: E.Type, _: A.Type, dram: UInt64, local: UInt64, mover: Int, memory: any GemminiMemory
    ) throws(GemminiError) {
        let (toAcc, accumulate, base, cols, rows) = Self.mvinOperand(local)
        let state = load[mover]
        guard rows > 0 && cols > 0 else { countLoad(rows: 0); return }
        let blocks = cols <= dim ? 1 : (cols + dim - 1) / dim
        let capacity = toAcc ? accRows : spadRows
        let lastRow = base + rows - 1 + (blocks - 1) * state.blockStride
        guard lastRow < capacity else {
            throw GemminiError("gemmini: mvin of \(rows)x\(cols) to \(toAcc ? "accumulator" : "scratchpad") row \(base) reaches row \(lastRow), beyond its \(capacity) rows")
        }
        let wide = toAcc && !state.shrunk
        let rowBytes = cols * (wide ? A.byteCount : E.byteCount)
        ensureTransfer(rowBytes)
        let zeros = dram == 0
        let scale32 = scaleFieldAsFP32(state.scaleBits)
        let scaleE = E.fromFP32(scale32), scaleA = A.fromFP32(scale32)
        let scaleInE = scaleE != E.one, scaleInA = scaleA != A.one
        let values = UnsafeMutableRawPointer(transfer.baseAddress!)
        let acc = accU32
        let n = dim

        if state.pixelsPerRow > 1 {
            // The first-layer "pixel repeat" mvin, placed as the int8 path places it: element (row, col)
            // is also written `p` rows higher and `p * cols` columns further right, for each p below the
            // repeat count (and not above the row). Each element is scaled and widened as below.
            for row in 0..<rows {
                if zeros {
                    values.initializeMemory(as: UInt8.self, repeating: 0, count: rowBytes)
                } else {
                    try readMemory(dram &+ UInt64(row) &* state.stride, rowBytes, memory, "mvin")
                }
                for col in 0..<cols {
                    let spadRow = base + row + (col / n) * state.blockStride
                    let spadCol = col % n
                    // The value in the destination's type (A into the accumulator, E into the scratchpad).
                    var x: UInt32 = 0
                    if !zeros {
                        if wide {
                            x = loadFloat(values, col, A.self)
                            if scaleInA { x = A.mul(x, scaleA) }
                        } else {
                            x = loadFloat(values, col, E.self)
                            if scaleInE { x = E.mul(x, scaleE) }
                            if toAcc { x = convertFloat(x, from: E.self, to: A.self) }
                        }
                    }
                    var pixel = 0
                    while pixel < state.pixelsPerRow && pixel <= spadRow {
                        let r = spadRow - pixel
                        let c = spadCol + pixel * cols
                        guard c < n else {
                            throw GemminiError("gemmini: mvin with \(state.pixelsPerRow) pixel repeats of \(cols) columns overflows a \(n)-element row")
                        }
                        if toAcc {
                            acc[r * n + c] = accumulate ? A.add(acc[r * n + c], x) : x
                        } else {
                            storeFloat(x, scratchpad + r * n * E.byteCount, c, E.self)
                        }
                        if let check = bf16Check {
                            checkMvin(check, E.self, A.self, input: values, first: col, count: 1, wide: wide,
                                      scaled: !zeros && (wide ? scaleInA : scaleInE), scale32: scale32,
                                      accumulate: toAcc && accumulate, accIndex: toAcc ? r * n + c : nil,
                                      spadRow: scratchpad + (r * n + c) * E.byteCount)
                        }
                        pixel += 1
                    }
                }
            }
            countLoad(rows: rows * blocks)
            return
        }

        if zeros { values.initializeMemory(as: UInt8.self, repeating: 0, count: rowBytes) }
        let copied = zeros ? nil : copiedRows(dram, rows: rows, bytes: rowBytes, stride: state.stride, memory: memory)
        for row in 0..<rows {
            let rowValues = zeros ? UnsafeRawPointer(values)
                : try readRow(row, of: copied, dram, stride: state.stride, rowBytes, memory, "mvin")
            let scaled = !zeros
            for block in 0..<blocks {
                let target = base + row + block * state.blockStride
                let c0 = block * n
                let count = min(n, cols - c0)
                if toAcc {
                    let dst = acc + target * n
                    for c in 0..<count {
                        var x: UInt32
                        if wide {
                            x = loadFloat(rowValues, c0 + c, A.self)
                            if scaled && scaleInA { x = A.mul(x, scaleA) }
                        } else {
                            var e = loadFloat(rowValues, c0 + c, E.self)
                            if scaled && scaleInE { e = E.mul(e, scaleE) }
                            x = convertFloat(e, from: E.self, to: A.self)
                        }
                        dst[c] = accumulate ? A.add(dst[c], x) : x
                    }
                    if let check = bf16Check {
                        checkMvin(check, E.self, A.self, input: rowValues, first: c0, count: count, wide: wide,
                                  scaled: scaled && (wide ? scaleInA : scaleInE), scale32: scale32,
                                  accumulate: accumulate, accIndex: target * n, spadRow: nil)
                    }
                } else {
                    let dst = scratchpad + target * n * E.byteCount
                    if scaled && scaleInE {
                        for c in 0..<count {
                            storeFloat(E.mul(loadFloat(rowValues, c0 + c, E.self), scaleE), dst, c, E.self)
                        }
                    } else {
                        copyRow(dst, rowValues + c0 * E.byteCount, bytes: count * E.byteCount)
                    }
                    if let check = bf16Check, scaled && scaleInE {
                        checkMvin(check, E.self, A.self, input: rowValues, first: c0, count: count, wide: false,
                                  scaled: true, scale32: scale32, accumulate: false, accIndex: nil, spadRow: dst)
                    }
                }
            }
        }
        countLoad(rows: rows * blocks)
    }

    // MARK: - MVOUT

    /// Float MVOUT: scratchpad rows are copied raw; accumulator rows get ReLU (any value with the sign bit
    /// set becomes +0), then the acc scale multiply in the accumulator type, then conversion to the element
    /// type; a full-width mvout (bit 29) copies the raw accumulator values. With pooling configured
    /// (config_st pool stride), max-pools instead (`mvoutPooledFloat`).
    private func mvoutFloat<E: GemminiFloatFormat, A: GemminiFloatFormat>(
        _: E.Type, _: A.Type, dram: UInt64, local: UInt64, memory: any GemminiMemory
    ) throws(GemminiError) {
        let (fromAcc, full, normCmd, base, cols, rows) = Self.mvoutOperand(local)
        let capacity = fromAcc ? accRows : spadRows
        if fromAcc && normCmd != 0 {
            throw GemminiError("gemmini: mvout normalisation command \(normCmd) (\(normCommandName(normCmd))) is unsupported in a float configuration: \(GemminiAccelerator.noFloatNormaliser)")
        }
        if poolStride != 0 {
            try mvoutPooledFloat(E.self, A.self, dram: dram, base: base, channels: cols, fromAcc: fromAcc,
                                 capacity: capacity, memory: memory)
            return
        }
        guard rows > 0 && cols > 0 else { countStore(rows: 0, pooled: false); return }
        let blocks = cols <= dim ? 1 : (cols + dim - 1) / dim
        let lastRow = base + (blocks - 1) * dim + rows - 1
        guard lastRow < capacity else {
            throw GemminiError("gemmini: mvout of \(rows)x\(cols) from \(fromAcc ? "accumulator" : "scratchpad") row \(base) reaches row \(lastRow), beyond its \(capacity) rows")
        }
        if fromAcc && !full { try checkFloatActivation() }
        let outBytes = fromAcc && full ? A.byteCount : E.byteCount
        let rowBytes = cols * outBytes
        ensureTransfer(rowBytes)
        let out = UnsafeMutableRawPointer(transfer.baseAddress!)
        let relu = accActivation == 1
        let scaleA = A.fromFP32(accScale.bitPattern)
        let acc = accU32
        let n = dim

        for i in 0..<rows {
            for block in 0..<blocks {
                let row = base + block * n + i
                let c0 = block * n
                let count = min(n, cols - c0)
                if !fromAcc {
                    (out + c0 * E.byteCount).copyMemory(from: scratchpad + row * n * E.byteCount, byteCount: count * E.byteCount)
                    continue
                }
                let src = acc + row * n
                if full {
                    for c in 0..<count { storeFloat(src[c], out, c0 + c, A.self) }
                } else {
                    for c in 0..<count {
                        var x = src[c]
                        if relu { x = reluFloat(x, A.self) }
                        x = A.mul(x, scaleA)
                        storeFloat(convertFloat(x, from: A.self, to: E.self), out, c0 + c, E.self)
                    }
                    if E.isBF16, let check = bf16Check {
                        checkMvout(check, E.self, out: out, first: c0, count: count, accIndex: row * n, relu: relu)
                    }
                }
            }
            try writeMemory(dram &+ UInt64(i) &* storeStride, rowBytes, memory, "mvout")
        }
        countStore(rows: rows * blocks, pooled: false)
    }

    /// Why layernorm, softmax and iGELU are refused in a float configuration.
    static let noFloatNormaliser = "layernorm, softmax and iGELU are the integer (I-BERT) normalisations of Gemmini's normaliser, which has no float version"

    private func normCommandName(_ cmd: Int) -> String {
        switch cmd {
        case 1: "layernorm sum"
        case 2: "layernorm mean"
        case 3: "layernorm variance"
        case 4: "layernorm inverse standard deviation"
        case 5: "softmax max"
        case 6: "softmax sum of exponentials"
        case 7: "softmax inverse sum of exponentials"
        default: "reset"
        }
    }

    /// Refuses the accumulator activations other than none and ReLU (2 layernorm, 3 iGELU, 4 softmax).
    private func checkFloatActivation() throws(GemminiError) {
        guard accActivation > 1 else { return }
        let name = accActivation == 2 ? "layernorm" : accActivation == 3 ? "iGELU" : "softmax"
        throw GemminiError("gemmini: mvout activation \(accActivation) (\(name)) is unsupported in a float configuration: \(GemminiAccelerator.noFloatNormaliser)")
    }

    /// Float max-pooling mvout, the int8 pooled mvout's order and placement: for each pooled output pixel
    /// and channel, the maximum over the pool window (scanned row by row, column by column) of the values
    /// the float mvout would write: from the accumulator ReLU, the acc scale multiply in the accumulator
    /// type, then conversion to the element type, each element before pooling (as libgemmini scales and
    /// activates each element before comparing); from the scratchpad the raw elements. Window positions
    /// outside the orows x ocols image contribute +0 (libgemmini's `elem = 0`), unprocessed. The output is
    /// always in the element type (the full-width bit is ignored, as in the int8 path).
    ///
    /// The comparison is libgemmini's `if (elem > value) value = elem` from a start of -Inf (libgemmini's
    /// fp32 build starts at -FLT_MAX; -Inf, max's identity, differs only for windows of nothing but -Inf
    /// and for a zero-sized window, which writes -Inf): an element replaces the running maximum only when
    /// strictly greater, so among equal values the first in window order stays, and between -0 and +0 the
    /// first seen wins (a +0 padding position after a -0 keeps the -0). NaN: if either the running maximum
    /// or the element is a NaN the result is the canonical NaN (hardfloat's canonical-NaN rule, and a NaN
    /// anywhere in a window stays visible instead of depending on its position).
    private func mvoutPooledFloat<E: GemminiFloatFormat, A: GemminiFloatFormat>(
        _: E.Type, _: A.Type, dram: UInt64, base: Int, channels: Int, fromAcc: Bool, capacity: Int,
        memory: any GemminiMemory
    ) throws(GemminiError) {
        guard channels <= dim else {
            throw GemminiError("gemmini: pooled mvout of \(channels) channels (at most \(dim))")
        }
        guard channels > 0 else { countStore(rows: 0, pooled: true); return }
        if fromAcc { try checkFloatActivation() }
        ensureTransfer(channels * E.byteCount)
        let out = UnsafeMutableRawPointer(transfer.baseAddress!)
        let relu = accActivation == 1
        let scaleA = A.fromFP32(accScale.bitPattern)
        let negativeInfinity: UInt32 = E.isBF16 ? 0xFF80 : 0xFF80_0000
        let acc = accU32
        let n = dim
        for porow in 0..<poolPorows {
            for pocol in 0..<poolPocols {
                for ch in 0..<channels { storeFloat(negativeInfinity, out, ch, E.self) }
                for wrow in 0..<poolSize {
                    for wcol in 0..<poolSize {
                        let orow = porow * poolStride + wrow - poolUpad
                        let ocol = pocol * poolStride + wcol - poolLpad
                        if orow < 0 || ocol < 0 || orow >= poolOrows || ocol >= poolOcols {
                            for ch in 0..<channels {
                                storeFloat(poolMaxFloat(loadFloat(out, ch, E.self), 0, E.self), out, ch, E.self)
                            }
                            continue
                        }
                        let row = base + orow * poolOcols + ocol
                        guard row < capacity else {
                            throw GemminiError("gemmini: pooled mvout reads \(fromAcc ? "accumulator" : "scratchpad") row \(row), beyond its \(capacity) rows")
                        }
                        for ch in 0..<channels {
                            let e: UInt32
                            if fromAcc {
                                var x = acc[row * n + ch]
                                if relu { x = reluFloat(x, A.self) }
                                x = A.mul(x, scaleA)
                                e = convertFloat(x, from: A.self, to: E.self)
                            } else {
                                e = loadFloat(scratchpad, row * n + ch, E.self)
                            }
                            storeFloat(poolMaxFloat(loadFloat(out, ch, E.self), e, E.self), out, ch, E.self)
                        }
                    }
                }
                let address = dram &+ UInt64(porow * poolOutDim + pocol) &* storeStride
                try writeMemory(address, channels * E.byteCount, memory, "pooled mvout")
            }
        }
        countStore(rows: poolPorows * poolPocols, pooled: true)
    }
}
