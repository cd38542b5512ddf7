import RISCVCore

/// Typed access to a user process's memory for the system-call layer (bare translation: guest
/// addresses are physical). Every accessor fails softly, so a bad guest pointer becomes -EFAULT.
struct GuestMemory {
    let memory: PhysicalMemory

    func pointer(_ address: UInt64, count: UInt64) -> UnsafeMutableRawPointer? {
        count == 0 ? UnsafeMutableRawPointer(bitPattern: 1) : memory.hostPointer(address, size: count)
    }

    func load<T: FixedWidthInteger>(_ address: UInt64, as type: T.Type = T.self) -> T? {
        pointer(address, count: UInt64(MemoryLayout<T>.size))?.loadUnaligned(as: T.self).littleEndian
    }

    @discardableResult
    func store<T: FixedWidthInteger>(_ value: T, at address: UInt64) -> Bool {
        withUnsafeBytes(of: value.littleEndian) { write($0, at: address) }
    }

    func write(_ bytes: UnsafeRawBufferPointer, at address: UInt64) -> Bool {
        memory.write(bytes, at: address)
    }

    func write(_ bytes: [UInt8], at address: UInt64) -> Bool {
        bytes.withUnsafeBytes { write($0, at: address) }
    }

    func bytes(_ address: UInt64, count: Int) -> [UInt8]? {
        memory.read(address, count: count)
    }

    /// A NUL-terminated string of at most `limit` bytes (PATH_MAX for paths).
    func string(_ address: UInt64, limit: Int = 4096) -> String? {
        var bytes: [UInt8] = []
        var at = address
        while bytes.count < limit {
            guard let b: UInt8 = load(at) else { return nil }
            if b == 0 { return String(decoding: bytes, as: UTF8.self) }
            bytes.append(b)
            at &+= 1
        }
        return nil
    }

    /// The host was given `count` bytes of guest memory to fill (read, pread, ...): keep decoded code
    /// honest and count the pages as written.
    func hostFilled(_ address: UInt64, count: Int) {
        if count > 0 { memory.hostWrote(address, count: count) }
    }
}

/// A little-endian byte buffer for building guest structures (stat, statx, utsname, the initial stack).
struct GuestStructure {
    private(set) var bytes: [UInt8]

    init(size: Int) { bytes = [UInt8](repeating: 0, count: size) }

    mutating func put<T: FixedWidthInteger>(_ value: T, at offset: Int) {
        withUnsafeBytes(of: value.littleEndian) { raw in
            for (i, b) in raw.enumerated() { bytes[offset + i] = b }
        }
    }

    mutating func put(string: String, at offset: Int, field: Int) {
        for (i, b) in string.utf8.prefix(field - 1).enumerated() { bytes[offset + i] = b }
    }
}
