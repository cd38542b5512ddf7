#if canImport(Glibc)
import Glibc
#endif
import CLinuxHost

/// The RISC-V Linux `struct stat` (asm-generic, 128 bytes), from a host one.
enum LinuxStat {
    static func encode(_ st: stat) -> [UInt8] {
        var out = GuestStructure(size: 128)
        out.put(UInt64(st.st_dev), at: 0)
        out.put(UInt64(st.st_ino), at: 8)
        out.put(UInt32(st.st_mode), at: 16)
        out.put(UInt32(truncatingIfNeeded: st.st_nlink), at: 20)
        out.put(UInt32(st.st_uid), at: 24)
        out.put(UInt32(st.st_gid), at: 28)
        out.put(UInt64(st.st_rdev), at: 32)
        out.put(Int64(st.st_size), at: 48)
        out.put(Int32(truncatingIfNeeded: st.st_blksize), at: 56)
        out.put(Int64(st.st_blocks), at: 64)
        for (offset, time) in [(72, st.st_atim), (88, st.st_mtim), (104, st.st_ctim)] {
            out.put(Int64(time.tv_sec), at: offset)
            out.put(Int64(time.tv_nsec), at: offset + 8)
        }
        return out.bytes
    }
}

/// open(2) flags: the guest uses the asm-generic values; the host's may differ (arm64), so each
/// flag is carried across by name.
enum LinuxOpenFlags {
    private static let pairs: [(guest: UInt64, host: Int32)] = [
        (0o100, O_CREAT), (0o200, O_EXCL), (0o400, O_NOCTTY), (0o1000, O_TRUNC), (0o2000, O_APPEND),
        (0o4000, O_NONBLOCK), (0o10000, O_DSYNC), (0o40000, rvgem_O_DIRECT), (0o100000, rvgem_O_LARGEFILE),
        (0o200000, O_DIRECTORY), (0o400000, O_NOFOLLOW), (0o1000000, rvgem_O_NOATIME), (0o2000000, O_CLOEXEC),
        (0o4000000 | 0o10000, O_SYNC), (0o10000000, rvgem_O_PATH), (0o20000000 | 0o200000, rvgem_O_TMPFILE),
    ]

    static func host(_ guest: UInt64) -> Int32 {
        var flags = Int32(guest & 3)  // O_RDONLY, O_WRONLY, O_RDWR
        for (g, h) in pairs where guest & g == g { flags |= h }
        return flags
    }

    static func guest(_ host: Int32) -> UInt64 {
        var flags = UInt64(host & 3)
        for (g, h) in pairs where h != 0 && host & h == h { flags |= g }
        return flags
    }
}
