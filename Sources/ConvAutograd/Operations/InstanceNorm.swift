import ConvNumerics

extension Functional {
    /// `F.instance_norm` on `(N, C, L)`, composed as PyTorch composes it: the input viewed as
    /// one batch of `N·C` channels, the weight, bias and running statistics repeated `N` times, a
    /// batch norm, and the result viewed back (`ViewBackward0`). With `useInputStatistics` each
    /// instance is normalised by its own statistics and the running ones (when given) move towards
    /// them by `momentum`, averaged over the batch; without, by the running statistics.
    public static func instanceNorm(
        _ x: Variable, weight: Variable?, bias: Variable?, running: (mean: Tensor, variance: Tensor)?,
        useInputStatistics: Bool, momentum: Double, eps: Double
    ) throws(AutogradError) -> (output: Variable, running: (mean: Tensor, variance: Tensor)?) {
        let shape = x.shape
        guard shape.count == 3 else { throw .invalidArgument("expected 3D input (got \(shape.count)D input)") }
        let (batch, channels, length) = (shape[0], shape[1], shape[2])
        if useInputStatistics, length <= 1 {
            throw .invalidArgument("Expected more than 1 spatial element when training, got input size torch.Size(\(Tensor.list(shape)))")
        }
        let reshaped = try x.view([1, batch * channels, length])
        let repeatedWeight = try weight.map { w throws(AutogradError) in try w.repeated([batch]) }
        let repeatedBias = try bias.map { b throws(AutogradError) in try b.repeated([batch]) }
        guard !useInputStatistics else {
            let result = try batchNorm(reshaped, weight: repeatedWeight, bias: repeatedBias, running: nil, eps: eps)
            let output = try result.output.view(shape)
            guard let running, let statistics = result.statistics else { return (output, nil) }
            let moved = (mean: averaged(running.mean, towards: statistics.mean, momentum, batch),
                         variance: averaged(running.variance, towards: statistics.unbiasedVariance, momentum, batch))
            return (output, moved)
        }
        guard let running else { throw .invalidArgument("Expected running_mean and running_var to be defined when use_input_stats is false") }
        let repeatedRunning = (mean: try repeatedTensor(running.mean, batch), variance: try repeatedTensor(running.variance, batch))
        let result = try batchNorm(reshaped, weight: repeatedWeight, bias: repeatedBias, running: repeatedRunning, eps: eps)
        return (try result.output.view(shape), nil)
    }

    /// `running` repeated `times` times along its one dimension.
    private static func repeatedTensor(_ running: Tensor, _ times: Int) throws(AutogradError) -> Tensor {
        let scalars = Array([[Double]](repeating: running.scalars, count: times).joined())
        guard let tensor = Tensor(shape: [running.count * times], scalars: scalars) else {
            throw .invalidArgument("running statistics of \(running.count) elements")
        }
        return tensor.converted(to: running.dtype)
    }

    /// Each instance's copy of the running statistic moved by `momentum` towards what it
    /// observed, then the copies averaged over the batch (PyTorch's `view(b, c).mean(0)`).
    private static func averaged(_ running: Tensor, towards observed: Tensor, _ momentum: Double, _ batch: Int) -> Tensor {
        let channels = running.count
        let r = running.scalars, o = observed.scalars
        var sums = [Double](repeating: 0, count: channels)
        for n in 0..<batch {
            for c in 0..<channels {
                let moved = (1 - momentum) * r[c] + momentum * o[n * channels + c]
                sums[c] += running.dtype == .float32 ? Double(Float(moved)) : moved
            }
        }
        let means = sums.map { $0 / Double(batch) }
        return Tensor(shape: running.shape, scalars: means)?.converted(to: running.dtype) ?? running
    }
}
