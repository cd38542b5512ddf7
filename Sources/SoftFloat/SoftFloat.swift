/// # SoftFloat
///
/// IEEE 754 binary32 (`F32`), binary64 (`F64`) and bfloat16 (`BF16`)
/// arithmetic on raw bit patterns, bit-exact to Berkeley SoftFloat 3 as
/// specialized for RISC-V and used by Spike. The host FPU's rounding mode and
/// flags are never read or written: every operation takes its `RoundingMode`
/// explicitly and ORs the exceptions it raises into an `ExceptionFlags`.
///
/// Semantics (the RISC-V choices where IEEE 754 leaves room):
/// - Every NaN result is the canonical NaN (`0x7fc00000`,
///   `0x7ff8000000000000`, bf16 `0x7fc0`); NaN payloads never propagate.
///   A signalling NaN operand raises invalid (NV).
/// - Tininess is detected after rounding; underflow (UF) is raised only when
///   the result is both tiny and inexact.
/// - `mulAdd` raises NV for ∞ × 0 even when the addend is a quiet NaN.
/// - `eq` is quiet (NV only for signalling NaNs); `lt` and `le` signal on
///   any NaN.
/// - `min`/`max` are IEEE 754-2019 minimumNumber/maximumNumber (RISC-V F
///   since 2.2): -0 < +0, a NaN operand yields the other operand, two NaNs
///   yield the canonical NaN, and a signalling NaN raises NV.
/// - Float-to-integer conversion rounds in the given mode, raises NX when
///   inexact, and on NaN or out-of-range raises only NV and saturates: NaN and
///   positive overflow give the type's maximum, negative overflow its minimum.
/// - bfloat16 arithmetic is the exact result rounded once to bfloat16 (the
///   same results as Spike's `bf16_*`, which round through binary32 or
///   round-to-odd binary64 where that double rounding is innocuous);
///   comparisons and min/max behave as on the value widened to binary32.
///
/// Fast paths use the host's binary32/binary64 arithmetic only where the
/// result is provably the correctly rounded one and the flags are derived
/// exactly (exact products, TwoSum, round-to-odd; see HostFastPaths.swift):
/// binary32 add/sub/div/sqrt in RNE, binary32 mul/mulAdd and bfloat16
/// add/sub/mul/mulAdd in every mode, binary64 add/sub in RNE. Everything else
/// goes through the integer implementation. The fast paths assume the host's
/// default floating-point environment (round to nearest, no flush-to-zero),
/// which Swift never changes.
///
/// The integer algorithms follow the structure of Berkeley SoftFloat 3
/// (John R. Hauser, BSD-3-Clause): significands normalized with the leading
/// bit at bit 62, sticky bits jammed into bit 0, one shared round-and-pack.

/// Rounding mode; raw values are the RISC-V `frm`/`rm` encodings.
public enum RoundingMode: UInt8, Sendable, CaseIterable {
    /// RNE: to nearest, ties to even.
    case nearestEven = 0
    /// RTZ: toward zero.
    case towardZero = 1
    /// RDN: toward negative infinity.
    case down = 2
    /// RUP: toward positive infinity.
    case up = 3
    /// RMM: to nearest, ties away from zero.
    case nearestMaxMagnitude = 4

    /// Compares raw values, so hot paths never reach a generic `Equatable` witness.
    @inlinable public static func == (a: RoundingMode, b: RoundingMode) -> Bool { a.rawValue == b.rawValue }
}

/// Accrued IEEE exceptions; raw bits are the RISC-V `fflags` layout.
public struct ExceptionFlags: OptionSet, Hashable, Sendable {
    public var rawValue: UInt8
    @inlinable public init(rawValue: UInt8) { self.rawValue = rawValue }

    /// NX
    @inlinable public static var inexact: ExceptionFlags { ExceptionFlags(rawValue: 1) }
    /// UF
    @inlinable public static var underflow: ExceptionFlags { ExceptionFlags(rawValue: 2) }
    /// OF
    @inlinable public static var overflow: ExceptionFlags { ExceptionFlags(rawValue: 4) }
    /// DZ
    @inlinable public static var divideByZero: ExceptionFlags { ExceptionFlags(rawValue: 8) }
    /// NV
    @inlinable public static var invalid: ExceptionFlags { ExceptionFlags(rawValue: 16) }
}
