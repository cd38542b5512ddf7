import RISCVCore
import Synchronization

/// Spike's boot ROM at 0x1000: five instructions that load the entry point stored after them and
/// jump there with a0 = mhartid and a1 = the device-tree address (0x1020; we provide no tree).
final class BootROM: MemoryMappedDevice {
    static let base: UInt64 = 0x1000
    static let size: UInt64 = 0x1000
    private var bytes: [UInt8]

    init(entry: UInt64) {
        let words: [UInt32] = [
            0x0000_0297,  // auipc t0, 0
            0x0202_8593,  // addi  a1, t0, 32
            0xf140_2573,  // csrr  a0, mhartid
            0x0182_b283,  // ld    t0, 24(t0)
            0x0002_8067,  // jr    t0
            0,
            UInt32(truncatingIfNeeded: entry),
            UInt32(truncatingIfNeeded: entry >> 32),
        ]
        bytes = [UInt8](repeating: 0, count: Int(Self.size))
        for (i, w) in words.enumerated() {
            for b in 0..<4 { bytes[i * 4 + b] = UInt8(truncatingIfNeeded: w >> (8 * UInt32(b))) }
        }
    }

    func load(offset: UInt64, size: Int) -> UInt64? {
        guard offset + UInt64(size) <= Self.size else { return nil }
        var v: UInt64 = 0
        for i in 0..<size { v |= UInt64(bytes[Int(offset) + i]) << (8 * UInt64(i)) }
        return v
    }

    func store(offset: UInt64, size: Int, value: UInt64) -> Bool { false }
}

/// The core-local interruptor at Spike's address: per-hart msip and mtimecmp, and mtime, which
/// advances only when the machine ticks it (Spike: one tick per 100 instructions, 50 per round).
final class CLINT: MemoryMappedDevice {
    static let base: UInt64 = 0x200_0000
    static let size: UInt64 = 0xc_0000
    private static let mtimecmpBase: UInt64 = 0x4000
    private static let mtimeBase: UInt64 = 0xbff8

    private let harts: [Hart]
    /// Harts on several host threads reach the registers concurrently.
    private let lock = Mutex(())
    private var mtimecmp: [UInt64]
    private var mtime: UInt64 = 0
    /// Instructions run by all harts, for `advance`.
    private var instructions: UInt64 = 0

    init(harts: [Hart]) {
        self.harts = harts
        mtimecmp = [UInt64](repeating: 0, count: harts.count)
        update()
    }

    /// Advances mtime by `ticks` and updates every hart's time CSR and MTIP.
    func tick(_ ticks: UInt64) {
        lock.withLock { _ in
            mtime &+= ticks
            update()
        }
    }

    /// Counts `count` more instructions run by some hart; mtime follows the total as in Spike's
    /// schedule (one tick per 100 instructions of each hart), for harts that run on their own threads.
    func advance(instructions count: UInt64) {
        lock.withLock { _ in
            instructions &+= count
            let time = instructions / (UInt64(Machine.instructionsPerTick) * UInt64(harts.count))
            if time > mtime { mtime = time; update() }
        }
    }

    private func update() {
        for (i, hart) in harts.enumerated() {
            hart.time = mtime
            hart.setInterruptPending(InterruptBit.machineTimer, mtime >= mtimecmp[i])
        }
    }

    func load(offset: UInt64, size: Int) -> UInt64? {
        lock.withLock { _ in registerLoad(offset: offset, size: size) }
    }

    func store(offset: UInt64, size: Int, value: UInt64) -> Bool {
        lock.withLock { _ in
            guard registerStore(offset: offset, size: size, value: value) else { return false }
            update()
            return true
        }
    }

    private func registerLoad(offset: UInt64, size: Int) -> UInt64? {
        if offset < Self.mtimecmpBase {
            if size == 8 { return (registerLoad(offset: offset, size: 4)! | registerLoad(offset: offset + 4, size: 4)! << 32) }
            let hart = Int(offset / 4)
            let msip: UInt64 = hart < harts.count && harts[hart].interruptPending(InterruptBit.machineSoftware) ? 1 : 0
            return Self.extract(msip, at: offset % 4, size: size)
        } else if offset < Self.mtimeBase {
            let hart = Int((offset - Self.mtimecmpBase) / 8)
            return Self.extract(hart < harts.count ? mtimecmp[hart] : 0, at: (offset - Self.mtimecmpBase) % 8, size: size)
        } else if offset < Self.mtimeBase + 8 {
            return Self.extract(mtime, at: offset - Self.mtimeBase, size: size)
        }
        return offset + UInt64(size) <= Self.size ? 0 : nil
    }

    private func registerStore(offset: UInt64, size: Int, value: UInt64) -> Bool {
        if offset < Self.mtimecmpBase {
            if size == 8 {
                return registerStore(offset: offset, size: 4, value: value & 0xffff_ffff)
                    && registerStore(offset: offset + 4, size: 4, value: value >> 32)
            }
            let hart = Int(offset / 4)
            if offset % 4 == 0 && hart < harts.count {
                harts[hart].setInterruptPending(InterruptBit.machineSoftware, value & 1 != 0)
            }
        } else if offset < Self.mtimeBase {
            let hart = Int((offset - Self.mtimecmpBase) / 8)
            if hart < harts.count {
                mtimecmp[hart] = Self.insert(value, into: mtimecmp[hart], at: (offset - Self.mtimecmpBase) % 8, size: size)
            }
        } else if offset < Self.mtimeBase + 8 {
            mtime = Self.insert(value, into: mtime, at: offset - Self.mtimeBase, size: size)
        } else if offset + UInt64(size) > Self.size {
            return false
        }
        return true
    }

    private static func extract(_ register: UInt64, at byte: UInt64, size: Int) -> UInt64 {
        let shifted = byte < 8 ? register >> (8 * byte) : 0
        return size == 8 ? shifted : shifted & ((1 << (8 * UInt64(size))) - 1)
    }

    private static func insert(_ value: UInt64, into register: UInt64, at byte: UInt64, size: Int) -> UInt64 {
        guard byte < 8 else { return register }
        let mask: UInt64 = (size == 8 ? .max : (1 << (8 * UInt64(size))) - 1) << (8 * byte)
        return (register & ~mask) | ((value << (8 * byte)) & mask)
    }
}
