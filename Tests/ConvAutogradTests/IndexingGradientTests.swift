import Testing
import ConvNumerics
import ConvAutograd

/// The gradients of the placing, scattering and running operations against central
/// differences of `Σ out · weights`, in float64, zeros in a running product included.
@Suite("Indexing and running gradients against central differences")
struct IndexingGradientTests {
    private let shape = [3, 4]
    private let input: [Double] = [0.5, -1.5, 2.0, 0.75, 1.25, 0.0, -0.5, 3.0, -2.0, 1.5, 0.0, 0.0]

    /// The analytic and numeric gradients of `Σ operation(x) · weights` with respect to `x`.
    private func check(_ name: String, _ values: [Double]? = nil, _ operation: (Variable) throws -> Variable) throws {
        let leaf = try Variable(Tensor(shape: shape, scalars: values ?? input) ?? Tensor([0.0]), requiresGrad: true)
        let out = try operation(leaf)
        let weights = Tensor(shape: out.shape, scalars: (0..<out.data.count).map { Double($0 % 5) - 1.5 }) ?? Tensor([0.0])
        try out.mul(Variable(weights)).sum().backward()
        let analytic = leaf.grad?.scalars ?? []
        var numeric: [Double] = []
        let h = 1e-6
        for i in (values ?? input).indices {
            func value(_ shift: Double) throws -> Double {
                var shifted = values ?? input
                shifted[i] += shift
                let x = try Variable(Tensor(shape: shape, scalars: shifted) ?? Tensor([0.0]))
                return try operation(x).mul(Variable(weights)).sum().data.scalars[0]
            }
            numeric.append((try value(h) - (try value(-h))) / (2 * h))
        }
        #expect(analytic.count == numeric.count, "\(name)")
        for (index, (a, n)) in zip(analytic, numeric).enumerated() {
            #expect(Swift.abs(a - n) <= 1e-6 * Swift.max(1, Swift.abs(n)), "\(name) element \(index): \(a) vs \(n)")
        }
    }

    @Test("cumsum along each dimension")
    func cumsum() throws {
        try check("cumsum 0") { try $0.cumsum(dim: 0) }
        try check("cumsum -1") { try $0.cumsum(dim: -1) }
    }

    @Test("cumprod with no zero, one zero and several zeros in a line")
    func cumprod() throws {
        try check("cumprod no zero", input.map { $0 == 0 ? 0.25 : $0 }) { try $0.cumprod(dim: 1) }
        try check("cumprod zeros") { try $0.cumprod(dim: 1) }
        try check("cumprod zeros along 0") { try $0.cumprod(dim: 0) }
    }

    @Test("placed elements, repeated, dropped and zero")
    func placed() throws {
        try check("placed") { try $0.placed([0, 0, 5, -1, 11, 3], shape: [2, 3], name: "GatherBackward0") }
        let node = try Variable(Tensor([1.0, 2.0]), requiresGrad: true).placed([1, -1], shape: [2], name: "TrilBackward0")
        #expect(node.gradFn?.name == "TrilBackward0")
        #expect(node.data.scalars == [2, 0])
    }

    @Test("scatter and scatter_add into the input and from the source")
    func scattered() throws {
        let src = try Variable(Tensor(shape: [2, 2], scalars: [1.0, 2.0, 3.0, 4.0]) ?? Tensor([0.0]), requiresGrad: true)
        for add in [false, true] {
            try check("scatter add=\(add)") { x in
                try x.scattered(src, value: 0, targets: [1, 1, 4, 7], sources: [0, 1, 2, 3], add: add)
            }
        }
        try check("scatter value") { x in try x.scattered(nil, value: 5, targets: [0, 11], sources: [0, 0], add: false) }
        // The source's gradient is the upstream gradient at each target, duplicates included.
        let source = try Variable(Tensor(shape: [2, 2], scalars: [1.0, 2.0, 3.0, 4.0]) ?? Tensor([0.0]), requiresGrad: true)
        let x = try Variable(Tensor(shape: [2, 4], scalars: [Double](repeating: 0, count: 8)) ?? Tensor([0.0]), requiresGrad: true)
        let out = try x.scattered(source, value: 0, targets: [1, 1, 4, 7], sources: [0, 1, 2, 3], add: false)
        #expect(out.data.scalars == [0, 2, 0, 0, 3, 0, 0, 4])
        try out.mul(Variable(Tensor(shape: [2, 4], scalars: (0..<8).map(Double.init)) ?? Tensor([0.0]))).sum().backward()
        #expect(source.grad?.scalars == [1, 1, 4, 7])
        #expect(x.grad?.scalars == [0, 0, 2, 3, 0, 5, 6, 0])
    }
}
