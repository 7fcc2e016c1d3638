import ConvNumerics

/// `summary(model, shape)`.
enum ModelBuiltins {
    static let all: [Builtin] = [summary]

    static let summary = Builtin(
        name: "summary", parameters: [.required("model"), .required("shape", "input_size")],
        summary: "a table of each layer's output shape and parameter count",
        details: """
        summary(model, shape)   like torchinfo's summary(model, input_size=shape)

        Runs the model (a Sequential or any layer) on zeros of the given shape and shows,
        for every layer, the shape it gives and how many weights and biases it learns,
        then the totals. A shape the model cannot take is reported at the layer that fails.

        Example:
          seed(0)
          summary(Sequential(Conv1d(1, 4, 3, p=1), ReLU(), MaxPool1d(2)), (1, 1, 16))
        """,
        body: { call throws(RuntimeError) in
            guard case .layer(let layer) = call.value("model") else {
                throw call.error("summary needs a layer or a Sequential model, not \(call.value("model").typeDescription)", at: "model")
            }
            let shape = try shapeArgument(call)
            if let user = layer.module as? UserModule {
                let run = try LayerTrace.run(user, shape: shape, range: call.range, context: call.context)
                let table = SummaryTable(modelName: user.typeName, inputShape: shape, steps: LayerTrace.steps(of: run.entries, in: user),
                                         output: run.output.shape, totalParameters: user.parameterCount)
                call.context.output(.printed([.string(table.rendered)]))
                return .none
            }
            try call.context.checkElementCount(of: shape, at: call.range(of: "shape"))
            guard let input = Tensor(repeating: 0, shape: shape) else { throw call.error("invalid shape \(shape)", at: "shape") }
            let model = layer.module as? any ModuleSequence ?? Sequential(layers: [layer.module])
            let modelCall = ModuleCall(arguments: [.init(value: .tensor(input), range: call.range(of: "shape"))],
                                       range: call.range, context: call.context)
            let trace = try model.trace(input, modelCall)
            let table = SummaryTable(modelName: layer.typeName, inputShape: shape, steps: trace.steps,
                                     output: trace.output.shape, totalParameters: layer.module.parameterCount)
            call.context.output(.printed([.string(table.rendered)]))
            return .none
        })

    /// A shape written as a tuple `(1, 1, 16)` or a list `[1, 1, 16]`.
    private static func shapeArgument(_ call: BuiltinCall) throws(RuntimeError) -> [Int] {
        let items: [Value]
        switch call.value("shape") {
        case .tuple(let values): items = values
        case .tensor(let tensor) where tensor.rank == 1: items = tensor.scalars.map(Value.number)
        case .number, .int: items = [call.value("shape")]
        case let other:
            throw call.error("summary's shape must be a tuple such as (1, 1, 16), not \(other.typeDescription)", at: "shape")
        }
        var shape: [Int] = []
        for item in items {
            shape.append(try Coercion.integer(item, what: "a size in summary's shape", at: call.range(of: "shape"), in: 0...Int.max))
        }
        return shape
    }
}

/// The text of `summary(...)`: one row per layer, nested models indented, then totals.
struct SummaryTable {
    var modelName: String
    var inputShape: [Int]
    var steps: [ModuleStep]
    var output: [Int]
    var totalParameters: Int

    var rendered: String {
        var rows: [(String, String, String)] = [("Input", Self.shapeText(inputShape), "--")]
        for step in steps {
            let name = String(repeating: "  ", count: step.depth) + "(\(step.path)): \(step.layer.typeName)"
            // A model's own row shows no count: its layers' rows show theirs.
            let count = step.layer.children.isEmpty ? step.layer.parameterCount : 0
            let countText = count == 0 ? "--" : Self.grouped(count)
            rows.append((name, Self.shapeText(step.output.shape), countText))
        }
        let header = ("Layer (type)", "Output Shape", "Param #")
        let nameWidth = max(30, (rows.map(\.0.count) + [header.0.count]).max() ?? 0) + 2
        let shapeWidth = max(20, (rows.map(\.1.count) + [header.1.count]).max() ?? 0) + 2
        let countWidth = max(10, (rows.map(\.2.count) + [header.2.count]).max() ?? 0)
        let rule = String(repeating: "=", count: nameWidth + shapeWidth + countWidth)
        func line(_ row: (String, String, String)) -> String {
            Self.padded(row.0, nameWidth) + Self.padded(row.1, shapeWidth)
                + String(repeating: " ", count: max(0, countWidth - row.2.count)) + row.2
        }
        var lines = [modelName + " summary", rule, line(header), rule]
        lines += rows.map(line)
        lines += [rule, "Total params: \(Self.grouped(totalParameters))", "Output shape: \(Self.shapeText(output))", rule]
        return lines.joined(separator: "\n")
    }

    static func shapeText(_ shape: [Int]) -> String { "[" + shape.map(String.init).joined(separator: ", ") + "]" }

    static func padded(_ text: String, _ width: Int) -> String {
        text + String(repeating: " ", count: max(1, width - text.count))
    }

    /// `12345` → `12,345`.
    static func grouped(_ n: Int) -> String {
        let digits = String(n)
        var result = ""
        for (index, digit) in digits.enumerated() {
            if index > 0, (digits.count - index) % 3 == 0 { result.append(",") }
            result.append(digit)
        }
        return result
    }
}
