#if canImport(Glibc)
import Glibc
#endif
import RISCVCore

/// RISC-V Linux system-call numbers (the asm-generic table), the ones this layer answers.
enum LinuxSystemCall: UInt64 {
    case getcwd = 17, dup = 23, dup3 = 24, fcntl = 25, ioctl = 29, mkdirat = 34, unlinkat = 35
    case symlinkat = 36, linkat = 37, renameat = 38, ftruncate = 46, faccessat = 48, chdir = 49, openat = 56, close = 57, pipe2 = 59
    case getdents64 = 61, lseek = 62, read = 63, write = 64, readv = 65, writev = 66, pread64 = 67
    case pwrite64 = 68, readlinkat = 78, newfstatat = 79, fstat = 80, fsync = 82, fdatasync = 83
    case exit = 93, exitGroup = 94, setTidAddress = 96, futex = 98, setRobustList = 99, nanosleep = 101
    case clockGettime = 113, clockGetres = 114, clockNanosleep = 115, schedGetaffinity = 123
    case schedYield = 124, kill = 129, tkill = 130, tgkill = 131, sigaltstack = 132, rtSigaction = 134
    case rtSigprocmask = 135, uname = 160, getrlimit = 163, setrlimit = 164, umask = 166
    case gettimeofday = 169, getpid = 172, getppid = 173, getuid = 174, geteuid = 175, getgid = 176
    case getegid = 177, gettid = 178, sysinfo = 179, brk = 214, munmap = 215, mremap = 216, mmap = 222
    case mprotect = 226, msync = 227, madvise = 233, prlimit64 = 261, renameat2 = 276, getrandom = 278
    case statx = 291, rseq = 293, faccessat2 = 439
}

extension LinuxProcess {
    /// Runs system call `number` with the arguments in a0...a5; the result (or -errno) goes to a0.
    func systemCall(_ number: UInt64, _ hart: Hart) -> Int64 {
        let a = (10...15).map { hart.x[$0] }
        guard let call = LinuxSystemCall(rawValue: number) else { return unsupported(number) }
        switch call {
        // files
        case .read: return read(a[0], a[1], a[2])
        case .write: return write(a[0], a[1], a[2])
        case .readv: return vectored(a[0], a[1], a[2], reading: true)
        case .writev: return vectored(a[0], a[1], a[2], reading: false)
        case .pread64: return positioned(a[0], a[1], a[2], a[3], reading: true)
        case .pwrite64: return positioned(a[0], a[1], a[2], a[3], reading: false)
        case .openat: return openat(a[0], a[1], a[2], a[3])
        case .close: return files.close(guest: a[0]) ? 0 : -Int64(EBADF)
        case .lseek: return lseek(a[0], a[1], a[2])
        case .fstat: return fstat(a[0], a[1])
        case .newfstatat: return newfstatat(a[0], a[1], a[2], a[3])
        case .statx: return statx(a[0], a[1], a[2], a[3], a[4])
        case .getcwd: return getcwd(a[0], a[1])
        case .chdir: return chdir(a[0])
        case .readlinkat: return readlinkat(a[0], a[1], a[2], a[3])
        case .faccessat: return faccessat(a[0], a[1], a[2], 0)
        case .faccessat2: return faccessat(a[0], a[1], a[2], a[3])
        case .ioctl: return ioctl(a[0], a[1], a[2])
        case .unlinkat: return unlinkat(a[0], a[1], a[2])
        case .mkdirat: return mkdirat(a[0], a[1], a[2])
        case .symlinkat: return symlinkat(a[0], a[1], a[2])
        case .linkat: return linkat(a[0], a[1], a[2], a[3], a[4])
        case .renameat: return renameat(a[0], a[1], a[2], a[3], 0)
        case .renameat2: return renameat(a[0], a[1], a[2], a[3], a[4])
        case .ftruncate: return ftruncate(a[0], a[1])
        case .fsync, .fdatasync: return fsync(a[0])
        case .dup: return dup(a[0])
        case .dup3: return dup3(a[0], a[1], a[2])
        case .fcntl: return fcntl(a[0], a[1], a[2])
        case .getdents64: return getdents64(a[0], a[1], a[2])
        case .pipe2: return pipe2(a[0], a[1])
        // memory
        case .brk: return Int64(bitPattern: space.setBreak(a[0]))
        case .mmap: return mmap(a[0], a[1], a[3], a[4], a[5])
        case .munmap: return munmap(a[0], a[1])
        case .mremap: return mremap(a[0], a[1], a[2], a[3], a[4])
        case .mprotect, .msync: return a[0] % LinuxAddressSpace.pageSize == 0 ? 0 : -Int64(EINVAL)
        case .madvise: return madvise(a[0], a[1], a[2])
        // process, time, signals, limits
        case .exit, .exitGroup: exit(a[0]); return 0
        case .setTidAddress, .getpid, .gettid: return Int64(getpid())
        case .getppid: return Int64(getppid())
        case .getuid: return Int64(getuid())
        case .geteuid: return Int64(geteuid())
        case .getgid: return Int64(getgid())
        case .getegid: return Int64(getegid())
        case .setRobustList: return 0
        case .rseq: return -Int64(ENOSYS)  // glibc copes without restartable sequences
        case .futex: return futex(a[0], a[1], a[2], a[3])
        case .schedGetaffinity: return schedGetaffinity(a[1], a[2])
        case .schedYield: return 0
        case .clockGettime: return clockGettime(a[0], a[1], resolution: false)
        case .clockGetres: return clockGettime(a[0], a[1], resolution: true)
        case .gettimeofday: return gettimeofday(a[0])
        case .nanosleep: return sleep(clock: UInt64(CLOCK_MONOTONIC), flags: 0, a[0], a[1])
        case .clockNanosleep: return sleep(clock: a[0], flags: a[1], a[2], a[3])
        case .rtSigaction: return sigaction(a[0], a[1], a[2])
        case .rtSigprocmask: return sigprocmask(a[0], a[1], a[2])
        case .sigaltstack: return sigaltstack(a[0], a[1])
        case .kill: return raise(target: a[0], a[1])
        case .tkill: return raise(target: a[0], a[1])
        case .tgkill: return raise(target: a[0], a[2])
        case .uname: return uname(a[0])
        case .sysinfo: return sysinfo(a[0])
        case .getrlimit: return prlimit(a[0], new: a[1], old: 0, getting: true)
        case .setrlimit: return prlimit(a[0], new: a[1], old: 0, getting: false)
        case .prlimit64: return prlimit(a[1], new: a[2], old: a[3], getting: true)
        case .umask: return Int64(Glibc.umask(mode_t(truncatingIfNeeded: a[0])))
        case .getrandom: return getrandom(a[0], a[1])
        }
    }
}
