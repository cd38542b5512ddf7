#if canImport(Glibc)
import Glibc
#endif
import RISCVCore

/// The system calls a bare-metal guest makes through HTIF (Spike's syscall proxy): Linux numbers,
/// performed on the host, with guest file descriptors mapped to host ones.
final class HostSyscalls {
    private let memory: PhysicalMemory
    /// argv as the guest sees it: the program path, then its arguments.
    private let arguments: [String]
    /// Like Spike, guest stdout and stderr both go to the host's stdout.
    private let files: LinuxFileTable
    private var warned: Set<UInt64> = []

    init(memory: PhysicalMemory, arguments: [String], input: Int32, output: Int32) throws(MachineError) {
        self.memory = memory
        self.arguments = arguments
        files = try LinuxFileTable(standardInput: input, standardOutput: output, standardError: output)
    }

    /// The host descriptor behind guest stdout (the console device writes there too).
    var consoleOutput: Int32 { files.host(1) ?? 1 }

    /// Runs the call described by the 64-byte block at `address` ({number, a0...a6}) and stores the result in its first word.
    func dispatch(magicMemory address: UInt64, htif: HostInterface) throws(MachineError) {
        guard let block = memory.read(address, count: 64) else {
            throw MachineError("guest syscall block at 0x\(String(address, radix: 16)) is not in guest memory")
        }
        let word = { (i: Int) in block[i * 8..<i * 8 + 8].reversed().reduce(UInt64(0)) { $0 << 8 | UInt64($1) } }
        let a = (1...7).map(word)
        let result = call(word(0), a, htif: htif)
        _ = memory.store(address, size: 8, value: UInt64(bitPattern: result))
    }

    private func call(_ number: UInt64, _ a: [UInt64], htif: HostInterface) -> Int64 {
        switch number {
        case 63: return read(a[0], a[1], a[2])
        case 64: return write(a[0], a[1], a[2])
        case 56: return openat(a[0], a[1], a[2], a[3], a[4])
        case 57: return files.close(guest: a[0]) ? 0 : -Int64(EBADF)
        case 62: return result(Int64(lseek(hostFD(a[0]), off_t(Int64(bitPattern: a[1])), Int32(truncatingIfNeeded: a[2]))))
        case 80: return fstat(a[0], a[1])
        case 93: htif.exit(a[0]); return 0
        case 2011: return mainVariables(a[0], a[1])
        default:
            if warned.insert(number).inserted {
                printToStandardError("rvgem: warning: guest made unsupported HTIF syscall \(number); returning -ENOSYS")
            }
            return -Int64(ENOSYS)
        }
    }

    private func hostFD(_ guest: UInt64) -> Int32 { files.host(guest) ?? -1 }

    private func result(_ r: Int64) -> Int64 { r < 0 ? -Int64(errno) : r }

    private func read(_ fd: UInt64, _ buffer: UInt64, _ count: UInt64) -> Int64 {
        guard let p = memory.hostPointer(buffer, size: count) else { return -Int64(EFAULT) }
        let n = Glibc.read(hostFD(fd), p, Int(count))
        if n > 0 { memory.hostWrote(buffer, count: n) }
        return result(Int64(n))
    }

    private func write(_ fd: UInt64, _ buffer: UInt64, _ count: UInt64) -> Int64 {
        guard let p = memory.hostPointer(buffer, size: count) else { return -Int64(EFAULT) }
        return result(Int64(Glibc.write(hostFD(fd), p, Int(count))))
    }

    private func guestString(_ address: UInt64, length: UInt64) -> String? {
        guard length > 0, length <= 4096, let bytes = memory.read(address, count: Int(length)) else { return nil }
        return String(decoding: bytes.prefix { $0 != 0 }, as: UTF8.self)
    }

    /// Spike's proxy passes the flags through: its guests use the RISC-V (asm-generic) values.
    private func openat(_ dirfd: UInt64, _ path: UInt64, _ length: UInt64, _ flags: UInt64, _ mode: UInt64) -> Int64 {
        guard let name = guestString(path, length: length) else { return -Int64(EFAULT) }
        switch files.open(directory: dirfd, name, flags: LinuxOpenFlags.host(flags), mode: UInt32(truncatingIfNeeded: mode)) {
        case .success(let fd): return files.add(fd)
        case .failure(let error): return error.negated
        }
    }

    private func fstat(_ fd: UInt64, _ buffer: UInt64) -> Int64 {
        var st = stat()
        guard Glibc.fstat(hostFD(fd), &st) == 0 else { return -Int64(errno) }
        guard LinuxStat.encode(st).withUnsafeBytes({ memory.write($0, at: buffer) }) else { return -Int64(EFAULT) }
        return 0
    }

    /// Spike's getmainvars: argc, argv pointers, a null argv end and a null envp, then the strings.
    private func mainVariables(_ buffer: UInt64, _ limit: UInt64) -> Int64 {
        let words = arguments.count + 3
        var offset = UInt64(words * 8)
        var pointers: [UInt64] = [UInt64(arguments.count)]
        var strings: [UInt8] = []
        for arg in arguments {
            pointers.append(buffer + offset)
            strings += Array(arg.utf8) + [0]
            offset += UInt64(arg.utf8.count + 1)
        }
        pointers += [0, 0]
        var bytes: [UInt8] = []
        for p in pointers { for i in 0..<8 { bytes.append(UInt8(truncatingIfNeeded: p >> (8 * UInt64(i)))) } }
        bytes += strings
        guard UInt64(bytes.count) <= limit else { return -Int64(ENOMEM) }
        guard bytes.withUnsafeBytes({ memory.write($0, at: buffer) }) else { return -Int64(EFAULT) }
        return 0
    }
}
