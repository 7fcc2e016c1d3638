import Testing
import ConvNumerics
import ConvAutograd

/// The engine's PyTorch semantics beyond single gradients: accumulation, freed graphs,
/// grad mode, detaching, `autograd.grad`, refusals, names and dtypes.
@Suite("Autograd engine behaviour")
struct EngineBehaviourTests {
    private func leaf(_ values: [Double], shape: [Int]? = nil, requiresGrad: Bool = true) throws -> Variable {
        try Variable(Tensor(shape: shape ?? [values.count], scalars: values) ?? Tensor(values), requiresGrad: requiresGrad)
    }

    @Test("gradients accumulate in .grad across backward passes until cleared")
    func accumulation() throws {
        let x = try leaf([1, 2, 3])
        try x.mul(x).sum().backward()
        #expect(x.grad?.scalars == [2, 4, 6])
        try x.mul(x).sum().backward()
        #expect(x.grad?.scalars == [4, 8, 12])
        x.grad = nil
        try x.sum().backward()
        #expect(x.grad?.scalars == [1, 1, 1])
    }

    @Test("a second pass through freed saved tensors is refused with PyTorch's message; retain_graph keeps them")
    func freedGraph() throws {
        let x = try leaf([1, 2])
        let y = try x.mul(x).sum()
        try y.backward(retainGraph: true)
        try y.backward()
        #expect(x.grad?.scalars == [4, 8])
        #expect(throws: AutogradError.graphFreed) { try y.backward() }
        #expect(AutogradError.graphFreed.description.hasPrefix("Trying to backward through the graph a second time"))
        // Nodes that saved nothing can be walked again, as in PyTorch.
        let z = try x.add(1).sum()
        try z.backward()
        try z.backward()
    }

    @Test("backward refuses outputs without grad, non-scalar outputs without a gradient, and gradients of the wrong shape")
    func refusals() throws {
        let plain = try leaf([1, 2], requiresGrad: false)
        #expect(throws: AutogradError.doesNotRequireGrad) { try plain.sum().backward() }
        #expect(AutogradError.doesNotRequireGrad.description == "element 0 of tensors does not require grad and does not have a grad_fn")
        let x = try leaf([1, 2])
        #expect(throws: AutogradError.implicitGradientNeedsScalar) { try x.mul(2).backward() }
        #expect(throws: AutogradError.gradientShapeMismatch(gradient: [3], output: [2])) {
            try x.mul(2).backward(Tensor([1.0, 1, 1]))
        }
        #expect(throws: AutogradError.requiresGradNeedsFloatingPoint(.int64)) {
            try Variable(Tensor([Int64(1)]), requiresGrad: true)
        }
        #expect(throws: AutogradError.requiresGradOnNonLeaf) { try x.mul(2).setRequiresGrad(false) }
    }

    @Test("backward(gradient) weights the output; a leaf's own backward fills its grad")
    func explicitGradient() throws {
        let x = try leaf([1, 2, 3])
        try x.mul(x).backward(Tensor([1.0, 0.5, -1]))
        #expect(x.grad?.scalars == [2, 2, -6])
        let s = try leaf([4])
        try s.backward()
        #expect(s.grad?.scalars == [1])
    }

    @Test("no-grad mode records nothing; detach cuts the graph")
    func gradMode() throws {
        let x = try leaf([1, 2])
        let y = try GradMode.withNoGrad { try x.mul(3) }
        #expect(!y.requiresGrad && y.gradFn == nil && y.isLeaf)
        #expect(GradMode.isEnabled)
        let d = try x.mul(3).detach()
        #expect(!d.requiresGrad && d.isLeaf)
        #expect(throws: AutogradError.doesNotRequireGrad) { try d.sum().backward() }
        let z = try x.mul(d).sum()
        try z.backward()
        #expect(x.grad?.scalars == [3, 6])
    }

    @Test("autograd.grad returns gradients for leaves and intermediates without touching .grad")
    func functionalGrad() throws {
        let x = try leaf([1, 2, 3])
        let h = try x.mul(x)
        let y = try h.sum()
        let grads = try Autograd.grad(outputs: [y], inputs: [x, h], retainGraph: true)
        #expect(grads[0]?.scalars == [2, 4, 6])
        #expect(grads[1]?.scalars == [1, 1, 1])
        #expect(x.grad == nil)
        let unused = try leaf([5])
        #expect(throws: AutogradError.unusedInput) { try Autograd.grad(outputs: [y], inputs: [unused], retainGraph: true) }
        let allowed = try Autograd.grad(outputs: [y], inputs: [unused], allowUnused: true)
        #expect(allowed.count == 1 && allowed[0] == nil)
    }

    @Test("nodes carry PyTorch's grad_fn names")
    func names() throws {
        let x = try leaf([1, -2, 3, 4, 5, 6], shape: [1, 2, 3])
        let w = try leaf([1, 0, -1, 2, 1, 0], shape: [1, 2, 3])
        let conv = try Functional.conv1d(x, w, nil)
        #expect(conv.gradFn?.name == "ConvolutionBackward0")
        #expect(try x.add(w).gradFn?.name == "AddBackward0")
        #expect(try x.mul(w).gradFn?.name == "MulBackward0")
        #expect(try x.mean().gradFn?.name == "MeanBackward0")
        #expect(try x.sum().gradFn?.name == "SumBackward0")
        #expect(try x.relu().gradFn?.name == "ReluBackward0")
        #expect(try x.view([6]).gradFn?.name == "ViewBackward0")
        #expect(try x.reverseSub(1).gradFn?.name == "RsubBackward1")
        #expect(try x.slice(dim: 2, start: 1).gradFn?.name == "SliceBackward0")
        #expect(try x.select(dim: 0, index: 0).gradFn?.name == "SelectBackward0")
        #expect(try Functional.mseLoss(x, w).gradFn?.name == "MseLossBackward0")
        #expect(conv.gradFn?.nextNodes.isEmpty == true)
        #expect(try x.mul(w).sum().gradFn?.nextNodes.map(\.name) == ["MulBackward0"])
    }

    @Test("float32 graphs compute float32 gradients")
    func float32() throws {
        let x = try Variable(Tensor([Float(1), 2, 3]), requiresGrad: true)
        try x.mul(x).mean().backward()
        #expect(x.grad?.dtype == .float32)
        #expect(x.grad?.float32Scalars == [Float(2) / 3, Float(4) / 3, 2])
    }

    @Test("mixed dtypes promote as PyTorch's do, and each input gets its gradient in its own dtype")
    func promotion() throws {
        let x = try Variable(Tensor([Float(1), 2, 3]), requiresGrad: true)
        let y = try Variable(Tensor([0.5, 0.25, 2]), requiresGrad: true)
        let product = try x.mul(y)
        #expect(product.dtype == .float64)
        try product.sum().backward()
        #expect(x.grad?.dtype == .float32 && x.grad?.float32Scalars == [0.5, 0.25, 2])
        #expect(y.grad?.dtype == .float64 && y.grad?.scalars == [1, 2, 3])
        // A zero-dimensional float64 operand does not widen a float32 tensor; an integer one never does.
        #expect(try x.mul(Variable(constant: Tensor(scalar: 2.0))).dtype == .float32)
        #expect(try x.add(Variable(constant: Tensor([Int64(1), 2, 3]))).dtype == .float32)
        // Two integer operands have no floating dtype to compute in.
        let ints = Variable(constant: Tensor([Int64(1)]))
        #expect(throws: AutogradError.unsupportedDType(operation: "add", .int64)) { try ints.add(ints) }
        // A float kernel given integers refuses them instead of reading past an empty array.
        #expect(throws: AutogradError.unsupportedDType(operation: "this operation", .int64)) { try ints.expand([3]) }
    }

    @Test("views, indexing and joining route gradients back to their sources")
    func shapes() throws {
        let x = try leaf([1, 2, 3, 4, 5, 6], shape: [2, 3])
        let parts = try [x.transpose(0, 1).select(dim: 1, index: -1), x.slice(dim: 1, start: 0, end: 3, step: 2).flatten()]
        let joined = try Functional.cat(parts, dim: 0)
        let stacked = try Functional.stack([joined, joined], dim: 1)
        try stacked.mul(stacked).sum().backward()
        // Row 1 appears in the select (×2 from stacking) and columns 0, 2 in the slice.
        #expect(x.grad?.scalars == [4, 0, 12, 32, 20, 48])
        let z = try leaf([1, 2, 3, 4, 5, 6], shape: [3, 2])
        let picked = try z.indexSelect(dim: 0, indices: Tensor([Int64(2), 0, 2]))
        #expect(picked.data.scalars == [5, 6, 1, 2, 5, 6])
        #expect(picked.gradFn?.name == "IndexSelectBackward0")
        try picked.sum().backward()
        #expect(z.grad?.scalars == [1, 1, 0, 0, 2, 2])
        let rows = try z.index(Tensor(shape: [2, 1], scalars: [Int64(-1), 1]) ?? Tensor([Int64(0)]))
        #expect(rows.shape == [2, 1, 2] && rows.data.scalars == [5, 6, 3, 4])
        #expect(rows.gradFn?.name == "IndexBackward0")
        #expect(throws: AutogradError.self) { try z.index(Tensor([Int64(3)])) }
        let y = try leaf([3, 1, 2, 5], shape: [2, 2])
        let (values, indices) = try y.max(dim: 1)
        try values.sum().backward()
        #expect(indices.int64Scalars == [0, 1])
        #expect(y.grad?.scalars == [1, 0, 0, 1])
    }

    @Test("optimizers: zero_grad to None or zeros, parameter groups with their own rates, schedulers")
    func optimizers() throws {
        let a = try leaf([1, 2]), b = try leaf([3])
        let optimizer = try Optimizer(groups: [
            ParamGroup(params: [a], rule: try SGD(lr: 0.1)),
            ParamGroup(params: [b], rule: try SGD(lr: 1)),
        ])
        try a.sum().add(b.sum()).backward()
        try optimizer.step()
        #expect(a.data.scalars == [0.9, 1.9])
        #expect(b.data.scalars == [2])
        optimizer.zeroGrad(setToNone: false)
        #expect(a.grad?.scalars == [0, 0])
        optimizer.zeroGrad()
        #expect(a.grad == nil)
        let scheduler = try LearningRateScheduler(optimizer, schedule: try StepSchedule(stepSize: 2, gamma: 0.5))
        var rates: [[Double]] = []
        for _ in 0..<4 {
            try scheduler.step()
            rates.append(scheduler.lastRates)
        }
        #expect(rates == [[0.1, 1], [0.05, 0.5], [0.05, 0.5], [0.025, 0.25]])
        let exponential = try LearningRateScheduler(optimizer, schedule: ExponentialSchedule(gamma: 0.5))
        try exponential.step()
        #expect(optimizer.learningRates == [0.0125, 0.125])
        #expect(throws: AutogradError.self) { try SGD(lr: 0.1, nesterov: true) }
        #expect(throws: AutogradError.self) { try Optimizer([a, a], try SGD()) }
    }
}

/// Which input samples F.interpolate reads, at the boundaries where single and double
/// precision, or the two nearest modes, choose differently (expectations printed by PyTorch 2.15).
@Suite("Resampling taps")
struct ResamplingTapsTests {
    private func sources(_ length: Int, _ outLength: Int, _ mode: ResamplingMode, scale: Double? = nil) -> [Int] {
        ResamplingTaps(inputLength: length, outputLength: outLength, mode: mode, alignCorners: false, scale: scale, dtype: .float32)
            .taps.map { $0[0].index }
    }

    @Test("nearest floors j·L/L_out; nearest-exact floors (j + ½)·L/L_out")
    func nearestModes() {
        #expect(sources(4, 10, .nearest, scale: 2.5) == [0, 0, 0, 1, 1, 2, 2, 2, 3, 3])
        #expect(sources(4, 6, .nearestExact) == [0, 1, 1, 2, 3, 3])
        #expect(sources(4, 3, .nearest) == [0, 1, 2])
        #expect(sources(5, 1, .nearest, scale: 1.0 / 3.0) == [0])
    }

    @Test("linear: the source position clamps at 0, and the last sample blends with itself")
    func linearWeights() {
        let taps = ResamplingTaps(inputLength: 4, outputLength: 8, mode: .linear, alignCorners: false, scale: 2, dtype: .float32).taps
        #expect(taps[0].map(\.index) == [0, 1] && taps[0][1].weight == 0)
        #expect(taps[1].map(\.index) == [0, 1] && taps[1][1].weight == 0.25)
        #expect(taps[7].map(\.index) == [3, 3])
        let aligned = ResamplingTaps(inputLength: 4, outputLength: 7, mode: .linear, alignCorners: true, scale: nil, dtype: .float64).taps
        #expect(aligned.map { $0[0].index } == [0, 0, 1, 1, 2, 2, 3])
        #expect(aligned[1][1].weight == 0.5)
    }
}
