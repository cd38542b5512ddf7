#if canImport(Glibc)
import Glibc
#endif

/// Where one writer wrote guest RAM, for `--stats=FILE`'s pages touched: one byte per 64-byte line,
/// set to 1 by each store there. A page counts as touched when any of its lines is marked.
///
/// Lines rather than pages because a store's mark can then reuse the line index the decode-cache
/// check computes anyway: the hot path pays one byte store, no arithmetic.
///
/// Every writer has a map of its own (each hart, for its stores, AMOs and its accelerator's writes;
/// the host, for system-call and HTIF results), so a mark never races with another thread nor pulls
/// a cache line away from another core. `PhysicalMemory` merges the maps when asked for the count,
/// after the harts have stopped.
///
/// Lines are numbered across the RAM regions in order, so the fast-path region's line `n` is mark
/// `n`. The marks are backed lazily, like RAM: untouched guest memory costs no host memory here.
public final class WrittenPageMap {
    public static let pageSize = 4096
    static let lineShift = PhysicalMemory.codeLineShift
    static let linesPerPage = pageSize >> Int(lineShift)

    let marks: UnsafeMutablePointer<UInt8>
    /// Marks in all, a whole number of pages' worth (regions are multiples of 4 KiB).
    let lineCount: Int
    /// Each RAM region's bounds and the number of its first line in `marks`.
    private let regions: [(base: UInt64, size: UInt64, firstLine: Int)]

    init(regions layout: [PhysicalMemory.Region]) {
        var regions: [(base: UInt64, size: UInt64, firstLine: Int)] = []
        var lines = 0
        for r in layout {
            regions.append((r.base, r.size, lines))
            lines += Int((r.size + UInt64(Self.pageSize) - 1) / UInt64(Self.pageSize)) * Self.linesPerPage
        }
        self.regions = regions
        lineCount = lines
        let p = mmap(nil, lines, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS | MAP_NORESERVE, -1, 0)
        // A map is 1/64 of the RAM the host already reserved, and reserved the same way.
        guard let p, p != MAP_FAILED else { fatalError("rvgem: cannot reserve host memory for a written-page map") }
        marks = p.bindMemory(to: UInt8.self, capacity: lines)
    }

    deinit { munmap(marks, lineCount) }

    /// Marks the RAM lines of `[address, address + count)`; bytes outside RAM (devices) are not pages.
    func mark(_ address: UInt64, count: Int) {
        guard count > 0 else { return }
        for r in regions where address >= r.base && address &- r.base < r.size {
            let first = Int((address &- r.base) >> Self.lineShift)
            let last = Int((min(address &- r.base &+ UInt64(count), r.size) - 1) >> Self.lineShift)
            (marks + r.firstLine + first).update(repeating: 1, count: last - first + 1)
            return
        }
    }

    /// Forgets every mark (handing the host memory back).
    func clear() {
        madvise(marks, lineCount, MADV_DONTNEED)
    }

    /// Sets `touched[page]` for every page with a marked line.
    func collectPages(into touched: inout [Bool]) {
        let words = UnsafeRawPointer(marks)
        let wordsPerPage = Self.linesPerPage / 8
        for page in touched.indices where !touched[page] {
            let base = page * Self.linesPerPage
            var any: UInt64 = 0
            for w in 0..<wordsPerPage { any |= words.load(fromByteOffset: base + w * 8, as: UInt64.self) }
            touched[page] = any != 0
        }
    }
}
