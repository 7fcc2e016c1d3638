import Foundation
import ConvNumerics

/// Operations PyTorch records as one node (`AddmmBackward0`, `LerpBackward0`, `CdistBackward0`,
/// `Atan2Backward0`, ...), computed here from smaller ones or from a formula per element.
extension Variable {
    /// `compose(inputs)` recorded as the single node `name`: the composition runs on fresh leaves
    /// holding the inputs' values, and the node's backward passes its gradient back through that
    /// inner graph. So the graph a program sees holds PyTorch's one node, with the gradients of
    /// the composition. An input that requires grad but does not reach the result gets zeros, as
    /// PyTorch's formulas give it.
    public static func fused(
        _ name: String, _ inputs: [Variable], _ compose: ([Variable]) throws(AutogradError) -> Variable
    ) throws(AutogradError) -> Variable {
        guard GradMode.isEnabled, inputs.contains(where: \.requiresGrad) else { return try compose(inputs) }
        var leaves: [Variable] = []
        for input in inputs {
            leaves.append(input.requiresGrad ? try Variable(input.data, requiresGrad: true) : Variable(constant: input.data))
        }
        let inner = try compose(leaves)
        let wanted = leaves.filter(\.requiresGrad)
        return .record(name, inner.data, inputs: inputs) { g throws(AutogradError) in
            let grads = try Autograd.grad(outputs: [inner], inputs: wanted, gradOutputs: [g], retainGraph: true, allowUnused: true)
            var next = 0
            var result: [Tensor?] = []
            for leaf in leaves {
                guard leaf.requiresGrad else { result.append(nil); continue }
                let grad = next < grads.count ? grads[next] : nil
                next += 1
                if let grad { result.append(grad) } else { result.append(try .zeros(leaf.shape, dtype: leaf.dtype)) }
            }
            return result
        }
    }

    /// `function(a, b)` of each broadcast pair of elements, computed in float64 and given in the
    /// pair's promoted floating dtype, recorded as `name`; `partials(a, b, out)` are the
    /// derivatives by `a` and by `b`, each gradient summed back to its operand's shape.
    public static func pointwise(
        _ name: String, _ a: Variable, _ b: Variable, _ function: @escaping @Sendable (Double, Double) -> Double,
        partials: @escaping @Sendable (Double, Double, Double) -> (Double, Double)
    ) throws(AutogradError) -> Variable {
        let dtype = try TensorMath.promotedDType(a.data, b.data, operation: name)
        guard let shape = Broadcasting.shape(a.shape, b.shape) else {
            throw .shapeMismatch(operation: name, left: a.shape, right: b.shape)
        }
        let x = try TensorMath.broadcast(a.data.converted(to: .float64), to: shape).scalars
        let y = try TensorMath.broadcast(b.data.converted(to: .float64), to: shape).scalars
        let out = try Tensor.make(shape, zip(x, y).map(function)).converted(to: dtype)
        let results = out.converted(to: .float64).scalars
        let (aShape, bShape, aType, bType) = (a.shape, b.shape, a.dtype, b.dtype)
        return .record(name, out, inputs: [a, b]) { g throws(AutogradError) in
            let upstream = try TensorMath.broadcast(g.converted(to: .float64), to: shape).scalars
            var (da, db) = ([Double](repeating: 0, count: upstream.count), [Double](repeating: 0, count: upstream.count))
            for i in upstream.indices {
                let (pa, pb) = partials(x[i], y[i], results[i])
                (da[i], db[i]) = (upstream[i] * pa, upstream[i] * pb)
            }
            return [try TensorMath.sum(try Tensor.make(shape, da), to: aShape).converted(to: aType),
                    try TensorMath.sum(try Tensor.make(shape, db), to: bShape).converted(to: bType)]
        }
    }

    /// The inverse error function (`ErfinvBackward0`): gradient `g · √π/2 · e^(erfinv(x)²)`.
    public func erfinv() throws(AutogradError) -> Variable {
        try elementwise("ErfinvBackward0", Variable.inverseErf) { g, _, out, r in
            r(r(r(Double.pi.squareRoot() / 2) * r(Foundation.exp(r(out * out)))) * g)
        }
    }

    /// `erf⁻¹(y)`: Giles' single-precision starting value, then two Newton steps on `erf`, as
    /// PyTorch's CPU kernel refines it; ±1 give ±∞ and values past them NaN.
    static func inverseErf(_ y: Double) -> Double {
        if y.isNaN || Swift.abs(y) > 1 { return .nan }
        if Swift.abs(y) == 1 { return y * .infinity }
        var w = -Foundation.log((1 - y) * (1 + y)), x: Double
        if w < 5 {
            w -= 2.5
            x = [2.81022636e-08, 3.43273939e-07, -3.5233877e-06, -4.39150654e-06, 0.00021858087, -0.00125372503,
                 -0.00417768164, 0.246640727, 1.50140941].reduce(0) { $0 * w + $1 }
        } else {
            w = w.squareRoot() - 3
            x = [-0.000200214257, 0.000100950558, 0.00134934322, -0.00367342844, 0.00573950773, -0.0076224613,
                 0.00943887047, 1.00167406, 2.83297682].reduce(0) { $0 * w + $1 }
        }
        x *= y
        for _ in 0..<2 {
            x -= (Foundation.erf(x) - y) / (2 / Double.pi.squareRoot() * Foundation.exp(-x * x))
        }
        return x
    }
}

extension Variable {
    /// The sign of a real tensor recorded as `torch.sgn` records it (`SgnBackward0`): gradient 0,
    /// and 0 for NaN, as PyTorch's kernel gives it.
    public func sgn() throws(AutogradError) -> Variable {
        try elementwise("SgnBackward0", { $0 > 0 ? 1 : ($0 < 0 ? -1 : 0) }) { _, _, _, _ in 0 }
    }
}
