import Foundation
import Testing

/// Runs a host program to completion with its output captured (the rvgem binary, qemu-riscv64).
struct HostProcess {
    struct Result: Equatable {
        var status: Int32
        /// True when the process was killed by signal `status`.
        var killedBySignal: Bool
        var standardOutput: String
        var standardError: String
    }

    /// The rvgem binary SwiftPM builds next to the test bundle.
    static func rvgem() throws -> URL {
        let testBundle = try #require(Bundle.main.executableURL)
        let binary = testBundle.deletingLastPathComponent().appendingPathComponent("rvgem")
        try #require(FileManager.default.isExecutableFile(atPath: binary.path), "no rvgem binary at \(binary.path)")
        return binary
    }

    /// Looks `name` up on PATH.
    static func onPath(_ name: String) -> URL? {
        let path = ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin"
        return path.split(separator: ":").map { URL(fileURLWithPath: String($0)).appendingPathComponent(name) }
            .first { FileManager.default.isExecutableFile(atPath: $0.path) }
    }

    /// Runs `executable`; `environment` nil inherits ours, `input` nil reads /dev/null.
    static func run(_ executable: URL, _ arguments: [String], environment: [String: String]? = nil,
                    input: URL? = nil, directory: URL? = nil) throws -> Result {
        let process = Process()
        process.executableURL = executable
        process.arguments = arguments
        if let environment { process.environment = environment }
        if let directory { process.currentDirectoryURL = directory }
        process.standardInput = try FileHandle(forReadingFrom: input ?? URL(fileURLWithPath: "/dev/null"))
        let output = Pipe(), error = Pipe()
        process.standardOutput = output
        process.standardError = error
        try process.run()
        // Drain stderr on another thread so a chatty program cannot fill one pipe while we block on the other.
        nonisolated(unsafe) var errorData = Data()
        let drained = DispatchSemaphore(value: 0)
        DispatchQueue.global().async {
            errorData = error.fileHandleForReading.readDataToEndOfFile()
            drained.signal()
        }
        let outputData = output.fileHandleForReading.readDataToEndOfFile()
        drained.wait()
        process.waitUntilExit()
        return Result(status: process.terminationStatus, killedBySignal: process.terminationReason == .uncaughtSignal,
                      standardOutput: String(decoding: outputData, as: UTF8.self),
                      standardError: String(decoding: errorData, as: UTF8.self))
    }
}
