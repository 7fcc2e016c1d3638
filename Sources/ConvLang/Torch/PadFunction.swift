import ConvAutograd
import ConvNumerics

/// PyTorch's `F.pad` on the last dimension, and the checks it makes, in its words: the padding
/// layers (`Modules/PaddingLayers.swift`) run through here too.
enum PadFunction {
    /// A refusal in PyTorch's words, with the Python error class it raises (nil: RuntimeError).
    struct Refusal: Error {
        let message: String
        var errorClass: PythonErrorClass? = nil

        func located(at range: SourceRange) -> RuntimeError {
            guard let errorClass else { return RuntimeError(message, at: range) }
            return RuntimeError(message, at: range, raising: errorClass)
        }
    }

    /// `F.pad(x, pad, mode="constant", value=None)`.
    static let pad = Builtin(
        name: "pad", aliases: ["torch.nn.functional.pad"],
        parameters: [.required("x", "input"), .required("pad"), .optional("mode", default: .string("constant")),
                     .optional("value", default: .none)],
        summary: "pads the last dimension, as PyTorch's F.pad",
        details: """
        F.pad(x, (left, right), mode="constant", value=0)

        Pads the last dimension: with value (mode="constant", zeros by default), or by mirroring ("reflect"),
        repeating the end samples ("replicate") or wrapping around ("circular"); a negative amount cuts.
          F.pad(torch.tensor([[1., 2., 3.]]), (1, 2), mode="replicate")
        """,
        body: { call throws(RuntimeError) in
            let x = try AutogradValues.variable(call.value("x"), what: "pad's argument 'x'", at: call.range(of: "x"))
            let sides = try sides(call.value("pad"), at: call.range(of: "pad"))
            let valueGiven = if case .none = call.value("value") { false } else { true }
            let value = valueGiven ? try call.number("value") : 0
            return try apply(x, sides: sides, mode: try call.string("mode"), value: value, valueGiven: valueGiven,
                             context: call.context, at: call.range)
        })

    /// `x` padded as `F.pad(x, sides, mode, value)`, or PyTorch's refusal at `range`.
    static func apply(
        _ x: Variable, sides: [Int], mode name: String, value: Double, valueGiven: Bool = false, context: EvaluationContext,
        at range: SourceRange
    ) throws(RuntimeError) -> Value {
        let mode: PaddingMode
        do { mode = try check(shape: x.shape, sides: sides, mode: name, valueGiven: valueGiven) } catch { throw error.located(at: range) }
        // The result's size is checked before anything is made: padding may ask for any length.
        let (grown, overflow) = (x.shape.last ?? 0).addingReportingOverflow(Swift.max(sides[0], 0).addingReportingOverflow(Swift.max(sides[1], 0)).partialValue)
        try context.checkElementCount(of: Array(x.shape.dropLast()) + [overflow ? Int.max : grown], at: range)
        return try AutogradValues.run(at: range) { () throws(AutogradError) in
            try Functional.pad(x, left: sides[0], right: sides[1], mode: mode, value: value)
        }
    }

    /// The amounts of `F.pad`'s `pad`: a tuple or list of ints.
    static func sides(_ value: Value, at range: SourceRange) throws(RuntimeError) -> [Int] {
        let items: [Value]
        switch value {
        case .tuple(let tuple): items = tuple
        case .list(let list): items = list.items
        // A list literal of numbers is a conv vector, whose whole numbers were ints as written.
        case .tensor(let vector) where vector.rank == 1:
            items = vector.scalars.map { $0 == $0.rounded() && Swift.abs($0) < 1e15 ? .int(Int($0)) : .number($0) }
        default:
            throw RuntimeError("pad(): argument 'pad' (position 2) must be tuple of ints, not \(PythonText.typeName(value))",
                               at: range, raising: .typeError)
        }
        var sides: [Int] = []
        for (position, item) in items.enumerated() {
            guard case .int(let amount) = item else {
                throw RuntimeError("pad(): argument 'pad' (position 2) must be tuple of ints, but found element of type "
                                   + "\(PythonText.typeName(item)) at pos \(position)", at: range, raising: .typeError)
            }
            sides.append(amount)
        }
        return sides
    }

    /// The mode `F.pad` pads an input of `shape` with `sides` in, after PyTorch's checks.
    static func check(shape: [Int], sides: [Int], mode name: String, valueGiven: Bool) throws(Refusal) -> PaddingMode {
        guard sides.count % 2 == 0 else { throw Refusal(message: "Padding length must be divisible by 2") }
        guard let mode = name == "constant" ? PaddingMode.zeros : PaddingMode(rawValue: name), name != "zeros" else {
            throw Refusal(message: "Unrecognised padding mode \(name)", errorClass: .notImplementedError)
        }
        if mode != .zeros, valueGiven { throw Refusal(message: "Padding mode \"\(name)\" doesn't take in value argument") }
        if mode == .zeros {
            guard sides.count / 2 <= shape.count else {
                throw Refusal(message: "Padding length should be less than or equal to two times the input dimension but got padding length "
                              + "\(sides.count) and input of dimension \(shape.count)")
            }
        } else if sides.count != 2 || !(2...3).contains(shape.count) {
            throw Refusal(message: """
                Padding size \(sides.count) is not supported for \(shape.count)D input tensor.
                Supported combinations for non-constant padding:
                  - 2D or 3D input: padding size = 2 (pads last dimension)
                  - 3D or 4D input: padding size = 4 (pads last 2 dimensions)
                  - 4D or 5D input: padding size = 6 (pads last 3 dimensions)
                """, errorClass: .notImplementedError)
        }
        guard sides.count == 2 else {
            throw Refusal(message: "conv's F.pad pads the last dimension only: give pad as (left, right)", errorClass: .notImplementedError)
        }
        let length = shape.last ?? 0
        switch mode {
        case .reflect, .replicate:
            guard shape.dropFirst().allSatisfy({ $0 > 0 }) else {
                throw Refusal(message: "Expected 2D or 3D (batch mode) tensor with possibly 0 batch size and other non-zero dimensions "
                              + "for input, but got: \(shapeList(shape))")
            }
            if mode == .reflect, sides[0] >= length || sides[1] >= length {
                throw Refusal(message: "Argument #4: Padding size should be less than the corresponding input dimension, but got: "
                              + "padding (\(sides[0]), \(sides[1])) at dimension \(shape.count - 1) of input \(shapeList(shape))")
            }
        case .circular:
            guard sides[0] <= length, sides[1] <= length else { throw Refusal(message: "Padding value causes wrapping around more than once.") }
        case .zeros:
            break
        }
        return mode
    }
}

extension PadFunction {
    /// A shape as PyTorch's messages write it: `[1, 4]`.
    static func shapeList(_ shape: [Int]) -> String { "[" + shape.map(String.init).joined(separator: ", ") + "]" }
}
