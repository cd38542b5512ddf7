import ELFLoader
import Foundation
import Testing

/// A corrupted or unsuitable file, the error it must raise and that error's exact message.
struct BadFile: Sendable, CustomTestStringConvertible {
    let testDescription: String
    let bytes: [UInt8]
    let error: ELFLoadError
    let message: String

    init(_ label: String, _ bytes: [UInt8], _ error: ELFLoadError, _ message: String) {
        testDescription = label
        self.bytes = bytes
        self.error = error
        self.message = message
    }
}

struct RejectionTests {
    static let name = "prog.elf"

    static let badFiles: [BadFile] = {
        let (valid, layout) = TestELF.program().buildWithLayout()
        var withoutSections = TestELF.program()
        withoutSections.symbols = nil
        let (bare, bareLayout) = withoutSections.buildWithLayout()
        func patched(_ bytes: [UInt8] = valid, _ edit: (inout [UInt8]) -> Void) -> [UInt8] {
            var copy = bytes
            edit(&copy)
            return copy
        }
        // Section 4 is .symtab: sections 1-3 stand for the three program headers.
        let symbolTableHeader = layout.sectionHeaderTableOffset + 4 * TestELF.sectionHeaderSize
        let programHeaderTableSize = UInt64(3 * TestELF.programHeaderSize)
        let dataOffset = bareLayout.segmentOffsets[1]
        let n = name

        return [
            BadFile("empty", [], .emptyFile(path: n), "prog.elf: empty file"),
            BadFile("a shell script", Array("#!/bin/sh\necho hello\n".utf8), .notELF(path: n), "prog.elf: not an ELF file"),
            BadFile("ELFCLASS32", patched { $0[ELFOffset.elfClass] = 1 }, .is32Bit(path: n),
                    "prog.elf: 32-bit ELF (ELFCLASS32); rvgem runs RV64 programs only"),
            BadFile("a 32-bit header alone", Array(patched { $0[ELFOffset.elfClass] = 1 }.prefix(52)), .is32Bit(path: n),
                    "prog.elf: 32-bit ELF (ELFCLASS32); rvgem runs RV64 programs only"),
            BadFile("ELFDATA2MSB", patched { $0[ELFOffset.dataEncoding] = 2 }, .isBigEndian(path: n),
                    "prog.elf: big-endian ELF (ELFDATA2MSB); rvgem runs little-endian RISC-V programs only"),
            BadFile("EM_X86_64", patched { $0.store(UInt16(62), at: ELFOffset.machine) }, .wrongMachine(path: n, machine: 62),
                    "prog.elf: built for x86-64 (EM_X86_64=62); rvgem runs RISC-V (EM_RISCV=243) programs only"),
            BadFile("an unknown machine", patched { $0.store(UInt16(9999), at: ELFOffset.machine) },
                    .wrongMachine(path: n, machine: 9999),
                    "prog.elf: built for machine 9999 (e_machine=9999); rvgem runs RISC-V (EM_RISCV=243) programs only"),
            BadFile("ET_REL", patched { $0.store(UInt16(1), at: ELFOffset.type) }, .notExecutable(path: n, type: 1),
                    "prog.elf: not an executable: a relocatable object file (ET_REL); link it into an executable first"),
            BadFile("ET_CORE", patched { $0.store(UInt16(4), at: ELFOffset.type) }, .notExecutable(path: n, type: 4),
                    "prog.elf: not an executable: a core dump (ET_CORE)"),
            BadFile("cut inside e_ident", Array(valid.prefix(10)),
                    .truncated(path: n, part: .elfHeader, offset: 0, size: 64, fileSize: 10),
                    "prog.elf: truncated file: the ELF header (64 bytes at offset 0) extends past the end of the file (10 bytes)"),
            BadFile("cut inside the ELF header", Array(valid.prefix(40)),
                    .truncated(path: n, part: .elfHeader, offset: 0, size: 64, fileSize: 40),
                    "prog.elf: truncated file: the ELF header (64 bytes at offset 0) extends past the end of the file (40 bytes)"),
            BadFile("cut inside the section header table", Array(valid.dropLast()),
                    .truncated(path: n, part: .sectionHeaders, offset: UInt64(layout.sectionHeaderTableOffset),
                               size: 7 * 64, fileSize: UInt64(valid.count - 1)),
                    "prog.elf: truncated file: the section header table (448 bytes at offset \(layout.sectionHeaderTableOffset)) extends past the end of the file (\(valid.count - 1) bytes)"),
            BadFile("cut inside the program header table", Array(bare.prefix(130)),
                    .truncated(path: n, part: .programHeaders, offset: 64, size: programHeaderTableSize, fileSize: 130),
                    "prog.elf: truncated file: the program header table (168 bytes at offset 64) extends past the end of the file (130 bytes)"),
            BadFile("program header table beyond the end", patched(bare) { $0.store(UInt64(0x10000), at: ELFOffset.programHeaderOffset) },
                    .truncated(path: n, part: .programHeaders, offset: 0x10000, size: programHeaderTableSize,
                               fileSize: UInt64(bare.count)),
                    "prog.elf: truncated file: the program header table (168 bytes at offset 65536) extends past the end of the file (\(bare.count) bytes)"),
            BadFile("cut inside a segment", Array(bare.prefix(dataOffset + 8)),
                    .truncated(path: n, part: .segment(programHeader: 1), offset: UInt64(dataOffset), size: 16,
                               fileSize: UInt64(dataOffset + 8)),
                    "prog.elf: truncated file: the segment of program header 1 (16 bytes at offset \(dataOffset)) extends past the end of the file (\(dataOffset + 8) bytes)"),
            BadFile("symbol table beyond the end", patched { $0.store(UInt64(0x10000), at: symbolTableHeader + 32) },
                    .truncated(path: n, part: .section(4), offset: UInt64(layout.symbolTableOffset), size: 0x10000,
                               fileSize: UInt64(valid.count)),
                    "prog.elf: truncated file: section 4 (65536 bytes at offset \(layout.symbolTableOffset)) extends past the end of the file (\(valid.count) bytes)"),
            BadFile("257 program headers", patched { $0.store(UInt16(257), at: ELFOffset.programHeaderCount) },
                    .tooManyProgramHeaders(path: n, count: 257),
                    "prog.elf: 257 program headers (at most 256 accepted); the file is corrupt"),
            BadFile("file size over memory size", patched { $0.store(UInt64(8), at: ELFOffset.programHeader(1, .memorySize)) },
                    .fileSizeExceedsMemorySize(path: n, programHeader: 1, fileSize: 16, memorySize: 8),
                    "prog.elf: program header 1 (PT_LOAD): file size 0x10 exceeds memory size 0x8"),
            BadFile("a 2 TiB segment", patched { $0.store(UInt64(1) << 41, at: ELFOffset.programHeader(1, .memorySize)) },
                    .segmentTooLarge(path: n, programHeader: 1, memorySize: 1 << 41),
                    "prog.elf: program header 1 (PT_LOAD): memory size 0x20000000000 is implausibly large (over 1 TiB)"),
            BadFile("virtual end at 2^64", patched { $0.store(UInt64(0xFFFF_FFFF_FFFF_F000), at: ELFOffset.programHeader(1, .virtualAddress)) },
                    .addressOverflow(path: n, programHeader: 1, address: 0xFFFF_FFFF_FFFF_F000, memorySize: 0x1000),
                    "prog.elf: program header 1 (PT_LOAD): 0x1000 bytes at 0xfffffffffffff000 run past the end of the 64-bit address space"),
            BadFile("physical end past 2^64", patched { $0.store(UInt64.max, at: ELFOffset.programHeader(1, .physicalAddress)) },
                    .addressOverflow(path: n, programHeader: 1, address: .max, memorySize: 0x1000),
                    "prog.elf: program header 1 (PT_LOAD): 0x1000 bytes at 0xffffffffffffffff run past the end of the 64-bit address space"),
            BadFile("no program headers", patched { $0.store(UInt16(0), at: ELFOffset.programHeaderCount) },
                    .noLoadableSegments(path: n), "prog.elf: no loadable (PT_LOAD) segments"),
            BadFile("no PT_LOAD", patched {
                        $0.store(UInt32(4), at: ELFOffset.programHeader(0, .type))
                        $0.store(UInt32(4), at: ELFOffset.programHeader(1, .type))
                    },
                    .noLoadableSegments(path: n), "prog.elf: no loadable (PT_LOAD) segments"),
            BadFile("an unknown ELF class", patched { $0[ELFOffset.elfClass] = 3 },
                    .malformed(path: n, reason: "unknown ELF class 3"), "prog.elf: malformed ELF: unknown ELF class 3"),
            BadFile("a wrong program header entry size", patched { $0.store(UInt16(32), at: ELFOffset.programHeaderEntrySize) },
                    .malformed(path: n, reason: "program header entry size 32 (expected 56)"),
                    "prog.elf: malformed ELF: program header entry size 32 (expected 56)"),
            BadFile("a symbol table without strings", patched { $0.store(UInt32(1), at: symbolTableHeader + 40) },
                    .malformed(path: n, reason: "symbol table (section 4) links to section 1, which is not a string table"),
                    "prog.elf: malformed ELF: symbol table (section 4) links to section 1, which is not a string table"),
            // Symbol 3 is "buffer", the last local.
            BadFile("a symbol name outside the strings", patched { $0.store(UInt32(0xFFFF), at: layout.symbolTableOffset + 3 * 24) },
                    .malformed(path: n, reason: "symbol 3 of section 4 has its name outside the string table"),
                    "prog.elf: malformed ELF: symbol 3 of section 4 has its name outside the string table"),
        ]
    }()

    @Test(arguments: badFiles)
    func rejects(_ bad: BadFile) {
        do {
            let image = try ELFLoader.load(bytes: bad.bytes, name: Self.name)
            Issue.record("loaded \(image.segments.count) segments")
        } catch {
            #expect(error == bad.error)
            #expect(error.description == bad.message)
        }
    }

    @Test func namesAMissingFileAndTheReason() {
        let path = "/nonexistent/prog.elf"
        #expect(throws: ELFLoadError.unreadable(path: path, code: ENOENT)) { try ELFLoader.load(path: path) }
        #expect(ELFLoadError.unreadable(path: path, code: ENOENT).description == "/nonexistent/prog.elf: cannot read: No such file or directory")
    }

    @Test func rejectsADirectory() {
        let path = FileManager.default.temporaryDirectory.path
        #expect(throws: ELFLoadError.notRegularFile(path: path)) { try ELFLoader.load(path: path) }
    }

    @Test func rejectsAnEmptyFile() throws {
        try withTemporaryFile(contents: []) { path in
            #expect(throws: ELFLoadError.emptyFile(path: path)) { try ELFLoader.load(path: path) }
        }
    }
}
