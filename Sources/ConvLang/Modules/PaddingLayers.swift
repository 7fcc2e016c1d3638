import ConvAutograd
import ConvNumerics

/// `ConstantPad1d(padding, value)`, `ZeroPad1d(padding)`, `ReflectionPad1d(padding)`,
/// `ReplicationPad1d(padding)` and `CircularPad1d(padding)`: PyTorch's 1-D padding layers, each
/// `F.pad(x, padding, mode, value)` (``PadFunction``); `padding` is an int (both sides) or a
/// `(left, right)` tuple, and a negative amount cuts.
final class PaddingLayer: TensorModule, DifferentiableModule {
    let trainingFlag = TrainingFlag()
    let typeName: String
    let padding: [Int]
    let mode: String
    /// ConstantPad1d's value as written (PyTorch keeps `ConstantPad1d(2, 1)`'s int); nil for the others.
    let value: Value?

    init(typeName: String, padding: [Int], mode: String, value: Value? = nil) {
        (self.typeName, self.padding, self.mode, self.value) = (typeName, padding, mode, value)
    }

    private var paddingText: String { "(" + padding.map(String.init).joined(separator: ", ") + (padding.count == 1 ? ",)" : ")") }

    var description: String {
        switch typeName {
        case "ConstantPad1d": "ConstantPad1d(padding=\(paddingText), value=\(PointwiseActivationBuiltins.written(value ?? .int(0))))"
        default: "\(typeName)(\(paddingText))"
        }
    }

    var members: [(name: String, value: Value)] {
        let fill: [(name: String, value: Value)] = switch typeName {
        case "ConstantPad1d": [("value", value ?? .int(0))]
        case "ZeroPad1d": [("value", .number(0))]
        default: []
        }
        return [("padding", .tuple(padding.map(Value.int)))] + fill
    }

    var jsonFields: [(String, String)] { [("padding", "[" + padding.map(String.init).joined(separator: ", ") + "]")] }

    var shapeRule: ShapeRule { padding.count == 2 ? ShapeRule(length: PaddedLength(left: padding[0], right: padding[1])) : .unchanged }

    func forward(variable x: Variable) throws(AutogradError) -> Variable {
        guard padding.count == 2, (try? PadFunction.check(shape: x.shape, sides: padding, mode: mode, valueGiven: false)) != nil,
              let paddingMode = mode == "constant" ? PaddingMode.zeros : PaddingMode(rawValue: mode) else {
            throw .invalidArgument("\(typeName): the padding is refused")
        }
        return try Functional.pad(x, left: padding[0], right: padding[1], mode: paddingMode, value: value?.asNumber ?? 0)
    }

    func forward(_ input: Tensor, _ call: ModuleCall) throws(RuntimeError) -> Tensor {
        if typeName == "CircularPad1d", !(2...3).contains(input.rank) {
            throw RuntimeError("expected 2D or 3D input (got \(input.rank)D input)", at: call.range, raising: .valueError)
        }
        let result = try PadFunction.apply(Variable(constant: input), sides: padding, mode: mode, value: value?.asNumber ?? 0, at: call.range)
        return result.asTensor ?? input
    }

    /// `padding` as an int (the same on both sides) or a tuple of ints.
    static func padding(_ call: BuiltinCall) throws(RuntimeError) -> [Int] {
        switch call.value("padding") {
        case .int(let amount): return [amount, amount]
        case .tuple(let items):
            var amounts: [Int] = []
            for item in items {
                guard case .int(let amount) = item else { throw call.error("padding must be an int or a tuple of ints", at: "padding", raising: .typeError) }
                amounts.append(amount)
            }
            return amounts
        default: throw call.error("padding must be an int or a tuple of ints", at: "padding", raising: .typeError)
        }
    }

    /// The constructor of one of the layers, padding in `mode`.
    private static func constructor(
        _ name: String, mode: String, _ summary: String, fill: [Builtin.Parameter] = []
    ) -> Builtin {
        let arguments = (["padding"] + fill.map(\.name)).joined(separator: ", ")
        return Builtin(
            name: name, aliases: ["torch.nn.\(name)"], parameters: [.required("padding")] + fill,
            summary: "a layer padding the last dimension \(summary), as PyTorch's nn.\(name)",
            details: """
            \(name)(\(arguments))

            Pads the last dimension \(summary): padding is an int (both sides) or (left, right); a negative amount cuts.
            It is F.pad(x, padding, mode="\(mode)"\(fill.isEmpty ? "" : ", value=value")) as a layer; it has no weights.
              \(name)(\(fill.isEmpty ? "2" : "2, 0.5"))(torch.tensor([[1., 2., 3.]]))
            """,
            constructsLayer: true,
            body: { call throws(RuntimeError) in
                let value: Value? = switch name {
                case "ConstantPad1d": try { () throws(RuntimeError) -> Value in _ = try call.number("value"); return call.value("value") }()
                case "ZeroPad1d": .number(0)
                default: nil
                }
                return .layer(Layer(PaddingLayer(typeName: name, padding: try padding(call), mode: mode, value: value)))
            })
    }

    static let constructors: [Builtin] = [
        constructor("ConstantPad1d", mode: "constant", "with value", fill: [.required("value")]),
        constructor("ZeroPad1d", mode: "constant", "with zeros"),
        constructor("ReflectionPad1d", mode: "reflect", "by mirroring it about its end samples"),
        constructor("ReplicationPad1d", mode: "replicate", "by repeating its end samples"),
        constructor("CircularPad1d", mode: "circular", "by wrapping around"),
    ]
}

/// A padding layer's output length: `L + left + right`.
struct PaddedLength: LengthRule {
    let left: Int
    let right: Int

    func outputLength(_ length: Int) -> Result<Int, LayerRefusal> {
        guard let out = rawValue(input: length), out >= 0 else {
            return .failure(LayerRefusal(message: "padding (\(left), \(right)) cuts more than the \(length) samples of the input"))
        }
        return .success(out)
    }

    func formula(input: String, output: String, inputLength: Int?) -> String? { "\(output) = \(input) + \(left) + \(right)" }
    func simplified(input: String) -> String? { Self.linear(1, input, Self.linearSum([(left, 1), (right, 1)])) }
    func rawValue(input length: Int) -> Int? { Self.linearSum([(length, 1), (left, 1), (right, 1)]) }
}
