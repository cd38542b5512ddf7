#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#endif
import CLibELF

/// Reads RV64 little-endian RISC-V executables (ET_EXEC, and ET_DYN without relocation as Spike does:
/// segments go where their headers say, so a static-pie linked at 0 fails placement rather than loading).
/// Programs with a PT_INTERP are loaded too; `ELFImage.hasInterpreter` lets the machine refuse them.
public enum ELFLoader {
    /// Real programs have about a dozen program headers; more than this means a corrupt count.
    static let maximumProgramHeaders = 256
    /// No guest memory comes near this; a larger segment means a corrupt size.
    static let maximumSegmentSize: UInt64 = 1 << 40

    public static func load(path: String) throws(ELFLoadError) -> ELFImage {
        try load(bytes: readFile(path), name: path)
    }

    /// Loads an image already in memory; `name` stands for the file in the image and in errors.
    public static func load(bytes: [UInt8], name: String) throws(ELFLoadError) -> ELFImage {
        guard !bytes.isEmpty else { throw .emptyFile(path: name) }
        try checkIdentification(bytes, name: name)
        guard libelfReady else { throw .malformed(path: name, reason: "libelf refused version \(EV_CURRENT)") }

        // libelf works on a private, 8-byte aligned copy so that it can use its headers in place.
        let buffer = UnsafeMutableRawBufferPointer.allocate(byteCount: bytes.count, alignment: 8)
        defer { buffer.deallocate() }
        bytes.withUnsafeBytes { buffer.copyMemory(from: $0) }
        guard let elf = elf_memory(buffer.baseAddress!.assumingMemoryBound(to: CChar.self), buffer.count) else {
            throw .malformed(path: name, reason: libelfMessage())
        }
        defer { elf_end(elf) }
        return try ImageReader(elf: elf, name: name).read()
    }

    /// elf_version must precede every other libelf call; a static let runs it exactly once, thread-safely.
    private static let libelfReady = elf_version(UInt32(EV_CURRENT)) != UInt32(EV_NONE)

    static func libelfMessage() -> String { String(cString: elf_errmsg(-1)) }

    /// The whole file: programs are small, and a private copy cannot change or vanish under libelf.
    private static func readFile(_ path: String) throws(ELFLoadError) -> [UInt8] {
        let fd = open(path, O_RDONLY | O_CLOEXEC)
        guard fd >= 0 else { throw .unreadable(path: path, code: errno) }
        defer { close(fd) }
        var status = stat()
        guard fstat(fd, &status) == 0 else { throw .unreadable(path: path, code: errno) }
        guard status.st_mode & S_IFMT == S_IFREG else { throw .notRegularFile(path: path) }

        var bytes = [UInt8](repeating: 0, count: Int(status.st_size))
        var filled = 0
        while filled < bytes.count {
            let count = bytes.withUnsafeMutableBytes { read(fd, $0.baseAddress! + filled, $0.count - filled) }
            if count > 0 {
                filled += count
            } else if count == 0 {
                break  // the file shrank since fstat
            } else if errno != EINTR {
                throw .unreadable(path: path, code: errno)
            }
        }
        bytes.removeLast(bytes.count - filled)
        return bytes
    }

    /// Checks done on the raw bytes before libelf sees them, for precise messages: libelf calls wrong-class,
    /// short and bad-section-table files alike just "invalid ELF".
    private static func checkIdentification(_ bytes: [UInt8], name: String) throws(ELFLoadError) {
        guard bytes.starts(with: [0x7F, 0x45, 0x4C, 0x46]) else { throw .notELF(path: name) }
        let headerSize = MemoryLayout<Elf64_Ehdr>.size
        let fileSize = UInt64(bytes.count)
        guard bytes.count >= Int(EI_NIDENT) else {
            throw .truncated(path: name, part: .elfHeader, offset: 0, size: UInt64(headerSize), fileSize: fileSize)
        }
        switch Int32(bytes[Int(EI_CLASS)]) {
        case ELFCLASS64: break
        case ELFCLASS32: throw .is32Bit(path: name)
        case let other: throw .malformed(path: name, reason: "unknown ELF class \(other)")
        }
        switch Int32(bytes[Int(EI_DATA)]) {
        case ELFDATA2LSB: break
        case ELFDATA2MSB: throw .isBigEndian(path: name)
        case let other: throw .malformed(path: name, reason: "unknown ELF data encoding \(other)")
        }
        guard Int32(bytes[Int(EI_VERSION)]) == EV_CURRENT else {
            throw .malformed(path: name, reason: "unknown ELF version \(bytes[Int(EI_VERSION)])")
        }
        guard bytes.count >= headerSize else {
            throw .truncated(path: name, part: .elfHeader, offset: 0, size: UInt64(headerSize), fileSize: fileSize)
        }

        // A file cut short usually loses its section header table first (linkers put it last).
        let header = bytes.withUnsafeBytes { $0.loadUnaligned(as: Elf64_Ehdr.self) }
        let tableOffset = UInt64(littleEndian: header.e_shoff)
        guard tableOffset != 0 else { return }
        // e_shnum 0 with a table present means the count lives in section 0 (extended numbering).
        let tableSize = UInt64(max(UInt16(littleEndian: header.e_shnum), 1)) * UInt64(MemoryLayout<Elf64_Shdr>.size)
        guard fits(offset: tableOffset, size: tableSize, in: fileSize) else {
            throw .truncated(path: name, part: .sectionHeaders, offset: tableOffset, size: tableSize, fileSize: fileSize)
        }
    }

    static func fits(offset: UInt64, size: UInt64, in fileSize: UInt64) -> Bool {
        offset <= fileSize && size <= fileSize - offset
    }
}
