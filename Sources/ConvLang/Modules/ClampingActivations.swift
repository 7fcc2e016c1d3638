import ConvAutograd
import ConvNumerics

// The piecewise-linear activations of ``PointwiseActivation``: Hardtanh, ReLU6, Hardswish,
// Hardsigmoid, Threshold, Softshrink and Hardshrink. Settings keep the value as written, since
// PyTorch's reprs and attributes show `Hardtanh(min_val=-2, max_val=2)` with its ints.

/// `Hardtanh(min_val=-1.0, max_val=1.0, inplace=False)`: PyTorch's `nn.Hardtanh`.
final class Hardtanh: PointwiseActivationModule {
    let trainingFlag = TrainingFlag()
    let written: (min: Value, max: Value)
    let inplace: Bool

    init(min: Value, max: Value, inplace: Bool) { (written, self.inplace) = ((min, max), inplace) }

    var function: PointwiseActivation { .hardtanh(min: written.min.asNumber ?? -1, max: written.max.asNumber ?? 1) }
    var description: String {
        "Hardtanh(min_val=\(PointwiseActivationBuiltins.written(written.min)), max_val=\(PointwiseActivationBuiltins.written(written.max))"
            + (inplace ? ", inplace=True)" : ")")
    }
    var members: [(name: String, value: Value)] { [("min_val", written.min), ("max_val", written.max), ("inplace", .bool(inplace))] }
    var jsonFields: [(String, String)] {
        [("min_val", JSONEncoding.number(written.min.asNumber ?? -1)), ("max_val", JSONEncoding.number(written.max.asNumber ?? 1))]
    }

    static let parameters: [Builtin.Parameter] = [
        .optional("min_val", default: .number(-1)), .optional("max_val", default: .number(1)), PointwiseActivationBuiltins.inplace,
    ]

    /// The layer `nn.Hardtanh(...)` describes; PyTorch's module asserts `max_val > min_val`.
    static func make(_ call: BuiltinCall) throws(RuntimeError) -> Hardtanh {
        let (low, high) = (try call.number("min_val"), try call.number("max_val"))
        guard high > low else {
            throw call.error("max_val (\(PointwiseActivationBuiltins.written(call.value("max_val")))) must be greater than min_val "
                             + "(\(PointwiseActivationBuiltins.written(call.value("min_val"))))", raising: .assertionError)
        }
        return Hardtanh(min: call.value("min_val"), max: call.value("max_val"), inplace: try call.bool("inplace"))
    }

    /// The layer `F.hardtanh(...)` applies; the function refuses only `min_val > max_val`.
    static func makeFunction(_ call: BuiltinCall) throws(RuntimeError) -> Hardtanh {
        guard try call.number("min_val") <= call.number("max_val") else {
            throw call.error("min_val cannot be greater than max_val", raising: .valueError)
        }
        return Hardtanh(min: call.value("min_val"), max: call.value("max_val"), inplace: try call.bool("inplace"))
    }

    static let constructor = ActivationConstructor.builtin(
        "Hardtanh", "x limited to [min_val, max_val]", parameters, make: make)
}

/// `ReLU6(inplace=False)`: PyTorch's `nn.ReLU6`, `hardtanh(x, 0, 6)`.
final class ReLU6: PointwiseActivationModule {
    let trainingFlag = TrainingFlag()
    let function = PointwiseActivation.hardtanh(min: 0, max: 6)
    let inplace: Bool

    init(inplace: Bool) { self.inplace = inplace }

    var description: String { inplace ? "ReLU6(inplace=True)" : "ReLU6()" }
    var members: [(name: String, value: Value)] { [("min_val", .number(0)), ("max_val", .number(6)), ("inplace", .bool(inplace))] }

    /// The layer a call of `ReLU6` or `relu6` describes.
    static func make(_ call: BuiltinCall) throws(RuntimeError) -> ReLU6 { ReLU6(inplace: try call.bool("inplace")) }

    static let constructor = ActivationConstructor.builtin("ReLU6", "min(max(x, 0), 6)", [PointwiseActivationBuiltins.inplace], make: make)
}

/// `Hardswish(inplace=False)` and `Hardsigmoid(inplace=False)`: PyTorch's `nn.Hardswish`,
/// `x·relu6(x + 3)/6`, and `nn.Hardsigmoid`, `relu6(x + 3)/6`; their reprs never show `inplace`.
final class HardCurve: PointwiseActivationModule {
    let trainingFlag = TrainingFlag()
    /// Hardswish when set, else Hardsigmoid.
    let swish: Bool
    let inplace: Bool

    init(swish: Bool, inplace: Bool) { (self.swish, self.inplace) = (swish, inplace) }

    var typeName: String { swish ? "Hardswish" : "Hardsigmoid" }
    var function: PointwiseActivation { swish ? .hardswish : .hardsigmoid }
    var members: [(name: String, value: Value)] { [("inplace", .bool(inplace))] }

    /// The layer a call of `Hardswish` or `hardswish` (`swish`), `Hardsigmoid` or `hardsigmoid` describes.
    static func make(_ call: BuiltinCall, swish: Bool) throws(RuntimeError) -> HardCurve {
        HardCurve(swish: swish, inplace: try call.bool("inplace"))
    }

    static let swishConstructor = ActivationConstructor.builtin(
        "Hardswish", "x * min(max(x + 3, 0), 6) / 6", [PointwiseActivationBuiltins.inplace]
    ) { call throws(RuntimeError) in try make(call, swish: true) }

    static let sigmoidConstructor = ActivationConstructor.builtin(
        "Hardsigmoid", "min(max(x + 3, 0), 6) / 6", [PointwiseActivationBuiltins.inplace]
    ) { call throws(RuntimeError) in try make(call, swish: false) }
}

/// `Threshold(threshold, value, inplace=False)`: PyTorch's `nn.Threshold`, `value` where `x ≤ threshold`.
final class Threshold: PointwiseActivationModule {
    let trainingFlag = TrainingFlag()
    let written: (threshold: Value, value: Value)
    let inplace: Bool

    init(threshold: Value, value: Value, inplace: Bool) { (written, self.inplace) = ((threshold, value), inplace) }

    var function: PointwiseActivation { .threshold(threshold: written.threshold.asNumber ?? 0, value: written.value.asNumber ?? 0) }
    var description: String {
        "Threshold(threshold=\(PointwiseActivationBuiltins.written(written.threshold)), value=\(PointwiseActivationBuiltins.written(written.value))"
            + (inplace ? ", inplace=True)" : ")")
    }
    var members: [(name: String, value: Value)] { [("threshold", written.threshold), ("value", written.value), ("inplace", .bool(inplace))] }
    var jsonFields: [(String, String)] {
        [("threshold", JSONEncoding.number(written.threshold.asNumber ?? 0)), ("value", JSONEncoding.number(written.value.asNumber ?? 0))]
    }

    static let parameters: [Builtin.Parameter] = [.required("threshold"), .required("value"), PointwiseActivationBuiltins.inplace]

    /// The layer a call of `Threshold` or `threshold` describes.
    static func make(_ call: BuiltinCall) throws(RuntimeError) -> Threshold {
        _ = (try call.number("threshold"), try call.number("value"))
        return Threshold(threshold: call.value("threshold"), value: call.value("value"), inplace: try call.bool("inplace"))
    }

    static let constructor = ActivationConstructor.builtin(
        "Threshold", "value where x <= threshold, x otherwise", parameters, make: make)
}

/// `Softshrink(lambd=0.5)` and `Hardshrink(lambd=0.5)`: PyTorch's `nn.Softshrink` and
/// `nn.Hardshrink`, shown as `Softshrink(0.5)`.
final class Shrink: PointwiseActivationModule {
    let trainingFlag = TrainingFlag()
    /// Soft: `x ∓ lambd` outside `[−lambd, lambd]`; hard: `x` itself there.
    let soft: Bool
    let lambd: Value

    init(soft: Bool, lambd: Value) { (self.soft, self.lambd) = (soft, lambd) }

    var typeName: String { soft ? "Softshrink" : "Hardshrink" }
    var function: PointwiseActivation { soft ? .softshrink(lambd: lambd.asNumber ?? 0.5) : .hardshrink(lambd: lambd.asNumber ?? 0.5) }
    var description: String { "\(typeName)(\(PointwiseActivationBuiltins.written(lambd)))" }
    var members: [(name: String, value: Value)] { [("lambd", lambd)] }
    var jsonFields: [(String, String)] { [("lambd", JSONEncoding.number(lambd.asNumber ?? 0.5))] }

    static let parameters: [Builtin.Parameter] = [.optional("lambd", default: .number(0.5))]

    /// The layer a call of `Softshrink` or `softshrink` (`soft`), `Hardshrink` or `hardshrink` describes.
    static func make(_ call: BuiltinCall, soft: Bool) throws(RuntimeError) -> Shrink {
        _ = try call.number("lambd")
        return Shrink(soft: soft, lambd: call.value("lambd"))
    }

    /// What `F.softshrink` checks before computing, as PyTorch's kernel does: lambd ≥ 0.
    static func makeSoftFunction(_ call: BuiltinCall) throws(RuntimeError) -> Shrink {
        let layer = try make(call, soft: true)
        guard (call.value("lambd").asNumber ?? 0) >= 0 else {
            let limit = if case .tensor(let t) = call.value("x"), t.dtype == .float64 { ("1.79769e+308", "Double") } else { ("3.40282e+38", "Float") }
            throw call.error("lambda must be in range [0, \(limit.0)] for input dtype \(limit.1), but found \(Self.cppNumber(call.value("lambd").asNumber ?? 0))", at: "lambd")
        }
        return layer
    }

    /// A number as C++'s stream writes a double: `-1`, `-0.5`.
    private static func cppNumber(_ value: Double) -> String {
        value == value.rounded() && Swift.abs(value) < 1e15 ? "\(Int(value))" : "\(value)"
    }

    static let softConstructor = ActivationConstructor.builtin(
        "Softshrink", "x - lambd above lambd, x + lambd below -lambd, 0 between", parameters
    ) { call throws(RuntimeError) in try make(call, soft: true) }

    static let hardConstructor = ActivationConstructor.builtin(
        "Hardshrink", "x outside [-lambd, lambd], 0 inside", parameters
    ) { call throws(RuntimeError) in try make(call, soft: false) }
}

/// The constructors of this file's and `SmoothActivations.swift`'s layers, GLU and Softmin, and
/// the functions `F.glu` and `F.softmin`, for the builtin library.
enum ActivationLayers {
    static let piecewise: [Builtin] = [
        Hardtanh.constructor, ReLU6.constructor, HardCurve.swishConstructor, HardCurve.sigmoidConstructor, Threshold.constructor,
        Shrink.softConstructor, Shrink.hardConstructor, SELU.constructor, CELU.constructor, LogSigmoid.constructor,
        Softsign.constructor, Tanhshrink.constructor, GLU.constructor, GLU.function, Softmin.constructor, Softmin.function,
        PReLU.constructor, PReLU.function,
    ]
}
