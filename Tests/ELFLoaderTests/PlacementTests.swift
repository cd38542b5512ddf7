import ELFLoader
import Testing

struct PlacementTests {
    static let memory: [Range<UInt64>] = [0x8000_0000..<0x9000_0000]
    static let textRange: Range<UInt64> = TestELF.textAddress..<TestELF.startAddress + UInt64(TestELF.code.count)

    static func load(_ program: TestELF) throws -> ELFImage {
        try ELFLoader.load(bytes: program.build(), name: "prog.elf")
    }

    @Test func acceptsSegmentsInsideMemory() throws {
        let image = try Self.load(TestELF.program())
        try image.checkPlacement(in: Self.memory, usePhysical: true)
        try image.checkPlacement(in: Self.memory, usePhysical: false)
    }

    @Test func rejectsASegmentOutsideMemory() throws {
        let image = try Self.load(TestELF.program())
        let elsewhere: [Range<UInt64>] = [0x9000_0000..<0xA000_0000, 0x1000..<0x2000]
        let error = ELFLoadError.segmentOutsideMemory(path: "prog.elf", address: TestELF.textAddress,
                                                      size: UInt64(Self.textRange.count), physical: true, regions: elsewhere)
        #expect(throws: error) { try image.checkPlacement(in: elsewhere, usePhysical: true) }
        #expect(error.description == "prog.elf: segment of 0x20c bytes at physical 0x80000000 lies outside guest memory ([0x90000000, 0xa0000000), [0x1000, 0x2000))")
    }

    @Test func rejectsASegmentStraddlingTwoRegions() throws {
        let image = try Self.load(TestELF.program())
        let split: [Range<UInt64>] = [0x8000_0000..<0x8000_1800, 0x8000_1800..<0x9000_0000]
        #expect(throws: ELFLoadError.segmentOutsideMemory(path: "prog.elf", address: TestELF.dataAddress,
                                                          size: TestELF.dataMemorySize, physical: false, regions: split)) {
            try image.checkPlacement(in: split, usePhysical: false)
        }
    }

    @Test func checksPhysicalOrVirtualAddressesAsAsked() throws {
        var program = TestELF.program()
        program.programHeaders[1].physicalAddress = 0xA000_0000  // a load address outside memory
        let image = try Self.load(program)
        try image.checkPlacement(in: Self.memory, usePhysical: false)
        #expect(throws: ELFLoadError.segmentOutsideMemory(path: "prog.elf", address: 0xA000_0000, size: TestELF.dataMemorySize,
                                                          physical: true, regions: Self.memory)) {
            try image.checkPlacement(in: Self.memory, usePhysical: true)
        }
    }

    @Test func rejectsOverlappingSegments() throws {
        var program = TestELF.program()
        program.programHeaders[1].virtualAddress = TestELF.textAddress + 0x100
        let image = try Self.load(program)
        let error = ELFLoadError.overlappingSegments(path: "prog.elf", first: Self.textRange,
                                                     second: 0x8000_0100..<0x8000_1100, physical: true)
        #expect(throws: error) { try image.checkPlacement(in: Self.memory, usePhysical: true) }
        #expect(error.description == "prog.elf: segments at physical [0x80000000, 0x8000020c) and [0x80000100, 0x80001100) overlap")
    }

    @Test func acceptsTouchingSegments() throws {
        var program = TestELF.program()
        program.programHeaders[1].virtualAddress = Self.textRange.upperBound
        try Self.load(program).checkPlacement(in: Self.memory, usePhysical: true)
    }

    @Test func rejectsAnEditedSegmentWrappingAroundInsteadOfTrapping() throws {
        var image = try Self.load(TestELF.program())
        image.segments[1].physicalAddress = .max
        #expect(throws: ELFLoadError.segmentOutsideMemory(path: "prog.elf", address: .max, size: TestELF.dataMemorySize,
                                                          physical: true, regions: [0..<UInt64.max])) {
            try image.checkPlacement(in: [0..<UInt64.max], usePhysical: true)
        }
    }
}
