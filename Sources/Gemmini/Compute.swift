extension GemminiAccelerator {
    /// PRELOAD: rs1 = B (WS) or D (OS) operand, rs2 = C (output) operand; used by the next compute.
    func preload(bd: UInt64, c: UInt64) {
        preloadAddress = UInt32(truncatingIfNeeded: bd)
        preloadCols = Int((bd >> 32) & 0xFFFF)
        preloadRows = Int((bd >> 48) & 0xFFFF)
        outputAddress = UInt32(truncatingIfNeeded: c)
        outputCols = Int((c >> 32) & 0xFFFF)
        outputRows = Int((c >> 48) & 0xFFFF)
        counters.count(external: Counters.reservationExecutes, by: 1)
    }

    /// Checks that scratchpad rows `address ... address + lastOffset` exist.
    @inline(__always)
    private func checkSpad(_ address: UInt32, lastOffset: Int, _ what: String) throws(GemminiError) {
        let last = Int(address) + lastOffset
        guard last < spadRows else {
            throw GemminiError("gemmini: compute \(what) operand at scratchpad row \(address) reaches row \(last), beyond its \(spadRows) rows (address \(hex(address)))")
        }
    }

    /// A COMPUTE operand register: scratchpad/accumulator address [31:0], columns [47:32], rows [63:48].
    @inline(__always)
    func computeOperand(_ rs: UInt64) -> (address: UInt32, cols: Int, rows: Int) {
        (UInt32(truncatingIfNeeded: rs), Int((rs >> 32) & 0xFFFF), Int((rs >> 48) & 0xFFFF))
    }

    /// COMPUTE_PRELOADED (preload = true) / COMPUTE_ACCUMULATE: rs1 = A, rs2 = D (WS) or B (OS).
    /// WS: the preloaded B sits in the array, result = D + A·B. OS: the array accumulates A·B onto
    /// the preloaded D. The result goes to the preloaded C address (unless GARBAGE): into the
    /// accumulator as raw int32 (overwrite or accumulate), or into the scratchpad rounding-shifted by
    /// sys_shift (OS only), saturated to int8, then ReLU.
    func compute(a: UInt64, bd: UInt64, preload doPreload: Bool) throws(GemminiError) {
        if configuration.isFloat { try computeFloat(a: a, bd: bd, preload: doPreload); return }
        let garbage = GemminiAccelerator.garbage
        let (aAddr, aCols, aRows) = computeOperand(a)
        let (bdAddr, bdCols, bdRows) = computeOperand(bd)
        let n = dim
        let ws = weightStationary
        let spad = spadI8
        let pe = peState

        // Preload into the PEs: the weights (WS, transposed with B transpose) or the partial sums (OS).
        if doPreload {
            let rowsUsed = min(preloadRows, n), colsUsed = min(preloadCols, n)
            let t = ws && bTranspose
            pe.update(repeating: 0, count: n * n)
            if preloadAddress != garbage {
                guard preloadAddress >> 30 == 0 else {
                    throw GemminiError("gemmini: preload from an accumulator address \(hex(preloadAddress)) is unsupported")
                }
                if rowsUsed > 0 && colsUsed > 0 {
                    try checkSpad(preloadAddress, lastOffset: (t ? colsUsed : rowsUsed) - 1, "preload")
                    let p = Int(preloadAddress)
                    for i in 0..<rowsUsed {
                        for j in 0..<colsUsed {
                            pe[i * n + j] = t ? Int32(spad[(p + j) * n + i]) : Int32(spad[(p + i) * n + j])
                        }
                    }
                }
            } else {
                counters.count(internal: Counters.dGarbage, by: UInt32(n))
            }
        }

        // D (WS bias) rows are read in both dataflows.
        let bdRowsUsed = min(bdRows, n), bdColsUsed = min(bdCols, n)
        if bdAddr != garbage && bdRowsUsed > 0 && bdColsUsed > 0 {
            try checkSpad(bdAddr, lastOffset: bdRowsUsed - 1, ws ? "D" : "B")
        }
        if ws {
            results.update(repeating: 0, count: n * n)
            if bdAddr != garbage {
                let d = Int(bdAddr)
                for i in 0..<bdRowsUsed {
                    for j in 0..<bdColsUsed { results[i * n + j] = Int32(spad[(d + i) * n + j]) }
                }
            }
        }

        // A, zero-padded to dim x dim.
        let aRowsUsed = min(aRows, n), aColsUsed = min(aCols, n)
        operandA.update(repeating: 0, count: n * n)
        if aAddr != garbage {
            if aRowsUsed > 0 && aColsUsed > 0 {
                try checkSpad(aAddr, lastOffset: aStride * ((aTranspose ? aColsUsed : aRowsUsed) - 1), "A")
                let base = Int(aAddr)
                for i in 0..<aRowsUsed {
                    for k in 0..<aColsUsed {
                        operandA[i * n + k] = aTranspose
                            ? Int32(spad[(base + aStride * k) * n + i])
                            : Int32(spad[(base + aStride * i) * n + k])
                    }
                }
            }
        } else {
            counters.count(internal: Counters.aGarbage, by: UInt32(n))
        }

        if ws {
            for i in 0..<n {
                let res = results + i * n
                for k in 0..<n {
                    let av = operandA[i * n + k]
                    if av == 0 { continue }
                    let w = pe + k * n
                    for j in 0..<n { res[j] &+= av &* w[j] }
                }
            }
        } else {
            operandB.update(repeating: 0, count: n * n)
            if bdAddr != garbage {
                if bdRowsUsed > 0 && bdColsUsed > 0 {
                    if bTranspose { try checkSpad(bdAddr, lastOffset: bdColsUsed - 1, "B") }
                    let b = Int(bdAddr)
                    for k in 0..<bdRowsUsed {
                        for j in 0..<bdColsUsed {
                            operandB[k * n + j] = bTranspose ? Int32(spad[(b + j) * n + k]) : Int32(spad[(b + k) * n + j])
                        }
                    }
                }
            } else {
                counters.count(internal: Counters.bGarbage, by: UInt32(n))
            }
            for i in 0..<n {
                let acc = pe + i * n
                for k in 0..<n {
                    let av = operandA[i * n + k]
                    if av == 0 { continue }
                    let b = operandB + k * n
                    for j in 0..<n { acc[j] &+= av &* b[j] }
                }
            }
        }
        countCompute()

        // Write the results out.
        guard let (toAcc, accumulate, base) = try computeOutput(outputAddress, rows: outputRows, cols: outputCols) else { return }
        let source = ws ? results : pe
        if toAcc {
            for i in 0..<outputRows {
                let dst = accI32 + (base + cStride * i) * n
                let src = source + i * n
                if accumulate {
                    for j in 0..<outputCols { dst[j] &+= src[j] }
                } else {
                    dst.update(from: src, count: outputCols)
                }
            }
        } else {
            let shift = ws ? 0 : sysShift
            let relu = sysActivation == 1
            for i in 0..<outputRows {
                let dst = spad + (base + cStride * i) * n
                let src = source + i * n
                for j in 0..<outputCols {
                    var e = saturateInt8(roundingRightShift(src[j], shift))
                    if relu && e < 0 { e = 0 }
                    dst[j] = e
                }
            }
        }
    }

    /// A compute's bookkeeping: statistics and the counters' execute events.
    func countCompute() {
        let n = dim
        statistics.computes &+= 1
        statistics.macs &+= UInt64(n * n * n)
        counters.count(internal: Counters.mainExCycles, by: UInt32(n))
        counters.count(internal: Counters.exeActive, by: UInt32(n))
        counters.count(external: Counters.reservationExecutes, by: 1)
    }

    /// Where a compute's results go: nil for GARBAGE or an empty block, else (accumulator?, accumulate?,
    /// first row), checked against the array size and the memory's rows.
    func computeOutput(_ outputAddress: UInt32, rows outputRows: Int, cols outputCols: Int) throws(GemminiError) -> (Bool, Bool, Int)? {
        let n = dim
        guard outputAddress != Self.garbage else { return nil }
        guard outputRows <= n && outputCols <= n else {
            throw GemminiError("gemmini: compute output of \(outputRows)x\(outputCols) exceeds the \(n)x\(n) array")
        }
        guard outputRows > 0 && outputCols > 0 else { return nil }
        let toAcc = outputAddress >> 31 != 0
        let accumulate = (outputAddress >> 30) & 1 != 0
        let base = Int(outputAddress & 0x1FFF_FFFF)
        let capacity = toAcc ? accRows : spadRows
        let last = base + cStride * (outputRows - 1)
        guard last < capacity else {
            throw GemminiError("gemmini: compute output to \(toAcc ? "accumulator" : "scratchpad") row \(base) reaches row \(last), beyond its \(capacity) rows")
        }
        return (toAcc, accumulate, base)
    }
}
