@testable import FPTTReference

/// `count` sequences of `steps` steps of `inputs` values uniform in [-1, 1), reproducible from `seed`.
func randomSequences(count: Int, steps: Int, inputs: Int, seed: UInt64) -> [[[Double]]] {
    var random = SplitMix64(seed: seed)
    return (0..<count).map { _ in
        (0..<steps).map { _ in (0..<inputs).map { _ in 2 * random.nextUnit() - 1 } }
    }
}

/// The largest absolute difference between two equally long arrays.
func largestDifference(_ a: [Double], _ b: [Double]) -> Double {
    precondition(a.count == b.count)
    return zip(a, b).map { abs($0 - $1) }.max() ?? 0
}

extension FPTTParameters {
    /// Every tensor with its name, for messages.
    var namedTensors: [(name: String, path: WritableKeyPath<FPTTParameters, [Double]>)] {
        [("Wg", \.wg), ("bg", \.bg), ("Wo", \.wo), ("bo", \.bo)]
    }
}
