import Foundation
import Testing

/// Linux-mode behaviour that has no QEMU counterpart to compare with: `--chroot`, fatal signals,
/// unknown system calls, and the choice between Linux and bare metal.
struct LinuxModeTests {
    static let build = LinuxDifferentialTests.root.appendingPathComponent("firmware/build/tests/linux-special")

    static func program(_ name: String) -> String { build.appendingPathComponent(name + ".elf").path }

    static func temporaryDirectory() throws -> URL {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("rvgem-linux-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        return url
    }

    @Test func chrootConfinesEveryPath() throws {
        let outside = try Self.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: outside) }
        let root = outside.appendingPathComponent("root")
        try FileManager.default.createDirectory(at: root.appendingPathComponent("sub"), withIntermediateDirectories: true)
        try "inside\n".write(to: root.appendingPathComponent("inside.txt"), atomically: true, encoding: .utf8)
        try "outside\n".write(to: outside.appendingPathComponent("outside.txt"), atomically: true, encoding: .utf8)
        // Symlinks that would leave the root: absolute, and relative through "..".
        try FileManager.default.createSymbolicLink(atPath: root.appendingPathComponent("absolute").path,
                                                   withDestinationPath: outside.appendingPathComponent("outside.txt").path)
        try FileManager.default.createSymbolicLink(atPath: root.appendingPathComponent("sub/relative").path,
                                                   withDestinationPath: "../../outside.txt")

        let result = try HostProcess.run(HostProcess.rvgem(), [
            "--chroot=\(root.path)", Self.program("cat_path"),
            "/inside.txt", "sub/../inside.txt", "../outside.txt", "/../../outside.txt", "absolute", "sub/relative",
            outside.appendingPathComponent("outside.txt").path,
        ])
        #expect(result.status == 0)
        #expect(result.standardOutput == """
            cwd: /
            /inside.txt: inside
            sub/../inside.txt: inside
            ../outside.txt: No such file or directory
            /../../outside.txt: No such file or directory
            absolute: No such file or directory
            sub/relative: No such file or directory
            \(outside.appendingPathComponent("outside.txt").path): No such file or directory

            """)
    }

    @Test func withoutChrootPathsAreTheHosts() throws {
        let directory = try Self.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        try "host\n".write(to: directory.appendingPathComponent("file.txt"), atomically: true, encoding: .utf8)
        let result = try HostProcess.run(HostProcess.rvgem(), [Self.program("cat_path"), directory.appendingPathComponent("file.txt").path])
        #expect(result.standardOutput.hasSuffix("file.txt: host\n"))
    }

    @Test func chrootToAMissingDirectoryIsOneLine() throws {
        let result = try HostProcess.run(HostProcess.rvgem(), ["--chroot=/nonexistent/root", Self.program("cat_path")])
        #expect(result.status == 1)
        #expect(result.standardError == "rvgem: --chroot=/nonexistent/root: No such file or directory\n")
    }

    @Test(arguments: [("null", SIGSEGV, "segmentation fault at pc"), ("abort", SIGABRT, "raised by the program"),
                      ("illegal", SIGILL, "illegal instruction at pc")])
    func faultEndsTheRunAsItsSignal(_ how: String, _ signal: Int32, _ reason: String) throws {
        let result = try HostProcess.run(HostProcess.rvgem(), [Self.program("fatal"), how])
        #expect(result.killedBySignal && result.status == signal)
        let lines = result.standardError.split(separator: "\n")
        #expect(lines.count == 1)
        #expect(lines.first?.hasPrefix("rvgem: guest killed by signal \(signal) (") == true)
        #expect(lines.first?.contains(reason) == true)
    }

    @Test func exitStatusIsTheProgramsOwn() throws {
        let result = try HostProcess.run(HostProcess.rvgem(), [Self.program("fatal"), "exit"])
        #expect(!result.killedBySignal && result.status == 7 && result.standardError == "")
    }

    @Test func unknownSystemCallWarnsOncePerNumber() throws {
        let result = try HostProcess.run(HostProcess.rvgem(), [Self.program("unknown_syscall")])
        #expect(result.status == 0)
        #expect(result.standardOutput == String(repeating: "syscall 1999: -1 (Function not implemented)\n", count: 2))
        #expect(result.standardError == "rvgem: warning: unsupported Linux system call 1999; returning -ENOSYS\n")
    }

    @Test func bareForcesHTIFAndLinuxForcesSystemCalls() throws {
        let bare = try HostProcess.run(HostProcess.rvgem(), ["--bare", Self.program("fatal")])
        // As a bare-metal program it would have to sit in RAM at 0x80000000.
        #expect(bare.status == 1 && bare.standardError.contains("outside guest memory"))
        let linux = try HostProcess.run(HostProcess.rvgem(), ["--linux", Self.program("fatal"), "exit"])
        #expect(linux.status == 7)
    }

    @Test func dynamicProgramsAreRefused() throws {
        let result = try HostProcess.run(HostProcess.rvgem(), [Self.program("cat_path_dynamic")])
        #expect(result.status == 1)
        #expect(result.standardError.contains("dynamically linked") && result.standardError.filter { $0 == "\n" }.count == 1)
    }

    @Test func tooLittleMemoryIsOneLine() throws {
        let result = try HostProcess.run(HostProcess.rvgem(), ["-m4", Self.program("fatal")])
        #expect(result.status == 1 && !result.killedBySignal)
        #expect(result.standardError.hasSuffix("does not fit in 4 MiB of guest memory with its stack and heap (raise -m)\n"))
        #expect(result.standardError.filter { $0 == "\n" }.count == 1)
    }

    @Test func oneHartOnly() throws {
        let result = try HostProcess.run(HostProcess.rvgem(), ["-p2", Self.program("fatal")])
        #expect(result.status == 1 && result.standardError.contains("one hart"))
    }
}
