import ConvNumerics

/// PyTorch's constructors as `torch.NAME` reaches them, giving PyTorch's dtypes.
///
/// The short language's builtins of the same names (`tensor`, `zeros`, `rand`, ...) make
/// float64 tensors, as conv always has; `torch.tensor([1, 2])` is int64, `torch.zeros(3)`
/// float32 (the default dtype), as in PyTorch. Each torch form runs the builtin's own body, so
/// the two share their argument checks, then gives the result the dtype PyTorch would
/// (``Rule``), or the one `dtype=` names. `device=` takes only the CPU.
enum TorchConstructors {
    /// How a constructor picks its dtype when `dtype=` is not given.
    enum Rule: Sendable {
        /// The default floating dtype (`torch.get_default_dtype()`).
        case defaultFloat
        /// Inferred from the Python data in this argument (``DTypeInference``).
        case inferred(from: String)
        /// int64 when every given one of these arguments is an int, else the default float.
        case integral(any: [String])
        /// The dtype of the tensor in this argument.
        case like(String)
        /// Always this dtype.
        case fixed(DType)
    }

    /// The torch form of member `name` of the namespace `namespace` (`torch`, `torch.nn`), nil
    /// when that member is the builtin itself.
    static func member(_ name: String, of namespace: String) -> Value? {
        if namespace == "torch" { return functions[name].map(Value.function) }
        guard namespace == "torch.nn", let target = BuiltinLibrary.namespaces[namespace]?[name] else { return nil }
        return layerFunctions[target].map(Value.function)
    }

    /// The torch form of every layer constructor (`nn.Conv1d`), by the builtin's name: the layer
    /// it makes holds its parameters in the default dtype (``LayerDTypes``).
    private static let layerFunctions: [String: Function] = {
        var table: [String: Function] = [:]
        for builtin in BuiltinLibrary.all where builtin.constructsLayer { table[builtin.name] = Function(.builtin(layerForm(of: builtin))) }
        return table
    }()

    /// `base` with `dtype=` and `device=`, the layer it makes converted to that dtype (the default
    /// dtype unless given). A model of layers (`nn.Sequential`) keeps its layers' own dtypes.
    private static func layerForm(of base: Builtin) -> Builtin {
        let extra = [dtypeParameter, deviceParameter].filter { parameter in !base.parameters.contains { $0.name == parameter.name } }
        var builtin = Builtin(
            name: base.name, aliases: base.aliases, parameters: base.parameters + extra, summary: base.summary, details: base.details,
            body: { call throws(RuntimeError) in
                try checkDevice(call)
                let dtype = try resolvedDType(.defaultFloat, call)
                var baseCall = BuiltinCall(builtin: base, values: Array(call.values.prefix(base.parameters.count)),
                                           ranges: Array(call.ranges.prefix(base.parameters.count)), rest: call.rest,
                                           namedRest: call.namedRest, range: call.range, context: call.context, receiver: call.receiver)
                let made = try base.body(&baseCall)
                if case .layer(let layer) = made, layer.module is any ModuleSequence { return made }
                return LayerDTypes.madeInDefaultDType(made, dtype: dtype)
            })
        builtin.takesPythonValues = base.takesPythonValues
        builtin.constructsLayer = true
        builtin.explain = base.explain
        builtin.writesBackFirstArgument = base.writesBackFirstArgument
        return builtin
    }

    /// Members of `torch` that only this file gives (no short-language builtin has them).
    static let extraNames = ["as_tensor", "FloatTensor", "DoubleTensor", "LongTensor", "BoolTensor",
                             "get_default_dtype", "set_default_dtype"]

    /// One shared `Function` per torch form, so `torch.zeros is torch.zeros` holds.
    private static let functions: [String: Function] = {
        var table: [String: Function] = [:]
        for (member, builtin) in builtins { table[member] = Function(.builtin(builtin)) }
        return table
    }()

    /// The torch forms by member name.
    private static let builtins: [String: Builtin] = {
        var table: [String: Builtin] = [:]
        let wrapped: [(Builtin, Rule)] = [
            (TensorBuiltins.zeros, .defaultFloat), (TensorBuiltins.ones, .defaultFloat), (TensorBuiltins.empty, .defaultFloat),
            (TensorBuiltins.full, .inferred(from: "fill_value")),
            (TensorBuiltins.arange, .integral(any: ["start", "stop", "step"])), (TensorBuiltins.linspace, .defaultFloat),
            (RandomBuiltins.rand, .defaultFloat), (RandomBuiltins.randn, .defaultFloat), (RandomBuiltins.normal, .defaultFloat),
            (RandomBuiltins.randLike, .like("input")), (RandomBuiltins.randnLike, .like("input")),
            (RandomBuiltins.randint, .fixed(.int64)), (RandomBuiltins.randintLike, .like("input")),
            (RandomBuiltins.randperm, .fixed(.int64)), (RandomBuiltins.bernoulli, .like("input")),
            (JoiningFunctions.zerosLike, .like("input")), (JoiningFunctions.onesLike, .like("input")),
            (JoiningFunctions.fullLike, .like("input")), (NewTensorMethods.emptyLike, .like("input")), (JoiningFunctions.eye, .defaultFloat),
        ]
        for (base, rule) in wrapped { table[base.name] = torchForm(of: base, rule: rule) }
        table["tensor"] = tensor(name: "tensor")
        table["as_tensor"] = tensor(name: "as_tensor")
        for dtype in DType.allCases {
            let name = String(DTypeValues.legacyTypeName(dtype).dropFirst("torch.".count))
            table[name] = legacyConstructor(name, dtype)
        }
        table["get_default_dtype"] = getDefaultDType
        table["set_default_dtype"] = setDefaultDType
        return table
    }()

    private static let dtypeParameter = Builtin.Parameter.optional("dtype", default: .none, namedOnly: true)
    private static let deviceParameter = Builtin.Parameter.optional("device", default: .none, namedOnly: true)

    /// The draws that take `generator=` in PyTorch.
    private static let drawsWithGenerator: Set<String> = ["rand", "randn", "normal", "randint", "randperm", "bernoulli"]
    private static let generatorParameter = Builtin.Parameter.optional("generator", default: .none, namedOnly: true)

    /// `base` with `dtype=` and `device=` (and `generator=` for a draw), its result in the dtype
    /// `rule` or `dtype=` gives.
    private static func torchForm(of base: Builtin, rule: Rule) -> Builtin {
        let hasDType = base.parameters.contains { $0.name == "dtype" }
        let draws = drawsWithGenerator.contains(base.name)
        var builtin = Builtin(
            name: base.name, aliases: base.aliases,
            parameters: base.parameters + (hasDType ? [] : [dtypeParameter]) + [deviceParameter] + (draws ? [generatorParameter] : []),
            summary: base.summary, details: base.details,
            body: { call throws(RuntimeError) in
                guard !draws || call.value("generator").isNone else {
                    return try TorchGeneratorObject.drawing(call) { () throws(RuntimeError) -> Value in try made(base, rule, call) }
                }
                return try made(base, rule, call)
            })
        builtin.takesPythonValues = base.takesPythonValues
        return builtin
    }

    /// The torch form's result: `base`'s body run with the call's arguments, in the dtype `rule`
    /// or `dtype=` gives.
    private static func made(_ base: Builtin, _ rule: Rule, _ call: BuiltinCall) throws(RuntimeError) -> Value {
        try checkDevice(call)
        let dtype = try resolvedDType(rule, call)
        var values = Array(call.values.prefix(base.parameters.count))
        // A draw runs in the dtype asked for, as PyTorch's does (float32 unless float64).
        if let slot = base.parameters.firstIndex(where: { $0.name == "dtype" }) {
            values[slot] = DTypeValues.value(dtype.isFloatingPoint ? dtype : (rule.isFixed ? dtype : .float32))
        }
        var baseCall = BuiltinCall(builtin: base, values: values, ranges: Array(call.ranges.prefix(base.parameters.count)),
                                   rest: call.rest, namedRest: call.namedRest, range: call.range, context: call.context,
                                   receiver: call.receiver)
        if base.name == TensorBuiltins.full.name, dtype == .int64 || dtype == .int32,
           let fill = call.values.dropFirst().first, fill.isInteger {
            return try call.made(try integerFill(fill, dtype: dtype, call: call, base: base, baseCall: &baseCall))
        }
        let made = try base.body(&baseCall)
        let tensor = try Coercion.tensor(made, what: "\(base.name)'s result", at: call.range, allowNumber: true)
        return try call.made(tensor.converted(to: dtype))
    }

    /// `torch.full(size, n)` of an int `n` in an integer dtype: every element `n` exactly (the
    /// base builtin fills through `Double`), and PyTorch's refusals of an `n` the dtype cannot hold.
    private static func integerFill(
        _ fill: Value, dtype: DType, call: BuiltinCall, base: Builtin, baseCall: inout BuiltinCall
    ) throws(RuntimeError) -> Tensor {
        let range = call.range(of: "fill_value")
        if case .bigInt(let big) = fill {
            if big.value < 0 { throw RuntimeError("can't convert negative int to unsigned", at: range, raising: .overflowError) }
            // PyTorch reads an int past int64 as unsigned first: past 64 bits that fails too.
            if big.value.bitWidth > 65 { throw RuntimeError("int too big to convert", at: range, raising: .overflowError) }
            throw RuntimeError("value cannot be converted to type int64_t without overflow", at: range)
        }
        guard case .int(let value) = fill else { return Tensor([]) }
        if dtype == .int32, Int32(exactly: value) == nil {
            // (torch.full names the C type; torch.tensor's data names the dtype, as ``IntegerData`` does.)
            throw RuntimeError("value cannot be converted to type int without overflow", at: range)
        }
        baseCall.values[1] = .int(0)
        let zeros = try Coercion.tensor(try base.body(&baseCall), what: "\(base.name)'s result", at: call.range, allowNumber: true)
        let filled = Tensor(repeating: Int64(value), shape: zeros.shape) ?? Tensor([])
        return filled.converted(to: dtype)
    }

    /// The dtype a call gives: its `dtype=`, else the rule's.
    static func resolvedDType(_ rule: Rule, _ call: BuiltinCall) throws(RuntimeError) -> DType {
        if call.isGiven("dtype"), case let given = call.value("dtype"), !given.isNone { return try RandomArguments.dtype(call) }
        let defaultFloat = call.context.defaultDType
        switch rule {
        case .defaultFloat: return defaultFloat
        case .fixed(let dtype): return dtype
        case .like(let name): return try call.tensor(name, allowNumber: true).dtype
        case .inferred(let name): return DTypeInference.dtype(of: call.value(name), defaultFloat: defaultFloat) ?? defaultFloat
        case .integral(let names):
            let given = names.filter(call.isGiven).map(call.value)
            let dtypes = given.map { DTypeInference.dtype(of: $0, defaultFloat: defaultFloat) ?? defaultFloat }
            return dtypes.allSatisfy { $0 == .int64 || $0 == .bool } ? .int64 : defaultFloat
        }
    }

    /// `device=`: none or the CPU; any other device is refused where it is written.
    static func checkDevice(_ call: BuiltinCall) throws(RuntimeError) {
        try DeviceArgument.check(call.value("device"), at: call.range(of: "device"))
    }

    /// `torch.tensor(data)` and `torch.as_tensor(data)`: the data's dtype as PyTorch infers it.
    private static func tensor(name: String) -> Builtin {
        var builtin = Builtin(
            name: name, parameters: [.required("data"), dtypeParameter, deviceParameter],
            summary: "a tensor from Python data, in the dtype PyTorch infers (as torch.\(name))",
            details: """
            torch.\(name)(data, dtype=None, device=None)

            ints make int64, floats the default dtype (float32), bools bool, as in PyTorch:
              torch.\(name)([1, 2])        # tensor([1, 2])
              torch.\(name)([[1., 2.]])    # float32, shape (1, 2)
            """,
            body: { call throws(RuntimeError) in
                try checkDevice(call)
                let data = call.value("data")
                let inferred = DTypeInference.dtype(of: data, defaultFloat: call.context.defaultDType) ?? call.context.defaultDType
                let dtype = call.isGiven("dtype") && !call.value("dtype").isNone ? try RandomArguments.dtype(call) : inferred
                let what = "torch.\(name)'s data"
                if let exact = try integerTensor(data, dtype: dtype, what: what, at: call.range(of: "data")) { return try call.made(exact) }
                let tensor = if case .bool(let flag) = data { Tensor(scalar: flag ? 1.0 : 0) } else {
                    try Coercion.tensor(data, what: what, at: call.range(of: "data"), allowNumber: true)
                }
                return try call.made(tensor.converted(to: dtype))
            })
        builtin.takesPythonValues = true
        return builtin
    }

    /// Integer data made into an integer dtype exactly (``IntegerData``); nil for other dtypes or
    /// data that is not all ints.
    private static func integerTensor(_ data: Value, dtype: DType, what: String, at range: SourceRange) throws(RuntimeError) -> Tensor? {
        switch dtype {
        case .int64: try IntegerData.int64Tensor(data, what: what, at: range)
        case .int32: try IntegerData.int32Tensor(data, what: what, at: range)
        default: nil
        }
    }

    /// `torch.FloatTensor([1, 2])` (data) or `torch.FloatTensor(2, 3)` (a shape, zeros): PyTorch's
    /// legacy constructors, one per dtype.
    private static func legacyConstructor(_ name: String, _ dtype: DType) -> Builtin {
        var builtin = Builtin(
            name: name, parameters: [.variadic("data")],
            summary: "a \(dtype) tensor from data or of a shape, as torch.\(name)",
            details: """
            torch.\(name)(data) or torch.\(name)(size...)

              torch.\(name)([1, 2])    # data
              torch.\(name)(2, 3)      # shape (2, 3)
            """,
            body: { call throws(RuntimeError) in
                if call.rest.count == 1, case let (value, range) = call.rest[0], !value.isInteger {
                    let what = "torch.\(name)'s data"
                    if let exact = try integerTensor(value, dtype: dtype, what: what, at: range) { return try call.made(exact) }
                    return try call.made(try Coercion.tensor(value, what: what, at: range).converted(to: dtype))
                }
                let shape = try TensorBuiltins.shapeArgument(call)
                return try call.made(Tensor(shape: shape, storage: TensorStorage(zeros: dtype, count: shape.reduce(1, *)))
                                     ?? Tensor([]).converted(to: dtype))
            })
        builtin.takesPythonValues = true
        return builtin
    }

    private static let getDefaultDType = Builtin(
        name: "get_default_dtype", parameters: [], summary: "the dtype floating-point data gets (torch.float32 unless set)",
        details: "torch.get_default_dtype()\n\n  torch.get_default_dtype()   # torch.float32",
        body: { call throws(RuntimeError) in DTypeValues.value(call.context.defaultDType) })

    private static let setDefaultDType = Builtin(
        name: "set_default_dtype", parameters: [.required("d")],
        summary: "sets the dtype floating-point data gets: torch.float32 or torch.float64",
        details: "torch.set_default_dtype(d)\n\n  torch.set_default_dtype(torch.float64)",
        body: { call throws(RuntimeError) in
            guard let dtype = DTypeValues.dtype(of: call.value("d")) else {
                throw call.error("set_default_dtype(): argument 'd' must be torch.dtype, not \(PythonText.typeName(call.value("d")))",
                                 at: "d", raising: .typeError)
            }
            guard dtype.isFloatingPoint else {
                throw call.error("only floating-point types are supported as the default type", at: "d", raising: .typeError)
            }
            call.context.defaultDType = dtype
            call.context.display.defaultDType = dtype
            return .none
        })
}

extension TorchConstructors.Rule {
    fileprivate var isFixed: Bool {
        if case .fixed = self { return true }
        return false
    }
}

extension Value {
    /// Whether this is `None`.
    var isNone: Bool {
        if case .none = self { return true }
        return false
    }

    /// Whether this is a Python int (not a bool).
    var isInteger: Bool {
        switch self {
        case .int, .bigInt: true
        default: false
        }
    }
}
