import Foundation

/// The samples a run trains and tests on: raw pixels (0 ... the dataset's maximum), one byte each,
/// images one after another, and one label byte per image.
public struct DataSubset: Sendable, Equatable {
    public var pixelsPerImage: Int
    public var trainImages: [UInt8]
    public var trainLabels: [UInt8]
    public var testImages: [UInt8]
    public var testLabels: [UInt8]
}

/// Reads the first samples of a dataset's training and test sets, in file order.
///
/// Fashion-MNIST: the IDX files of Debian's dataset-fashion-mnist, decompressed by `gzip -dc` run
/// through Foundation's Process (read only as far as needed). Digits: scikit-learn's digits.csv.gz
/// (1,797 rows of 64 pixel values 0-16 and a label); it has no test file of its own, so its first
/// 1,297 rows stand for the training file and the last 500 for the test file.
public struct DatasetReader {
    public static let fashionMNISTDirectory = "/usr/share/datasets/fashion-mnist"
    public static let digitsDirectory = "/usr/lib/python3/dist-packages/sklearn/datasets/data"
    public static let digitsTrainingRows = 1297
    public static let digitsTestRows = 500

    public var dataset: Configuration.Dataset
    /// Where the dataset's files are; nil for the Debian package's location.
    public var directory: String?

    public init(dataset: Configuration.Dataset, directory: String? = nil) {
        self.dataset = dataset
        self.directory = directory
    }

    public func read(trainSamples: Int, testSamples: Int) throws(FPTTGenError) -> DataSubset {
        switch dataset {
        case .fashionMNIST: return try readFashionMNIST(trainSamples: trainSamples, testSamples: testSamples)
        case .digits: return try readDigits(trainSamples: trainSamples, testSamples: testSamples)
        }
    }

    // MARK: Fashion-MNIST

    private func readFashionMNIST(trainSamples: Int, testSamples: Int) throws(FPTTGenError) -> DataSubset {
        let base = directory ?? Self.fashionMNISTDirectory
        func file(_ name: String) throws(FPTTGenError) -> String {
            let path = base + "/" + name
            guard FileManager.default.isReadableFile(atPath: path) else {
                throw .init("missing data file \(path) (install the Debian package dataset-fashion-mnist)")
            }
            return path
        }
        let pixels = 28 * 28
        let trainImages = try Self.idx(try file("train-images-idx3-ubyte.gz"), magic: 0x803, count: trainSamples, itemSize: pixels)
        let trainLabels = try Self.idx(try file("train-labels-idx1-ubyte.gz"), magic: 0x801, count: trainSamples, itemSize: 1)
        let testImages = try Self.idx(try file("t10k-images-idx3-ubyte.gz"), magic: 0x803, count: testSamples, itemSize: pixels)
        let testLabels = try Self.idx(try file("t10k-labels-idx1-ubyte.gz"), magic: 0x801, count: testSamples, itemSize: 1)
        return DataSubset(pixelsPerImage: pixels, trainImages: trainImages, trainLabels: trainLabels,
                          testImages: testImages, testLabels: testLabels)
    }

    /// The first `count` items of a gzipped IDX file: a big-endian header (magic, then one 32-bit size per
    /// dimension), then the items.
    static func idx(_ path: String, magic: UInt32, count: Int, itemSize: Int) throws(FPTTGenError) -> [UInt8] {
        let dimensions = Int(magic & 0xff)
        let headerSize = 4 * (1 + dimensions)
        let bytes = try gunzip(path, prefix: headerSize + count * itemSize)
        func word(_ at: Int) -> UInt32 { bytes[at..<at + 4].reduce(0) { $0 << 8 | UInt32($1) } }
        guard bytes.count >= headerSize, word(0) == magic else { throw .init("\(path) is not an IDX file of this kind") }
        let available = Int(word(4))
        guard count <= available else { throw .init("\(path) has \(available) samples, \(count) asked for") }
        guard bytes.count >= headerSize + count * itemSize else { throw .init("\(path) is truncated") }
        return Array(bytes[headerSize..<headerSize + count * itemSize])
    }

    /// The first `prefix` bytes (or all, if fewer) of a gzip file, through `gzip -dc`.
    static func gunzip(_ path: String, prefix: Int) throws(FPTTGenError) -> [UInt8] {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/bin/gzip")
        process.arguments = ["-dc", path]
        let output = Pipe()
        process.standardOutput = output
        process.standardError = FileHandle.nullDevice
        do { try process.run() } catch { throw .init("cannot run gzip to read \(path): \(error.localizedDescription)") }
        var bytes: [UInt8] = []
        while bytes.count < prefix {
            let chunk = output.fileHandleForReading.availableData
            if chunk.isEmpty { break }
            bytes.append(contentsOf: chunk)
        }
        // Enough read: stop gzip rather than decompress the rest.
        if process.isRunning { process.terminate() }
        try? output.fileHandleForReading.close()
        process.waitUntilExit()
        if bytes.count < prefix && process.terminationReason == .exit && process.terminationStatus != 0 {
            throw .init("gzip could not decompress \(path)")
        }
        return Array(bytes.prefix(prefix))
    }

    // MARK: Digits

    private func readDigits(trainSamples: Int, testSamples: Int) throws(FPTTGenError) -> DataSubset {
        let path = (directory ?? Self.digitsDirectory) + "/digits.csv.gz"
        guard FileManager.default.isReadableFile(atPath: path) else {
            throw .init("missing data file \(path) (install the Debian package python3-sklearn)")
        }
        guard trainSamples <= Self.digitsTrainingRows else {
            throw .init("digits has \(Self.digitsTrainingRows) training samples, \(trainSamples) asked for")
        }
        guard testSamples <= Self.digitsTestRows else {
            throw .init("digits has \(Self.digitsTestRows) test samples, \(testSamples) asked for")
        }
        let rows = try Self.digitsRows(String(decoding: try Self.gunzip(path, prefix: Int.max), as: UTF8.self), path: path)
        guard rows.count == Self.digitsTrainingRows + Self.digitsTestRows else {
            throw .init("\(path) has \(rows.count) rows, expected \(Self.digitsTrainingRows + Self.digitsTestRows)")
        }
        let train = rows.prefix(trainSamples)
        let test = rows[Self.digitsTrainingRows...].prefix(testSamples)
        return DataSubset(pixelsPerImage: 64, trainImages: train.flatMap(\.pixels), trainLabels: train.map(\.label),
                          testImages: test.flatMap(\.pixels), testLabels: test.map(\.label))
    }

    /// Rows of 65 comma-separated numbers (written as floats): 64 pixels 0...16, then the label 0...9.
    static func digitsRows(_ text: String, path: String) throws(FPTTGenError) -> [(pixels: [UInt8], label: UInt8)] {
        var rows: [(pixels: [UInt8], label: UInt8)] = []
        for (number, line) in text.split(separator: "\n").enumerated() {
            let values = line.split(separator: ",").compactMap { Double($0.trimmingCharacters(in: .whitespaces)) }
            guard values.count == 65, values.dropLast().allSatisfy({ (0...16).contains($0) && $0.rounded() == $0 }),
                  let label = values.last, (0...9).contains(label) else {
                throw .init("\(path): line \(number + 1) is not 64 pixels 0-16 and a label 0-9")
            }
            rows.append((values.dropLast().map { UInt8($0) }, UInt8(label)))
        }
        return rows
    }
}
