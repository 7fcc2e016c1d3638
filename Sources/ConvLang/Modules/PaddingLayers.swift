import ConvAutograd
import ConvNumerics

/// `ConstantPad1d(padding, value)`, `ZeroPad1d(padding)`, `ReflectionPad1d(padding)`,
/// `ReplicationPad1d(padding)` and `CircularPad1d(padding)`: PyTorch's 1-D padding layers, each
/// `F.pad(x, padding, mode, value)` (``PadFunction``); `padding` is an int (both sides) or a
/// `(left, right)` tuple, and a negative amount cuts.
/// Not a DifferentiableModule: its own forward takes a tensor inside a graph as it is, so the
/// result's size is checked against the interpreter's limit before the engine pads.
final class PaddingLayer: Module {
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

    func forward(_ call: ModuleCall) throws(RuntimeError) -> Value {
        try call.context.checkInterrupt(at: call.range)
        let x = try AutogradValues.variable(try call.input(), what: "the layer's input", at: call.inputRange)
        if typeName == "CircularPad1d", !(2...3).contains(x.data.rank) {
            throw RuntimeError("expected 2D or 3D input (got \(x.data.rank)D input)", at: call.range, raising: .valueError)
        }
        return try PadFunction.apply(x, sides: padding, mode: mode, value: value?.asNumber ?? 0, context: call.context, at: call.range)
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
