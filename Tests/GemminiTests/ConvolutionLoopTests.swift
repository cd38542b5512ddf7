import Testing
@testable import Gemmini

/// One convolution as gemmini-rocc-tests' `tiled_conv` would issue it in a single LOOP_CONV_WS
/// (the whole image in one tile), NHWC input, [krow][kcol][kch][och] weights, NHWC output.
struct ConvCase {
    var batches = 1, inRows = 4, inCols = 4, inChannels = 3, outChannels = 4
    var kernel = 3, stride = 1, padding = 1
    var poolSize = 1, poolStride = 1
    var relu = false
    var outRows: Int { (inRows + 2 * padding - kernel) / stride + 1 }
    var outCols: Int { (inCols + 2 * padding - kernel) / stride + 1 }
    var pooledRows: Int { (outRows - poolSize) / poolStride + 1 }
    var pooledCols: Int { (outCols - poolSize) / poolStride + 1 }
    var pooled: Bool { poolStride > 1 || poolSize > 1 }

    /// Reference: int32 sums plus bias, saturated to int8, ReLU, then max pooling (no pool padding).
    func reference(_ input: [Int8], _ weights: [Int8], _ bias: [Int32]) -> [Int8] {
        var conv = [Int8](repeating: 0, count: batches * outRows * outCols * outChannels)
        for b in 0..<batches { for orow in 0..<outRows { for ocol in 0..<outCols { for och in 0..<outChannels {
            var sum = Int64(bias[och])
            for kr in 0..<kernel { for kc in 0..<kernel {
                let r = orow * stride + kr - padding, c = ocol * stride + kc - padding
                guard r >= 0, r < inRows, c >= 0, c < inCols else { continue }
                for ich in 0..<inChannels {
                    sum += Int64(input[((b * inRows + r) * inCols + c) * inChannels + ich])
                        * Int64(weights[((kr * kernel + kc) * inChannels + ich) * outChannels + och])
                }
            } }
            var v = sat8(sum)
            if relu && v < 0 { v = 0 }
            conv[((b * outRows + orow) * outCols + ocol) * outChannels + och] = v
        } } } }
        guard pooled else { return conv }
        var out = [Int8]()
        for b in 0..<batches { for pr in 0..<pooledRows { for pc in 0..<pooledCols { for och in 0..<outChannels {
            var m = Int8.min
            for wr in 0..<poolSize { for wc in 0..<poolSize {
                let r = pr * poolStride + wr, c = pc * poolStride + wc
                m = max(m, conv[((b * outRows + r) * outCols + c) * outChannels + och])
            } }
            out.append(m)
        } } } }
        return out
    }
}

extension Guest {
    /// Packs the six config commands and LOOP_CONV_WS as `gemmini_loop_conv_ws` does.
    func loopConv(_ c: ConvCase, input: UInt64, weights: UInt64, bias: UInt64, output: UInt64,
                  dilatedInput: Bool = false) throws(GemminiError) {
        let orows = c.outRows, ocols = c.outCols
        let irows = orows * c.stride + c.kernel - 1, icols = ocols * c.stride + c.kernel - 1
        let upad = c.padding, lpad = c.padding
        let dpad = irows - upad - c.inRows, rpad = icols - lpad - c.inCols
        func u(_ x: Int) -> UInt64 { UInt64(x) }
        try cmd(16, (u(c.outChannels) << 48) | (u(c.inChannels) << 32) | (u(c.inRows) << 16) | u(c.batches),
                (u(c.padding) << 56) | (u(c.stride) << 48) | (u(c.outCols) << 32) | (u(c.pooledRows) << 16) | u(c.outRows))
        try cmd(17, (u(c.kernel) << 48) | (u(c.pooledCols) << 32) | (u(c.poolSize) << 16) | (u(c.poolStride) << 8),
                (u(c.batches) << 48) | (u(c.pooledRows) << 32) | (u(c.pooledCols) << 16) | u(c.outChannels))
        try cmd(18, (u(c.kernel) << 48) | (u(c.kernel) << 32) | (u(c.inChannels) << 16) | u(lpad),
                (u(rpad) << 48) | (u(upad) << 32) | (u(dpad) << 24) | u(c.inCols))
        try cmd(19, (u(orows) << 48) | 1, (u(c.inChannels) << 48) | (u(c.outChannels) << 32) | (u(c.outChannels) << 16) | u(ocols))
        try cmd(20, weights, output)
        try cmd(21, bias, input)
        let noPool: UInt64 = c.pooled ? 0 : 1
        try cmd(15, bias == 0 ? 1 : 0, (UInt64(c.relu ? 1 : 0) << 3) | (UInt64(dilatedInput ? 1 : 0) << 2) | noPool)
    }
}

@Suite struct ConvolutionLoopTests {
    let input: UInt64 = 0x10000, weights: UInt64 = 0x20000, bias: UInt64 = 0x30000, output: UInt64 = 0x40000

    func run(_ c: ConvCase, seed: UInt64, times: Int = 1) throws {
        let t = Guest()
        var r = Rand(s: seed)
        let x = r.int8s(c.batches * c.inRows * c.inCols * c.inChannels, -8, 8)
        let w = r.int8s(c.kernel * c.kernel * c.inChannels * c.outChannels, -8, 8)
        let d = r.int32s(c.outChannels, -300, 300)
        t.mem.storeInt8(x, at: input); t.mem.storeInt8(w, at: weights); t.mem.storeInt32(d, at: bias)
        // As tiled_conv: the A operand steps through the image by the convolution stride.
        try t.configEx(ws: true, aStride: UInt64(c.stride))
        try t.configSt(stride: UInt64(c.outChannels), act: c.relu ? 1 : 0)
        let expected = c.reference(x, w, d)
        for _ in 0..<times {
            t.mem.storeInt8([Int8](repeating: 0x55, count: expected.count), at: output)
            try t.loopConv(c, input: input, weights: weights, bias: bias, output: output)
            #expect(t.mem.loadInt8(expected.count, at: output) == expected)
        }
    }

    @Test func stridedPaddedConvolutionWithBiasMatchesReference() throws {
        // Two batches, a rectangular image, stride 2 and padding 1; run twice (the accumulator halves alternate).
        try run(ConvCase(batches: 2, inRows: 6, inCols: 7, inChannels: 3, outChannels: 5, kernel: 3, stride: 2, padding: 1),
                seed: 11, times: 2)
    }

    @Test func multiBankChannelsWithReluAndMaxPool() throws {
        // More than DIM input and output channels; 2x2 / stride-2 max pooling of the ReLU'd outputs.
        try run(ConvCase(batches: 1, inRows: 4, inCols: 4, inChannels: 18, outChannels: 20, kernel: 3, stride: 1,
                         padding: 1, poolSize: 2, poolStride: 2, relu: true), seed: 12)
        // Wide rows: more than DIM output pixels per row.
        try run(ConvCase(batches: 1, inRows: 2, inCols: 20, inChannels: 2, outChannels: 3, kernel: 1, stride: 1, padding: 0),
                seed: 13)
    }

    @Test func loopConvMisuseThrows() throws {
        let t = Guest()
        try t.configEx(ws: true)
        try t.configSt(stride: 4)
        // An image far too large for the scratchpad.
        let huge = ConvCase(batches: 1, inRows: 200, inCols: 200, inChannels: 16, outChannels: 4, kernel: 3, stride: 1, padding: 1)
        do {
            try t.loopConv(huge, input: input, weights: weights, bias: bias, output: output)
            Issue.record("an oversized LOOP_CONV_WS did not throw")
        } catch {
            #expect(error.description.contains("beyond"))
        }
        // Input dilation with a stride other than 1.
        let strided = ConvCase(inRows: 4, inCols: 4, inChannels: 3, outChannels: 4, kernel: 3, stride: 2, padding: 1)
        #expect(throws: GemminiError.self) {
            try t.loopConv(strided, input: input, weights: weights, bias: bias, output: output, dilatedInput: true)
        }
        // Output columns whose 16-bit loop counter would wrap (libgemmini would never finish).
        try t.cmd(16, 0, 0)
        try t.cmd(17, 0, (1 << 48) | 1)                 // batches 1, pochs 1
        try t.cmd(18, (1 << 48) | (1 << 32) | (1 << 16), 0)
        try t.cmd(19, (1 << 48) | 1, 0xFFFF)            // orows 1, ocols 65535
        try t.cmd(20, 0, 0)
        try t.cmd(21, 0, 0)
        do {
            try t.cmd(15, 0, 1)
            Issue.record("LOOP_CONV_WS with 65535 output columns did not throw")
        } catch {
            #expect(error.description.contains("LOOP_CONV_WS") || error.description.contains("beyond"))
        }
        // Memory faults come back as errors too.
        let small = ConvCase(inRows: 4, inCols: 4, inChannels: 3, outChannels: 4, kernel: 3, stride: 1, padding: 1)
        #expect(throws: GemminiError.self) {
            try t.loopConv(small, input: 0x10_0000_0000, weights: weights, bias: bias, output: output)
        }
    }
}
