import RISCVCore

/// A fatal problem with a run's set-up (bad program, bad option value): one line for the user.
public struct MachineError: Error, CustomStringConvertible, Sendable {
    public var description: String
    public init(_ description: String) { self.description = description }
}

/// The emulated SoC: harts, memory, devices, the host interface.
public final class Machine {
    public let configuration: MachineConfiguration

    public init(configuration: MachineConfiguration) throws(MachineError) {
        self.configuration = configuration
    }

    /// Runs the program to completion; returns the guest's exit status.
    public func run() throws(MachineError) -> Int32 {
        throw MachineError("the interpreter is not wired up yet")
    }
}
