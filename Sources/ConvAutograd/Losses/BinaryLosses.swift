import ConvNumerics

extension Functional {
    /// `F.binary_cross_entropy(input, target, weight=)` for probabilities `input`
    /// (`BinaryCrossEntropyBackward0`): logarithms clamped at −100 and the gradient's
    /// denominator at 1e-12, as PyTorch's kernels do.
    public static func binaryCrossEntropy(
        _ input: Variable, _ target: Tensor, weight: Tensor? = nil, reduction: LossReduction = .mean
    ) throws(AutogradError) -> Variable {
        try binaryLoss(input, target, weight: weight, positiveWeight: nil, reduction: reduction, logits: false)
    }

    /// `F.binary_cross_entropy_with_logits(input, target, weight=, pos_weight=)`
    /// (`BinaryCrossEntropyWithLogitsBackward0`), computed without overflow for large logits.
    public static func binaryCrossEntropyWithLogits(
        _ input: Variable, _ target: Tensor, weight: Tensor? = nil, positiveWeight: Tensor? = nil,
        reduction: LossReduction = .mean
    ) throws(AutogradError) -> Variable {
        try binaryLoss(input, target, weight: weight, positiveWeight: positiveWeight, reduction: reduction, logits: true)
    }

    private static func binaryLoss(
        _ input: Variable, _ target: Tensor, weight: Tensor?, positiveWeight: Tensor?, reduction: LossReduction, logits: Bool
    ) throws(AutogradError) -> Variable {
        let x = input.data
        let dtype = try floatingDType(x, operation: logits ? "binary_cross_entropy_with_logits" : "binary_cross_entropy")
        guard target.shape == x.shape else {
            throw .invalidArgument("Using a target size (\(AutogradError.size(target.shape))) that is different to the input size (\(AutogradError.size(x.shape))) is deprecated. Please ensure they have the same size.")
        }
        let y = target.converted(to: dtype)
        let w = try weight.map { t throws(AutogradError) in try TensorMath.broadcast(t.converted(to: dtype), to: x.shape) }
        let pw = try positiveWeight.map { t throws(AutogradError) in try TensorMath.broadcast(t.converted(to: dtype), to: x.shape) }
        let kernel = BinaryLossKernel(input: x, target: y, weight: w, positiveWeight: pw, reduction: reduction, logits: logits)
        let out = try TensorMath.onFloats(
            dtype, { () throws(AutogradError) in try kernel.forward(Float.self) },
            { () throws(AutogradError) in try kernel.forward(Double.self) })
        let name = logits ? "BinaryCrossEntropyWithLogitsBackward0" : "BinaryCrossEntropyBackward0"
        return .record(name, out, inputs: [input]) { g throws(AutogradError) in
            [try TensorMath.onFloats(
                dtype, { () throws(AutogradError) in try kernel.backward(g, Float.self) },
                { () throws(AutogradError) in try kernel.backward(g, Double.self) })]
        }
    }
}

/// The two binary cross-entropies, element by element.
struct BinaryLossKernel {
    let input: Tensor
    let target: Tensor
    let weight: Tensor?
    let positiveWeight: Tensor?
    let reduction: LossReduction
    let logits: Bool

    func forward<S: GradScalar>(_ t: S.Type) throws(AutogradError) -> Tensor {
        let x = input.array(t), y = target.array(t)
        let w = weight?.array(t), pw = positiveWeight?.array(t)
        var values = [S](repeating: 0, count: x.count)
        for i in 0..<x.count {
            var loss: S
            if logits {
                // (1 − y)·x + (1 + (pw − 1)·y)·(log(1 + e^−|x|) + max(−x, 0)).
                let logWeight = pw.map { ($0[i] - 1) * y[i] + 1 } ?? 1
                loss = (1 - y[i]) * x[i] + logWeight * (S.logOnePlus(S.exponential(-Swift.abs(x[i]))) + Swift.max(-x[i], 0))
            } else {
                guard x[i] >= 0, x[i] <= 1 else {
                    throw .invalidArgument("all elements of input should be between 0 and 1")
                }
                loss = (y[i] - 1) * Swift.max(S.logOnePlus(-x[i]), -100) - y[i] * Swift.max(S.logarithm(x[i]), -100)
            }
            if let w { loss *= w[i] }
            values[i] = loss
        }
        return try ReducedLoss<S>(reduction: reduction, shape: input.shape, divisor: S(x.count)).reduce(values)
    }

    func backward<S: GradScalar>(_ g: Tensor, _ t: S.Type) throws(AutogradError) -> Tensor {
        let x = input.array(t), y = target.array(t), gv = g.array(t)
        let w = weight?.array(t), pw = positiveWeight?.array(t)
        let reduced = ReducedLoss<S>(reduction: reduction, shape: input.shape, divisor: S(x.count))
        var grad = [S](repeating: 0, count: x.count)
        for i in 0..<x.count {
            let upstream = reduced.upstream(gv, i)
            var value: S
            if logits {
                let sigmoid = 1 / (1 + S.exponential(-x[i]))
                if let pw {
                    let weighted = pw[i] * y[i]
                    value = ((weighted + 1 - y[i]) * sigmoid - weighted) * upstream
                } else {
                    value = (sigmoid - y[i]) * upstream
                }
            } else {
                value = upstream * (x[i] - y[i]) / Swift.max((1 - x[i]) * x[i], S(1e-12))
            }
            if let w { value *= w[i] }
            grad[i] = value
        }
        return try .make(input.shape, grad)
    }
}
