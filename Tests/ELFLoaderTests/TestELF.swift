/// Builds small ELF64 little-endian files byte by byte, so the tests need no cross compiler.
/// Layout: ELF header, program headers, segment contents, then (when there are symbols) one section per
/// program header, .symtab, .strtab, .shstrtab and the section header table last, as linkers place it.
struct TestELF {
    struct ProgramHeader {
        var type: UInt32 = 1  // PT_LOAD
        var flags: UInt32
        var virtualAddress: UInt64
        var physicalAddress: UInt64? = nil  // nil: same as virtual
        var contents: [UInt8] = []
        var memorySize: UInt64? = nil  // nil: contents.count
        /// Like a linker's first text segment: the file range starts at offset 0, so the segment also maps the
        /// ELF and program headers, and `contents` start `headerSpace` bytes in.
        var mapsFileHeaders = false
    }

    struct Symbol {
        var name: String
        var value: UInt64
        var size: UInt64 = 0
        var type: UInt8 = 0  // STT_NOTYPE
        var binding: UInt8 = 1  // STB_GLOBAL
        /// Section index: 1 + a program header's index, or a special index such as SHN_UNDEF/SHN_ABS.
        var section: UInt16
    }

    static let headerSpace = 0x200
    static let elfHeaderSize = 64
    static let programHeaderSize = 56
    static let sectionHeaderSize = 64

    var type: UInt16 = 2  // ET_EXEC
    var machine: UInt16 = 243  // EM_RISCV
    var osABI: UInt8 = 0
    var entry: UInt64
    var programHeaders: [ProgramHeader]
    /// nil: no section headers at all (a stripped-to-the-bone file).
    var symbols: [Symbol]?

    /// Where `build()` put things, for tests that cut or patch the bytes.
    struct Layout {
        var segmentOffsets: [Int] = []
        var symbolTableOffset = 0
        var sectionHeaderTableOffset = 0
    }

    func build() -> [UInt8] { buildWithLayout().bytes }

    func buildWithLayout() -> (bytes: [UInt8], layout: Layout) {
        let headerEnd = Self.elfHeaderSize + programHeaders.count * Self.programHeaderSize
        var file = [UInt8](repeating: 0, count: headerEnd)
        var layout = Layout()
        var fileSizes: [Int] = []
        for header in programHeaders {
            if header.mapsFileHeaders {
                precondition(file.count == headerEnd && headerEnd <= Self.headerSpace, "only the first segment can map the headers")
                file.pad(to: Self.headerSpace)
                layout.segmentOffsets.append(0)
                fileSizes.append(Self.headerSpace + header.contents.count)
            } else {
                file.pad(toMultipleOf: 8)
                layout.segmentOffsets.append(file.count)
                fileSizes.append(header.contents.count)
            }
            file += header.contents
        }

        var sectionCount = 0
        var sectionHeaderOffset = 0
        if let symbols {
            (sectionCount, sectionHeaderOffset) = appendSections(symbols, to: &file, layout: &layout)
        }

        var header = [UInt8](repeating: 0, count: Self.elfHeaderSize)
        header.replaceSubrange(0..<8, with: [0x7F, 0x45, 0x4C, 0x46, 2, 1, 1, osABI])  // ELFCLASS64, ELFDATA2LSB, EV_CURRENT
        header.store(type, at: 16)
        header.store(machine, at: 18)
        header.store(UInt32(1), at: 20)  // e_version
        header.store(entry, at: 24)
        header.store(UInt64(Self.elfHeaderSize), at: 32)  // e_phoff
        header.store(UInt64(sectionHeaderOffset), at: 40)
        header.store(UInt16(Self.elfHeaderSize), at: 52)
        header.store(UInt16(Self.programHeaderSize), at: 54)
        header.store(UInt16(programHeaders.count), at: 56)
        header.store(UInt16(Self.sectionHeaderSize), at: 58)
        header.store(UInt16(sectionCount), at: 60)
        header.store(UInt16(sectionCount == 0 ? 0 : sectionCount - 1), at: 62)  // e_shstrndx: .shstrtab is last
        file.replaceSubrange(0..<Self.elfHeaderSize, with: header)

        for (index, programHeader) in programHeaders.enumerated() {
            let base = Self.elfHeaderSize + index * Self.programHeaderSize
            let address = programHeader.virtualAddress
            let fileSize = UInt64(fileSizes[index])
            file.store(programHeader.type, at: base)
            file.store(programHeader.flags, at: base + 4)
            file.store(UInt64(layout.segmentOffsets[index]), at: base + 8)
            file.store(address, at: base + 16)
            file.store(programHeader.physicalAddress ?? address, at: base + 24)
            file.store(fileSize, at: base + 32)
            file.store(programHeader.memorySize ?? fileSize, at: base + 40)
            file.store(UInt64(8), at: base + 48)
        }
        return (file, layout)
    }

    /// Appends one PROGBITS section per program header, then .symtab, .strtab, .shstrtab and the section header
    /// table; returns the section count and the table's offset.
    private func appendSections(_ symbols: [Symbol], to file: inout [UInt8], layout: inout Layout) -> (Int, Int) {
        var strings: [UInt8] = [0]
        var symbolTable = [UInt8](repeating: 0, count: 24)  // entry 0: the null symbol
        // ELF wants locals first; sh_info is the index of the first non-local.
        let ordered = symbols.filter { $0.binding == 0 } + symbols.filter { $0.binding != 0 }
        for symbol in ordered {
            var entry = [UInt8](repeating: 0, count: 24)
            entry.store(UInt32(strings.count), at: 0)
            entry[4] = symbol.binding << 4 | symbol.type
            entry.store(symbol.section, at: 6)
            entry.store(symbol.value, at: 8)
            entry.store(symbol.size, at: 16)
            symbolTable += entry
            strings += Array(symbol.name.utf8) + [0]
        }
        let firstGlobal = 1 + symbols.filter { $0.binding == 0 }.count

        var sectionNames: [UInt8] = [0]
        func name(_ text: String) -> UInt32 {
            defer { sectionNames += Array(text.utf8) + [0] }
            return UInt32(sectionNames.count)
        }
        var sectionHeaders = [UInt8](repeating: 0, count: Self.sectionHeaderSize)  // section 0: SHT_NULL
        func addSection(name: UInt32, type: UInt32, flags: UInt64 = 0, address: UInt64 = 0, offset: Int, size: Int,
                        link: UInt32 = 0, info: UInt32 = 0, entrySize: UInt64 = 0) {
            var entry = [UInt8](repeating: 0, count: Self.sectionHeaderSize)
            entry.store(name, at: 0)
            entry.store(type, at: 4)
            entry.store(flags, at: 8)
            entry.store(address, at: 16)
            entry.store(UInt64(offset), at: 24)
            entry.store(UInt64(size), at: 32)
            entry.store(link, at: 40)
            entry.store(info, at: 44)
            entry.store(UInt64(8), at: 48)
            entry.store(entrySize, at: 56)
            sectionHeaders += entry
        }

        for (index, header) in programHeaders.enumerated() {
            let skip = header.mapsFileHeaders ? Self.headerSpace : 0
            addSection(name: name(".seg\(index)"), type: 1, flags: 2,  // SHT_PROGBITS, SHF_ALLOC
                       address: header.virtualAddress + UInt64(skip), offset: layout.segmentOffsets[index] + skip,
                       size: header.contents.count)
        }
        let symbolTableIndex = programHeaders.count + 1
        file.pad(toMultipleOf: 8)
        layout.symbolTableOffset = file.count
        addSection(name: name(".symtab"), type: 2, offset: file.count, size: symbolTable.count,
                   link: UInt32(symbolTableIndex + 1), info: UInt32(firstGlobal), entrySize: 24)
        file += symbolTable
        addSection(name: name(".strtab"), type: 3, offset: file.count, size: strings.count)
        file += strings
        let shstrtabName = name(".shstrtab")
        addSection(name: shstrtabName, type: 3, offset: file.count, size: sectionNames.count)
        file += sectionNames

        file.pad(toMultipleOf: 8)
        layout.sectionHeaderTableOffset = file.count
        file += sectionHeaders
        return (sectionHeaders.count / Self.sectionHeaderSize, layout.sectionHeaderTableOffset)
    }
}

extension TestELF {
    static let textAddress: UInt64 = 0x8000_0000
    static let startAddress = textAddress + UInt64(headerSpace)
    static let dataAddress: UInt64 = 0x8000_1000
    static let dataMemorySize: UInt64 = 0x1000
    static let code: [UInt8] = [0x13, 0x05, 0x00, 0x00, 0x93, 0x08, 0xD0, 0x05, 0x73, 0x00, 0x00, 0x00]
    static let data: [UInt8] = Array(1...16)

    /// A bare-metal test program as riscv64-unknown-elf-ld would lay it out: text mapping the headers, data with
    /// tohost/fromhost followed by .bss, a PT_NOTE, and symbols of every kind the loader must keep or skip.
    static func program() -> TestELF {
        TestELF(
            entry: startAddress,
            programHeaders: [
                ProgramHeader(flags: 5, virtualAddress: textAddress, contents: code, mapsFileHeaders: true),  // R+X
                ProgramHeader(flags: 6, virtualAddress: dataAddress, contents: data, memorySize: dataMemorySize),  // R+W
                ProgramHeader(type: 4, flags: 4, virtualAddress: 0, contents: [0, 0, 0, 0]),  // PT_NOTE, not loaded
            ],
            symbols: [
                Symbol(name: "start.S", value: 0, type: 4, binding: 0, section: 0xFFF1),  // STT_FILE, SHN_ABS
                Symbol(name: "", value: startAddress, type: 3, binding: 0, section: 1),  // STT_SECTION
                Symbol(name: "buffer", value: dataAddress + 16, size: 0x100, type: 1, binding: 0, section: 2),
                Symbol(name: "_start", value: startAddress, size: UInt64(code.count), type: 2, section: 1),  // STT_FUNC
                Symbol(name: "tohost", value: dataAddress, size: 8, type: 1, section: 2),
                Symbol(name: "fromhost", value: dataAddress + 8, size: 8, type: 1, section: 2),
                Symbol(name: "__global_pointer$", value: dataAddress + 0x800, section: 0xFFF1),
                Symbol(name: "__libc_fini", value: 0, binding: 2, section: 0),  // weak undefined
            ])
    }
}

/// Offsets into the ELF header and program header entries, for tests that corrupt built files.
enum ELFOffset {
    static let elfClass = 4
    static let dataEncoding = 5
    static let type = 16
    static let machine = 18
    static let programHeaderOffset = 32
    static let programHeaderEntrySize = 54
    static let programHeaderCount = 56

    enum ProgramHeaderField: Int { case type = 0, flags = 4, offset = 8, virtualAddress = 16, physicalAddress = 24, fileSize = 32, memorySize = 40 }

    static func programHeader(_ index: Int, _ field: ProgramHeaderField) -> Int {
        TestELF.elfHeaderSize + index * TestELF.programHeaderSize + field.rawValue
    }
}

extension [UInt8] {
    mutating func store<T: FixedWidthInteger>(_ value: T, at offset: Int) {
        Swift.withUnsafeBytes(of: value.littleEndian) { replaceSubrange(offset..<offset + $0.count, with: $0) }
    }

    mutating func pad(to size: Int) { append(contentsOf: repeatElement(0, count: Swift.max(0, size - count))) }

    mutating func pad(toMultipleOf alignment: Int) { pad(to: (count + alignment - 1) / alignment * alignment) }
}
