import ConvNumerics
#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// `pow` of the C library, named apart from the `pow` builtin below.
private func power(_ x: Double, _ y: Double) -> Double { pow(x, y) }

/// Elementwise methods: PyTorch's `pow`, `clamp`, `neg` and `round`, and, as methods, conv's
/// elementwise builtins of the same names (`x.exp()` is `exp(x)`; ``TensorMethods``).
enum ElementwiseMethods {
    static let functions: [Builtin] = [pow, clamp, neg]
    static let methodsOnly: [Builtin] = [round]
    /// conv's builtins that are tensor methods too, by name.
    static let builtinMethods = ["abs", "sqrt", "exp", "log", "sin", "cos", "relu", "sigmoid", "tanh", "softmax", "allclose"]

    /// The methods computing numbers from the elements, whose result takes PyTorch's dtype
    /// (``MethodResultDTypes``).
    static let numericNames = ["abs", "sqrt", "exp", "log", "sin", "cos", "relu", "sigmoid", "tanh", "softmax", "pow", "clamp",
                               "clip", "neg", "negative", "round"]

    private static let input = Builtin.Parameter.required("input")

    static let pow = Builtin.tensorFunction(
        "pow", [input, .required("exponent")], "each element to the power exponent (a number or a tensor)",
        example: "x.pow(2)") { call throws(RuntimeError) in
        let x = try call.receivingTensor
        // A number exponent: PyTorch's kernel for it, in the tensor's dtype (as `x ** e`).
        if let result = Operators.scalarPower(.tensor(x), call.value("exponent")) { return try call.made(result) }
        let exponent = try call.tensor("exponent", allowNumber: true)
        guard let result = Broadcasting.combine(x, exponent, { power($0, $1) }) else {
            throw ElementwiseMethods.mismatch(x.shape, exponent.shape, call)
        }
        // Two float32 tensors give float32, as in PyTorch (computed in float64, rounded once).
        return try call.made(x.dtype == .float32 && exponent.dtype == .float32 ? result.converted(to: .float32) : result)
    }

    static let clamp = Builtin.tensorFunction(
        "clamp", aliases: ["torch.clip"], [input, .optional("min", default: .none), .optional("max", default: .none)],
        "each element limited to [min, max]", example: "x.clamp(min=0)") { call throws(RuntimeError) in
        let x = try call.receivingTensor
        let low: Double? = if case .none = call.value("min") { nil } else { try call.number("min") }
        let high: Double? = if case .none = call.value("max") { nil } else { try call.number("max") }
        guard low != nil || high != nil else { throw call.error("torch.clamp: At least one of 'min' or 'max' must not be None") }
        return .tensor(x.converted(to: .float64).map { value in
            // PyTorch: min then max, so max wins when min > max; NaN stays NaN.
            guard !value.isNaN else { return value }
            var result = value
            if let low { result = Swift.max(result, low) }
            if let high { result = Swift.min(result, high) }
            return result
        })
    }

    static let neg = Builtin.tensorFunction(
        "neg", aliases: ["torch.negative"], [input], "each element negated", example: "x.neg()") { call throws(RuntimeError) in
        .tensor(try call.receivingTensor.converted(to: .float64).map { -$0 })
    }

    static let round = Builtin.tensorFunction(
        "round", torch: false, [input, .optional("decimals", default: .int(0), namedOnly: true)],
        "each element rounded to decimals places, halves to even", example: "x.round(decimals=2)") { call throws(RuntimeError) in
        let x = try call.receivingTensor
        let decimals = try call.integer("decimals", in: -300...300)
        let scale = power(10.0, Double(decimals))
        return .tensor(x.converted(to: .float64).map { decimals == 0 ? $0.rounded(.toNearestOrEven) : ($0 * scale).rounded(.toNearestOrEven) / scale })
    }

    /// PyTorch's refusal of two shapes that do not broadcast.
    static func mismatch(_ a: [Int], _ b: [Int], _ call: BuiltinCall) -> RuntimeError { mismatch(a, b, at: call.range) }

    static func mismatch(_ a: [Int], _ b: [Int], at range: SourceRange) -> RuntimeError {
        let rank = Swift.max(a.count, b.count)
        let left = [Int](repeating: 1, count: rank - a.count) + a, right = [Int](repeating: 1, count: rank - b.count) + b
        let axis = (0..<rank).last { left[$0] != right[$0] && left[$0] != 1 && right[$0] != 1 } ?? 0
        return RuntimeError("The size of tensor a (\(left[axis])) must match the size of tensor b (\(right[axis])) at non-singleton dimension \(axis)", at: range)
    }
}
