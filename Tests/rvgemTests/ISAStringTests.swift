import RISCVCore
import RISCVMachine
import Testing

struct ISAStringTests {
    static let imafdc: ISAExtensions = [.i, .m, .a, .f, .d, .c, .zicsr, .zifencei]
    static let machineSupervisorUser: ISAExtensions = [.supervisor, .user]

    @Test func gIsIMAFDWithoutCounters() throws {
        #expect(try parseISAString("rv64gc", priv: "msu") == Self.imafdc.union(Self.machineSupervisorUser))
    }

    @Test func defaultStringAddsCounters() throws {
        let expected = Self.imafdc.union([.zicntr, .zihpm]).union(Self.machineSupervisorUser)
        #expect(try parseISAString("rv64imafdc_zicntr_zihpm", priv: "msu") == expected)
        // MachineConfiguration's default extensions are those of its default ISA string.
        let configuration = MachineConfiguration(programPath: "")
        #expect(try parseISAString(configuration.isaString, priv: "msu") == configuration.extensions)
    }

    @Test func withoutFloatingPoint() throws {
        // Spike implements Zicsr and Zifencei whatever the string says.
        #expect(try parseISAString("rv64imac", priv: "m") == [.i, .m, .a, .c, .zicsr, .zifencei])
    }

    @Test func caseDoesNotMatter() throws {
        #expect(try parseISAString("RV64GC_ZICNTR", priv: "MSU") == parseISAString("rv64gc_zicntr", priv: "msu"))
    }

    @Test func impliedExtensions() throws {
        #expect(try parseISAString("rv64id", priv: "m") == [.i, .f, .d, .zicsr, .zifencei])
        #expect(try parseISAString("rv64i_zfbfmin", priv: "m") == [.i, .f, .zfbfmin, .zicsr, .zifencei])
    }

    @Test func spellingsSpikeAccepts() throws {
        let imac: ISAExtensions = [.i, .m, .a, .c, .zicsr, .zifencei]
        #expect(try parseISAString("rv64im2p0a_c", priv: "m") == imac)      // versions and underscores between letters
        #expect(try parseISAString("rv64imaczicntr", priv: "m") == imac.union(.zicntr))  // the first underscore is optional
        #expect(try parseISAString("rv64gc_", priv: "m") == ISAStringTests.imafdc)      // a trailing underscore after letters
    }

    @Test func privilegeModes() throws {
        #expect(try parseISAString("rv64i", priv: "m") == [.i, .zicsr, .zifencei])
        #expect(try parseISAString("rv64i", priv: "mu") == [.i, .zicsr, .zifencei, .user])
        #expect(try parseISAString("rv64i", priv: "msu") == [.i, .zicsr, .zifencei, .user, .supervisor])
    }

    @Test(arguments: [
        ("rv32gc", "msu", "bad --isa option 'rv32gc': rvgem implements RV64 only"),
        ("rv64gcv", "msu", "bad --isa option 'rv64gcv': unsupported extension 'v'"),
        ("rv64gc_zba", "msu", "bad --isa option 'rv64gc_zba': unsupported extension 'zba'"),
        ("rv64gc_zicntrzihpm", "msu", "bad --isa option 'rv64gc_zicntrzihpm': unsupported extension 'zicntrzihpm'"),
        ("rv64ic_zicntr_", "msu", "bad --isa option 'rv64ic_zicntr_': empty extension name"),
        ("rv64ima2.0", "msu", "bad --isa option 'rv64ima2.0': can't parse: .0"),
        ("rv64icm", "msu", "bad --isa option 'rv64icm': extension 'm' appears too late in ISA string"),
        ("rv64gm", "msu", "bad --isa option 'rv64gm': extension 'm' appears too late in ISA string"),
        ("rv64mac", "msu", "bad --isa option 'rv64mac': 'rv64' must be followed by I or G"),
        ("rv64e", "msu", "bad --isa option 'rv64e': rvgem does not implement RV64E"),
        ("x86_64", "msu", "bad --isa option 'x86_64': ISA strings must begin with RV64"),
        ("rv64gc", "su", "bad --priv option 'su' (expected m, mu or msu)"),
    ])
    func rejected(isa: String, priv: String, message: String) {
        let error = #expect(throws: MachineError.self) { try parseISAString(isa, priv: priv) }
        #expect(error?.description == message)
    }
}
