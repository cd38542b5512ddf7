import RISCVISA

/// Observes execution for Spike's logs. The interpreter is specialized per tracer type, so with
/// `NoTracer` every hook compiles away and the fast path pays nothing for logging.
public protocol ExecutionTracer {
    /// When false, no hook is called and blocks run without per-instruction bookkeeping.
    static var observesInstructions: Bool { get }
    /// Before an instruction executes (Spike's `-l`).
    mutating func willExecute(_ hart: Hart, pc: UInt64, instruction: DecodedInstruction)
    /// After an instruction retires, with `hart.commitLog` holding its effects (Spike's `--log-commits`).
    mutating func didRetire(_ hart: Hart, pc: UInt64, instruction: DecodedInstruction)
}

/// The tracer of normal runs: observes nothing.
public struct NoTracer: ExecutionTracer {
    public init() {}
    public static var observesInstructions: Bool { false }
    @inline(__always) public mutating func willExecute(_ hart: Hart, pc: UInt64, instruction: DecodedInstruction) {}
    @inline(__always) public mutating func didRetire(_ hart: Hart, pc: UInt64, instruction: DecodedInstruction) {}
}
