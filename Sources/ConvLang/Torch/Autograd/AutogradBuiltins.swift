import ConvAutograd
import ConvNumerics

/// Builtins on tensors with autograd identity: when an argument of `F.conv1d`, `F.relu`,
/// `torch.sum`, ... is a variable, the call runs through the engine and records its node;
/// `requires_grad=True` on the functions that make tensors; `nn.Parameter`.
enum AutogradBuiltins {
    /// The new builtins this file adds to the library.
    static let all: [Builtin] = [parameter, logSoftmax, PadFunction.pad, linear, Embedding.function, Backward.grad, NormalizeFunction.normalize,
                                  CosineSimilarityFunction.cosineSimilarity] + NormalizationFunctions.all + ResamplingBuiltins.all + GradModeContext.builtins + OptimizerBuiltins.all + Loss.builtins + ComposedLoss.builtins

    /// Calls `builtin` through the engine when it must: an argument is a variable and the engine
    /// has the operation, or `requires_grad=` is given to a function that makes a tensor. nil
    /// when the builtin's own body should run. A refusal is the builtin's own located error when
    /// it has one (its checks are conv's), else PyTorch's.
    static func call(
        _ builtin: Builtin, _ arguments: [Evaluator.EvaluatedArgument], range: SourceRange, evaluator: Evaluator
    ) throws(RuntimeError) -> Value? {
        if factories.contains(builtin.name), let index = arguments.firstIndex(where: { $0.label == "requires_grad" }) {
            return try made(builtin, arguments, requiresGradAt: index, range: range, evaluator: evaluator)
        }
        if operations[builtin.name] == nil, let value = try asMethod(builtin, arguments, range: range, evaluator: evaluator) { return value }
        guard let operation = operations[builtin.name], AutogradValues.involvesVariable(arguments.map(\.value)) else { return nil }
        var call = try evaluator.bindBuiltin(builtin, arguments, range: range)
        do {
            return try operation(call)
        } catch {
            _ = try builtin.body(&call)
            throw error
        }
    }

    /// `torch.flip(x, [0])`, `torch.prod(x, 1)`, `torch.clamp(x, 0, 1)`: a torch function that
    /// is also a method recorded on a tensor with autograd identity, given one, is that method,
    /// as PyTorch's is; nil for anything else.
    private static func asMethod(
        _ builtin: Builtin, _ arguments: [Evaluator.EvaluatedArgument], range: SourceRange, evaluator: Evaluator
    ) throws(RuntimeError) -> Value? {
        guard builtin.aliases.contains("torch.\(builtin.name)"), !TorchFunctionForms.names.contains(builtin.name) else { return nil }
        // `torch.matmul(a, w)`: a function PyTorch differentiates and conv does not record.
        if GradMode.isEnabled, let refusal = AutogradMethods.refusal(builtin.name),
           arguments.contains(where: { if case .variable(let box) = $0.value { box.requiresGrad } else { false } }) {
            var call = try evaluator.bindBuiltin(refusal, arguments, range: range)
            return try refusal.body(&call)
        }
        guard TensorMembers.methods[builtin.name] != nil, AutogradValues.involvesVariable(arguments.map(\.value)),
              let (method, rest) = TorchFunctionForms.methodCall(builtin.name, arguments) else { return nil }
        return try evaluator.call(method, rest, range: range, calleeRange: range, observer: nil)
    }

    /// The functions that make a new tensor and so take `requires_grad=`.
    private static let factories: Set<String> = [
        "tensor", "zeros", "ones", "empty", "full", "arange", "linspace", "rand", "randn", "rand_like", "randn_like",
        "normal", "zeros_like", "ones_like", "full_like", "empty_like", "eye",
    ]

    /// `torch.ones(3, requires_grad=True)`: the tensor, made a leaf that requires grad.
    private static func made(
        _ builtin: Builtin, _ arguments: [Evaluator.EvaluatedArgument], requiresGradAt index: Int, range: SourceRange,
        evaluator: Evaluator
    ) throws(RuntimeError) -> Value {
        var rest = arguments
        let flag = rest.remove(at: index)
        let made = try evaluator.call(.function(Function(.builtin(builtin))), rest, range: range, calleeRange: range, observer: nil)
        guard case .bool(let requiresGrad) = flag.value else {
            throw RuntimeError("requires_grad must be True or False, not \(flag.value.typeName)", at: flag.range, raising: .typeError)
        }
        guard requiresGrad else { return made }
        let tensor = try Coercion.tensor(made, what: "the tensor", at: range, allowNumber: true)
        do {
            return .variable(VariableBox(try Variable(tensor, requiresGrad: true)))
        } catch {
            throw AutogradValues.located(error, at: flag.range)
        }
    }

    typealias Operation = @Sendable (BuiltinCall) throws(RuntimeError) -> Value

    /// The engine's form of each builtin, by the builtin's name.
    private static let operations: [String: Operation] = [
        "conv": { call throws(RuntimeError) in
            let (x, w, b) = try operands(call)
            let parameters = try ConvBuiltins.convolutionParameters(call)
            return try AutogradValues.run(at: call.range) { () throws(AutogradError) in try Functional.conv1d(x, w, b, parameters: parameters) }
        },
        "conv_transpose1d": { call throws(RuntimeError) in
            let (x, w, b) = try operands(call)
            let parameters = try TransposeBuiltins.transposeParameters(call)
            return try AutogradValues.run(at: call.range) { () throws(AutogradError) in
                try Functional.convTranspose1d(x, w, b, parameters: parameters)
            }
        },
        "max_pool1d": { call throws(RuntimeError) in
            let (x, settings) = (try input(call), try MaxPool1d.settings(of: call))
            return try AutogradValues.run(at: call.range) { () throws(AutogradError) in try Functional.maxPool1d(x, parameters: settings) }
        },
        "avg_pool1d": { call throws(RuntimeError) in
            let (x, settings) = (try input(call), try AvgPool1d.settings(of: call))
            return try AutogradValues.run(at: call.range) { () throws(AutogradError) in try Functional.avgPool1d(x, parameters: settings) }
        },
        "relu": { call throws(RuntimeError) in
            if try call.bool("inplace"), case .variable(let box) = call.value("x") { return try AutogradInPlace.reluInPlace(box, at: call.range) }
            let x = try input(call)
            return try AutogradValues.run(at: call.range) { () throws(AutogradError) in try x.relu() }
        },
        "sigmoid": elementwise { x throws(AutogradError) in try x.sigmoid() },
        "tanh": elementwise { x throws(AutogradError) in try x.tanh() },
        "abs": elementwise { x throws(AutogradError) in try x.abs() },
        "exp": elementwise { x throws(AutogradError) in try x.exp() },
        "log": elementwise { x throws(AutogradError) in try x.log() },
        "sqrt": elementwise { x throws(AutogradError) in try x.sqrt() },
        "leaky_relu": { call throws(RuntimeError) in
            if try call.bool("inplace"), case .variable(let box) = call.value("x") {
                return try AutogradInPlace.leakyReLUInPlace(box, slope: try call.number("negative_slope"), at: call.range)
            }
            let (x, slope) = (try input(call), try call.number("negative_slope"))
            return try AutogradValues.run(at: call.range) { () throws(AutogradError) in try Functional.leakyReLU(x, negativeSlope: slope) }
        },
        "gelu": { call throws(RuntimeError) in
            let (x, approximate) = (try input(call), try call.string("approximate"))
            return try AutogradValues.run(at: call.range) { () throws(AutogradError) in
                try Functional.gelu(x, tanhApproximation: approximate == "tanh")
            }
        },
        "silu": PointwiseActivationBuiltins.operation, "elu": PointwiseActivationBuiltins.operation,
        "softplus": PointwiseActivationBuiltins.operation, "mish": PointwiseActivationBuiltins.operation,
        "hardtanh": PointwiseActivationBuiltins.operation, "relu6": PointwiseActivationBuiltins.operation, "selu": PointwiseActivationBuiltins.operation, "celu": PointwiseActivationBuiltins.operation, "logsigmoid": PointwiseActivationBuiltins.operation, "softsign": PointwiseActivationBuiltins.operation, "hardswish": PointwiseActivationBuiltins.operation, "hardsigmoid": PointwiseActivationBuiltins.operation, "tanhshrink": PointwiseActivationBuiltins.operation, "softshrink": PointwiseActivationBuiltins.operation, "hardshrink": PointwiseActivationBuiltins.operation, "threshold": PointwiseActivationBuiltins.operation,
        "cat": joined { parts, dim throws(AutogradError) in try Functional.cat(parts, dim: dim) },
        "stack": joined { parts, dim throws(AutogradError) in try Functional.stack(parts, dim: dim) },
        "softmax": { call throws(RuntimeError) in
            let (x, dim) = (try input(call), try call.integer("dim"))
            return try AutogradValues.run(at: call.range) { () throws(AutogradError) in try x.softmax(dim: dim) }
        },
        "where": { call throws(RuntimeError) in
            // `torch.where(x > 0, x, 0.)`: a constant operand takes the dtype of the one that requires grad.
            let condition = try call.tensor("condition", allowNumber: true)
            var a = try AutogradValues.variable(call.value("input"), what: "where's argument 'input'", at: call.range(of: "input"))
            var b = try AutogradValues.variable(call.value("other"), what: "where's argument 'other'", at: call.range(of: "other"))
            if !a.requiresGrad, a.dtype != b.dtype { a = Variable(constant: a.data.converted(to: b.dtype)) }
            if !b.requiresGrad, a.dtype != b.dtype { b = Variable(constant: b.data.converted(to: a.dtype)) }
            return try AutogradValues.run(at: call.range) { () throws(AutogradError) in try a.selected(where: condition, otherwise: b) }
        },
        "sum": reduction(sum: true),
        "mean": reduction(sum: false),
    ]

    private static func input(_ call: BuiltinCall) throws(RuntimeError) -> Variable {
        try AutogradValues.variable(call.value("x"), what: "\(call.builtin.name)'s argument 'x'", at: call.range(of: "x"))
    }

    private static func operands(_ call: BuiltinCall) throws(RuntimeError) -> (Variable, Variable, Variable?) {
        let w = try AutogradValues.variable(call.value("w"), what: "\(call.builtin.name)'s argument 'w'", at: call.range(of: "w"))
        let b = try AutogradValues.optionalVariable(call.value("b"), what: "\(call.builtin.name)'s argument 'b'", at: call.range(of: "b"))
        return (try input(call), w, b)
    }

    private static func elementwise(_ operation: @escaping @Sendable (Variable) throws(AutogradError) -> Variable) -> Operation {
        { call throws(RuntimeError) in
            let x = try input(call)
            return try AutogradValues.run(at: call.range) { () throws(AutogradError) in try operation(x) }
        }
    }

    /// `torch.cat(tensors, dim)` or `torch.stack(tensors, dim)`: the list's tensors joined
    /// (`CatBackward0`, `StackBackward0`), each part's gradient its slice of the result's.
    private static func joined(
        _ join: @escaping @Sendable ([Variable], Int) throws(AutogradError) -> Variable
    ) -> Operation {
        { call throws(RuntimeError) in
            let range = call.range(of: "tensors")
            let items = try Iteration.items(of: call.value("tensors"), at: range, elements: ElementRule(call.context))
            // Parts that need no gradient join in the dtype of those that do: conv's reductions
            // still give float64 where PyTorch keeps float32, and a part that requires grad
            // cannot change its dtype.
            let dtype = items.lazy.compactMap { if case .variable(let box) = $0 { box.tensor.dtype } else { nil } }.first
            var parts: [Variable] = []
            for item in items {
                if case .variable(let box) = item {
                    parts.append(box.variable)
                } else {
                    let tensor = try Coercion.tensor(item, what: "each tensor", at: range, allowNumber: true)
                    parts.append(Variable(constant: dtype.map { tensor.converted(to: $0) } ?? tensor))
                }
            }
            let dim = try call.integer("dim")
            return try AutogradValues.run(at: call.range) { () throws(AutogradError) in try join(parts, dim) }
        }
    }

    /// `torch.sum(x)`, `torch.mean(x, dim=1)`: a rank-0 tensor without `dim`.
    private static func reduction(sum: Bool) -> Operation {
        { call throws(RuntimeError) in
            let (x, dims) = (try input(call), try AutogradValues.dimensions(call))
            return try AutogradValues.run(at: call.range) { () throws(AutogradError) in
                switch (sum, dims) {
                case (true, nil): try x.sum()
                case (true, let dims?): try x.sum(dims: dims)
                case (false, nil): try x.mean()
                case (false, let dims?): try x.mean(dims: dims)
                }
            }
        }
    }

    // MARK: - New builtins

    /// `nn.Parameter(t, requires_grad=True)`.
    static let parameter = Builtin(
        name: "Parameter", aliases: ["torch.nn.Parameter"],
        parameters: [.optional("data", default: .none), .optional("requires_grad", default: .bool(true))],
        summary: "a tensor marked as a learned parameter, as PyTorch's nn.Parameter",
        details: """
        nn.Parameter(data, requires_grad=True)

        A leaf tensor that requires grad, shown as "Parameter containing:" in PyTorch's display.
          w = nn.Parameter(torch.ones(2))
        """,
        body: { call throws(RuntimeError) in
            let (tensor, flag) = (try call.tensor("data", allowNumber: true), try call.bool("requires_grad"))
            let variable = Variable(constant: tensor)
            do throws(AutogradError) { try variable.setRequiresGrad(flag) } catch {
                throw AutogradValues.located(error, at: call.range)
            }
            return .variable(VariableBox(variable, isParameter: true))
        })

    /// `F.linear(input, weight, bias=None)`: `x·Wᵀ + b`, what `nn.Linear` computes.
    static let linear = Builtin(
        name: "linear", aliases: ["torch.nn.functional.linear"],
        parameters: [.required("x", "input"), .required("w", "weight"), .optional("b", "bias", default: .none)],
        summary: "x·Wᵀ + b over the last dimension, as PyTorch's F.linear",
        details: """
        F.linear(x, weight, bias=None)

        Maps the last dimension of x (in features) to weight's rows (out features): x·Wᵀ + b,
        the computation of nn.Linear, for a weight of shape (out, in) and a bias of (out).
          F.linear(torch.tensor([[1., 2.]]), torch.tensor([[0.5, -1.], [1., 1.]]), torch.tensor([0., 0.1]))
        """,
        body: { call throws(RuntimeError) in
            let (x, w, b) = try operands(call)
            return try AutogradValues.run(at: call.range) { () throws(AutogradError) in try Functional.linear(x, w, b) }
        })

    /// `F.log_softmax(x, dim)`.
    static let logSoftmax = Builtin(
        name: "log_softmax", aliases: ["torch.nn.functional.log_softmax", "torch.log_softmax"],
        parameters: [.required("x", "input"), .optional("dim", default: .int(-1))],
        summary: "log(softmax(x)) along one dimension, computed without overflow",
        details: """
        log_softmax(x, dim=-1)

        The logarithm of softmax along dimension dim, computed as x - max - log(sum(exp(x - max))).
          log_softmax([1, 2, 3])
        """,
        body: { call throws(RuntimeError) in
            let (x, dim) = (try input(call), try call.integer("dim"))
            return try AutogradValues.run(at: call.range) { () throws(AutogradError) in try x.logSoftmax(dim: dim) }
        })
}
