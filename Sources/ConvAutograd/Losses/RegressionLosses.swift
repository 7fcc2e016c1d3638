import ConvNumerics

/// The elementwise regression losses of a difference `d = input − target`.
enum PointwiseLoss {
    case squared
    case smoothL1(beta: Double)
    case huber(delta: Double)

    var name: String {
        switch self {
        case .squared: "MseLossBackward0"
        case .smoothL1: "SmoothL1LossBackward0"
        case .huber: "HuberLossBackward0"
        }
    }

    /// How an ``OperationRecord`` names it.
    var recordKind: OperationRecord.LossKind {
        switch self {
        case .squared: .squared
        case .smoothL1(let beta): .smoothL1(beta: beta)
        case .huber(let delta): .huber(delta: delta)
        }
    }

    @inline(__always)
    func value<S: GradScalar>(_ d: S) -> S {
        switch self {
        case .squared:
            return d * d
        case .smoothL1(let beta):
            let b = S(beta), a = Swift.abs(d)
            return a < b ? S(0.5) * d * d / b : a - S(0.5) * b
        case .huber(let delta):
            let c = S(delta), a = Swift.abs(d)
            return a < c ? S(0.5) * d * d : c * (a - S(0.5) * c)
        }
    }

    /// The derivative as PyTorch's backward kernels compute it (the branches agree at the seam).
    @inline(__always)
    func derivative<S: GradScalar>(_ d: S, upstream g: S) -> S {
        switch self {
        case .squared:
            return 2 * d * g
        case .smoothL1(let beta):
            let b = S(beta)
            if d <= -b { return -g }
            if d >= b { return g }
            return d / b * g
        case .huber(let delta):
            let c = S(delta)
            if d <= -c { return -c * g }
            if d >= c { return c * g }
            return d * g
        }
    }
}

extension Functional {
    /// `F.mse_loss` (`MseLossBackward0`).
    public static func mseLoss(_ input: Variable, _ target: Variable, reduction: LossReduction = .mean) throws(AutogradError) -> Variable {
        try pointwiseLoss(.squared, input, target, reduction)
    }

    /// `F.smooth_l1_loss` (`SmoothL1LossBackward0`); `beta = 0` is the L1 loss.
    public static func smoothL1Loss(
        _ input: Variable, _ target: Variable, reduction: LossReduction = .mean, beta: Double = 1
    ) throws(AutogradError) -> Variable {
        guard beta >= 0 else { throw .invalidArgument("smooth_l1_loss does not support negative values for beta.") }
        if beta == 0 { return try l1Loss(input, target, reduction: reduction) }
        return try pointwiseLoss(.smoothL1(beta: beta), input, target, reduction)
    }

    /// `F.huber_loss` (`HuberLossBackward0`).
    public static func huberLoss(
        _ input: Variable, _ target: Variable, reduction: LossReduction = .mean, delta: Double = 1
    ) throws(AutogradError) -> Variable {
        guard delta > 0 else { throw .invalidArgument("huber_loss does not support non-positive values for delta.") }
        return try pointwiseLoss(.huber(delta: delta), input, target, reduction)
    }

    /// `F.l1_loss`: `|input − target|` reduced, built from recorded operations as PyTorch builds
    /// it (so its gradient at `input == target` is 0).
    public static func l1Loss(_ input: Variable, _ target: Variable, reduction: LossReduction = .mean) throws(AutogradError) -> Variable {
        try reduce(try input.sub(target).abs(), reduction)
    }

    /// `loss` reduced as `reduction` says, through recorded operations.
    static func reduce(_ loss: Variable, _ reduction: LossReduction) throws(AutogradError) -> Variable {
        switch reduction {
        case .none: return loss
        case .sum: return try loss.sum()
        case .mean: return try loss.mean()
        }
    }

    private static func pointwiseLoss(
        _ kind: PointwiseLoss, _ input: Variable, _ target: Variable, _ reduction: LossReduction
    ) throws(AutogradError) -> Variable {
        let difference = try TensorMath.binary(input.data, target.data, .subtract)
        let (inputShape, targetShape) = (input.shape, target.shape)
        func forward<S: GradScalar>(_ t: S.Type) throws(AutogradError) -> Tensor {
            let loss = ReducedLoss<S>(reduction: reduction, shape: difference.shape, divisor: S(difference.count))
            return try loss.reduce(difference.array(t).map { kind.value($0) })
        }
        let out = try TensorMath.onFloats(
            difference.dtype, { () throws(AutogradError) in try forward(Float.self) },
            { () throws(AutogradError) in try forward(Double.self) })
        let needTarget = target.requiresGrad
        let details = OperationRecord.pointwiseLoss(kind.recordKind, input: input.data, target: target.data, reduction: reduction)
        return .record(kind.name, out, inputs: [input, target], details: details) { g throws(AutogradError) in
            func back<S: GradScalar>(_ t: S.Type) throws(AutogradError) -> Tensor {
                let loss = ReducedLoss<S>(reduction: reduction, shape: difference.shape, divisor: S(difference.count))
                let d = difference.array(t), gv = g.array(t)
                var grad = [S](repeating: 0, count: d.count)
                for i in 0..<d.count { grad[i] = kind.derivative(d[i], upstream: loss.upstream(gv, i)) }
                return try .make(difference.shape, grad)
            }
            let grad = try TensorMath.onFloats(
                difference.dtype, { () throws(AutogradError) in try back(Float.self) },
                { () throws(AutogradError) in try back(Double.self) })
            return [try TensorMath.sum(grad, to: inputShape),
                    needTarget ? try TensorMath.sum(try TensorMath.negate(grad), to: targetShape) : nil]
        }
    }
}
