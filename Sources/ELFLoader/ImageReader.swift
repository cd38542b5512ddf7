import CLibELF

/// Builds an `ELFImage` from an open libelf handle. libelf decodes the structures; this checks every size and
/// offset against the file before the bytes they describe are used, so corrupt files throw instead of trapping.
struct ImageReader {
    let elf: OpaquePointer
    let name: String
    /// The file as libelf holds it; segment bytes are copied from here.
    let file: UnsafeRawBufferPointer

    init(elf: OpaquePointer, name: String) {
        self.elf = elf
        self.name = name
        var size = 0
        let base = elf_rawfile(elf, &size)
        file = UnsafeRawBufferPointer(start: base, count: base == nil ? 0 : size)
    }

    private var fileSize: UInt64 { UInt64(file.count) }

    func read() throws(ELFLoadError) -> ELFImage {
        var header = GElf_Ehdr()
        guard gelf_getehdr(elf, &header) != nil else { throw libelfError() }
        guard header.e_machine == EM_RISCV else { throw .wrongMachine(path: name, machine: header.e_machine) }
        guard header.e_type == ET_EXEC || header.e_type == ET_DYN else {
            throw .notExecutable(path: name, type: header.e_type)
        }

        let programHeaders = try readProgramHeaders(header)
        var segments: [ELFImage.Segment] = []
        for (index, programHeader) in programHeaders.enumerated() where programHeader.p_type == PT_LOAD {
            try checkLoadable(programHeader, index: index)
            if programHeader.p_memsz > 0 { segments.append(segment(programHeader)) }
        }
        guard !segments.isEmpty else { throw .noLoadableSegments(path: name) }

        return ELFImage(path: name, entry: header.e_entry, segments: segments, symbols: try readSymbols(),
                        programHeaderTable: programHeaderTable(header, programHeaders),
                        hasInterpreter: programHeaders.contains { $0.p_type == PT_INTERP },
                        osABI: withUnsafeBytes(of: header.e_ident) { $0[Int(EI_OSABI)] })
    }

    private func readProgramHeaders(_ header: GElf_Ehdr) throws(ELFLoadError) -> [GElf_Phdr] {
        // e_phnum rather than elf_getphdrnum, which quietly shrinks the count of a truncated table. PN_XNUM
        // (0xffff: the count is in section 0) is over the limit anyway.
        let count = Int(header.e_phnum)
        guard count <= ELFLoader.maximumProgramHeaders else { throw .tooManyProgramHeaders(path: name, count: count) }
        // The ELF spec marks "no program header table" with e_phoff 0.
        guard count > 0, header.e_phoff != 0 else { throw .noLoadableSegments(path: name) }
        let entrySize = MemoryLayout<Elf64_Phdr>.size
        guard Int(header.e_phentsize) == entrySize else {
            throw .malformed(path: name, reason: "program header entry size \(header.e_phentsize) (expected \(entrySize))")
        }
        let tableSize = UInt64(count * entrySize)
        guard ELFLoader.fits(offset: header.e_phoff, size: tableSize, in: fileSize) else {
            throw .truncated(path: name, part: .programHeaders, offset: header.e_phoff, size: tableSize, fileSize: fileSize)
        }

        var programHeaders: [GElf_Phdr] = []
        for index in 0..<count {
            var programHeader = GElf_Phdr()
            guard gelf_getphdr(elf, Int32(index), &programHeader) != nil else { throw libelfError() }
            programHeaders.append(programHeader)
        }
        return programHeaders
    }

    private func checkLoadable(_ programHeader: GElf_Phdr, index: Int) throws(ELFLoadError) {
        let memorySize = programHeader.p_memsz
        guard programHeader.p_filesz <= memorySize else {
            throw .fileSizeExceedsMemorySize(path: name, programHeader: index, fileSize: programHeader.p_filesz,
                                             memorySize: memorySize)
        }
        guard memorySize <= ELFLoader.maximumSegmentSize else {
            throw .segmentTooLarge(path: name, programHeader: index, memorySize: memorySize)
        }
        for address in [programHeader.p_vaddr, programHeader.p_paddr]
        where address.addingReportingOverflow(memorySize).overflow {
            throw .addressOverflow(path: name, programHeader: index, address: address, memorySize: memorySize)
        }
        // Spike ignores the offset of a segment with no file bytes, so a stale one must not fail the load.
        guard programHeader.p_filesz == 0
            || ELFLoader.fits(offset: programHeader.p_offset, size: programHeader.p_filesz, in: fileSize) else {
            throw .truncated(path: name, part: .segment(programHeader: index), offset: programHeader.p_offset,
                             size: programHeader.p_filesz, fileSize: fileSize)
        }
    }

    /// A checked PT_LOAD header's segment.
    private func segment(_ programHeader: GElf_Phdr) -> ELFImage.Segment {
        let start = Int(programHeader.p_offset)
        let bytes = programHeader.p_filesz == 0
            ? [] : Array(UnsafeRawBufferPointer(rebasing: file[start..<start + Int(programHeader.p_filesz)]))
        let flags = programHeader.p_flags
        return ELFImage.Segment(virtualAddress: programHeader.p_vaddr, physicalAddress: programHeader.p_paddr,
                                fileBytes: bytes, memorySize: programHeader.p_memsz,
                                isReadable: flags & UInt32(PF_R) != 0, isWritable: flags & UInt32(PF_W) != 0,
                                isExecutable: flags & UInt32(PF_X) != 0)
    }

    /// PT_PHDR when present; otherwise where the PT_LOAD segment holding the table maps it, as Linux computes AT_PHDR.
    private func programHeaderTable(_ header: GElf_Ehdr, _ programHeaders: [GElf_Phdr]) -> ELFImage.ProgramHeaderTable? {
        let entrySize = UInt64(header.e_phentsize)
        let count = UInt64(programHeaders.count)
        if let phdr = programHeaders.first(where: { $0.p_type == PT_PHDR }) {
            return .init(address: phdr.p_vaddr, entrySize: entrySize, count: count)
        }
        let tableOffset = header.e_phoff
        let tableSize = entrySize * count
        for load in programHeaders where load.p_type == PT_LOAD && load.p_offset <= tableOffset {
            let offsetInSegment = tableOffset - load.p_offset
            if offsetInSegment <= load.p_filesz && tableSize <= load.p_filesz - offsetInSegment {
                // Inside a checked segment, so the sum stays below vaddr + memsz and cannot overflow.
                return .init(address: load.p_vaddr + offsetInSegment, entrySize: entrySize, count: count)
            }
        }
        return nil
    }

    private func readSymbols() throws(ELFLoadError) -> [ELFImage.Symbol] {
        var symbols: [ELFImage.Symbol] = []
        var section: OpaquePointer?
        while let next = elf_nextscn(elf, section) {
            section = next
            var header = GElf_Shdr()
            guard gelf_getshdr(next, &header) != nil else { throw libelfError() }
            if header.sh_type == SHT_SYMTAB { symbols += try readSymbols(in: next, header) }
        }
        return symbols
    }

    private func readSymbols(in section: OpaquePointer, _ header: GElf_Shdr) throws(ELFLoadError) -> [ELFImage.Symbol] {
        let index = elf_ndxscn(section)
        try checkContents(header, section: index)
        let stringsIndex = Int(header.sh_link)
        var stringsHeader = GElf_Shdr()
        guard let strings = elf_getscn(elf, stringsIndex), gelf_getshdr(strings, &stringsHeader) != nil,
              stringsHeader.sh_type == SHT_STRTAB else {
            throw .malformed(path: name, reason: "symbol table (section \(index)) links to section \(stringsIndex), which is not a string table")
        }
        try checkContents(stringsHeader, section: stringsIndex)
        guard let data = elf_getdata(section, nil) else { throw libelfError() }

        var symbols: [ELFImage.Symbol] = []
        let count = min(data.pointee.d_size / MemoryLayout<Elf64_Sym>.size, Int(Int32.max))
        for entry in 0..<count {
            var symbol = GElf_Sym()
            guard gelf_getsym(data, Int32(entry), &symbol) != nil else { throw libelfError() }
            let type = Int32(symbol.st_info & 0xF)  // ELF64_ST_TYPE, a macro Swift does not import
            guard symbol.st_shndx != SHN_UNDEF, symbol.st_name != 0, type != STT_SECTION, type != STT_FILE else { continue }
            guard let text = elf_strptr(elf, stringsIndex, Int(symbol.st_name)) else {
                throw .malformed(path: name, reason: "symbol \(entry) of section \(index) has its name outside the string table")
            }
            symbols.append(.init(name: String(cString: text), address: symbol.st_value, size: symbol.st_size,
                                 isFunction: type == STT_FUNC))
        }
        return symbols
    }

    private func checkContents(_ header: GElf_Shdr, section index: Int) throws(ELFLoadError) {
        guard ELFLoader.fits(offset: header.sh_offset, size: header.sh_size, in: fileSize) else {
            throw .truncated(path: name, part: .section(index), offset: header.sh_offset, size: header.sh_size,
                             fileSize: fileSize)
        }
    }

    private func libelfError() -> ELFLoadError { .malformed(path: name, reason: ELFLoader.libelfMessage()) }
}
