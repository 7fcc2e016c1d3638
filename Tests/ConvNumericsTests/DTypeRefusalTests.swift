import Testing
import ConvNumerics

/// Operands of different dtypes, and int64 or bool operands of arithmetic, are refused with
/// typed errors; nothing is converted behind the caller's back.
@Suite("Mixed and unsupported dtypes are refused")
struct DTypeRefusalTests {
    let x64 = Tensor([2.0, 3, 4])
    let w64 = Tensor([0.5, -1.0])
    var x32: Tensor { x64.converted(to: .float32) }
    var w32: Tensor { w64.converted(to: .float32) }

    @Test("conv1d: input, weight and bias must share a float dtype, checked after the shapes")
    func convolution() {
        let parameters = ConvolutionParameters()
        #expect(throws: ConvolutionError.dtypeMismatch(input: .float32, weight: .float64, bias: nil)) {
            try Convolution.conv1d(x32, weight: w64, bias: nil, parameters: parameters)
        }
        #expect(throws: ConvolutionError.dtypeMismatch(input: .float32, weight: .float32, bias: .float64)) {
            try Convolution.conv1d(x32, weight: w32, bias: Tensor([0.1]), parameters: parameters)
        }
        #expect(throws: ConvolutionError.dtypeMismatch(input: .float64, weight: .float32, bias: nil)) {
            try Convolution.referenceConv1d(x64, weight: w32, bias: nil, parameters: parameters)
        }
        let ints = Tensor([Int64(2), 3, 4])
        #expect(throws: ConvolutionError.unsupportedDType(.int64)) {
            try Convolution.conv1d(ints, weight: Tensor([Int64(1)]), bias: nil, parameters: parameters)
        }
        #expect(throws: ConvolutionError.unsupportedDType(.bool)) {
            try Convolution.conv1d(Tensor([true]), weight: Tensor([true]), bias: nil, parameters: parameters)
        }
        // A shape refusal comes first, as in PyTorch.
        #expect(throws: ConvolutionError.weightRank(shape: [1, 2])) {
            try Convolution.conv1d(x32, weight: Tensor(shape: [1, 2], scalars: [1.0, 2]) ?? w64, bias: nil, parameters: parameters)
        }
    }

    @Test("transposed convolution and pooling refuse the same way")
    func transposeAndPooling() {
        let parameters = ConvolutionTransposeParameters()
        #expect(throws: ConvolutionTransposeError.dtypeMismatch(input: .float64, weight: .float32, bias: nil)) {
            try ConvolutionTranspose.convTranspose1d(x64, weight: w32, bias: nil, parameters: parameters)
        }
        #expect(throws: ConvolutionTransposeError.dtypeMismatch(input: .float32, weight: .float32, bias: .float64)) {
            try ConvolutionTranspose.convTranspose1d(x32, weight: w32, bias: Tensor([1.0]), parameters: parameters)
        }
        #expect(throws: ConvolutionTransposeError.unsupportedDType(.int64)) {
            try ConvolutionTranspose.convTranspose1d(Tensor([Int64(1)]), weight: Tensor([Int64(1)]), bias: nil, parameters: parameters)
        }
        let pooling = PoolingParameters(kernelSize: 2)
        #expect(throws: PoolingError.unsupportedDType(.int64)) {
            try Pooling.maxPool1d(Tensor([Int64(1), 2]), parameters: pooling)
        }
        #expect(throws: PoolingError.unsupportedDType(.bool)) {
            try Pooling.avgPool1d(Tensor([true, false]), parameters: pooling)
        }
        #expect(throws: PoolingError.nonPositiveKernelSize(kernelSize: 0)) {
            try Pooling.maxPool1d(Tensor([Int64(1), 2]), parameters: PoolingParameters(kernelSize: 0))
        }
    }

    @Test("elementwise arithmetic, comparisons, reductions and activations")
    func elementwise() throws {
        #expect(throws: TensorError.dtypeMismatch(left: .float32, right: .float64)) {
            try Broadcasting.combine(x32, x64, .add)
        }
        #expect(throws: TensorError.dtypeMismatch(left: .float64, right: .float32)) {
            try Broadcasting.compare(x64, x32, .less)
        }
        #expect(throws: TensorError.shapeMismatch(left: [3], right: [2])) {
            try Broadcasting.combine(x32, w32, .multiply)
        }
        let ints = Tensor([Int64(1), 5])
        #expect(throws: TensorError.unsupportedDType(.int64, operation: "add")) {
            try Broadcasting.combine(ints, ints, .add)
        }
        #expect(throws: TensorError.unsupportedDType(.int64, operation: "multiply")) {
            try Broadcasting.combine(ints, 2, .multiply)
        }
        #expect(try Broadcasting.compare(ints, Tensor([Int64(3)]), .less) == Tensor([true, false]))
        #expect(throws: TensorError.unsupportedDType(.bool, operation: "equal")) {
            try Broadcasting.compare(Tensor([true]), Tensor([true]), .equal)
        }
        #expect(throws: TensorError.unsupportedDType(.int64, operation: "sum")) {
            try Reduction.sum.reduce(ints, dim: nil)
        }
        #expect(Reduction.sum.reduce(ints, axis: 0) == nil)
        #expect(throws: TensorError.axisOutOfRange(axis: 1, rank: 1)) {
            try Reduction.sum.reduce(x32, dim: 1)
        }
        #expect(throws: TensorError.emptyReduction(operation: "max")) {
            try Reduction.max.reduce(Tensor([Float]()), dim: nil)
        }
        #expect(throws: TensorError.unsupportedDType(.bool, operation: "sigmoid")) {
            try Activation.sigmoid.apply(Tensor([true]))
        }
    }

    @Test("the Double closures read every dtype as Doubles and make float64, as the language expects")
    func languageClosures() {
        #expect(Broadcasting.combine(x32, x64, +) == Tensor([4.0, 6, 8]))
        #expect(Broadcasting.combine(Tensor([Int64(1)]), 0.5, +) == Tensor([1.5]))
        #expect(Tensor([true, false]).map { $0 * 2 } == Tensor([2.0, 0]))
    }

    @Test("the messages name both dtypes and the fix")
    func descriptions() {
        let examples: [(String, [String])] = [
            (ConvolutionError.dtypeMismatch(input: .float32, weight: .float64, bias: nil).description,
             ["the input is float32 but the weight is float64", ".to(torch.float32)"]),
            (ConvolutionError.dtypeMismatch(input: .float64, weight: .float64, bias: .float32).description,
             ["the input is float64 but the bias is float32"]),
            (ConvolutionError.unsupportedDType(.int64).description, ["convolution needs float32 or float64", "int64"]),
            (ConvolutionTransposeError.dtypeMismatch(input: .float32, weight: .float64, bias: nil).description,
             ["the input is float32 but the weight is float64"]),
            (ConvolutionTransposeError.unsupportedDType(.bool).description, ["transposed convolution", "bool"]),
            (PoolingError.unsupportedDType(.int64).description, ["pooling needs float32 or float64", "int64"]),
            (TensorError.dtypeMismatch(left: .float32, right: .int64).description, ["float32", "int64"]),
            (TensorError.shapeMismatch(left: [2], right: [3]).description, ["[2]", "[3]"]),
            (TensorError.unsupportedDType(.bool, operation: "sum").description, ["sum needs", "bool"]),
            (TensorError.axisOutOfRange(axis: 4, rank: 2).description, ["dim 4", "rank 2"]),
            (TensorError.emptyReduction(operation: "min").description, ["min of no elements"]),
        ]
        for (text, fragments) in examples {
            for fragment in fragments { #expect(text.contains(fragment), "\(text) lacks \(fragment)") }
        }
    }
}
