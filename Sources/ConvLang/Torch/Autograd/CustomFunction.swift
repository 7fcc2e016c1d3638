import ConvAutograd
import ConvNumerics

/// `torch.autograd.Function`: a program's own differentiable operation, as PyTorch's examples
/// write one — a class with `@staticmethod forward(ctx, *args)` and `backward(ctx, grad)`,
/// called as `Cls.apply(*args)`:
///
///     class Cube(torch.autograd.Function):
///         @staticmethod
///         def forward(ctx, x):
///             ctx.save_for_backward(x)
///             return x ** 3
///         @staticmethod
///         def backward(ctx, grad_output):
///             x, = ctx.saved_tensors
///             return grad_output * 3 * x ** 2
///
/// `forward` runs with grad mode off; when grad mode is on and a tensor argument requires grad,
/// its result gets a node named `CubeBackward`, which calls `backward` with grad mode off and
/// checks what it returns as PyTorch does (one gradient or None per argument of `forward`, each
/// of its argument's shape). `forward` returns one tensor here. As in PyTorch, the node can run
/// again only when `ctx` saved no tensors (or the pass retained the graph).
enum CustomFunction {
    /// The base class: `apply` is its one attribute, a class method.
    static let baseClass = PythonClass(
        name: "Function", base: PythonClasses.object,
        attributes: ["apply": .function(Function(.method(.classMethod(PythonClasses.method(apply)))))],
        isBuiltin: true, moduleName: "torch.autograd.function")

    /// The class of `ctx`: attributes a program sets freely, `save_for_backward(*tensors)` and
    /// `saved_tensors`, and `needs_input_grad`.
    static let contextClass = PythonClass(
        name: "FunctionCtx", base: PythonClasses.object,
        attributes: ["save_for_backward": PythonClasses.method(saveForBackward)],
        isBuiltin: true, moduleName: "torch.autograd.function")

    private static let saveForBackward = Builtin(
        name: "save_for_backward", parameters: [.required("self"), .variadic("tensors")],
        summary: "keeps tensors for backward, as ctx.saved_tensors", details: "ctx.save_for_backward(*tensors)",
        takesPythonValues: true,
        body: { call throws(RuntimeError) in
            for item in call.rest {
                switch item.value {
                case .tensor, .variable, .none: continue
                default:
                    throw RuntimeError("save_for_backward can only save variables, but argument 0 is of type \(item.value.typeName)",
                                       at: item.range, raising: .typeError)
                }
            }
            call.value("self").pythonInstance?.setAttribute("saved_tensors", .tuple(call.rest.map(\.value)))
            return .none
        })

    private static let apply = Builtin(
        name: "apply", parameters: [.required("cls"), .variadic("args")],
        summary: "runs the Function's forward, recording its backward", details: "Function.apply(*args)",
        takesPythonValues: true,
        body: { call throws(RuntimeError) in try run(call) })

    private static func run(_ call: BuiltinCall) throws(RuntimeError) -> Value {
        guard case .pythonClass(let functionClass) = call.value("cls"), let evaluator = call.context.evaluator else {
            throw call.error("apply is called on a Function class: Cls.apply(*args)", raising: .typeError)
        }
        guard let forward = method("forward", of: functionClass) else {
            throw call.error("You must implement the forward function for custom autograd.Function.", raising: .notImplementedError)
        }
        let backward = method("backward", of: functionClass)
        let arguments = call.rest
        let context = PythonInstance(of: contextClass)
        context.setAttribute("needs_input_grad", .tuple(arguments.map { argument in
            if case .variable(let box) = argument.value { .bool(box.requiresGrad) } else { .bool(false) }
        }))
        context.setAttribute("saved_tensors", .tuple([]))
        let contextValue = Evaluator.EvaluatedArgument(value: context.value, range: call.range)
        let output = try GradModeContext.run([GradModeContext(typeName: "no_grad", enabled: false)]) { () throws(RuntimeError) in
            try evaluator.call(forward, [contextValue] + arguments.map { Evaluator.EvaluatedArgument(value: $0.value, range: $0.range) },
                               range: call.range, calleeRange: call.range, observer: nil)
        }
        // The arguments backward gives gradients for: those that are variables, by position.
        let inputs = arguments.enumerated().compactMap { index, argument -> (index: Int, variable: Variable)? in
            if case .variable(let box) = argument.value { (index, box.variable) } else { nil }
        }
        guard GradMode.isEnabled, inputs.contains(where: { $0.variable.requiresGrad }) else { return output }
        guard let data = output.asTensor else {
            throw RuntimeError("conv runs an autograd.Function whose forward returns one tensor, not \(output.typeDescription)",
                               at: call.range, raising: .typeError)
        }
        let name = functionClass.name + "Backward"
        let range = call.range
        let saved = if case .tuple(let items) = context.attribute("saved_tensors") ?? .none { !items.isEmpty } else { false }
        let variable = Variable.custom(name, data, inputs: inputs.map(\.variable), savesTensors: saved) {
            [weak evaluator] gradient throws(AutogradError) in
            let returned: Value
            do throws(RuntimeError) {
                guard let evaluator else { throw RuntimeError("\(name) ran after its program ended", at: range) }
                guard let backward else {
                    throw RuntimeError("You must implement either the backward or vjp method for your custom autograd.Function "
                                       + "to use it with backward mode AD.", at: range, raising: .notImplementedError)
                }
                returned = try GradModeContext.run([GradModeContext(typeName: "no_grad", enabled: false)]) { () throws(RuntimeError) in
                    try evaluator.call(backward, [contextValue, Evaluator.EvaluatedArgument(value: .tensor(gradient), range: range)],
                                       range: range, calleeRange: range, observer: nil)
                }
            } catch {
                throw .external(ExternalFailure(error, message: error.message))
            }
            return try gradients(returned, for: inputs, argumentCount: arguments.count, name: name)
        }
        return .variable(VariableBox(variable))
    }

    /// The class's `forward` or `backward`, as the function to call with `ctx` first, or nil
    /// when the program's class has none.
    private static func method(_ name: String, of functionClass: PythonClass) -> Value? {
        guard let (value, owner) = functionClass.lookup(name), owner !== baseClass else { return nil }
        if case .function(let function) = value, case .method(let method) = function.kind { return method.function }
        return value
    }

    /// What `backward` returned, as one gradient per variable argument: PyTorch's checks of
    /// the count (extra trailing Nones allowed) and of each gradient's shape, refused where the
    /// backward pass was asked for, as PyTorch's engine refuses them.
    private static func gradients(
        _ returned: Value, for inputs: [(index: Int, variable: Variable)], argumentCount: Int, name: String
    ) throws(AutogradError) -> [Tensor?] {
        let items: [Value] = if case .tuple(let items) = returned { items } else { [returned] }
        let extrasAreNone = items.dropFirst(argumentCount).allSatisfy { if case .none = $0 { true } else { false } }
        guard items.count >= argumentCount, extrasAreNone else {
            throw .invalidArgument("function \(name) returned an incorrect number of gradients "
                                   + "(expected \(argumentCount), got \(items.count))")
        }
        var result: [Tensor?] = []
        for (index, variable) in inputs {
            let item = items[index]
            if case .none = item {
                result.append(nil)
                continue
            }
            guard let gradient = item.asTensor else {
                throw .invalidArgument("function \(name) returned a gradient different than None at position \(index + 1), "
                                       + "but the corresponding forward input was not a Variable")
            }
            guard gradient.shape == variable.data.shape else {
                throw .invalidArgument("Function \(name) returned an invalid gradient at index \(index) - got "
                                       + "\(gradient.shape) but expected shape compatible with \(variable.data.shape)")
            }
            result.append(gradient.converted(to: variable.dtype))
        }
        return result
    }
}
