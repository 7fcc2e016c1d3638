import ConvNumerics

/// `F.batch_norm` and `F.layer_norm` with their gradients: both subtract a mean and divide by
/// `sqrt(var + eps)` over groups of elements, then scale and shift per element of an affine
/// axis. They differ only in which elements form a group (one channel of a batch; the last
/// dimensions of one row), so one kernel (``NormalizationGroups``) serves both.
extension Functional {
    /// What a batch norm measured on its batch, per channel: the mean and the unbiased
    /// variance, which PyTorch's running statistics follow.
    public struct BatchStatistics {
        public let mean: Tensor
        public let unbiasedVariance: Tensor
    }

    /// `F.batch_norm` on `(N, C)` or `(N, C, L)`: normalised per channel by `running` (mean,
    /// variance) when given (evaluation mode), else by the batch's own statistics, which are
    /// returned for the running averages (`NativeBatchNormBackward0`).
    public static func batchNorm(
        _ x: Variable, weight: Variable?, bias: Variable?, running: (mean: Tensor, variance: Tensor)?, eps: Double
    ) throws(AutogradError) -> (output: Variable, statistics: BatchStatistics?) {
        guard x.data.rank == 2 || x.data.rank == 3 else {
            throw .invalidArgument("expected 2D or 3D input (got \(x.data.rank)D input)")
        }
        let channels = x.shape[1], length = x.data.rank == 3 ? x.shape[2] : 1
        for (name, tensor) in [("running_mean", running?.mean), ("running_var", running?.variance),
                               ("weight", weight?.data), ("bias", bias?.data)] {
            if let tensor, tensor.count != channels {
                throw .invalidArgument("\(name) should contain \(channels) elements not \(tensor.count)")
            }
        }
        let groups = NormalizationGroups(
            count: channels, size: x.shape[0] * length, elements: x.data.count,
            group: { ($0 / length) % channels }, affine: { ($0 / length) % channels },
            layout: .channels(count: channels, length: length))
        if running == nil, groups.size <= 1 {
            throw .invalidArgument("Expected more than 1 value per channel when training, got input size torch.Size(\(Tensor.list(x.shape)))")
        }
        let result = try normalize(x, weight: weight, bias: bias, groups: groups, fixed: running, eps: eps,
                                   name: "NativeBatchNormBackward0")
        guard let batch = result.batch else { return (result.output, nil) }
        let n = Double(groups.size)
        let unbiased = try TensorMath.binary(batch.variance, scalar: n / (n - 1), .multiply)
        return (result.output, BatchStatistics(mean: batch.mean, unbiasedVariance: unbiased))
    }

    /// `F.layer_norm(x, normalized_shape, weight, bias, eps)`: each row of the last
    /// `normalizedShape.count` dimensions normalised by its own mean and biased variance
    /// (`NativeLayerNormBackward0`).
    public static func layerNorm(
        _ x: Variable, normalizedShape: [Int], weight: Variable?, bias: Variable?, eps: Double
    ) throws(AutogradError) -> Variable {
        let shape = x.shape
        guard !normalizedShape.isEmpty, shape.count >= normalizedShape.count,
              Array(shape.suffix(normalizedShape.count)) == normalizedShape else {
            throw .invalidArgument("Given normalized_shape=\(Tensor.list(normalizedShape)), expected input with shape "
                + "[*, \(normalizedShape.map(String.init).joined(separator: ", "))], but got input of size\(Tensor.list(shape))")
        }
        let size = product(normalizedShape)
        let groups = NormalizationGroups(count: size == 0 ? 0 : x.data.count / size, size: size, elements: x.data.count,
                                         group: { $0 / size }, affine: { $0 % size }, layout: .rows(size: size))
        return try normalize(x, weight: weight, bias: bias, groups: groups, fixed: nil, eps: eps,
                             name: "NativeLayerNormBackward0").output
    }

    static func normalize(
        _ x: Variable, weight: Variable?, bias: Variable?, groups: NormalizationGroups,
        fixed: (mean: Tensor, variance: Tensor)?, eps: Double, name: String
    ) throws(AutogradError) -> (output: Variable, batch: (mean: Tensor, variance: Tensor)?) {
        let dtype = try floatingDType(x.data, operation: name)
        for operand in [weight, bias].compactMap({ $0 }) { _ = try floatingDType(x.data, operand.data, operation: name) }
        let input = x.data, w = weight?.data, b = bias?.data
        let statistics: (mean: Tensor, variance: Tensor)
        if let fixed { statistics = fixed } else { statistics = try groups.statistics(input) }
        for tensor in [statistics.mean, statistics.variance] where tensor.dtype != dtype {
            throw .dtypeMismatch(operation: name, left: dtype, right: tensor.dtype)
        }
        let out = try groups.forward(input, statistics, weight: w, bias: b, eps: eps)
        let needs = (x.requiresGrad, weight?.requiresGrad ?? false, bias?.requiresGrad ?? false)
        let inputs = [x] + [weight, bias].compactMap { $0 }
        let details = OperationRecord.normalization(NormalizationRecord(
            layout: groups.layout, input: input, weight: w, bias: b, mean: statistics.mean, variance: statistics.variance, eps: eps,
            usesInputStatistics: fixed == nil))
        let output = Variable.record(name, out, inputs: inputs, details: details) { g throws(AutogradError) in
            let grads = try groups.backward(g, input, statistics, weight: w, affineShape: (w ?? b)?.shape, eps: eps,
                                            batchStatistics: fixed == nil)
            var result: [Tensor?] = [needs.0 ? grads.input : nil]
            if w != nil { result.append(needs.1 ? grads.weight : nil) }
            if b != nil { result.append(needs.2 ? grads.bias : nil) }
            return result
        }
        return (output, fixed == nil ? statistics : nil)
    }
}

/// Which elements are normalised together: `count` groups of `size` elements each, element `i`
/// in group `group(i)` and scaled by entry `affine(i)` of the weight and bias.
struct NormalizationGroups {
    let count: Int
    let size: Int
    let elements: Int
    let group: (Int) -> Int
    let affine: (Int) -> Int
    /// The same grouping, as a record names it.
    let layout: NormalizationRecord.Layout

    /// Each group's mean and biased variance, in the input's dtype (accumulated in Double).
    func statistics(_ x: Tensor) throws(AutogradError) -> (mean: Tensor, variance: Tensor) {
        func run<S: GradScalar>(_ type: S.Type) throws(AutogradError) -> (mean: Tensor, variance: Tensor) {
            let v = x.array(type)
            var sums = [Double](repeating: 0, count: count)
            for i in 0..<elements { sums[group(i)] += Double(v[i]) }
            let means = sums.map { size == 0 ? Double.nan : $0 / Double(size) }
            var squares = [Double](repeating: 0, count: count)
            for i in 0..<elements {
                let d = Double(v[i]) - means[group(i)]
                squares[group(i)] += d * d
            }
            return (try .make([count], means.map { S($0) }), try .make([count], squares.map { S($0 / Double(size)) }))
        }
        return try TensorMath.onFloats(x.dtype, { () throws(AutogradError) in try run(Float.self) },
                                       { () throws(AutogradError) in try run(Double.self) })
    }

    /// `(x − mean) / sqrt(var + eps) · weight + bias`.
    func forward(
        _ x: Tensor, _ statistics: (mean: Tensor, variance: Tensor), weight: Tensor?, bias: Tensor?, eps: Double
    ) throws(AutogradError) -> Tensor {
        func run<S: GradScalar>(_ type: S.Type) throws(AutogradError) -> Tensor {
            let v = x.array(type), mean = statistics.mean.array(type)
            let invstd = inverseDeviations(statistics.variance.array(type), eps: eps)
            let w = weight?.array(type), b = bias?.array(type)
            var out = [S](repeating: 0, count: elements)
            for i in 0..<elements {
                let g = group(i), a = affine(i)
                var y = (v[i] - mean[g]) * invstd[g]
                if let w { y *= w[a] }
                if let b { y += b[a] }
                out[i] = y
            }
            return try .make(x.shape, out)
        }
        return try TensorMath.onFloats(x.dtype, { () throws(AutogradError) in try run(Float.self) },
                                       { () throws(AutogradError) in try run(Double.self) })
    }

    /// The gradients of the input, weight and bias. With `batchStatistics` the mean and
    /// variance depend on the input too, which adds the two group sums to the input's gradient.
    func backward(
        _ g: Tensor, _ x: Tensor, _ statistics: (mean: Tensor, variance: Tensor), weight: Tensor?, affineShape: [Int]?,
        eps: Double, batchStatistics: Bool
    ) throws(AutogradError) -> (input: Tensor, weight: Tensor?, bias: Tensor?) {
        func run<S: GradScalar>(_ type: S.Type) throws(AutogradError) -> (input: Tensor, weight: Tensor?, bias: Tensor?) {
            let v = x.array(type), dy = g.array(type), mean = statistics.mean.array(type)
            let invstd = inverseDeviations(statistics.variance.array(type), eps: eps)
            let w = weight?.array(type)
            let affineCount = affineShape.map(product) ?? 0
            var dw = [S](repeating: 0, count: affineCount), db = [S](repeating: 0, count: affineCount)
            var sumDxhat = [S](repeating: 0, count: count), sumDxhatXhat = [S](repeating: 0, count: count)
            var xhat = [S](repeating: 0, count: elements), dxhat = [S](repeating: 0, count: elements)
            for i in 0..<elements {
                let grp = group(i), a = affine(i)
                xhat[i] = (v[i] - mean[grp]) * invstd[grp]
                dxhat[i] = w.map { dy[i] * $0[a] } ?? dy[i]
                if affineCount > 0 {
                    dw[a] += dy[i] * xhat[i]
                    db[a] += dy[i]
                }
                sumDxhat[grp] += dxhat[i]
                sumDxhatXhat[grp] += dxhat[i] * xhat[i]
            }
            let m = S(size)
            var dx = [S](repeating: 0, count: elements)
            for i in 0..<elements {
                let grp = group(i)
                dx[i] = batchStatistics
                    ? invstd[grp] / m * (m * dxhat[i] - sumDxhat[grp] - xhat[i] * sumDxhatXhat[grp])
                    : dxhat[i] * invstd[grp]
            }
            guard let affineShape else { return (try .make(x.shape, dx), nil, nil) }
            return (try .make(x.shape, dx), try .make(affineShape, dw), try .make(affineShape, db))
        }
        return try TensorMath.onFloats(x.dtype, { () throws(AutogradError) in try run(Float.self) },
                                       { () throws(AutogradError) in try run(Double.self) })
    }

    private func inverseDeviations<S: GradScalar>(_ variance: [S], eps: Double) -> [S] {
        variance.map { 1 / ($0 + S(eps)).squareRoot() }
    }
}
