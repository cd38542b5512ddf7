#if canImport(Glibc)
import Glibc
#endif
import RISCVCore

/// A Linux process's user address space inside one guest RAM region (bare translation: guest virtual
/// addresses are the region's addresses): the program image at the bottom, the brk heap after it,
/// the stack at the top and mmap areas handed out top-down below the stack.
///
/// Protections are recorded by nothing: every mapped page is readable, writable and executable.
/// Pages that are not mapped are kept zero, so a new mapping never needs clearing.
final class LinuxAddressSpace {
    static let pageSize: UInt64 = 4096
    static let stackSize: UInt64 = 8 << 20
    /// Room left between the stack and the highest mmap area (Linux keeps a guard gap there too).
    static let stackGap: UInt64 = 1 << 20

    let memory: PhysicalMemory
    let base: UInt64
    let top: UInt64
    /// The brk heap is [heapStart, programBreak).
    let heapStart: UInt64
    private(set) var programBreak: UInt64
    /// Mapped ranges other than the heap, sorted and disjoint (image, stack, mmap areas).
    private var mappings: [Range<UInt64>] = []

    init(memory: PhysicalMemory, imageEnd: UInt64, imageRanges: [Range<UInt64>]) {
        self.memory = memory
        base = memory.regions[0].base
        top = base + memory.regions[0].size
        heapStart = Self.pageAligned(imageEnd)
        programBreak = heapStart
        for range in imageRanges { insert(Self.pageAligned(down: range.lowerBound)..<Self.pageAligned(range.upperBound)) }
        insert(stackRange)
    }

    var stackRange: Range<UInt64> { (top - Self.stackSize)..<top }
    private var mmapTop: UInt64 { top - Self.stackSize - Self.stackGap }

    static func pageAligned(_ v: UInt64) -> UInt64 { (v &+ pageSize &- 1) & ~(pageSize - 1) }
    static func pageAligned(down v: UInt64) -> UInt64 { v & ~(pageSize - 1) }

    // MARK: brk

    /// Linux's brk: moves the break when the new one is above the heap's start and clear of every
    /// mapping; answers the break in force either way.
    func setBreak(_ requested: UInt64) -> UInt64 {
        guard requested >= heapStart else { return programBreak }
        let newEnd = Self.pageAligned(requested)
        let oldEnd = Self.pageAligned(programBreak)
        if newEnd > oldEnd {
            guard newEnd <= mmapTop, !overlapsMapping(oldEnd..<newEnd) else { return programBreak }
        } else if newEnd < oldEnd {
            release(newEnd..<oldEnd)
        }
        programBreak = requested
        return programBreak
    }

    // MARK: mmap areas

    /// Finds room for `length` bytes (page multiple) below the stack, highest first, clear of the heap.
    func findFree(length: UInt64) -> UInt64? {
        var end = mmapTop
        let floor = Self.pageAligned(programBreak)
        for mapping in mappings.reversed() where mapping.lowerBound < end {
            if mapping.upperBound <= end && end - mapping.upperBound >= length { return end - length }
            end = min(end, mapping.lowerBound)
        }
        return end >= floor && end - floor >= length ? end - length : nil
    }

    /// True when `range` lies inside the region and above the heap (where MAP_FIXED may place a mapping).
    func canMap(_ range: Range<UInt64>) -> Bool {
        range.lowerBound >= Self.pageAligned(programBreak) && range.upperBound <= top && range.lowerBound >= base
    }

    func overlapsMapping(_ range: Range<UInt64>) -> Bool {
        mappings.contains { $0.overlaps(range) }
    }

    func isMapped(_ range: Range<UInt64>) -> Bool {
        var at = range.lowerBound
        for mapping in mappings where mapping.upperBound > at && mapping.lowerBound <= at {
            at = mapping.upperBound
            if at >= range.upperBound { return true }
        }
        return at >= range.upperBound
    }

    /// Records `range` as mapped; with `clearing`, whatever was mapped there before is zeroed first
    /// (MAP_FIXED replaces old contents).
    func map(_ range: Range<UInt64>, clearing: Bool) {
        if clearing { release(range) }
        insert(range)
    }

    /// Forgets the mappings in `range` and zeroes their pages (munmap).
    func unmap(_ range: Range<UInt64>) {
        release(range)
        var kept: [Range<UInt64>] = []
        for mapping in mappings {
            if !mapping.overlaps(range) { kept.append(mapping); continue }
            if mapping.lowerBound < range.lowerBound { kept.append(mapping.lowerBound..<range.lowerBound) }
            if range.upperBound < mapping.upperBound { kept.append(range.upperBound..<mapping.upperBound) }
        }
        mappings = kept
    }

    /// Zeroes pages (returning their host memory) and drops any code decoded from them. Not a write
    /// the guest made: the pages do not count as touched.
    func release(_ range: Range<UInt64>) {
        guard !range.isEmpty, let p = memory.hostPointer(range.lowerBound, size: range.upperBound - range.lowerBound) else { return }
        madvise(p, Int(range.upperBound - range.lowerBound), MADV_DONTNEED)
        memory.dropDecodedCode(range.lowerBound, count: Int(range.upperBound - range.lowerBound))
    }

    private func insert(_ range: Range<UInt64>) {
        var merged = range
        var kept: [Range<UInt64>] = []
        for mapping in mappings {
            if mapping.overlaps(merged) || mapping.upperBound == merged.lowerBound || merged.upperBound == mapping.lowerBound {
                merged = min(mapping.lowerBound, merged.lowerBound)..<max(mapping.upperBound, merged.upperBound)
            } else {
                kept.append(mapping)
            }
        }
        kept.append(merged)
        kept.sort { $0.lowerBound < $1.lowerBound }
        mappings = kept
    }
}
