// The two loops that hold nearly all the arithmetic. They use pointers and while loops because the
// tests run unoptimized builds, where array subscripts and range iteration are calls each.

/// The dot product of a[aStart..<aStart+count] and b[bStart..<bStart+count].
func dot(_ a: [Double], from aStart: Int, _ b: [Double], from bStart: Int, count: Int) -> Double {
    precondition(aStart >= 0 && aStart + count <= a.count && bStart >= 0 && bStart + count <= b.count)
    return a.withUnsafeBufferPointer { a in
        b.withUnsafeBufferPointer { b in
            let a = a.baseAddress! + aStart, b = b.baseAddress! + bStart
            var sum = 0.0, k = 0
            while k < count {
                sum += a[k] * b[k]
                k += 1
            }
            return sum
        }
    }
}

/// y[yStart..<yStart+count] += scale * x[xStart..<xStart+count].
func addScaled(_ scale: Double, _ x: [Double], from xStart: Int, to y: inout [Double], at yStart: Int, count: Int) {
    precondition(xStart >= 0 && xStart + count <= x.count && yStart >= 0 && yStart + count <= y.count)
    x.withUnsafeBufferPointer { x in
        y.withUnsafeMutableBufferPointer { y in
            let x = x.baseAddress! + xStart, y = y.baseAddress! + yStart
            var k = 0
            while k < count {
                y[k] += scale * x[k]
                k += 1
            }
        }
    }
}
