import ConvAutograd
import ConvNumerics

/// `torch.hstack`, `vstack` (`row_stack`), `dstack`, `column_stack`, `atleast_1d/2d/3d` and
/// `meshgrid`, composed as PyTorch composes them: each tensor given the rank its stacking needs
/// (`unsqueeze`, `view`), then `torch.cat`, so that the graph holds PyTorch's nodes
/// (`UnsqueezeBackward0` into `CatBackward0`) and gradients flow back through them.
enum StackingFunctions {
    /// Torch functions only, as in PyTorch (tensors have no `x.hstack`).
    static let functionsOnly: [Builtin] = [hstack, vstack, rowStack, dstack, columnStack, atleast1d, atleast2d, atleast3d, meshgrid]

    private static let tensors = Builtin.Parameter.required("tensors")

    static let hstack = stacking("hstack", "tensors side by side: 1-D ones end to end, others along dim 1",
                                 example: "torch.hstack([a, b])", dim: { $0 == 1 ? 0 : 1 }) { x throws(AutogradError) in try atLeast(1, x) }
    static let vstack = stacking("vstack", "tensors one above another (1-D ones as rows), along dim 0",
                                 example: "torch.vstack([a, b])", dim: { _ in 0 }) { x throws(AutogradError) in try atLeast(2, x) }
    static let rowStack = stacking("row_stack", "vstack's other name", example: "torch.row_stack([a, b])",
                                   dim: { _ in 0 }) { x throws(AutogradError) in try atLeast(2, x) }
    static let dstack = stacking("dstack", "tensors stacked depthwise, along dim 2", example: "torch.dstack([a, b])",
                                 dim: { _ in 2 }) { x throws(AutogradError) in try atLeast(3, x) }
    static let columnStack = stacking("column_stack", "tensors as columns: 1-D ones become columns, then along dim 1",
                                      example: "torch.column_stack([a, b])", dim: { _ in 1 }) { x throws(AutogradError) in
        x.data.rank <= 1 ? try x.view([x.data.count, 1]) : x
    }

    /// A stacking function: each part reshaped by `prepare`, then joined along `dim(rank)` of the
    /// first prepared part's rank.
    private static func stacking(
        _ name: String, _ summary: String, example: String, dim: @escaping @Sendable (Int) -> Int,
        prepare: @escaping @Sendable (Variable) throws(AutogradError) -> Variable
    ) -> Builtin {
        .tensorFunction(name, [tensors], summary, example: example) { call throws(RuntimeError) in
            let parts = try operands(call, name)
            return try AutogradValues.run(at: call.range) { () throws(AutogradError) -> Variable in
                let prepared = try parts.map { part throws(AutogradError) in try prepare(part) }
                let axis = dim(prepared[0].data.rank)
                try checkSizes(prepared, along: axis)
                // Parts that record nothing join in any dtype (the engine's cat is for floats).
                guard GradMode.isEnabled, prepared.contains(where: \.requiresGrad) else {
                    return Variable(constant: JoiningFunctions.joined(prepared.map(\.data), along: axis))
                }
                return try Functional.cat(prepared, dim: axis)
            }
        }
    }

    /// `x` with at least `rank` dimensions, as `torch.atleast_1d/2d/3d` gives it: a 0-d tensor
    /// viewed as `[1]`, `[1, 1]` or `[1, 1, 1]`; a vector as a row (`[1, n]`) or `[1, n, 1]`; a
    /// matrix as `[m, n, 1]`.
    static func atLeast(_ rank: Int, _ x: Variable) throws(AutogradError) -> Variable {
        switch (rank, x.data.rank) {
        case (_, 0): try x.view(Array(repeating: 1, count: rank))
        case (2, 1), (3, 1): rank == 2 ? try x.unsqueeze(0) : try x.unsqueeze(0).unsqueeze(-1)
        case (3, 2): try x.unsqueeze(-1)
        default: x
        }
    }

    /// The parts as operands in one dtype: PyTorch's `cat` promotes (an int64 part beside a
    /// float32 one becomes float32); a part that requires grad keeps its own dtype unless
    /// promotion widens it.
    private static func operands(_ call: BuiltinCall, _ name: String) throws(RuntimeError) -> [Variable] {
        let items: [Value]
        switch call.value("tensors") {
        case .list(let list): items = list.items
        case .tuple(let values): items = values
        case let other:
            throw call.error("\(name)(): argument 'tensors' (position 1) must be tuple of Tensors, not \(PythonText.typeName(other))",
                             at: "tensors", raising: .typeError)
        }
        guard !items.isEmpty else { throw call.error("\(name) expects a non-empty TensorList", at: "tensors") }
        var parts: [Variable] = []
        for item in items {
            parts.append(try AutogradValues.variable(item, what: "each of \(name)'s tensors", at: call.range(of: "tensors")))
        }
        let dtype = parts.dropFirst().reduce(parts[0].dtype) { TypePromotion.promote($0, $1.dtype) }
        do {
            return try parts.map { part throws(AutogradError) in
                guard part.dtype != dtype else { return part }
                return part.requiresGrad ? try part.converted(to: dtype) : Variable(constant: part.data.converted(to: dtype))
            }
        } catch {
            throw AutogradValues.located(error, at: call.range)
        }
    }

    /// PyTorch's refusal of parts whose sizes differ off the joining dimension.
    private static func checkSizes(_ parts: [Variable], along axis: Int) throws(AutogradError) {
        let first = parts[0].shape
        for (number, part) in parts.enumerated() {
            guard part.shape.count == first.count else {
                throw .invalidArgument("Tensors must have same number of dimensions: got \(first.count) and \(part.shape.count)")
            }
            for dim in first.indices where dim != axis && part.shape[dim] != first[dim] {
                throw .invalidArgument("Sizes of tensors must match except in dimension \(axis). Expected size \(first[dim]) but got size \(part.shape[dim]) for tensor number \(number) in the list.")
            }
        }
    }

    static let atleast1d = atLeastFunction(1)
    static let atleast2d = atLeastFunction(2)
    static let atleast3d = atLeastFunction(3)

    /// `torch.atleast_2d(x)`: one tensor gives one tensor; several (or one list or tuple of
    /// them) give a tuple.
    private static func atLeastFunction(_ rank: Int) -> Builtin {
        .tensorFunction("atleast_\(rank)d", [.variadic("tensors")], "each tensor viewed with at least \(rank) dimensions",
                        example: "torch.atleast_\(rank)d(x)") { call throws(RuntimeError) in
            let (items, single) = spread(call)
            var results: [Value] = []
            for item in items {
                let x = try AutogradValues.variable(item, what: "atleast_\(rank)d's tensor", at: call.range)
                results.append(try AutogradValues.run(at: call.range) { () throws(AutogradError) in try atLeast(rank, x) })
            }
            return single ? results[0] : .tuple(results)
        }
    }

    /// The tensors of a variadic call, written one by one (`f(a, b)`) or as one list or tuple
    /// (`f([a, b])`), and whether exactly one was written alone.
    private static func spread(_ call: BuiltinCall) -> (items: [Value], single: Bool) {
        let items = call.rest.map(\.value)
        guard items.count == 1 else { return (items, false) }
        switch items[0] {
        case .list(let list): return (list.items, false)
        case .tuple(let values): return (values, false)
        default: return (items, true)
        }
    }

    /// `torch.meshgrid(a, b, indexing="ij")`: for N vectors, N tensors of their N lengths, the
    /// i-th vector's values running along dim i (`"xy"` swaps the first two dimensions, as
    /// NumPy's default does). Each is its vector viewed and expanded (`ExpandBackward0`).
    static let meshgrid = Builtin.tensorFunction(
        "meshgrid", [.variadic("tensors"), .optional("indexing", default: .none, namedOnly: true)],
        "coordinate grids from 1-D tensors, one per tensor", example: "torch.meshgrid(x, y, indexing='ij')") { call throws(RuntimeError) in
        let items = spread(call).items
        let indexing = call.value("indexing").isNone ? "ij" : try call.string("indexing")
        guard indexing == "ij" || indexing == "xy" else {
            throw call.error("torch.meshgrid: indexing must be one of \"xy\" or \"ij\", but received: \(indexing)", at: "indexing")
        }
        guard !items.isEmpty else { throw call.error("meshgrid expects a non-empty TensorList") }
        var vectors: [Variable] = []
        for item in items {
            vectors.append(try AutogradValues.variable(item, what: "meshgrid's tensors", at: call.range))
        }
        for vector in vectors where vector.data.rank > 1 {
            throw call.error("torch.meshgrid: Expected 0D or 1D tensor in the tensor list but got a \(vector.data.rank)-D tensor")
        }
        guard vectors.allSatisfy({ $0.dtype == vectors[0].dtype }) else { throw call.error("meshgrid expects all tensors to have the same dtype") }
        let swap = indexing == "xy" && vectors.count >= 2
        var order = Array(vectors.indices)
        if swap { order.swapAt(0, 1) }
        let ordered = order.map { vectors[$0] }
        let shape = ordered.map { Swift.max($0.data.count, $0.data.rank == 0 ? 1 : 0) }
        try call.context.checkElementCount(of: shape, at: call.range)
        var grids = [Value](repeating: .none, count: vectors.count)
        for (position, index) in order.enumerated() {
            var viewShape = Array(repeating: 1, count: shape.count)
            viewShape[position] = -1
            let vector = vectors[index]
            guard GradMode.isEnabled, vector.requiresGrad else {
                // Values only, in any dtype: element i of the grid is the vector's element at its
                // coordinate along `position`.
                let stride = shape[(position + 1)...].reduce(1, *)
                let sources = (0..<shape.reduce(1, *)).map { ($0 / stride) % shape[position] }
                let flat = TensorGeometry.reshaped(vector.data, [vector.data.count])
                grids[index] = try call.made(TensorGeometry.gather(flat, shape: shape, sources: sources) ?? flat)
                continue
            }
            grids[index] = try AutogradValues.run(at: call.range) { () throws(AutogradError) in try vector.view(viewShape).expand(shape) }
        }
        return .tuple(grids)
    }
}
