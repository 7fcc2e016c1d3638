import ConvNumerics

/// Making tensors and asking about them: tensor, zeros, ones, empty, full, arange, linspace,
/// shape, len (random tensors are in ``RandomBuiltins``).
enum TensorBuiltins {
    static let all: [Builtin] = [tensor, zeros, ones, empty, full, arange, linspace, shape, len]

    static let tensor = Builtin(
        name: "tensor", aliases: ["torch.tensor"], parameters: [.required("data")],
        summary: "a tensor from a list (as torch.tensor)",
        details: """
        tensor(data)

        Returns data as a tensor; lists already are tensors, so this is for pasted PyTorch code:
          tensor([[[2., 3., 4.]]])      # shape (1, 1, 3)
        """,
        body: { call throws(RuntimeError) in
            switch call.value("data") {
            case .tensor, .number, .int: return call.value("data")
            case let other: return .tensor(try Coercion.tensor(other, what: "tensor's data", at: call.range(of: "data")))
            }
        })

    static let zeros = filled(name: "zeros", value: 0)
    static let ones = filled(name: "ones", value: 1)

    static let empty = Builtin(
        name: "empty", aliases: ["torch.empty"],
        parameters: [.variadic("shape"), .optional("dtype", default: .none, namedOnly: true)],
        summary: "a tensor to fill, as torch.empty (its elements are 0 here)",
        details: """
        empty(shape..., dtype=torch.float32)

        PyTorch leaves torch.empty's memory as it finds it; conv gives zeros, so code that fills
        the tensor next (nn.init.normal_(empty(3, 5))) runs the same.
          empty(2, 3)
        """,
        body: { call throws(RuntimeError) in
            let shape = try shapeArgument(call)
            _ = try RandomArguments.dtype(call)
            guard let result = Tensor(repeating: 0, shape: shape) else { throw call.error("invalid shape \(shape)") }
            return .tensor(result)
        })

    static let full = Builtin(
        name: "full", aliases: ["torch.full"], parameters: [.required("size"), .required("fill_value", "value")],
        summary: "a tensor of one value in the given shape, as torch.full",
        details: """
        full(size, fill_value)

          full((2, 3), 0.5)   # shape (2, 3), every element 0.5
        """,
        body: { call throws(RuntimeError) in
            let items: [Value] = if case .tuple(let inner) = call.value("size") { inner } else { [call.value("size")] }
            var shape: [Int] = []
            for item in items {
                shape.append(try Coercion.integer(item, what: "a size", at: call.range(of: "size"), in: 0...Int.max))
            }
            try call.context.checkElementCount(of: shape, at: call.range)
            guard let result = Tensor(repeating: try call.number("fill_value"), shape: shape) else {
                throw call.error("invalid shape \(shape)")
            }
            return .tensor(result)
        })

    private static func filled(name: String, value: Double) -> Builtin {
        Builtin(
            name: name, aliases: ["torch.\(name)"], parameters: [.variadic("shape")],
            summary: "a tensor of \(name) of the given shape",
            details: """
            \(name)(shape...)

              \(name)(3)          # [\(ValueFormatter.format(value)), \(ValueFormatter.format(value)), \(ValueFormatter.format(value))]
              \(name)(2, 3)       # shape (2, 3); \(name)((2, 3)) works too
            """,
            body: { call throws(RuntimeError) in
                let shape = try shapeArgument(call)
                guard let result = Tensor(repeating: value, shape: shape) else { throw call.error("invalid shape \(shape)") }
                return .tensor(result)
            })
    }

    static let arange = Builtin(
        name: "arange", aliases: ["torch.arange"],
        parameters: [.required("start"), .optional("stop", "end", default: .none), .optional("step", default: .number(1)),
                     .optional("dtype", default: .none, namedOnly: true)],
        summary: "evenly spaced values from start up to (not including) stop",
        details: """
        arange(stop) or arange(start, stop, step=1)

          arange(4)           # [0, 1, 2, 3]
          arange(1, 2, 0.25)  # [1, 1.25, 1.5, 1.75]
        """,
        body: { call throws(RuntimeError) in
            var start = try call.number("start")
            var stop = 0.0
            if call.isGiven("stop") { stop = try call.number("stop") } else { (start, stop) = (0, start) }
            let step = try call.number("step")
            guard step != 0, step.isFinite, start.isFinite, stop.isFinite else {
                throw call.error("arange needs finite bounds and a non-zero step")
            }
            let count = Swift.max(0, ((stop - start) / step).rounded(.up))
            guard count <= Double(call.context.limits.maximumElements) else {
                throw call.error("arange would make \(ValueFormatter.format(count)) elements, more than the limit of \(call.context.limits.maximumElements)",
                                 kind: .limit(.elements))
            }
            let dtype = try RandomArguments.dtype(call, default: .float64)
            let values = rangeValues(start: start, step: step, count: Int(count), float32: dtype == .float32)
            return .tensor(Tensor(values).converted(to: dtype))
        })

    /// The values PyTorch's CPU kernel gives `arange(start, ..., step)` (measured against PyTorch
    /// 2.15 on 22,598 values of 40 ranges, float32 and float64, all equal): runs of two vectors
    /// (8 float32 or 4 float64 lanes each) start each vector at `start + step·first` (one
    /// rounding, rounded again to float32 for float32), then add `lane·step` to it; the values
    /// after the last whole run are `start + step·index`. Whole-number bounds are exact either way.
    static func rangeValues(start: Double, step: Double, count: Int, float32: Bool) -> [Double] {
        let lanes = float32 ? 8 : 4
        let vectorized = count / (2 * lanes) * (2 * lanes)
        let roundsToFloat = float32 && (start.rounded() != start || step.rounded() != step)
        return (0..<count).map { index in
            guard index < vectorized else { return start.addingProduct(step, Double(index)) }
            var base = start.addingProduct(step, Double(index - index % lanes))
            if roundsToFloat { base = Double(Float(base)) }
            return base.addingProduct(Double(index % lanes), step)
        }
    }

    static let linspace = Builtin(
        name: "linspace", aliases: ["torch.linspace"],
        parameters: [.required("start"), .required("stop", "end"), .required("n", "steps"), .optional("dtype", default: .none, namedOnly: true)],
        summary: "n evenly spaced values from start to stop, both included",
        details: """
        linspace(start, stop, n)

          linspace(0, 1, 5)   # [0, 0.25, 0.5, 0.75, 1]
        """,
        body: { call throws(RuntimeError) in
            let start = try call.number("start")
            let stop = try call.number("stop")
            let n = try call.integer("n", in: 0...call.context.limits.maximumElements)
            let dtype = try RandomArguments.dtype(call, default: .float64)
            let values = dtype == .float32
                ? linspaceValues(start: Float(start), stop: Float(stop), count: n).map(Double.init)
                : linspaceValues(start: start, stop: stop, count: n)
            return .tensor(Tensor(values).converted(to: dtype))
        })

    /// The values PyTorch's CPU kernel gives `linspace(start, stop, n)`, in the dtype's own
    /// arithmetic (measured against PyTorch 2.15 on 58,645 values of 47 ranges, float32 and
    /// float64, all equal): `step = (stop − start)/(n − 1)`, the first half `start + step·i` and
    /// the rest `stop − step·(n − 1 − i)`, each with one rounding (a fused multiply-add).
    static func linspaceValues<Scalar: BinaryFloatingPoint>(start: Scalar, stop: Scalar, count n: Int) -> [Scalar] {
        guard n > 1 else { return n == 1 ? [start] : [] }
        let step = (stop - start) / Scalar(n - 1)
        let halfway = n / 2
        return (0..<n).map { index in
            index < halfway ? start.addingProduct(step, Scalar(index)) : stop.addingProduct(-step, Scalar(n - 1 - index))
        }
    }

    static let shape = Builtin(
        name: "shape", parameters: [.required("x")],
        summary: "the shape of a tensor, as a tuple",
        details: """
        shape(x)   same as x.shape

          shape([[1, 2, 3]])  # (1, 3)
        """,
        body: { call throws(RuntimeError) in
            switch call.value("x") {
            case .tensor(let t): return .tuple(t.shape.map { .int($0) })
            case .number, .int: return .tuple([])
            case let other: throw call.error("shape needs a tensor, not \(other.typeDescription)", at: "x")
            }
        })

    static let len = Builtin(
        name: "len", parameters: [.required("x")],
        summary: "the size of the first dimension (or of a tuple or string)",
        details: """
        len(x)

          len([2, 3, 4])      # 3
        """,
        takesPythonValues: true,
        body: { call throws(RuntimeError) in
            switch call.value("x") {
            case let other where other.asTensor != nil:
                guard let length = other.asTensor?.shape.first else { throw call.error("len() of a 0-d tensor", at: "x", raising: .typeError) }
                return .int(length)
            case let other where other.numpyArray != nil:
                guard let length = other.numpyArray?.tensor.shape.first else { throw call.error("len() of unsized object", at: "x", raising: .typeError) }
                return .int(length)
            case .tuple(let items): return .int(items.count)
            case .size(let extents): return .int(extents.count)
            case .returnTuple(let named): return .int(named.items.count)
            case .list(let list): return .int(list.items.count)
            case .dict(let dict): return .int(dict.count)
            case .set(let set): return .int(set.count)
            case let other where other.dictView != nil: return .int(other.dictView?.dict.count ?? 0)
            case .object(let box) where box.object is DataLoader:
                return .int(try (box.object as? DataLoader)?.batchCount(call.context, at: call.range(of: "x")) ?? 0)
            case .object(let box) where box.object is any DatasetObject: return .int((box.object as? any DatasetObject)?.count ?? 0)
            case .range(let range): return .int(range.count)
            case .string(let s): return .int(s.unicodeScalars.count)
            case .layer(let layer) where layer.module is any ModuleSequence: return .int(layer.module.children.count)
            case let other where other.pythonInstance != nil:
                guard let length = try call.context.evaluator?.callSpecial("__len__", of: other, [], range: call.range) else {
                    throw call.error("object of type '\(other.typeDescription)' has no len()", at: "x", raising: .typeError)
                }
                return length
            case let other where Iteration.lazyIterator(other) != nil:
                throw call.error("object of type '\(PythonText.typeName(other))' has no len()", at: "x", raising: .typeError)
            case let other: throw call.error("len needs a tensor, list, tuple, dict, range or string, not \(other.typeDescription)", at: "x")
            }
        })

    /// A shape given as `f(2, 3)`, `f((2, 3))` or `f([2, 3])`, checked against the element limit.
    static func shapeArgument(_ call: BuiltinCall) throws(RuntimeError) -> [Int] {
        var items = call.rest
        if items.count == 1 {
            switch items[0].value {
            case .tuple(let inner): items = inner.map { ($0, items[0].range) }
            case .tensor(let t) where t.rank == 1: items = t.scalars.map { (.number($0), items[0].range) }
            default: break
            }
        }
        var shape: [Int] = []
        for (value, range) in items {
            shape.append(try Coercion.integer(value, what: "a size", at: range, in: 0...Int.max))
        }
        try call.context.checkElementCount(of: shape, at: call.range)
        return shape
    }
}
