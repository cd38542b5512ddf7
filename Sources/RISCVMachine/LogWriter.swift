#if canImport(Glibc)
import Glibc
#endif

/// A buffered writer to a file descriptor, for logs that can run to millions of lines.
final class LogWriter {
    private let fd: Int32
    private let ownsDescriptor: Bool
    private var buffer: [UInt8] = []

    init(fd: Int32, ownsDescriptor: Bool) {
        self.fd = fd
        self.ownsDescriptor = ownsDescriptor
        buffer.reserveCapacity(1 << 16)
    }

    /// Opens (truncating) `path` for writing.
    convenience init(path: String) throws(MachineError) {
        let fd = open(path, O_WRONLY | O_CREAT | O_TRUNC, 0o644)
        guard fd >= 0 else { throw MachineError("cannot open log file '\(path)': \(String(cString: strerror(errno)))") }
        self.init(fd: fd, ownsDescriptor: true)
    }

    deinit {
        flush()
        if ownsDescriptor { close(fd) }
    }

    func write(_ s: String) {
        buffer.append(contentsOf: s.utf8)
        if buffer.count >= 1 << 16 { flush() }
    }

    /// Appends `0x` and `digits` lower-case hex digits of `value`.
    func writeHex(_ value: UInt64, digits: Int) {
        buffer.append(48); buffer.append(120)
        var shift = (digits - 1) * 4
        while shift >= 0 {
            let nibble = Int((value >> UInt64(shift)) & 0xf)
            buffer.append(nibble < 10 ? UInt8(48 + nibble) : UInt8(87 + nibble))
            shift -= 4
        }
    }

    func flush() {
        var offset = 0
        while offset < buffer.count {
            let n = buffer.withUnsafeBytes { Glibc.write(fd, $0.baseAddress! + offset, $0.count - offset) }
            if n <= 0 { break }
            offset += n
        }
        buffer.removeAll(keepingCapacity: true)
    }
}
