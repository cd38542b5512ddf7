/// The stack Linux hands a new process (see the System V ABI and Linux's `create_elf_tables`): from
/// the stack pointer up, argc, argv pointers, NULL, envp pointers, NULL, the auxiliary vector
/// ending in AT_NULL, then the strings and the 16 AT_RANDOM bytes near the top.
struct LinuxInitialStack {
    enum AuxiliaryKey: UInt64 {
        case null = 0, phdr = 3, phent = 4, phnum = 5, pagesz = 6, base = 7, flags = 8, entry = 9
        case uid = 11, euid = 12, gid = 13, egid = 14, clktck = 17, hwcap = 16, secure = 23
        case random = 25, execfn = 31
    }

    let top: UInt64

    init(top: UInt64) { self.top = top }

    /// Writes the stack into guest memory; returns the initial stack pointer (16-byte aligned), or nil
    /// when it does not fit in the stack's first page range.
    func build(into guest: GuestMemory, arguments: [String], environment: [String],
               auxiliary: [(AuxiliaryKey, UInt64)], random: [UInt8], executableName: String) -> UInt64? {
        var cursor = top - 16  // a zero word at the very top, as Linux leaves
        // Strings and tables may fill half the stack, as Linux allows a quarter of the limit for strings.
        let floor = top - LinuxAddressSpace.stackSize / 2
        func push(_ bytes: [UInt8]) -> UInt64? {
            guard cursor >= floor + UInt64(bytes.count) + 16 else { return nil }
            cursor -= UInt64(bytes.count)
            return guest.write(bytes, at: cursor) ? cursor : nil
        }
        guard let execfn = push(Array(executableName.utf8) + [0]) else { return nil }
        var environmentPointers: [UInt64] = []
        for entry in environment.reversed() {
            guard let p = push(Array(entry.utf8) + [0]) else { return nil }
            environmentPointers.insert(p, at: 0)
        }
        var argumentPointers: [UInt64] = []
        for argument in arguments.reversed() {
            guard let p = push(Array(argument.utf8) + [0]) else { return nil }
            argumentPointers.insert(p, at: 0)
        }
        cursor &= ~15
        guard let randomBytes = push(random) else { return nil }
        cursor &= ~15

        var words: [UInt64] = [UInt64(arguments.count)] + argumentPointers + [0] + environmentPointers + [0]
        for (key, value) in auxiliary { words += [key.rawValue, value] }
        words += [AuxiliaryKey.random.rawValue, randomBytes, AuxiliaryKey.execfn.rawValue, execfn,
                  AuxiliaryKey.null.rawValue, 0]
        let size = UInt64(words.count * 8)
        guard cursor >= floor + size + 16 else { return nil }
        cursor = (cursor - size) & ~15
        var table = GuestStructure(size: words.count * 8)
        for (i, w) in words.enumerated() { table.put(w, at: i * 8) }
        return guest.write(table.bytes, at: cursor) ? cursor : nil
    }
}
