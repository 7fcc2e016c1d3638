import ConvNumerics
import Foundation
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
    static let functions: [Builtin] = [pow, clamp, neg, maskedFill] + unaryFunctions
    /// `round` is Python's at the top level; `torch.round(x)` is this method (``TorchFunctionForms``).
    static let methodsOnly: [Builtin] = [round]
    /// conv's builtins that are tensor methods too, by name.
    static let builtinMethods = ["abs", "sqrt", "exp", "log", "sin", "cos", "relu", "sigmoid", "tanh", "softmax", "allclose"]

    /// The methods computing numbers from the elements, whose result takes PyTorch's dtype
    /// (``MethodResultDTypes``).
    static let numericNames = ["abs", "sqrt", "exp", "log", "sin", "cos", "relu", "sigmoid", "tanh", "softmax", "pow", "clamp",
                               "clip", "neg", "negative", "round"] + unaryFunctions.map(\.name)

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

    /// PyTorch's elementwise functions of one tensor: `torch.floor(x)` and `x.floor()`, each
    /// in the input's dtype (``MethodResultDTypes``) and recorded by ``AutogradMethods``.
    static let unaryFunctions: [Builtin] = [
        unary("floor", "each element rounded down") { $0.rounded(.down) },
        unary("ceil", "each element rounded up") { $0.rounded(.up) },
        unary("trunc", "each element rounded toward zero", aliases: ["torch.fix"]) { $0.rounded(.towardZero) },
        unary("frac", "the fractional part of each element, x - trunc(x)") { $0 - $0.rounded(.towardZero) },
        unary("sign", "the sign of each element: -1, 0 or 1") { $0 > 0 ? 1 : ($0 < 0 ? -1 : ($0.isNaN ? $0 : 0)) },
        unary("square", "each element squared") { $0 * $0 },
        unary("reciprocal", "1 / x for each element") { 1 / $0 },
        // PyTorch's kernel divides by the square root in the tensor's dtype.
        unary("rsqrt", "1 / sqrt(x) for each element", float32: { 1 / $0.squareRoot() }) { 1 / $0.squareRoot() },
        unary("log1p", "log(1 + x) for each element, accurate for small x") { Foundation.log1p($0) },
        unary("expm1", "exp(x) - 1 for each element, accurate for small x") { Foundation.expm1($0) },
        unary("exp2", "2 to the power of each element") { Foundation.exp2($0) },
        unary("log2", "the base-2 logarithm of each element") { Foundation.log2($0) },
        unary("log10", "the base-10 logarithm of each element") { Foundation.log10($0) },
        unary("erf", "the error function of each element") { Foundation.erf($0) },
    ]

    /// A torch function of one tensor computing `function` on every element (in float64, or
    /// with `float32` on a float32 tensor where PyTorch computes in float32).
    private static func unary(
        _ name: String, _ summary: String, aliases: [String] = [], float32: (@Sendable (Float) -> Float)? = nil,
        _ function: @escaping @Sendable (Double) -> Double
    ) -> Builtin {
        Builtin.tensorFunction(name, aliases: aliases, [input], summary, example: "x.\(name)()") { call throws(RuntimeError) in
            let x = try call.receivingTensor
            if let float32, x.dtype == .float32 { return try call.made(x.map { Double(float32(Float($0))) }.converted(to: .float32)) }
            return try call.made(x.converted(to: .float64).map(function))
        }
    }

    static let maskedFill = Builtin.tensorFunction(
        "masked_fill", [input, .required("mask"), .required("value")],
        "value where the bool mask (broadcast to the shape) is true, the element elsewhere",
        example: "x.masked_fill(x < 0, 0.)") { call throws(RuntimeError) in
        let x = try call.receivingTensor
        let (flags, value) = (try maskFlags(call, shape: x.shape), try fillValue(call))
        let scalars = x.converted(to: .float64).scalars
        return try call.made(TensorGeometry.float64(x.shape, scalars.indices.map { flags[$0] ? value : scalars[$0] }).converted(to: x.dtype))
    }

    /// `masked_fill`'s mask as one flag per element of a tensor of `shape`: a bool tensor that
    /// broadcasts to it, as PyTorch requires.
    static func maskFlags(_ call: BuiltinCall, shape: [Int]) throws(RuntimeError) -> [Bool] {
        let mask = try call.tensor("mask")
        guard mask.dtype == .bool else {
            throw call.error("masked_fill_ only supports boolean masks, but got mask with dtype \(mask.dtype)", at: "mask")
        }
        guard let zeros = Tensor(repeating: 0, shape: shape), let spread = Broadcasting.combine(zeros, mask, { $1 }),
              spread.shape == shape else { throw mismatch(shape, mask.shape, call) }
        return spread.scalars.map { $0 != 0 }
    }

    /// `masked_fill`'s value: a number or a 0-d tensor.
    static func fillValue(_ call: BuiltinCall) throws(RuntimeError) -> Double {
        let value = try call.tensor("value", allowNumber: true)
        guard value.rank == 0, let number = value.scalars.first else {
            throw call.error("masked_fill_ only supports a 0-dimensional value tensor, but got tensor with \(value.rank) dimension(s).", at: "value")
        }
        return number
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
