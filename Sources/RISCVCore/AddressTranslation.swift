/// The three kinds of memory access, which differ in permission checks and fault causes.
public enum AccessType: Int, Sendable {
    case fetch = 0, load = 1, store = 2

    var pageFault: ExceptionCause {
        switch self { case .fetch: .instructionPageFault; case .load: .loadPageFault; case .store: .storePageFault }
    }
    var accessFault: ExceptionCause {
        switch self { case .fetch: .instructionAccessFault; case .load: .loadAccessFault; case .store: .storeAccessFault }
    }
    var misaligned: ExceptionCause {
        switch self { case .fetch: .instructionAddressMisaligned; case .load: .loadAddressMisaligned; case .store: .storeAddressMisaligned }
    }
}

/// Direct-mapped caches of recent Sv39 translations, one per access type, valid only for the current
/// privilege, satp and mstatus; everything is dropped when any of them changes.
final class TranslationCache {
    static let entries = 256
    /// Per access type: the virtual page number cached in each entry (or `.max`), and its physical page base.
    let tags: UnsafeMutablePointer<UInt64>
    let pages: UnsafeMutablePointer<UInt64>

    init() {
        tags = allocateHartLocal(UInt64.self, count: 3 * Self.entries, initialValue: .max)
        pages = allocateHartLocal(UInt64.self, count: 3 * Self.entries, initialValue: 0)
    }

    deinit { tags.deallocate(); pages.deallocate() }

    func flush() { tags.update(repeating: .max, count: 3 * Self.entries) }

    /// The entry that caches `virtualPage` for `access`.
    @inline(__always)
    static func slot(_ access: AccessType, _ virtualPage: UInt64) -> Int {
        access.rawValue &* entries &+ Int(truncatingIfNeeded: virtualPage) & (entries - 1)
    }

    func insert(_ access: AccessType, virtualPage: UInt64, physicalBase: UInt64) {
        let i = Self.slot(access, virtualPage)
        tags[i] = virtualPage
        pages[i] = physicalBase
    }
}

extension Hart {
    /// Drops everything cached about the current address-translation context.
    func translationChanged() {
        tlb.flush()
        decodeCache.flushLookup()
    }

    /// The privilege that data accesses are checked at (MPRV makes M-mode loads and stores act as MPP).
    var dataPrivilege: Privilege {
        privilege == .machine && mstatus & MStatus.mprv != 0
            ? Privilege(rawValue: UInt8((mstatus >> 11) & 3)) ?? .user : privilege
    }

    /// Whether accesses of this type need the slow path at all: address translation and PMP apply to
    /// S and U; M is checked only against locked PMP entries.
    func needsTranslation(_ access: AccessType) -> Bool {
        let p = access == .fetch ? privilege : dataPrivilege
        return p < .machine || pmpConfig.contains { $0 & 0x80 != 0 }
    }

    /// Translates a virtual address and checks PMP, filling the translation cache when the whole page
    /// is allowed; throws the access's page or access fault. `size` bytes are one access, unless
    /// `bytewise` (an accelerator's transfer, many small accesses): then each byte is checked alone.
    func translate(_ va: UInt64, _ access: AccessType, size: UInt64 = 1, bytewise: Bool = false) throws(Trap) -> UInt64 {
        let p = access == .fetch ? privilege : dataPrivilege
        let physicalBase = p < .machine && satp >> 60 != 0 ? try walk(va, access, privilege: p) : va & ~0xfff
        let pa = physicalBase | (va & 0xfff)
        if pmpAllows(physicalBase, size: 4096, access, p) {
            tlb.insert(access, virtualPage: va >> 12, physicalBase: physicalBase)
        } else if !(bytewise ? pmpAllowsEachByte(pa, size: size, access, p) : pmpAllows(pa, size: size, access, p)) {
            throw Trap(access.accessFault, tval: va)
        }
        return pa
    }

    /// Spike's PMP check: the lowest-numbered entry that matches any byte decides, and must contain
    /// them all; it binds M only when locked. With no match, M is allowed and S/U are not.
    func pmpAllows(_ address: UInt64, size: UInt64, _ access: AccessType, _ p: Privilege) -> Bool {
        let end = address &+ size
        for i in 0..<pmpConfig.count {
            let cfg = pmpConfig[i]
            guard let range = pmpRange(i), range.lowerBound < end && address < range.upperBound else { continue }
            guard range.lowerBound <= address && end <= range.upperBound else { return false }
            if p == .machine && cfg & 0x80 == 0 { return true }
            let bit: UInt8 = switch access { case .load: 1; case .store: 2; case .fetch: 4 }
            return cfg & bit != 0
        }
        return p == .machine
    }

    /// Whether every byte of the range is allowed as an access of its own: the range is cut at each
    /// active entry's bounds, so that every piece lies wholly inside or outside each entry.
    private func pmpAllowsEachByte(_ address: UInt64, size: UInt64, _ access: AccessType, _ p: Privilege) -> Bool {
        let end = address &+ size
        var start = address
        while start < end {
            var pieceEnd = end
            for i in 0..<pmpConfig.count {
                guard let range = pmpRange(i) else { continue }
                if start < range.lowerBound { pieceEnd = min(pieceEnd, range.lowerBound) }
                if start < range.upperBound { pieceEnd = min(pieceEnd, range.upperBound) }
            }
            guard pmpAllows(start, size: pieceEnd - start, access, p) else { return false }
            start = pieceEnd
        }
        return true
    }

    /// The byte range an active PMP entry covers (TOR, NA4 or NAPOT), or nil when it is off.
    private func pmpRange(_ i: Int) -> Range<UInt64>? {
        let address = pmpAddress[i]
        switch (pmpConfig[i] >> 3) & 3 {
        case 1:
            let low = i == 0 ? 0 : pmpAddress[i - 1] << 2
            let high = address << 2
            return low < high ? low..<high : nil
        case 2:
            return (address << 2)..<((address << 2) + 4)
        case 3:
            let ones = UInt64((~address).trailingZeroBitCount)
            guard ones < 54 else { return 0..<(1 << 56) }
            let size: UInt64 = 1 << (ones + 3)
            let base = (address << 2) & ~(size - 1)
            return base..<(base + size)
        default:
            return nil
        }
    }

    /// Spike's Sv39/Sv48/Sv57 walk (no Svadu: a clear A, or D on a store, is a page fault).
    private func walk(_ va: UInt64, _ access: AccessType, privilege p: Privilege) throws(Trap) -> UInt64 {
        let fault = Trap(access.pageFault, tval: va)
        let levels = Int(satp >> 60) - 5  // Sv39: 3, Sv48: 4, Sv57: 5
        // The bits above the virtual address width must all equal its top bit.
        let vaBits = UInt64(12 + 9 * levels)
        let top = va >> (vaBits - 1)
        guard top == 0 || top == (1 << (65 - vaBits)) - 1 else { throw fault }
        let sum = mstatus & MStatus.sum != 0
        let mxr = mstatus & MStatus.mxr != 0
        var base = (satp & ((1 << 44) - 1)) << 12
        for level in stride(from: levels - 1, through: 0, by: -1) {
            let index = (va >> (12 + 9 * UInt64(level))) & 0x1ff
            let pteAddress = base + index * 8
            guard let pte = memory.load(pteAddress, size: 8) else { throw Trap(access.accessFault, tval: va) }
            let ppn = (pte >> 10) & ((1 << 44) - 1)
            let v = pte & 1 != 0, r = pte & 2 != 0, w = pte & 4 != 0, x = pte & 8 != 0, u = pte & 16 != 0
            let a = pte & 64 != 0, d = pte & 128 != 0
            if pte >> 54 != 0 { throw fault }  // reserved, PBMT and N bits: none of those extensions here
            if v && !r && !w && !x {  // pointer to the next level
                if pte & (16 | 64 | 128) != 0 { throw fault }
                base = ppn << 12
                continue
            }
            if u ? (p == .supervisor && (access == .fetch || !sum)) : p != .supervisor { throw fault }
            if !v || (!r && w) { throw fault }
            let superpageMask: UInt64 = (1 << (9 * UInt64(level))) - 1
            if ppn & superpageMask != 0 { throw fault }  // misaligned superpage
            let allowed = switch access {
            case .fetch: x
            case .load: r || (mxr && x)
            case .store: w
            }
            if !allowed || !a || (access == .store && !d) { throw fault }
            let vpn = va >> 12
            return ((ppn & ~superpageMask) | (vpn & superpageMask)) << 12
        }
        throw fault
    }
}
