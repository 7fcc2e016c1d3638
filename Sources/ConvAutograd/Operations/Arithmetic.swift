import Foundation
import ConvNumerics

/// Broadcasting arithmetic and elementwise math, with PyTorch's gradients: each operand's
/// gradient is summed back to its own shape.
extension Variable {
    /// `self + other` (`AddBackward0`).
    public func add(_ other: Variable) throws(AutogradError) -> Variable {
        let out = try TensorMath.binary(data, other.data, .add)
        let (aShape, bShape) = (shape, other.shape)
        return .record("AddBackward0", out, inputs: [self, other], savesTensors: false) { g throws(AutogradError) in
            [try TensorMath.sum(g, to: aShape), try TensorMath.sum(g, to: bShape)]
        }
    }

    /// `self - other` (`SubBackward0`).
    public func sub(_ other: Variable) throws(AutogradError) -> Variable {
        let out = try TensorMath.binary(data, other.data, .subtract)
        let (aShape, bShape) = (shape, other.shape)
        return .record("SubBackward0", out, inputs: [self, other], savesTensors: false) { g throws(AutogradError) in
            [try TensorMath.sum(g, to: aShape), try TensorMath.sum(try TensorMath.negate(g), to: bShape)]
        }
    }

    /// `self * other` (`MulBackward0`).
    public func mul(_ other: Variable) throws(AutogradError) -> Variable {
        let (a, b) = (data, other.data)
        let out = try TensorMath.binary(a, b, .multiply)
        let (needA, needB) = (requiresGrad, other.requiresGrad)
        // Each operand's gradient reads the other one.
        let saving = Saving.these((needA ? [other] : []) + (needB ? [self] : []))
        return .record("MulBackward0", out, inputs: [self, other], saving: saving) { g throws(AutogradError) in
            [needA ? try TensorMath.sum(try TensorMath.binary(g, b, .multiply), to: a.shape) : nil,
             needB ? try TensorMath.sum(try TensorMath.binary(g, a, .multiply), to: b.shape) : nil]
        }
    }

    /// Dropout's product with its scaled `mask` (0 where dropped, `1/(1 − p)` where kept), a
    /// constant of the same shape (`MulBackward0`, as PyTorch's `nn.Dropout` records it).
    public func dropout(mask: Tensor, p: Double) throws(AutogradError) -> Variable {
        let out = try TensorMath.binary(data, mask, .multiply)
        // The mask is the product's second operand, which needs no gradient, as in PyTorch's graph.
        return .record("MulBackward0", out, inputs: [self, Variable(constant: mask)], details: .dropout(mask: mask, p: p)) {
            g throws(AutogradError) in [try TensorMath.binary(g, mask, .multiply), nil]
        }
    }

    /// `self / other` (`DivBackward0`).
    public func div(_ other: Variable) throws(AutogradError) -> Variable {
        let (a, b) = (data, other.data)
        let out = try TensorMath.binary(a, b, .divide)
        let (needA, needB) = (requiresGrad, other.requiresGrad)
        let saving = Saving.these(needB ? [self, other] : [other])
        return .record("DivBackward0", out, inputs: [self, other], saving: saving) { g throws(AutogradError) in
            var gb: Tensor?
            if needB {
                // PyTorch's order: -g · ((a / b) / b).
                let ratio = try TensorMath.binary(try TensorMath.binary(a, b, .divide), b, .divide)
                gb = try TensorMath.sum(try TensorMath.negate(try TensorMath.binary(g, ratio, .multiply)), to: b.shape)
            }
            return [needA ? try TensorMath.sum(try TensorMath.binary(g, b, .divide), to: a.shape) : nil, gb]
        }
    }

    /// `self + s` for a number `s`.
    public func add(_ s: Double) throws(AutogradError) -> Variable { try add(constant(s)) }
    /// `self - s` for a number `s`.
    public func sub(_ s: Double) throws(AutogradError) -> Variable { try sub(constant(s)) }
    /// `self * s` for a number `s`.
    public func mul(_ s: Double) throws(AutogradError) -> Variable { try mul(constant(s)) }
    /// `self / s` for a number `s`.
    public func div(_ s: Double) throws(AutogradError) -> Variable { try div(constant(s)) }

    /// `s - self` for a number `s` (`RsubBackward1`).
    public func reverseSub(_ s: Double) throws(AutogradError) -> Variable {
        let out = try TensorMath.binary(data, scalar: s, .subtract, scalarFirst: true)
        return .record("RsubBackward1", out, inputs: [self], savesTensors: false) { g throws(AutogradError) in
            [try TensorMath.negate(g)]
        }
    }

    /// `-self` (`NegBackward0`).
    public func neg() throws(AutogradError) -> Variable {
        let out = try TensorMath.negate(data)
        return .record("NegBackward0", out, inputs: [self], savesTensors: false) { g throws(AutogradError) in
            [try TensorMath.negate(g)]
        }
    }

    /// `self ** exponent` for a number (`PowBackward0`): gradient `e · x^(e−1)`, and zero for
    /// `e = 0`.
    public func pow(_ exponent: Double) throws(AutogradError) -> Variable {
        let x = data
        let dtype = try floatingDType(x, operation: "pow")
        func forward<S: GradScalar>(_ t: S.Type) throws(AutogradError) -> Tensor {
            let e = S(exponent)
            return try TensorMath.map(x, t) { v in ArithmeticOperation.power(v, scalarExponent: e) }
        }
        let out = try TensorMath.onFloats(dtype, { () throws(AutogradError) in try forward(Float.self) }, { () throws(AutogradError) in try forward(Double.self) })
        return .record("PowBackward0", out, inputs: [self]) { g throws(AutogradError) in
            func run<S: GradScalar>(_ t: S.Type) throws(AutogradError) -> Tensor {
                let e = S(exponent)
                if e == 0 { return try .zeros(x.shape, dtype: dtype) }
                // PyTorch's pow_backward: grad · (e · x ** (e − 1)), the power by the same rules.
                return try TensorMath.zipMap(g, x, t) { gv, v in gv * (e * ArithmeticOperation.power(v, scalarExponent: e - 1)) }
            }
            return [try TensorMath.onFloats(dtype, { () throws(AutogradError) in try run(Float.self) }, { () throws(AutogradError) in try run(Double.self) })]
        }
    }

    /// `e^self` (`ExpBackward0`).
    public func exp() throws(AutogradError) -> Variable {
        let out = try TensorMath.unary(data, .exp)
        return .record("ExpBackward0", out, inputs: [self], saving: .output) { g throws(AutogradError) in
            [try TensorMath.binary(g, out, .multiply)]
        }
    }

    /// The natural logarithm (`LogBackward0`).
    public func log() throws(AutogradError) -> Variable {
        let x = data
        let out = try TensorMath.unary(x, .log)
        return .record("LogBackward0", out, inputs: [self]) { g throws(AutogradError) in
            [try TensorMath.binary(g, x, .divide)]
        }
    }

    /// The square root (`SqrtBackward0`): gradient `g / (2·√x)`.
    public func sqrt() throws(AutogradError) -> Variable {
        let out = try TensorMath.unary(data, .sqrt)
        return .record("SqrtBackward0", out, inputs: [self], saving: .output) { g throws(AutogradError) in
            [try TensorMath.binary(g, try TensorMath.binary(out, scalar: 2, .multiply), .divide)]
        }
    }

    /// The absolute value (`AbsBackward0`): gradient `g · sign(x)`, zero at zero.
    public func abs() throws(AutogradError) -> Variable {
        let x = data
        let out = try TensorMath.unary(x, .abs)
        return .record("AbsBackward0", out, inputs: [self]) { g throws(AutogradError) in
            [try TensorMath.binary(g, try TensorMath.unary(x, .sign), .multiply)]
        }
    }
}

/// Elementwise functions of one tensor.
enum UnaryKind {
    case negate, exp, log, sqrt, abs, sign, rsqrt
}

extension TensorMath {
    /// `-t`.
    static func negate(_ t: Tensor) throws(AutogradError) -> Tensor { try unary(t, .negate) }

    /// `kind` applied to every element, in the tensor's dtype.
    static func unary(_ t: Tensor, _ kind: UnaryKind) throws(AutogradError) -> Tensor {
        let dtype = try floatingDType(t, operation: "\(kind)")
        func run<S: GradScalar>(_ type: S.Type) throws(AutogradError) -> Tensor {
            switch kind {
            case .negate: return try map(t, type) { -$0 }
            case .exp: return try map(t, type) { S.exponential($0) }
            case .log: return try map(t, type) { S.logarithm($0) }
            case .sqrt: return try map(t, type) { $0.squareRoot() }
            case .abs: return try map(t, type) { Swift.abs($0) }
            case .sign: return try map(t, type) { $0 > 0 ? 1 : ($0 < 0 ? -1 : ($0.isNaN ? $0 : 0)) }
            case .rsqrt: return try map(t, type) { 1 / $0.squareRoot() }
            }
        }
        return try onFloats(dtype, { () throws(AutogradError) in try run(Float.self) }, { () throws(AutogradError) in try run(Double.self) })
    }
}

/// Elementwise functions computed in float64 and given in the input's dtype, with PyTorch's
/// gradients: `sin` (`SinBackward0`), `cos` (`CosBackward0`), `round` (`RoundBackward0`,
/// `RoundBackward1` with decimals: a gradient of 0 everywhere).
extension Variable {
    /// The sine (`SinBackward0`): gradient `g · cos(x)`.
    public func sin() throws(AutogradError) -> Variable {
        try elementwise("SinBackward0", { Foundation.sin($0) }, derivative: { Foundation.cos($0) })
    }

    /// The cosine (`CosBackward0`): gradient `−g · sin(x)`.
    public func cos() throws(AutogradError) -> Variable {
        try elementwise("CosBackward0", { Foundation.cos($0) }, derivative: { -Foundation.sin($0) })
    }

    /// Rounded to `decimals` places, halves to even (`RoundBackward0`, `RoundBackward1` when
    /// decimals are given): the gradient is 0.
    public func round(decimals: Int? = nil) throws(AutogradError) -> Variable {
        let scale = Foundation.pow(10, Double(decimals ?? 0))
        return try elementwise(decimals == nil ? "RoundBackward0" : "RoundBackward1",
                               { ($0 * scale).rounded(.toNearestOrEven) / scale }, derivative: { _ in 0 })
    }

    /// Rounded down (`FloorBackward0`), up (`CeilBackward0`), toward zero (`TruncBackward0`), or
    /// the sign (`SignBackward0`): the gradient is 0.
    public func floor() throws(AutogradError) -> Variable { try elementwise("FloorBackward0", { $0.rounded(.down) }, derivative: { _ in 0 }) }
    public func ceil() throws(AutogradError) -> Variable { try elementwise("CeilBackward0", { $0.rounded(.up) }, derivative: { _ in 0 }) }
    public func trunc() throws(AutogradError) -> Variable { try elementwise("TruncBackward0", { $0.rounded(.towardZero) }, derivative: { _ in 0 }) }
    public func sign() throws(AutogradError) -> Variable {
        try elementwise("SignBackward0", { $0 > 0 ? 1 : ($0 < 0 ? -1 : ($0.isNaN ? $0 : 0)) }, derivative: { _ in 0 })
    }

    /// The fractional part `x − trunc(x)` (`FracBackward0`): gradient `g`.
    public func frac() throws(AutogradError) -> Variable {
        try elementwise("FracBackward0", { $0 - $0.rounded(.towardZero) }, derivative: { _ in 1 })
    }

    /// `log(1 + x)` (`Log1PBackward0`): gradient `g / (1 + x)`.
    public func log1p() throws(AutogradError) -> Variable {
        try elementwise("Log1PBackward0", { Foundation.log1p($0) }) { g, x, _, r in r(g / r(x + 1)) }
    }

    /// `e^x − 1` (`Expm1Backward0`): gradient `g · e^x`.
    public func expm1() throws(AutogradError) -> Variable {
        try elementwise("Expm1Backward0", { Foundation.expm1($0) }) { g, _, out, r in r(g * r(out + 1)) }
    }

    /// `2^x` (`Exp2Backward0`): gradient `g · 2^x · ln 2`.
    public func exp2() throws(AutogradError) -> Variable {
        try elementwise("Exp2Backward0", { Foundation.exp2($0) }) { g, _, out, r in r(r(g * out) * r(Foundation.log(2))) }
    }

    /// The base-2 logarithm (`Log2Backward0`): gradient `g / (x · ln 2)`.
    public func log2() throws(AutogradError) -> Variable {
        try elementwise("Log2Backward0", { Foundation.log2($0) }) { g, x, _, r in r(g / r(x * r(Foundation.log(2)))) }
    }

    /// The base-10 logarithm (`Log10Backward0`): gradient `g / (x · ln 10)`.
    public func log10() throws(AutogradError) -> Variable {
        try elementwise("Log10Backward0", { Foundation.log10($0) }) { g, x, _, r in r(g / r(x * r(Foundation.log(10)))) }
    }

    /// `1 / x` (`ReciprocalBackward0`): gradient `−g / x²`.
    public func reciprocal() throws(AutogradError) -> Variable {
        try elementwise("ReciprocalBackward0", { 1 / $0 }) { g, _, out, r in r(-g * r(out * out)) }
    }

    /// The error function (`ErfBackward0`): gradient `g · 2/√π · e^(−x²)`.
    public func erf() throws(AutogradError) -> Variable {
        try elementwise("ErfBackward0", { Foundation.erf($0) }) { g, x, _, r in
            r(r(r(2 / Double.pi.squareRoot()) * r(Foundation.exp(-r(x * x)))) * g)
        }
    }

    /// `1 / √x` (`RsqrtBackward0`), in the tensor's dtype as PyTorch's kernel computes it:
    /// gradient `−g · out³ / 2`.
    public func rsqrt() throws(AutogradError) -> Variable {
        let out = try TensorMath.unary(data, .rsqrt)
        let dtype = out.dtype
        return .record("RsqrtBackward0", out, inputs: [self], saving: .output) { g throws(AutogradError) in
            let upstream = g.converted(to: .float64).scalars, results = out.converted(to: .float64).scalars
            let r = Variable.rounding(to: dtype)
            // PyTorch's `-0.5 * grad * result.pow(3)`, each step rounded to the dtype.
            return [try Tensor.make(out.shape, zip(upstream, results).map { g, y in r(r(-0.5 * g) * r(r(y * y) * y)) }).converted(to: dtype)]
        }
    }

    /// Each arithmetic step of a gradient as the dtype computes it: a float32 operation on
    /// float32 values is its float64 result rounded once.
    static func rounding(to dtype: DType) -> @Sendable (Double) -> Double {
        if dtype == .float32 { return { (value: Double) -> Double in Double(Float(value)) } }
        return { (value: Double) -> Double in value }
    }

    /// `function` of every element (computed in float64, given in the dtype), with the gradient
    /// `gradient(g, x, out, round)` following PyTorch's formula step by step in the dtype.
    func elementwise(
        _ name: String, _ function: @escaping (Double) -> Double,
        gradient: @escaping (Double, Double, Double, (Double) -> Double) -> Double
    ) throws(AutogradError) -> Variable {
        let dtype = try floatingDType(data, operation: name)
        let x = data.converted(to: .float64).scalars
        let out = try Tensor.make(shape, x.map(function)).converted(to: dtype)
        let (inputShape, results, r) = (shape, out.converted(to: .float64).scalars, Variable.rounding(to: dtype))
        return .record(name, out, inputs: [self]) { g throws(AutogradError) in
            let upstream = g.converted(to: .float64).scalars
            return [try Tensor.make(inputShape, upstream.indices.map { gradient(upstream[$0], x[$0], results[$0], r) }).converted(to: dtype)]
        }
    }

    private func elementwise(
        _ name: String, _ function: @escaping (Double) -> Double, derivative: @escaping (Double) -> Double
    ) throws(AutogradError) -> Variable {
        let dtype = try floatingDType(data, operation: name)
        let x = data.converted(to: .float64).scalars
        let out = try Tensor.make(shape, x.map(function)).converted(to: dtype)
        let inputShape = shape
        return .record(name, out, inputs: [self]) { g throws(AutogradError) in
            let upstream = g.converted(to: .float64).scalars
            return [try Tensor.make(inputShape, zip(upstream, x).map { $0 * derivative($1) }).converted(to: dtype)]
        }
    }
}
