/// The extensions and privilege modes a hart implements, as chosen by `--isa=` and `--priv=`.
public struct ISAExtensions: OptionSet, Sendable, Hashable {
    public let rawValue: UInt32
    public init(rawValue: UInt32) { self.rawValue = rawValue }

    public static let i = ISAExtensions(rawValue: 1 << 0)
    public static let m = ISAExtensions(rawValue: 1 << 1)
    public static let a = ISAExtensions(rawValue: 1 << 2)
    public static let f = ISAExtensions(rawValue: 1 << 3)
    public static let d = ISAExtensions(rawValue: 1 << 4)
    public static let c = ISAExtensions(rawValue: 1 << 5)
    public static let supervisor = ISAExtensions(rawValue: 1 << 6)
    public static let user = ISAExtensions(rawValue: 1 << 7)
    public static let zicsr = ISAExtensions(rawValue: 1 << 8)
    public static let zifencei = ISAExtensions(rawValue: 1 << 9)
    public static let zicntr = ISAExtensions(rawValue: 1 << 10)
    public static let zihpm = ISAExtensions(rawValue: 1 << 11)
    public static let zfbfmin = ISAExtensions(rawValue: 1 << 12)
}
