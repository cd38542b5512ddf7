import RISCVCore

/// Parses an `--isa=` string and a `--priv=` string the way Spike's `isa_parser_t` does, for the
/// extensions rvgem implements: `rv64` + `i` or `g` (= `imafd`), single letters in canonical order
/// (each may carry a version such as `2p1` and be followed by `_`), then `_`-separated multi-letter
/// extensions (the first `_` is optional). Case does not matter.
///
/// As in Spike, Zicsr and Zifencei are always present (Spike notes that `g` need not add them
/// because it includes them unconditionally), `d` brings `f`, and `zfbfmin` brings `f`; `g` does not
/// bring Zicntr, so `rv64gc` has no cycle/time/instret counters while the default
/// `rv64imafdc_zicntr_zihpm` does.
public func parseISAString(_ text: String, priv: String) throws(MachineError) -> ISAExtensions {
    func bad(_ reason: String) -> MachineError { MachineError("bad --isa option '\(text)': \(reason)") }

    let isa = Array(text.lowercased().utf8)
    let prefix = isa.prefix(4)
    guard prefix.elementsEqual("rv64".utf8) else {
        if prefix.elementsEqual("rv32".utf8) { throw bad("rvgem implements RV64 only") }
        throw bad("ISA strings must begin with RV64")
    }

    var extensions: ISAExtensions = [.zicsr, .zifencei]
    func add(_ name: String) throws(MachineError) {
        guard let implied = implementedExtensions[name] else {
            throw bad(name.isEmpty ? "empty extension name" : "unsupported extension '\(name)'")
        }
        extensions.formUnion(implied)
    }

    // Single-letter extensions follow in Spike's canonical order, so that "too late" is reported as Spike does.
    let canonicalOrder = Array("mafdqcbpvh".utf8)
    var orderPosition = 0
    switch isa.count > 4 ? isa[4] : 0 {
    case UInt8(ascii: "i"): try add("i")
    case UInt8(ascii: "g"):
        for letter in ["i", "m", "a", "f", "d"] { try add(letter) }
        orderPosition = canonicalOrder.firstIndex(of: UInt8(ascii: "d"))!  // Spike rewrites g as imafd
    case UInt8(ascii: "e"): throw bad("rvgem does not implement RV64E")
    default: throw bad("'rv64' must be followed by I or G")
    }

    var index = 5
    func isLowercaseLetter(_ byte: UInt8) -> Bool { (UInt8(ascii: "a")...UInt8(ascii: "z")).contains(byte) }
    func byte(at position: Int) -> UInt8? { position < isa.count ? isa[position] : nil }

    while let letter = byte(at: index), isLowercaseLetter(letter), !"zsx".utf8.contains(letter) {
        let name = String(UnicodeScalar(letter))
        guard let position = canonicalOrder[orderPosition...].firstIndex(of: letter) else {
            throw bad(canonicalOrder.contains(letter) ? "extension '\(name)' appears too late in ISA string"
                                                      : "unsupported extension '\(name)'")
        }
        orderPosition = position
        try add(name)
        // A version such as "2" or "2p1" may follow the letter; it is not checked.
        while let next = byte(at: index + 1), (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(next) {
            index += 1
            if byte(at: index + 1) == UInt8(ascii: "p") { index += 1 }
        }
        if byte(at: index + 1) == UInt8(ascii: "_") { index += 1 }
        index += 1
    }

    // Multi-letter extensions, each up to the next underscore.
    while let first = byte(at: index), isLowercaseLetter(first) || first == UInt8(ascii: "_") {
        if first == UInt8(ascii: "_") { index += 1 }
        let end = isa[min(index + 1, isa.count)...].firstIndex(of: UInt8(ascii: "_")) ?? isa.count
        try add(String(decoding: isa[min(index, end)..<end], as: UTF8.self))
        index = end
    }
    if index < isa.count {
        throw bad("can't parse: \(String(decoding: isa[index...], as: UTF8.self))")
    }

    switch priv.lowercased() {
    case "m": break
    case "mu": extensions.insert(.user)
    case "msu": extensions.formUnion([.user, .supervisor])
    default: throw MachineError("bad --priv option '\(priv)' (expected m, mu or msu)")
    }
    return extensions
}

/// The extension names rvgem implements and what each one turns on.
private let implementedExtensions: [String: ISAExtensions] = [
    "i": .i, "m": .m, "a": .a, "f": .f, "d": [.d, .f], "c": .c,
    "zicsr": .zicsr, "zifencei": .zifencei, "zicntr": .zicntr, "zihpm": .zihpm,
    "zfbfmin": [.zfbfmin, .f],
]
