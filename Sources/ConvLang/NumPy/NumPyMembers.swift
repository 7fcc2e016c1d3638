#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif
import ConvNumerics

/// What `.` reads on a NumPy array: its attributes (`shape` as a plain tuple, `ndim`, `size`,
/// `dtype`, `T`) and methods, each giving NumPy's dtypes and NumPy's scalars for whole
/// reductions (`a.sum()` of an int64 array is an int, `a.mean()` a float).
enum NumPyMembers {
    static func member(_ name: String, of array: NumPyArray) -> Value? {
        let tensor = array.tensor
        switch name {
        case "shape": return .tuple(tensor.shape.map(Value.int))
        case "ndim": return .int(tensor.rank)
        case "size": return .int(tensor.count)
        case "dtype": return NumPyDTypes.dtypeValue(tensor.dtype)
        case "itemsize": return .int(tensor.dtype.byteSize)
        case "nbytes": return .int(tensor.dtype.byteSize * tensor.count)
        case "T": return .array(transposed(tensor))
        default:
            return methods[name].map { .function(Function(.boundBuiltin(receiver: .object(ObjectBox(array)), $0))) }
        }
    }

    /// Every member name, for messages.
    static let names = (["shape", "ndim", "size", "dtype", "itemsize", "nbytes", "T"] + Array(methods.keys)).sorted()

    /// The axes reversed, as `a.T` and `a.transpose()` give.
    static func transposed(_ tensor: Tensor) -> Tensor {
        TensorGeometry.permuted(tensor, Array(tensor.shape.indices.reversed()))
    }

    private static let methods: [String: Builtin] = Dictionary(
        uniqueKeysWithValues: (shapeMethods + [astype, tolist, item, copy, dot, fill, round, truth("all"), truth("any")] + reductions).map { ($0.name, $0) })

    /// The array a method was called on.
    static func receiver(_ call: BuiltinCall) throws(RuntimeError) -> NumPyArray {
        guard let array = call.receiver.numpyArray else { throw call.error("a NumPy array's method needs its array", raising: .typeError) }
        return array
    }

    private static func method(
        _ name: String, _ parameters: [Builtin.Parameter], _ summary: String,
        _ body: @escaping @Sendable (inout BuiltinCall, NumPyArray) throws(RuntimeError) -> Value
    ) -> Builtin {
        var builtin = Builtin(name: name, parameters: parameters, summary: summary, details: "a.\(name)(...)\n\n\(summary), as NumPy's.",
                              body: { call throws(RuntimeError) in try body(&call, try receiver(call)) })
        builtin.takesPythonValues = true
        return builtin
    }

    private static let shapeMethods: [Builtin] = [
        method("reshape", [.variadic("shape")], "the same elements in another shape (one size may be -1)") { call, array throws(RuntimeError) in
            .array(try NumPyShapes.reshaped(array.tensor, call))
        },
        method("flatten", [], "a copy as one row") { _, array in .array(TensorGeometry.reshaped(array.tensor, [array.tensor.count])) },
        method("ravel", [], "the elements as one row") { _, array in .array(TensorGeometry.reshaped(array.tensor, [array.tensor.count])) },
        method("transpose", [], "the axes reversed") { _, array in .array(transposed(array.tensor)) },
        method("squeeze", [], "without its axes of size 1") { _, array in
            .array(TensorGeometry.reshaped(array.tensor, array.tensor.shape.filter { $0 != 1 }))
        },
    ]

    private static let astype = method("astype", [.required("dtype")], "a copy in another dtype") { call, array throws(RuntimeError) in
        guard let dtype = try NumPyDTypes.given(call) else { throw call.error("astype needs a dtype", at: "dtype", raising: .typeError) }
        return .array(array.tensor.converted(to: dtype))
    }

    private static let tolist = method("tolist", [], "the elements as nested Python lists of Python numbers") { _, array in
        NumPyShapes.list(array.tensor)
    }

    private static let item = method("item", [], "the one element as a Python number") { call, array throws(RuntimeError) in
        guard array.tensor.count == 1 else {
            throw call.error("can only convert an array of size 1 to a Python scalar", raising: .valueError)
        }
        return .numpyScalar(array.tensor, at: 0)
    }

    /// `a.all()` and `a.any()`.
    private static func truth(_ name: String) -> Builtin {
        method(name, [], "whether \(name == "all" ? "every" : "some") element is true") { _, array in
            let values = array.tensor.scalars
            return .bool(name == "all" ? values.allSatisfy { $0 != 0 } : values.contains { $0 != 0 })
        }
    }

    private static let round = method("round", [.optional("decimals", default: .int(0))], "each element rounded to decimals digits (halves to even)") { call, array throws(RuntimeError) in
        .numpyResult(rounded(array.tensor, decimals: try call.integer("decimals", in: -400...400)))
    }

    /// `np.round(a, decimals)`: NumPy's way, in the array's own dtype: `rint(a * 10^d) / 10^d`
    /// (`rint(a / 10^-d) * 10^-d` for negative `d`), so a float32 array rounds in float32.
    /// Integers are unchanged for `d ≥ 0`.
    static func rounded(_ tensor: Tensor, decimals: Int) -> Tensor {
        func round<F: BinaryFloatingPoint>(_ x: F, _ scale: F) -> F {
            decimals >= 0 ? (x * scale).rounded(.toNearestOrEven) / scale : (x / scale).rounded(.toNearestOrEven) * scale
        }
        let scale = pow(10.0, Double(Swift.abs(decimals)))
        switch tensor.storage {
        case .float32(let values):
            let factor = Float(scale)
            return Tensor(shape: tensor.shape, storage: .float32(values.map { round($0, factor) })) ?? tensor
        case .float64(let values):
            return Tensor(shape: tensor.shape, storage: .float64(values.map { round($0, scale) })) ?? tensor
        case .int64, .int32, .bool:
            guard decimals < 0 else { return tensor }
            return (Tensor(shape: tensor.shape, scalars: tensor.scalars.map { round($0, scale) }) ?? tensor).converted(to: tensor.dtype)
        }
    }

    private static let copy = method("copy", [], "a new array with the same elements") { _, array in .array(array.tensor) }

    private static let fill = method("fill", [.required("value")], "sets every element to value, in place") { call, array throws(RuntimeError) in
        let value = try call.number("value")
        let filled = Tensor(repeating: value, shape: array.tensor.shape) ?? array.tensor
        array.tensor = filled.converted(to: array.tensor.dtype)
        return .none
    }

    private static let dot = method("dot", [.required("b")], "the dot or matrix product") { call, array throws(RuntimeError) in
        try NumPyLibrary.dot(.object(ObjectBox(array)), call.value("b"), call)
    }

    /// How a reduction's result dtype follows its input's, in NumPy.
    enum ResultDType {
        /// int64 for integers and booleans (sum, prod).
        case accumulated
        /// float64 for integers and booleans (mean).
        case floating
        /// The input's own (max, min).
        case same
        /// int64 positions (argmax, argmin).
        case index

        func dtype(for input: DType) -> DType {
            switch self {
            case .accumulated: input.isFloatingPoint ? input : .int64
            case .floating: input.isFloatingPoint ? input : .float64
            case .same: input
            case .index: .int64
            }
        }
    }

    /// The reductions, each PyTorch's method of the same name with NumPy's `axis=` and
    /// `keepdims=` spellings and NumPy's result dtype.
    static let reductions: [Builtin] = [
        reduction(ReductionMethods.sum, .accumulated), reduction(ReductionMethods.prod, .accumulated),
        reduction(ReductionMethods.mean, .floating), reduction(ReductionMethods.max, .same),
        reduction(ReductionMethods.min, .same), reduction(ReductionMethods.argmax, .index),
        reduction(ReductionMethods.argmin, .index),
    ]

    private static func reduction(_ base: Builtin, _ result: ResultDType) -> Builtin {
        let parameters = base.parameters.dropFirst().map { parameter in
            var renamed = parameter
            if parameter.name == "dim" { renamed.aliases.append("axis") }
            if parameter.name == "keepdim" { renamed.aliases.append("keepdims") }
            return renamed
        }
        return method(base.name, Array(parameters), base.summary) { call, array throws(RuntimeError) in
            try reduce(array.tensor, base, result, call)
        }
    }

    /// Runs `base` (a torch function whose first parameter is the tensor) on `tensor` with the
    /// rest of `call`'s arguments; the result in NumPy's dtype, a scalar when it is 0-d.
    static func reduce(_ tensor: Tensor, _ base: Builtin, _ result: ResultDType, _ call: BuiltinCall) throws(RuntimeError) -> Value {
        var inner = BuiltinCall(builtin: base, values: [.tensor(tensor)] + call.values, ranges: [nil] + call.ranges, rest: call.rest,
                                namedRest: call.namedRest, range: call.range, context: call.context)
        var value = try base.body(&inner)
        // max and min along an axis give NumPy's values only, not PyTorch's (values, indices).
        if let items = value.tupleItems, let values = items.first { value = values }
        guard let reduced = value.asTensor else { return value }
        return .numpyResult(reduced.converted(to: result.dtype(for: tensor.dtype)))
    }
}
