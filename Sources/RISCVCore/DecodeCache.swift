import CGuestAtomics
import RISCVISA
import Synchronization

/// One pre-decoded instruction slot: the decoded fields plus how many instructions run straight
/// from here to the end of the block (a control transfer, a serializing instruction or the page end).
/// A slot whose `inst.length` is 0 holds no instruction yet.
@frozen
public struct CacheSlot {
    public var inst: DecodedInstruction
    public var blockLength: UInt16
    var padding: UInt16 = 0

    static let empty = CacheSlot(inst: DecodedInstruction(op: .illegal, length: 0), blockLength: 0)
}

/// Pre-decoded code, one slot per halfword of each physical page it has seen, filled a block at a
/// time on first execution. A small direct-mapped table maps virtual pages to those slot arrays for
/// the current translation context.
final class DecodeCache {
    static let slotsPerPage = 2048
    /// Each page's slot array has one extra, always-empty slot after the last, so straight-line
    /// execution off the end of a page lands on an empty slot instead of the next array.
    static let pageAllocation = slotsPerPage + 1
    static let lookupEntries = 64

    let memory: PhysicalMemory
    /// The extensions that decode as legal (misa can change them, which drops all decoded code).
    var extensions: ISAExtensions
    private var pages: [UInt64: UnsafeMutablePointer<CacheSlot>] = [:]
    let lookupTags: UnsafeMutablePointer<UInt64>
    let lookupSlots: UnsafeMutablePointer<UnsafeMutablePointer<CacheSlot>>
    let lookupPhysical: UnsafeMutablePointer<UInt64>
    /// For a 32-bit instruction that straddles two pages: decoded afresh each time, never cached,
    /// followed by empty slots like a page end.
    let scratch: UnsafeMutablePointer<CacheSlot>

    init(memory: PhysicalMemory, extensions: ISAExtensions) {
        self.memory = memory
        self.extensions = extensions
        lookupTags = allocateHartLocal(UInt64.self, count: Self.lookupEntries, initialValue: .max)
        scratch = allocateHartLocal(CacheSlot.self, count: 3, initialValue: CacheSlot.empty)
        lookupSlots = allocateHartLocal(UnsafeMutablePointer<CacheSlot>.self, count: Self.lookupEntries, initialValue: scratch)
        lookupPhysical = allocateHartLocal(UInt64.self, count: Self.lookupEntries, initialValue: 0)
    }

    deinit {
        for (_, slots) in pages { slots.deallocate() }
        lookupTags.deallocate()
        lookupSlots.deallocate()
        lookupPhysical.deallocate()
        scratch.deallocate()
        postedFlag.deallocate()
    }

    /// Pages other harts' stores overwrote, to be dropped on this hart's own thread.
    private let posted = Mutex<[UInt64]>([])
    private let postedFlag = allocateHartLocal(UInt64.self, count: 1, initialValue: 0)

    func post(physicalPage: UInt64) {
        posted.withLock { $0.append(physicalPage) }
        _ = rvgem_atomic_exchange64(postedFlag, 1)
    }

    /// Drops the pages other harts posted (called on this cache's own thread, between steps).
    func dropPosted() {
        guard rvgem_atomic_load_relaxed64(postedFlag) != 0 else { return }
        _ = rvgem_atomic_exchange64(postedFlag, 0)
        let pages = posted.withLock { pages in
            defer { pages.removeAll(keepingCapacity: true) }
            return pages
        }
        for page in pages { invalidate(physicalPage: page) }
    }

    func flushLookup() { lookupTags.update(repeating: .max, count: Self.lookupEntries) }

    /// Forgets every decoded instruction of a physical page (its code was overwritten or fenced).
    func invalidate(physicalPage: UInt64) {
        guard let slots = pages[physicalPage] else { return }
        slots.update(repeating: CacheSlot.empty, count: Self.pageAllocation)
    }

    func invalidateAll() {
        for (_, slots) in pages { slots.update(repeating: CacheSlot.empty, count: Self.pageAllocation) }
    }

    /// The slot array of a physical page, created empty on first use.
    func slots(physicalPage: UInt64) -> UnsafeMutablePointer<CacheSlot> {
        if let s = pages[physicalPage] { return s }
        let s = UnsafeMutablePointer<CacheSlot>.allocate(capacity: Self.pageAllocation)
        s.initialize(repeating: CacheSlot.empty, count: Self.pageAllocation)
        pages[physicalPage] = s
        return s
    }

    func remember(virtualPage: UInt64, slots: UnsafeMutablePointer<CacheSlot>, physicalBase: UInt64) {
        let i = Int(truncatingIfNeeded: virtualPage) & (Self.lookupEntries - 1)
        lookupTags[i] = virtualPage
        lookupSlots[i] = slots
        lookupPhysical[i] = physicalBase
    }

    /// Decodes the straight-line block that starts at slot `index` of a page whose bytes start at
    /// physical address `pageBase`. Returns false when the first instruction straddles the page end
    /// (the caller decodes it through `scratch`).
    func decodeBlock(_ slots: UnsafeMutablePointer<CacheSlot>, at index: Int, pageBase: UInt64) -> Bool {
        var chain: [Int] = []
        var i = index
        while i < Self.slotsPerPage && slots[i].inst.length == 0 {
            guard let low = memory.load(pageBase + UInt64(i) * 2, size: 2) else { break }
            var bits = UInt32(low)
            if low & 3 == 3 {
                if i == Self.slotsPerPage - 1 { break }
                guard let high = memory.load(pageBase + UInt64(i) * 2 + 2, size: 2) else { break }
                bits |= UInt32(high) << 16
            }
            let inst = Self.prepare(decode(bits), extensions)
            slots[i] = CacheSlot(inst: inst, blockLength: 1)
            memory.markCode(pageBase + UInt64(i) * 2, length: UInt64(max(inst.length, 2)))
            chain.append(i)
            if Self.endsBlock(inst.op) { break }
            i += Int(inst.length) / 2
        }
        guard !chain.isEmpty else { return false }
        // Lengths count to the block end; a chain that ran into an already-decoded slot continues its count.
        var next = 0
        if let last = chain.last {
            let after = last + Int(slots[last].inst.length) / 2
            if !Self.endsBlock(slots[last].inst.op), after < Self.slotsPerPage, slots[after].inst.length != 0 {
                next = Int(slots[after].blockLength)
            }
        }
        for j in chain.reversed() {
            next = min(next + 1, Int(UInt16.max))
            slots[j].blockLength = UInt16(next)
        }
        return true
    }

    /// Adapts a decoded instruction for execution: writes to x0 go to the sink register x32, and
    /// operations of extensions this hart lacks become illegal.
    static func prepare(_ decoded: DecodedInstruction, _ extensions: ISAExtensions) -> DecodedInstruction {
        var inst = decoded
        if !isImplemented(inst.op, extensions) || (inst.length == 2 && !extensions.contains(.c)) {
            return DecodedInstruction(op: .illegal, length: inst.length)
        }
        if inst.rd == 0 && writesIntegerRegister(inst.op) { inst.rd = 32 }
        // A RoCC command without xd writes no register: its rd goes to the sink too.
        if inst.op == .custom3 && inst.imm & RoCCCommand.writesRdBit == 0 { inst.rd = 32 }
        return inst
    }
}
