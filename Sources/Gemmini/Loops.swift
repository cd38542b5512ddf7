/// LOOP_WS_CONFIG_* state: bounds in DIM tiles, padding of the last tile, addresses and strides
/// (strides in elements of the respective matrix).
struct LoopWSConfig {
    var I = 0, J = 0, K = 0
    var padI = 0, padJ = 0, padK = 0
    var A: UInt64 = 0, B: UInt64 = 0, C: UInt64 = 0, D: UInt64 = 0
    var strideA: UInt64 = 0, strideB: UInt64 = 0, strideC: UInt64 = 0, strideD: UInt64 = 0
}

/// LOOP_CONV_WS_CONFIG_1..6 register values, kept raw (decoded when LOOP_CONV_WS runs).
struct LoopConvConfig {
    var rs1 = [UInt64](repeating: 0, count: 7)
    var rs2 = [UInt64](repeating: 0, count: 7)
    mutating func configure(index: Int, _ a: UInt64, _ b: UInt64) {
        rs1[index] = a
        rs2[index] = b
    }
}

extension GemminiAccelerator {
    @inline(__always)
    private func operand(_ rows: Int, _ cols: Int, _ address: UInt32) -> UInt64 {
        (UInt64(rows & 0xFFFF) << 48) | (UInt64(cols & 0xFFFF) << 32) | UInt64(address)
    }

    /// LOOP_WS: the hardware's tiled matmul C = act(A·B + D), expanded into mvin / preload / compute /
    /// mvout in the order libgemmini issues them. rs1 [0] accumulate, [1] full_C, [2] low_D,
    /// [10:8] activation, [17:16] B spad id, [19:18] A spad id; rs2 [0] A^T, [1] B^T, [2] residual add.
    func loopWS(_ rs1: UInt64, _ rs2: UInt64, memory: any GemminiMemory) throws(GemminiError) {
        let exAccumulate = rs1 & 1 != 0
        let fullC = (rs1 >> 1) & 1 != 0
        let lowD = (rs1 >> 2) & 1 != 0
        let act = Int((rs1 >> 8) & 7)
        let aSpadID = (rs1 >> 18) & 3
        let bSpadID = (rs1 >> 16) & 3
        let aT = rs2 & 1 != 0
        let bT = (rs2 >> 1) & 1 != 0
        let resadd = (rs2 >> 2) & 1 != 0
        let c = loopWS
        let (I, J, K) = (c.I, c.J, c.K)
        let n = dim
        let garbage = GemminiAccelerator.garbage

        let spadRowsNeeded = (I * K + K * J) * n
        let accRowsNeeded = I * J * n
        guard spadRowsNeeded <= spadRows / 2 && accRowsNeeded <= accRows / 2 else {
            throw GemminiError("gemmini: LOOP_WS bounds I=\(I) J=\(J) K=\(K) too large for double-buffering")
        }
        counters.count(internal: Counters.loopMatmulActive, by: UInt32(truncatingIfNeeded: I * J * K * n))

        let half = UInt32(spadRows / 2)
        var aStart: UInt32 = aSpadID == 2 ? half : 0
        var bStart: UInt32 = (bSpadID == 2 ? UInt32(spadRows) : half) &- UInt32(K * J * n)
        let dStart: UInt32 = 1 << 31
        let cStart: UInt32 = (3 << 30) | (fullC ? 1 << 29 : 0)
        let elemBytes = UInt64(configuration.elementType.byteCount)
        let accBytes = UInt64(configuration.accumulatorType.byteCount)
        let sizeofC: UInt64 = fullC ? accBytes : elemBytes
        let sizeofD: UInt64 = lowD ? elemBytes : accBytes
        let dimU = UInt64(n)
        @inline(__always) func tileRows(_ i: Int) -> Int { n - (i == I - 1 ? c.padI : 0) }
        @inline(__always) func tileColsJ(_ j: Int) -> Int { n - (j == J - 1 ? c.padJ : 0) }
        @inline(__always) func tileK(_ k: Int) -> Int { n - (k == K - 1 ? c.padK : 0) }
        @inline(__always) func sp(_ start: UInt32, _ tile: Int) -> UInt32 { start &+ UInt32(truncatingIfNeeded: tile * n) }

        if resadd {
            aStart = 1 << 31
            bStart = 3 << 30
            for i in 0..<I {
                for j in 0..<J {
                    let tile = i * J + j
                    let rows = tileRows(i), cols = tileColsJ(j)
                    let aAddr = c.A &+ (UInt64(i) &* c.strideA &+ UInt64(j)) &* dimU &* elemBytes
                    try mvin(dram: aAddr, local: operand(rows, cols, sp(aStart, tile)), mover: 0, memory: memory)
                    let bAddr = c.B &+ (UInt64(i) &* c.strideB &+ UInt64(j)) &* dimU &* elemBytes
                    try mvin(dram: bAddr, local: operand(rows, cols, sp(bStart, tile)), mover: 1, memory: memory)
                    if c.C != 0 {
                        let cAddr = c.C &+ (UInt64(i) &* c.strideC &+ UInt64(j)) &* dimU &* sizeofC
                        try mvout(dram: cAddr, local: operand(rows, cols, sp(cStart, tile)), memory: memory)
                    }
                }
            }
            return
        }

        let memory = stagedOperands(aTransposed: aT, bTransposed: bT, sizeofD: sizeofD, memory: memory)
        staging = memory
        defer { staging = nil }
        if c.D != 0 {
            for i in 0..<I {
                for j in 0..<J {
                    let dAddr = c.D &+ (UInt64(i) &* c.strideD &+ UInt64(j)) &* dimU &* sizeofD
                    try mvin(dram: dAddr, local: operand(tileRows(i), tileColsJ(j), sp(dStart, i * J + j)),
                             mover: 2, memory: memory)
                }
            }
        }

        for k in 0..<K {
            for j in 0..<J {
                for i in 0..<I {
                    let aAddrSp = aT ? sp(aStart, k * I + i) : sp(aStart, i * K + k)
                    let bAddrSp = bT ? sp(bStart, j * K + k) : sp(bStart, k * J + j)
                    let cAddrSp = sp(cStart, i * J + j)

                    if j == 0 && c.A != 0 {
                        let address: UInt64, rows: Int, cols: Int
                        if aT {
                            address = c.A &+ (UInt64(k) &* c.strideA &+ UInt64(i)) &* dimU &* elemBytes
                            cols = tileRows(i); rows = tileK(k)
                        } else {
                            address = c.A &+ (UInt64(i) &* c.strideA &+ UInt64(k)) &* dimU &* elemBytes
                            cols = tileK(k); rows = tileRows(i)
                        }
                        try mvin(dram: address, local: operand(rows, cols, aAddrSp), mover: 0, memory: memory)
                    }
                    if i == 0 && c.B != 0 {
                        let address: UInt64, rows: Int, cols: Int
                        if bT {
                            address = c.B &+ (UInt64(j) &* c.strideB &+ UInt64(k)) &* dimU &* elemBytes
                            cols = tileK(k); rows = tileColsJ(j)
                        } else {
                            address = c.B &+ (UInt64(k) &* c.strideB &+ UInt64(j)) &* dimU &* elemBytes
                            cols = tileColsJ(j); rows = tileK(k)
                        }
                        try mvin(dram: address, local: operand(rows, cols, bAddrSp), mover: 1, memory: memory)
                    }

                    var out = cAddrSp
                    if !exAccumulate && k == 0 { out &= ~(UInt32(1) << 30) }
                    preload(bd: operand(tileK(k), tileColsJ(j), i == 0 ? bAddrSp : garbage),
                            c: operand(tileRows(i), tileColsJ(j), out))
                    try compute(a: operand(tileRows(i), tileK(k), aAddrSp), bd: operand(n, n, garbage), preload: i == 0)

                    if c.C != 0 && k == K - 1 {
                        if act != 2 && act != 4 {
                            let cAddr = c.C &+ (UInt64(i) &* c.strideC &+ UInt64(j)) &* dimU &* sizeofC
                            try mvout(dram: cAddr, local: operand(tileRows(i), tileColsJ(j), cAddrSp), memory: memory)
                        } else if j == J - 1 {
                            try loopWSNormalisedMvout(i: i, layernorm: act == 2, cStart: cStart, sizeofC: sizeofC,
                                                      rows: tileRows(i), memory: memory)
                        }
                    }
                }
            }
        }
    }

    /// The loop's A, B and D rows, staged (StagedOperands) where an operand's tiles lie on consecutive
    /// rows: its DIM-row blocks are DIM of its mover's row strides apart.
    private func stagedOperands(aTransposed aT: Bool, bTransposed bT: Bool, sizeofD: UInt64,
                                memory: any GemminiMemory) -> StagedOperands {
        let c = loopWS
        let n = dim
        let staged = StagedOperands(memory: memory)
        let elemBytes = configuration.elementType.byteCount
        /// `blocks` blocks of DIM rows (the last `rowPad` short) at `address`, `loopStride` elements of
        /// `bytes` per block row; rows of `columnBlocks` blocks of DIM columns (the last `columnPad` short).
        func stage(_ address: UInt64, mover: Int, loopStride: UInt64, bytes: Int, blocks: Int, rowPad: Int,
                   columnBlocks: Int, columnPad: Int) {
            let rowStride = load[mover].stride
            guard address != 0 && loopStride &* UInt64(n * bytes) == rowStride &* UInt64(n) else { return }
            staged.stage(address: address, rowStride: rowStride, rows: blocks * n - rowPad,
                         lineBytes: (columnBlocks * n - columnPad) * bytes)
        }
        if aT {
            stage(c.A, mover: 0, loopStride: c.strideA, bytes: elemBytes, blocks: c.K, rowPad: c.padK, columnBlocks: c.I, columnPad: c.padI)
        } else {
            stage(c.A, mover: 0, loopStride: c.strideA, bytes: elemBytes, blocks: c.I, rowPad: c.padI, columnBlocks: c.K, columnPad: c.padK)
        }
        if bT {
            stage(c.B, mover: 1, loopStride: c.strideB, bytes: elemBytes, blocks: c.J, rowPad: c.padJ, columnBlocks: c.K, columnPad: c.padK)
        } else {
            stage(c.B, mover: 1, loopStride: c.strideB, bytes: elemBytes, blocks: c.K, rowPad: c.padK, columnBlocks: c.J, columnPad: c.padJ)
        }
        stage(c.D, mover: 2, loopStride: c.strideD, bytes: Int(sizeofD), blocks: c.I, rowPad: c.padI, columnBlocks: c.J, columnPad: c.padJ)
        return staged
    }

    /// LOOP_WS with layernorm or softmax: once a row of C tiles is complete, each output row is moved
    /// out in a few passes that gather the statistics (one stat id per row, NORM_STAT_IDS at a time).
    private func loopWSNormalisedMvout(i: Int, layernorm: Bool, cStart: UInt32, sizeofC: UInt64, rows: Int,
                                       memory: any GemminiMemory) throws(GemminiError) {
        let c = loopWS
        let n = dim
        let J = c.J
        let commands: [(UInt32, UInt32)] = layernorm ? [(1, 2), (3, 4), (0, 0)] : [(5, 5), (6, 7), (0, 0)]
        let statIDs = norm.count
        var row = 0
        while row < rows {
            let ids = min(statIDs, rows - row)
            for (partial, final) in commands {
                for stat in 0..<ids {
                    normStatID = stat
                    let r = row + stat
                    for jj in 0..<J {
                        var local = cStart &+ UInt32(truncatingIfNeeded: (i * J + jj) * n + r)
                        local |= (jj + 1 == J ? final : partial) << 26
                        let address = c.C &+ (UInt64(i) &* c.strideC &+ UInt64(jj)) &* UInt64(n) &* sizeofC
                            &+ UInt64(r) &* c.strideC &* sizeofC
                        let cols = n - (jj + 1 == J ? c.padJ : 0)
                        try mvout(dram: address, local: operand(1, cols, local), memory: memory)
                    }
                }
            }
            row += statIDs
        }
    }
}
