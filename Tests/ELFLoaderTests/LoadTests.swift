import ELFLoader
import Foundation
import Testing

struct LoadTests {
    @Test func loadsTheTestProgramFromAFile() throws {
        let (path, image) = try withTemporaryFile(contents: TestELF.program().build()) { path in
            (path, try ELFLoader.load(path: path))
        }

        #expect(image.path == path)
        #expect(image.entry == TestELF.startAddress)
        #expect(image.osABI == 0)
        #expect(!image.hasInterpreter)
        #expect(image.segments.count == 2, "the PT_NOTE is not loaded")

        let text = image.segments[0]
        #expect(text.virtualAddress == TestELF.textAddress && text.physicalAddress == TestELF.textAddress)
        #expect(text.fileBytes.count == TestELF.headerSpace + TestELF.code.count)
        #expect(text.fileBytes.starts(with: [0x7F, 0x45, 0x4C, 0x46]), "the text segment maps the ELF header")
        #expect(Array(text.fileBytes.suffix(TestELF.code.count)) == TestELF.code)
        #expect(text.memorySize == UInt64(text.fileBytes.count))
        #expect(text.isReadable && !text.isWritable && text.isExecutable)

        let data = image.segments[1]
        #expect(data.virtualAddress == TestELF.dataAddress)
        #expect(data.fileBytes == TestELF.data)
        #expect(data.memorySize == TestELF.dataMemorySize, ".bss is the memory size beyond the file bytes")
        #expect(data.isReadable && data.isWritable && !data.isExecutable)
    }

    @Test func keepsDefinedNamedSymbolsOnly() throws {
        let image = try ELFLoader.load(bytes: TestELF.program().build(), name: "prog.elf")

        // Locals come first in .symtab; file, section and undefined symbols are skipped.
        #expect(image.symbols == [
            .init(name: "buffer", address: TestELF.dataAddress + 16, size: 0x100, isFunction: false),
            .init(name: "_start", address: TestELF.startAddress, size: UInt64(TestELF.code.count), isFunction: true),
            .init(name: "tohost", address: TestELF.dataAddress, size: 8, isFunction: false),
            .init(name: "fromhost", address: TestELF.dataAddress + 8, size: 8, isFunction: false),
            .init(name: "__global_pointer$", address: TestELF.dataAddress + 0x800, size: 0, isFunction: false),
        ])
        #expect(image.address(of: "tohost") == TestELF.dataAddress)
        #expect(image.address(of: "fromhost") == TestELF.dataAddress + 8)
        #expect(image.address(of: "__libc_fini") == nil)
        #expect(image.address(of: "start.S") == nil)
    }

    @Test func laterDefinitionOfANameWinsAsInSpike() throws {
        var program = TestELF.program()
        program.symbols! += [TestELF.Symbol(name: "tohost", value: TestELF.dataAddress + 0x40, section: 2)]
        let image = try ELFLoader.load(bytes: program.build(), name: "prog.elf")
        #expect(image.address(of: "tohost") == TestELF.dataAddress + 0x40)
    }

    @Test func findsTheProgramHeadersThroughTheSegmentThatMapsThem() throws {
        let image = try ELFLoader.load(bytes: TestELF.program().build(), name: "prog.elf")
        #expect(image.programHeaderTable == .init(address: TestELF.textAddress + 64, entrySize: 56, count: 3))
    }

    @Test func prefersPTPHDRForTheProgramHeaderAddress() throws {
        var program = TestELF.program()
        program.programHeaders.append(.init(type: 6, flags: 4, virtualAddress: 0x1234_0000))  // PT_PHDR
        let image = try ELFLoader.load(bytes: program.build(), name: "prog.elf")
        #expect(image.programHeaderTable == .init(address: 0x1234_0000, entrySize: 56, count: 4))
    }

    @Test func hasNoProgramHeaderAddressWhenNoSegmentMapsThem() throws {
        var program = TestELF.program()
        program.programHeaders[0].mapsFileHeaders = false
        let image = try ELFLoader.load(bytes: program.build(), name: "prog.elf")
        #expect(image.programHeaderTable == nil)
    }

    @Test func reportsAnInterpreterAndTheOSABI() throws {
        var program = TestELF.program()
        program.osABI = 3  // ELFOSABI_LINUX
        program.programHeaders.append(.init(type: 3, flags: 4, virtualAddress: 0, contents: Array("/lib/ld.so\0".utf8)))
        let image = try ELFLoader.load(bytes: program.build(), name: "prog.elf")
        #expect(image.hasInterpreter)
        #expect(image.osABI == 3)
    }

    @Test func acceptsPositionIndependentExecutablesAtTheirLinkAddresses() throws {
        var program = TestELF.program()
        program.type = 3  // ET_DYN
        let image = try ELFLoader.load(bytes: program.build(), name: "prog.elf")
        #expect(image.segments.map(\.virtualAddress) == [TestELF.textAddress, TestELF.dataAddress])
    }

    @Test func loadsAFileWithoutSectionHeaders() throws {
        var program = TestELF.program()
        program.symbols = nil
        let image = try ELFLoader.load(bytes: program.build(), name: "prog.elf")
        #expect(image.symbols.isEmpty)
        #expect(image.segments.count == 2)
    }

    @Test func dropsEmptyLoadSegmentsAndIgnoresTheirOffsets() throws {
        var program = TestELF.program()
        program.programHeaders.append(.init(flags: 4, virtualAddress: 0x9000_0000))
        var bytes = program.build()
        bytes.store(UInt64.max, at: ELFOffset.programHeader(3, .offset))
        let image = try ELFLoader.load(bytes: bytes, name: "prog.elf")
        #expect(image.segments.map(\.virtualAddress) == [TestELF.textAddress, TestELF.dataAddress])
    }

    @Test func keepsABssOnlySegment() throws {
        var program = TestELF.program()
        program.programHeaders.append(.init(flags: 6, virtualAddress: 0x8000_4000, memorySize: 0x2000))
        let image = try ELFLoader.load(bytes: program.build(), name: "prog.elf")
        #expect(image.segments.last == .init(virtualAddress: 0x8000_4000, physicalAddress: 0x8000_4000, fileBytes: [],
                                             memorySize: 0x2000, isReadable: true, isWritable: true, isExecutable: false))
    }
}

/// Runs `body` with the path of a temporary file holding `contents`, removed afterwards.
@discardableResult
func withTemporaryFile<Result>(contents: [UInt8], _ body: (String) throws -> Result) throws -> Result {
    let path = FileManager.default.temporaryDirectory.appendingPathComponent("elfloader-\(UUID().uuidString).elf").path
    try Data(contents).write(to: URL(fileURLWithPath: path))
    defer { try? FileManager.default.removeItem(atPath: path) }
    return try body(path)
}
