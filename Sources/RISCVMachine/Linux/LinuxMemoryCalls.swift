#if canImport(Glibc)
import Glibc
#endif

/// mmap and friends over `LinuxAddressSpace`.
extension LinuxProcess {
    private static let mapShared: UInt64 = 0x01, mapFixed: UInt64 = 0x10, mapAnonymous: UInt64 = 0x20
    private static let mapFixedNoReplace: UInt64 = 0x10_0000
    private static let remapMayMove: UInt64 = 1, remapFixed: UInt64 = 2
    private static let adviseDontNeed: UInt64 = 4

    func mmap(_ address: UInt64, _ length: UInt64, _ flags: UInt64, _ fd: UInt64, _ offset: UInt64) -> Int64 {
        let page = LinuxAddressSpace.pageSize
        guard length > 0, offset % page == 0, length < space.top else { return -Int64(EINVAL) }
        let size = LinuxAddressSpace.pageAligned(length)
        let anonymous = flags & Self.mapAnonymous != 0
        let file: Int32? = anonymous ? nil : files.host(fd)
        if !anonymous && file == nil { return -Int64(EBADF) }
        let start: UInt64
        let fixed = flags & (Self.mapFixed | Self.mapFixedNoReplace) != 0
        let fitsAtAddress = address < space.top && size <= space.top - address
        if fixed {
            guard fitsAtAddress else { return -Int64(ENOMEM) }
            guard address % page == 0 else { return -Int64(EINVAL) }
            guard space.canMap(address..<(address &+ size)) else { return -Int64(ENOMEM) }
            if flags & Self.mapFixedNoReplace != 0 && space.overlapsMapping(address..<(address + size)) { return -Int64(EEXIST) }
            start = address
        } else if address != 0, fitsAtAddress, address % page == 0, space.canMap(address..<(address &+ size)),
                  !space.overlapsMapping(address..<(address + size)) {
            start = address  // the hint is free: take it, as Linux does
        } else {
            guard let free = space.findFree(length: size) else { return -Int64(ENOMEM) }
            start = free
        }
        // Free pages are already zero; MAP_FIXED over old ones clears them.
        space.map(start..<(start + size), clearing: fixed)
        if let file {
            // Private file mappings get a copy of the file; shared ones are read the same way (writes
            // are not carried back to the file).
            guard let p = guest.pointer(start, count: length) else { return -Int64(ENOMEM) }
            var done = 0
            while done < Int(length) {
                let n = pread(file, p + done, Int(length) - done, off_t(Int64(bitPattern: offset)) + off_t(done))
                if n <= 0 { break }
                done += n
            }
            guest.hostFilled(start, count: done)
        }
        return Int64(bitPattern: start)
    }

    func munmap(_ address: UInt64, _ length: UInt64) -> Int64 {
        guard address % LinuxAddressSpace.pageSize == 0, length > 0 else { return -Int64(EINVAL) }
        let end = min(address &+ LinuxAddressSpace.pageAligned(length), space.top)
        if address < end && address >= LinuxAddressSpace.pageAligned(space.programBreak) { space.unmap(address..<end) }
        return 0
    }

    func mremap(_ old: UInt64, _ oldLength: UInt64, _ newLength: UInt64, _ flags: UInt64, _ newAddress: UInt64) -> Int64 {
        let page = LinuxAddressSpace.pageSize
        guard old % page == 0, newLength > 0, newLength < space.top, oldLength < space.top, old < space.top, flags & ~(Self.remapMayMove | Self.remapFixed) == 0 else { return -Int64(EINVAL) }
        let oldSize = LinuxAddressSpace.pageAligned(oldLength), newSize = LinuxAddressSpace.pageAligned(newLength)
        guard oldSize <= space.top - old else { return -Int64(EFAULT) }
        guard space.isMapped(old..<(old + oldSize)) else { return -Int64(EFAULT) }
        if flags & Self.remapFixed != 0 { return -Int64(EINVAL) }  // not needed by any libc we run
        if newSize <= oldSize {
            if newSize < oldSize { space.unmap((old + newSize)..<(old + oldSize)) }
            return Int64(bitPattern: old)
        }
        let grown = (old + oldSize)..<(old + newSize)
        if newSize <= space.top - old && space.canMap(grown) && !space.overlapsMapping(grown) {
            space.map(grown, clearing: false)
            return Int64(bitPattern: old)
        }
        guard flags & Self.remapMayMove != 0 else { return -Int64(ENOMEM) }
        guard let start = space.findFree(length: newSize),
              let from = guest.pointer(old, count: oldSize), let to = guest.pointer(start, count: newSize)
        else { return -Int64(ENOMEM) }
        space.map(start..<(start + newSize), clearing: false)
        to.copyMemory(from: from, byteCount: Int(oldSize))
        guest.hostFilled(start, count: Int(oldSize))
        space.unmap(old..<(old + oldSize))
        return Int64(bitPattern: start)
    }

    /// MADV_DONTNEED on private memory reads back as zeros afterwards; other advice changes nothing here.
    func madvise(_ address: UInt64, _ length: UInt64, _ advice: UInt64) -> Int64 {
        guard address % LinuxAddressSpace.pageSize == 0 else { return -Int64(EINVAL) }
        if advice == Self.adviseDontNeed {
            let end = min(address &+ LinuxAddressSpace.pageAligned(length), space.top)
            if address < end { space.release(address..<end) }
        }
        return 0
    }
}
