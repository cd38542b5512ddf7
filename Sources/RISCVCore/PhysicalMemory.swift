#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A device on the physical bus outside RAM (boot ROM, CLINT, …). Reached only on the slow path,
/// so an existential call per access is fine here.
public protocol MemoryMappedDevice: AnyObject {
    /// Reads `size` (1, 2, 4 or 8) bytes at `offset`; nil is an access fault.
    func load(offset: UInt64, size: Int) -> UInt64?
    /// Writes the low `size` bytes of `value` at `offset`; false is an access fault.
    func store(offset: UInt64, size: Int, value: UInt64) -> Bool
}

/// Guest physical memory: RAM regions backed lazily by anonymous host mappings (a 2 GiB guest costs
/// only the pages it touches), plus memory-mapped devices.
///
/// The first RAM region is the fast path: one raw pointer and one bounds check. Further regions and
/// devices are found by a linear search on the slow path.
public final class PhysicalMemory {
    public struct Region {
        public let base: UInt64
        public let size: UInt64
        public let host: UnsafeMutableRawPointer
    }

    public let regions: [Region]
    private(set) var devices: [(base: UInt64, size: UInt64, device: any MemoryMappedDevice)] = []

    /// The fast-path region.
    public let ramBase: UInt64
    public let ramSize: UInt64
    public let ram: UnsafeMutableRawPointer
    /// One byte per 64-byte line of the fast-path region: non-zero while the line holds pre-decoded code,
    /// so a store there must invalidate the decode caches. Lines, not pages, so that data sharing a
    /// page with code does not keep throwing the code away.
    let codeLines: UnsafeMutablePointer<UInt8>
    static let codeLineShift: UInt64 = 6
    /// The decode caches of every hart: all of them forget a page whose code is overwritten.
    var decodeCaches: [DecodeCache] = []
    /// Set while harts run on threads of their own: a store then clears only the storing hart's
    /// decoded code at once and posts the page to the others, which drop it between steps and at
    /// FENCE.I (when RISC-V requires another hart's stores to become visible to instruction fetch).
    public var concurrentHarts = false
    /// Where the host wrote on the guest's behalf (system-call and HTIF results); each hart keeps a
    /// map of its own (`Hart.writtenPages`). Then all of them, for counting.
    private let hostWrittenPages: WrittenPageMap
    private var writtenPageMaps: [WrittenPageMap] = []

    /// Maps each region; throws a one-line description if the host refuses.
    public init(regions layout: [(base: UInt64, size: UInt64)]) throws(MemoryError) {
        precondition(!layout.isEmpty, "at least one RAM region")
        var mapped: [Region] = []
        for (base, size) in layout {
            let p = mmap(nil, Int(size), PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS | MAP_NORESERVE, -1, 0)
            guard let p, p != MAP_FAILED else {
                for r in mapped { munmap(r.host, Int(r.size)) }
                throw MemoryError("cannot reserve \(size >> 20) MiB of host memory for guest RAM at 0x\(String(base, radix: 16))")
            }
            mapped.append(Region(base: base, size: size, host: p))
        }
        regions = mapped
        ramBase = mapped[0].base
        ramSize = mapped[0].size
        ram = mapped[0].host
        let lines = Int((ramSize >> Self.codeLineShift) + 1)
        // Lazily backed like RAM: only lines near code ever cost host memory.
        let marks = mmap(nil, lines, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS | MAP_NORESERVE, -1, 0)
        guard let marks, marks != MAP_FAILED else {
            for r in mapped { munmap(r.host, Int(r.size)) }
            throw MemoryError("cannot reserve host memory for the decode-cache map")
        }
        codeLines = marks.bindMemory(to: UInt8.self, capacity: lines)
        hostWrittenPages = WrittenPageMap(regions: mapped)
        writtenPageMaps = [hostWrittenPages]
    }

    deinit {
        for r in regions { munmap(r.host, Int(r.size)) }
        munmap(codeLines, Int((ramSize >> Self.codeLineShift) + 1))
    }

    public func attach(_ device: any MemoryMappedDevice, at base: UInt64, size: UInt64) {
        devices.append((base, size, device))
    }

    /// The host address of `size` bytes of RAM at `address`, if they lie inside one region.
    @inlinable
    public func hostPointer(_ address: UInt64, size: UInt64) -> UnsafeMutableRawPointer? {
        for r in regions where address >= r.base && address &- r.base <= r.size &- size && size <= r.size {
            return r.host + Int(address &- r.base)
        }
        return nil
    }

    // MARK: slow-path access (RAM outside the fast region, devices, faults)

    public func load(_ address: UInt64, size: Int) -> UInt64? {
        if let p = hostPointer(address, size: UInt64(size)) { return Self.read(p, size: size) }
        for d in devices where address >= d.base && address &- d.base < d.size {
            return d.device.load(offset: address &- d.base, size: size)
        }
        return nil
    }

    /// A store by the host (an HTIF or system-call result).
    public func store(_ address: UInt64, size: Int, value: UInt64) -> Bool {
        guard store(address, size: size, value: value, by: nil) else { return false }
        hostWrittenPages.mark(address, count: size)
        return true
    }

    /// A store by the hart owning `writer` (nil: by the host).
    func store(_ address: UInt64, size: Int, value: UInt64, by writer: DecodeCache?) -> Bool {
        if let p = hostPointer(address, size: UInt64(size)) {
            Self.write(p, size: size, value: value)
            noteStore(address, by: writer)
            return true
        }
        for d in devices where address >= d.base && address &- d.base < d.size {
            return d.device.store(offset: address &- d.base, size: size, value: value)
        }
        return false
    }

    /// Tells the decode caches when a store lands on a line they have decoded.
    @inline(__always)
    func noteStore(_ address: UInt64, by writer: DecodeCache? = nil) {
        if holdsCode(address) { codeWasOverwritten(address, by: writer) }
    }

    @inline(__always)
    func holdsCode(_ address: UInt64) -> Bool {
        let offset = address &- ramBase
        return offset < ramSize && codeLines[Int(truncatingIfNeeded: offset >> Self.codeLineShift)] != 0
    }

    /// Every hart forgets the decoded code of the page, whose line marks are cleared until it is decoded again.
    func codeWasOverwritten(_ address: UInt64, by writer: DecodeCache? = nil) {
        let page = address >> 12
        for cache in decodeCaches {
            if concurrentHarts && cache !== writer { cache.post(physicalPage: page) } else { cache.invalidate(physicalPage: page) }
        }
        let firstLine = ((page << 12) &- ramBase) >> Self.codeLineShift
        if (page << 12) &- ramBase < ramSize {
            (codeLines + Int(firstLine)).update(repeating: 0, count: 1 << (12 - Self.codeLineShift))
        }
    }

    /// Marks the lines of `[address, address+length)` as holding decoded code.
    func markCode(_ address: UInt64, length: UInt64) {
        var line = (address &- ramBase) >> Self.codeLineShift
        let last = (address &+ length &- 1 &- ramBase) >> Self.codeLineShift
        while line <= last && line <= ramSize >> Self.codeLineShift {
            codeLines[Int(line)] = 1
            line += 1
        }
    }

    @inline(__always)
    static func read(_ p: UnsafeRawPointer, size: Int) -> UInt64 {
        switch size {
        case 1: UInt64(p.load(as: UInt8.self))
        case 2: UInt64(p.loadUnaligned(as: UInt16.self))
        case 4: UInt64(p.loadUnaligned(as: UInt32.self))
        default: p.loadUnaligned(as: UInt64.self)
        }
    }

    @inline(__always)
    static func write(_ p: UnsafeMutableRawPointer, size: Int, value: UInt64) {
        switch size {
        case 1: p.storeBytes(of: UInt8(truncatingIfNeeded: value), as: UInt8.self)
        case 2: p.storeBytes(of: UInt16(truncatingIfNeeded: value), as: UInt16.self)
        case 4: p.storeBytes(of: UInt32(truncatingIfNeeded: value), as: UInt32.self)
        default: p.storeBytes(of: value, as: UInt64.self)
        }
    }

    /// Copies bytes into RAM (program loading, host-side syscalls); false if any byte is not RAM.
    public func write(_ bytes: UnsafeRawBufferPointer, at address: UInt64) -> Bool {
        guard let p = hostPointer(address, size: UInt64(bytes.count)) else { return bytes.isEmpty }
        if let base = bytes.baseAddress { p.copyMemory(from: base, byteCount: bytes.count) }
        hostWrote(address, count: bytes.count)
        return true
    }

    /// The host wrote `count` bytes of RAM at `address` on the guest's behalf (a `read` into its
    /// buffer, ...): drop stale decoded code and count the pages as written.
    public func hostWrote(_ address: UInt64, count: Int) {
        dropDecodedCode(address, count: count)
        hostWrittenPages.mark(address, count: count)
    }

    /// `count` bytes of RAM at `address` changed behind the harts' backs (an accelerator's write, or
    /// pages handed back to zeroes by munmap): drop stale decoded code, counting no page as written.
    public func dropDecodedCode(_ address: UInt64, count: Int) {
        var line = address >> Self.codeLineShift
        while line <= (address &+ UInt64(count)) >> Self.codeLineShift {
            noteStore(line << Self.codeLineShift)
            line += 1
        }
    }

    /// A new, empty map of written pages for one writer, counted in `writtenPageCount`.
    func makeWrittenPageMap() -> WrittenPageMap {
        let map = WrittenPageMap(regions: regions)
        writtenPageMaps.append(map)
        return map
    }

    /// Starts counting written pages afresh (the run starts: what loading wrote does not count).
    public func clearWrittenPages() {
        for map in writtenPageMaps { map.clear() }
    }

    /// The distinct RAM pages any writer wrote since `clearWrittenPages`. Call it while no hart runs.
    public func writtenPageCount() -> Int {
        var touched = [Bool](repeating: false, count: hostWrittenPages.lineCount / WrittenPageMap.linesPerPage)
        for map in writtenPageMaps { map.collectPages(into: &touched) }
        return touched.count { $0 }
    }

    /// Copies bytes out of RAM; nil if any byte is not RAM.
    public func read(_ address: UInt64, count: Int) -> [UInt8]? {
        guard let p = hostPointer(address, size: UInt64(count)) else { return count == 0 ? [] : nil }
        return Array(UnsafeRawBufferPointer(start: p, count: count))
    }
}

public struct MemoryError: Error, CustomStringConvertible, Sendable {
    public var description: String
    public init(_ description: String) { self.description = description }
}
