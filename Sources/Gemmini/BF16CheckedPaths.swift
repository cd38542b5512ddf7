// The float paths' calls into `--check-bf16` (BF16Check.swift): each runs after the fast path has
// written its results, recomputes their shadows from the same inputs and records the BF16 ones. Only
// called when a checker is attached.

extension GemminiAccelerator {
    /// After a float mvin wrote `count` values of one row block: `input` holds the values read (in A when
    /// `wide`, else in E) from value `first` on; `scaled`: the scale (FP32 bits `scale32`) applied. Into the
    /// accumulator (`accIndex`: the first element written) the shadows follow; into the scratchpad
    /// (`spadRow`) only a scaled BF16 result is checked.
    func checkMvin<E: GemminiFloatFormat, A: GemminiFloatFormat>(
        _ check: BF16Check, _: E.Type, _: A.Type, input: UnsafeRawPointer, first: Int, count: Int, wide: Bool,
        scaled: Bool, scale32: UInt32, accumulate: Bool, accIndex: Int?, spadRow: UnsafeRawPointer?
    ) {
        let scale = Double(Float(bitPattern: scale32))
        let scaledIsBF16 = wide ? A.isBF16 : E.isBF16
        let scaleSlot = scaled && scaledIsBF16 ? check.slot(.mvinScale) : -1
        let accumulateSlot = accumulate && A.isBF16 ? check.slot(.accumulate) : -1
        let acc = accU32
        for c in 0..<count {
            let x = wide ? floatValue(loadFloat(input, first + c, A.self), A.self) : floatValue(loadFloat(input, first + c, E.self), E.self)
            let reference = scaled ? x * scale : x
            let reference32 = scaled ? Float(x) * Float(scale) : Float(x)
            guard let accIndex else {
                if scaleSlot >= 0, let spadRow {
                    check.record(scaleSlot, result: floatValue(loadFloat(spadRow, c, E.self), E.self), reference: reference, fp32: reference32)
                }
                continue
            }
            let at = accIndex + c
            if scaleSlot >= 0 {
                // The scaled value before any accumulation: recomputed as the mover computed it.
                let bits = wide ? A.mul(loadFloat(input, first + c, A.self), A.fromFP32(scale32))
                    : E.mul(loadFloat(input, first + c, E.self), E.fromFP32(scale32))
                check.record(scaleSlot, result: wide ? floatValue(bits, A.self) : floatValue(bits, E.self),
                             reference: reference, fp32: reference32)
            }
            check.writeShadow(at, reference: reference, fp32: reference32, accumulate: accumulate,
                              accumulateSlot: accumulateSlot) { floatValue(acc[at], A.self) }
        }
    }

    /// Before the array runs: keeps the bias (WS: the D block in O; OS: the PEs' values in A).
    func checkSaveBias(_ check: BF16Check, _ values: UnsafePointer<UInt32>) {
        check.ensureComputeBuffers(dim)
        for i in 0..<dim * dim { check.bias[i] = values[i] }
    }

    /// After a float compute wrote its outputs: the references of each array output (the bias plus the
    /// exact products' sum in binary64; the same chain of fused multiply-adds in FP32; OS: times
    /// 2^-shift), then the matmul outputs, the accumulator's shadows and its additions. `output(i, j)`:
    /// the array output in O; `weights`: the WS weights (in O) or the OS B operand (in A).
    func checkCompute<E: GemminiFloatFormat, O: GemminiFloatFormat, A: GemminiFloatFormat>(
        _ check: BF16Check, _: E.Type, _: O.Type, _: A.Type, a: UnsafePointer<UInt32>, weights: UnsafePointer<UInt32>,
        shift: Int, toAcc: Bool, accumulate: Bool, base: Int, relu: Bool, output: (Int, Int) -> UInt32
    ) {
        let n = dim
        let ws = weightStationary
        @inline(__always) func value(_ x: UInt32) -> Double { ws ? floatValue(x, O.self) : floatValue(x, A.self) }
        let shiftFactor = ws ? 1.0 : Double(sign: .plus, exponent: -shift, significand: 1)
        for i in 0..<n {
            for j in 0..<n {
                var sum = value(check.bias[i * n + j])
                var sum32 = Float(sum)
                for k in 0..<n {
                    let x = value(a[i * n + k]), w = value(weights[k * n + j])
                    sum += x * w
                    sum32 = sum32.addingProduct(Float(x), Float(w))
                }
                check.matmulReference[i * n + j] = sum * shiftFactor
                check.matmulReference32[i * n + j] = sum32 * Float(shiftFactor)
            }
        }
        let resultIsBF16 = toAcc ? O.isBF16 : E.isBF16
        let matmulSlot = resultIsBF16 ? check.slot(.matmul) : -1
        let accumulateSlot = toAcc && accumulate && A.isBF16 ? check.slot(.accumulate) : -1
        let acc = accU32
        for i in 0..<outputRows {
            for j in 0..<outputCols {
                let reference = check.matmulReference[i * n + j], reference32 = check.matmulReference32[i * n + j]
                guard toAcc else {
                    guard matmulSlot >= 0 else { continue }
                    let row = scratchpad + (base + cStride * i) * n * E.byteCount
                    check.record(matmulSlot, result: floatValue(loadFloat(row, j, E.self), E.self),
                                 reference: relu ? reluValue(reference) : reference, fp32: relu ? reluValue(reference32) : reference32)
                    continue
                }
                if matmulSlot >= 0 { check.record(matmulSlot, result: floatValue(output(i, j), O.self), reference: reference, fp32: reference32) }
                let at = (base + cStride * i) * n + j
                check.writeShadow(at, reference: reference, fp32: reference32, accumulate: accumulate,
                                  accumulateSlot: accumulateSlot) { floatValue(acc[at], A.self) }
            }
        }
    }

    /// After a float mvout from the accumulator wrote one row block to `out` (values `first` ...
    /// `first + count - 1`, in E, from accumulator elements `accIndex` on): each against ReLU (if on) and
    /// the scale applied to the accumulator's shadow.
    func checkMvout<E: GemminiFloatFormat>(_ check: BF16Check, _: E.Type, out: UnsafeRawPointer, first: Int, count: Int,
                                           accIndex: Int, relu: Bool) {
        let slot = check.slot(.mvout)
        let scale = Double(accScale)
        for c in 0..<count {
            let shadow = check.shadow[accIndex + c], shadow32 = check.shadow32[accIndex + c]
            check.record(slot, result: floatValue(loadFloat(out, first + c, E.self), E.self),
                         reference: (relu ? reluValue(shadow) : shadow) * scale,
                         fp32: (relu ? reluValue(shadow32) : shadow32) * accScale)
        }
    }
}
