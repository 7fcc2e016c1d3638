import ConvAutograd
import ConvNumerics

/// `InstanceNorm1d(num_features, eps=1e-05, momentum=0.1, affine=False, track_running_stats=False)`:
/// PyTorch's `nn.InstanceNorm1d` on `(N, C, L)` or `(C, L)`, each channel of each sample
/// normalised by its own statistics (or, in evaluation with `track_running_stats`, the running ones).
// @unchecked Sendable: an interpreter and the values it made are used by one thread at a time.
final class InstanceNorm1d: EngineModule, BufferedModule, AffineParameters, @unchecked Sendable {
    let settings: BatchNorm1d.Settings
    let trainingFlag = TrainingFlag()
    private(set) var weight: VariableBox?
    private(set) var bias: VariableBox?
    private var runningMean: Tensor?
    private var runningVar: Tensor?

    init(_ settings: BatchNorm1d.Settings) {
        self.settings = settings
        (weight, bias, runningMean, runningVar) = settings.initialState
    }

    var description: String { settings.repr("InstanceNorm1d", hasBias: bias != nil) }

    var typeDescription: String { "InstanceNorm1d(\(settings.features))" }

    /// PyTorch's checks: the rank, then (with affine) the channels.
    func refusal(of shape: [Int]) -> LayerRefusalError? {
        guard shape.count == 2 || shape.count == 3 else {
            return LayerRefusalError(message: "expected 2D or 3D input (got \(shape.count)D input)", pythonClass: .valueError)
        }
        let dim = shape.count - 2
        if training || !settings.trackRunningStats, shape[shape.count - 1] <= 1 {
            let size = "torch.Size([" + shape.map(String.init).joined(separator: ", ") + "])"
            return LayerRefusalError(message: "Expected more than 1 spatial element when training, got input size \(size)", pythonClass: .valueError)
        }
        guard settings.affine, shape[dim] != settings.features else { return nil }
        return LayerRefusalError(message: "expected input's size at dim=\(dim) to match num_features (\(settings.features)), "
            + "but got: \(shape[dim]).", pythonClass: .valueError)
    }

    func compute(_ x: Variable, _ call: ModuleCall) throws(AutogradError) -> Variable {
        let unbatched = x.data.rank == 2
        let input = unbatched ? try x.unsqueeze(0) : x
        let running = runningMean.flatMap { mean in runningVar.map { (mean: mean, variance: $0) } }
        let result = try Functional.instanceNorm(
            input, weight: weight?.variable, bias: bias?.variable, running: running,
            useInputStatistics: training || !settings.trackRunningStats, momentum: settings.momentum ?? 0, eps: settings.eps)
        if let moved = result.running { (runningMean, runningVar) = (moved.mean, moved.variance) }
        return unbatched ? try result.output.squeeze(0) : result.output
    }

    var buffers: [(name: String, tensor: Tensor)] {
        guard let runningMean, let runningVar else { return [] }
        return [("running_mean", runningMean), ("running_var", runningVar), ("num_batches_tracked", Tensor(scalar: Int64(0)))]
    }

    func setBuffer(_ name: String, _ tensor: Tensor) {
        switch name {
        case "running_mean": runningMean = tensor.converted(to: runningMean?.dtype ?? LayerTensors.dtype)
        case "running_var": runningVar = tensor.converted(to: runningVar?.dtype ?? LayerTensors.dtype)
        default: break
        }
    }

    var members: [(name: String, value: Value)] {
        // Without track_running_stats the running statistics are members all the same, as None.
        [("weight", weight.map(Value.variable) ?? .none), ("bias", bias.map(Value.variable) ?? .none),
         ("running_mean", runningMean.map(Value.tensor) ?? .none), ("running_var", runningVar.map(Value.tensor) ?? .none),
         ("num_batches_tracked", runningMean == nil ? .none : .tensor(Tensor(scalar: Int64(0))))] + settings.members
    }

    func assign(_ name: String, _ value: Value, nameRange: SourceRange, valueRange: SourceRange) throws(RuntimeError) {
        let shape = [settings.features]
        switch name {
        case "weight" where weight != nil: weight = try LayerTensors.assigned(value, to: weight, shape: shape, name: name, at: valueRange)
        case "bias" where bias != nil: bias = try LayerTensors.assigned(value, to: bias, shape: shape, name: name, at: valueRange)
        default: throw refusedAssignment(name, at: nameRange)
        }
    }

    var jsonFields: [(String, String)] { settings.jsonFields }

    static let constructor = Builtin(
        name: "InstanceNorm1d", aliases: ["torch.nn.InstanceNorm1d"],
        parameters: [.required("num_features"), .optional("eps", default: .number(1e-5)), .optional("momentum", default: .number(0.1)),
                     .optional("affine", default: .bool(false)), .optional("track_running_stats", default: .bool(false)),
                     .optional("bias", default: .bool(true), namedOnly: true)],
        summary: "instance normalisation over (N, C, L) or (C, L), as PyTorch's nn.InstanceNorm1d",
        details: """
        InstanceNorm1d(num_features, eps=1e-05, momentum=0.1, affine=false, track_running_stats=false)

        Normalises each channel of each sample over its length to mean 0 and variance 1; with
        affine=true then scales by weight (ones) and shifts by bias (zeros). With
        track_running_stats=true it keeps running averages in training and uses them after m.eval().

        Example:
          norm = InstanceNorm1d(2)
          norm(randn(4, 2, 8))
        """,
        constructsLayer: true,
        body: { call throws(RuntimeError) in
            .layer(Layer(InstanceNorm1d(try BatchNorm1d.Settings(call))))
        })
}

extension InstanceNorm1d: DTypeBuffers {
    func convertBuffers(to dtype: DType) {
        runningMean = runningMean?.converted(to: dtype)
        runningVar = runningVar?.converted(to: dtype)
    }
}
