import ConvNumerics
import Testing

/// The matrix product on the multiply kernel agrees with the triple loop on random shapes
/// (edges of the kernel's panels and tiles included), every layout and both float types.
@Suite("the matrix product agrees with the naive reference")
struct MatrixProductTests {
    static let layouts: [(MatrixProduct.Layout, MatrixProduct.Layout)] = [(.asIs, .asIs), (.asIs, .transposed), (.transposed, .asIs),
                                                                        (.transposed, .transposed)]

    @Test(arguments: 0..<24)
    func randomShapesAgreeInFloat64(_ seed: Int) {
        var dice = Dice(seed: UInt64(seed))
        // Sizes around the kernel's 6-row blocks, its panel widths and the 512-column tile.
        let m = dice.pick([1, 2, 5, 6, 7, 13, 31]), k = dice.pick([1, 3, 8, 17, 64]), n = dice.pick([1, 4, 15, 33, 513, 700])
        let (aLayout, bLayout) = Self.layouts[seed % Self.layouts.count]
        let a = dice.values(m * k), b = dice.values(k * n)
        let fast = MatrixProduct.multiply(a, aLayout, b, bLayout, m: m, k: k, n: n)
        let slow = MatrixProduct.reference(a, aLayout, b, bLayout, m: m, k: k, n: n)
        #expect(fast.count == m * n)
        let worst = zip(fast, slow).map { abs($0 - $1) }.max() ?? 0
        #expect(worst <= 1e-12 * Double(k) * 4, "m=\(m) k=\(k) n=\(n) \(aLayout) \(bLayout): off by \(worst)")
    }

    @Test(arguments: 0..<12)
    func randomShapesAgreeInFloat32(_ seed: Int) {
        var dice = Dice(seed: UInt64(100 + seed))
        let m = dice.int(1...20), k = dice.int(1...70), n = dice.int(1...600)
        let (aLayout, bLayout) = Self.layouts[seed % Self.layouts.count]
        let a = dice.values(m * k).map(Float.init), b = dice.values(k * n).map(Float.init)
        let fast = MatrixProduct.multiply(a, aLayout, b, bLayout, m: m, k: k, n: n)
        let slow = MatrixProduct.reference(a.map(Double.init), aLayout, b.map(Double.init), bLayout, m: m, k: k, n: n)
        let worst = zip(fast, slow).map { abs(Double($0) - $1) }.max() ?? 0
        #expect(worst <= 1e-6 * Double(k) * 4, "m=\(m) k=\(k) n=\(n) \(aLayout) \(bLayout): off by \(worst)")
    }

    @Test func emptyInnerDimensionGivesZeros() {
        #expect(MatrixProduct.multiply([Double](), .asIs, [Double](), .asIs, m: 2, k: 0, n: 3) == [0, 0, 0, 0, 0, 0])
        #expect(MatrixProduct.multiply([Float](), .asIs, [Float](), .transposed, m: 0, k: 4, n: 3).isEmpty)
    }

    @Test func aSmallProductIsExact() {
        // [[1, 2], [3, 4]] · [[5, 6], [7, 8]] = [[19, 22], [43, 50]]
        #expect(MatrixProduct.multiply([1, 2, 3, 4] as [Double], .asIs, [5, 6, 7, 8], .asIs, m: 2, k: 2, n: 2) == [19, 22, 43, 50])
        // Aᵀ·Bᵀ with A = [[1, 3], [2, 4]] stored, B = [[5, 7], [6, 8]] stored: the same product.
        #expect(MatrixProduct.multiply([1, 3, 2, 4] as [Float], .transposed, [5, 7, 6, 8], .transposed, m: 2, k: 2, n: 2) == [19, 22, 43, 50])
    }
}
