/// Finds the table row of an instruction word without scanning the tables: rows are bucketed by
/// the bits most encodings fix (32-bit: opcode[6:2], funct3 and bits 31:27; compressed: quadrant
/// and funct3), keeping each bucket in table order so the first fitting row wins.
struct InstructionIndex: Sendable {
    /// What the decoder needs of a row, kept flat so a lookup touches no reference-counted data.
    struct Row: Sendable {
        let match: UInt32
        let mask: UInt32
        let opcode: Opcode
        let layout: FieldLayout
        let reserved: ReservedCondition
        /// Position in `encodings`.
        let encoding: UInt16
    }

    static let shared = InstructionIndex()

    /// `instructionTable` followed by `compressedTable`.
    let encodings: [InstructionEncoding]
    private let rows: [Row]
    /// Bucket `k` holds `rows[bucketStart[k] ..< bucketStart[k + 1]]`; compressed buckets follow the 32-bit ones.
    private let bucketStart: [UInt32]

    private static let wideKeyCount = 1 << 13
    private static let compressedKeyCount = 1 << 5
    private static let wideKeyMask: UInt32 = 0xf800_707f
    private static let compressedKeyMask: UInt32 = 0xe003

    @inline(__always)
    private static func key(_ bits: UInt32) -> Int {
        if bits & 3 == 3 {
            let opcode: UInt32 = (bits >> 2) & 0x1f, funct3: UInt32 = (bits >> 7) & 0xe0
            let funct5: UInt32 = (bits >> 19) & 0x1f00
            return Int(opcode | funct3 | funct5)
        }
        let quadrant: UInt32 = bits & 3, funct3: UInt32 = (bits >> 11) & 0x1c
        return wideKeyCount + Int(quadrant | funct3)
    }

    /// The bits a key stands for: the inverse of `key` on the key-mask bits.
    private static func word(forKey key: Int) -> UInt32 {
        if key < wideKeyCount {
            let k = UInt32(key)
            let opcode: UInt32 = 3 | (k & 0x1f) << 2, funct3: UInt32 = (k >> 5 & 7) << 12
            return opcode | funct3 | (k >> 8) << 27
        }
        let k = UInt32(key - wideKeyCount)
        return k & 3 | (k >> 2) << 13
    }

    private init() {
        encodings = instructionTable + compressedTable
        var rows: [Row] = []
        var bucketStart: [UInt32] = []
        for key in 0 ..< Self.wideKeyCount + Self.compressedKeyCount {
            bucketStart.append(UInt32(rows.count))
            let word = Self.word(forKey: key)
            let keyMask = key < Self.wideKeyCount ? Self.wideKeyMask : Self.compressedKeyMask
            // A word whose low bits say "32-bit" never reaches a compressed bucket, and vice versa.
            guard (word & 3 == 3) == (key < Self.wideKeyCount) else { continue }
            for (i, e) in encodings.enumerated() where (word ^ e.match) & e.mask & keyMask == 0 {
                rows.append(Row(match: e.match, mask: e.mask, opcode: e.opcode, layout: e.layout,
                                reserved: e.reserved, encoding: UInt16(i)))
            }
        }
        bucketStart.append(UInt32(rows.count))
        self.rows = rows
        self.bucketStart = bucketStart
    }

    /// The first row, in table order, that fits `bits` (a 32-bit word, or a halfword with its
    /// upper bits clear).
    @inline(__always)
    func row(for bits: UInt32) -> Row? {
        let key = Self.key(bits)
        var i = Int(bucketStart[key])
        let end = Int(bucketStart[key + 1])
        while i < end {
            let row = rows[i]
            if bits & row.mask == row.match { return row }
            i += 1
        }
        return nil
    }
}
