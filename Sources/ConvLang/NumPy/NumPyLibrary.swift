import ConvNumerics

/// NumPy's functions as `np.NAME` reaches them (after `import numpy as np`), making and taking
/// NumPy arrays (``NumPyArray``) in NumPy's dtypes: float64 from floats, int64 from ints, bool
/// from bools.
///
/// `np.convolve` and `np.correlate` give an array when an argument is one; given lists or
/// tensors they keep giving conv's tensor, as they always have. `np.load` and `np.save` are
/// conv's own. `torch.from_numpy` is here too, as the way back.
enum NumPyLibrary {
    /// The NumPy (or torch) form of member `name` of `namespace`, nil when this file has none.
    static func member(_ name: String, of namespace: String) -> Value? {
        switch namespace {
        case "numpy":
            if let function = functions[name] { return .function(function) }
            if let dtype = NumPyDTypes.names[name] { return NumPyDTypes.scalarType(dtype) }
            if name == "True_" || name == "False_" { return .numpyResult(Tensor(scalar: name == "True_")) }
            return constants[name]
        case "torch":
            return name == "from_numpy" ? .function(fromNumPyFunction) : nil
        default:
            return nil
        }
    }

    /// The member names this file adds to `numpy` and `torch`.
    static func extraNames(of namespace: String) -> [String] {
        switch namespace {
        case "numpy": Array(functions.keys) + Array(NumPyDTypes.names.keys) + Array(constants.keys) + ["True_", "False_"]
        case "torch": ["from_numpy"]
        default: []
        }
    }

    private static let constants: [String: Value] = [
        "pi": .number(Double.pi), "e": .number(2.718281828459045), "inf": .number(.infinity), "nan": .number(.nan),
    ]

    /// One shared `Function` per builtin, so `np.array is np.array` holds.
    private static let functions: [String: Function] = {
        var table: [String: Function] = [:]
        for builtin in builtins { table[builtin.name] = Function(.builtin(builtin)) }
        for (alias, name) in [("amax", "max"), ("amin", "min"), ("asarray", "array"), ("around", "round"), ("absolute", "abs")] { table[alias] = table[name] }
        return table
    }()

    private static let fromNumPyFunction = Function(.builtin(NumPyConversions.fromNumPy))

    private static var builtins: [Builtin] {
        [array, arange, linspace, zerosLike, onesLike, dot, allclose, truthFunction("all"), truthFunction("any"), setPrintOptions, NumPyConstructors.zeros, NumPyConstructors.ones,
         NumPyConstructors.empty, NumPyConstructors.full, signal(SignalBuiltins.convolve), signal(SignalBuiltins.correlate)]
            + NumPyMembers.reductions.map(reductionFunction)
            + NumPyMath.all + NumPyUfuncs.all + NumPyJoining.all
    }

    static func function(
        _ name: String, _ parameters: [Builtin.Parameter], _ summary: String, example: String,
        _ body: @escaping @Sendable (inout BuiltinCall) throws(RuntimeError) -> Value
    ) -> Builtin {
        let signature = Builtin(name: name, parameters: parameters, summary: summary, details: "", body: body).signature
        var builtin = Builtin(name: name, aliases: ["numpy.\(name)"], parameters: parameters, summary: summary,
                              details: "np.\(signature)\n\n\(summary), as NumPy's.\n  \(example)", body: body)
        builtin.takesPythonValues = true
        return builtin
    }

    /// `value` as a NumPy array's tensor: an array's own, or the data (lists, numbers, bools,
    /// tensors) in the dtype NumPy infers, then `dtype` when given.
    static func tensor(_ value: Value, dtype: DType?, what: String, at range: SourceRange) throws(RuntimeError) -> Tensor {
        let tensor: Tensor
        if let array = value.numpyArray {
            tensor = array.tensor
        } else {
            let inferred = DTypeInference.dtype(of: value, defaultFloat: .float64) ?? .float64
            let data = if case .bool(let flag) = value { Tensor(scalar: flag) } else {
                try Coercion.tensor(value, what: what, at: range, allowNumber: true)
            }
            tensor = data.converted(to: inferred)
        }
        return dtype.map { tensor.converted(to: $0) } ?? tensor
    }

    /// Argument `name` of `call` as a NumPy array's tensor.
    static func tensor(_ call: BuiltinCall, _ name: String, dtype: DType? = nil) throws(RuntimeError) -> Tensor {
        try tensor(call.value(name), dtype: dtype, what: "np.\(call.builtin.name)'s argument '\(name)'", at: call.range(of: name))
    }

    static let array = function(
        "array", [.required("object"), .optional("dtype", default: .none)], "an array of the data, in the dtype NumPy infers",
        example: "np.array([1.0, 2.5, 3.0])    # array([1. , 2.5, 3. ])"
    ) { call throws(RuntimeError) in
        let made = try tensor(call, "object", dtype: try NumPyDTypes.given(call))
        try call.context.checkElementCount(of: made.shape, dtype: made.dtype, at: call.range)
        return .array(made)
    }

    static let arange = function(
        "arange", [.required("start"), .optional("stop", default: .none), .optional("step", default: .none),
                   .optional("dtype", default: .none)],
        "evenly spaced values in [start, stop): int64 when every bound is an int", example: "np.arange(5)    # array([0, 1, 2, 3, 4])"
    ) { call throws(RuntimeError) in
        let given = ["start", "stop", "step"].map(call.value).filter { !$0.isNone }
        let integral = given.allSatisfy { if case .int = $0 { true } else { false } }
        let bounds = try given.map { value throws(RuntimeError) in try Coercion.number(value, what: "np.arange's bounds", at: call.range) }
        let (start, stop) = bounds.count == 1 ? (0, bounds[0]) : (bounds[0], bounds[1])
        let step = bounds.count == 3 ? bounds[2] : 1
        guard step != 0 else { throw call.error("Maximum allowed size exceeded", at: "step", raising: .valueError) }
        let length = Swift.max(0, ((stop - start) / step).rounded(.up))
        guard length.isFinite, length <= Double(call.context.limits.maximumElements) else {
            throw call.error("np.arange would make \(length) elements, more than the limit of \(call.context.limits.maximumElements)",
                             kind: .limit(.elements))
        }
        // NumPy fills from the first two values: start + i * ((start + step) - start).
        let delta = (start + step) - start
        let values = (0..<Int(length)).map { start + Double($0) * delta }
        let dtype = try NumPyDTypes.given(call) ?? (integral ? .int64 : .float64)
        return .array(Tensor(values).converted(to: dtype))
    }

    static let linspace = function(
        "linspace", [.required("start"), .required("stop"), .optional("num", default: .int(50)),
                     .optional("endpoint", default: .bool(true)), .optional("dtype", default: .none)],
        "num evenly spaced values from start to stop", example: "np.linspace(0, 1, 5)    # array([0.  , 0.25, 0.5 , 0.75, 1.  ])"
    ) { call throws(RuntimeError) in
        let start = try call.number("start"), stop = try call.number("stop")
        let count = try call.integer("num", in: 0...call.context.limits.maximumElements)
        let endpoint = try call.bool("endpoint")
        let divisions = endpoint ? count - 1 : count
        let delta = stop - start
        // NumPy's order of operations: i * step + start, or (i / divisions) * delta when the step is 0.
        let step = delta / Double(Swift.max(divisions, 1))
        var values = (0..<count).map { index in
            guard divisions > 0 else { return Double(index) * delta + start }
            return step == 0 ? Double(index) / Double(divisions) * delta + start : Double(index) * step + start
        }
        if endpoint && count > 1 { values[count - 1] = stop }
        return .array(Tensor(values).converted(to: try NumPyDTypes.given(call) ?? .float64))
    }

    private static func like(_ name: String, fill: Double) -> Builtin {
        function(name, [.required("a"), .optional("dtype", default: .none)], "an array of \(Int(fill))s with a's shape and dtype",
                 example: "np.\(name)(a)") { call throws(RuntimeError) in
            let model = try tensor(call, "a")
            let dtype = try NumPyDTypes.given(call) ?? model.dtype
            return .array((Tensor(repeating: fill, shape: model.shape) ?? model).converted(to: dtype))
        }
    }

    static let zerosLike = like("zeros_like", fill: 0)
    static let onesLike = like("ones_like", fill: 1)

    /// `np.convolve` and `np.correlate`: conv's builtin, whose result is an array in the
    /// arguments' promoted dtype when one of them is an array, and conv's tensor otherwise.
    private static func signal(_ base: Builtin) -> Builtin {
        var builtin = Builtin(
            name: base.name, aliases: base.aliases, parameters: base.parameters, summary: base.summary, details: base.details,
            body: { call throws(RuntimeError) in
                let arrays = ["a", "v"].map { call.value($0).numpyArray }
                var inner = BuiltinCall(builtin: base, values: call.values.map { $0.numpyArray.map { .tensor($0.tensor) } ?? $0.tensorIfList },
                                        ranges: call.ranges, rest: call.rest, namedRest: call.namedRest, range: call.range,
                                        context: call.context)
                let made = try base.body(&inner)
                guard arrays.contains(where: { $0 != nil }), let result = made.asTensor else { return made }
                let dtypes = try ["a", "v"].map { name throws(RuntimeError) in try tensor(call, name).dtype }
                return .array(result.converted(to: NumPyDTypes.promoted(dtypes[0], dtypes[1])))
            })
        builtin.takesPythonValues = true
        return builtin
    }

    /// `np.sum(a, axis=None)` and the other reductions: the array method on `np.asarray(a)`.
    private static func reductionFunction(_ method: Builtin) -> Builtin {
        var builtin = Builtin(
            name: method.name, aliases: ["numpy.\(method.name)"], parameters: [.required("a")] + method.parameters,
            summary: method.summary, details: "np.\(method.name)(a, axis=None, keepdims=False)\n\n\(method.summary), as NumPy's.",
            body: { call throws(RuntimeError) in
                let array = Value.array(try tensor(call, "a"))
                var inner = BuiltinCall(builtin: method, values: Array(call.values.dropFirst()), ranges: Array(call.ranges.dropFirst()),
                                        rest: call.rest, namedRest: call.namedRest, range: call.range, context: call.context, receiver: array)
                return try method.body(&inner)
            })
        builtin.takesPythonValues = true
        return builtin
    }

    static let dot = function(
        "dot", [.required("a"), .required("b")], "the dot product of vectors, the matrix product of matrices",
        example: "np.dot([1, 2], [3, 4])    # 11"
    ) { call throws(RuntimeError) in
        try dot(call.value("a"), call.value("b"), call)
    }

    /// `np.dot(a, b)` and `a.dot(b)`: in the promoted dtype, a scalar for two vectors.
    static func dot(_ a: Value, _ b: Value, _ call: BuiltinCall) throws(RuntimeError) -> Value {
        let left = try tensor(a, dtype: nil, what: "np.dot's first argument", at: call.range)
        let right = try tensor(b, dtype: nil, what: "np.dot's second argument", at: call.range)
        let product = try ProductFunctions.product(left.converted(to: .float64), right.converted(to: .float64), at: call.range,
                                                   context: call.context)
        return .numpyResult(product.converted(to: NumPyDTypes.promoted(left.dtype, right.dtype)))
    }

    static let allclose = function(
        "allclose", [.required("a"), .required("b"), .optional("rtol", default: .number(1e-5)), .optional("atol", default: .number(1e-8))],
        "whether every |a - b| <= atol + rtol * |b|", example: "np.allclose(a, b)"
    ) { call throws(RuntimeError) in
        let a = try tensor(call, "a").converted(to: .float64), b = try tensor(call, "b").converted(to: .float64)
        let rtol = try call.number("rtol"), atol = try call.number("atol")
        guard let close = Broadcasting.combine(a, b, { x, y in x == y || Swift.abs(x - y) <= atol + rtol * Swift.abs(y) ? 1 : 0 }) else {
            throw call.error("operands could not be broadcast together with shapes \(NumPyShapes.tuple(a.shape)) \(NumPyShapes.tuple(b.shape))",
                             raising: .valueError)
        }
        return .bool(close.scalars.allSatisfy { $0 != 0 })
    }

    /// `np.all(a)` and `np.any(a)`: whether every (some) element is nonzero.
    static func truthFunction(_ name: String) -> Builtin {
        function(name, [.required("a")], "whether \(name == "all" ? "every" : "some") element is true", example: "np.\(name)(a > 0)") { call throws(RuntimeError) in
            let values = try tensor(call, "a").scalars
            return .bool(name == "all" ? values.allSatisfy { $0 != 0 } : values.contains { $0 != 0 })
        }
    }

    static let setPrintOptions = function(
        "set_printoptions", [.optional("precision", default: .none), .optional("threshold", default: .none),
                             .optional("edgeitems", default: .none), .optional("linewidth", default: .none),
                             .optional("suppress", default: .none)],
        "how arrays print: digits, summarising, line width, small numbers without exponents",
        example: "np.set_printoptions(precision=3, suppress=True)"
    ) { call throws(RuntimeError) in
        func given(_ name: String) -> Bool { !call.value(name).isNone }
        var options = call.context.display.numpy
        if given("precision") { options.precision = try call.integer("precision", in: 0...100) }
        if given("threshold") { options.threshold = try call.integer("threshold", in: 0...Int(Int32.max)) }
        if given("edgeitems") { options.edgeItems = try call.integer("edgeitems", in: 0...Int(Int32.max)) }
        if given("linewidth") { options.lineWidth = try call.integer("linewidth", in: 1...Int(Int32.max)) }
        if given("suppress") { options.suppressSmall = try call.bool("suppress") }
        call.context.display.numpy = options
        return .none
    }
}
