import ConvNumerics

/// NumPy's elementwise functions of two arrays (`np.add`, `np.multiply`, `np.maximum`, ...) and
/// those of one that are an operator (`np.negative`, `np.square`) or two of them (`np.clip`).
/// Each is the array operator underneath (``NumPyOperators/ufunc(_:_:_:_:_:at:context:)``), so
/// `np.multiply(a, b)` promotes, broadcasts and fails as `a * b` does; Python numbers in give a
/// NumPy scalar out, lists and tuples are arrays, and `out=` names an array to write into.
enum NumPyUfuncs {
    static let all: [Builtin] = [
        binary("add", .add, "the elementwise sum", example: "np.add(a, 1)"),
        binary("subtract", .subtract, "the elementwise difference", example: "np.subtract(a, b)"),
        binary("multiply", .multiply, "the elementwise product", example: "np.multiply((0.5, 0.25), (2, 4))    # array([1., 1.])"),
        binary("divide", .divide, "the elementwise true quotient", example: "np.divide([1, 2], 4)    # array([0.25, 0.5 ])"),
        binary("true_divide", .divide, "the elementwise true quotient", example: "np.true_divide(a, b)"),
        binary("floor_divide", .floorDivide, "the elementwise floor of the quotient", example: "np.floor_divide([7, -7], 2)    # array([ 3, -4])"),
        binary("power", .power, "each x1 to the power x2", example: "np.power(2, [1, 2, 3])    # array([2, 4, 8])"),
        binary("mod", .remainder, "the elementwise remainder, with the sign of the divisor", example: "np.mod([7, -7], 3)    # array([1, 2])"),
        binary("remainder", .remainder, "the elementwise remainder, with the sign of the divisor", example: "np.remainder(a, 3)"),
        binary("maximum", nil, "the elementwise larger (nan when either is)", example: "np.maximum(a, 0)", maximum),
        binary("minimum", nil, "the elementwise smaller (nan when either is)", example: "np.minimum(a, 0)", minimum),
        binary("fmax", nil, "the elementwise larger, ignoring a nan", example: "np.fmax(a, b)") { x, y in
            x.isNaN ? y : y.isNaN ? x : Swift.max(x, y)
        },
        binary("fmin", nil, "the elementwise smaller, ignoring a nan", example: "np.fmin(a, b)") { x, y in
            x.isNaN ? y : y.isNaN ? x : Swift.min(x, y)
        },
        square, negative, reciprocal, clip,
    ]

    private static let maximum: @Sendable (Double, Double) -> Double = { x, y in x.isNaN || y.isNaN ? .nan : Swift.max(x, y) }
    private static let minimum: @Sendable (Double, Double) -> Double = { x, y in x.isNaN || y.isNaN ? .nan : Swift.min(x, y) }

    private static func binary(
        _ name: String, _ op: BinaryOperator?, _ summary: String, example: String,
        _ function: (@Sendable (Double, Double) -> Double)? = nil
    ) -> Builtin {
        NumPyLibrary.function(name, [.required("x1"), .required("x2"), .optional("out", default: .none)], summary, example: example) { call throws(RuntimeError) in
            let result = try NumPyOperators.ufunc(name, op, function, call.value("x1"), call.value("x2"),
                                                  at: (call.range(of: "x1"), call.range(of: "x2")), context: call.context)
            return try store(result, call, ufunc: name)
        }
    }

    /// `result` written into the array `out=` names (broadcast to its shape, cast to its dtype
    /// when NumPy's `same_kind` rule allows), which is then the result; `result` itself without `out=`.
    static func store(_ result: Value, _ call: BuiltinCall, ufunc name: String) throws(RuntimeError) -> Value {
        var out = call.value("out")
        if out.isNone { return result }
        if case .tuple(let items) = out, items.count == 1 { out = items[0] }
        guard let target = out.numpyArray, !target.isScalar, let made = result.numpyArray?.tensor else {
            throw call.error("return arrays must be of ArrayType", at: "out", raising: .typeError)
        }
        let kinds: [DType: Int] = [.bool: 0, .int32: 1, .int64: 1, .float32: 2, .float64: 2]
        guard (kinds[made.dtype] ?? 2) <= (kinds[target.tensor.dtype] ?? 2) else {
            throw call.error("Cannot cast ufunc '\(name)' output from dtype('\(made.dtype.rawValue)') to dtype('\(target.tensor.dtype.rawValue)') with casting rule 'same_kind'",
                             at: "out", raising: .typeError)
        }
        let shape = target.tensor.shape
        guard Broadcasting.shape(made.shape, shape) == shape,
              let zeros = Tensor(repeating: 0, shape: shape), let filled = Broadcasting.combine(made, zeros, { x, _ in x }) else {
            throw call.error("non-broadcastable output operand with shape \(NumPyShapes.tuple(shape, compact: true)) doesn't match the broadcast shape \(NumPyShapes.tuple(Broadcasting.shape(made.shape, shape) ?? made.shape, compact: true))",
                             at: "out", raising: .valueError)
        }
        // Through float64, so an int64 result keeps its exact values only up to 2^53, as conv's arrays do elsewhere.
        target.tensor = filled.converted(to: target.tensor.dtype)
        return out
    }

    private static func unary(
        _ name: String, _ summary: String, example: String, _ body: @escaping @Sendable (inout BuiltinCall, Value) throws(RuntimeError) -> Value
    ) -> Builtin {
        NumPyLibrary.function(name, [.required("x")], summary, example: example) { call throws(RuntimeError) in
            try body(&call, call.value("x"))
        }
    }

    /// `np.square(x)`: `x * x`.
    static let square = unary("square", "each element squared", example: "np.square([1, -2, 3])    # array([1, 4, 9])") { call, x throws(RuntimeError) in
        try NumPyOperators.ufunc("square", .multiply, nil, x, x, at: (call.range(of: "x"), call.range(of: "x")), context: call.context)
    }

    /// `np.negative(x)`: `-x`.
    static let negative = unary("negative", "each element negated", example: "np.negative([1, -2])    # array([-1,  2])") { call, x throws(RuntimeError) in
        let array = Value.array(try NumPyLibrary.tensor(call, "x"))
        let negated = try NumPyOperators.unary(.negate, array, at: call.range(of: "x"))
        return negated ?? array
    }

    /// `np.reciprocal(x)`: `1 / x` in x's dtype; for integers, truncated (so 0 for any |x| > 1).
    static let reciprocal = unary("reciprocal", "1 / each element, in the element's dtype", example: "np.reciprocal([1.0, 4.0])    # array([1.  , 0.25])") { call, x throws(RuntimeError) in
        let input = try NumPyLibrary.tensor(call, "x")
        guard !input.dtype.isFloatingPoint else {
            return try NumPyOperators.ufunc("reciprocal", .divide, nil, .int(1), .array(input), at: (call.range(of: "x"), call.range(of: "x")),
                                            context: call.context)
        }
        // NumPy's integer 1 / 0 is the most negative int64.
        let values = input.scalars.map { $0 == 0 ? Int64.min : Int64(1 / $0) }
        return .numpyResult(Tensor(shape: input.shape, storage: .int64(values)) ?? input)
    }

    /// `np.clip(a, a_min, a_max)`: `np.minimum(np.maximum(a, a_min), a_max)`, as NumPy defines
    /// it, either bound None for none.
    static let clip = NumPyLibrary.function(
        "clip", [.required("a"), .required("a_min"), .required("a_max")], "each element limited to [a_min, a_max]",
        example: "np.clip([-1, 0.5, 2], 0, 1)    # array([0. , 0.5, 1. ])"
    ) { call throws(RuntimeError) in
        var result = Value.array(try NumPyLibrary.tensor(call, "a"))
        for (bound, name) in [("a_min", "maximum"), ("a_max", "minimum")] where !call.value(bound).isNone {
            result = try NumPyOperators.ufunc(name, nil, name == "maximum" ? maximum : minimum, result, call.value(bound), at: (call.range(of: "a"), call.range(of: bound)),
                                              context: call.context)
        }
        return result.numpyArray.map { .numpyResult($0.tensor) } ?? result
    }
}
