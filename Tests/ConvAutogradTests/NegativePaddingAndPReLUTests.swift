import Testing
import ConvNumerics
import ConvAutograd

/// `F.pad` with negative amounts (which cut) in each mode, and PReLU's two gradients, against
/// what PyTorch 2.15 gives in float64 (the upstream gradient is 1, 2, 3, ... along the output).
@Suite("Negative padding and PReLU against PyTorch")
struct NegativePaddingAndPReLUTests {
    @Test("a negative amount cuts: circular cuts the input first, the other modes cut their result",
          arguments: [
              (PaddingMode.zeros, -1, 2, [2.0, 3, 4, 0, 0], [0.0, 1, 2, 3]),
              (.reflect, -1, 2, [2.0, 3, 4, 3, 2], [0.0, 6, 6, 3]),
              (.replicate, -3, 1, [4.0, 4], [0.0, 0, 0, 3]),
              (.circular, 2, -1, [2.0, 3, 1, 2, 3], [3.0, 5, 7, 0]),
              (.circular, -1, -1, [2.0, 3], [0.0, 1, 2, 0]),
          ])
    func negativePadding(mode: PaddingMode, left: Int, right: Int, values: [Double], gradient: [Double]) throws {
        let x = try Variable(Tensor(shape: [1, 4], scalars: [1.0, 2, 3, 4]) ?? Tensor([]), requiresGrad: true)
        let y = try Functional.pad(x, left: left, right: right, mode: mode)
        #expect(y.data.scalars == values)
        let weights = Tensor(shape: [1, values.count], scalars: (1...values.count).map(Double.init)) ?? Tensor([])
        try y.mul(Variable(weights)).sum().backward()
        #expect(x.grad?.scalars == gradient)
    }

    @Test("cutting more than the input is refused in PyTorch's words")
    func cuttingTooMuch() throws {
        let x = try Variable(Tensor(shape: [1, 4], scalars: [1.0, 2, 3, 4]) ?? Tensor([]), requiresGrad: true)
        #expect(throws: AutogradError.invalidArgument("narrow(): length must be non-negative.")) {
            try Functional.pad(x, left: -3, right: -2, mode: .zeros)
        }
    }

    @Test("PReLU: x > 0 keeps x (the slope applies at exactly 0), the weight's gradient sums x·g per channel")
    func prelu() throws {
        let x = try Variable(Tensor(shape: [3, 2], scalars: [-2.0, 3, 0, -1, 4, -8]) ?? Tensor([]), requiresGrad: true)
        let w = try Variable(Tensor([0.25, -0.5]), requiresGrad: true)
        let y = try Functional.prelu(x, weight: w)
        #expect(y.gradFn?.name == "PreluKernelBackward0")
        #expect(y.data.scalars == [-0.5, 3, 0, 0.5, 4, 4])
        try y.mul(Variable(Tensor(shape: [3, 2], scalars: [1.0, 2, 3, 4, 5, 6]) ?? Tensor([]))).sum().backward()
        #expect(x.grad?.scalars == [0.25, 2, 0.75, -2, 5, -3])
        #expect(w.grad?.scalars == [-2, -52])
        #expect(throws: AutogradError.invalidArgument(
            "Mismatch of parameter numbers and input channel size. Found parameter numbers = 2 and channel size = 3.")) {
            try Functional.prelu(Variable(Tensor(shape: [2, 3], scalars: [Double](repeating: 1, count: 6)) ?? Tensor([])), weight: w)
        }
    }
}
