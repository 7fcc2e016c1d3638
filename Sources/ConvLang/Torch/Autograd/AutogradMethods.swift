import ConvAutograd
import ConvNumerics

/// The tensor methods of ``TensorMethods`` that PyTorch differentiates, recorded on a tensor
/// that requires grad: `x.max()` (`MaxBackward1`), `x.max(1)` (`MaxBackward0`), `x.max(y)`
/// (`MaximumBackward0`), `amax`, `amin`, `std`, `var`, `prod`, `median`, `sort`, `topk`, `sin`, `cos`, `round`,
/// the other elementwise functions of one tensor (`floor`, `rsqrt`, `erf`, ...), `masked_fill`,
/// `neg`, the matrix products (`matmul`, `mm`, `dot`, `bmm`) and the methods that move elements
/// (`flip`, `repeat`, `expand`, `t`, `permute`, ...) or cut it (`chunk`, `split`, `unbind`).
///
/// Each is the plain method (its arguments, checks and values, indices included) followed by
/// the engine's operation, whose node gives the result its `grad_fn`. On a tensor that needs no
/// gradient, or under `torch.no_grad()`, the plain method's result is the answer.
/// A method PyTorch differentiates and conv does not record is refused on a tensor that requires
/// grad (``refusal(_:)``) rather than giving a result cut from the graph.
enum AutogradMethods {
    /// What records the node: the call, the receiver and the plain method's result.
    typealias Recorder = @Sendable (BuiltinCall, Variable, Value) throws(RuntimeError) -> Value

    static let methods: [Builtin] = [
        recorded("max") { call, x, plain throws(RuntimeError) in try extreme(call, x, plain, largest: true) },
        recorded("min") { call, x, plain throws(RuntimeError) in try extreme(call, x, plain, largest: false) },
        recorded("amax") { call, x, _ throws(RuntimeError) in
            let (dims, keep) = (try call.dimensions("dim", rank: x.data.rank), try call.bool("keepdim"))
            return try run(call) { () throws(AutogradError) in try x.amax(dims: dims, keepDimensions: keep) }
        },
        recorded("amin") { call, x, _ throws(RuntimeError) in
            let (dims, keep) = (try call.dimensions("dim", rank: x.data.rank), try call.bool("keepdim"))
            return try run(call) { () throws(AutogradError) in try x.amin(dims: dims, keepDimensions: keep) }
        },
        recorded("std") { call, x, _ throws(RuntimeError) in try spread(call, x, root: true) },
        recorded("var") { call, x, _ throws(RuntimeError) in try spread(call, x, root: false) },
        recorded("prod") { call, x, _ throws(RuntimeError) in
            let dims = try call.dimensions("dim", rank: x.data.rank)
            let keep = try call.bool("keepdim")
            return try run(call) { () throws(AutogradError) in
                guard let dims else { return try x.prod() }
                guard dims.count == 1 else { throw .invalidArgument("prod() takes one dim, not \(dims.count)") }
                return try x.prod(dim: dims[0], keepDimensions: keep)
            }
        },
        recorded("norm") { call, x, _ throws(RuntimeError) in try NormFunctions.recorded(call, x, order: try NormFunctions.order(call, "p")) },
        recorded("median") { call, x, plain throws(RuntimeError) in
            if case .tensor(let value) = plain { return try run(call) { () throws(AutogradError) in try x.chosen(value, name: "MedianBackward0") } }
            return try taken(call, x, plain, dim: try call.integer("dim"), name: "MedianBackward1")
        },
        recorded("sort") { call, x, plain throws(RuntimeError) in try taken(call, x, plain, dim: try call.integer("dim"), name: "SortBackward0") },
        recorded("topk") { call, x, plain throws(RuntimeError) in try taken(call, x, plain, dim: try call.integer("dim"), name: "TopkBackward0") },
        recorded("sin") { call, x, _ throws(RuntimeError) in try run(call) { () throws(AutogradError) in try x.sin() } },
        recorded("cos") { call, x, _ throws(RuntimeError) in try run(call) { () throws(AutogradError) in try x.cos() } },
        recorded("neg") { call, x, _ throws(RuntimeError) in try run(call) { () throws(AutogradError) in try x.neg() } },
        recorded("round") { call, x, _ throws(RuntimeError) in
            let decimals: Int? = call.isGiven("decimals") ? try call.integer("decimals") : nil
            return try run(call) { () throws(AutogradError) in try x.round(decimals: decimals) }
        },
        recorded("floor") { call, x, _ throws(RuntimeError) in try run(call) { () throws(AutogradError) in try x.floor() } },
        recorded("ceil") { call, x, _ throws(RuntimeError) in try run(call) { () throws(AutogradError) in try x.ceil() } },
        recorded("trunc") { call, x, _ throws(RuntimeError) in try run(call) { () throws(AutogradError) in try x.trunc() } },
        recorded("frac") { call, x, _ throws(RuntimeError) in try run(call) { () throws(AutogradError) in try x.frac() } },
        recorded("sign") { call, x, _ throws(RuntimeError) in try run(call) { () throws(AutogradError) in try x.sign() } },
        recorded("square") { call, x, _ throws(RuntimeError) in try run(call) { () throws(AutogradError) in try x.pow(2) } },
        recorded("reciprocal") { call, x, _ throws(RuntimeError) in try run(call) { () throws(AutogradError) in try x.reciprocal() } },
        recorded("rsqrt") { call, x, _ throws(RuntimeError) in try run(call) { () throws(AutogradError) in try x.rsqrt() } },
        recorded("log1p") { call, x, _ throws(RuntimeError) in try run(call) { () throws(AutogradError) in try x.log1p() } },
        recorded("expm1") { call, x, _ throws(RuntimeError) in try run(call) { () throws(AutogradError) in try x.expm1() } },
        recorded("exp2") { call, x, _ throws(RuntimeError) in try run(call) { () throws(AutogradError) in try x.exp2() } },
        recorded("log2") { call, x, _ throws(RuntimeError) in try run(call) { () throws(AutogradError) in try x.log2() } },
        recorded("log10") { call, x, _ throws(RuntimeError) in try run(call) { () throws(AutogradError) in try x.log10() } },
        recorded("erf") { call, x, _ throws(RuntimeError) in try run(call) { () throws(AutogradError) in try x.erf() } },
        recorded("masked_fill") { call, x, _ throws(RuntimeError) in
            let (flags, value) = (try ElementwiseMethods.maskFlags(call, shape: x.data.shape), try ElementwiseMethods.fillValue(call))
            return try run(call) { () throws(AutogradError) in try x.maskedFilled(flags, value: value) }
        },
        recorded("flip") { call, x, _ throws(RuntimeError) in
            let dims = try call.sizesOrDimensions("dims")
            return try run(call) { () throws(AutogradError) in try x.flip(dims) }
        },
        recorded("repeat") { call, x, _ throws(RuntimeError) in
            let repeats = try call.sizes("sizes")
            return try run(call) { () throws(AutogradError) in try x.repeated(repeats) }
        },
        recorded("expand") { call, x, plain throws(RuntimeError) in try reshaped(call, plain) { shape throws(AutogradError) in try x.expand(shape) } },
        recorded("expand_as") { call, x, plain throws(RuntimeError) in try reshaped(call, plain) { shape throws(AutogradError) in try x.expand(shape) } },
        recorded("view_as") { call, x, plain throws(RuntimeError) in try reshaped(call, plain) { shape throws(AutogradError) in try x.view(shape) } },
        recorded("reshape_as") { call, x, plain throws(RuntimeError) in try reshaped(call, plain) { shape throws(AutogradError) in try x.reshape(shape) } },
        recorded("t") { call, x, _ throws(RuntimeError) in try run(call) { () throws(AutogradError) in try x.t() } },
        recorded("clone") { call, x, _ throws(RuntimeError) in try run(call) { () throws(AutogradError) in x.clone() } },
        recorded("contiguous") { call, _, _ throws(RuntimeError) in call.receiver },
        recorded("unsqueeze") { call, x, _ throws(RuntimeError) in
            let dim = try call.dimension("dim", rank: x.data.rank + 1)
            return try run(call) { () throws(AutogradError) in try x.unsqueeze(dim) }
        },
        recorded("squeeze") { call, x, _ throws(RuntimeError) in
            let dims = try call.dimensions("dim", rank: x.data.rank)
            return try run(call) { () throws(AutogradError) in
                guard let dims, dims.count == 1 else { return try x.squeeze(nil) }
                return try x.squeeze(dims[0])
            }
        },
        recorded("permute") { call, x, _ throws(RuntimeError) in
            let order = try call.sizesOrDimensions("dims")
            return try run(call) { () throws(AutogradError) in try x.permute(order) }
        },
        recorded("transpose") { call, x, _ throws(RuntimeError) in
            let (a, b) = (try call.integer("dim0"), try call.integer("dim1"))
            return try run(call) { () throws(AutogradError) in try x.transpose(a, b) }
        },
        recorded("chunk") { call, x, _ throws(RuntimeError) in try SplittingMethods.recorded(call, x) },
        recorded("split") { call, x, _ throws(RuntimeError) in try SplittingMethods.recorded(call, x) },
        recorded("unbind") { call, x, _ throws(RuntimeError) in try SplittingMethods.recorded(call, x) },
        recorded("matmul") { call, x, _ throws(RuntimeError) in try product(call, x, "other") },
        recorded("mm") { call, x, _ throws(RuntimeError) in try product(call, x, "mat2") },
        recorded("dot") { call, x, _ throws(RuntimeError) in try product(call, x, "other") },
        recorded("bmm") { call, x, _ throws(RuntimeError) in try product(call, x, "mat2", batched: true) },
    ] + AutogradComparison.recorded + AutogradIndexMethods.methods

    /// The names of the methods recorded here: a plain tensor's call of one records too when
    /// an argument requires grad.
    static let names = Set(methods.map(\.name))

    /// The plain method `name` (``TensorMethods/methods``), recorded by `record` when the
    /// receiver requires grad and grad mode is on.
    static func recorded(_ name: String, _ record: @escaping Recorder) -> Builtin {
        let plain = TensorMethods.methods[name]
        var builtin = Builtin(
            name: name, parameters: plain?.parameters ?? [], summary: plain?.summary ?? name, details: plain?.details ?? "",
            body: { call throws(RuntimeError) in
                guard let plain else { throw call.error("tensors have no method '\(name)'") }
                let value = try plain.body(&call)
                guard GradMode.isEnabled else { return value }
                if case .variable(let box) = call.receiver, box.requiresGrad { return try record(call, box.variable, value) }
                // `c.matmul(w)`, `c.max(w)`: a plain receiver with an argument that requires grad.
                guard call.values.contains(where: { if case .variable(let box) = $0 { box.requiresGrad } else { false } }),
                      let tensor = call.receiver.asTensor, tensor.dtype.isFloatingPoint else { return value }
                return try record(call, Variable(constant: tensor), value)
            })
        builtin.takesPythonValues = true
        return builtin
    }

    /// A refusal of `x.NAME()` on a tensor that requires grad, for a method PyTorch
    /// differentiates and conv does not record; nil for a method whose result carries no
    /// gradient (indices, sizes, comparisons, numbers).
    static func refusal(_ name: String) -> Builtin? {
        guard TensorMembers.methods[name] == nil, !valueOnly.contains(name), TensorMethods.methods[name] != nil else { return nil }
        var builtin = Builtin(name: name, parameters: [.variadic("args"), .namedVariadic("kwargs")], summary: "", details: "",
                              body: { call throws(RuntimeError) in
            // An in-place method (`w.normal_()`) on a leaf that requires grad is PyTorch's own refusal.
            if name.hasSuffix("_"), case .variable(let box) = call.receiver, box.isLeaf {
                throw AutogradValues.located(.leafInPlace(view: false), at: call.range)
            }
            throw call.error("conv does not record the gradient of \(name)() yet, and this tensor requires grad",
                             notes: ["x.detach().\(name)(...) computes the values without a gradient"])
        })
        builtin.takesPythonValues = true
        return builtin
    }

    /// Methods whose result carries no gradient in PyTorch either, or that write in place.
    private static let valueOnly: Set<String> = Set([
        "argmax", "argmin", "argsort", "size", "dim", "numel", "item", "tolist", "equal", "isclose", "allclose", "detach", "requires_grad_",
        // New tensors of the receiver's dtype: its values do not enter them.
        "new_zeros", "new_ones", "new_full", "new_empty", "new_tensor",
    ]).union(ComparisonFunctions.valueOnlyNames)

    // MARK: - Recorders

    static func run(_ call: BuiltinCall, _ operation: () throws(AutogradError) -> Variable) throws(RuntimeError) -> Value {
        try AutogradValues.run(at: call.range, operation)
    }

    /// `x.max()`, `x.max(dim)` (values recorded, indices the plain method's) and `x.max(y)`.
    private static func extreme(_ call: BuiltinCall, _ x: Variable, _ plain: Value, largest: Bool) throws(RuntimeError) -> Value {
        switch call.value("dim") {
        case .none:
            return try run(call) { () throws(AutogradError) in largest ? try x.max() : try x.min() }
        case .tensor, .variable:
            let other = try AutogradValues.variable(call.value("dim"), what: "other", at: call.range(of: "dim"))
            return try run(call) { () throws(AutogradError) in largest ? try x.maximum(other) : try x.minimum(other) }
        default:
            let (dim, keep) = (try call.integer("dim"), try call.bool("keepdim"))
            guard case .returnTuple(let named) = plain, named.items.count == 2 else { return plain }
            let values = try run(call) { () throws(AutogradError) in
                (largest ? try x.max(dim: dim, keepDimensions: keep) : try x.min(dim: dim, keepDimensions: keep)).values
            }
            return .returnTuple(ReturnTuple(name: named.name, items: [values, named.items[1]]))
        }
    }

    /// `x.std(...)` and `x.var(...)` with the plain method's reading of `dim`, `unbiased`,
    /// `correction` and `keepdim`.
    private static func spread(_ call: BuiltinCall, _ x: Variable, root: Bool) throws(RuntimeError) -> Value {
        let (dims, correction) = try ReductionMethods.spreadArguments(call, rank: x.data.rank)
        let keep = try call.bool("keepdim")
        return try run(call) { () throws(AutogradError) in
            root ? try x.std(dims: dims, correction: correction, keepDimensions: keep)
                : try x.variance(dims: dims, correction: correction, keepDimensions: keep)
        }
    }

    /// The values of a (values, indices) result recorded as taken from `x` at the indices.
    static func taken(_ call: BuiltinCall, _ x: Variable, _ plain: Value, dim: Int, name: String) throws(RuntimeError) -> Value {
        guard case .returnTuple(let named) = plain, named.items.count == 2, let indices = named.items[1].asTensor else { return plain }
        let values = try run(call) { () throws(AutogradError) in try x.taken(along: dim, indices: indices, name: name) }
        return .returnTuple(ReturnTuple(name: named.name, items: [values, named.items[1]]))
    }

    /// `x.matmul(other)`, `x.mm(mat2)`, `x.dot(other)`, `x.bmm(mat2)`.
    private static func product(_ call: BuiltinCall, _ x: Variable, _ name: String, batched: Bool = false) throws(RuntimeError) -> Value {
        let other = try AutogradValues.variable(call.value(name), what: name, at: call.range(of: name))
        return try run(call) { () throws(AutogradError) in try x.matmul(other, batched: batched) }
    }

    /// A result of the plain method's shape, recorded by `operation`.
    private static func reshaped(
        _ call: BuiltinCall, _ plain: Value, _ operation: ([Int]) throws(AutogradError) -> Variable
    ) throws(RuntimeError) -> Value {
        guard let shape = plain.asTensor?.shape else { return plain }
        return try run(call) { () throws(AutogradError) in try operation(shape) }
    }
}

extension BuiltinCall {
    /// A variadic list of dimensions, negative ones included (`x.flip(0, -1)`, `x.permute((1, 0))`).
    func sizesOrDimensions(_ name: String) throws(RuntimeError) -> [Int] {
        var items = rest.map(\.value)
        if items.count == 1 {
            switch items[0] {
            case .tuple(let inner): items = inner
            case .list(let list): items = list.items
            default: break
            }
        }
        var dims: [Int] = []
        for item in items { dims.append(try Coercion.integer(item, what: "\(builtin.name)'s argument '\(name)'", at: range)) }
        return dims
    }
}
