import Foundation
import ConvAutograd
import ConvNumerics

/// Elementwise functions of two tensors (or a tensor and a number) that tutorials reach for:
/// `torch.lerp`, `fmod`, `atan2` (`arctan2`), `hypot`, `logaddexp`, `xlogy`, with one function
/// of one tensor, `erfinv`, and the one-sided clamps `clamp_min`/`clamp_max`, `sgn` and
/// `signbit`. Each is a function and a method, recorded with PyTorch's node (`LerpBackward0`,
/// `FmodBackward1`, `Atan2Backward0`, `HypotBackward0`, ...) and its gradient.
enum PairwiseFunctions {
    static let functions: [Builtin] = [lerp, fmod, atan2, arctan2, hypot, logaddexp, xlogy, erfinv, clampMin, clampMax, sgn, signbit]

    private static let input = Builtin.Parameter.required("input")

    /// `torch.lerp(start, end, weight)`: `start + weight · (end − start)`, with PyTorch's two
    /// branches for a number weight (`LerpBackward0`), composed for a tensor one (`LerpBackward1`).
    static let lerp = Builtin.tensorFunction(
        "lerp", [input, .required("end"), .required("weight")], "start + weight·(end − start), elementwise",
        example: "torch.lerp(a, b, 0.5)") { call throws(RuntimeError) in
        let (a, b) = (try operand(call, "input"), try operand(call, "end"))
        guard a.dtype == b.dtype else {
            throw call.error("expected dtype \(a.dtype.cTypeName) for `end` but got dtype \(b.dtype.cTypeName)", at: "end")
        }
        if case .tensor = call.value("weight") {} else if case .variable = call.value("weight") {} else {
            let w = try call.number("weight")
            guard a.dtype.isFloatingPoint else {
                throw call.error("\"lerp_kernel_scalar\" not implemented for '\(a.dtype.scalarTypeName)'", raising: .notImplementedError)
            }
            return try AutogradValues.run(at: call.range) { () throws(AutogradError) in
                try Variable.pointwise("LerpBackward0", a, b, { x, y in w < 0.5 ? x + w * (y - x) : y - (y - x) * (1 - w) },
                                       partials: { _, _, _ in (1 - w, w) })
            }
        }
        let w = try operand(call, "weight")
        return try AutogradValues.run(at: call.range) { () throws(AutogradError) in
            try Variable.fused("LerpBackward1", [a, b, w]) { v throws(AutogradError) in try v[0].add(try v[2].mul(try v[1].sub(v[0]))) }
        }
    }

    /// `torch.fmod(a, b)`: the remainder with the sign of the dividend, as C's `fmod`
    /// (`FmodBackward0` for a number divisor, `FmodBackward1` for a tensor). Integers stay integers.
    static let fmod = pairwise("fmod", "the remainder of input ÷ other, with input's sign (C's fmod)", keepsIntegers: true,
                               { Foundation.fmod($0, $1) }) { a, b, _ in (1, -(a / b).rounded(.towardZero)) }
    static let atan2 = pairwise("atan2", "the angle of the point (other, input), elementwise", { Foundation.atan2($0, $1) }) { a, b, _ in
        let r = a * a + b * b
        return (b / r, -a / r)
    }
    static let arctan2 = pairwise("arctan2", "atan2's other name", node: "Atan2", { Foundation.atan2($0, $1) }) { a, b, _ in
        let r = a * a + b * b
        return (b / r, -a / r)
    }
    static let hypot = pairwise("hypot", "√(input² + other²), elementwise", { Foundation.hypot($0, $1) }) { a, b, out in (a / out, b / out) }
    static let logaddexp = pairwise("logaddexp", "log(exp(input) + exp(other)) without overflow", { a, b in
        let m = Swift.max(a, b)
        return m.isInfinite && a == b ? m : m + Foundation.log1p(Foundation.exp(-Swift.abs(a - b)))
    }) { a, b, out in (Foundation.exp(a - out), Foundation.exp(b - out)) }
    static let xlogy = pairwise("xlogy", "input · log(other), 0 where input is 0", scalarNode: "XlogyBackward2", { a, b in
        b.isNaN ? .nan : (a == 0 ? 0 : a * Foundation.log(b))
    }) { a, b, _ in (a == 0 ? 0 : Foundation.log(b), a / b) }

    /// A function of two operands: the tensor node `NAMEBackward1` (or `0` where PyTorch has one
    /// node only) when `other` is a tensor, `scalarNode` when it is a number.
    private static func pairwise(
        _ name: String, _ summary: String, node: String? = nil, scalarNode: String? = nil, keepsIntegers: Bool = false,
        _ function: @escaping @Sendable (Double, Double) -> Double,
        partials: @escaping @Sendable (Double, Double, Double) -> (Double, Double)
    ) -> Builtin {
        let base = node ?? (name.prefix(1).uppercased() + name.dropFirst())
        return Builtin.tensorFunction(name, [input, .required("other")], summary, example: "torch.\(name)(a, b)") { call throws(RuntimeError) in
            var (a, b) = (try operand(call, "input"), try operand(call, "other"))
            let numberOther = call.value("other").asTensor == nil
            if !a.dtype.isFloatingPoint, !b.dtype.isFloatingPoint {
                let dtype = TypePromotion.promote(a.dtype, b.dtype)
                let result = try AutogradValues.run(at: call.range) { () throws(AutogradError) in
                    try Variable.pointwise(name, Variable(constant: a.data.converted(to: .float64)),
                                           Variable(constant: b.data.converted(to: .float64)), function, partials: partials)
                }
                guard keepsIntegers, let values = result.asTensor else { return result.asTensor.map { .tensor($0.converted(to: call.context.defaultDType)) } ?? result }
                if name == "fmod", b.data.scalars.contains(0) { throw call.error("ZeroDivisionError") }
                return .tensor(values.converted(to: dtype))
            }
            // A Python float beside an integer tensor computes in the default float.
            if !a.dtype.isFloatingPoint { a = Variable(constant: a.data.converted(to: call.context.defaultDType)) }
            if !b.dtype.isFloatingPoint { b = Variable(constant: b.data.converted(to: numberOther ? a.dtype : call.context.defaultDType)) }
            let nodeName = numberOther ? (scalarNode ?? "\(base)Backward0") : (name == "fmod" ? "FmodBackward1" : "\(base)Backward0")
            return try AutogradValues.run(at: call.range) { () throws(AutogradError) in
                try Variable.pointwise(nodeName, a, b, function, partials: partials)
            }
        }
    }

    /// Argument `name` as an operand: a tensor, a variable, or a number as a 0-d tensor.
    static func operand(_ call: BuiltinCall, _ name: String) throws(RuntimeError) -> Variable {
        // A Python int is an integer operand, so that integer tensors stay integers beside it.
        if case .int(let number) = call.value(name) { return Variable(constant: Tensor(scalar: Double(number)).converted(to: .int64)) }
        return try AutogradValues.variable(call.value(name), what: "\(call.builtin.name)'s argument '\(name)'", at: call.range(of: name))
    }

    /// `values` in the shape of `x` and in `dtype`.
    static func shaped(_ values: [Double], like x: Tensor, _ dtype: DType) -> Tensor {
        TensorGeometry.reshaped(Tensor(values), x.shape).converted(to: dtype)
    }

    /// `x` in floating point: integers in the default float, as PyTorch's float functions take them.
    static func floating(_ x: Variable, _ call: BuiltinCall) -> Variable {
        x.dtype.isFloatingPoint ? x : Variable(constant: x.data.converted(to: call.context.defaultDType))
    }

    static let erfinv = Builtin.tensorFunction("erfinv", [input], "the inverse error function, elementwise",
                                               example: "torch.erfinv(torch.tensor([0.5]))") { call throws(RuntimeError) in
        let x = floating(try operand(call, "input"), call)
        return try AutogradValues.run(at: call.range) { () throws(AutogradError) in try x.erfinv() }
    }

    static let clampMin = oneSided("clamp_min", lower: true)
    static let clampMax = oneSided("clamp_max", lower: false)

    /// `torch.clamp_min(x, m)` / `clamp_max`: `clamp` with one bound (`ClampMinBackward0`,
    /// `ClampMaxBackward0`).
    private static func oneSided(_ name: String, lower: Bool) -> Builtin {
        Builtin.tensorFunction(name, [input, .required(lower ? "min" : "max")], "every element \(lower ? "at least min" : "at most max")",
                               example: "torch.\(name)(x, 0)") { call throws(RuntimeError) in
            var x = try operand(call, "input")
            let bound = try call.number(lower ? "min" : "max")
            // A float bound makes an integer tensor's result the default float, as PyTorch promotes.
            if !x.dtype.isFloatingPoint, case .number = call.value(lower ? "min" : "max") {
                x = Variable(constant: x.data.converted(to: call.context.defaultDType))
            }
            guard x.dtype.isFloatingPoint else {
                let values = x.data.scalars.map { lower ? Swift.max($0, bound) : Swift.min($0, bound) }
                return .tensor(shaped(values, like: x.data, x.dtype))
            }
            return try AutogradValues.run(at: call.range) { () throws(AutogradError) in
                try x.clamp(min: lower ? bound : nil, max: lower ? nil : bound, name: lower ? "ClampMinBackward0" : "ClampMaxBackward0")
            }
        }
    }

    /// `torch.sgn(x)`: the sign, as `sign` for real tensors (`SgnBackward0`).
    static let sgn = Builtin.tensorFunction("sgn", [input], "the sign of every element (sign, for real tensors)",
                                            example: "torch.sgn(x)") { call throws(RuntimeError) in
        let x = try operand(call, "input")
        guard x.dtype.isFloatingPoint else {
            return .tensor(shaped(x.data.scalars.map { $0 > 0 ? 1 : ($0 < 0 ? -1 : 0) }, like: x.data, x.dtype))
        }
        return try AutogradValues.run(at: call.range) { () throws(AutogradError) in try x.sgn() }
    }

    /// `torch.signbit(x)`: True where the sign bit is set (−0.0 included), a bool tensor.
    static let signbit = Builtin.tensorFunction("signbit", [input], "True where an element's sign bit is set (-0.0 too)",
                                                example: "torch.signbit(x)") { call throws(RuntimeError) in
        let x = try operand(call, "input")
        return .tensor(shaped(x.data.scalars.map { $0.sign == .minus ? 1 : 0 }, like: x.data, .bool))
    }
}
