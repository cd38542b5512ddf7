/// A validated RV64 executable: what a machine needs to place it in memory and start it.
public struct ELFImage: Sendable {
    /// A PT_LOAD segment. Bytes from `fileBytes.count` up to `memorySize` are .bss: the memory loader zero-fills them.
    public struct Segment: Sendable, Equatable {
        public var virtualAddress: UInt64
        public var physicalAddress: UInt64
        public var fileBytes: [UInt8]
        public var memorySize: UInt64
        public var isReadable: Bool
        public var isWritable: Bool
        public var isExecutable: Bool

        public init(virtualAddress: UInt64, physicalAddress: UInt64, fileBytes: [UInt8], memorySize: UInt64,
                    isReadable: Bool, isWritable: Bool, isExecutable: Bool) {
            self.virtualAddress = virtualAddress
            self.physicalAddress = physicalAddress
            self.fileBytes = fileBytes
            self.memorySize = memorySize
            self.isReadable = isReadable
            self.isWritable = isWritable
            self.isExecutable = isExecutable
        }
    }

    public struct Symbol: Sendable, Equatable {
        public var name: String
        public var address: UInt64
        public var size: UInt64
        public var isFunction: Bool

        public init(name: String, address: UInt64, size: UInt64, isFunction: Bool) {
            self.name = name
            self.address = address
            self.size = size
            self.isFunction = isFunction
        }
    }

    /// Where the program headers sit in the guest's virtual memory: what Linux passes as AT_PHDR/AT_PHENT/AT_PHNUM.
    public struct ProgramHeaderTable: Sendable, Equatable {
        public var address: UInt64
        public var entrySize: UInt64
        public var count: UInt64

        public init(address: UInt64, entrySize: UInt64, count: UInt64) {
            self.address = address
            self.entrySize = entrySize
            self.count = count
        }
    }

    /// The file the image came from, as given to the loader; errors name it.
    public var path: String
    public var entry: UInt64
    /// PT_LOAD segments with a nonzero memory size, in file order (Spike skips empty ones too).
    public var segments: [Segment]
    /// Defined, named symbols from .symtab (no section or file symbols), in table order.
    public var symbols: [Symbol]
    /// Nil when the program headers are not mapped by any segment (then Linux could not report them either).
    public var programHeaderTable: ProgramHeaderTable?
    /// A PT_INTERP segment asks for a dynamic linker; the machine decides what to do about it.
    public var hasInterpreter: Bool
    /// e_ident[EI_OSABI]: 0 (System V) for both bare-metal and Linux RISC-V toolchains.
    public var osABI: UInt8

    public init(path: String, entry: UInt64, segments: [Segment], symbols: [Symbol],
                programHeaderTable: ProgramHeaderTable?, hasInterpreter: Bool, osABI: UInt8) {
        self.path = path
        self.entry = entry
        self.segments = segments
        self.symbols = symbols
        self.programHeaderTable = programHeaderTable
        self.hasInterpreter = hasInterpreter
        self.osABI = osABI
    }

    /// The address of symbol `name`, e.g. "tohost". When a name is defined more than once the last definition
    /// wins, as in Spike's symbol map.
    public func address(of name: String) -> UInt64? {
        symbols.last { $0.name == name }?.address
    }

    /// Checks that every segment lies inside a single one of `regions` (by physical address when `usePhysical`,
    /// else by virtual address) and that no two segments overlap.
    public func checkPlacement(in regions: [Range<UInt64>], usePhysical: Bool) throws(ELFLoadError) {
        var spans: [Range<UInt64>] = []
        for segment in segments where segment.memorySize > 0 {
            let start = usePhysical ? segment.physicalAddress : segment.virtualAddress
            let (end, overflows) = start.addingReportingOverflow(segment.memorySize)
            guard !overflows, regions.contains(where: { $0.lowerBound <= start && end <= $0.upperBound }) else {
                throw .segmentOutsideMemory(path: path, address: start, size: segment.memorySize,
                                            physical: usePhysical, regions: regions)
            }
            spans.append(start..<end)
        }
        // Once sorted by start, any overlap shows up between neighbours.
        spans.sort { $0.lowerBound < $1.lowerBound }
        for (first, second) in zip(spans, spans.dropFirst()) where first.overlaps(second) {
            throw .overlappingSegments(path: path, first: first, second: second, physical: usePhysical)
        }
    }
}
