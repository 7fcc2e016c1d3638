import ConvAutograd
import ConvNumerics

/// `BatchNorm1d(num_features, ...)`: PyTorch's `nn.BatchNorm1d` on `(N, C)` or `(N, C, L)`.
/// In training it normalises by the batch's statistics and moves the running mean and
/// (unbiased) variance towards them by `momentum` (`None`: a cumulative average); in
/// evaluation it normalises by the running statistics.
// @unchecked Sendable: an interpreter and the values it made are used by one thread at a time.
final class BatchNorm1d: EngineModule, BufferedModule, AffineParameters, @unchecked Sendable {
    struct Settings {
        var features: Int
        var eps: Double
        var momentum: Double?
        var affine: Bool
        var bias: Bool
        var trackRunningStats: Bool

        /// What a layer with these settings starts with, as PyTorch's: a weight of ones and a
        /// bias of zeros with `affine`, a running mean of zeros and variance of ones with
        /// `track_running_stats`.
        var initialState: (weight: VariableBox?, bias: VariableBox?, runningMean: Tensor?, runningVar: Tensor?) {
            let shape = [features]
            let weight = affine ? LayerTensors.parameter(LayerTensors.filled(1, shape)) : nil
            let bias = affine && self.bias ? LayerTensors.parameter(LayerTensors.filled(0, shape)) : nil
            return (weight, bias, trackRunningStats ? LayerTensors.filled(0, shape) : nil,
                    trackRunningStats ? LayerTensors.filled(1, shape) : nil)
        }

        /// PyTorch's repr of a `typeName` layer with these settings (BatchNorm1d and InstanceNorm1d
        /// share it): `BatchNorm1d(4, eps=1e-05, momentum=0.1, affine=True, ...)`.
        /// The settings as the layer's members: `m.num_features`, `m.eps`, ...
        var members: [(name: String, value: Value)] {
            [("num_features", .int(features)), ("eps", .number(eps)), ("momentum", momentum.map(Value.number) ?? .none),
             ("affine", .bool(affine)), ("track_running_stats", .bool(trackRunningStats))]
        }

        /// The settings in a `--json` record of the layer.
        var jsonFields: [(String, String)] {
            [("num_features", "\(features)"), ("eps", JSONEncoding.number(eps)), ("momentum", momentum.map(JSONEncoding.number) ?? "null"),
             ("affine", "\(affine)"), ("track_running_stats", "\(trackRunningStats)")]
        }

        func repr(_ typeName: String, hasBias: Bool) -> String {
            "\(typeName)(\(features), eps=\(LayerTensors.pythonFloat(eps)), momentum=\(momentum.map(LayerTensors.pythonFloat) ?? "None"), "
                + "affine=\(LayerTensors.pythonBool(affine)), bias=\(LayerTensors.pythonBool(hasBias)), "
                + "track_running_stats=\(LayerTensors.pythonBool(trackRunningStats)))"
        }
    }

    let settings: Settings
    let trainingFlag = TrainingFlag()
    private(set) var weight: VariableBox?
    private(set) var bias: VariableBox?
    private var runningMean: Tensor?
    private var runningVar: Tensor?
    private var batchesTracked: Int64 = 0

    init(_ settings: Settings) {
        self.settings = settings
        (weight, bias, runningMean, runningVar) = settings.initialState
    }

    var description: String { settings.repr("BatchNorm1d", hasBias: bias != nil) }

    var typeDescription: String { "BatchNorm1d(\(settings.features))" }

    /// PyTorch's checks, in its order: the rank, one value per channel in training, then the
    /// channels against the running statistics (or the weight).
    func refusal(of shape: [Int]) -> LayerRefusalError? {
        guard shape.count == 2 || shape.count == 3 else {
            return LayerRefusalError(message: "expected 2D or 3D input (got \(shape.count)D input)", pythonClass: .valueError)
        }
        if training, shape[1] > 0, shape.reduce(1, *) / shape[1] == 1 {
            let size = "torch.Size([" + shape.map(String.init).joined(separator: ", ") + "])"
            return LayerRefusalError(message: "Expected more than 1 value per channel when training, got input size \(size)",
                                     pythonClass: .valueError)
        }
        guard shape[1] != settings.features else { return nil }
        let name = settings.trackRunningStats ? "running_mean" : (settings.affine ? "weight" : nil)
        return name.map { LayerRefusalError(message: "\($0) should contain \(shape[1]) elements not \(settings.features)") }
    }

    func compute(_ x: Variable, _ call: ModuleCall) throws(AutogradError) -> Variable {
        let useRunning = !training && settings.trackRunningStats
        let running = useRunning ? runningMean.flatMap { mean in runningVar.map { (mean: mean, variance: $0) } } : nil
        let result = try Functional.batchNorm(x, weight: weight?.variable, bias: bias?.variable, running: running, eps: settings.eps)
        if training, settings.trackRunningStats, let statistics = result.statistics {
            batchesTracked += 1
            let factor = settings.momentum ?? 1 / Double(batchesTracked)
            runningMean = Self.moved(runningMean, towards: statistics.mean, by: factor)
            runningVar = Self.moved(runningVar, towards: statistics.unbiasedVariance, by: factor)
        }
        return result.output
    }

    /// `(1 − factor)·running + factor·observed`, in the running statistic's dtype.
    private static func moved(_ running: Tensor?, towards observed: Tensor, by factor: Double) -> Tensor? {
        guard let running else { return nil }
        let values = zip(running.scalars, observed.scalars).map { (1 - factor) * $0 + factor * $1 }
        return Tensor(shape: running.shape, scalars: values)?.converted(to: running.dtype) ?? running
    }

    var shapeRule: ShapeRule { .changing(.batchNorm(features: settings.features)) }

    /// `explain bn(x)`: the statistics it normalises by (the batch's, or the running ones in
    /// evaluation), x̂ and the affine, then the value.
    func explain(_ call: ModuleCall, by explainer: Explainer) throws(RuntimeError) -> Value? {
        let x = try call.tensorInput()
        let usesInput = training || !settings.trackRunningStats
        let running = runningMean.flatMap { mean in runningVar.map { (mean: mean, variance: $0) } }
        let value = try AutogradLayers.call(self, call)
        guard let y = value.asTensor, x.rank == 2 || x.rank == 3 else { return value }
        let layout = NormalizationRecord.Layout.channels(count: settings.features, length: x.rank == 3 ? x.shape[2] : 1)
        let statistics = usesInput || running == nil
            ? NormalizationExplanation.statistics(of: x, layout: layout, groups: settings.features) : running
        guard let statistics else { return value }
        let record = NormalizationRecord(layout: layout, input: x, weight: weight?.tensor, bias: bias?.tensor, mean: statistics.mean,
                                         variance: statistics.variance, eps: settings.eps, usesInputStatistics: usesInput)
        let update = training && settings.trackRunningStats
            ? "the running statistics move toward the batch's: running_mean ← (1 − m)·running_mean + m·mean, and running_var the same "
                + "with the unbiased variance (var·n/(n − 1)); m = " + (settings.momentum.map(ExplanationNumbers.number) ?? "1/(batches seen), a cumulative average")
            : nil
        try explainer.layerText(NormalizationExplanation(layer: description, record: record, y: y, runningUpdate: update,
                                                         all: explainer.options.all).render(), layer: "a BatchNorm1d layer")
        return value
    }

    // MARK: - Members

    var buffers: [(name: String, tensor: Tensor)] {
        guard let runningMean, let runningVar else { return [] }
        return [("running_mean", runningMean), ("running_var", runningVar), ("num_batches_tracked", Tensor(scalar: batchesTracked))]
    }

    func setBuffer(_ name: String, _ tensor: Tensor) {
        switch name {
        case "running_mean": runningMean = tensor.converted(to: runningMean?.dtype ?? LayerTensors.dtype)
        case "running_var": runningVar = tensor.converted(to: runningVar?.dtype ?? LayerTensors.dtype)
        case "num_batches_tracked": batchesTracked = Int64(exactly: tensor.scalars.first?.rounded() ?? 0) ?? 0
        default: break
        }
    }

    var members: [(name: String, value: Value)] {
        [("weight", weight.map(Value.variable) ?? .none), ("bias", bias.map(Value.variable) ?? .none)]
            + buffers.map { ($0.name, Value.tensor($0.tensor)) } + settings.members
    }

    func assign(_ name: String, _ value: Value, nameRange: SourceRange, valueRange: SourceRange) throws(RuntimeError) {
        let shape = [settings.features]
        switch name {
        case "weight" where weight != nil: weight = try LayerTensors.assigned(value, to: weight, shape: shape, name: name, at: valueRange)
        case "bias" where bias != nil: bias = try LayerTensors.assigned(value, to: bias, shape: shape, name: name, at: valueRange)
        case "running_mean" where runningMean != nil, "running_var" where runningVar != nil:
            let tensor = try Coercion.tensor(value, what: "the \(name)", at: valueRange, allowNumber: true)
            guard tensor.shape == shape else { throw RuntimeError("the \(name) must have shape \(shape), not \(tensor.shape)", at: valueRange) }
            setBuffer(name, tensor)
        default: throw refusedAssignment(name, at: nameRange)
        }
    }

    var jsonFields: [(String, String)] { settings.jsonFields }

    // MARK: - The constructor

    static let constructor = Builtin(
        name: "BatchNorm1d", aliases: ["torch.nn.BatchNorm1d"],
        parameters: [.required("num_features"), .optional("eps", default: .number(1e-5)), .optional("momentum", default: .number(0.1)),
                     .optional("affine", default: .bool(true)), .optional("track_running_stats", default: .bool(true)),
                     .optional("bias", default: .bool(true), namedOnly: true)],
        summary: "batch normalisation over (N, C) or (N, C, L), as PyTorch's nn.BatchNorm1d",
        details: """
        BatchNorm1d(num_features, eps=1e-05, momentum=0.1, affine=true, track_running_stats=true)

        Normalises each channel to mean 0 and variance 1, then scales by weight (ones) and shifts
        by bias (zeros). In training mode (m.train(), the default) it uses the batch's statistics
        and updates m.running_mean and m.running_var (the unbiased batch variance) by momentum, or
        by a cumulative average with momentum=None; after m.eval() it uses the running statistics.

        Example:
          bn = BatchNorm1d(2)
          bn(tensor([[1., 2.], [3., 6.]]))
          bn.running_mean                 # [0.2, 0.4]
        """,
        constructsLayer: true,
        body: { call throws(RuntimeError) in
            .layer(Layer(BatchNorm1d(try Settings(call))))
        })
}

extension BatchNorm1d.Settings {
    /// The settings a call of `BatchNorm1d(...)` or `InstanceNorm1d(...)` gives, checked.
    init(_ call: BuiltinCall) throws(RuntimeError) {
        let momentum: Double? = if case .none = call.value("momentum") { nil } else { try call.number("momentum") }
        self.init(features: try call.integer("num_features", in: 0...Int.max), eps: try call.number("eps"), momentum: momentum,
                  affine: try call.bool("affine"), bias: try call.bool("bias"), trackRunningStats: try call.bool("track_running_stats"))
    }
}

extension BatchNorm1d: DTypeBuffers {
    func convertBuffers(to dtype: DType) {
        runningMean = runningMean?.converted(to: dtype)
        runningVar = runningVar?.converted(to: dtype)
    }
}
