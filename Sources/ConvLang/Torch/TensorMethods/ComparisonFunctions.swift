import ConvNumerics
import Foundation

/// PyTorch's comparisons and logic as functions and methods: `torch.eq(a, b)` and `a.gt(0)`
/// (the operators `==`, `>`, ... themselves), `logical_and/or/xor/not`, `isnan`/`isinf`/
/// `isfinite`, `any`/`all` and `count_nonzero` (whole or along `dim`), `maximum`/`minimum`
/// (NaN wins) and `fmax`/`fmin` (NaN loses), `nan_to_num`, and `clip`, clamp's other name.
///
/// Each is a torch function whose method form is the same builtin (``Builtin/asTensorMethod``).
/// The tests give bool tensors and the counts int64, as in PyTorch; `maximum`, `minimum`,
/// `nan_to_num` and `clip` are recorded on a tensor that requires grad (``AutogradComparison``),
/// the others give no gradient there either.
enum ComparisonFunctions {
    static let functions: [Builtin] = comparisons + logical + tests
        + [countNonzero, maximum, minimum, fmax, fmin, nanToNum]

    /// The methods with no torch function of their own: `x.clip(...)`, `x.clip_(...)`, and
    /// `x.any()`/`x.all()`, whose top-level names are conv's own builtins (`torch.any(x)` is
    /// this method, ``TorchFunctionForms``).
    static let methodsOnly: [Builtin] = [renamed(ElementwiseMethods.clamp, "clip"), renamed(InPlaceMethods.clampInPlace, "clip_"), any, all]

    /// The names whose results carry no gradient in PyTorch, so a tensor that requires grad
    /// computes them on its values.
    static let valueOnlyNames: Set<String> = Set((comparisons + logical + tests + [any, all, countNonzero]).map(\.name))
        .union(SelectionFunctions.valueOnlyNames)

    private static let input = Builtin.Parameter.required("input")

    /// `builtin` under another name (clamp's `clip`).
    static func renamed(_ builtin: Builtin, _ name: String) -> Builtin {
        var copy = Builtin(name: name, parameters: builtin.parameters, summary: builtin.summary,
                           details: builtin.details.replacingOccurrences(of: builtin.name, with: name), body: builtin.body)
        copy.takesPythonValues = builtin.takesPythonValues
        copy.writesBackFirstArgument = builtin.writesBackFirstArgument
        return copy
    }

    // MARK: - Comparisons

    /// `torch.eq(a, b)`, `a.gt(b)`, `torch.greater_equal(a, b)`, ...: the comparison operator,
    /// so broadcasting, the bool result and the errors are `a > b`'s (shapes that do not
    /// broadcast in PyTorch's words).
    private static let comparisons: [Builtin] = [
        ("eq", BinaryOperator.equal, "equal to"), ("ne", .notEqual, "not equal to"), ("not_equal", .notEqual, "not equal to"),
        ("gt", .greater, "greater than"), ("greater", .greater, "greater than"),
        ("lt", .less, "less than"), ("less", .less, "less than"),
        ("ge", .greaterEqual, "greater than or equal to"), ("greater_equal", .greaterEqual, "greater than or equal to"),
        ("le", .lessEqual, "less than or equal to"), ("less_equal", .lessEqual, "less than or equal to"),
    ].map { name, op, words in
        Builtin.tensorFunction(name, [input, .required("other")], "whether each element is \(words) other (also a \(op.rawValue) b)",
                               example: "torch.\(name)(x, 0)") { call throws(RuntimeError) in
            let x = try call.receivingTensor
            // Shapes that do not broadcast are refused in PyTorch's words, as the method is.
            if let y = call.value("other").asTensor, Broadcasting.shape(x.shape, y.shape) == nil {
                throw ElementwiseMethods.mismatch(x.shape, y.shape, call)
            }
            return try Operators.binary(op, call.value("input"), call.value("other"), operatorRange: call.range,
                                        leftRange: call.range(of: "input"), rightRange: call.range(of: "other"), context: call.context)
        }
    }

    // MARK: - Logic

    /// `torch.logical_and(a, b)`, `logical_or`, `logical_xor` (elements read as true when not
    /// zero, NaN included) and `logical_not(a)`: bool tensors.
    private static let logical: [Builtin] = [
        binaryLogic("logical_and") { $0 && $1 }, binaryLogic("logical_or") { $0 || $1 }, binaryLogic("logical_xor") { $0 != $1 },
        Builtin.tensorFunction("logical_not", [input], "not of each element's truth", example: "torch.logical_not(mask)") { call throws(RuntimeError) in
            try call.made(try call.receivingTensor.map { $0 == 0 ? 1 : 0 }.converted(to: .bool))
        },
    ]

    private static func binaryLogic(_ name: String, _ rule: @escaping @Sendable (Bool, Bool) -> Bool) -> Builtin {
        Builtin.tensorFunction(name, [input, .required("other")], "\(name.dropFirst(8)) of the elements' truth, elementwise",
                               example: "torch.\(name)(a > 0, b > 0)") { call throws(RuntimeError) in
            let x = try call.receivingTensor
            let y = try tensorArgument(call, "other", position: 2)
            guard let result = Broadcasting.combine(x, y, { rule($0 != 0, $1 != 0) ? 1 : 0 }) else {
                throw ElementwiseMethods.mismatch(x.shape, y.shape, call)
            }
            return try call.made(result.converted(to: .bool))
        }
    }

    /// `torch.isnan(x)`, `isinf`, `isposinf`, `isneginf`, `isfinite`: bool tensors (an integer
    /// tensor is finite everywhere).
    private static let tests: [Builtin] = [
        elementTest("isnan", "is NaN") { $0.isNaN }, elementTest("isinf", "is infinite") { $0.isInfinite },
        elementTest("isposinf", "is +inf") { $0 == .infinity }, elementTest("isneginf", "is -inf") { $0 == -.infinity },
        elementTest("isfinite", "is finite") { $0.isFinite },
    ]

    private static func elementTest(_ name: String, _ words: String, _ test: @escaping @Sendable (Double) -> Bool) -> Builtin {
        Builtin.tensorFunction(name, [input], "whether each element \(words)", example: "torch.\(name)(x)") { call throws(RuntimeError) in
            let x = try call.receivingTensor
            let flags: Tensor = x.map { (value: Double) -> Double in test(value) ? 1 : 0 }
            return try call.made(flags.converted(to: .bool))
        }
    }

    // MARK: - Reductions to truth and counts

    static let any = truthReduction("any", "whether any element is true (not zero), or along dim") { $0.contains { $0 != 0 } }
    static let all = truthReduction("all", "whether every element is true (not zero), or along dim") { $0.allSatisfy { $0 != 0 } }

    private static func truthReduction(_ name: String, _ summary: String, _ rule: @escaping @Sendable ([Double]) -> Bool) -> Builtin {
        Builtin.tensorFunction(name, torch: false, [input, .optional("dim", default: .none), .optional("keepdim", default: .bool(false))], summary,
                               example: "(x > 0).\(name)(dim=1)") { call throws(RuntimeError) in
            let x = try call.receivingTensor
            let dims = try call.dimensions("dim", rank: x.rank)
            return try call.made(try reduced(x, dims: dims, keep: try call.bool("keepdim"), call) { rule($0) ? 1 : 0 }.converted(to: .bool))
        }
    }

    static let countNonzero = Builtin.tensorFunction(
        "count_nonzero", [input, .optional("dim", default: .none)], "how many elements are not zero, or along dim (int64)",
        example: "torch.count_nonzero(x, dim=0)") { call throws(RuntimeError) in
        let x = try call.receivingTensor
        let dims = try call.dimensions("dim", rank: x.rank)
        return try call.made(try reduced(x, dims: dims, keep: false, call) { Double($0.count { $0 != 0 }) }.converted(to: .int64))
    }

    /// `fold` of the elements along `dims` (every dimension when nil), the reduced dimensions
    /// kept as 1 when `keep`; a float64 tensor of the folds.
    static func reduced(_ x: Tensor, dims: [Int]?, keep: Bool, _ call: BuiltinCall, _ fold: ([Double]) -> Double) throws(RuntimeError) -> Tensor {
        let reducing = Set(dims ?? Array(0..<x.rank))
        let kept = x.shape.enumerated().map { reducing.contains($0.offset) ? 1 : $0.element }
        let outStrides = Tensor.strides(of: kept)
        var groups = [[Double]](repeating: [], count: Tensor.elementCount(of: kept) ?? 1)
        var index = [Int](repeating: 0, count: x.rank)
        for value in x.scalars {
            var at = 0
            for axis in 0..<x.rank where !reducing.contains(axis) { at += index[axis] * outStrides[axis] }
            if at < groups.count { groups[at].append(value) }
            Tensor.advance(&index, rowMajorIn: x.shape)
        }
        let shape = keep ? kept : x.shape.enumerated().filter { !reducing.contains($0.offset) }.map(\.element)
        guard let result = Tensor(shape: x.rank == 0 ? [] : shape, scalars: groups.map(fold)) else {
            throw call.error("internal: the reduction of shape \(x.shape) did not fill its result")
        }
        return result
    }

    // MARK: - Elementwise extremes

    static let maximum = extreme("maximum", "the larger of input and other, elementwise; NaN if either is", largest: true, ignoringNaN: false)
    static let minimum = extreme("minimum", "the smaller of input and other, elementwise; NaN if either is", largest: false, ignoringNaN: false)
    static let fmax = extreme("fmax", "the larger of input and other, elementwise; a NaN loses", largest: true, ignoringNaN: true)
    static let fmin = extreme("fmin", "the smaller of input and other, elementwise; a NaN loses", largest: false, ignoringNaN: true)

    private static func extreme(_ name: String, _ summary: String, largest: Bool, ignoringNaN: Bool) -> Builtin {
        Builtin.tensorFunction(name, [input, .required("other")], summary, example: "torch.\(name)(x, y)") { call throws(RuntimeError) in
            let x = try tensorArgument(call, "input", position: 1)
            let y = try tensorArgument(call, "other", position: 2)
            let pick: (Double, Double) -> Double = { a, b in
                if a.isNaN || b.isNaN { return ignoringNaN ? (a.isNaN ? b : a) : .nan }
                return largest ? Swift.max(a, b) : Swift.min(a, b)
            }
            guard let result = Broadcasting.combine(x, y, pick) else { throw ElementwiseMethods.mismatch(x.shape, y.shape, call) }
            let operands = [x, y].map { TypePromotion.Operand(dtype: $0.dtype, rank: $0.rank == 0 ? .zeroDimensional : .dimensioned) }
            return try call.made(result.converted(to: TypePromotion.resultType(operands) ?? x.dtype))
        }
    }

    /// Argument `name` as a tensor, refused in PyTorch's words when it is anything else
    /// (`maximum(): argument 'other' (position 2) must be Tensor, not int`).
    static func tensorArgument(_ call: BuiltinCall, _ name: String, position: Int) throws(RuntimeError) -> Tensor {
        let value = call.value(name)
        switch value {
        case .tensor(let tensor): return tensor
        case .variable(let box): return box.tensor
        default:
            throw call.error("\(call.builtin.name)(): argument '\(name)' (position \(position)) must be Tensor, not \(PythonText.typeName(value))",
                             at: name, raising: .typeError)
        }
    }

    // MARK: - nan_to_num

    static let nanToNum = Builtin.tensorFunction(
        "nan_to_num",
        [input, .optional("nan", default: .none), .optional("posinf", default: .none), .optional("neginf", default: .none)],
        "NaN, +inf and -inf replaced by nan, posinf and neginf (by default 0 and the dtype's largest and lowest)",
        example: "torch.nan_to_num(x, nan=0.0)") { call throws(RuntimeError) in
        let x = try call.receivingTensor
        guard x.dtype.isFloatingPoint else { return try call.made(x) }
        let (nan, posinf, neginf) = try nanToNumReplacements(call, dtype: x.dtype)
        return try call.made(x.map { $0.isNaN ? nan : $0 == .infinity ? posinf : $0 == -.infinity ? neginf : $0 }.converted(to: x.dtype))
    }

    /// `nan=`, `posinf=` and `neginf=` of `nan_to_num`, the infinities by default the largest and
    /// lowest finite numbers of `dtype`.
    static func nanToNumReplacements(_ call: BuiltinCall, dtype: DType) throws(RuntimeError) -> (Double, Double, Double) {
        let largest = dtype == .float32 ? Double(Float.greatestFiniteMagnitude) : Double.greatestFiniteMagnitude
        let nan: Double = if case .none = call.value("nan") { 0 } else { try call.number("nan") }
        let posinf: Double = if case .none = call.value("posinf") { largest } else { try call.number("posinf") }
        let neginf: Double = if case .none = call.value("neginf") { -largest } else { try call.number("neginf") }
        return (nan, posinf, neginf)
    }
}
