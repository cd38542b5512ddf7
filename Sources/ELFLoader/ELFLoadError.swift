#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#endif

/// Why a program cannot be loaded. Every case names the file, and `description` is one line for the user.
public enum ELFLoadError: Error, CustomStringConvertible, Equatable, Sendable {
    /// The region of the file that a truncated file is missing.
    public enum Part: Equatable, Sendable {
        case elfHeader
        case programHeaders
        case sectionHeaders
        /// The file bytes of a PT_LOAD segment, by program header index (as `readelf -l` numbers them).
        case segment(programHeader: Int)
        /// The contents of a section (the symbol table or its strings), by section index.
        case section(Int)
    }

    /// open/read failed; `code` is the errno value.
    case unreadable(path: String, code: Int32)
    case notRegularFile(path: String)
    case emptyFile(path: String)
    case notELF(path: String)
    case is32Bit(path: String)
    case isBigEndian(path: String)
    case wrongMachine(path: String, machine: UInt16)
    case notExecutable(path: String, type: UInt16)
    /// `size` bytes at `offset` were needed but the file ends first.
    case truncated(path: String, part: Part, offset: UInt64, size: UInt64, fileSize: UInt64)
    case tooManyProgramHeaders(path: String, count: Int)
    case fileSizeExceedsMemorySize(path: String, programHeader: Int, fileSize: UInt64, memorySize: UInt64)
    case segmentTooLarge(path: String, programHeader: Int, memorySize: UInt64)
    /// address + memorySize does not fit in 64 bits.
    case addressOverflow(path: String, programHeader: Int, address: UInt64, memorySize: UInt64)
    case noLoadableSegments(path: String)
    /// Structure libelf or the loader cannot make sense of (bad identification fields, bad symbol names...).
    case malformed(path: String, reason: String)
    case segmentOutsideMemory(path: String, address: UInt64, size: UInt64, physical: Bool, regions: [Range<UInt64>])
    case overlappingSegments(path: String, first: Range<UInt64>, second: Range<UInt64>, physical: Bool)

    public var path: String {
        switch self {
        case .unreadable(let path, _), .notRegularFile(let path), .emptyFile(let path), .notELF(let path),
             .is32Bit(let path), .isBigEndian(let path), .wrongMachine(let path, _), .notExecutable(let path, _),
             .truncated(let path, _, _, _, _), .tooManyProgramHeaders(let path, _),
             .fileSizeExceedsMemorySize(let path, _, _, _), .segmentTooLarge(let path, _, _),
             .addressOverflow(let path, _, _, _), .noLoadableSegments(let path), .malformed(let path, _),
             .segmentOutsideMemory(let path, _, _, _, _), .overlappingSegments(let path, _, _, _):
            return path
        }
    }

    public var description: String { "\(path): \(problem)" }

    private var problem: String {
        switch self {
        case .unreadable(_, let code):
            return "cannot read: \(String(cString: strerror(code)))"
        case .notRegularFile:
            return "not a regular file"
        case .emptyFile:
            return "empty file"
        case .notELF:
            return "not an ELF file"
        case .is32Bit:
            return "32-bit ELF (ELFCLASS32); rvgem runs RV64 programs only"
        case .isBigEndian:
            return "big-endian ELF (ELFDATA2MSB); rvgem runs little-endian RISC-V programs only"
        case .wrongMachine(_, let machine):
            return "built for \(Self.machineName(machine)); rvgem runs RISC-V (EM_RISCV=243) programs only"
        case .notExecutable(_, let type):
            return "not an executable: \(Self.fileTypeName(type))"
        case .truncated(_, let part, let offset, let size, let fileSize):
            return "truncated file: \(Self.partName(part)) (\(size) bytes at offset \(offset)) extends past the end of the file (\(fileSize) bytes)"
        case .tooManyProgramHeaders(_, let count):
            return "\(count) program headers (at most \(ELFLoader.maximumProgramHeaders) accepted); the file is corrupt"
        case .fileSizeExceedsMemorySize(_, let index, let fileSize, let memorySize):
            return "program header \(index) (PT_LOAD): file size \(hex(fileSize)) exceeds memory size \(hex(memorySize))"
        case .segmentTooLarge(_, let index, let memorySize):
            return "program header \(index) (PT_LOAD): memory size \(hex(memorySize)) is implausibly large (over 1 TiB)"
        case .addressOverflow(_, let index, let address, let memorySize):
            return "program header \(index) (PT_LOAD): \(hex(memorySize)) bytes at \(hex(address)) run past the end of the 64-bit address space"
        case .noLoadableSegments:
            return "no loadable (PT_LOAD) segments"
        case .malformed(_, let reason):
            return "malformed ELF: \(reason)"
        case .segmentOutsideMemory(_, let address, let size, let physical, let regions):
            let memory = regions.isEmpty ? "none" : regions.map(Self.rangeText).joined(separator: ", ")
            return "segment of \(hex(size)) bytes at \(physical ? "physical" : "virtual") \(hex(address)) lies outside guest memory (\(memory))"
        case .overlappingSegments(_, let first, let second, let physical):
            return "segments at \(physical ? "physical" : "virtual") \(Self.rangeText(first)) and \(Self.rangeText(second)) overlap"
        }
    }

    private static func partName(_ part: Part) -> String {
        switch part {
        case .elfHeader: return "the ELF header"
        case .programHeaders: return "the program header table"
        case .sectionHeaders: return "the section header table"
        case .segment(let index): return "the segment of program header \(index)"
        case .section(let index): return "section \(index)"
        }
    }

    private static func machineName(_ machine: UInt16) -> String {
        let names: [UInt16: String] = [
            0: "no machine (EM_NONE=0)", 3: "x86 (EM_386=3)", 8: "MIPS (EM_MIPS=8)", 20: "PowerPC (EM_PPC=20)",
            21: "PowerPC64 (EM_PPC64=21)", 22: "s390 (EM_S390=22)", 40: "ARM (EM_ARM=40)",
            62: "x86-64 (EM_X86_64=62)", 183: "AArch64 (EM_AARCH64=183)", 258: "LoongArch (EM_LOONGARCH=258)",
        ]
        return names[machine] ?? "machine \(machine) (e_machine=\(machine))"
    }

    private static func fileTypeName(_ type: UInt16) -> String {
        switch type {
        case 0: return "no file type (ET_NONE)"
        case 1: return "a relocatable object file (ET_REL); link it into an executable first"
        case 4: return "a core dump (ET_CORE)"
        default: return "ELF file type \(hex(UInt64(type)))"
        }
    }

    private static func rangeText(_ range: Range<UInt64>) -> String {
        "[\(hex(range.lowerBound)), \(hex(range.upperBound)))"
    }
}

private func hex(_ value: UInt64) -> String { "0x" + String(value, radix: 16) }
