// The systolic array of the float configurations (FP32, BF16): one COMPUTE_PRELOADED /
// COMPUTE_ACCUMULATE, its multiply-adds done by the block kernel of FloatKernels.swift.

extension GemminiAccelerator {
    func computeFloat(a: UInt64, bd: UInt64, preload doPreload: Bool) throws(GemminiError) {
        let c = configuration
        switch (c.elementType, c.arrayOutputType, c.accumulatorType) {
        case (.fp32, .fp32, .fp32):
            try computeFloat(FP32Format.self, FP32Format.self, FP32Format.self, a: a, bd: bd, preload: doPreload)
        case (.bf16, .bf16, .bf16):
            try computeFloat(BF16Format.self, BF16Format.self, BF16Format.self, a: a, bd: bd, preload: doPreload)
        case (.bf16, .bf16, .fp32):
            try computeFloat(BF16Format.self, BF16Format.self, FP32Format.self, a: a, bd: bd, preload: doPreload)
        case (.bf16, .fp32, .fp32):
            try computeFloat(BF16Format.self, FP32Format.self, FP32Format.self, a: a, bd: bd, preload: doPreload)
        default: throw GemminiError(c.unsupportedReason ?? "gemmini: unsupported float configuration")
        }
    }

    /// Checks that scratchpad rows `address ... address + lastOffset` exist.
    @inline(__always)
    private func checkSpadFloat(_ address: UInt32, lastOffset: Int, _ what: String) throws(GemminiError) {
        let last = Int(address) + lastOffset
        guard last < spadRows else {
            throw GemminiError("gemmini: compute \(what) operand at scratchpad row \(address) reaches row \(last), beyond its \(spadRows) rows (address \(hex(address)))")
        }
    }

    /// `dst` (n x n, zero-padded) = a `rows` x `cols` block of scratchpad E values converted to T:
    /// `dst[i][j]` = element j of row `row + i * rowStep`, or transposed, element i of row `row + j * rowStep`.
    @inline(__always)
    private func loadBlock<E: GemminiFloatFormat, T: GemminiFloatFormat>(
        _: E.Type, _: T.Type, into dst: UnsafeMutablePointer<UInt32>, row: Int, rowStep: Int, rows: Int, cols: Int,
        transposed: Bool
    ) {
        let n = dim
        let spad = UnsafeRawPointer(scratchpad)
        if n == 4 && rows == 4 && cols == 4 && E.isBF16 == T.isBF16 {
            // A whole DIM-4 block of one format: four rows (BF16 widened to 32-bit lanes), maybe transposed.
            @inline(__always) func spadRow(_ i: Int) -> SIMD4<UInt32> {
                let src = spad + (row + i * rowStep) * 4 * E.byteCount
                return E.isBF16 ? SIMD4<UInt32>(truncatingIfNeeded: src.loadUnaligned(as: SIMD4<UInt16>.self))
                    : src.loadUnaligned(as: SIMD4<UInt32>.self)
            }
            var r = (spadRow(0), spadRow(1), spadRow(2), spadRow(3))
            if transposed {
                r = (SIMD4(r.0[0], r.1[0], r.2[0], r.3[0]), SIMD4(r.0[1], r.1[1], r.2[1], r.3[1]),
                     SIMD4(r.0[2], r.1[2], r.2[2], r.3[2]), SIMD4(r.0[3], r.1[3], r.2[3], r.3[3]))
            }
            let out = UnsafeMutableRawPointer(dst)
            out.storeBytes(of: r.0, toByteOffset: 0, as: SIMD4<UInt32>.self)
            out.storeBytes(of: r.1, toByteOffset: 16, as: SIMD4<UInt32>.self)
            out.storeBytes(of: r.2, toByteOffset: 32, as: SIMD4<UInt32>.self)
            out.storeBytes(of: r.3, toByteOffset: 48, as: SIMD4<UInt32>.self)
            return
        }
        dst.update(repeating: 0, count: n * n)
        for i in 0..<rows {
            for j in 0..<cols {
                let e = transposed ? loadFloat(spad, (row + j * rowStep) * n + i, E.self) : loadFloat(spad, (row + i * rowStep) * n + j, E.self)
                dst[i * n + j] = convertFloat(e, from: E.self, to: T.self)
            }
        }
    }

    /// Float COMPUTE_PRELOADED / COMPUTE_ACCUMULATE. Weight-stationary: column j starts as the bias D
    /// (widened to the array output type O) and PE k computes `c = round_O(a_k * b_kj + c)` for k = 0 ...
    /// DIM-1. Output-stationary: each PE accumulates `c = round_A(a * b + c)` in the accumulator type A
    /// onto the preloaded D; the result leaves as `round_O(round_A(c * 2^-shift))`. Results go into the
    /// accumulator (overwrite with the value widened to A, or one addition), or into the scratchpad
    /// converted to the element type E, then ReLU.
    private func computeFloat<E: GemminiFloatFormat, O: GemminiFloatFormat, A: GemminiFloatFormat>(
        _: E.Type, _: O.Type, _: A.Type, a: UInt64, bd: UInt64, preload doPreload: Bool
    ) throws(GemminiError) {
        let garbage = GemminiAccelerator.garbage
        let (aAddr, aCols, aRows) = computeOperand(a)
        let (bdAddr, bdCols, bdRows) = computeOperand(bd)
        let n = dim
        let ws = weightStationary
        let pe = UnsafeMutableRawPointer(peState).assumingMemoryBound(to: UInt32.self)
        let res = UnsafeMutableRawPointer(results).assumingMemoryBound(to: UInt32.self)
        let opA = UnsafeMutableRawPointer(operandA).assumingMemoryBound(to: UInt32.self)
        let opB = UnsafeMutableRawPointer(operandB).assumingMemoryBound(to: UInt32.self)

        // Preload: the weights widened to O (WS, transposed with B transpose) or D widened to A (OS).
        if doPreload {
            let rowsUsed = min(preloadRows, n), colsUsed = min(preloadCols, n)
            let t = ws && bTranspose
            peProductsExact = nil
            if preloadAddress != garbage {
                guard preloadAddress >> 30 == 0 else {
                    pe.update(repeating: 0, count: n * n)
                    throw GemminiError("gemmini: preload from an accumulator address \(hex(preloadAddress)) is unsupported")
                }
                if rowsUsed <= 0 || colsUsed <= 0 {
                    pe.update(repeating: 0, count: n * n)
                } else {
                    do {
                        try checkSpadFloat(preloadAddress, lastOffset: (t ? colsUsed : rowsUsed) - 1, "preload")
                    } catch {
                        pe.update(repeating: 0, count: n * n)
                        throw error
                    }
                    let p = Int(preloadAddress)
                    if ws {
                        loadBlock(E.self, O.self, into: pe, row: p, rowStep: 1, rows: rowsUsed, cols: colsUsed, transposed: t)
                    } else {
                        loadBlock(E.self, A.self, into: pe, row: p, rowStep: 1, rows: rowsUsed, cols: colsUsed, transposed: t)
                    }
                }
            } else {
                pe.update(repeating: 0, count: n * n)
                counters.count(internal: Counters.dGarbage, by: UInt32(n))
            }
        }

        let bdRowsUsed = min(bdRows, n), bdColsUsed = min(bdCols, n)
        if bdAddr != garbage && bdRowsUsed > 0 && bdColsUsed > 0 {
            try checkSpadFloat(bdAddr, lastOffset: bdRowsUsed - 1, ws ? "D" : "B")
        }
        if ws {
            if bdAddr != garbage && bdRowsUsed > 0 && bdColsUsed > 0 {
                loadBlock(E.self, O.self, into: res, row: Int(bdAddr), rowStep: 1, rows: bdRowsUsed, cols: bdColsUsed, transposed: false)
            } else {
                res.update(repeating: 0, count: n * n)
            }
        }

        // A, zero-padded to dim x dim, widened to the multiply-add's type.
        let aRowsUsed = min(aRows, n), aColsUsed = min(aCols, n)
        if aAddr != garbage && aRowsUsed > 0 && aColsUsed > 0 {
            try checkSpadFloat(aAddr, lastOffset: aStride * ((aTranspose ? aColsUsed : aRowsUsed) - 1), "A")
            if ws {
                loadBlock(E.self, O.self, into: opA, row: Int(aAddr), rowStep: aStride, rows: aRowsUsed, cols: aColsUsed, transposed: aTranspose)
            } else {
                loadBlock(E.self, A.self, into: opA, row: Int(aAddr), rowStep: aStride, rows: aRowsUsed, cols: aColsUsed, transposed: aTranspose)
            }
        } else {
            opA.update(repeating: 0, count: n * n)
            if aAddr == garbage { counters.count(internal: Counters.aGarbage, by: UInt32(n)) }
        }

        let check = bf16Check
        if let check { checkSaveBias(check, ws ? res : pe) }
        if ws {
            // Every PE step runs, padding included: +0 products still turn a -0 sum into +0 and 0 x Inf is NaN.
            // The weights stay for the computes up to the next preload: their check too.
            let weightsExact = peProductsExact ?? O.productsExact(pe, count: n * n)
            peProductsExact = weightsExact
            mulAddBlock(O.self, c: res, a: opA, w: pe, n: n, productsExact: weightsExact && O.productsExact(opA, count: n * n))
        } else {
            if bdAddr != garbage && bdRowsUsed > 0 && bdColsUsed > 0 {
                if bTranspose { try checkSpadFloat(bdAddr, lastOffset: bdColsUsed - 1, "B") }
                loadBlock(E.self, A.self, into: opB, row: Int(bdAddr), rowStep: 1, rows: bdRowsUsed, cols: bdColsUsed, transposed: bTranspose)
            } else {
                opB.update(repeating: 0, count: n * n)
                if bdAddr == garbage { counters.count(internal: Counters.bGarbage, by: UInt32(n)) }
            }
            peProductsExact = nil
            mulAddBlock(A.self, c: pe, a: opA, w: opB, n: n,
                        productsExact: A.productsExact(opA, count: n * n) && A.productsExact(opB, count: n * n))
        }
        countCompute()

        guard let (toAcc, accumulate, base) = try computeOutput(outputAddress, rows: outputRows, cols: outputCols) else { return }
        let shift = Int(sysShift & 31)
        let shiftScale = A.powerOfTwo(-shift)
        /// The array output (type O) of row i, column j.
        @inline(__always) func output(_ i: Int, _ j: Int) -> UInt32 {
            if ws { return res[i * n + j] }
            var c = pe[i * n + j]
            if shift != 0 { c = A.mul(c, shiftScale) }
            return convertFloat(c, from: A.self, to: O.self)
        }
        if toAcc {
            let acc = accU32
            for i in 0..<outputRows {
                let dst = acc + (base + cStride * i) * n
                let row: UnsafePointer<UInt32>
                if ws && O.isBF16 == A.isBF16 {
                    row = UnsafePointer(res + i * n)
                } else {
                    for j in 0..<outputCols { outputRow[j] = convertFloat(output(i, j), from: O.self, to: A.self) }
                    row = UnsafePointer(outputRow)
                }
                if accumulate {
                    addRow(A.self, dst, row, count: outputCols)
                } else {
                    dst.update(from: row, count: outputCols)
                }
            }
        } else {
            let relu = sysActivation == 1
            for i in 0..<outputRows {
                let dst = scratchpad + (base + cStride * i) * n * E.byteCount
                for j in 0..<outputCols {
                    var e = convertFloat(output(i, j), from: O.self, to: E.self)
                    if relu { e = reluFloat(e, E.self) }
                    storeFloat(e, dst, j, E.self)
                }
            }
        }
        if let check {
            checkCompute(check, E.self, O.self, A.self, a: opA, weights: ws ? pe : opB, shift: shift, toAcc: toAcc,
                         accumulate: accumulate, base: base, relu: sysActivation == 1, output: output)
        }
    }
}
