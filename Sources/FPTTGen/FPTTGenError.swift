/// A problem fptt-gen reports on one line: a configuration it refuses, data it cannot read, firmware
/// output that does not parse.
public struct FPTTGenError: Error, CustomStringConvertible, Equatable {
    public var description: String
    public init(_ description: String) { self.description = description }
}
