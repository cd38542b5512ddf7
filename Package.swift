// swift-tools-version:6.0
import PackageDescription

// Arrows point one way: front ends -> RISCVMachine -> RISCVCore -> RISCVISA / SoftFloat.
let package = Package(
    name: "RVGem",
    products: [
        .executable(name: "rvgem", targets: ["rvgem"]),
        .executable(name: "fptt-gen", targets: ["fptt-gen"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.5.0"),
    ],
    targets: [
        .systemLibrary(name: "CLibELF", pkgConfig: "libelf",
                       providers: [.apt(["libelf-dev"])]),
        .target(name: "ELFLoader", dependencies: ["CLibELF"]),
        // Host calls Swift cannot import (variadic ioctl/fcntl, openat2) for the Linux system-call layer.
        .target(name: "CLinuxHost"),
        .target(name: "RISCVISA"),
        .target(name: "SoftFloat"),
        .target(name: "Gemmini", dependencies: ["SoftFloat"]),
        // Host atomics on guest memory for harts on several threads (Swift has none on raw pointers).
        .target(name: "CGuestAtomics"),
        // The interpreter keeps hart state in a class; its accesses are confined to one thread, so the
        // dynamic exclusivity checks (a runtime call per property access) buy nothing there.
        .target(name: "RISCVCore", dependencies: ["RISCVISA", "SoftFloat", "CGuestAtomics"],
                swiftSettings: [.unsafeFlags(["-enforce-exclusivity=unchecked"])]),
        .target(name: "RISCVMachine", dependencies: ["RISCVCore", "ELFLoader", "Gemmini", "CLinuxHost", "CGuestAtomics"]),
        .executableTarget(name: "rvgem", dependencies: [
            "RISCVMachine", "Gemmini",
            .product(name: "ArgumentParser", package: "swift-argument-parser"),
        ]),
        // The guest workload: a generator of C firmware (knows nothing of the emulator) and a host
        // reference of the same training in Double, used by the tests to check the firmware.
        .target(name: "FPTTGen"),
        .target(name: "FPTTReference"),
        .executableTarget(name: "fptt-gen", dependencies: [
            "FPTTGen",
            .product(name: "ArgumentParser", package: "swift-argument-parser"),
        ]),
        .testTarget(name: "RISCVISATests", dependencies: ["RISCVISA"], exclude: ["Vectors"]),
        .testTarget(name: "ELFLoaderTests", dependencies: ["ELFLoader"]),
        .testTarget(name: "SoftFloatTests", dependencies: ["SoftFloat"],
                    resources: [.copy("Vectors")]),
        .testTarget(name: "GemminiTests", dependencies: ["Gemmini"]),
        .testTarget(name: "RISCVMachineTests", dependencies: ["RISCVMachine", "Gemmini", "SoftFloat"]),
        .testTarget(name: "rvgemTests", dependencies: ["rvgem"]),
        .testTarget(name: "FPTTReferenceTests", dependencies: ["FPTTReference"]),
        .testTarget(name: "FPTTGenTests", dependencies: ["FPTTGen", "FPTTReference", "fptt-gen", "rvgem"]),
    ]
)
