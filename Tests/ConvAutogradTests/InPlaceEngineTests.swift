import Testing
import ConvNumerics
import ConvAutograd

/// In-place operations in the engine: the variable they leave, version counters and the
/// refusals that read them, and dtype conversions on the graph.
@Suite("In-place operations in the engine")
struct InPlaceEngineTests {
    private func leaf(_ values: [Double], requiresGrad: Bool = true) throws -> Variable {
        try Variable(Tensor(values), requiresGrad: requiresGrad)
    }

    @Test("an in-place operation leaves a variable with its node, one version on; the old values keep their gradient path")
    func recordedInPlace() throws {
        let x = try leaf([1, -2, 3])
        let y = try x.mul(2)
        let z = try y.inPlace { v throws(AutogradError) in try v.relu() }
        #expect(z.gradFn?.name == "ReluBackward0")
        #expect(z.version == 1 && y.version == 1 && x.version == 0)
        #expect(z.data.scalars == [2, 0, 6])
        try z.sum().backward()
        #expect(x.grad?.scalars == [2, 0, 2])
    }

    @Test("with nothing to record the values change in place and the same variable stays")
    func unrecordedInPlace() throws {
        let w = try leaf([1, 2])
        let same = try GradMode.withNoGrad { try w.inPlace { v throws(AutogradError) in try v.mul(3) } }
        #expect(same === w && w.data.scalars == [3, 6] && w.version == 1)
        #expect(w.isLeaf && w.requiresGrad)
    }

    @Test("a saved output changed afterwards is refused with PyTorch's text; a saved copy of the receiver is not")
    func versionRefusal() throws {
        let x = try leaf([1, -2, 3])
        let h = try x.mul(1).relu()
        let changed = try h.inPlace { v throws(AutogradError) in try v.add(1) }
        let expected = ModifiedTensorText.relu
        #expect(throws: AutogradError.self) { try changed.sum().backward() }
        do { try changed.sum().backward() } catch { #expect(error.description == expected) }
        // clamp_ saves the values before the change (PyTorch saves a copy), so a later change is fine.
        let y = try x.mul(1).inPlace { v throws(AutogradError) in try v.clamp(min: 0, max: nil) }
            .inPlace { v throws(AutogradError) in try v.mul(2) }
        try y.sum().backward()
        #expect(x.grad?.scalars == [2, 0, 2])
    }

    @Test("a leaf that requires grad is refused while grad mode is on, in PyTorch's words")
    func leafRefusal() throws {
        let x = try leaf([1, 2])
        #expect(throws: AutogradError.leafInPlace(view: false)) { try x.inPlace { v throws(AutogradError) in try v.add(1) } }
        #expect(AutogradError.leafInPlace(view: true).description
            == "a view of a leaf Variable that requires grad is being used in an in-place operation.")
        #expect(throws: AutogradError.inPlaceShape(output: [2], broadcast: [2, 2])) {
            try x.mul(1).inPlace { v throws(AutogradError) in try v.add(Variable(constant: Tensor(shape: [2, 2], scalars: [1, 2, 3, 4]) ?? Tensor([0.0]))) }
        }
    }

    @Test("a conversion records ToCopyBackward0 and the gradient comes back in the source dtype")
    func conversion() throws {
        let x = try Variable(Tensor([Float(1.5), -2]), requiresGrad: true)
        let d = try x.converted(to: .float64)
        #expect(d.gradFn?.name == "ToCopyBackward0" && d.dtype == .float64)
        try d.mul(d).sum().backward()
        #expect(x.grad?.dtype == .float32 && x.grad?.scalars == [3, -4])
        #expect(try x.converted(to: .int64).requiresGrad == false)
    }
}

/// PyTorch 2.15's text for `h = relu(x * 1); h.add_(1); h.sum().backward()` with a float64 `x` of
/// three elements (the same program in PyTorch, with `dtype=torch.float64`).
private enum ModifiedTensorText {
    static let relu = "one of the variables needed for gradient computation has been modified by an inplace operation: "
        + "[torch.DoubleTensor [3]], which is output 0 of Relu, is at version 1; expected version 0 instead. Hint: enable "
        + "anomaly detection to find the operation that failed to compute its gradient, with "
        + "torch.autograd.set_detect_anomaly(True, check_nan=False)."
}
