import Testing
import ConvNumerics
import ConvAutograd

/// The engine's `masked_select`, `nan_to_num`, `fmax`/`fmin` and `unique` nodes: where each
/// sends the gradient, checked on small cases worked by hand (PyTorch gives the same).
@Suite("Masking and NaN-aware selection in the engine")
struct MaskingTests {
    @Test("masked_select keeps the true places in order and sends each gradient back to its place")
    func maskedSelect() throws {
        let x = try Variable(Tensor(shape: [2, 2], scalars: [1.0, -2, 3, -4]) ?? Tensor([0.0]), requiresGrad: true)
        let kept = try x.maskedSelect([true, false, false, true])
        #expect(kept.data.scalars == [1, -4])
        #expect(kept.gradFn?.name == "MaskedSelectBackward0")
        try kept.mul(Variable(Tensor([10.0, 20.0]))).sum().backward()
        #expect(x.grad?.scalars == [10, 0, 0, 20])
        #expect(x.grad?.shape == [2, 2])
    }

    @Test("nan_to_num replaces NaN and the infinities and passes no gradient where it replaced")
    func nanToNum() throws {
        let x = try Variable(Tensor([1.5, .nan, .infinity, -.infinity]), requiresGrad: true)
        let y = try x.nanToNum(nan: 0.5, posinf: 9, neginf: -9)
        #expect(y.data.scalars == [1.5, 0.5, 9, -9])
        #expect(y.gradFn?.name == "NanToNumBackward0")
        try y.sum().backward()
        #expect(x.grad?.scalars == [1, 0, 0, 0])
    }

    @Test("fmax lets a NaN lose, sends the gradient to the winner and halves it on a tie")
    func fmax() throws {
        let a = try Variable(Tensor([1.0, 2, .nan, 5]), requiresGrad: true)
        let b = try Variable(Tensor([3.0, 2, 4, .nan]), requiresGrad: true)
        let out = try a.nanIgnoringExtremum(b, largest: true)
        #expect(out.data.scalars == [3, 2, 4, 5])
        #expect(out.gradFn?.name == "FmaxBackward0")
        try out.sum().backward()
        #expect(a.grad?.scalars == [0, 0.5, 0, 1])
        #expect(b.grad?.scalars == [1, 0.5, 1, 0])
    }

    @Test("fmin broadcasts and sums the gradient back to each operand's shape")
    func fminBroadcast() throws {
        let a = try Variable(Tensor(shape: [2, 2], scalars: [1.0, 5, 0, 7]) ?? Tensor([0.0]), requiresGrad: true)
        let b = try Variable(Tensor([2.0, 3]), requiresGrad: true)
        let out = try a.nanIgnoringExtremum(b, largest: false)
        #expect(out.data.scalars == [1, 3, 0, 3])
        try out.sum().backward()
        #expect(a.grad?.scalars == [1, 0, 1, 0])
        #expect(b.grad?.scalars == [0, 2])
    }

    @Test("unique's values record Unique2Backward0, and a backward pass through them is refused")
    func uniqueRefusesBackward() throws {
        let x = try Variable(Tensor([2.0, 1, 2]), requiresGrad: true)
        let values = x.uniqueValues(Tensor([1.0, 2]))
        #expect(values.gradFn?.name == "Unique2Backward0")
        #expect(throws: AutogradError.self) { try values.sum().backward() }
    }
}
