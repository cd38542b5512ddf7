/// Main memory as one LOOP_WS sees it, with its operands' rows read once up front: the loop moves each
/// DIM-wide tile in row by row, so without this every matrix row would be translated and copied once per
/// tile it crosses. A staged operand is a run of rows `rowStride` bytes apart (0: one row, repeated),
/// each `lineBytes` long; a read that lies within one staged row is served from the copy, anything else
/// goes to memory. A write overlapping a staged operand's span drops that copy, so every read still sees
/// what memory holds at its point in the loop. Rows that fault are simply not staged: the loop's own read
/// of them then faults where it would have. (Like the hardware's DMA, reads are not ordered after the
/// loop's writes to the page tables that map them.) Used by one LOOP_WS, on its hart's thread only.
final class StagedOperands: GemminiMemory {
    private let memory: any GemminiMemory
    @exclusivity(unchecked) private var operands: [Operand] = []

    private struct Operand {
        let address: UInt64
        let rowStride: UInt64
        let rows: Int
        let lineBytes: Int
        let data: UnsafeMutableRawPointer
        /// Bytes from the first row's start to the last row's end.
        let span: UInt64
    }

    init(memory: any GemminiMemory) { self.memory = memory }

    deinit {
        for operand in operands { operand.data.deallocate() }
    }

    /// Reads `rows` rows of `lineBytes` at `address`, `rowStride` apart, if all of them can be read.
    func stage(address: UInt64, rowStride: UInt64, rows: Int, lineBytes: Int) {
        guard rows > 0 && lineBytes > 0 else { return }
        let distinctRows = rowStride == 0 ? 1 : rows
        let (lastRowStart, overflow) = UInt64(distinctRows - 1).multipliedReportingOverflow(by: rowStride)
        let room = UInt64.max - UInt64(lineBytes)
        guard !overflow && address <= room && lastRowStart <= room - address else { return }
        let operand = Operand(address: address, rowStride: rowStride, rows: distinctRows, lineBytes: lineBytes,
                              data: .allocate(byteCount: distinctRows * lineBytes, alignment: 16),
                              span: lastRowStart + UInt64(lineBytes))
        for row in 0..<distinctRows {
            let line = UnsafeMutableRawBufferPointer(start: operand.data + row * lineBytes, count: lineBytes)
            guard memory.read(address &+ UInt64(row) &* rowStride, into: line) else {
                operand.data.deallocate()
                return
            }
        }
        operands.append(operand)
    }

    /// The staged copies of `rows` runs of `count` bytes at `address`, `stride` apart (a mover's rows), if
    /// they all lie within staged rows.
    func rows(at address: UInt64, count: Int, stride: UInt64, rows: Int) -> CopiedRows? {
        for operand in operands where address &- operand.address < operand.span {
            guard stride == operand.rowStride else { continue }
            let offset = address &- operand.address
            let row = stride == 0 ? 0 : offset / stride
            let column = Int(offset &- row &* stride)
            let lastRow = stride == 0 ? row : row &+ UInt64(rows - 1)
            if lastRow < UInt64(operand.rows) && column + count <= operand.lineBytes {
                return CopiedRows(first: operand.data + Int(row) * operand.lineBytes + column, step: stride == 0 ? 0 : operand.lineBytes)
            }
        }
        return nil
    }

    func read(_ address: UInt64, into buffer: UnsafeMutableRawBufferPointer) -> Bool {
        for operand in operands where address &- operand.address < operand.span {
            let offset = address &- operand.address
            let row = operand.rowStride == 0 ? 0 : offset / operand.rowStride
            let column = Int(offset &- row &* operand.rowStride)
            if row < UInt64(operand.rows) && column + buffer.count <= operand.lineBytes {
                buffer.copyMemory(from: UnsafeRawBufferPointer(start: operand.data + Int(row) * operand.lineBytes + column,
                                                               count: buffer.count))
                return true
            }
        }
        return memory.read(address, into: buffer)
    }

    func write(_ address: UInt64, from buffer: UnsafeRawBufferPointer) -> Bool {
        let end = address &+ UInt64(buffer.count)
        func overlaps(_ operand: Operand) -> Bool {
            address < operand.address + operand.span && (operand.address < end || end < address)
        }
        if operands.contains(where: overlaps) {
            for operand in operands where overlaps(operand) { operand.data.deallocate() }
            operands.removeAll(where: overlaps)
        }
        return memory.write(address, from: buffer)
    }
}

/// A mover's rows already copied into host memory, `step` bytes apart.
struct CopiedRows {
    let first: UnsafeRawPointer
    let step: Int
    @inline(__always) func row(_ i: Int) -> UnsafeRawPointer { first + i * step }
}
