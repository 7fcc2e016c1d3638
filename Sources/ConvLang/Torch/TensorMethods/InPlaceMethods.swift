import ConvNumerics

/// PyTorch's in-place methods (`x.fill_(0)`, `x.add_(y)`): each gives the new tensor and, as
/// conv's tensors are values, the call writes it back where the receiver was read from (a
/// name or a layer's weight; ``Builtin/writesBackFirstArgument``), so `x` names the changed tensor.
enum InPlaceMethods {
    static let methodsOnly: [Builtin] = [fill, zero, copy, add, sub, mul, div, clampInPlace, maskedFill] + unary

    /// The `nn.init` fills that are tensor methods too (`x.uniform_(-0.5, 0.5)`, `x.normal_()`):
    /// the builtin itself with the tensor as its first argument, drawing from the same stream.
    static let builtinMethods = ["normal_", "uniform_"]

    private static let input = Builtin.Parameter.required("input")

    private static func inPlace(
        _ name: String, _ parameters: [Builtin.Parameter], _ summary: String, example: String,
        _ body: @escaping @Sendable (inout BuiltinCall, Tensor) throws(RuntimeError) -> Tensor
    ) -> Builtin {
        var builtin = Builtin.tensorFunction(name, torch: false, [input] + parameters, summary + ", in place", example: example) { call throws(RuntimeError) in
            let x = try call.receivingTensor
            // `a.add_(w)` with `w` requiring grad: recorded, and `a` requires grad from then on.
            if let recorded = try AutogradInPlace.onPlainTensor(call, x) { return recorded }
            let result = try body(&call, x)
            // In place keeps the shape and dtype of the tensor written to.
            guard result.shape == x.shape else {
                throw call.error("output with shape \(TensorArguments.text(x.shape)) doesn't match the broadcast shape \(TensorArguments.text(result.shape))")
            }
            return .tensor(result.dtype == x.dtype ? result : result.converted(to: x.dtype))
        }
        builtin.writesBackFirstArgument = true
        return builtin
    }

    static let fill = inPlace("fill_", [.required("value")], "every element set to value", example: "x.fill_(0)") { call, x throws(RuntimeError) in
        Tensor(repeating: try call.number("value"), shape: x.shape) ?? x
    }
    static let zero = inPlace("zero_", [], "every element set to 0", example: "x.zero_()") { _, x throws(RuntimeError) in
        Tensor(repeating: 0, shape: x.shape) ?? x
    }
    static let copy = inPlace("copy_", [.required("src")], "the elements of src (broadcast to the shape)", example: "x.copy_(y)") { call, x throws(RuntimeError) in
        let source = try call.tensor("src", allowNumber: true)
        guard let result = Broadcasting.combine(Tensor(repeating: 0, shape: x.shape) ?? x, source, { $1 }) else {
            throw ElementwiseMethods.mismatch(x.shape, source.shape, call)
        }
        return result
    }
    static let add = arithmetic("add_", "other (times alpha) added", alpha: true) { $0 + $1 }
    static let sub = arithmetic("sub_", "other (times alpha) subtracted", alpha: true) { $0 - $1 }
    static let mul = arithmetic("mul_", "multiplied by other", alpha: false) { $0 * $1 }
    static let div = arithmetic("div_", "divided by other", alpha: false) { $0 / $1 }

    private static func arithmetic(_ name: String, _ summary: String, alpha: Bool, _ operation: @escaping @Sendable (Double, Double) -> Double) -> Builtin {
        let parameters: [Builtin.Parameter] = [.required("other")] + (alpha ? [.optional("alpha", default: .int(1), namedOnly: true)] : [])
        return inPlace(name, parameters, summary, example: "x.\(name)(y)") { call, x throws(RuntimeError) in
            let other = try call.tensor("other", allowNumber: true)
            let scale = alpha ? try call.number("alpha") : 1
            guard let result = Broadcasting.combine(x, other, { operation($0, $1 * scale) }) else {
                throw ElementwiseMethods.mismatch(x.shape, other.shape, call)
            }
            return result
        }
    }

    static let maskedFill = inPlace("masked_fill_", [.required("mask"), .required("value")],
                                    "value where the bool mask is true", example: "x.masked_fill_(x < 0, 0.)") { call, x throws(RuntimeError) in
        let (flags, value) = (try ElementwiseMethods.maskFlags(call, shape: x.shape), try ElementwiseMethods.fillValue(call))
        let scalars = x.converted(to: .float64).scalars
        return TensorGeometry.float64(x.shape, scalars.indices.map { flags[$0] ? value : scalars[$0] })
    }

    /// `x.floor_()`, `x.rsqrt_()`, ...: each elementwise function of one tensor, in place.
    static let unary: [Builtin] = ElementwiseMethods.unaryFunctions.map { function in
        inPlace("\(function.name)_", [], function.summary, example: "x.\(function.name)_()") { call, x throws(RuntimeError) in
            var functionCall = BuiltinCall(builtin: function, values: [.tensor(x)], ranges: [nil], rest: [], namedRest: [],
                                           range: call.range, context: call.context)
            guard case .tensor(let result) = try function.body(&functionCall) else { return x }
            return result
        }
    }

    static let clampInPlace = inPlace("clamp_", [.optional("min", default: .none), .optional("max", default: .none)],
                                      "each element limited to [min, max]", example: "x.clamp_(0, 1)") { call, x throws(RuntimeError) in
        var clampCall = BuiltinCall(builtin: ElementwiseMethods.clamp, values: call.values, ranges: call.ranges, rest: [],
                                    namedRest: [], range: call.range, context: call.context)
        guard case .tensor(let result) = try ElementwiseMethods.clamp.body(&clampCall) else { return x }
        return result
    }
}

/// Where an in-place method's result goes: conv's tensors are values, so `x.fill_(0)` changes
/// `x` by binding the result to the name (or layer member) the method was called on.
extension InPlaceMethods {
    /// The shape methods whose result PyTorch shares with its base (a view).
    private static let viewMethods: Set<String> = [
        "view", "view_as", "reshape", "reshape_as", "flatten", "squeeze", "unsqueeze", "permute", "transpose", "t", "expand",
        "expand_as", "detach", "T",
    ]

    /// Refuses an in-place call on a view of a tensor (`x[0].zero_()`, `x.view(6).fill_(1)`),
    /// which would change a copy in conv and the base in PyTorch.
    /// Two cases are the same in both and pass: `requires_grad_` (PyTorch sets the flag on the
    /// view alone), and a view of a fresh tensor that nothing else can see
    /// (`torch.arange(4.).view(1, 4).fill_(1)`).
    static func checkTarget(_ target: Expr, method: String) throws(RuntimeError) {
        guard method != "requires_grad_", let base = viewBase(of: target), !isFresh(base) else { return }
        throw RuntimeError(
            "\(method) on a view would change only a copy: conv's tensors are values, so a view or an element does not share its base's storage",
            at: target.range, notes: ["assign to the base instead, e.g. x[0] = 0 rather than x[0].zero_()"])
    }

    /// The tensor `target` is a view of (the base of its index or view method), or nil when
    /// `target` is not a view.
    private static func viewBase(of target: Expr) -> Expr? {
        switch target {
        case .index(let base, _, _): base
        case .call(.member(let base, let name, _, _), _, _) where viewMethods.contains(name): base
        case .member(let base, let name, _, _) where viewMethods.contains(name): base
        default: nil
        }
    }

    /// Whether `expression` makes a new tensor no name refers to: a call that is not itself a
    /// view method, under any views of it.
    private static func isFresh(_ expression: Expr) -> Bool {
        if let base = viewBase(of: expression) { return isFresh(base) }
        if case .call = expression { return true }
        return false
    }
}
