import Foundation
import RISCVCore
import RISCVMachine
import Testing

/// `Machine.statistics`: pages touched, instructions and Gemmini work, as `--stats=FILE` reports them.
/// The guest side is firmware/tests/c/touch_pages.c, which writes into exactly N pages nothing else
/// writes, by every kind of store, AMO, SC and an HTIF system call.
struct WrittenPageTests {
    static let program = FirmwareTests.buildDirectory.appendingPathComponent("c/touch_pages.elf").path

    /// Runs a bare-metal program with its output thrown away; returns its exit status and statistics.
    static func run(_ arguments: [String] = [], program path: String = program, harts: Int = 1, parallel: Bool = false,
                    gemmini: Bool = false, limit: UInt64 = 50_000_000) throws -> (status: Int32, statistics: RunStatistics) {
        let output = try FileHandle(forWritingTo: URL(fileURLWithPath: "/dev/null"))
        defer { try? output.close() }
        var configuration = MachineConfiguration(programPath: path)
        configuration.programArguments = arguments
        configuration.harts = harts
        configuration.parallel = parallel
        configuration.accelerators = gemmini ? ["gemmini"] : []
        configuration.hostOutput = output.fileDescriptor
        configuration.instructionLimit = limit
        let machine = try Machine(configuration: configuration)
        let status = try machine.run()
        return (status, machine.statistics)
    }

    struct Schedule: CustomTestStringConvertible, Sendable {
        var harts: Int
        var parallel: Bool
        var testDescription: String { "-p\(harts)" + (parallel ? " --parallel" : "") }
    }

    /// The runtime's own pages are the same whatever N is, so the difference is exactly the N pages.
    @Test(arguments: [Schedule(harts: 1, parallel: false), Schedule(harts: 2, parallel: false), Schedule(harts: 2, parallel: true)])
    func pagesTouchedCountsExactlyTheWrittenPages(_ schedule: Schedule) throws {
        let baseline = try Self.run(["0"], harts: schedule.harts, parallel: schedule.parallel)
        #expect(baseline.status == 0)
        #expect(baseline.statistics.pagesTouched > 0, "the runtime writes its stack and .bss")
        for pages in [1, 7, 8, 40, 256] {
            let run = try Self.run([String(pages)], harts: schedule.harts, parallel: schedule.parallel)
            #expect(run.status == 0, "touch_pages \(pages): exit status \(run.status)")
            #expect(run.statistics.pagesTouched - baseline.statistics.pagesTouched == pages, "touch_pages \(pages)")
            #expect(run.statistics.touchedBytes == run.statistics.pagesTouched * 4096)
        }
    }

    @Test func roundRobinStatisticsAreDeterministic() throws {
        var first = try Self.run(["40"], harts: 2).statistics
        var second = try Self.run(["40"], harts: 2).statistics
        first.wallSeconds = 0
        second.wallSeconds = 0
        #expect(first == second)
        #expect(first.harts.map(\.hartID) == [0, 1])
        #expect(first.harts.allSatisfy { $0.instructions > 0 })
    }

    /// On one hart without WFI, the instruction limit is exactly what retires.
    @Test func instructionsAreWhatRetired() throws {
        let run = try Self.run(["256"], limit: 100_000)
        #expect(run.statistics.harts.map(\.instructions) == [100_000])
        #expect(run.statistics.instructions == 100_000)
        #expect(run.statistics.gemmini.isEmpty && run.statistics.gemminiMACs == 0)
    }

    /// gemmini_int8 runs three 16x16x16 computes; mvout writes its results into guest memory.
    @Test func gemminiWorkIsCounted() throws {
        let program = FirmwareTests.buildDirectory.appendingPathComponent("c/gemmini_int8.elf").path
        let run = try Self.run(program: program, gemmini: true)
        #expect(run.status == 0)
        let work = try #require(run.statistics.gemmini.first)
        #expect(run.statistics.gemmini.count == 1)
        #expect([work.hartID, work.commands, work.rowsIn, work.rowsOut, work.computes, work.macs] == [0, 29, 64, 85, 3, 12288])
        #expect(run.statistics.gemminiMACs == 12288)
    }

    /// The counting rules below the machine: every writer's marks count once per page, an
    /// accelerator's writes count, handing pages back to zeroes does not, devices are no pages.
    @Test func writersAndRegions() throws {
        let memory = try PhysicalMemory(regions: [(0x8000_0000, 1 << 20), (0x1_0000_0000, 1 << 16)])
        let hart = Hart(hartID: 0, extensions: [.i, .m, .a], memory: memory)
        #expect(memory.writtenPageCount() == 0)

        let bytes = [UInt8](repeating: 0xa5, count: 3 * 4096)
        #expect(bytes.withUnsafeBytes { hart.writeVirtual(0x8000_0800, from: UnsafeRawBufferPointer(rebasing: $0[..<8192])) })
        #expect(memory.writtenPageCount() == 3, "an accelerator's 8 KiB from mid-page spans three pages")

        #expect(memory.store(0x8000_1000, size: 8, value: 1), "a page the hart already wrote")
        #expect(memory.store(0x1_0000_f000, size: 4, value: 1), "the last page of the second region")
        #expect(memory.writtenPageCount() == 4)

        bytes.withUnsafeBytes { memory.hostWrote(0x8000_8000, count: $0.count) }
        #expect(memory.writtenPageCount() == 7)
        memory.dropDecodedCode(0x8001_0000, count: 1 << 16)
        #expect(memory.writtenPageCount() == 7, "zeroed pages are not written ones")
        #expect(!memory.store(0x4000_0000, size: 8, value: 1), "no RAM there")
        #expect(memory.writtenPageCount() == 7)

        memory.clearWrittenPages()
        #expect(memory.writtenPageCount() == 0)
    }
}
