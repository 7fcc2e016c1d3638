import Testing
import ConvNumerics
import ConvAutograd
import TestSupport

/// The operations behind nn.BatchNorm1d, nn.LayerNorm, the adaptive pools, max pooling with
/// indices and nn.MaxUnpool1d: every leaf's gradient (float64) against central differences of
/// `Σ out · weights` for fixed random weights.
@Suite("Layer gradients against central differences")
struct LayerGradientCheckTests {
    typealias Operation = ([Variable]) throws -> Variable

    @Test("batch norm in training (batch statistics) and in evaluation (running statistics), (N, C) and (N, C, L)")
    func batchNorm() throws {
        for shape in [[4, 3], [2, 3, 5], [3, 2, 1]] {
            let channels = shape[1]
            try check(leaves: [shape, [channels], [channels]]) { v in
                try Functional.batchNorm(v[0], weight: v[1], bias: v[2], running: nil, eps: 1e-5).output
            }
            let running = (mean: try tensor([channels], seed: 7), variance: try positive([channels]))
            try check(leaves: [shape, [channels], [channels]]) { v in
                try Functional.batchNorm(v[0], weight: v[1], bias: v[2], running: running, eps: 1e-3).output
            }
            try check(leaves: [shape]) { v in try Functional.batchNorm(v[0], weight: nil, bias: nil, running: nil, eps: 1e-5).output }
        }
    }

    @Test("layer norm over the last one or two dimensions, with and without the affine weights")
    func layerNorm() throws {
        try check(leaves: [[3, 5], [5], [5]]) { v in try Functional.layerNorm(v[0], normalizedShape: [5], weight: v[1], bias: v[2], eps: 1e-5) }
        try check(leaves: [[2, 3, 4], [3, 4], [3, 4]]) { v in
            try Functional.layerNorm(v[0], normalizedShape: [3, 4], weight: v[1], bias: v[2], eps: 1e-5)
        }
        try check(leaves: [[4, 6]]) { v in try Functional.layerNorm(v[0], normalizedShape: [6], weight: nil, bias: nil, eps: 1e-3) }
    }

    @Test("adaptive average and max pooling: sizes dividing the length, not dividing it, and larger than it")
    func adaptivePooling() throws {
        for (length, size) in [(8, 4), (10, 3), (7, 4), (3, 5), (9, 1)] {
            try check(leaves: [[2, 2, length]]) { v in try Functional.adaptiveAvgPool1d(v[0], outputSize: size) }
            try check(leaves: [[2, length]]) { v in try Functional.adaptiveMaxPool1d(v[0], outputSize: size).values }
        }
    }

    @Test("interpolation in every mode, lengthening and shortening, with and without aligned corners")
    func interpolation() throws {
        for (length, outLength) in [(4, 9), (5, 3), (6, 6), (3, 6), (7, 2)] {
            for mode in ResamplingMode.allCases {
                for align in mode == .linear ? [false, true] : [false] {
                    let taps = ResamplingTaps(inputLength: length, outputLength: outLength, mode: mode, alignCorners: align,
                                              scale: nil, dtype: .float64)
                    try check(leaves: [[2, 3, length]]) { v in try Functional.interpolate(v[0], taps: taps, mode: mode) }
                }
            }
        }
    }

    @Test("max pooling with indices, and unpooling the values back to their indices")
    func poolingWithIndicesAndUnpooling() throws {
        var parameters = PoolingParameters(kernelSize: 3, stride: 2, padding: 1)
        parameters.dilation = 1
        try check(leaves: [[2, 3, 9]]) { v in try Functional.maxPool1dWithIndices(v[0], parameters: parameters).values }
        // Windows that do not overlap give distinct indices; where two windows name one index
        // the unpooled value is written once, and the gradient (PyTorch's gather) is not the
        // derivative of that write.
        let disjoint = PoolingParameters(kernelSize: 2, stride: 2, padding: 0)
        let pooled = try Functional.maxPool1dWithIndices(Variable(try tensor([2, 3, 9], seed: 3)), parameters: disjoint)
        try check(leaves: [pooled.values.shape]) { v in try Functional.maxUnpool1d(v[0], indices: pooled.indices, outputLength: 9) }
    }

    @Test("linear over inputs of rank 1, 2 and 3, with and without bias")
    func linear() throws {
        for shape in [[4], [3, 4], [2, 3, 4]] {
            try check(leaves: [shape, [5, 4], [5]]) { v in try Functional.linear(v[0], v[1], v[2]) }
            try check(leaves: [shape, [5, 4]]) { v in try Functional.linear(v[0], v[1], nil) }
        }
    }

    @Test("embedding lookups with repeated indices, with and without a padding row, and its refusals")
    func embedding() throws {
        try check(leaves: [[5, 3]]) { v in
            try Functional.embedding(v[0], positions: [1, 4, 1, 0, 4, 4], indexShape: [2, 3], paddingIndex: nil)
        }
        // The padding row is read but gets exactly zero, whatever the gradient reaching it.
        let weight = try Variable(try tensor([4, 2], seed: 5), requiresGrad: true)
        let out = try Functional.embedding(weight, positions: [3, 3, 0], indexShape: [3], paddingIndex: 3)
        try out.backward(try #require(Tensor(shape: [3, 2], scalars: [1.0, 2, 3, 4, 5, 6])))
        #expect(weight.grad?.scalars == [5, 6, 0, 0, 0, 0, 0, 0])
        #expect(out.gradFn?.name == "EmbeddingBackward0")
        #expect(throws: AutogradError.self) { try Functional.embedding(weight, positions: [4], indexShape: [1], paddingIndex: nil) }
        #expect(throws: AutogradError.self) {
            try Functional.embedding(Variable(Tensor([1.0, 2])), positions: [0], indexShape: [1], paddingIndex: nil)
        }
    }

    @Test("vector norms of orders 2, 1, 3, 1.5, 0.5 and ±infinity, of everything and along dimensions")
    func vectorNorms() throws {
        for order in [2, 1, 3, 1.5, 0.5, .infinity, -.infinity] as [Double] {
            try check(leaves: [[3, 4]]) { v in try v[0].vectorNorm(order: order) }
            try check(leaves: [[3, 4]]) { v in try v[0].vectorNorm(order: order, dims: [1]) }
            try check(leaves: [[2, 3, 4]]) { v in try v[0].vectorNorm(order: order, dims: [0, 2], keepDimensions: true) }
        }
        // A zero norm has a zero gradient, not NaN; the 0-"norm" (a count) gives no gradient.
        let zeros = try Variable(try #require(Tensor(repeating: 0.0, shape: [2, 3])), requiresGrad: true)
        try zeros.vectorNorm(order: 2, dims: [1]).sum().backward()
        #expect(zeros.grad?.scalars == [0, 0, 0, 0, 0, 0])
        let counted = try Variable(try tensor([4], seed: 2), requiresGrad: true)
        let count = try counted.vectorNorm(order: 0)
        #expect(count.data.scalars == [4] && count.gradFn?.name == "LinalgVectorNormBackward0")
        try count.backward()
        #expect(counted.grad == nil)
    }

    // MARK: - The check

    private func check(leaves shapes: [[Int]], _ operation: Operation) throws {
        let leaves = try shapes.enumerated().map { index, shape in try Variable(try tensor(shape, seed: UInt64(index + 1)), requiresGrad: true) }
        let out = try operation(leaves)
        let weights = try tensor(out.shape, seed: 99)
        try out.mul(Variable(weights)).sum().backward()
        for (index, leaf) in leaves.enumerated() {
            let analytic = leaf.grad?.scalars ?? []
            let numeric = try numericGradient(operation, leaves, index, weights)
            #expect(analytic.count == numeric.count, "leaf \(index) of \(shapes)")
            let scale = Swift.max(numeric.map { Swift.abs($0) }.max() ?? 0, 1)
            for (a, n) in zip(analytic, numeric) where !(Swift.abs(a - n) <= 1e-6 * scale) {
                Issue.record("leaf \(index) of \(shapes): \(a) analytic, \(n) numeric")
                break
            }
        }
    }

    /// `∂/∂leaf[i] Σ out·weights` by central differences with step 1e-6.
    private func numericGradient(_ operation: Operation, _ leaves: [Variable], _ index: Int, _ weights: Tensor) throws -> [Double] {
        let base = leaves[index].data
        var values = base.scalars
        var result: [Double] = []
        let h = 1e-6
        for i in values.indices {
            let original = values[i]
            var sides: [Double] = []
            for delta in [h, -h] {
                values[i] = original + delta
                var moved = try leaves.map { try Variable($0.data) }
                moved[index] = try Variable(Tensor(shape: base.shape, scalars: values) ?? base)
                let out = try GradMode.withNoGrad { try operation(moved) }
                sides.append(zip(out.data.scalars, weights.scalars).reduce(0) { $0 + $1.0 * $1.1 })
            }
            values[i] = original
            result.append((sides[0] - sides[1]) / (2 * h))
        }
        return result
    }

    private func tensor(_ shape: [Int], seed: UInt64) throws -> Tensor {
        var random = SplitMix64(seed: seed &* 0x9E37_79B9)
        let count = shape.reduce(1, *)
        return try #require(Tensor(shape: shape, scalars: (0..<count).map { _ in Double.random(in: -2...2, using: &random) }))
    }

    private func positive(_ shape: [Int]) throws -> Tensor {
        try #require(Tensor(shape: shape, scalars: try tensor(shape, seed: 11).scalars.map { 0.5 + Swift.abs($0) }))
    }
}
