#if canImport(Glibc)
import Glibc
#endif
import CLinuxHost

/// System calls about the process itself: time, signals, limits, identity, randomness, futexes.
extension LinuxProcess {
    private static let futexWait: UInt64 = 0, futexWake: UInt64 = 1, futexWaitBitset: UInt64 = 9, futexWakeBitset: UInt64 = 10
    private static let rlimitStack: UInt64 = 3
    private static let signalSetSize = 8

    // MARK: time

    func clockGettime(_ clock: UInt64, _ buffer: UInt64, resolution: Bool) -> Int64 {
        var ts = timespec()
        let id = clockid_t(truncatingIfNeeded: Int64(bitPattern: clock))
        guard (resolution ? clock_getres(id, &ts) : clock_gettime(id, &ts)) == 0 else { return -Int64(errno) }
        if buffer == 0 { return 0 }
        return storeTime(seconds: Int64(ts.tv_sec), fraction: Int64(ts.tv_nsec), at: buffer) ? 0 : -Int64(EFAULT)
    }

    func gettimeofday(_ buffer: UInt64) -> Int64 {
        var ts = timespec()
        clock_gettime(CLOCK_REALTIME, &ts)
        if buffer == 0 { return 0 }
        return storeTime(seconds: Int64(ts.tv_sec), fraction: Int64(ts.tv_nsec) / 1000, at: buffer) ? 0 : -Int64(EFAULT)
    }

    /// nanosleep and clock_nanosleep (TIMER_ABSTIME in `flags`): the host sleeps; signals never interrupt it.
    func sleep(clock: UInt64, flags: UInt64, _ request: UInt64, _ remaining: UInt64) -> Int64 {
        guard let seconds: Int64 = guest.load(request), let nanoseconds: Int64 = guest.load(request + 8) else { return -Int64(EFAULT) }
        guard seconds >= 0, (0..<1_000_000_000).contains(nanoseconds) else { return -Int64(EINVAL) }
        var ts = timespec(tv_sec: Int(seconds), tv_nsec: Int(nanoseconds))
        let r = clock_nanosleep(clockid_t(truncatingIfNeeded: Int64(bitPattern: clock)), Int32(truncatingIfNeeded: flags), &ts, nil)
        if remaining != 0 { _ = storeTime(seconds: 0, fraction: 0, at: remaining) }
        return -Int64(r)
    }

    private func storeTime(seconds: Int64, fraction: Int64, at address: UInt64) -> Bool {
        guest.store(seconds, at: address) && guest.store(fraction, at: address + 8)
    }

    // MARK: signals (recorded, never delivered)

    func sigaction(_ signal: UInt64, _ action: UInt64, _ old: UInt64) -> Int64 {
        guard (1...64).contains(signal), signal != UInt64(SIGKILL) && signal != UInt64(SIGSTOP) || action == 0 else { return -Int64(EINVAL) }
        // struct sigaction on RISC-V Linux: handler, flags, 8-byte mask.
        if old != 0 && !guest.write(signalActions[signal] ?? [UInt8](repeating: 0, count: 24), at: old) { return -Int64(EFAULT) }
        if action != 0 {
            guard let bytes = guest.bytes(action, count: 24) else { return -Int64(EFAULT) }
            signalActions[signal] = bytes
        }
        return 0
    }

    func sigprocmask(_ how: UInt64, _ set: UInt64, _ old: UInt64) -> Int64 {
        if old != 0 && !guest.store(signalMask, at: old) { return -Int64(EFAULT) }
        guard set != 0 else { return 0 }
        guard let mask: UInt64 = guest.load(set) else { return -Int64(EFAULT) }
        let unblockable = UInt64(1) << (UInt64(SIGKILL) - 1) | UInt64(1) << (UInt64(SIGSTOP) - 1)
        switch how {
        case 0: signalMask |= mask
        case 1: signalMask &= ~mask
        case 2: signalMask = mask
        default: return -Int64(EINVAL)
        }
        signalMask &= ~unblockable
        return 0
    }

    func sigaltstack(_ new: UInt64, _ old: UInt64) -> Int64 {
        if old != 0 && !guest.write(alternateSignalStack, at: old) { return -Int64(EFAULT) }
        if new != 0 {
            guard let bytes = guest.bytes(new, count: 24) else { return -Int64(EFAULT) }
            alternateSignalStack = bytes
        }
        return 0
    }

    /// kill/tkill/tgkill aimed at the process itself: signal 0 probes; an ignored signal or one whose
    /// default is to ignore does nothing; any other ends the process as that signal would (handlers
    /// are not run).
    func raise(target: UInt64, _ signal: UInt64) -> Int64 {
        guard signal <= 64 else { return -Int64(EINVAL) }
        guard Int32(truncatingIfNeeded: target) == getpid() || target == 0 else { return -Int64(ESRCH) }
        if signal == 0 { return 0 }
        let handler = signalActions[signal].map { $0.prefix(8).reversed().reduce(UInt64(0)) { $0 << 8 | UInt64($1) } } ?? 0
        let ignoredByDefault: Set<Int32> = [SIGCHLD, SIGURG, SIGWINCH, SIGCONT]
        if handler == 1 || (handler == 0 && ignoredByDefault.contains(Int32(signal))) { return 0 }
        kill(signal: Int32(signal), reason: handler == 0 ? "raised by the program" : "raised by the program (its handler is not run)")
        return 0
    }

    // MARK: limits, identity, randomness

    func prlimit(_ resource: UInt64, new: UInt64, old: UInt64, getting: Bool) -> Int64 {
        let out = old != 0 ? old : (getting && new != 0 ? new : 0)
        guard out != 0 else { return 0 }  // setting limits changes nothing here
        var limit = rlimit()
        if resource == Self.rlimitStack {
            limit.rlim_cur = rlim_t(LinuxAddressSpace.stackSize)
            limit.rlim_max = rlim_t(LinuxAddressSpace.stackSize)
        } else if getrlimit(__rlimit_resource_t(UInt32(truncatingIfNeeded: resource)), &limit) != 0 {
            return -Int64(errno)
        }
        return guest.store(UInt64(limit.rlim_cur), at: out) && guest.store(UInt64(limit.rlim_max), at: out + 8) ? 0 : -Int64(EFAULT)
    }

    /// The host's names, on a riscv64 machine.
    func uname(_ buffer: UInt64) -> Int64 {
        var host = utsname()
        Glibc.uname(&host)
        func field<T>(_ value: T) -> String {
            withUnsafeBytes(of: value) { String(decoding: $0.prefix { $0 != 0 }, as: UTF8.self) }
        }
        var out = GuestStructure(size: 6 * 65)
        let fields = ["Linux", field(host.nodename), field(host.release), field(host.version), "riscv64", field(host.__domainname)]
        for (i, value) in fields.enumerated() { out.put(string: value, at: i * 65, field: 65) }
        return guest.write(out.bytes, at: buffer) ? 0 : -Int64(EFAULT)
    }

    /// The host's figures, as QEMU reports them (struct sysinfo has one layout on 64-bit Linux).
    func sysinfo(_ buffer: UInt64) -> Int64 {
        var bytes = [UInt8](repeating: 0, count: 112)
        guard bytes.withUnsafeMutableBytes({ rvgem_sysinfo($0.baseAddress, 112) }) == 0 else { return -Int64(errno) }
        return guest.write(bytes, at: buffer) ? 0 : -Int64(EFAULT)
    }

    func getrandom(_ buffer: UInt64, _ length: UInt64) -> Int64 {
        let count = min(length, 1 << 25)
        var bytes: [UInt8] = []
        bytes.reserveCapacity(Int(count) + 8)
        while UInt64(bytes.count) < count { withUnsafeBytes(of: nextRandom()) { bytes += $0 } }
        return guest.write(Array(bytes.prefix(Int(count))), at: buffer) ? Int64(count) : -Int64(EFAULT)
    }

    func schedGetaffinity(_ size: UInt64, _ mask: UInt64) -> Int64 {
        guard size >= 8 else { return -Int64(EINVAL) }
        return guest.store(UInt64(1), at: mask) ? 8 : -Int64(EFAULT)  // one CPU: this hart
    }

    /// One thread: a wait whose value still matches could never be woken, so the run ends there.
    func futex(_ address: UInt64, _ operation: UInt64, _ value: UInt64, _ timeout: UInt64) -> Int64 {
        switch operation & 0x7f {
        case Self.futexWait, Self.futexWaitBitset:
            guard let current: UInt32 = guest.load(address) else { return -Int64(EFAULT) }
            if current != UInt32(truncatingIfNeeded: value) { return -Int64(EAGAIN) }
            if timeout != 0 { return -Int64(ETIMEDOUT) }
            kill(signal: SIGKILL, reason: "deadlock: the only thread waits on futex 0x\(String(address, radix: 16))")
            return 0
        case Self.futexWake, Self.futexWakeBitset:
            return 0
        default:
            return -Int64(ENOSYS)
        }
    }
}
