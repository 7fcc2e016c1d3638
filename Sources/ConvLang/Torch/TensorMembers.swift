import ConvAutograd
import ConvNumerics

/// What `.` reads on a tensor, plain or with autograd identity: `x.shape`, `x.grad`,
/// `x.sum()`, `loss.backward()`, ... The one home of tensor members and methods.
///
/// Methods are builtins bound to the tensor. Every method runs through the autograd engine, so
/// on a tensor that requires grad it records its node, and on a plain tensor it gives a plain
/// tensor.
enum TensorMembers {
    /// The member `name` of `tensor` (a `.tensor` or a `.variable`), nil when tensors have none.
    static func member(_ name: String, of tensor: Value) -> Value? {
        guard let data = tensor.asTensor else { return nil }
        let box: VariableBox? = if case .variable(let box) = tensor { box } else { nil }
        switch name {
        case "shape": return .size(data.shape)
        case "ndim": return .int(data.rank)
        case "requires_grad": return .bool(box?.requiresGrad ?? false)
        case "is_leaf": return .bool(box?.isLeaf ?? true)
        case "grad": return box?.gradValue ?? Value.none
        case "grad_fn": return box?.gradFunction.map { .object(ObjectBox(GradFunction($0))) } ?? Value.none
        case "data": return .tensor(data)
        // `x.T` of a tensor that requires grad: its dimensions reversed (`PermuteBackward0`).
        case "T" where box?.requiresGrad == true && GradMode.isEnabled:
            guard let variable = box?.variable else { return nil }
            return (try? variable.permute(Array((0..<variable.data.rank).reversed()))).map(Value.result)
        default:
            return (methods[name] ?? ConversionMethods.byName[name]).map { .function(Function(.boundBuiltin(receiver: tensor, $0))) }
        }
    }

    /// `x.grad = g` (None clears it), `x.requires_grad = flag`, `x.data = t` (in place, recording
    /// nothing) on a tensor with autograd identity.
    static func assign(_ name: String, of box: VariableBox, _ value: Value, at range: SourceRange) throws(RuntimeError) -> Bool {
        switch (name, value) {
        case ("grad", .none):
            box.setGradient(nil)
        case ("grad", _):
            box.setGradient(try Coercion.tensor(value, what: "a gradient", at: range).converted(to: box.tensor.dtype))
        case ("requires_grad", .bool(let flag)):
            do throws(AutogradError) { try box.variable.setRequiresGrad(flag) } catch { throw AutogradValues.located(error, at: range) }
        case ("data", _):
            let values = try Coercion.tensor(value, what: "data", at: range, allowNumber: true)
            do throws(AutogradError) { try box.assign(values, throughData: true) } catch { throw AutogradValues.located(error, at: range) }
        default:
            throw RuntimeError("cannot set '\(name)' on a tensor (grad, requires_grad and data can be set)", at: range,
                               raising: .attributeError)
        }
        return true
    }

    /// Every member name, for messages.
    static let names = ["shape", "ndim", "requires_grad", "is_leaf", "grad", "grad_fn", "data"] + (Array(methods.keys) + Array(ConversionMethods.byName.keys)).sorted()

    /// The methods by name.
    static let methods: [String: Builtin] = Dictionary(
        uniqueKeysWithValues: (all + elementwiseMethods + parameterisedMethods + AutogradInPlace.methods + [AutogradInPlace.clamp] + AutogradComparison.members + PiecewiseActivationBuiltins.methods + [PReLU.function.asTensorMethod]
                               + AutogradMethods.methods + (ArithmeticFunctions.functions + [UnfoldMethod.unfold, LogSumExpFunction.logsumexp]).map(\.asTensorMethod)
                               + (PairwiseFunctions.functions + AccumulatedProducts.functions + RotationFunctions.functions + CountingFunctions.functions + CrossProduct.functions).map(\.asTensorMethod)
                               + MemoryLayoutMethods.methodsOnly.map(\.asTensorMethod))
            .map { ($0.name, $0) })

    private static let all: [Builtin] = [
        method("backward", [.optional("gradient", default: .none), .optional("retain_graph", default: .none),
                            .optional("create_graph", default: .bool(false), namedOnly: true)],
               "computes the gradient of this tensor with respect to the leaves that require grad") { call throws(RuntimeError) in
            try Backward.backward(call)
        }.explained { call, explainer throws(RuntimeError) in try explainer.backward(call) },
        reduction("sum", "the sum of the elements, or along dim"),
        reduction("mean", "the mean of the elements, or along dim"),
        method("item", [], "the value of a one-element tensor as a number") { call throws(RuntimeError) in
            let data = try receiverTensor(call)
            guard data.count == 1 else {
                throw call.error("a Tensor with \(data.count) elements cannot be converted to Scalar")
            }
            return .number(data.scalars[0])
        },
        method("detach", [], "the same values, cut from the graph") { call throws(RuntimeError) in
            .tensor(try receiverTensor(call))
        },
        method("requires_grad_", [.optional("requires_grad", default: .bool(true))],
               "makes this leaf tensor record the operations on it, in place") { call throws(RuntimeError) in
            try requiresGrad(call)
        },
        method("view", [.variadic("shape")], "the same elements in another shape") { call throws(RuntimeError) in
            let (shape, x) = (try call.sizes("shape"), try receiver(call))
            return try AutogradValues.run(at: call.range) { () throws(AutogradError) in try x.view(shape) }
        },
        method("reshape", [.variadic("shape")], "the same elements in another shape") { call throws(RuntimeError) in
            let (shape, x) = (try call.sizes("shape"), try receiver(call))
            return try AutogradValues.run(at: call.range) { () throws(AutogradError) in try x.reshape(shape) }
        },
        method("flatten", [.optional("start_dim", default: .int(0)), .optional("end_dim", default: .int(-1))],
               "dimensions start_dim to end_dim as one") { call throws(RuntimeError) in
            let (start, end, x) = (try call.integer("start_dim"), try call.integer("end_dim"), try receiver(call))
            return try AutogradValues.run(at: call.range) { () throws(AutogradError) in
                try x.flatten(startDim: start, endDim: end)
            }
        },
    ]

    /// `x.relu()`, `x.exp()`, ...: the elementwise functions as methods.
    private static let elementwiseMethods: [Builtin] = ["relu", "sigmoid", "tanh", "exp", "log", "abs", "sqrt"].map { name in
        method(name, [], "\(name) of every element") { call throws(RuntimeError) in
            let x = try receiver(call)
            return try AutogradValues.run(at: call.range) { () throws(AutogradError) in try elementwise(name, x) }
        }
    }

    private static func elementwise(_ name: String, _ x: Variable) throws(AutogradError) -> Variable {
        switch name {
        case "relu": try x.relu()
        case "sigmoid": try x.sigmoid()
        case "tanh": try x.tanh()
        case "exp": try x.exp()
        case "log": try x.log()
        case "abs": try x.abs()
        default: try x.sqrt()
        }
    }

    /// `x.softmax(dim)`, `x.log_softmax(dim)`, `x.pow(e)`.
    private static let parameterisedMethods: [Builtin] = [
        method("softmax", [.required("dim")], "softmax along dim") { call throws(RuntimeError) in
            let (x, dim) = (try receiver(call), try call.integer("dim"))
            return try AutogradValues.run(at: call.range) { () throws(AutogradError) in try x.softmax(dim: dim) }
        },
        method("log_softmax", [.required("dim")], "log_softmax along dim") { call throws(RuntimeError) in
            let (x, dim) = (try receiver(call), try call.integer("dim"))
            return try AutogradValues.run(at: call.range) { () throws(AutogradError) in try x.logSoftmax(dim: dim) }
        },
        method("pow", [.required("exponent")], "every element to the power exponent") { call throws(RuntimeError) in
            try Operators.binary(.power, call.receiver, call.value("exponent"), operatorRange: call.range, leftRange: call.range,
                                 rightRange: call.range(of: "exponent"), context: call.context)
        },
    ]

    static func method(
        _ name: String, _ parameters: [Builtin.Parameter], _ summary: String,
        body: @escaping @Sendable (inout BuiltinCall) throws(RuntimeError) -> Value
    ) -> Builtin {
        var builtin = Builtin(name: name, parameters: parameters, summary: summary,
                              details: "x.\(name)(...)\n\n\(summary), as PyTorch's Tensor.\(name).", body: body)
        builtin.takesPythonValues = true
        builtin.writesBackFirstArgument = name.hasSuffix("_")
        return builtin
    }

    /// `x.sum()`, `x.mean(dim=1, keepdim=True)`: a rank-0 tensor without `dim`.
    private static func reduction(_ name: String, _ summary: String) -> Builtin {
        method(name, [.optional("dim", default: .none), .optional("keepdim", default: .bool(false))], summary) { call throws(RuntimeError) in
            let dims = try AutogradValues.dimensions(call)
            let keep = try call.bool("keepdim")
            let x = try receiver(call)
            return try AutogradValues.run(at: call.range) { () throws(AutogradError) in
                switch (name, dims) {
                case ("sum", nil): try x.sum()
                case ("sum", let dims?): try x.sum(dims: dims, keepDimensions: keep)
                case (_, nil): try x.mean()
                case (_, let dims?): try x.mean(dims: dims, keepDimensions: keep)
                }
            }
        }
    }

    /// The tensor the method was called on, as the engine's operand.
    static func receiver(_ call: BuiltinCall) throws(RuntimeError) -> Variable {
        try AutogradValues.variable(call.receiver, what: "the tensor", at: call.range)
    }

    private static func receiverTensor(_ call: BuiltinCall) throws(RuntimeError) -> Tensor {
        try Coercion.tensor(call.receiver, what: "the tensor", at: call.range)
    }

    private static func requiresGrad(_ call: BuiltinCall) throws(RuntimeError) -> Value {
        let flag = try call.bool("requires_grad")
        let data = try receiverTensor(call)
        do {
            if case .variable(let box) = call.receiver {
                try box.variable.setRequiresGrad(flag)
                return call.receiver
            }
            let variable = try Variable(data, requiresGrad: flag)
            return flag ? .variable(VariableBox(variable)) : .tensor(variable.data)
        } catch {
            throw AutogradValues.located(error, at: call.range)
        }
    }
}
