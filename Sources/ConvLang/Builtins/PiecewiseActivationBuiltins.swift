import ConvAutograd
import ConvNumerics

/// `F.hardtanh`, `F.relu6`, `F.selu`, `F.celu`, `F.logsigmoid`, `F.softsign`, `F.hardswish`,
/// `F.hardsigmoid`, `F.tanhshrink`, `F.softshrink`, `F.hardshrink` and `F.threshold`, as in
/// PyTorch: each applies the layer of the same name (`Modules/ClampingActivations.swift`,
/// `Modules/SmoothActivations.swift`) to its argument, through the engine when the argument
/// requires grad; `inplace=True` changes a tensor with autograd identity in place.
enum PiecewiseActivationBuiltins {
    typealias Make = @Sendable (BuiltinCall) throws(RuntimeError) -> any PointwiseActivationModule

    static let all: [Builtin] = functions.map { function in
        PointwiseActivationBuiltins.function(
            function.name, function.summary, function.parameters, example: function.example, inTorch: function.inTorch,
            make: function.make)
    }

    /// `x.hardshrink(lambd=0.5)`, the one of these PyTorch has as a tensor method.
    static let methods: [Builtin] = all.filter { $0.name == "hardshrink" }.map(\.asTensorMethod)

    /// The engine's makers, by name, for ``PointwiseActivationBuiltins/operation(_:)``.
    static let makers: [String: Make] = Dictionary(functions.map { ($0.name, $0.make) }) { first, _ in first }

    private static let inplace = PointwiseActivationBuiltins.inplace

    private static let functions: [(name: String, summary: String, parameters: [Builtin.Parameter], example: String, inTorch: Bool, make: Make)] = [
        ("hardtanh", "x limited to [min_val, max_val]", Hardtanh.parameters,
         "F.hardtanh(torch.tensor([-2., 0.5, 3.]), -1., 1.)", false, { call throws(RuntimeError) in try Hardtanh.makeFunction(call) }),
        ("relu6", "min(max(x, 0), 6)", [inplace],
         "F.relu6(torch.tensor([-1., 3., 8.]))", false, { call throws(RuntimeError) in try ReLU6.make(call) }),
        ("selu", "scale * elu(x, alpha) with SELU's fixed alpha and scale", [inplace],
         "F.selu(torch.tensor([-1., 0., 1.]))", true, { call throws(RuntimeError) in try SELU.make(call) }),
        ("celu", "x for x > 0, alpha * (exp(x / alpha) - 1) otherwise", CELU.parameters,
         "F.celu(torch.tensor([-1., 0., 1.]), alpha=2.)", true, { call throws(RuntimeError) in try CELU.makeFunction(call) }),
        ("logsigmoid", "log(sigmoid(x)), computed without overflow", [],
         "F.logsigmoid(torch.tensor([-100., 0., 100.]))", false, { _ throws(RuntimeError) in LogSigmoid() }),
        ("softsign", "x / (1 + |x|)", [],
         "F.softsign(torch.tensor([-3., 0., 1.]))", false, { _ throws(RuntimeError) in Softsign() }),
        ("hardswish", "x * min(max(x + 3, 0), 6) / 6", [inplace],
         "F.hardswish(torch.tensor([-4., 0., 1., 4.]))", false, { call throws(RuntimeError) in try HardCurve.make(call, swish: true) }),
        ("hardsigmoid", "min(max(x + 3, 0), 6) / 6", [inplace],
         "F.hardsigmoid(torch.tensor([-4., 0., 1., 4.]))", false, { call throws(RuntimeError) in try HardCurve.make(call, swish: false) }),
        ("tanhshrink", "x - tanh(x)", [],
         "F.tanhshrink(torch.tensor([-1., 0., 2.]))", false, { _ throws(RuntimeError) in Tanhshrink() }),
        ("softshrink", "x - lambd above lambd, x + lambd below -lambd, 0 between", Shrink.parameters,
         "F.softshrink(torch.tensor([-1., 0.2, 2.]), 0.5)", false, { call throws(RuntimeError) in try Shrink.makeSoftFunction(call) }),
        ("hardshrink", "x outside [-lambd, lambd], 0 inside", Shrink.parameters,
         "F.hardshrink(torch.tensor([-1., 0.2, 2.]), 0.5)", true, { call throws(RuntimeError) in try Shrink.make(call, soft: false) }),
        ("threshold", "value where x <= threshold, x otherwise", Threshold.parameters,
         "F.threshold(torch.tensor([-1., 0.2, 2.]), 0.5, 0.)", true, { call throws(RuntimeError) in try Threshold.make(call) }),
    ]
}
