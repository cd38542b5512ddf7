#if canImport(Glibc)
import Glibc
#endif
import CLinuxHost

/// System calls on files and descriptors, performed on the host's descriptors.
extension LinuxProcess {
    /// -errno for a failed host call, else its result.
    func hostResult(_ r: Int) -> Int64 { r < 0 ? -Int64(errno) : Int64(r) }

    func read(_ fd: UInt64, _ buffer: UInt64, _ count: UInt64) -> Int64 {
        guard let host = files.host(fd) else { return -Int64(EBADF) }
        guard let p = guest.pointer(buffer, count: count) else { return -Int64(EFAULT) }
        let n = Glibc.read(host, p, Int(count))
        guest.hostFilled(buffer, count: n)
        return hostResult(n)
    }

    func write(_ fd: UInt64, _ buffer: UInt64, _ count: UInt64) -> Int64 {
        guard let host = files.host(fd) else { return -Int64(EBADF) }
        guard let p = guest.pointer(buffer, count: count) else { return -Int64(EFAULT) }
        return hostResult(Glibc.write(host, p, Int(count)))
    }

    /// readv/writev: the guest's iovec array becomes a host one pointing into guest memory.
    func vectored(_ fd: UInt64, _ vector: UInt64, _ count: UInt64, reading: Bool) -> Int64 {
        guard let host = files.host(fd) else { return -Int64(EBADF) }
        guard count <= 1024 else { return -Int64(EINVAL) }
        var iov: [iovec] = []
        var segments: [(UInt64, Int)] = []
        for i in 0..<count {
            guard let base: UInt64 = guest.load(vector + 16 * i), let length: UInt64 = guest.load(vector + 16 * i + 8),
                  let p = guest.pointer(base, count: length) else { return -Int64(EFAULT) }
            iov.append(iovec(iov_base: p, iov_len: Int(length)))
            segments.append((base, Int(length)))
        }
        let n = reading ? Glibc.readv(host, iov, Int32(iov.count)) : Glibc.writev(host, iov, Int32(iov.count))
        if reading && n > 0 {
            var left = n
            for (base, length) in segments where left > 0 {
                guest.hostFilled(base, count: min(left, length))
                left -= length
            }
        }
        return hostResult(n)
    }

    func positioned(_ fd: UInt64, _ buffer: UInt64, _ count: UInt64, _ offset: UInt64, reading: Bool) -> Int64 {
        guard let host = files.host(fd) else { return -Int64(EBADF) }
        guard let p = guest.pointer(buffer, count: count) else { return -Int64(EFAULT) }
        let position = off_t(Int64(bitPattern: offset))
        if reading {
            let n = pread(host, p, Int(count), position)
            guest.hostFilled(buffer, count: n)
            return hostResult(n)
        }
        return hostResult(pwrite(host, p, Int(count), position))
    }

    func openat(_ directory: UInt64, _ pathAddress: UInt64, _ flags: UInt64, _ mode: UInt64) -> Int64 {
        guard let path = guest.string(pathAddress) else { return -Int64(EFAULT) }
        switch files.open(directory: directory, path, flags: LinuxOpenFlags.host(flags), mode: UInt32(truncatingIfNeeded: mode)) {
        case .success(let fd): return files.add(fd)
        case .failure(let error): return error.negated
        }
    }

    func lseek(_ fd: UInt64, _ offset: UInt64, _ whence: UInt64) -> Int64 {
        guard let host = files.host(fd) else { return -Int64(EBADF) }
        return hostResult(Int(Glibc.lseek(host, off_t(Int64(bitPattern: offset)), Int32(truncatingIfNeeded: whence))))
    }

    func fstat(_ fd: UInt64, _ buffer: UInt64) -> Int64 {
        guard let host = files.host(fd) else { return -Int64(EBADF) }
        var st = stat()
        guard Glibc.fstat(host, &st) == 0 else { return -Int64(errno) }
        return guest.write(LinuxStat.encode(st), at: buffer) ? 0 : -Int64(EFAULT)
    }

    /// Runs a host `*at` call on a guest (dirfd, path, flags) with AT_SYMLINK_NOFOLLOW/rvgem_AT_EMPTY_PATH
    /// honoured, confined to `--chroot` when set. `body` gets (directory, path, AT_* flags).
    func withPath(_ directory: UInt64, _ pathAddress: UInt64, flags: UInt64,
                  _ body: (Int32, String, Int32) -> Int32) -> Int64 {
        guard let path = guest.string(pathAddress) else { return -Int64(EFAULT) }
        let atFlags = Int32(truncatingIfNeeded: flags)
        if path.isEmpty {
            guard atFlags & rvgem_AT_EMPTY_PATH != 0 else { return -Int64(ENOENT) }
            guard let host = files.host(directory) else { return -Int64(EBADF) }
            return body(host, "", atFlags) < 0 ? -Int64(errno) : 0
        }
        let follow = atFlags & AT_SYMLINK_NOFOLLOW == 0
        if files.isConfined && follow {
            switch files.open(directory: directory, path, flags: rvgem_O_PATH, mode: 0) {
            case .failure(let error): return error.negated
            case .success(let fd):
                defer { close(fd) }
                return body(fd, "", (atFlags & ~AT_SYMLINK_NOFOLLOW) | rvgem_AT_EMPTY_PATH) < 0 ? -Int64(errno) : 0
            }
        }
        switch files.locate(directory: directory, path) {
        case .failure(let error): return error.negated
        case .success(let location):
            defer { location.release() }
            return body(location.directory, location.path, atFlags & ~rvgem_AT_EMPTY_PATH) < 0 ? -Int64(errno) : 0
        }
    }

    func newfstatat(_ directory: UInt64, _ path: UInt64, _ buffer: UInt64, _ flags: UInt64) -> Int64 {
        var st = stat()
        let r = withPath(directory, path, flags: flags) { fstatat($0, $1, &st, $2) }
        guard r == 0 else { return r }
        return guest.write(LinuxStat.encode(st), at: buffer) ? 0 : -Int64(EFAULT)
    }

    func statx(_ directory: UInt64, _ path: UInt64, _ flags: UInt64, _ mask: UInt64, _ buffer: UInt64) -> Int64 {
        var out = [UInt8](repeating: 0, count: 256)
        let r = withPath(directory, path, flags: flags) { dir, name, atFlags in
            out.withUnsafeMutableBytes { rvgem_statx(dir, name, atFlags, UInt32(truncatingIfNeeded: mask), $0.baseAddress) }
        }
        guard r == 0 else { return r }
        return guest.write(out, at: buffer) ? 0 : -Int64(EFAULT)
    }

    func faccessat(_ directory: UInt64, _ path: UInt64, _ mode: UInt64, _ flags: UInt64) -> Int64 {
        withPath(directory, path, flags: flags) { rvgem_faccessat2($0, $1, Int32(truncatingIfNeeded: mode), $2) }
    }

    func unlinkat(_ directory: UInt64, _ path: UInt64, _ flags: UInt64) -> Int64 {
        withPath(directory, path, flags: UInt64(AT_SYMLINK_NOFOLLOW)) { dir, name, _ in
            Glibc.unlinkat(dir, name, Int32(truncatingIfNeeded: flags) & AT_REMOVEDIR)
        }
    }

    func mkdirat(_ directory: UInt64, _ path: UInt64, _ mode: UInt64) -> Int64 {
        withPath(directory, path, flags: UInt64(AT_SYMLINK_NOFOLLOW)) { dir, name, _ in
            Glibc.mkdirat(dir, name, mode_t(truncatingIfNeeded: mode))
        }
    }

    func symlinkat(_ targetAddress: UInt64, _ directory: UInt64, _ path: UInt64) -> Int64 {
        guard let target = guest.string(targetAddress) else { return -Int64(EFAULT) }
        return withPath(directory, path, flags: UInt64(AT_SYMLINK_NOFOLLOW)) { dir, name, _ in
            Glibc.symlinkat(target, dir, name)
        }
    }

    func linkat(_ oldDirectory: UInt64, _ oldPath: UInt64, _ newDirectory: UInt64, _ newPath: UInt64, _ flags: UInt64) -> Int64 {
        var inner: Int64 = 0
        let outer = withPath(oldDirectory, oldPath, flags: UInt64(AT_SYMLINK_NOFOLLOW)) { fromDir, fromName, _ in
            inner = withPath(newDirectory, newPath, flags: UInt64(AT_SYMLINK_NOFOLLOW)) { toDir, toName, _ in
                Glibc.linkat(fromDir, fromName, toDir, toName, 0)
            }
            return 0
        }
        return outer != 0 ? outer : inner
    }

    func renameat(_ oldDirectory: UInt64, _ oldPath: UInt64, _ newDirectory: UInt64, _ newPath: UInt64, _ flags: UInt64) -> Int64 {
        guard flags == 0 else { return -Int64(EINVAL) }
        var inner: Int64 = 0
        let outer = withPath(oldDirectory, oldPath, flags: UInt64(AT_SYMLINK_NOFOLLOW)) { fromDir, fromName, _ in
            inner = withPath(newDirectory, newPath, flags: UInt64(AT_SYMLINK_NOFOLLOW)) { toDir, toName, _ in
                Glibc.renameat(fromDir, fromName, toDir, toName)
            }
            return 0
        }
        return outer != 0 ? outer : inner
    }

    func readlinkat(_ directory: UInt64, _ pathAddress: UInt64, _ buffer: UInt64, _ size: UInt64) -> Int64 {
        guard let path = guest.string(pathAddress) else { return -Int64(EFAULT) }
        guard let p = guest.pointer(buffer, count: size) else { return -Int64(EFAULT) }
        if path == "/proc/self/exe" {
            // The program itself, as Linux (and QEMU) report it: its absolute path.
            let target = Array(executablePath.utf8.prefix(Int(size)))
            return guest.write(target, at: buffer) ? Int64(target.count) : -Int64(EFAULT)
        }
        var n = 0
        let r = withPath(directory, pathAddress, flags: UInt64(AT_SYMLINK_NOFOLLOW)) { dir, name, _ in
            n = Glibc.readlinkat(dir, name, p.assumingMemoryBound(to: CChar.self), Int(size))
            return Int32(n < 0 ? -1 : 0)
        }
        guard r == 0 else { return r }
        guest.hostFilled(buffer, count: n)
        return Int64(n)
    }

    func getcwd(_ buffer: UInt64, _ size: UInt64) -> Int64 {
        switch files.currentDirectory() {
        case .failure(let error): return error.negated
        case .success(let path):
            let bytes = Array(path.utf8) + [0]
            guard UInt64(bytes.count) <= size else { return -Int64(ERANGE) }
            return guest.write(bytes, at: buffer) ? Int64(bytes.count) : -Int64(EFAULT)
        }
    }

    func chdir(_ pathAddress: UInt64) -> Int64 {
        guard let path = guest.string(pathAddress) else { return -Int64(EFAULT) }
        return files.changeDirectory(path)?.negated ?? 0
    }

    /// Terminal requests answered from the host terminal (so isatty and line buffering match the
    /// host's); anything else gets ENOTTY, as from a file that does not support it.
    func ioctl(_ fd: UInt64, _ request: UInt64, _ argument: UInt64) -> Int64 {
        guard let host = files.host(fd) else { return -Int64(EBADF) }
        let size: Int
        switch request {
        case UInt64(rvgem_TCGETS): size = 36  // the kernel's struct termios, the same on RISC-V
        case UInt64(rvgem_TIOCGWINSZ): size = 8
        default: return -Int64(ENOTTY)
        }
        var out = [UInt8](repeating: 0, count: 64)
        let r = out.withUnsafeMutableBytes { rvgem_ioctl_pointer(host, UInt(request), $0.baseAddress) }
        guard r >= 0 else { return -Int64(errno) }
        return guest.write(Array(out.prefix(size)), at: argument) ? 0 : -Int64(EFAULT)
    }

    func ftruncate(_ fd: UInt64, _ length: UInt64) -> Int64 {
        guard let host = files.host(fd) else { return -Int64(EBADF) }
        return hostResult(Int(Glibc.ftruncate(host, off_t(Int64(bitPattern: length)))))
    }

    func fsync(_ fd: UInt64) -> Int64 {
        guard let host = files.host(fd) else { return -Int64(EBADF) }
        return hostResult(Int(Glibc.fsync(host)))
    }

    func dup(_ fd: UInt64) -> Int64 {
        guard let host = files.host(fd) else { return -Int64(EBADF) }
        let copy = Glibc.dup(host)
        return copy < 0 ? -Int64(errno) : files.add(copy)
    }

    func dup3(_ fd: UInt64, _ target: UInt64, _ flags: UInt64) -> Int64 {
        guard let host = files.host(fd) else { return -Int64(EBADF) }
        guard fd != target, target < 65536 else { return -Int64(EINVAL) }
        let copy = Glibc.dup(host)
        guard copy >= 0 else { return -Int64(errno) }
        files.place(copy, at: Int(target))
        return Int64(target)
    }

    func fcntl(_ fd: UInt64, _ command: UInt64, _ argument: UInt64) -> Int64 {
        guard let host = files.host(fd) else { return -Int64(EBADF) }
        let cmd = Int32(truncatingIfNeeded: command)
        switch cmd {
        case F_DUPFD, 1030 /* F_DUPFD_CLOEXEC */:
            let copy = Glibc.dup(host)
            return copy < 0 ? -Int64(errno) : files.add(copy, minimum: Int(min(argument, 65536)))
        case F_GETFD, F_SETFD:
            return hostResult(Int(rvgem_fcntl_int(host, cmd, Int(truncatingIfNeeded: argument))))
        case F_GETFL:
            let r = rvgem_fcntl_int(host, F_GETFL, 0)
            return r < 0 ? -Int64(errno) : Int64(LinuxOpenFlags.guest(r))
        case F_SETFL:
            return hostResult(Int(rvgem_fcntl_int(host, F_SETFL, Int(LinuxOpenFlags.host(argument)))))
        default:
            return -Int64(EINVAL)
        }
    }

    func getdents64(_ fd: UInt64, _ buffer: UInt64, _ count: UInt64) -> Int64 {
        guard let host = files.host(fd) else { return -Int64(EBADF) }
        guard let p = guest.pointer(buffer, count: count) else { return -Int64(EFAULT) }
        let n = rvgem_getdents64(host, p, UInt(count))  // struct linux_dirent64 is the same everywhere
        guest.hostFilled(buffer, count: n)
        return hostResult(n)
    }

    func pipe2(_ fds: UInt64, _ flags: UInt64) -> Int64 {
        var pair: [Int32] = [0, 0]
        guard rvgem_pipe2(&pair, LinuxOpenFlags.host(flags)) == 0 else { return -Int64(errno) }
        let read = files.add(pair[0])
        let write = files.add(pair[1])
        return guest.store(Int32(read), at: fds) && guest.store(Int32(write), at: fds + 4) ? 0 : -Int64(EFAULT)
    }
}
