import Foundation

/// Writes the firmware for one configuration: fptt.c, model.h, data.S, the data files and a Makefile.
/// Knows nothing of the emulator beyond the runtime and headers the firmware compiles against.
public struct Generator {
    public let configuration: Configuration
    public let data: DataSubset
    public let firmwareDirectory: String

    /// `configuration` is validated here; `data` must hold its samples (`DatasetReader`).
    public init(configuration: Configuration, data: DataSubset, firmwareDirectory: String) throws(FPTTGenError) {
        self.configuration = try configuration.validated()
        let pixels = self.configuration.stepCount * self.configuration.inputSize
        guard data.pixelsPerImage == pixels, data.trainLabels.count == self.configuration.trainSamples,
              data.testLabels.count == self.configuration.testSamples,
              data.trainImages.count == pixels * data.trainLabels.count,
              data.testImages.count == pixels * data.testLabels.count else {
            throw .init("the data subset does not match the configuration's samples")
        }
        self.data = data
        self.firmwareDirectory = firmwareDirectory
    }

    /// The checkout's firmware/ directory, as seen from this source file (fptt-gen runs from a build
    /// of the checkout).
    public static let defaultFirmwareDirectory = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("firmware").path

    /// Every file, by name, in a fixed order.
    public var files: [(name: String, contents: [UInt8])] {
        let build = BuildFiles(configuration: configuration, firmwareDirectory: firmwareDirectory)
        let parameters = configuration.initialParameters().flatMap { value in
            withUnsafeBytes(of: value.bitPattern.littleEndian, Array.init)
        }
        let dataContents = [parameters, data.trainImages, data.trainLabels, data.testImages, data.testLabels]
        return [
            ("fptt.c", Array(FirmwareSource(configuration: configuration).text.utf8)),
            ("model.h", Array(ModelHeader(configuration: configuration).text.utf8)),
            ("data.S", Array(build.assembly.utf8)),
            ("Makefile", Array(build.makefile.utf8)),
        ] + zip(BuildFiles.dataFiles, dataContents).map { ($0.file, $1) }
    }

    /// Writes every file into `directory`, creating it if needed.
    public func write(to directory: URL) throws(FPTTGenError) {
        do {
            try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
            for (name, contents) in files {
                try Data(contents).write(to: directory.appendingPathComponent(name))
            }
        } catch {
            throw .init("cannot write into \(directory.path): \(error.localizedDescription)")
        }
    }
}
