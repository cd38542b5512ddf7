import ELFLoader
import Foundation
import Testing

/// Checks the loader against what the RISC-V binutils report for a program their linker made, so the hand-built
/// test files are not the only evidence. Needs gcc-riscv64-unknown-elf (firmware/ needs it too).
struct CrossCompilerTests {
    static let source = """
        .section .text.init, "ax"
        .globl _start
        _start:
            la t0, counter
            sd zero, 0(t0)
        spin:
            j spin

        .section .tohost, "aw", @progbits
        .align 6
        .globl tohost
        tohost: .dword 0
        .align 6
        .globl fromhost
        fromhost: .dword 0

        .bss
        counter: .zero 4096
        """

    /// riscv-tests' env/p/link.ld: code at the start of Spike's memory, then tohost, data and .bss.
    static let linkerScript = """
        OUTPUT_ARCH("riscv")
        ENTRY(_start)
        SECTIONS
        {
          . = 0x80000000;
          .text.init : { *(.text.init) }
          . = ALIGN(0x1000);
          .tohost : { *(.tohost) }
          . = ALIGN(0x1000);
          .text : { *(.text) }
          . = ALIGN(0x1000);
          .data : { *(.data) }
          .bss : { *(.bss) }
          _end = .;
        }
        """

    @Test func matchesReadelfAndNm() throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("elfloader-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let sourcePath = directory.appendingPathComponent("prog.S").path
        let programPath = directory.appendingPathComponent("prog.elf").path
        let scriptPath = directory.appendingPathComponent("link.ld").path
        try Self.source.write(toFile: sourcePath, atomically: true, encoding: .utf8)
        try Self.linkerScript.write(toFile: scriptPath, atomically: true, encoding: .utf8)
        _ = try Self.run("riscv64-unknown-elf-gcc", ["-march=rv64gc", "-mabi=lp64d", "-nostdlib", "-nostartfiles", "-static",
                                                     "-T", scriptPath, "-o", programPath, sourcePath])

        let image = try ELFLoader.load(path: programPath)
        #expect(image.entry == 0x8000_0000)
        #expect(image.address(of: "_start") == image.entry)
        #expect(image.address(of: "tohost") != nil && image.address(of: "fromhost") != nil)
        #expect(image.segments.contains { $0.isWritable && $0.memorySize >= UInt64($0.fileBytes.count) + 4096 }, ".bss")
        try image.checkPlacement(in: [0x8000_0000..<0x9000_0000], usePhysical: true)

        // LOAD  0xOFFSET 0xVADDR 0xPADDR 0xFILESZ 0xMEMSZ FLAGS 0xALIGN, with FLAGS spelled like "R E" or "RW".
        let loads = try Self.run("riscv64-unknown-elf-readelf", ["-lW", programPath])
            .split(separator: "\n").map { $0.split(separator: " ") }.filter { $0.first == "LOAD" }
        #expect(!loads.isEmpty)
        #expect(image.segments.count == loads.count)
        for (segment, fields) in zip(image.segments, loads) {
            let numbers = fields[1...5].map { UInt64($0.dropFirst(2), radix: 16) }
            let flags = fields[6..<(fields.count - 1)].joined()
            #expect(numbers[1] == segment.virtualAddress && numbers[2] == segment.physicalAddress)
            #expect(numbers[3] == UInt64(segment.fileBytes.count) && numbers[4] == segment.memorySize)
            #expect(flags == (segment.isReadable ? "R" : "") + (segment.isWritable ? "W" : "") + (segment.isExecutable ? "E" : ""))
        }

        // nm lists defined symbols as "ADDRESS TYPE NAME", without section and file symbols, like the loader;
        // --special-syms adds the mapping symbols ($x, $xrv64i2p1_...), which the loader keeps because Spike does.
        let listed = try Self.run("riscv64-unknown-elf-nm", ["--defined-only", "--special-syms", programPath])
            .split(separator: "\n").map { $0.split(separator: " ") }
            .map { "\($0[2])=\(UInt64($0[0], radix: 16)!)" }.sorted()
        #expect(listed.contains { $0.hasPrefix("spin=") }, "local labels are symbols too")
        #expect(image.symbols.map { "\($0.name)=\($0.address)" }.sorted() == listed)
    }

    /// Runs a tool found on PATH and returns its standard output; throws with its output when it fails.
    static func run(_ tool: String, _ arguments: [String]) throws -> String {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = [tool] + arguments
        let output = Pipe()
        process.standardOutput = output
        process.standardError = output
        try process.run()
        let text = String(decoding: output.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        guard process.terminationStatus == 0 else {
            throw ToolFailure(description: "\(tool) failed (status \(process.terminationStatus); install gcc-riscv64-unknown-elf if it is missing): \(text)")
        }
        return text
    }

    struct ToolFailure: Error, CustomStringConvertible { let description: String }
}
